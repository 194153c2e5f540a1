//! History, as-of, snapshots, undo and erasure, expanded for each backend like `edit`.

/// Adds the history methods to a backend struct that already has `impl_edit!`'s.
macro_rules! impl_history {
    ($S:ident, $DB:ty) => {
        impl $S {
            /// How many elements and connections the map has.
            pub async fn counts(&self, map: MapId) -> Result<(i64, i64)> {
                Ok(sqlx::query_as(
                    "SELECT (SELECT COUNT(*) FROM elements WHERE map_id = $1),
                            (SELECT COUNT(*) FROM connections WHERE map_id = $1)",
                )
                .bind(map)
                .fetch_one(&self.pool)
                .await?)
            }

            /// The map's revision: the place in the history of its latest change and the number
            /// of its history rows. Every change of content or settings, an undo and an erasure
            /// changes it, so equal revisions mean equal content. The count matters on
            /// PostgreSQL, where a change may commit after a later-numbered one.
            pub async fn revision(&self, map: MapId) -> Result<(i64, i64)> {
                Ok(sqlx::query_as(
                    "SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM history WHERE map_id = $1",
                )
                .bind(map)
                .fetch_one(&self.pool)
                .await?)
            }

            /// The latest `limit` changes of a map, newest first.
            pub async fn history(&self, map: MapId, limit: i64) -> Result<Vec<HistoryEntry>> {
                self.map(map).await?;
                let rows: Vec<HistoryRow> = sqlx::query_as(
                    "SELECT seq, map_id, at_us, actor, kind, item_kind, item_id, before_json, after_json
                     FROM history WHERE map_id = $1 ORDER BY seq DESC LIMIT $2",
                )
                .bind(map)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(history_entry).collect()
            }

            /// The latest `limit` changes of one item of a map (an element or a connection),
            /// newest first: its own story, for its profile.
            pub async fn item_history(
                &self,
                map: MapId,
                kind: ItemKind,
                item: &str,
                limit: i64,
            ) -> Result<Vec<HistoryEntry>> {
                self.map(map).await?;
                let rows: Vec<HistoryRow> = sqlx::query_as(
                    "SELECT seq, map_id, at_us, actor, kind, item_kind, item_id, before_json, after_json
                     FROM history WHERE map_id = $1 AND item_kind = $2 AND item_id = $3
                     ORDER BY seq DESC LIMIT $4",
                )
                .bind(map)
                .bind(kind.name())
                .bind(item)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(history_entry).collect()
            }

            /// The map as it was at `at`: the current state with every later change rewound
            /// (newest first, each item put back to its recorded "before").
            pub async fn network_as_of(&self, map: MapId, at: DateTime<Utc>) -> Result<Network> {
                let mut tx = self.read_tx().await?;
                let mut state = Self::state_in(&mut tx, map).await?;
                let created: i64 = sqlx::query_scalar("SELECT created_us FROM maps WHERE id = $1")
                    .bind(map)
                    .fetch_one(&mut *tx)
                    .await?;
                if to_us(at) < created {
                    return Err(StoreError::NotFound {
                        what: format!("map {map} on {at} (it was created later)"),
                    });
                }
                let rows: Vec<(String, String, Option<i64>, Option<String>)> = sqlx::query_as(
                    "SELECT item_kind, item_id, ord, before_json FROM history
                     WHERE map_id = $1 AND at_us > $2 AND kind <> 'erase' ORDER BY seq DESC",
                )
                .bind(map)
                .bind(to_us(at))
                .fetch_all(&mut *tx)
                .await?;
                tx.commit().await?;
                for (item_kind, item_id, ord, before) in rows {
                    let item_kind = ItemKind::parse(&item_kind);
                    state.rewind(network::Rewind { item_kind, item_id, ord, before })?;
                }
                state.into_network()
            }

            /// Saves the map as it is now under a name (unique in the map).
            pub async fn create_snapshot(&self, map: MapId, name: &str, actor: &str) -> Result<Snapshot> {
                if name.trim().is_empty() {
                    return Err(StoreError::Invalid("a snapshot needs a name".to_string()));
                }
                let now = now_us();
                let mut tx = self.tx().await?;
                let network = Self::state_in(&mut tx, map).await?.into_network()?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO snapshots (map_id, name, at_us, actor, network) VALUES ($1, $2, $3, $4, $5)
                     RETURNING id",
                )
                .bind(map)
                .bind(name.trim())
                .bind(now)
                .bind(actor)
                .bind(network::body(&network)?)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Snapshot { id, map, name: name.trim().to_string(), at: from_us(now), actor: actor.to_string() })
            }

            /// A map's snapshots, oldest first.
            pub async fn list_snapshots(&self, map: MapId) -> Result<Vec<Snapshot>> {
                let rows: Vec<(i64, i64, String, i64, String)> = sqlx::query_as(
                    "SELECT id, map_id, name, at_us, actor FROM snapshots WHERE map_id = $1 ORDER BY at_us, id",
                )
                .bind(map)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, map, name, at, actor)| Snapshot { id, map, name, at: from_us(at), actor })
                    .collect())
            }

            /// The network saved in a snapshot, found by name.
            pub async fn snapshot_network(&self, map: MapId, name: &str) -> Result<Network> {
                let body: Option<String> = sqlx::query_scalar(
                    "SELECT network FROM snapshots WHERE map_id = $1 AND name = $2",
                )
                .bind(map)
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
                let body = body.ok_or_else(|| StoreError::NotFound {
                    what: format!("snapshot '{name}' of map {map}"),
                })?;
                network::parse(&body, &format!("snapshot '{name}'"))
            }

            /// Undoes one recorded change by applying its inverse as a new, recorded change.
            /// The item must still be as that change left it, else `Conflict`.
            pub async fn undo(&self, map: MapId, seq: i64, actor: &str) -> Result<Applied> {
                let now = now_us();
                let mut tx = self.tx().await?;
                let row: Option<(String, String, String, Option<i64>, Option<String>, Option<String>)> =
                    sqlx::query_as(
                        "SELECT kind, item_kind, item_id, ord, before_json, after_json FROM history
                         WHERE map_id = $1 AND seq = $2",
                    )
                    .bind(map)
                    .bind(seq)
                    .fetch_optional(&mut *tx)
                    .await?;
                let (kind, item_kind, id, ord, before, after) = row.ok_or_else(|| StoreError::NotFound {
                    what: format!("change {seq} of map {map}"),
                })?;
                let item_kind = ItemKind::parse(&item_kind);
                if kind == "erase" {
                    return Err(StoreError::Invalid("an erasure cannot be undone".to_string()));
                }
                if item_kind == ItemKind::Map {
                    let Some(before) = before else {
                        return Err(StoreError::Invalid("the creation of a map cannot be undone".to_string()));
                    };
                    let current = network::body(&Self::meta_in(&mut tx, map).await?)?;
                    if !after.as_deref().is_some_and(|a| same_json(a, &current)) {
                        return Err(StoreError::Conflict { current_version: 0 });
                    }
                    let meta: MapMeta = network::parse(&before, "map settings in history")?;
                    let seq = Self::set_meta_in(&mut tx, map, &meta, actor, now).await?.unwrap_or(0);
                    tx.commit().await?;
                    return Ok(Applied { item_kind, item_id: String::new(), version: None, seq });
                }
                let current = Self::item_in(&mut tx, item_kind, map, &id).await?;
                let unchanged = match (&current, &after) {
                    (None, None) => true,
                    (Some((_, _, body)), Some(after)) => same_json(body, after),
                    _ => false,
                };
                if !unchanged {
                    let current_version = current.map(|(_, v, _)| v).unwrap_or(0);
                    return Err(StoreError::Conflict { current_version });
                }
                let version = current.as_ref().map(|(_, v, _)| *v).unwrap_or(0);
                let change = inverse(item_kind, &id, before.as_deref(), version)?;
                let applied = Self::apply_in(&mut tx, map, change, ord, actor, now).await?;
                tx.commit().await?;
                Ok(applied)
            }

            /// Erases an element everywhere: from the map with the connections that touch it,
            /// from history (every row about it or about a connection that ever touched it is
            /// deleted), and from snapshots (their JSON is rewritten without it). One history row
            /// of kind "erase" records that an erasure happened, naming nobody.
            pub async fn erase_element(&self, map: MapId, element: &str, actor: &str) -> Result<EraseSummary> {
                let now = now_us();
                let mut tx = self.tx().await?;
                Self::meta_in(&mut tx, map).await?;
                let mut connections: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
                let current: Vec<String> = sqlx::query_scalar(
                    "SELECT item_id FROM connections WHERE map_id = $1 AND (from_id = $2 OR to_id = $2)",
                )
                .bind(map)
                .bind(element)
                .fetch_all(&mut *tx)
                .await?;
                connections.extend(current);
                // Connections that touched it in the past: the text filter narrows, the parse decides.
                let encoded = serde_json::to_string(element).unwrap_or_default();
                let inner = encoded.trim_matches('"');
                let pattern = format!("%{}%", inner.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                let past: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT item_id, before_json, after_json FROM history
                     WHERE map_id = $1 AND item_kind = 'connection'
                       AND (before_json LIKE $2 ESCAPE '\\' OR after_json LIKE $2 ESCAPE '\\')",
                )
                .bind(map)
                .bind(&pattern)
                .fetch_all(&mut *tx)
                .await?;
                for (id, before, after) in past {
                    if [before, after].iter().flatten().any(|b| touches(b, element)) {
                        connections.insert(id);
                    }
                }
                let mut summary = EraseSummary::default();
                for id in &connections {
                    summary.connections += sqlx::query("DELETE FROM connections WHERE map_id = $1 AND item_id = $2")
                        .bind(map).bind(id).execute(&mut *tx).await?.rows_affected();
                    summary.history_rows += sqlx::query(
                        "DELETE FROM history WHERE map_id = $1 AND item_kind = 'connection' AND item_id = $2",
                    )
                    .bind(map).bind(id).execute(&mut *tx).await?.rows_affected();
                }
                summary.elements = sqlx::query("DELETE FROM elements WHERE map_id = $1 AND item_id = $2")
                    .bind(map).bind(element).execute(&mut *tx).await?.rows_affected();
                summary.history_rows += sqlx::query(
                    "DELETE FROM history WHERE map_id = $1 AND item_kind = 'element' AND item_id = $2",
                )
                .bind(map).bind(element).execute(&mut *tx).await?.rows_affected();
                let snapshots: Vec<(i64, String)> =
                    sqlx::query_as("SELECT id, network FROM snapshots WHERE map_id = $1")
                        .bind(map)
                        .fetch_all(&mut *tx)
                        .await?;
                let connections: Vec<String> = connections.into_iter().collect();
                for (id, body) in snapshots {
                    let mut net: Network = network::parse(&body, "snapshot")?;
                    if network::scrub(&mut net, element, &connections) {
                        sqlx::query("UPDATE snapshots SET network = $1 WHERE id = $2")
                            .bind(network::body(&net)?)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        summary.snapshots += 1;
                    }
                }
                if summary == EraseSummary::default() {
                    return Err(not_found(ItemKind::Element, map, element));
                }
                let row = Record::new(map, now, actor, "erase", ItemKind::Element, "");
                Self::record(&mut tx, row, None, None).await?;
                tx.commit().await?;
                self.after_erase().await?;
                Ok(summary)
            }
        }
    };
}
pub(crate) use impl_history;

use crate::error::{Result, StoreError};
use crate::types::{from_us, Change, HistoryEntry, ItemKind};
use serde::{Deserialize, Serialize};

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EraseSummary {
    /// Elements removed from the current map (0 if it had already been deleted).
    pub elements: u64,
    /// Connections removed from the current map.
    pub connections: u64,
    /// History rows deleted.
    pub history_rows: u64,
    /// Snapshots rewritten.
    pub snapshots: u64,
}

/// A history row as selected.
pub(crate) type HistoryRow = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

pub(crate) fn history_entry(row: HistoryRow) -> Result<HistoryEntry> {
    let (seq, map, at, actor, kind, item_kind, item_id, before, after) = row;
    let json = |text: Option<String>| -> Result<Option<serde_json::Value>> {
        text.map(|t| crate::network::parse(&t, "history row"))
            .transpose()
    };
    Ok(HistoryEntry {
        seq,
        map,
        at: from_us(at),
        actor,
        kind,
        item_kind: ItemKind::parse(&item_kind),
        item_id,
        before: json(before)?,
        after: json(after)?,
    })
}

/// The change that puts an item back to `before` (absent when `None`) from `version`.
pub(crate) fn inverse(
    kind: ItemKind,
    id: &str,
    before: Option<&str>,
    version: i64,
) -> Result<Change> {
    use crate::network::parse;
    let what = format!("{} '{id}' in history", kind.name());
    Ok(match (kind, before) {
        (ItemKind::Element, None) => Change::DeleteElement {
            id: id.into(),
            expected_version: version,
        },
        (ItemKind::Connection, None) => Change::DeleteConnection {
            id: id.into(),
            expected_version: version,
        },
        (ItemKind::Element, Some(b)) if version == 0 => Change::CreateElement {
            element: parse(b, &what)?,
        },
        (ItemKind::Element, Some(b)) => Change::UpdateElement {
            element: parse(b, &what)?,
            expected_version: version,
        },
        (_, Some(b)) if version == 0 => Change::CreateConnection {
            connection: parse(b, &what)?,
        },
        (_, Some(b)) => Change::UpdateConnection {
            connection: parse(b, &what)?,
            expected_version: version,
        },
        (ItemKind::Map, None) => {
            return Err(StoreError::Invalid(
                "the creation of a map cannot be undone".into(),
            ))
        }
    })
}

/// True if a connection's JSON has the element at either end.
pub(crate) fn touches(body: &str, element: &str) -> bool {
    serde_json::from_str::<caremap_core::model::Connection>(body)
        .map(|c| c.from.as_str() == element || c.to.as_str() == element)
        .unwrap_or(false)
}
