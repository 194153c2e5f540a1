//! The store's behaviour, written once and run against SQLite always and against PostgreSQL
//! when `CAREMAP_TEST_POSTGRES_URL` is set (scripts/with-postgres sets it).

mod common;

use caremap_core::model::{Connection, Element, FieldValue, Network};
use caremap_store::{Change, ImportMode, ItemKind, Role, Store, StoreError};
use chrono::Utc;
use common::{demo, tick, Harness};

/// Runs each behaviour against both backends, as `sqlite::NAME` and `postgres::NAME`.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let h = super::Harness::sqlite().await;
                    super::$name(&h).await;
                    h.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(h) = super::Harness::postgres().await else { return };
                    super::$name(&h).await;
                    h.finish().await;
                }
            )*
        }
    };
}

both!(
    migrations_run_at_open,
    the_demo_map_round_trips,
    changes_carry_versions,
    a_stale_version_conflicts_and_changes_nothing,
    a_failing_batch_applies_nothing,
    history_records_before_after_and_actor,
    as_of_returns_the_earlier_state,
    snapshots_keep_the_map_as_it_was,
    undo_applies_the_inverse_as_a_new_change,
    erasure_leaves_no_trace,
    two_handles_see_each_others_writes,
    accounts_sessions_tokens_and_roles,
);

const ACTOR: &str = "user:1";

async fn demo_map(store: &Store) -> (i64, Network) {
    let map = store.create_map("Larkspur Vale", ACTOR).await.unwrap();
    let network = demo();
    store
        .import_network(map.id, &network, ImportMode::Replace, "import")
        .await
        .unwrap();
    (map.id, network)
}

async fn migrations_run_at_open(h: &Harness) {
    let applied: Vec<(i64, bool)> = match &h.store {
        Store::Sqlite(s) => sqlx::query_as("SELECT version, success FROM _sqlx_migrations")
            .fetch_all(s.pool())
            .await
            .unwrap(),
        Store::Postgres(s) => sqlx::query_as("SELECT version, success FROM _sqlx_migrations")
            .fetch_all(s.pool())
            .await
            .unwrap(),
    };
    assert_eq!(applied, vec![(1, true), (2, true)]);
    assert!(h.store.list_maps().await.unwrap().is_empty());
    // Opening again finds the migrations applied and changes nothing.
    let again = h.reopen().await;
    assert!(again.list_maps().await.unwrap().is_empty());
}

async fn the_demo_map_round_trips(h: &Harness) {
    let (map, network) = demo_map(&h.store).await;
    assert!(network.elements.len() > 30, "the demo map is not trivial");
    assert_eq!(h.store.load_network(map).await.unwrap(), network);
    // Importing the same network again changes nothing and records nothing.
    let before = h.store.history(map, 10_000).await.unwrap().len();
    let summary = h
        .store
        .import_network(map, &network, ImportMode::Replace, "import")
        .await
        .unwrap();
    assert_eq!(summary, Default::default());
    assert_eq!(h.store.history(map, 10_000).await.unwrap().len(), before);
    // Replacing with a smaller map removes the rest.
    let mut smaller = network.clone();
    smaller.connections.clear();
    smaller.elements.truncate(3);
    let summary = h
        .store
        .import_network(map, &smaller, ImportMode::Replace, "import")
        .await
        .unwrap();
    assert_eq!(
        summary.deleted,
        network.elements.len() - 3 + network.connections.len()
    );
    assert_eq!(h.store.load_network(map).await.unwrap(), smaller);
    // Merging the full map back restores it.
    h.store
        .import_network(map, &network, ImportMode::Merge, "import")
        .await
        .unwrap();
    assert_eq!(h.store.load_network(map).await.unwrap(), network);
}

async fn changes_carry_versions(h: &Harness) {
    let map = h.store.create_map("Versions", ACTOR).await.unwrap().id;
    let a = Element::new("a", "Elm Street Pantry", "grassroots or mutual-aid group");
    let b = Element::new("b", "Kestrel Road surgery", "statutory service");
    let c = Connection::new("c", "a", "b");
    let applied = h
        .store
        .apply(
            map,
            vec![
                Change::CreateElement { element: a.clone() },
                Change::CreateElement { element: b.clone() },
                Change::CreateConnection {
                    connection: c.clone(),
                },
            ],
            ACTOR,
        )
        .await
        .unwrap();
    assert!(applied.iter().all(|x| x.version == Some(1)));
    assert!(applied[0].seq < applied[1].seq && applied[1].seq < applied[2].seq);

    let mut a2 = a.clone();
    a2.description = "Food parcels on Fridays".into();
    let applied = h
        .store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: a2.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap();
    assert_eq!(applied[0].version, Some(2));
    let got = h.store.element(map, "a").await.unwrap();
    assert_eq!((got.item, got.version), (a2, 2));

    // An element with connections cannot go before them.
    let err = h
        .store
        .apply(
            map,
            vec![Change::DeleteElement {
                id: "b".into(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m.contains("connection")),
        "{err}"
    );
    h.store
        .apply(
            map,
            vec![
                Change::DeleteConnection {
                    id: "c".into(),
                    expected_version: 1,
                },
                Change::DeleteElement {
                    id: "b".into(),
                    expected_version: 1,
                },
            ],
            ACTOR,
        )
        .await
        .unwrap();
    let network = h.store.load_network(map).await.unwrap();
    assert_eq!(network.elements.len(), 1);
    assert!(network.connections.is_empty());
    assert!(matches!(
        h.store.element(map, "b").await,
        Err(StoreError::NotFound { .. })
    ));
    // A created id that exists is a duplicate.
    let err = h
        .store
        .apply(map, vec![Change::CreateElement { element: a }], ACTOR)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { ref field } if field == "element id"),
        "{err}"
    );
}

async fn a_stale_version_conflicts_and_changes_nothing(h: &Harness) {
    let (map, network) = demo_map(&h.store).await;
    let mut e = network.elements[0].clone();
    e.label = "First edit".into();
    h.store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: e.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap();
    let after_first = h.store.load_network(map).await.unwrap();
    let history = h.store.history(map, 10_000).await.unwrap().len();

    e.label = "Second edit from a stale page".into();
    let err = h
        .store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: e.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current_version: 2 }),
        "{err}"
    );
    let err = h
        .store
        .apply(
            map,
            vec![Change::DeleteElement {
                id: e.id.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current_version: 2 }),
        "{err}"
    );
    assert_eq!(h.store.load_network(map).await.unwrap(), after_first);
    assert_eq!(h.store.history(map, 10_000).await.unwrap().len(), history);
}

async fn a_failing_batch_applies_nothing(h: &Harness) {
    let (map, network) = demo_map(&h.store).await;
    let history = h.store.history(map, 10_000).await.unwrap().len();
    let mut first = network.elements[0].clone();
    first.label = "Renamed in a batch that fails".into();
    let batch = vec![
        Change::CreateElement {
            element: Element::new("new-1", "Heron Lane choir", ""),
        },
        Change::UpdateElement {
            element: first,
            expected_version: 1,
        },
        Change::CreateConnection {
            connection: Connection::new("new-c", "new-1", "nobody"),
        },
    ];
    let err = h.store.apply(map, batch, ACTOR).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m.contains("nobody")),
        "{err}"
    );

    // A batch failing in the database (a duplicate id) rolls back as well.
    let batch = vec![
        Change::CreateElement {
            element: Element::new("new-2", "Wren Court", ""),
        },
        Change::CreateElement {
            element: network.elements[1].clone(),
        },
    ];
    let err = h.store.apply(map, batch, ACTOR).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");

    // A rejected import leaves the map as it was.
    let mut broken = network.clone();
    broken.elements.truncate(5);
    broken
        .connections
        .push(Connection::new("dangling", "nowhere", "nobody"));
    let err = h
        .store
        .import_network(map, &broken, ImportMode::Replace, "import")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");

    assert_eq!(h.store.load_network(map).await.unwrap(), network);
    assert_eq!(h.store.history(map, 10_000).await.unwrap().len(), history);
}

async fn history_records_before_after_and_actor(h: &Harness) {
    let map = h.store.create_map("History", ACTOR).await.unwrap().id;
    let a = Element::new(
        "a",
        "Rowan Day Centre",
        "community hub or voluntary organisation",
    );
    h.store
        .apply(
            map,
            vec![Change::CreateElement { element: a.clone() }],
            "user:7",
        )
        .await
        .unwrap();
    let mut a2 = a.clone();
    a2.label = "Rowan Community Centre".into();
    h.store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: a2.clone(),
                expected_version: 1,
            }],
            "user:8",
        )
        .await
        .unwrap();
    h.store
        .apply(
            map,
            vec![Change::DeleteElement {
                id: "a".into(),
                expected_version: 2,
            }],
            "user:9",
        )
        .await
        .unwrap();
    let history = h.store.history(map, 3).await.unwrap();
    let json = |e: &Element| Some(serde_json::to_value(e).unwrap());
    let seen: Vec<_> = history
        .iter()
        .map(|x| {
            (
                x.kind.as_str(),
                x.actor.as_str(),
                x.item_kind,
                x.item_id.as_str(),
                x.before.clone(),
                x.after.clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("delete", "user:9", ItemKind::Element, "a", json(&a2), None),
            (
                "update",
                "user:8",
                ItemKind::Element,
                "a",
                json(&a),
                json(&a2)
            ),
            ("create", "user:7", ItemKind::Element, "a", None, json(&a)),
        ]
    );
    assert!(history[0].seq > history[1].seq && history[0].at >= history[2].at);
    assert!(history.iter().all(|x| x.map == map));
    // The map's creation is recorded too.
    let all = h.store.history(map, 100).await.unwrap();
    assert_eq!(
        all.last().map(|x| (x.kind.as_str(), x.item_kind)),
        Some(("create", ItemKind::Map))
    );
}

async fn as_of_returns_the_earlier_state(h: &Harness) {
    let (map, network) = demo_map(&h.store).await;
    tick().await;
    let t0 = Utc::now();
    tick().await;
    let mut changed = network.clone();
    let first = &mut changed.elements[0];
    first.label = "Renamed later".into();
    let removed = changed.connections.remove(0);
    let added = Element::new(
        "late",
        "Alder Street allotments",
        "grassroots or mutual-aid group",
    );
    changed.elements.push(added.clone());
    changed.categories.pop();
    h.store
        .apply(
            map,
            vec![
                Change::UpdateElement {
                    element: changed.elements[0].clone(),
                    expected_version: 1,
                },
                Change::DeleteConnection {
                    id: removed.id.clone(),
                    expected_version: 1,
                },
                Change::CreateElement { element: added },
            ],
            ACTOR,
        )
        .await
        .unwrap();
    let mut meta = h.store.meta(map).await.unwrap();
    meta.categories.pop();
    h.store.set_meta(map, &meta, ACTOR).await.unwrap();
    assert_eq!(h.store.load_network(map).await.unwrap(), changed);
    assert_eq!(h.store.network_as_of(map, t0).await.unwrap(), network);
    assert_eq!(
        h.store.network_as_of(map, Utc::now()).await.unwrap(),
        changed
    );
    let long_ago = chrono::DateTime::from_timestamp(0, 0).unwrap();
    assert!(matches!(
        h.store.network_as_of(map, long_ago).await,
        Err(StoreError::NotFound { .. })
    ));
}

async fn snapshots_keep_the_map_as_it_was(h: &Harness) {
    let (map, network) = demo_map(&h.store).await;
    let snap = h
        .store
        .create_snapshot(map, "end of pilot", ACTOR)
        .await
        .unwrap();
    assert_eq!(snap.name, "end of pilot");
    let id = network.connections[0].id.clone();
    h.store
        .apply(
            map,
            vec![Change::DeleteConnection {
                id,
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap();
    h.store
        .create_snapshot(map, "after the summer", ACTOR)
        .await
        .unwrap();
    assert_eq!(
        h.store.snapshot_network(map, "end of pilot").await.unwrap(),
        network
    );
    assert_eq!(
        h.store
            .snapshot_network(map, "after the summer")
            .await
            .unwrap(),
        h.store.load_network(map).await.unwrap()
    );
    let names: Vec<String> = h
        .store
        .list_snapshots(map)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["end of pilot", "after the summer"]);
    let err = h
        .store
        .create_snapshot(map, "end of pilot", ACTOR)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { ref field } if field == "snapshot name"),
        "{err}"
    );
    assert!(matches!(
        h.store.snapshot_network(map, "no such").await,
        Err(StoreError::NotFound { .. })
    ));
}

async fn undo_applies_the_inverse_as_a_new_change(h: &Harness) {
    let (map, network) = demo_map(&h.store).await;
    let mut e = network.elements[2].clone();
    e.label = "A mistaken rename".into();
    let update = h
        .store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: e.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap()[0]
        .seq;
    let undone = h.store.undo(map, update, "user:2").await.unwrap();
    assert_eq!(undone.version, Some(3));
    assert_eq!(h.store.load_network(map).await.unwrap(), network);
    let last = &h.store.history(map, 1).await.unwrap()[0];
    assert_eq!(
        (last.seq, last.actor.as_str(), last.kind.as_str()),
        (undone.seq, "user:2", "update")
    );
    // The same change cannot be undone twice: the element moved on.
    assert!(matches!(
        h.store.undo(map, update, ACTOR).await,
        Err(StoreError::Conflict { current_version: 3 })
    ));

    // Undoing a delete puts the item back in its place; undoing that undo deletes it again.
    let c = network.connections[3].clone();
    let delete = h
        .store
        .apply(
            map,
            vec![Change::DeleteConnection {
                id: c.id.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap()[0]
        .seq;
    let restored = h.store.undo(map, delete, ACTOR).await.unwrap();
    assert_eq!(h.store.load_network(map).await.unwrap(), network);
    h.store.undo(map, restored.seq, ACTOR).await.unwrap();
    assert!(h
        .store
        .load_network(map)
        .await
        .unwrap()
        .connection(&c.id)
        .is_none());
    assert!(matches!(
        h.store.undo(map, 999_999, ACTOR).await,
        Err(StoreError::NotFound { .. })
    ));
}

async fn erasure_leaves_no_trace(h: &Harness) {
    const NEEDLE: &str = "Zephyrine Quillfeather-93a7";
    const ID: &str = "person-7f3c91";
    let (map, network) = demo_map(&h.store).await;
    let mut person = Element::new(
        ID,
        format!("{NEEDLE} (neighbour)"),
        "individual active citizen",
    );
    person.fields.insert(
        "phone note".into(),
        FieldValue::Text(format!("ask for {NEEDLE}")),
    );
    person.email = Some("zq@example.invalid".into());
    let friend = network.elements[0].id.clone();
    let mut tie = Connection::new("tie-7f3c91", ID, friend.clone());
    tie.description = "Tuesday visits".into();
    h.store
        .apply(
            map,
            vec![
                Change::CreateElement {
                    element: person.clone(),
                },
                Change::CreateConnection {
                    connection: tie.clone(),
                },
            ],
            ACTOR,
        )
        .await
        .unwrap();
    person.description = format!("{NEEDLE} walks dogs");
    h.store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: person.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap();
    h.store
        .create_snapshot(map, "with the person", ACTOR)
        .await
        .unwrap();
    // The tie once pointed elsewhere and was moved: it still touched the person in history.
    tie.from = network.elements[1].id.clone();
    h.store
        .apply(
            map,
            vec![Change::UpdateConnection {
                connection: tie.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap();
    assert!(
        !h.store.tables_containing(NEEDLE).await.unwrap().is_empty(),
        "the needle was planted"
    );

    let summary = h.store.erase_element(map, ID, "user:1").await.unwrap();
    assert_eq!(
        (summary.elements, summary.connections, summary.snapshots),
        (1, 1, 1)
    );
    assert!(h.store.element(map, ID).await.is_err());
    for needle in [NEEDLE, ID, "zq@example.invalid"] {
        let found = h.store.tables_containing(needle).await.unwrap();
        assert!(found.is_empty(), "'{needle}' is still in {found:?}");
    }
    assert_eq!(h.store.load_network(map).await.unwrap(), network);
    assert_eq!(
        h.store
            .snapshot_network(map, "with the person")
            .await
            .unwrap(),
        network
    );
    let history = h.store.history(map, 1).await.unwrap();
    assert_eq!(
        (history[0].kind.as_str(), history[0].item_id.as_str()),
        ("erase", "")
    );

    if let (Store::Sqlite(s), Some(file)) = (&h.store, &h.file) {
        sqlx::query("VACUUM").execute(s.pool()).await.unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(s.pool())
            .await
            .unwrap();
        for suffix in ["", "-wal"] {
            let path = format!("{}{suffix}", file.display());
            let bytes = std::fs::read(&path).unwrap_or_default();
            for needle in [NEEDLE, ID] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "'{needle}' is still in the bytes of {path}"
                );
            }
        }
    }
}

async fn two_handles_see_each_others_writes(h: &Harness) {
    let other = h.reopen().await;
    let map = h.store.create_map("Shared", ACTOR).await.unwrap().id;
    assert_eq!(other.map(map).await.unwrap().name, "Shared");
    let a = Element::new(
        "a",
        "Hawthorn tenants' association",
        "grassroots or mutual-aid group",
    );
    other
        .apply(
            map,
            vec![Change::CreateElement { element: a.clone() }],
            ACTOR,
        )
        .await
        .unwrap();
    assert_eq!(h.store.element(map, "a").await.unwrap().version, 1);
    let mut one = a.clone();
    one.label = "edit through the first handle".into();
    let mut two = a.clone();
    two.label = "edit through the second handle".into();
    h.store
        .apply(
            map,
            vec![Change::UpdateElement {
                element: one.clone(),
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap();
    let err = other
        .apply(
            map,
            vec![Change::UpdateElement {
                element: two,
                expected_version: 1,
            }],
            ACTOR,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current_version: 2 }),
        "{err}"
    );
    assert_eq!(other.element(map, "a").await.unwrap().item, one);

    // Concurrent writers through both handles: every create lands, none is lost.
    let mut tasks = Vec::new();
    for (n, store) in [h.store.clone(), other.clone()].into_iter().enumerate() {
        tasks.push(tokio::spawn(async move {
            for i in 0..10 {
                let e = Element::new(format!("w{n}-{i}"), format!("Writer {n} item {i}"), "");
                store
                    .apply(map, vec![Change::CreateElement { element: e }], ACTOR)
                    .await
                    .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(h.store.load_network(map).await.unwrap().elements.len(), 21);
    assert_eq!(other.load_network(map).await.unwrap().elements.len(), 21);
}

async fn accounts_sessions_tokens_and_roles(h: &Harness) {
    let s = &h.store;
    let ada = s
        .create_user(" Ada@Example.org ", "Ada", Some("$argon2id$v=19$fake"))
        .await
        .unwrap();
    assert_eq!(ada.email, "ada@example.org");
    assert_eq!(s.user_by_email("ADA@example.org").await.unwrap().id, ada.id);
    let err = s
        .create_user("ada@example.org", "Ada again", None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { ref field } if field == "email"),
        "{err}"
    );

    let expires = Utc::now() + chrono::Duration::days(30);
    let session = s
        .create_session("hash-of-session-token", ada.id, expires)
        .await
        .unwrap();
    assert_eq!(session.user, ada.id);
    let later = Utc::now() + chrono::Duration::hours(1);
    s.touch_session("hash-of-session-token", later)
        .await
        .unwrap();
    assert_eq!(
        s.session("hash-of-session-token")
            .await
            .unwrap()
            .last_seen
            .timestamp(),
        later.timestamp()
    );
    assert_eq!(
        s.delete_stale_sessions(Utc::now(), Utc::now() - chrono::Duration::hours(2))
            .await
            .unwrap(),
        0
    );
    s.delete_session("hash-of-session-token").await.unwrap();
    assert!(matches!(
        s.session("hash-of-session-token").await,
        Err(StoreError::NotFound { .. })
    ));

    let token = s
        .create_api_token(ada.id, "nightly export", "hash-of-api-token")
        .await
        .unwrap();
    assert_eq!(s.api_token("hash-of-api-token").await.unwrap().user, ada.id);
    let err = s
        .create_api_token(ada.id, "nightly export", "another-hash")
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { ref field } if field == "token name"),
        "{err}"
    );
    s.delete_api_token(ada.id, token.id).await.unwrap();
    assert!(s.list_api_tokens(ada.id).await.unwrap().is_empty());

    let map = s.create_map("Roles", ACTOR).await.unwrap().id;
    s.set_member(map, ada.id, Role::Viewer).await.unwrap();
    s.set_member(map, ada.id, Role::Owner).await.unwrap();
    assert_eq!(s.member_role(map, ada.id).await.unwrap(), Some(Role::Owner));
    assert_eq!(s.maps_of_user(ada.id).await.unwrap()[0].1, Role::Owner);
    s.set_public_slug(map, Some("larkspur")).await.unwrap();
    assert_eq!(s.map_by_slug("larkspur").await.unwrap().id, map);
    let other = s.create_map("Other", ACTOR).await.unwrap().id;
    let err = s
        .set_public_slug(other, Some("larkspur"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { ref field } if field == "public link name"),
        "{err}"
    );
    s.delete_map(map).await.unwrap();
    assert!(s.member_role(map, ada.id).await.unwrap().is_none());
}
