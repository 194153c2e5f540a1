//! Public views of published maps. Everything here is built from the redacted network
//! (`caremap_core::privacy::public_view`): people without recorded consent appear only by
//! their display name, and no contact detail, custom field or consent record is ever sent.

use axum::extract::State;
use caremap_core::privacy::public_view;
use caremap_core::Network;
use caremap_store::StoreError;
use serde_json::{json, Value};

use crate::api::views::{analyse_json, blocking, wants_layout, with_layout};
use crate::cache;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

/// The redacted network of the map published under `slug`.
pub async fn published(state: &AppState, slug: &str) -> ApiResult<Network> {
    let info = published_map(state, slug).await?;
    redacted(state, info.id).await
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
    let laid_out = wants_layout(view.layout.as_deref())?;
    let kind = if laid_out {
        cache::View::PublicLaidOut
    } else {
        cache::View::Public
    };
    let info = published_map(&state, &slug).await?;
    cache::serve(&state, &headers, info.id, kind, || async {
        let network = redacted(&state, info.id).await?;
        cache::to_json(with_layout(network, laid_out).await?).await
    })
    .await
}

/// The redacted network of a map, made off the async threads.
async fn redacted(state: &AppState, map: caremap_store::MapId) -> ApiResult<Network> {
    let stored = state.store.load_network(map).await?;
    blocking(move || public_view(&stored)).await
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
    cache::serve(
        &state,
        &headers,
        info.id,
        cache::View::PublicAnalysis,
        || async {
            cache::to_json(analyse_json(redacted(&state, info.id).await?, None).await?).await
        },
    )
    .await
}
