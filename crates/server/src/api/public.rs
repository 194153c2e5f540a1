//! Public views of published maps. Everything here is built from the redacted network
//! (`caremap_core::privacy::public_view`): people without recorded consent appear only by
//! their display name, and no contact detail, custom field or consent record is ever sent.

use axum::extract::State;
use caremap_core::privacy::public_view;
use caremap_core::Network;
use caremap_store::StoreError;
use serde_json::{json, Value};

use crate::api::views::analyse_json;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

/// The redacted network of the map published under `slug`.
pub async fn published(state: &AppState, slug: &str) -> ApiResult<Network> {
    let info = match state.store.map_by_slug(slug).await {
        Ok(info) => info,
        Err(StoreError::NotFound { .. }) => {
            return Err(ApiError::not_found(format!(
                "a published map called '{slug}' (it may have been unpublished)"
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let network = state.store.load_network(info.id).await?;
    Ok(public_view(&network))
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
) -> ApiResult<Json<Network>> {
    Ok(Json(published(&state, &slug).await?))
}

/// `GET /api/v1/public/{slug}/analysis`.
pub async fn analysis(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    let network = published(&state, &slug).await?;
    Ok(Json(analyse_json(network, None).await?))
}
