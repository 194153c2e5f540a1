//! The harness: a fresh store per test, an SQLite file in a temporary directory always, and a
//! fresh PostgreSQL database when `CAREMAP_TEST_POSTGRES_URL` names a server.

// Each test file uses a different part of the harness.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use caremap_core::model::Network;
use caremap_store::Store;
use sqlx::Connection;

/// The variable naming a PostgreSQL server the tests may create databases on.
pub const PG_VAR: &str = "CAREMAP_TEST_POSTGRES_URL";

/// One test's store, and what is needed to open it again or clean up after it.
pub struct Harness {
    pub store: Store,
    pub url: String,
    /// The SQLite file, for byte-level checks.
    pub file: Option<PathBuf>,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl Harness {
    /// A fresh SQLite file in a new temporary directory.
    pub async fn sqlite() -> Harness {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("caremap.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store = Store::open(&url).await.expect("open SQLite store");
        Harness {
            store,
            url,
            file: Some(file),
            _dir: Some(dir),
            pg: None,
        }
    }

    /// A fresh database on the PostgreSQL server, or `None` (skipped) when the variable is not
    /// set. Under CI the variable must be set: a skipped PostgreSQL suite would hide a gap.
    pub async fn postgres() -> Option<Harness> {
        let Ok(base) = std::env::var(PG_VAR) else {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "{PG_VAR} is not set, and CI must run the PostgreSQL tests: run them through \
                     scripts/with-postgres (e.g. `scripts/with-postgres cargo test -p caremap-store`), \
                     or set {PG_VAR}=postgres://USER:PASSWORD@HOST:PORT/DB for a role that may CREATE DATABASE"
                );
            }
            eprintln!("skipped: {PG_VAR} is not set (see docs/storage.md)");
            return None;
        };
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "caremap_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            nanos
        );
        let mut admin = sqlx::PgConnection::connect(&base)
            .await
            .expect("connect to the PostgreSQL test server");
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .await
            .expect("create a test database");
        admin.close().await.ok();
        let url = with_database(&base, &name);
        let store = Store::open(&url).await.expect("open PostgreSQL store");
        Some(Harness {
            store,
            url,
            file: None,
            _dir: None,
            pg: Some((base, name)),
        })
    }

    /// Another handle on the same database, as a second server process would have.
    pub async fn reopen(&self) -> Store {
        Store::open(&self.url).await.expect("reopen store")
    }

    /// Drops a PostgreSQL test database (SQLite's directory goes with the harness).
    pub async fn finish(self) {
        if let Some((base, name)) = &self.pg {
            close(&self.store).await;
            if let Ok(mut admin) = sqlx::PgConnection::connect(base).await {
                let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                sqlx::query(&sql).execute(&mut admin).await.ok();
            }
        }
    }
}

async fn close(store: &Store) {
    match store {
        Store::Sqlite(s) => s.pool().close().await,
        Store::Postgres(s) => s.pool().close().await,
    }
}

/// `base` with its database name replaced by `name`.
fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let authority_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let head = match head[authority_end..].find('/') {
        Some(i) => &head[..authority_end + i],
        None => head,
    };
    format!("{head}/{name}{query}")
}

/// The invented demo neighbourhood of 2026.
pub fn demo() -> Network {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/larkspur-vale-2026.json"
    );
    let text = std::fs::read_to_string(path).expect("read the demo map");
    let mut file: serde_json::Value = serde_json::from_str(&text).expect("demo map is JSON");
    assert_eq!(file["caremap"], 1);
    serde_json::from_value(file["network"].take()).expect("demo map is a Network")
}

/// Waits long enough that the next change gets a later timestamp than anything before.
pub async fn tick() {
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
}
