//! `Store`: the one storage interface, dispatching to the backend the URL chose.

use caremap_core::model::{Connection, Element, Network};
use chrono::{DateTime, Utc};

use crate::common::{ImportMode, ImportSummary};
use crate::error::{Result, StoreError};
use crate::history::EraseSummary;
use crate::postgres::PgStore;
use crate::sqlite::SqliteStore;
use crate::types::*;

/// The store: SQLite or PostgreSQL, with the same operations and behaviour. Cheap to clone
/// (a pool handle).
#[derive(Debug, Clone)]
pub enum Store {
    /// An SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL database.
    Postgres(PgStore),
}

impl Store {
    /// Opens the database the URL names and applies its migrations: `postgres://` or
    /// `postgresql://` is PostgreSQL; `sqlite://path?mode=rwc`, `sqlite:path` or a plain file
    /// path is SQLite (the file is created if missing).
    pub async fn open(url: &str) -> Result<Store> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Store::Postgres(PgStore::open(url).await?))
        } else if url.contains("://") && !url.starts_with("sqlite:") {
            Err(StoreError::Invalid(format!(
                "'{}' is not a database URL caremap knows: use sqlite://FILE?mode=rwc, a file path, or postgres://...",
                without_password(url)
            )))
        } else {
            Ok(Store::Sqlite(SqliteStore::open(url).await?))
        }
    }

    /// "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn without_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &url[..scheme_end],
                &rest[..colon],
                &rest[at..]
            ),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

macro_rules! dispatch {
    ($( $(#[$doc:meta])* fn $name:ident(&self $(, $arg:ident : $ty:ty)*) -> $ret:ty; )*) => {
        impl Store {
            $(
                $(#[$doc])*
                pub async fn $name(&self $(, $arg: $ty)*) -> Result<$ret> {
                    match self {
                        Store::Sqlite(s) => s.$name($($arg),*).await,
                        Store::Postgres(s) => s.$name($($arg),*).await,
                    }
                }
            )*
        }
    };
}

dispatch! {
    /// Creates a map with the default vocabularies.
    fn create_map(&self, name: &str, actor: &str) -> MapInfo;
    /// The map with this id.
    fn map(&self, map: MapId) -> MapInfo;
    /// Every map, oldest first.
    fn list_maps(&self) -> Vec<MapInfo>;
    /// The map published under this public link name.
    fn map_by_slug(&self, slug: &str) -> MapInfo;
    /// Publishes a map under a unique link name, or unpublishes it with `None`.
    fn set_public_slug(&self, map: MapId, slug: Option<&str>) -> ();
    /// Deletes a map with its content, history, snapshots and memberships.
    fn delete_map(&self, map: MapId) -> ();
    /// The map's name, description, date and vocabularies.
    fn meta(&self, map: MapId) -> MapMeta;
    /// Replaces the map's name, description, date and vocabularies; returns the history seq
    /// (0 when nothing changed).
    fn set_meta(&self, map: MapId, meta: &MapMeta, actor: &str) -> i64;
    /// The whole network of a map as it is now.
    fn load_network(&self, map: MapId) -> Network;
    /// One element with its version.
    fn element(&self, map: MapId, id: &str) -> Versioned<Element>;
    /// One connection with its version.
    fn connection(&self, map: MapId, id: &str) -> Versioned<Connection>;
    /// Every item's version, elements then connections, in the map's order.
    fn versions(&self, map: MapId) -> Vec<(ItemKind, String, i64)>;
    /// Replaces or merges a map's content in one transaction (all or nothing), recording
    /// each created, changed and removed item.
    fn import_network(&self, map: MapId, network: &Network, mode: ImportMode, actor: &str) -> ImportSummary;
    /// Applies changes in one transaction: all, or none on the first error.
    fn apply(&self, map: MapId, changes: Vec<Change>, actor: &str) -> Vec<Applied>;
    /// Applies changes and adds the vocabulary they use, in one transaction.
    fn apply_growing(&self, map: MapId, changes: Vec<Change>, growth: &VocabularyGrowth, actor: &str) -> Vec<Applied>;
    /// How many elements and connections the map has.
    fn counts(&self, map: MapId) -> (i64, i64);
    /// The map's revision (latest history seq, history rows): changes with every change.
    fn revision(&self, map: MapId) -> (i64, i64);
    /// The latest `limit` changes, newest first.
    fn history(&self, map: MapId, limit: i64) -> Vec<HistoryEntry>;
    /// The latest `limit` changes of one element or connection, newest first.
    fn item_history(&self, map: MapId, kind: ItemKind, item: &str, limit: i64) -> Vec<HistoryEntry>;
    /// The map as it was at a moment (current state with later changes rewound).
    fn network_as_of(&self, map: MapId, at: DateTime<Utc>) -> Network;
    /// Saves the map as it is now under a name unique in the map.
    fn create_snapshot(&self, map: MapId, name: &str, actor: &str) -> Snapshot;
    /// A map's snapshots, oldest first.
    fn list_snapshots(&self, map: MapId) -> Vec<Snapshot>;
    /// The network saved in a named snapshot.
    fn snapshot_network(&self, map: MapId, name: &str) -> Network;
    /// Undoes a recorded change with its inverse, recorded as a new change.
    fn undo(&self, map: MapId, seq: i64, actor: &str) -> Applied;
    /// Erases an element from the map, its history and its snapshots.
    fn erase_element(&self, map: MapId, element: &str, actor: &str) -> EraseSummary;
    /// The tables (SQLite: table.column) whose text contains `needle`: for erasure checks.
    fn tables_containing(&self, needle: &str) -> Vec<String>;
    /// Creates an account (email trimmed, lower-cased, unique).
    fn create_user(&self, email: &str, display_name: &str, password_hash: Option<&str>) -> User;
    /// The account with this id.
    fn user(&self, id: UserId) -> User;
    /// The account with this email.
    fn user_by_email(&self, email: &str) -> User;
    /// Every account.
    fn list_users(&self) -> Vec<User>;
    /// Replaces a user's password hash.
    fn set_password_hash(&self, id: UserId, hash: &str) -> ();
    /// Starts a session stored under its token's hash.
    fn create_session(&self, token_hash: &str, user: UserId, expires: DateTime<Utc>) -> Session;
    /// The session with this token hash.
    fn session(&self, token_hash: &str) -> Session;
    /// Records a session's use (idle expiry).
    fn touch_session(&self, token_hash: &str, at: DateTime<Utc>) -> ();
    /// Ends a session.
    fn delete_session(&self, token_hash: &str) -> ();
    /// Deletes expired and idle sessions; returns how many.
    fn delete_stale_sessions(&self, now: DateTime<Utc>, idle_since: DateTime<Utc>) -> u64;
    /// Stores an API token's hash under a name unique for the user.
    fn create_api_token(&self, user: UserId, name: &str, token_hash: &str) -> ApiToken;
    /// The API token with this hash.
    fn api_token(&self, token_hash: &str) -> ApiToken;
    /// Records that an API token was used at `at`.
    fn touch_api_token(&self, id: i64, at: DateTime<Utc>) -> ();
    /// A user's API tokens.
    fn list_api_tokens(&self, user: UserId) -> Vec<ApiToken>;
    /// Revokes a user's API token.
    fn delete_api_token(&self, user: UserId, id: i64) -> ();
    /// Ends every session of a user but the one with this token hash.
    fn delete_sessions_of_user(&self, user: UserId, except: &str) -> u64;
    /// Makes a user an administrator of the deployment, or not.
    fn set_admin(&self, id: UserId, admin: bool) -> ();
    /// Records a failed login under a key, forgets older ones, returns the key's count.
    fn record_login_failure(&self, key: &str, at: DateTime<Utc>, forget_before: DateTime<Utc>) -> i64;
    /// How many failed logins a key has had since a moment.
    fn login_failures(&self, key: &str, since: DateTime<Utc>) -> i64;
    /// Forgets a key's failed logins.
    fn clear_login_failures(&self, key: &str) -> ();
    /// Gives a user a role in a map.
    fn set_member(&self, map: MapId, user: UserId, role: Role) -> ();
    /// A user's role in a map.
    fn member_role(&self, map: MapId, user: UserId) -> Option<Role>;
    /// A map's members.
    fn members(&self, map: MapId) -> Vec<(UserId, Role)>;
    /// The maps a user belongs to, with roles.
    fn maps_of_user(&self, user: UserId) -> Vec<(MapInfo, Role)>;
    /// Takes a user's role in a map away.
    fn remove_member(&self, map: MapId, user: UserId) -> ();
}

#[cfg(test)]
mod tests {
    use super::without_password;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            without_password("postgress://ada:s3cret@db.internal:5432/caremap"),
            "postgress://ada:***@db.internal:5432/caremap"
        );
        assert_eq!(
            without_password("postgres://db/caremap"),
            "postgres://db/caremap"
        );
        assert_eq!(without_password("caremap.db"), "caremap.db");
    }
}
