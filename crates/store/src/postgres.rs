//! The PostgreSQL backend, for deployments where many circles share one database.

use caremap_core::model::{Connection, Element, Network};
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgPool, PgPoolOptions};

use crate::accounts::*;
use crate::common::*;
use crate::error::{Result, StoreError};
use crate::history::*;
use crate::network;
use crate::types::*;

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `postgres://...` and applies the migrations (under sqlx's advisory lock, so
    /// several servers may start at once).
    pub async fn open(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect(url)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(PgStore { pool })
    }

    /// The connection pool, for checks and tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// A write transaction (read committed: version checks are done by `UPDATE ... WHERE
    /// version = $n`, which waits for a concurrent writer and then sees its result).
    async fn tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        Ok(self.pool.begin().await?)
    }

    /// A read transaction that sees one snapshot across its statements.
    async fn read_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?)
    }

    /// Nothing to do: PostgreSQL reclaims dead rows by (auto)vacuum; see docs/storage.md.
    async fn after_erase(&self) -> Result<()> {
        Ok(())
    }

    /// The tables whose text (each row cast to text) contains `needle`. For erasure checks.
    pub async fn tables_containing(&self, needle: &str) -> Result<Vec<String>> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut found = Vec::new();
        for t in tables {
            let sql = format!("SELECT COUNT(*) FROM \"{t}\" x WHERE strpos(x::text, $1) > 0");
            let n: i64 = sqlx::query_scalar(&sql)
                .bind(needle)
                .fetch_one(&self.pool)
                .await?;
            if n > 0 {
                found.push(t);
            }
        }
        Ok(found)
    }
}

crate::edit::impl_edit!(PgStore, sqlx::Postgres);
crate::history::impl_history!(PgStore, sqlx::Postgres);
crate::accounts::impl_accounts!(PgStore, sqlx::Postgres);
