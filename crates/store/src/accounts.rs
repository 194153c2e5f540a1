//! Users, sessions, API tokens and memberships, expanded for each backend like `edit`.
//! The server hashes passwords and tokens; the store keeps only hashes.

/// Adds the account methods to a backend struct.
macro_rules! impl_accounts {
    ($S:ident, $DB:ty) => {
        impl $S {
            /// Creates an account. The email is trimmed and lower-cased, and must be new
            /// (`Duplicate { field: "email" }`).
            pub async fn create_user(
                &self,
                email: &str,
                display_name: &str,
                password_hash: Option<&str>,
            ) -> Result<User> {
                let email = normalise_email(email)?;
                let now = now_us();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (email, display_name, password_hash, created_us)
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(&email)
                .bind(display_name)
                .bind(password_hash)
                .bind(now)
                .fetch_one(&self.pool)
                .await?;
                self.user(id).await
            }

            /// The account with this id.
            pub async fn user(&self, id: UserId) -> Result<User> {
                let row: Option<UserRow> = sqlx::query_as(
                    "SELECT id, email, display_name, password_hash, created_us, is_admin FROM users WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(user).ok_or_else(|| StoreError::NotFound { what: format!("user {id}") })
            }

            /// The account with this email (compared trimmed and lower-cased).
            pub async fn user_by_email(&self, email: &str) -> Result<User> {
                let email = normalise_email(email)?;
                let row: Option<UserRow> = sqlx::query_as(
                    "SELECT id, email, display_name, password_hash, created_us, is_admin FROM users WHERE email = $1",
                )
                .bind(&email)
                .fetch_optional(&self.pool)
                .await?;
                row.map(user).ok_or_else(|| StoreError::NotFound { what: format!("user '{email}'") })
            }

            /// Every account, oldest first.
            pub async fn list_users(&self) -> Result<Vec<User>> {
                let rows: Vec<UserRow> = sqlx::query_as(
                    "SELECT id, email, display_name, password_hash, created_us, is_admin FROM users ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(user).collect())
            }

            /// Replaces a user's password hash.
            pub async fn set_password_hash(&self, id: UserId, hash: &str) -> Result<()> {
                let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(hash)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound { what: format!("user {id}") });
                }
                Ok(())
            }

            /// Starts a session stored under the hash of its token.
            pub async fn create_session(
                &self,
                token_hash: &str,
                user: UserId,
                expires: DateTime<Utc>,
            ) -> Result<Session> {
                let now = now_us();
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_us, last_seen_us, expires_us)
                     VALUES ($1, $2, $3, $3, $4)",
                )
                .bind(token_hash)
                .bind(user)
                .bind(now)
                .bind(to_us(expires))
                .execute(&self.pool)
                .await?;
                self.session(token_hash).await
            }

            /// The session with this token hash (expiry is the caller's to check).
            pub async fn session(&self, token_hash: &str) -> Result<Session> {
                let row: Option<(String, i64, i64, i64, i64)> = sqlx::query_as(
                    "SELECT token_hash, user_id, created_us, last_seen_us, expires_us FROM sessions
                     WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                let (token_hash, user, created, last_seen, expires) =
                    row.ok_or_else(|| StoreError::NotFound { what: "session".to_string() })?;
                Ok(Session {
                    token_hash,
                    user,
                    created: from_us(created),
                    last_seen: from_us(last_seen),
                    expires: from_us(expires),
                })
            }

            /// Records that a session was used now (for idle expiry).
            pub async fn touch_session(&self, token_hash: &str, at: DateTime<Utc>) -> Result<()> {
                sqlx::query("UPDATE sessions SET last_seen_us = $1 WHERE token_hash = $2")
                    .bind(to_us(at))
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            /// Ends a session (logout).
            pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            /// Deletes sessions past their absolute expiry, or idle since before `idle_since`.
            pub async fn delete_stale_sessions(
                &self,
                now: DateTime<Utc>,
                idle_since: DateTime<Utc>,
            ) -> Result<u64> {
                let done = sqlx::query("DELETE FROM sessions WHERE expires_us <= $1 OR last_seen_us < $2")
                    .bind(to_us(now))
                    .bind(to_us(idle_since))
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            /// Stores a new API token's hash under a name unique for the user.
            pub async fn create_api_token(&self, user: UserId, name: &str, token_hash: &str) -> Result<ApiToken> {
                let now = now_us();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO api_tokens (user_id, name, token_hash, created_us) VALUES ($1, $2, $3, $4)
                     RETURNING id",
                )
                .bind(user)
                .bind(name)
                .bind(token_hash)
                .bind(now)
                .fetch_one(&self.pool)
                .await?;
                Ok(ApiToken { id, user, name: name.to_string(), token_hash: token_hash.to_string(), created: from_us(now), last_used: None })
            }

            /// The API token with this hash.
            pub async fn api_token(&self, token_hash: &str) -> Result<ApiToken> {
                let row: Option<(i64, i64, String, String, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT id, user_id, name, token_hash, created_us, last_used_us FROM api_tokens WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
                let (id, user, name, token_hash, created, last_used) =
                    row.ok_or_else(|| StoreError::NotFound { what: "API token".to_string() })?;
                Ok(ApiToken { id, user, name, token_hash, created: from_us(created), last_used: last_used.map(from_us) })
            }

            /// Records that an API token was used at `at`.
            pub async fn touch_api_token(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
                sqlx::query("UPDATE api_tokens SET last_used_us = $1 WHERE id = $2")
                    .bind(to_us(at))
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            /// A user's API tokens.
            pub async fn list_api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
                let rows: Vec<(i64, i64, String, String, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT id, user_id, name, token_hash, created_us, last_used_us FROM api_tokens WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, user, name, token_hash, created, last_used)| ApiToken {
                        id,
                        user,
                        name,
                        token_hash,
                        created: from_us(created),
                        last_used: last_used.map(from_us),
                    })
                    .collect())
            }

            /// Revokes an API token of a user.
            pub async fn delete_api_token(&self, user: UserId, id: i64) -> Result<()> {
                let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
                    .bind(id)
                    .bind(user)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound { what: format!("API token {id}") });
                }
                Ok(())
            }

            /// Ends every session of a user but the one with `except` (a token hash), e.g. after
            /// a password change; returns how many ended.
            pub async fn delete_sessions_of_user(&self, user: UserId, except: &str) -> Result<u64> {
                let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                    .bind(user)
                    .bind(except)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            /// Makes a user an administrator of the deployment, or not.
            pub async fn set_admin(&self, id: UserId, admin: bool) -> Result<()> {
                let done = sqlx::query("UPDATE users SET is_admin = $1 WHERE id = $2")
                    .bind(i64::from(admin))
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound { what: format!("user {id}") });
                }
                Ok(())
            }

            /// Records a failed login under a key (an email or an address), dropping failures
            /// older than `forget_before`, and returns how many failures the key has since then.
            pub async fn record_login_failure(
                &self,
                key: &str,
                at: DateTime<Utc>,
                forget_before: DateTime<Utc>,
            ) -> Result<i64> {
                sqlx::query("DELETE FROM login_failures WHERE at_us < $1")
                    .bind(to_us(forget_before))
                    .execute(&self.pool)
                    .await?;
                sqlx::query("INSERT INTO login_failures (key, at_us) VALUES ($1, $2)")
                    .bind(key)
                    .bind(to_us(at))
                    .execute(&self.pool)
                    .await?;
                self.login_failures(key, forget_before).await
            }

            /// How many failed logins a key has had since a moment.
            pub async fn login_failures(&self, key: &str, since: DateTime<Utc>) -> Result<i64> {
                Ok(sqlx::query_scalar(
                    "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at_us >= $2",
                )
                .bind(key)
                .bind(to_us(since))
                .fetch_one(&self.pool)
                .await?)
            }

            /// Forgets a key's failed logins (after a successful login).
            pub async fn clear_login_failures(&self, key: &str) -> Result<()> {
                sqlx::query("DELETE FROM login_failures WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            /// Gives a user a role in a map (replacing any role they had).
            pub async fn set_member(&self, map: MapId, user: UserId, role: Role) -> Result<()> {
                sqlx::query(
                    "INSERT INTO memberships (map_id, user_id, role) VALUES ($1, $2, $3)
                     ON CONFLICT (map_id, user_id) DO UPDATE SET role = excluded.role",
                )
                .bind(map)
                .bind(user)
                .bind(role.name())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            /// A user's role in a map, if any.
            pub async fn member_role(&self, map: MapId, user: UserId) -> Result<Option<Role>> {
                let role: Option<String> =
                    sqlx::query_scalar("SELECT role FROM memberships WHERE map_id = $1 AND user_id = $2")
                        .bind(map)
                        .bind(user)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(role.as_deref().map(Role::parse))
            }

            /// A map's members and their roles.
            pub async fn members(&self, map: MapId) -> Result<Vec<(UserId, Role)>> {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT user_id, role FROM memberships WHERE map_id = $1 ORDER BY user_id",
                )
                .bind(map)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(u, r)| (u, Role::parse(&r))).collect())
            }

            /// The maps a user belongs to, with their role in each.
            pub async fn maps_of_user(&self, user: UserId) -> Result<Vec<(MapInfo, Role)>> {
                let rows: Vec<(i64, String, i64, Option<String>, String)> = sqlx::query_as(
                    "SELECT m.id, m.name, m.created_us, m.public_slug, r.role
                     FROM memberships r JOIN maps m ON m.id = r.map_id WHERE r.user_id = $1 ORDER BY m.id",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, name, created, slug, role)| (map_info((id, name, created, slug)), Role::parse(&role)))
                    .collect())
            }

            /// Takes a user's role in a map away.
            pub async fn remove_member(&self, map: MapId, user: UserId) -> Result<()> {
                sqlx::query("DELETE FROM memberships WHERE map_id = $1 AND user_id = $2")
                    .bind(map)
                    .bind(user)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_accounts;

use crate::error::{Result, StoreError};
use crate::types::{from_us, User};

pub(crate) type UserRow = (i64, String, String, Option<String>, i64, i64);

pub(crate) fn user((id, email, display_name, password_hash, created, admin): UserRow) -> User {
    User {
        id,
        email,
        display_name,
        password_hash,
        created: from_us(created),
        is_admin: admin != 0,
    }
}

pub(crate) fn normalise_email(email: &str) -> Result<String> {
    let email = email.trim().to_lowercase();
    if email.is_empty() || !email.contains('@') {
        return Err(StoreError::Invalid(format!(
            "'{email}' is not an email address"
        )));
    }
    Ok(email)
}
