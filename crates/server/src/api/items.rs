//! Elements and connections: read, create, update, delete, and batches of changes.
//!
//! Every item has a version; `GET` answers it in the body and as the `ETag`. `PUT` and `DELETE`
//! must send `If-Match` with the version they read: a stale one is a 409 with the current
//! version, and nothing changes. Without `If-Match` the answer is 428, so an edit can never
//! silently overwrite someone else's.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use caremap_core::model::{Connection, Element, ElementId};
use caremap_store::{Change, ItemKind, MapId, Role, Versioned, VocabularyGrowth};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

/// The `ETag` of a version.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits are a valid header")
}

/// The version named by `If-Match` (`"3"`, `W/"3"` or `3`); 428 when missing.
pub fn if_match(headers: &HeaderMap) -> ApiResult<i64> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "version_required",
            "send 'If-Match' with the version you read (the ETag of the GET), so that nobody's change is overwritten",
        ));
    };
    let text = value.to_str().unwrap_or("").trim();
    let text = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    text.parse().map_err(|_| {
        ApiError::bad_request(format!(
            "'If-Match: {text}' is not a version; send the ETag the GET gave, e.g. If-Match: \"3\""
        ))
    })
}

fn versioned<T: serde::Serialize>(status: StatusCode, v: &Versioned<T>) -> Response {
    let mut response = (status, axum::Json(v)).into_response();
    response.headers_mut().insert(header::ETAG, etag(v.version));
    response
}

/// A new item from its JSON; a missing or empty `id` is made up afterwards.
fn new_item<T: serde::de::DeserializeOwned>(mut body: Value, what: &str) -> ApiResult<T> {
    if let Some(fields) = body.as_object_mut() {
        fields.entry("id").or_insert(Value::String(String::new()));
    }
    serde_json::from_value(body)
        .map_err(|e| ApiError::bad_request(format!("the {what} in the body is not right: {e}")))
}

/// A short random id for an item sent without one.
fn new_id(prefix: &str) -> String {
    let secret = crate::auth::new_secret("");
    format!("{prefix}{}", &secret[..10])
}

fn check_element(e: &Element) -> ApiResult<()> {
    if e.label.trim().is_empty() {
        return Err(ApiError::unprocessable(format!(
            "element '{}': the label is empty; every element needs a name",
            e.id
        )));
    }
    if e.id.as_str().len() > 200 {
        return Err(ApiError::unprocessable(
            "an element id must have at most 200 characters",
        ));
    }
    Ok(())
}

fn check_connection(c: &Connection) -> ApiResult<()> {
    if c.from.as_str().is_empty() || c.to.as_str().is_empty() {
        return Err(ApiError::unprocessable(format!(
            "connection '{}': 'from' and 'to' must name elements of the map",
            c.id
        )));
    }
    if c.id.as_str().len() > 200 {
        return Err(ApiError::unprocessable(
            "a connection id must have at most 200 characters",
        ));
    }
    Ok(())
}

/// Makes the categories and care types the changes use part of the map's vocabulary, as an
/// import does: common spellings are read as the map's names ("Charity" is the charity
/// category), new names are added (a category of unknown sector, a care type without a
/// definition). Returns what was done, one sentence each, and the names to add, which the
/// store adds in the transaction of the changes (so a refused change adds nothing, and two
/// edits adding names at once both keep theirs).
async fn absorb_vocabulary(
    state: &AppState,
    map: MapId,
    changes: &mut [Change],
) -> ApiResult<(Vec<String>, VocabularyGrowth)> {
    let meta = state.store.meta(map).await?;
    let mut scratch = caremap_core::Network::new(&meta.name);
    scratch.categories = meta.categories.clone();
    scratch.care_types = meta.care_types.clone();
    let mut notes = Vec::new();
    for change in changes.iter_mut() {
        match change {
            Change::CreateElement { element } | Change::UpdateElement { element, .. } => {
                let (name, note) = scratch.resolve_category(&element.category);
                element.category = name;
                notes.extend(note);
                for t in element.care_types.iter_mut() {
                    let (name, note) = scratch.resolve_care_type(t);
                    *t = name;
                    notes.extend(note);
                }
            }
            Change::CreateConnection { connection }
            | Change::UpdateConnection { connection, .. } => {
                for t in connection.care_flowing.iter_mut() {
                    let (name, note) = scratch.resolve_care_type(t);
                    *t = name;
                    notes.extend(note);
                }
            }
            _ => {}
        }
    }
    let growth = VocabularyGrowth {
        categories: scratch.categories.split_off(meta.categories.len()),
        care_types: scratch.care_types.split_off(meta.care_types.len()),
    };
    Ok((notes, growth))
}

/// Applies changes in one transaction, with the new vocabulary names they use.
async fn apply_absorbing(
    state: &AppState,
    map: MapId,
    mut changes: Vec<Change>,
    actor: &str,
) -> Result<(Vec<caremap_store::Applied>, Vec<String>), ApiError> {
    let (notes, growth) = absorb_vocabulary(state, map, &mut changes).await?;
    let applied = state
        .store
        .apply_growing(map, changes, &growth, actor)
        .await?;
    Ok((applied, notes))
}

/// Applies one change (see [`apply_absorbing`]).
async fn apply_one(state: &AppState, map: MapId, change: Change, actor: &str) -> ApiResult<()> {
    apply_absorbing(state, map, vec![change], actor).await?;
    Ok(())
}

/// `GET /api/v1/maps/{map}/elements`.
pub async fn list_elements(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let network = state.store.load_network(map).await?;
    let versions = state.store.versions(map).await?;
    let version_of = |id: &str| {
        versions
            .iter()
            .find(|(k, i, _)| *k == ItemKind::Element && i == id)
            .map(|v| v.2)
            .unwrap_or(1)
    };
    let list: Vec<Value> = network
        .elements
        .iter()
        .map(|e| json!({"item": e, "version": version_of(e.id.as_str())}))
        .collect();
    Ok(Json(json!({ "elements": list })))
}

/// `GET /api/v1/maps/{map}/connections`.
pub async fn list_connections(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let network = state.store.load_network(map).await?;
    let versions = state.store.versions(map).await?;
    let by_id: std::collections::HashMap<&str, i64> = versions
        .iter()
        .filter(|(k, _, _)| *k == ItemKind::Connection)
        .map(|(_, i, v)| (i.as_str(), *v))
        .collect();
    let list: Vec<Value> = network
        .connections
        .iter()
        .map(|c| json!({"item": c, "version": by_id.get(c.id.as_str()).copied().unwrap_or(1)}))
        .collect();
    Ok(Json(json!({ "connections": list })))
}

/// `GET /api/v1/maps/{map}/elements/{element}`.
pub async fn get_element(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, id)): Path<(MapId, String)>,
) -> ApiResult<Response> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let v = state.store.element(map, &id).await?;
    Ok(versioned(StatusCode::OK, &v))
}

/// What creating and replacing needs to know of an element or a connection, so that both are
/// handled by one pair of functions.
trait Item: serde::Serialize + serde::de::DeserializeOwned + Send + 'static {
    /// "element" or "connection", for messages.
    const KIND: &'static str;
    /// The prefix of made-up ids.
    const PREFIX: &'static str;
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    fn check(&self) -> ApiResult<()>;
    fn create(self) -> Change;
    fn update(self, expected_version: i64) -> Change;
    async fn stored(state: &AppState, map: MapId, id: &str) -> ApiResult<Versioned<Self>>;
}

impl Item for Element {
    const KIND: &'static str = "element";
    const PREFIX: &'static str = "e-";
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn set_id(&mut self, id: String) {
        self.id = ElementId(id);
    }
    fn check(&self) -> ApiResult<()> {
        check_element(self)
    }
    fn create(self) -> Change {
        Change::CreateElement { element: self }
    }
    fn update(self, expected_version: i64) -> Change {
        Change::UpdateElement {
            element: self,
            expected_version,
        }
    }
    async fn stored(state: &AppState, map: MapId, id: &str) -> ApiResult<Versioned<Self>> {
        Ok(state.store.element(map, id).await?)
    }
}

impl Item for Connection {
    const KIND: &'static str = "connection";
    const PREFIX: &'static str = "c-";
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn set_id(&mut self, id: String) {
        self.id = caremap_core::model::ConnectionId(id);
    }
    fn check(&self) -> ApiResult<()> {
        check_connection(self)
    }
    fn create(self) -> Change {
        Change::CreateConnection { connection: self }
    }
    fn update(self, expected_version: i64) -> Change {
        Change::UpdateConnection {
            connection: self,
            expected_version,
        }
    }
    async fn stored(state: &AppState, map: MapId, id: &str) -> ApiResult<Versioned<Self>> {
        Ok(state.store.connection(map, id).await?)
    }
}

/// Creates an item from a JSON body (a missing or empty id is made up); 201 with its ETag.
async fn create<T: Item>(
    state: &AppState,
    caller: &Caller,
    map: MapId,
    body: Value,
) -> ApiResult<Response> {
    caller.role_in(state, map, Role::Editor).await?;
    let mut item: T = new_item(body, T::KIND)?;
    if item.id().trim().is_empty() {
        item.set_id(new_id(T::PREFIX));
    }
    item.check()?;
    let id = item.id().to_string();
    apply_one(state, map, item.create(), &caller.actor()).await?;
    Ok(versioned(
        StatusCode::CREATED,
        &T::stored(state, map, &id).await?,
    ))
}

/// Replaces an item named by the address, with the version `If-Match` names.
async fn update<T: Item>(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    map: MapId,
    id: String,
    mut item: T,
) -> ApiResult<Response> {
    caller.role_in(state, map, Role::Editor).await?;
    let expected_version = if_match(headers)?;
    if item.id().is_empty() {
        item.set_id(id.clone());
    }
    if item.id() != id {
        return Err(ApiError::unprocessable(format!(
            "the body is {} '{}' but the address names '{id}'; an id cannot change",
            T::KIND,
            item.id(),
        )));
    }
    item.check()?;
    apply_one(state, map, item.update(expected_version), &caller.actor()).await?;
    Ok(versioned(
        StatusCode::OK,
        &T::stored(state, map, &id).await?,
    ))
}

/// `POST /api/v1/maps/{map}/elements`.
pub async fn create_element(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    create::<Element>(&state, &caller, map, body).await
}

/// `PUT /api/v1/maps/{map}/elements/{element}`.
pub async fn update_element(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((map, id)): Path<(MapId, String)>,
    Json(element): Json<Element>,
) -> ApiResult<Response> {
    update(&state, &caller, &headers, map, id, element).await
}

/// `POST /api/v1/maps/{map}/connections`.
pub async fn create_connection(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    create::<Connection>(&state, &caller, map, body).await
}

/// `PUT /api/v1/maps/{map}/connections/{connection}`.
pub async fn update_connection(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((map, id)): Path<(MapId, String)>,
    Json(connection): Json<Connection>,
) -> ApiResult<Response> {
    update(&state, &caller, &headers, map, id, connection).await
}

#[derive(Debug, Deserialize)]
pub struct DeleteOptions {
    #[serde(default)]
    cascade: bool,
}

/// `DELETE /api/v1/maps/{map}/elements/{element}`.
pub async fn delete_element(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((map, id)): Path<(MapId, String)>,
    Query(options): Query<DeleteOptions>,
) -> ApiResult<StatusCode> {
    caller.role_in(&state, map, Role::Editor).await?;
    let expected_version = if_match(&headers)?;
    let network = state.store.load_network(map).await?;
    let touching = crate::api::people::touching(&network, &id);
    let mut changes = Vec::new();
    if !touching.is_empty() {
        if !options.cascade {
            return Err(ApiError::unprocessable(format!(
                "element '{id}' still has {} connection(s); delete them first, or send ?cascade=true to delete them with it",
                touching.len()
            ))
            .with_details(json!({ "connections": touching.iter().map(|c| c.id.as_str()).collect::<Vec<_>>() })));
        }
        let versions = state.store.versions(map).await?;
        for c in touching {
            let version = versions
                .iter()
                .find(|(k, i, _)| *k == ItemKind::Connection && i == c.id.as_str())
                .map(|v| v.2)
                .unwrap_or(1);
            changes.push(Change::DeleteConnection {
                id: c.id.clone(),
                expected_version: version,
            });
        }
    }
    changes.push(Change::DeleteElement {
        id: ElementId(id),
        expected_version,
    });
    state.store.apply(map, changes, &caller.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/maps/{map}/connections/{connection}`.
pub async fn get_connection(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, id)): Path<(MapId, String)>,
) -> ApiResult<Response> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let v = state.store.connection(map, &id).await?;
    Ok(versioned(StatusCode::OK, &v))
}

/// `DELETE /api/v1/maps/{map}/connections/{connection}`.
pub async fn delete_connection(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((map, id)): Path<(MapId, String)>,
) -> ApiResult<StatusCode> {
    caller.role_in(&state, map, Role::Editor).await?;
    let expected_version = if_match(&headers)?;
    state
        .store
        .apply(
            map,
            vec![Change::DeleteConnection {
                id: caremap_core::model::ConnectionId(id),
                expected_version,
            }],
            &caller.actor(),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeBatch {
    changes: Vec<Change>,
}

/// `POST /api/v1/maps/{map}/changes`: all the changes in one transaction, or none.
pub async fn apply_changes(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(batch): Json<ChangeBatch>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Editor).await?;
    if batch.changes.is_empty() {
        return Err(ApiError::unprocessable("the batch has no changes"));
    }
    for (i, change) in batch.changes.iter().enumerate() {
        let checked = match change {
            Change::CreateElement { element } | Change::UpdateElement { element, .. } => {
                check_element(element)
            }
            Change::CreateConnection { connection }
            | Change::UpdateConnection { connection, .. } => check_connection(connection),
            _ => Ok(()),
        };
        checked.map_err(|e| {
            ApiError::unprocessable(format!(
                "change {} of the batch: {}; nothing was applied",
                i + 1,
                e.message
            ))
        })?;
    }
    let n = batch.changes.len();
    let (applied, notes) = apply_absorbing(&state, map, batch.changes, &caller.actor())
        .await
        .map_err(|mut e| {
            e.message = format!("{} (the batch of {n} changes was not applied)", e.message);
            e
        })?;
    Ok(Json(json!({ "applied": applied, "warnings": notes })))
}
