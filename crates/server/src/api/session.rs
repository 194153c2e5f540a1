//! Health, login and logout, the signed-in user, API tokens and accounts.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use caremap_store::{StoreError, User};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::{self, Caller, Credential, SESSION_COOKIE};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

/// `GET /api/v1/health`: answers 200 when the database answers, 503 otherwise.
pub async fn health(State(state): State<AppState>) -> Response {
    match state.store.list_maps().await {
        Ok(maps) => axum::Json(json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "database": state.store.backend(),
            "maps": maps.len(),
        }))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the database does not answer",
            )
            .into_response()
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    email: String,
    password: String,
}

/// A hash to verify against when the account does not exist, so that a wrong email takes as
/// long as a wrong password and does not tell who has an account.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| auth::hash_password("decoy password for timing").unwrap_or_default())
}

fn too_many(seconds: u64) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!(
            "too many failed logins; wait {} minutes and try again, or ask an administrator to reset the password",
            seconds.div_ceil(60)
        ),
    );
    e.retry_after = Some(u32::try_from(seconds).unwrap_or(u32::MAX));
    e
}

/// The client's address: the peer's, or behind a reverse proxy the last address of
/// `X-Forwarded-For` (the one the proxy appended; earlier ones are the client's own claims).
fn client_address(settings: &crate::Settings, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if !settings.behind_proxy {
        return peer.ip();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .rfind(|v| !v.trim().is_empty())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(peer.ip())
}

/// `POST /api/v1/login`.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(body): Json<Login>,
) -> ApiResult<Response> {
    let settings = &state.settings;
    let address = client_address(settings, peer, &headers);
    let now = Utc::now();
    let window =
        chrono::Duration::from_std(settings.login_window).unwrap_or(chrono::Duration::minutes(15));
    let account_key = format!("account:{}", body.email.trim().to_lowercase());
    let address_key = format!("address:{address}");
    let since = now - window;
    if state.store.login_failures(&account_key, since).await? >= settings.login_failures_per_account
        || state.store.login_failures(&address_key, since).await?
            >= settings.login_failures_per_address
    {
        return Err(too_many(settings.login_window.as_secs()));
    }
    let user = match state.store.user_by_email(&body.email).await {
        Ok(u) => Some(u),
        Err(StoreError::NotFound { .. }) | Err(StoreError::Invalid(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let hash = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| decoy_hash().to_string());
    let password = body.password;
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|_| ApiError::internal())?;
    let user = match (user, matches) {
        (Some(u), true) if u.password_hash.is_some() => u,
        _ => {
            state
                .store
                .record_login_failure(&account_key, now, since)
                .await?;
            state
                .store
                .record_login_failure(&address_key, now, since)
                .await?;
            tracing::info!(%address, "failed login");
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "that email and password do not match an account",
            ));
        }
    };
    state.store.clear_login_failures(&account_key).await?;
    let token = auth::new_secret("cms_");
    let absolute =
        chrono::Duration::from_std(settings.session_absolute).unwrap_or(chrono::Duration::days(14));
    state
        .store
        .create_session(&auth::secret_hash(&token), user.id, now + absolute)
        .await?;
    tracing::info!(user = user.id, "login");
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        settings.session_absolute.as_secs(),
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    let body = session_info(&state, &user, Some(&token)).await?;
    let mut response = axum::Json(body).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?,
    );
    Ok(response)
}

async fn session_info(state: &AppState, user: &User, session: Option<&str>) -> ApiResult<Value> {
    let maps = state.store.maps_of_user(user.id).await?;
    Ok(json!({
        "user": user,
        "csrf_token": session.map(auth::csrf_token),
        "maps": maps.iter().map(|(m, role)| json!({"id": m.id, "name": m.name, "role": role})).collect::<Vec<_>>(),
    }))
}

/// `POST /api/v1/logout`.
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    caller.user()?;
    if let Some(Credential::Session(token)) = &caller.credential {
        state
            .store
            .delete_session(&auth::secret_hash(token))
            .await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("caremap_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    Ok(response)
}

/// `GET /api/v1/me`.
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let user = caller.user()?;
    let session = match &caller.credential {
        Some(Credential::Session(token)) => Some(token.as_str()),
        _ => None,
    };
    Ok(Json(session_info(&state, user, session).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// `PUT /api/v1/me/password`.
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<PasswordChange>,
) -> ApiResult<StatusCode> {
    let user = caller.user()?.clone();
    auth::check_new_password(&body.new_password).map_err(ApiError::unprocessable)?;
    let old = user.password_hash.clone().unwrap_or_default();
    let (ok, new_hash) = tokio::task::spawn_blocking(move || {
        (
            auth::verify_password(&body.current_password, &old),
            auth::hash_password(&body.new_password),
        )
    })
    .await
    .map_err(|_| ApiError::internal())?;
    if !ok {
        return Err(ApiError::forbidden("the current password is not right"));
    }
    let new_hash = new_hash.map_err(|_| ApiError::internal())?;
    state.store.set_password_hash(user.id, &new_hash).await?;
    // Whoever else holds a session of this account (a stolen cookie, a forgotten device) is
    // signed out; the session that changed the password stays.
    let keep = match &caller.credential {
        Some(Credential::Session(token)) => auth::secret_hash(token),
        _ => String::new(),
    };
    let ended = state.store.delete_sessions_of_user(user.id, &keep).await?;
    tracing::info!(user = user.id, sessions_ended = ended, "password changed");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/tokens`.
pub async fn list_tokens(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let user = caller.user()?;
    let tokens = state.store.list_api_tokens(user.id).await?;
    Ok(Json(json!({
        "tokens": tokens.iter().map(|t| json!({"id": t.id, "name": t.name, "created": t.created, "last_used": t.last_used})).collect::<Vec<_>>()
    })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    name: String,
}

/// `POST /api/v1/tokens`.
pub async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<NewToken>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = caller.user()?;
    let name = body.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::unprocessable(
            "give the token a name of 1 to 200 characters, e.g. the script that will use it",
        ));
    }
    let token = auth::new_secret("cmt_");
    let made = state
        .store
        .create_api_token(user.id, name, &auth::secret_hash(&token))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": made.id,
            "name": made.name,
            "created": made.created,
            "token": token,
            "note": "keep this token now: it is not shown again. Send it as 'Authorization: Bearer TOKEN'.",
        })),
    ))
}

/// `DELETE /api/v1/tokens/{token}`.
pub async fn delete_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let user = caller.user()?;
    state.store.delete_api_token(user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/users`.
pub async fn list_users(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    caller.admin()?;
    Ok(Json(json!({ "users": state.store.list_users().await? })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    email: String,
    display_name: String,
    password: String,
    #[serde(default)]
    admin: bool,
}

/// `POST /api/v1/users`.
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<NewUser>,
) -> ApiResult<(StatusCode, Json<User>)> {
    caller.admin()?;
    let user = create_account(
        &state.store,
        &body.email,
        &body.display_name,
        &body.password,
        body.admin,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Makes an account with a checked, hashed password: shared by the API and `caremap user add`.
pub async fn create_account(
    store: &caremap_store::Store,
    email: &str,
    display_name: &str,
    password: &str,
    admin: bool,
) -> ApiResult<User> {
    if display_name.trim().is_empty() {
        return Err(ApiError::unprocessable(
            "give the account a display name, shown to the other members of a map",
        ));
    }
    auth::check_new_password(password).map_err(ApiError::unprocessable)?;
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|_| ApiError::internal())?;
    let user = store
        .create_user(email, display_name.trim(), Some(&hash))
        .await?;
    if admin {
        store.set_admin(user.id, true).await?;
    }
    Ok(store.user(user.id).await?)
}
