//! The SQLite backend: one file, WAL, `synchronous=FULL`, foreign keys, a 5 s busy timeout.

use std::str::FromStr;
use std::time::Duration;

use caremap_core::model::{Connection, Element, Network};
use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::accounts::*;
use crate::common::*;
use crate::error::{Result, StoreError};
use crate::history::*;
use crate::network;
use crate::types::*;

/// A store in an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `sqlite://path?mode=rwc` or a plain path,
    /// and applies the migrations.
    pub async fn open(url: &str) -> Result<Self> {
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Deleted content is overwritten, so an erased person does not linger in free pages.
            .pragma("secure_delete", "ON");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// The connection pool, for checks and tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock at once, so two writers
    /// wait for each other (busy timeout) instead of failing when a read turns into a write.
    async fn tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A read transaction: one consistent view of the file.
    async fn read_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin().await?)
    }

    /// Moves the write-ahead log into the file and empties it, so erased pages leave the log.
    async fn after_erase(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The tables whose text (any column, cast to text) contains `needle`. For erasure checks.
    pub async fn tables_containing(&self, needle: &str) -> Result<Vec<String>> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut found = Vec::new();
        for t in tables {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                .bind(&t)
                .fetch_all(&self.pool)
                .await?;
            for c in columns {
                let sql = format!(
                    "SELECT COUNT(*) FROM \"{t}\" WHERE instr(CAST(\"{c}\" AS TEXT), $1) > 0"
                );
                let n: i64 = sqlx::query_scalar(&sql)
                    .bind(needle)
                    .fetch_one(&self.pool)
                    .await?;
                if n > 0 {
                    found.push(format!("{t}.{c}"));
                }
            }
        }
        Ok(found)
    }
}

crate::edit::impl_edit!(SqliteStore, sqlx::Sqlite);
crate::history::impl_history!(SqliteStore, sqlx::Sqlite);
crate::accounts::impl_accounts!(SqliteStore, sqlx::Sqlite);
