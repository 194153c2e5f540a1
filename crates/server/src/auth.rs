//! Who is calling: sessions (a cookie) and API tokens (a bearer header), CSRF, and roles.
//!
//! - Passwords are hashed with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes).
//! - A session token and an API token are 32 random bytes from the operating system. Only their
//!   SHA-256 is stored: they are high-entropy secrets, so a fast hash is enough and a stolen
//!   database holds no usable token.
//! - A cookie-authenticated write (POST, PUT, PATCH, DELETE) must carry `X-CSRF-Token`, whose
//!   value the login answer and `GET /api/v1/me` give. It is derived from the session token
//!   (SHA-256 of a prefix and the token), so it needs no storage; another site cannot read it,
//!   and a browser sends a custom header across sites only after a CORS preflight this server
//!   never grants. Bearer-token calls are not sent by browsers on their own and need no CSRF.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use caremap_store::{MapId, Role, StoreError, User};
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "caremap_session";
/// The header a cookie-authenticated write carries.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// True when `password` matches the stored PHC hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks a new password: long enough to resist guessing, not absurdly long.
pub fn check_new_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < 10 {
        return Err("the password must have at least 10 characters".to_string());
    }
    if password.len() > 1024 {
        return Err("the password must have at most 1024 bytes".to_string());
    }
    Ok(())
}

/// A new random secret with a prefix that says what it is (`cms_` session, `cmt_` API token).
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", hex(&bytes))
}

/// SHA-256 of a secret, as lower-case hex: what the database keeps.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The CSRF token that goes with a session token.
pub fn csrf_token(session_token: &str) -> String {
    secret_hash(&format!("csrf:{session_token}"))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A session cookie (its token, to derive the CSRF token and to log out).
    Session(String),
    /// An API token.
    Token,
}

/// The caller of a request: a user (by session or token), or nobody.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The signed-in user, if any.
    pub user: Option<User>,
    /// How they signed in.
    pub credential: Option<Credential>,
}

impl Caller {
    /// The user, or 401.
    pub fn user(&self) -> ApiResult<&User> {
        self.user.as_ref().ok_or_else(ApiError::unauthorized)
    }

    /// The name recorded in history for this caller's changes.
    pub fn actor(&self) -> String {
        match &self.user {
            Some(u) => format!("user:{} <{}>", u.id, u.email),
            None => "anonymous".to_string(),
        }
    }

    /// The user if they administer the deployment, else 403 (401 without a user).
    pub fn admin(&self) -> ApiResult<&User> {
        let user = self.user()?;
        if user.is_admin {
            Ok(user)
        } else {
            Err(ApiError::forbidden(
                "only an administrator of this caremap can do this",
            ))
        }
    }

    /// Checks that the caller has at least `needed` in `map`, and returns their role. A user
    /// with no role in the map gets 404, so maps of others stay invisible.
    pub async fn role_in(&self, state: &AppState, map: MapId, needed: Role) -> ApiResult<Role> {
        let user = self.user()?;
        let role = match state.store.member_role(map, user.id).await? {
            Some(role) => role,
            None => {
                // Distinguish "no such map" from "not yours" only by the same answer.
                return Err(ApiError::not_found(format!("map {map}")));
            }
        };
        if role < needed {
            return Err(ApiError::forbidden(format!(
                "this needs the {} role in the map; you are {} {}",
                needed.name(),
                if role == Role::Editor { "an" } else { "a" },
                role.name()
            )));
        }
        Ok(role)
    }
}

fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Caller> {
        let nobody = Caller {
            user: None,
            credential: None,
        };
        // An API token in the Authorization header.
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let value = value
                .to_str()
                .map_err(|_| ApiError::bad_request("the Authorization header is not text"))?;
            let token = value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
                .ok_or_else(|| {
                    ApiError::bad_request("send an API token as 'Authorization: Bearer TOKEN'")
                })?
                .trim();
            let found = match state.store.api_token(&secret_hash(token)).await {
                Ok(t) => t,
                Err(StoreError::NotFound { .. }) => {
                    return Err(ApiError::new(
                        StatusCode::UNAUTHORIZED,
                        "unauthorized",
                        "this API token is not valid (revoked or mistyped); make a new one",
                    ))
                }
                Err(e) => return Err(e.into()),
            };
            // Record use at most once a minute, so its owner can see which tokens still serve.
            let now = Utc::now();
            if found
                .last_used
                .is_none_or(|at| now - at > chrono::Duration::seconds(60))
            {
                state.store.touch_api_token(found.id, now).await?;
            }
            let user = state.store.user(found.user).await?;
            return Ok(Caller {
                user: Some(user),
                credential: Some(Credential::Token),
            });
        }
        // A session cookie.
        let Some(token) = cookie_value(parts, SESSION_COOKIE) else {
            return Ok(nobody);
        };
        let hash = secret_hash(&token);
        let session = match state.store.session(&hash).await {
            Ok(s) => s,
            Err(StoreError::NotFound { .. }) => return Ok(nobody),
            Err(e) => return Err(e.into()),
        };
        let now = Utc::now();
        let idle = chrono::Duration::from_std(state.settings.session_idle)
            .unwrap_or(chrono::Duration::hours(8));
        if session.expires <= now || session.last_seen + idle <= now {
            state.store.delete_session(&hash).await?;
            return Ok(nobody);
        }
        if is_write(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if sent != csrf_token(&token) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf",
                    "a change made with the session cookie must carry the X-CSRF-Token header given at login (or by GET /api/v1/me)",
                ));
            }
        }
        // Record use at most once a minute (or twice per idle period, if shorter): enough for
        // idle expiry, few writes.
        let every = std::cmp::min(chrono::Duration::seconds(60), idle / 2);
        if now - session.last_seen > every {
            state.store.touch_session(&hash, now).await?;
        }
        let user = state.store.user(session.user).await?;
        Ok(Caller {
            user: Some(user),
            credential: Some(Credential::Session(token)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn secrets_are_random_and_stored_only_hashed() {
        let a = new_secret("cmt_");
        let b = new_secret("cmt_");
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 64);
        assert_ne!(secret_hash(&a), a);
        assert_eq!(secret_hash(&a), secret_hash(&a));
        assert_ne!(csrf_token(&a), csrf_token(&b));
    }

    #[test]
    fn short_passwords_are_refused_with_a_reason() {
        assert!(check_new_password("short").unwrap_err().contains("10"));
        assert!(check_new_password("long enough pass").is_ok());
    }
}
