//! The values the store takes and returns.

use caremap_core::model::care_type::CareType;
use caremap_core::model::category::Category;
use caremap_core::model::{Connection, ConnectionId, Element, ElementId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The id of a map in this deployment.
pub type MapId = i64;
/// The id of a user.
pub type UserId = i64;

/// A map's own row: who it is, and whether it is published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapInfo {
    /// The map's id.
    pub id: MapId,
    /// The map's name.
    pub name: String,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// The name of its read-only public link, when it is published.
    pub public_slug: Option<String>,
}

/// The map-level part of a network: everything but its elements and connections. Recorded in
/// history (item kind `map`) when it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapMeta {
    /// The map's name.
    pub name: String,
    /// Free text about the map.
    #[serde(default)]
    pub description: String,
    /// The date the map describes.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// The map's categories.
    pub categories: Vec<Category>,
    /// The map's care-type vocabulary.
    pub care_types: Vec<CareType>,
}

/// A stored item with its version, for optimistic concurrency (an HTTP ETag).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versioned<T> {
    /// The item.
    pub item: T,
    /// Its version: 1 when created, one more at each update.
    pub version: i64,
}

/// What a history row or an applied change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// An element.
    Element,
    /// A connection.
    Connection,
    /// The map's name, description, date and vocabularies.
    Map,
}

impl ItemKind {
    /// The name stored in the database.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Element => "element",
            ItemKind::Connection => "connection",
            ItemKind::Map => "map",
        }
    }

    pub(crate) fn parse(text: &str) -> ItemKind {
        match text {
            "element" => ItemKind::Element,
            "connection" => ItemKind::Connection,
            _ => ItemKind::Map,
        }
    }
}

/// One edit of a map. Updates and deletes name the version the caller read; a different stored
/// version is a [`crate::StoreError::Conflict`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Adds an element (its id must be new in the map).
    CreateElement {
        /// The new element.
        element: Element,
    },
    /// Replaces an element.
    UpdateElement {
        /// The element as it should be (its id names the element).
        element: Element,
        /// The version the caller read.
        expected_version: i64,
    },
    /// Deletes an element (it must have no connections left).
    DeleteElement {
        /// The element's id.
        id: ElementId,
        /// The version the caller read.
        expected_version: i64,
    },
    /// Adds a connection between two elements of the map.
    CreateConnection {
        /// The new connection.
        connection: Connection,
    },
    /// Replaces a connection.
    UpdateConnection {
        /// The connection as it should be (its id names the connection).
        connection: Connection,
        /// The version the caller read.
        expected_version: i64,
    },
    /// Deletes a connection.
    DeleteConnection {
        /// The connection's id.
        id: ConnectionId,
        /// The version the caller read.
        expected_version: i64,
    },
}

/// What one applied change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// What kind of item changed.
    pub item_kind: ItemKind,
    /// The item's id.
    pub item_id: String,
    /// Its version now; `None` when it was deleted.
    pub version: Option<i64>,
    /// The history row that records the change.
    pub seq: i64,
}

/// One recorded change: who, when, and the item before and after (as JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Its place in the history (increasing across the deployment).
    pub seq: i64,
    /// The map it changed.
    pub map: MapId,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (as the caller named them, e.g. "user:3" or "import").
    pub actor: String,
    /// "create", "update", "delete" or "erase".
    pub kind: String,
    /// What kind of item.
    pub item_kind: ItemKind,
    /// The item's id (empty for an erasure, which keeps no trace of whom it erased).
    pub item_id: String,
    /// The item before the change, if it existed.
    pub before: Option<serde_json::Value>,
    /// The item after the change, if it still exists.
    pub after: Option<serde_json::Value>,
}

/// A named snapshot of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The snapshot's id.
    pub id: i64,
    /// The map.
    pub map: MapId,
    /// Its name, unique in the map ("end of pilot").
    pub name: String,
    /// When it was taken.
    pub at: DateTime<Utc>,
    /// Who took it.
    pub actor: String,
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// The email, trimmed and lower-cased; unique.
    pub email: String,
    /// The name shown to others.
    pub display_name: String,
    /// The password hash (argon2id, made by the server); `None` for token-only accounts.
    #[serde(skip_serializing)]
    pub password_hash: Option<String>,
    /// When the account was made.
    pub created: DateTime<Utc>,
    /// Whether the user administers the deployment (makes accounts). Reading a map still
    /// takes a role in it: administrators do not see other people's maps.
    #[serde(default)]
    pub is_admin: bool,
}

/// A login session. The server checks idle and absolute expiry; the store keeps the times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The hash of the session token (the token itself is never stored).
    pub token_hash: String,
    /// Whose session.
    pub user: UserId,
    /// When it began.
    pub created: DateTime<Utc>,
    /// When it was last used.
    pub last_seen: DateTime<Utc>,
    /// When it ends whatever happens (absolute expiry).
    pub expires: DateTime<Utc>,
}

/// An API token for scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The token's id.
    pub id: i64,
    /// Whose token.
    pub user: UserId,
    /// A name its owner chose, unique per user.
    pub name: String,
    /// The hash of the token.
    pub token_hash: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// When it was last used (recorded at most once a minute), if ever.
    pub last_used: Option<DateTime<Utc>>,
}

/// Categories and care types to add to a map's vocabulary with a batch of changes (those it
/// has already, by name, are left as they are).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VocabularyGrowth {
    /// Categories the changes use.
    pub categories: Vec<Category>,
    /// Care types the changes use.
    pub care_types: Vec<CareType>,
}

/// A member's role in a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads the map.
    Viewer,
    /// Reads and edits the map.
    Editor,
    /// Edits, shares, manages members.
    Owner,
}

impl Role {
    /// The name stored in the database.
    pub fn name(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Owner => "owner",
        }
    }

    pub(crate) fn parse(text: &str) -> Role {
        match text {
            "owner" => Role::Owner,
            "editor" => Role::Editor,
            _ => Role::Viewer,
        }
    }
}

pub(crate) fn to_us(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

pub(crate) fn from_us(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}
