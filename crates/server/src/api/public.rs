//! Public views of published maps. Everything here is built from the redacted network
//! (`caremap_core::privacy::public_view`): people without recorded consent appear only by
//! their display name, and no contact detail, custom field or consent record is ever sent.

use axum::extract::State;
use caremap_core::privacy::public_view;
use caremap_core::Network;
use caremap_store::StoreError;
use serde_json::{json, Value};

use crate::api::views::{analyse_json, blocking, with_layout};
use crate::cache;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

/// The redacted network of the map published under `slug`.
pub async fn published(state: &AppState, slug: &str) -> ApiResult<Network> {
    let info = published_map(state, slug).await?;
    let network = state.store.load_network(info.id).await?;
    Ok(public_view(&network))
}

/// The map published under `slug`.
async fn published_map(state: &AppState, slug: &str) -> ApiResult<caremap_store::MapInfo> {
    match state.store.map_by_slug(slug).await {
        Ok(info) => Ok(info),
        Err(StoreError::NotFound { .. }) => Err(ApiError::not_found_hint(
            format!("a published map called '{slug}'"),
            "it may have been unpublished; ask whoever shared the link",
        )),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/public/{slug}`.
pub async fn info(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    let network = published(&state, &slug).await?;
    Ok(Json(json!({
        "slug": slug,
        "name": network.name,
        "description": network.description,
        "as_of": network.as_of,
        "elements": network.elements.len(),
        "connections": network.connections.len(),
        "network_url": format!("/api/v1/public/{slug}/network"),
        "analysis_url": format!("/api/v1/public/{slug}/analysis"),
        "page_url": format!("/public/{slug}"),
        "embed_url": format!("/embed/{slug}"),
    })))
}

/// `GET /api/v1/public/{slug}/network`.
pub async fn network(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: axum::http::HeaderMap,
    Query(view): Query<LayoutQuery>,
) -> ApiResult<axum::response::Response> {
    let kind = match view.layout.as_deref() {
        None | Some("none") => cache::View::Public,
        Some("auto") => cache::View::PublicLaidOut,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "layout '{other}' is not known: use auto or none"
            )))
        }
    };
    let info = published_map(&state, &slug).await?;
    let revision = state.store.revision(info.id).await?;
    let tag = cache::etag(info.id, kind, revision);
    if let Some(body) = state.networks.get(info.id, kind, revision) {
        return Ok(cache::answer(&headers, &tag, body));
    }
    let stored = state.store.load_network(info.id).await?;
    let network = blocking(move || public_view(&stored)).await?;
    let network = with_layout(network, view.layout.as_deref()).await?;
    let body = blocking(move || serde_json::to_vec(&network).unwrap_or_default()).await?;
    let body = axum::body::Bytes::from(body);
    state.networks.put(info.id, kind, revision, body.clone());
    Ok(cache::answer(&headers, &tag, body))
}

/// The layout option of a public network.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LayoutQuery {
    layout: Option<String>,
}

/// `GET /api/v1/public/{slug}/analysis`.
pub async fn analysis(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: axum::http::HeaderMap,
) -> ApiResult<axum::response::Response> {
    let info = published_map(&state, &slug).await?;
    let revision = state.store.revision(info.id).await?;
    let kind = cache::View::PublicAnalysis;
    let tag = cache::etag(info.id, kind, revision);
    if let Some(body) = state.networks.get(info.id, kind, revision) {
        return Ok(cache::answer(&headers, &tag, body));
    }
    let stored = state.store.load_network(info.id).await?;
    let network = blocking(move || public_view(&stored)).await?;
    let analysis = analyse_json(network, None).await?;
    let body = axum::body::Bytes::from(serde_json::to_vec(&analysis).unwrap_or_default());
    state.networks.put(info.id, kind, revision, body.clone());
    Ok(cache::answer(&headers, &tag, body))
}
