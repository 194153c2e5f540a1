//! Maps, their vocabularies, members and public links.

use axum::extract::State;
use axum::http::StatusCode;
use caremap_core::model::care_type::CareType;
use caremap_core::model::category::Category;
use caremap_store::{MapId, Role, StoreError};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

/// The map's detail as the API shows it.
pub async fn detail_json(state: &AppState, map: MapId, role: Role) -> ApiResult<Value> {
    let info = state.store.map(map).await?;
    let meta = state.store.meta(map).await?;
    let (elements, connections) = state.store.counts(map).await?;
    Ok(json!({
        "id": info.id,
        "name": meta.name,
        "description": meta.description,
        "as_of": meta.as_of,
        "created": info.created,
        "role": role,
        "elements": elements,
        "connections": connections,
        "public_slug": info.public_slug,
        "public_url": info.public_slug.as_ref().map(|s| format!("/public/{s}")),
        "embed_url": info.public_slug.as_ref().map(|s| format!("/embed/{s}")),
    }))
}

/// `GET /api/v1/maps`.
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let user = caller.user()?;
    let maps = state.store.maps_of_user(user.id).await?;
    Ok(Json(json!({
        "maps": maps.iter().map(|(m, role)| json!({
            "id": m.id, "name": m.name, "created": m.created, "role": role, "public_slug": m.public_slug,
        })).collect::<Vec<_>>()
    })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMap {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    /// `demo` starts the map as a copy of the demo map; `empty` (the default) leaves it empty.
    #[serde(default)]
    from: Option<String>,
}

fn check_name(name: &str) -> ApiResult<()> {
    if name.trim().is_empty() || name.len() > 500 {
        return Err(ApiError::unprocessable(
            "give the map a name of 1 to 500 characters",
        ));
    }
    Ok(())
}

/// `POST /api/v1/maps`.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<NewMap>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = caller.user()?;
    check_name(&body.name)?;
    let from_demo = match body.from.as_deref() {
        None | Some("empty") => false,
        Some("demo") => true,
        Some(other) => {
            return Err(ApiError::unprocessable(format!(
                "a map cannot start from '{other}': use \"empty\" or \"demo\""
            )))
        }
    };
    let actor = caller.actor();
    let info = state.store.create_map(body.name.trim(), &actor).await?;
    state
        .store
        .set_member(info.id, user.id, Role::Owner)
        .await?;
    if !body.description.is_empty() || body.as_of.is_some() {
        let mut meta = state.store.meta(info.id).await?;
        meta.description = body.description;
        meta.as_of = body.as_of;
        state.store.set_meta(info.id, &meta, &actor).await?;
    }
    if from_demo {
        if let Err(e) = crate::demo::copy_into(&state.store, info.id, &actor).await {
            tracing::error!(error = %e, map = info.id, "copying the demo");
            // Not left half made: the person asked for the demo, not for an empty map.
            let _ = state.store.delete_map(info.id).await;
            return Err(ApiError::internal());
        }
    }
    Ok((
        StatusCode::CREATED,
        Json(detail_json(&state, info.id, Role::Owner).await?),
    ))
}

/// `GET /api/v1/maps/{map}`.
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<Json<Value>> {
    let role = caller.role_in(&state, map, Role::Viewer).await?;
    Ok(Json(detail_json(&state, map, role).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapPatch {
    name: Option<String>,
    description: Option<String>,
    #[serde(default, with = "double_option")]
    as_of: Option<Option<NaiveDate>>,
}

/// Tells a missing field (leave as is) from `null` (clear it).
mod double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Option::<T>::deserialize(d).map(Some)
    }
}

/// `PATCH /api/v1/maps/{map}`.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<MapPatch>,
) -> ApiResult<Json<Value>> {
    let role = caller.role_in(&state, map, Role::Editor).await?;
    let mut meta = state.store.meta(map).await?;
    if let Some(name) = body.name {
        check_name(&name)?;
        meta.name = name.trim().to_string();
    }
    if let Some(description) = body.description {
        meta.description = description;
    }
    if let Some(as_of) = body.as_of {
        meta.as_of = as_of;
    }
    state.store.set_meta(map, &meta, &caller.actor()).await?;
    Ok(Json(detail_json(&state, map, role).await?))
}

/// `DELETE /api/v1/maps/{map}`.
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<StatusCode> {
    caller.role_in(&state, map, Role::Owner).await?;
    state.store.delete_map(map).await?;
    tracing::info!(map, actor = %caller.actor(), "map deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// The vocabulary as the API shows it and takes it.
#[derive(Debug, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    categories: Vec<Category>,
    care_types: Vec<CareType>,
}

/// `GET /api/v1/maps/{map}/vocabulary`.
pub async fn vocabulary(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<Json<Vocabulary>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let meta = state.store.meta(map).await?;
    Ok(Json(Vocabulary {
        categories: meta.categories,
        care_types: meta.care_types,
    }))
}

/// `PUT /api/v1/maps/{map}/vocabulary`: refused when an element or connection still uses a
/// name that the new vocabulary drops, so no item is left pointing at nothing.
pub async fn set_vocabulary(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<Vocabulary>,
) -> ApiResult<Json<Vocabulary>> {
    caller.role_in(&state, map, Role::Editor).await?;
    let network = state.store.load_network(map).await?;
    let mut problems = Vec::new();
    for (i, c) in body.categories.iter().enumerate() {
        if c.name.trim().is_empty() {
            problems.push(format!("category {}: the name is empty", i + 1));
        }
    }
    for (i, c) in body.care_types.iter().enumerate() {
        if c.name.trim().is_empty() {
            problems.push(format!("care type {}: the name is empty", i + 1));
        }
    }
    let has_category = |name: &str| body.categories.iter().any(|c| c.name == name);
    let has_care = |name: &str| body.care_types.iter().any(|c| c.name == name);
    for e in &network.elements {
        if !e.category.is_empty() && !has_category(&e.category) {
            problems.push(format!(
                "element '{}' ({}) is in category '{}', which the new vocabulary drops",
                e.label, e.id, e.category
            ));
        }
        for t in e.care_types.iter().filter(|t| !has_care(t)) {
            problems.push(format!(
                "element '{}' ({}) offers care type '{t}', which the new vocabulary drops",
                e.label, e.id
            ));
        }
    }
    for c in &network.connections {
        for t in c.care_flowing.iter().filter(|t| !has_care(t)) {
            problems.push(format!(
                "connection {} carries care type '{t}', which the new vocabulary drops",
                c.id
            ));
        }
    }
    if !problems.is_empty() {
        problems.truncate(50);
        return Err(ApiError::unprocessable(
            "the vocabulary was not changed: some items still use names it drops; change those items first",
        )
        .with_details(json!({ "problems": problems })));
    }
    let mut meta = state.store.meta(map).await?;
    meta.categories = body.categories;
    meta.care_types = body.care_types;
    state.store.set_meta(map, &meta, &caller.actor()).await?;
    Ok(Json(Vocabulary {
        categories: meta.categories,
        care_types: meta.care_types,
    }))
}

async fn members_json(state: &AppState, map: MapId) -> ApiResult<Value> {
    let mut out = Vec::new();
    for (user, role) in state.store.members(map).await? {
        let u = state.store.user(user).await?;
        out.push(
            json!({"user": u.id, "email": u.email, "display_name": u.display_name, "role": role}),
        );
    }
    Ok(json!({ "members": out }))
}

/// `GET /api/v1/maps/{map}/members`.
pub async fn members(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Viewer).await?;
    Ok(Json(members_json(&state, map).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSet {
    email: String,
    role: Role,
}

async fn refuse_last_owner(state: &AppState, map: MapId, user: i64) -> ApiResult<()> {
    let members = state.store.members(map).await?;
    let owners: Vec<i64> = members
        .iter()
        .filter(|(_, r)| *r == Role::Owner)
        .map(|(u, _)| *u)
        .collect();
    if owners == [user] {
        return Err(ApiError::unprocessable(
            "a map must keep at least one owner: make someone else owner first",
        ));
    }
    Ok(())
}

/// `PUT /api/v1/maps/{map}/members`.
pub async fn set_member(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<MemberSet>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Owner).await?;
    let user = match state.store.user_by_email(&body.email).await {
        Ok(u) => u,
        Err(StoreError::NotFound { .. }) => {
            return Err(ApiError::not_found_hint(
                format!("an account with the email '{}'", body.email.trim()),
                "ask an administrator to make it",
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if body.role != Role::Owner {
        refuse_last_owner(&state, map, user.id).await?;
    }
    state.store.set_member(map, user.id, body.role).await?;
    Ok(Json(members_json(&state, map).await?))
}

/// `DELETE /api/v1/maps/{map}/members/{user}`.
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    Path((map, user)): Path<(MapId, i64)>,
) -> ApiResult<StatusCode> {
    caller.role_in(&state, map, Role::Owner).await?;
    if state.store.member_role(map, user).await?.is_none() {
        return Err(ApiError::not_found(format!("member {user} of map {map}")));
    }
    refuse_last_owner(&state, map, user).await?;
    state.store.remove_member(map, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sharing {
    slug: String,
}

/// A public link name: 3 to 64 lower-case letters, digits and dashes.
fn check_slug(slug: &str) -> ApiResult<()> {
    let ok = (3..=64).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(ApiError::unprocessable(format!(
            "'{slug}' cannot be a public link name: use 3 to 64 lower-case letters, digits and dashes, e.g. 'larkspur-vale'"
        )))
    }
}

/// `PUT /api/v1/maps/{map}/sharing`.
pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Json(body): Json<Sharing>,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Owner).await?;
    let slug = body.slug.trim();
    check_slug(slug)?;
    state.store.set_public_slug(map, Some(slug)).await?;
    tracing::info!(map, slug, "map published");
    Ok(Json(json!({
        "slug": slug,
        "public_url": format!("/public/{slug}"),
        "embed_url": format!("/embed/{slug}"),
        "embed_html": format!("<iframe src=\"/embed/{slug}\" width=\"800\" height=\"600\" title=\"Care map\" loading=\"lazy\"></iframe>"),
        "note": "public views show people without recorded consent only by their display name (initials by default), and never contact details or custom fields",
    })))
}

/// `DELETE /api/v1/maps/{map}/sharing`.
pub async fn unpublish(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
) -> ApiResult<StatusCode> {
    caller.role_in(&state, map, Role::Owner).await?;
    state.store.set_public_slug(map, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
