//! A person's rights over their data: export everything the map holds about them, and erase
//! them from the map, its history and its snapshots.

use axum::extract::State;
use caremap_core::model::{Connection, Element, ElementId};
use caremap_store::{ItemKind, MapId, Role};
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

/// True when a history item's JSON (an element or a connection) is about `id`.
fn touches(value: &Option<Value>, kind: ItemKind, id: &str) -> bool {
    let Some(v) = value else { return false };
    match kind {
        ItemKind::Element => v.get("id").and_then(Value::as_str) == Some(id),
        ItemKind::Connection => {
            v.get("from").and_then(Value::as_str) == Some(id)
                || v.get("to").and_then(Value::as_str) == Some(id)
        }
        ItemKind::Map => false,
    }
}

/// Other items whose free text mentions the person's name: erasure cannot know whether such a
/// mention is about them, so it lists them for a person to edit.
fn mentions(network: &caremap_core::Network, person: &Element) -> Vec<Value> {
    let name = person.label.trim().to_lowercase();
    if name.len() < 3 {
        return Vec::new();
    }
    let has = |text: &str| text.to_lowercase().contains(&name);
    let mut out = Vec::new();
    for e in network.elements.iter().filter(|e| e.id != person.id) {
        if has(&e.description) || has(&e.label) || e.tags.iter().any(|t| has(t)) {
            out.push(json!({"kind": "element", "id": e.id, "label": e.label}));
        }
    }
    for c in network.connections.iter() {
        let text = [
            c.description.as_str(),
            c.label.as_deref().unwrap_or(""),
            c.kind.as_deref().unwrap_or(""),
        ];
        if text.iter().any(|t| has(t)) {
            out.push(json!({"kind": "connection", "id": c.id}));
        }
    }
    out
}

/// The connections of a network that touch the element `id`.
pub fn touching<'a>(network: &'a caremap_core::Network, id: &str) -> Vec<&'a Connection> {
    network
        .connections
        .iter()
        .filter(|c| c.from.as_str() == id || c.to.as_str() == id)
        .collect()
}

/// `GET /api/v1/maps/{map}/people/{element}/export`.
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, id)): Path<(MapId, String)>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Owner).await?;
    let network = state.store.load_network(map).await?;
    let element = network.element(&ElementId(id.clone())).cloned();
    let connections = touching(&network, &id);
    let history: Vec<_> = state
        .store
        .history(map, i64::MAX)
        .await?
        .into_iter()
        .filter(|h| {
            (h.item_kind == ItemKind::Element && h.item_id == id)
                || touches(&h.before, h.item_kind, &id)
                || touches(&h.after, h.item_kind, &id)
        })
        .collect();
    let mut snapshots = Vec::new();
    for snap in state.store.list_snapshots(map).await? {
        let saved = state.store.snapshot_network(map, &snap.name).await?;
        if let Some(e) = saved.elements.iter().find(|e| e.id.as_str() == id) {
            let conns = touching(&saved, &id);
            snapshots.push(
                json!({"snapshot": snap.name, "at": snap.at, "element": e, "connections": conns}),
            );
        }
    }
    if element.is_none() && history.is_empty() && snapshots.is_empty() {
        return Err(ApiError::not_found(format!(
            "anything about element '{id}' in map {map}"
        )));
    }
    tracing::info!(map, actor = %caller.actor(), "person export");
    Ok(Json(json!({
        "map": map,
        "element": element,
        "connections": connections,
        "history": history,
        "snapshots": snapshots,
        "exported": chrono::Utc::now(),
    })))
}

/// `POST /api/v1/maps/{map}/people/{element}/erase`.
pub async fn erase(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, id)): Path<(MapId, String)>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Owner).await?;
    let network = state.store.load_network(map).await?;
    let person = network.element(&ElementId(id.clone())).cloned();
    let summary = state.store.erase_element(map, &id, &caller.actor()).await?;
    if summary.elements == 0 && summary.history_rows == 0 && summary.snapshots == 0 {
        return Err(ApiError::not_found(format!("element '{id}' in map {map}")));
    }
    let left = match &person {
        Some(p) => mentions(&state.store.load_network(map).await?, p),
        None => Vec::new(),
    };
    tracing::info!(map, actor = %caller.actor(), "person erased");
    Ok(Json(json!({
        "erased": summary,
        "mentions": left,
        "note": if left.is_empty() {
            "erased from the map, its history and its snapshots".to_string()
        } else {
            format!("erased from the map, its history and its snapshots; {} other item(s) mention the name in their own text: edit them if the mention is about this person", left.len())
        },
    })))
}
