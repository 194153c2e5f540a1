//! caremap's storage: maps, their elements and connections with versions, full history with
//! as-of and undo, named snapshots, erasure, and accounts, in SQLite or PostgreSQL.
//!
//! The backend is chosen from the database URL; each has its own migrations, applied at open.
//! Everything lives in the database, so any number of app servers can share one.
//!
//! ```no_run
//! use caremap_core::model::Element;
//! use caremap_store::{Change, Store};
//!
//! # async fn demo() -> Result<(), caremap_store::StoreError> {
//! let store = Store::open("sqlite://caremap.db?mode=rwc").await?; // or postgres://...
//! let map = store.create_map("Larkspur Vale", "user:1").await?;
//! let garden = Element::new("e1", "Rosa's garden club", "grassroots or mutual-aid group");
//! let applied = store
//!     .apply(map.id, vec![Change::CreateElement { element: garden.clone() }], "user:1")
//!     .await?;
//! // An edit names the version it read; a stale one is a Conflict, not an overwrite.
//! let mut renamed = garden;
//! renamed.label = "Larkspur garden club".into();
//! store
//!     .apply(
//!         map.id,
//!         vec![Change::UpdateElement { element: renamed, expected_version: 1 }],
//!         "user:1",
//!     )
//!     .await?;
//! store.undo(map.id, applied[0].seq, "user:1").await.ok(); // Conflict: it changed since
//! let network = store.load_network(map.id).await?;
//! assert_eq!(network.elements[0].label, "Larkspur garden club");
//! # Ok(()) }
//! ```
//!
//! See `docs/storage.md` for the schema, concurrency, history and erasure.

mod accounts;
mod common;
mod edit;
mod error;
mod history;
mod network;
mod postgres;
mod sqlite;
mod store;
mod types;

pub use common::{ImportMode, ImportSummary};
pub use error::{Result, StoreError};
pub use history::EraseSummary;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;
pub use store::{without_password, Store};
pub use types::{
    ApiToken, Applied, Change, HistoryEntry, ItemKind, MapId, MapInfo, MapMeta, Role, Session,
    Snapshot, User, UserId, Versioned, VocabularyGrowth,
};
