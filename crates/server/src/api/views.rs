//! Reading a map now, at a moment or in a snapshot; its analysis, change chapter and
//! person-centred care maps; history, undo and snapshots.

use axum::extract::State;
use axum::http::StatusCode;
use caremap_core::analysis::person::{compare_person_maps, person_map};
use caremap_core::analysis::{analyse, diff, AnalysisOptions};
use caremap_core::model::ElementId;
use caremap_core::Network;
use caremap_store::{ItemKind, MapId, Role, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use axum::response::IntoResponse;

use crate::auth::Caller;
use crate::cache;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

/// Which version of the map to read.
#[derive(Debug, Default, Deserialize)]
pub struct ViewQuery {
    /// A moment: a date or an RFC 3339 time.
    pub at: Option<String>,
    /// A snapshot's name.
    pub snapshot: Option<String>,
    /// `auto`: elements without a position get one (for the map in the browser).
    #[serde(default)]
    pub layout: Option<String>,
}

/// Whether the `layout` parameter asks for positions: `auto` yes, `none` or absent no.
pub fn wants_layout(layout: Option<&str>) -> ApiResult<bool> {
    match layout {
        None | Some("none") => Ok(false),
        Some("auto") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "layout '{other}' is not known: use auto (positions for elements without one) or none"
        ))),
    }
}

/// Gives positions to the elements that have none (ForceAtlas2, seeded, keeping the placed
/// ones where they are), so a map opens arranged. Off the async threads.
pub async fn with_layout(mut network: Network, laid_out: bool) -> ApiResult<Network> {
    if !laid_out || network.elements.iter().all(|e| e.position.is_some()) {
        return Ok(network);
    }
    blocking(move || {
        let options = caremap_core::layout::ForceAtlas2Options {
            keep_existing: true,
            ..Default::default()
        };
        caremap_core::layout::apply_layout(&mut network, &options);
        network
    })
    .await
}

/// A moment from a date (the end of that day, UTC) or an RFC 3339 time.
pub fn parse_moment(text: &str, what: &str) -> ApiResult<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let next = d.succ_opt().unwrap_or(d);
        return Ok(next.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
            - chrono::Duration::microseconds(1));
    }
    Err(ApiError::bad_request(format!(
        "{what}: '{text}' is neither a date (2026-03-31) nor a time (2026-03-31T18:00:00Z)"
    )))
}

/// One side of a comparison: `snapshot:NAME`, `now`, a date or a time.
async fn load_side(state: &AppState, map: MapId, spec: &str, what: &str) -> ApiResult<Network> {
    if let Some(name) = spec.strip_prefix("snapshot:") {
        return snapshot(state, map, name).await;
    }
    if spec.trim() == "now" {
        return Ok(state.store.load_network(map).await?);
    }
    let at = parse_moment(spec, what)?;
    as_of(state, map, at).await
}

/// The map as it was at `at`. Before the map was made it held nothing, so a moment before then
/// reads as the map at its making (no elements, no connections) rather than as an error.
async fn as_of(state: &AppState, map: MapId, at: DateTime<Utc>) -> ApiResult<Network> {
    let created = state.store.map(map).await?.created;
    Ok(state.store.network_as_of(map, at.max(created)).await?)
}

async fn snapshot(state: &AppState, map: MapId, name: &str) -> ApiResult<Network> {
    match state.store.snapshot_network(map, name).await {
        Err(StoreError::NotFound { .. }) => Err(ApiError::not_found_hint(
            format!("snapshot '{name}'"),
            &format!("GET /api/v1/maps/{map}/snapshots lists them"),
        )),
        other => Ok(other?),
    }
}

/// The network the query names: now, at a moment, or in a snapshot.
pub async fn load_view(state: &AppState, map: MapId, view: &ViewQuery) -> ApiResult<Network> {
    match (&view.at, &view.snapshot) {
        (Some(_), Some(_)) => Err(ApiError::bad_request(
            "give either 'at' or 'snapshot', not both",
        )),
        (None, Some(name)) => snapshot(state, map, name).await,
        (Some(at), None) => {
            let at = parse_moment(at, "at")?;
            as_of(state, map, at).await
        }
        (None, None) => Ok(state.store.load_network(map).await?),
    }
}

/// Runs CPU-heavy work off the async threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> ApiResult<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!(error = %e, "analysis task failed");
        ApiError::internal()
    })
}

/// `GET /api/v1/maps/{map}/network`.
pub async fn network(
    State(state): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    Path(map): Path<MapId>,
    Query(view): Query<ViewQuery>,
) -> ApiResult<axum::response::Response> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let laid_out = wants_layout(view.layout.as_deref())?;
    if view.at.is_some() || view.snapshot.is_some() {
        let network = load_view(&state, map, &view).await?;
        let network = with_layout(network, laid_out).await?;
        return Ok(axum::Json(network).into_response());
    }
    // The map as it is now: served from the cache while its revision is unchanged.
    let kind = if laid_out {
        cache::View::MemberLaidOut
    } else {
        cache::View::Member
    };
    cache::serve(&state, &headers, map, kind, || async {
        let network = state.store.load_network(map).await?;
        cache::to_json(with_layout(network, laid_out).await?).await
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct AnalysisQuery {
    at: Option<String>,
    snapshot: Option<String>,
    seed: Option<u64>,
}

/// The analysis of a network, off the async threads.
pub async fn analyse_json(network: Network, seed: Option<u64>) -> ApiResult<Value> {
    blocking(move || {
        let mut options = AnalysisOptions::default();
        if let Some(seed) = seed {
            options.seed = seed;
        }
        serde_json::to_value(analyse(&network, &options)).unwrap_or(Value::Null)
    })
    .await
}

/// `GET /api/v1/maps/{map}/analysis`.
pub async fn analysis(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    headers: axum::http::HeaderMap,
    Query(q): Query<AnalysisQuery>,
) -> ApiResult<axum::response::Response> {
    caller.role_in(&state, map, Role::Viewer).await?;
    // The analysis of the map as it is now, with the default seed, is kept per revision:
    // on a large map it takes seconds, and it is what the browser app asks for on every visit.
    if q.at.is_none() && q.snapshot.is_none() && q.seed.is_none() {
        return cache::serve(&state, &headers, map, cache::View::Analysis, || async {
            let network = state.store.load_network(map).await?;
            cache::to_json(analyse_json(network, None).await?).await
        })
        .await;
    }
    let view = ViewQuery {
        at: q.at,
        snapshot: q.snapshot,
        layout: None,
    };
    let network = load_view(&state, map, &view).await?;
    Ok(axum::Json(analyse_json(network, q.seed).await?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct ChangeQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /api/v1/maps/{map}/change`.
pub async fn change(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Query(q): Query<ChangeQuery>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let from = q.from.ok_or_else(|| {
        ApiError::bad_request(
            "say what to compare with: ?from=2026-01-01 or ?from=snapshot:NAME (and optionally &to=...)",
        )
    })?;
    let old = load_side(&state, map, &from, "from").await?;
    let new = load_side(&state, map, q.to.as_deref().unwrap_or("now"), "to").await?;
    blocking(move || serde_json::to_value(diff(&old, &new)).unwrap_or(Value::Null))
        .await
        .map(Json)
}

#[derive(Debug, Deserialize)]
pub struct PersonQuery {
    at: Option<String>,
    snapshot: Option<String>,
    against: Option<String>,
}

/// `GET /api/v1/maps/{map}/people/{element}/care-map`.
pub async fn person_care_map(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, element)): Path<(MapId, String)>,
    Query(q): Query<PersonQuery>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let view = ViewQuery {
        at: q.at,
        snapshot: q.snapshot,
        layout: None,
    };
    let network = load_view(&state, map, &view).await?;
    let id = ElementId(element.clone());
    let older = match &q.against {
        Some(spec) => Some(load_side(&state, map, spec, "against").await?),
        None => None,
    };
    let answer = blocking(move || -> ApiResult<Value> {
        let now = person_map(&network, &id)
            .ok_or_else(|| ApiError::not_found(format!("element '{id}' in this map")))?;
        match older {
            None => Ok(serde_json::to_value(&now).unwrap_or(Value::Null)),
            Some(old) => {
                let before = person_map(&old, &id).ok_or_else(|| {
                    ApiError::unprocessable(format!(
                        "element '{id}' is not in the earlier version, so there is nothing to compare"
                    ))
                })?;
                Ok(json!({
                    "care_map": now,
                    "change": compare_person_maps(&before, &now),
                }))
            }
        }
    })
    .await??;
    Ok(Json(answer))
}

#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    limit: Option<i64>,
    element: Option<String>,
    connection: Option<String>,
}

/// `GET /api/v1/maps/{map}/history`.
pub async fn history(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Query(q): Query<HistoryQuery>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let limit = q.limit.unwrap_or(100);
    if !(1..=10_000).contains(&limit) {
        return Err(ApiError::bad_request("limit must be between 1 and 10000"));
    }
    let history = match (q.element, q.connection) {
        (None, None) => state.store.history(map, limit).await?,
        (Some(id), None) => {
            state
                .store
                .item_history(map, ItemKind::Element, &id, limit)
                .await?
        }
        (None, Some(id)) => {
            state
                .store
                .item_history(map, ItemKind::Connection, &id, limit)
                .await?
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "give element or connection, not both",
            ))
        }
    };
    Ok(Json(json!({ "history": history })))
}

/// `POST /api/v1/maps/{map}/history/{seq}/undo`.
pub async fn undo(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, seq)): Path<(MapId, i64)>,
) -> ApiResult<Json<caremap_store::Applied>> {
    caller.role_in(&state, map, Role::Editor).await?;
    Ok(Json(state.store.undo(map, seq, &caller.actor()).await?))
}

/// `GET /api/v1/maps/{map}/snapshots`.
pub async fn snapshots(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    Ok(Json(
        json!({ "snapshots": state.store.list_snapshots(map).await? }),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSnapshot {
    name: String,
}

/// `POST /api/v1/maps/{map}/snapshots`.
pub async fn create_snapshot(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<NewSnapshot>,
) -> ApiResult<(StatusCode, Json<caremap_store::Snapshot>)> {
    caller.role_in(&state, map, Role::Editor).await?;
    let name = body.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::unprocessable(
            "give the snapshot a name of 1 to 200 characters, e.g. 'end of pilot'",
        ));
    }
    let snap = state
        .store
        .create_snapshot(map, name, &caller.actor())
        .await?;
    Ok((StatusCode::CREATED, Json(snap)))
}
