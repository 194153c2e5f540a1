//! SQLite-only checks: the pragmas every connection of the pool runs with.

mod common;

use caremap_store::Store;

#[tokio::test]
async fn sqlite_runs_in_wal_with_full_sync_foreign_keys_and_a_busy_timeout() {
    let h = common::Harness::sqlite().await;
    let Store::Sqlite(s) = &h.store else {
        unreachable!()
    };
    // Ask several pooled connections at once, so more than one connection is checked.
    let mut conns = Vec::new();
    for _ in 0..3 {
        conns.push(s.pool().acquire().await.unwrap());
    }
    for conn in &mut conns {
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let secure: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(
            (journal.as_str(), sync, fk, busy, secure),
            ("wal", 2, 1, 5000, 1)
        );
    }
    drop(conns);
    h.finish().await;
}

#[tokio::test]
async fn a_plain_path_opens_sqlite_and_unknown_urls_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(store.backend(), "sqlite");
    assert!(path.exists());
    assert!(matches!(
        Store::open("mysql://localhost/caremap").await,
        Err(caremap_store::StoreError::Invalid(_))
    ));
}
