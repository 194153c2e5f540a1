//! The JSON of whole networks and of their analyses, kept between requests and checked against the map's revision
//! at every use. Reading a 1,000-element map costs about 25 ms of loading and serialising;
//! the check is one indexed query. The cache is only an optimisation: it is checked against the
//! database each time, so several servers on one database never serve each other stale maps.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use caremap_store::MapId;

/// Which JSON of a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The network as members read it.
    Member,
    /// The same with positions for unplaced elements.
    MemberLaidOut,
    /// The redacted public network.
    Public,
    /// The same with positions.
    PublicLaidOut,
    /// The analysis (default options) of the network as members read it.
    Analysis,
    /// The analysis of the redacted public network.
    PublicAnalysis,
}

impl View {
    fn tag(self) -> &'static str {
        match self {
            View::Member => "m",
            View::MemberLaidOut => "ml",
            View::Public => "p",
            View::PublicLaidOut => "pl",
            View::Analysis => "a",
            View::PublicAnalysis => "pa",
        }
    }
}

/// At most this many JSON documents are kept; beyond, the whole cache is emptied (maps are
/// few per deployment, and refilling costs one read each).
const CAPACITY: usize = 64;

/// A map's revision (see `Store::revision`).
pub type Revision = (i64, i64);

/// The cache.
#[derive(Debug, Default)]
pub struct NetworkCache {
    entries: Mutex<HashMap<(MapId, View), (Revision, Bytes)>>,
}

impl NetworkCache {
    /// The JSON of `map` in `view` at `revision`, if kept.
    pub fn get(&self, map: MapId, view: View, revision: Revision) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        match entries.get(&(map, view)) {
            Some((r, body)) if *r == revision => Some(body.clone()),
            _ => None,
        }
    }

    /// Keeps the JSON of `map` in `view` at `revision`.
    pub fn put(&self, map: MapId, view: View, revision: Revision, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY && !entries.contains_key(&(map, view)) {
                entries.clear();
            }
            entries.insert((map, view), (revision, body));
        }
    }
}

/// Answers `map`'s JSON in `view` at its current revision: from the cache while the revision
/// is unchanged (304 for a matching `If-None-Match`), else made by `make` and kept.
pub async fn serve<F, Fut>(
    state: &crate::state::AppState,
    request: &HeaderMap,
    map: MapId,
    view: View,
    make: F,
) -> crate::error::ApiResult<Response>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = crate::error::ApiResult<Bytes>>,
{
    let revision = state.store.revision(map).await?;
    let tag = etag(map, view, revision);
    if let Some(body) = state.networks.get(map, view, revision) {
        return Ok(answer(request, &tag, body));
    }
    let body = make().await?;
    state.networks.put(map, view, revision, body.clone());
    Ok(answer(request, &tag, body))
}

/// JSON bytes of a value, made off the async threads.
pub async fn to_json<T: serde::Serialize + Send + 'static>(
    value: T,
) -> crate::error::ApiResult<Bytes> {
    crate::api::views::blocking(move || Bytes::from(serde_json::to_vec(&value).unwrap_or_default()))
        .await
}

/// The ETag of a map's JSON at a revision.
pub fn etag(map: MapId, view: View, revision: Revision) -> String {
    format!("\"n{map}-{}-{}-{}\"", view.tag(), revision.0, revision.1)
}

/// 304 when the request already holds this version, else the JSON with its ETag.
pub fn answer(request: &HeaderMap, etag: &str, body: Bytes) -> Response {
    let tag = HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"\""));
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if matches {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response();
    }
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, tag),
        ],
        body,
    )
        .into_response()
}
