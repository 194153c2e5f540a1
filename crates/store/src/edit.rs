//! Maps, reading a network, importing one, and applying changes. Written once as a macro and
//! expanded for each backend: the SQL is the same on both (numbered `$n` parameters).

/// Adds the map and editing methods to a backend struct with `pool`, `tx()` and `read_tx()`.
macro_rules! impl_edit {
    ($S:ident, $DB:ty) => {
        impl $S {
            /// Creates a map with the default vocabularies and records it in history.
            pub async fn create_map(&self, name: &str, actor: &str) -> Result<MapInfo> {
                let meta = network::meta_of(&Network::new(name));
                let now = now_us();
                let mut tx = self.tx().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO maps (name, description, as_of, categories, care_types, created_us)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(&meta.name)
                .bind(&meta.description)
                .bind(meta.as_of.map(|d| d.to_string()))
                .bind(network::body(&meta.categories)?)
                .bind(network::body(&meta.care_types)?)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let after = network::body(&meta)?;
                let row = Record::new(id, now, actor, "create", ItemKind::Map, "");
                Self::record(&mut tx, row, None, Some(&after)).await?;
                tx.commit().await?;
                self.map(id).await
            }

            /// The map with this id.
            pub async fn map(&self, map: MapId) -> Result<MapInfo> {
                let row: Option<(i64, String, i64, Option<String>)> = sqlx::query_as(
                    "SELECT id, name, created_us, public_slug FROM maps WHERE id = $1",
                )
                .bind(map)
                .fetch_optional(&self.pool)
                .await?;
                row.map(map_info).ok_or_else(|| not_found_map(map))
            }

            /// Every map of the deployment, oldest first.
            pub async fn list_maps(&self) -> Result<Vec<MapInfo>> {
                let rows: Vec<(i64, String, i64, Option<String>)> = sqlx::query_as(
                    "SELECT id, name, created_us, public_slug FROM maps ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(map_info).collect())
            }

            /// The map published under this public link name.
            pub async fn map_by_slug(&self, slug: &str) -> Result<MapInfo> {
                let row: Option<(i64, String, i64, Option<String>)> = sqlx::query_as(
                    "SELECT id, name, created_us, public_slug FROM maps WHERE public_slug = $1",
                )
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                row.map(map_info).ok_or_else(|| StoreError::NotFound {
                    what: format!("public map '{slug}'"),
                })
            }

            /// Publishes a map under a link name (unique), or unpublishes it with `None`.
            pub async fn set_public_slug(&self, map: MapId, slug: Option<&str>) -> Result<()> {
                let done = sqlx::query("UPDATE maps SET public_slug = $1 WHERE id = $2")
                    .bind(slug)
                    .bind(map)
                    .execute(&self.pool)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(not_found_map(map));
                }
                Ok(())
            }

            /// Deletes a map with everything in it, its history and snapshots.
            pub async fn delete_map(&self, map: MapId) -> Result<()> {
                let mut tx = self.tx().await?;
                // Connections first: they refer to elements.
                for sql in [
                    "DELETE FROM connections WHERE map_id = $1",
                    "DELETE FROM elements WHERE map_id = $1",
                    "DELETE FROM maps WHERE id = $1",
                ] {
                    sqlx::query(sql).bind(map).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            /// The map's name, description, date and vocabularies.
            pub async fn meta(&self, map: MapId) -> Result<MapMeta> {
                let mut tx = self.read_tx().await?;
                let meta = Self::meta_in(&mut tx, map).await?;
                tx.commit().await?;
                Ok(meta)
            }

            /// Replaces the map's name, description, date and vocabularies (recorded).
            pub async fn set_meta(&self, map: MapId, meta: &MapMeta, actor: &str) -> Result<i64> {
                let mut tx = self.tx().await?;
                let seq = Self::set_meta_in(&mut tx, map, meta, actor, now_us()).await?;
                tx.commit().await?;
                Ok(seq.unwrap_or(0))
            }

            /// The whole network of a map as it is now.
            pub async fn load_network(&self, map: MapId) -> Result<Network> {
                let mut tx = self.read_tx().await?;
                let state = Self::state_in(&mut tx, map).await?;
                tx.commit().await?;
                state.into_network()
            }

            /// An element with its version.
            pub async fn element(&self, map: MapId, id: &str) -> Result<Versioned<Element>> {
                let mut tx = self.read_tx().await?;
                let row = Self::item_in(&mut tx, ItemKind::Element, map, id).await?;
                tx.commit().await?;
                let (_, version, body) = row.ok_or_else(|| not_found(ItemKind::Element, map, id))?;
                let item = network::parse(&body, &format!("element '{id}'"))?;
                Ok(Versioned { item, version })
            }

            /// A connection with its version.
            pub async fn connection(&self, map: MapId, id: &str) -> Result<Versioned<Connection>> {
                let mut tx = self.read_tx().await?;
                let row = Self::item_in(&mut tx, ItemKind::Connection, map, id).await?;
                tx.commit().await?;
                let (_, version, body) =
                    row.ok_or_else(|| not_found(ItemKind::Connection, map, id))?;
                let item = network::parse(&body, &format!("connection '{id}'"))?;
                Ok(Versioned { item, version })
            }

            /// The versions of every element and connection of a map, by id.
            pub async fn versions(&self, map: MapId) -> Result<Vec<(ItemKind, String, i64)>> {
                let mut out = Vec::new();
                for kind in [ItemKind::Element, ItemKind::Connection] {
                    let sql = format!(
                        "SELECT item_id, version FROM {} WHERE map_id = $1 ORDER BY ord",
                        table(kind)
                    );
                    let rows: Vec<(String, i64)> =
                        sqlx::query_as(&sql).bind(map).fetch_all(&self.pool).await?;
                    out.extend(rows.into_iter().map(|(id, v)| (kind, id, v)));
                }
                Ok(out)
            }

            /// Replaces (or merges into) a map's content with a network, in one transaction:
            /// on any error nothing is applied. History records each item that was created,
            /// changed or removed, so the import can be rewound and undone item by item.
            pub async fn import_network(
                &self,
                map: MapId,
                incoming: &Network,
                mode: ImportMode,
                actor: &str,
            ) -> Result<ImportSummary> {
                let now = now_us();
                let mut tx = self.tx().await?;
                let old = Self::state_in(&mut tx, map).await?;
                let target = match mode {
                    ImportMode::Replace => incoming.clone(),
                    ImportMode::Merge => merge(old.clone().into_network()?, incoming),
                };
                network::check(&target)?;
                let mut summary = ImportSummary::default();
                if Self::set_meta_in(&mut tx, map, &network::meta_of(&target), actor, now)
                    .await?
                    .is_some()
                {
                    summary.map_changed = true;
                }
                let element_versions = Self::old_versions(&mut tx, ItemKind::Element, map).await?;
                let connection_versions = Self::old_versions(&mut tx, ItemKind::Connection, map).await?;
                // Rows are rewritten wholesale (connections out first, elements in first);
                // versions and history follow the difference between old and new.
                sqlx::query("DELETE FROM connections WHERE map_id = $1")
                    .bind(map)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM elements WHERE map_id = $1")
                    .bind(map)
                    .execute(&mut *tx)
                    .await?;
                let elements: Vec<(String, String, Option<(String, String)>)> = target
                    .elements
                    .iter()
                    .map(|e| Ok((e.id.0.clone(), network::body(e)?, None)))
                    .collect::<Result<_>>()?;
                let connections: Vec<(String, String, Option<(String, String)>)> = target
                    .connections
                    .iter()
                    .map(|c| Ok((c.id.0.clone(), network::body(c)?, Some((c.from.0.clone(), c.to.0.clone())))))
                    .collect::<Result<_>>()?;
                for (kind, old_items, new_items) in [
                    (ItemKind::Element, &old.elements, &elements),
                    (ItemKind::Connection, &old.connections, &connections),
                ] {
                    let kept: std::collections::HashSet<&str> =
                        new_items.iter().map(|(id, _, _)| id.as_str()).collect();
                    let old_versions = if kind == ItemKind::Element { &element_versions } else { &connection_versions };
                    for (id, (ord, before)) in old_items {
                        if !kept.contains(id.as_str()) {
                            let row = Record::new(map, now, actor, "delete", kind, id).ord(*ord);
                            Self::record(&mut tx, row, Some(before), None).await?;
                            summary.deleted += 1;
                        }
                    }
                    for (ord, (id, body, ends)) in new_items.iter().enumerate() {
                        let ord = ord as i64;
                        let (version, kind_of_change) = match old_items.get(id) {
                            None => (1, Some("create")),
                            Some((_, before)) if same_json(before, body) => {
                                (old_versions.get(id).copied().unwrap_or(1), None)
                            }
                            Some(_) => (old_versions.get(id).copied().unwrap_or(0) + 1, Some("update")),
                        };
                        Self::insert_item(&mut tx, kind, map, id, ord, version, body, ends.as_ref())
                            .await?;
                        if let Some(change) = kind_of_change {
                            let before = old_items.get(id).map(|(_, b)| b.as_str());
                            let row = Record::new(map, now, actor, change, kind, id)
                                .ord(ord)
                                .version(version);
                            Self::record(&mut tx, row, before, Some(body)).await?;
                            if change == "create" {
                                summary.created += 1;
                            } else {
                                summary.updated += 1;
                            }
                        }
                    }
                }
                tx.commit().await?;
                Ok(summary)
            }

            /// Applies a batch of changes in one transaction: all of them, or none on error.
            pub async fn apply(
                &self,
                map: MapId,
                changes: Vec<Change>,
                actor: &str,
            ) -> Result<Vec<Applied>> {
                self.apply_growing(map, changes, &VocabularyGrowth::default(), actor).await
            }

            /// Applies changes as [`Self::apply`] does and, in the same transaction, adds to
            /// the map's vocabulary the categories and care types of `growth` it lacks (by
            /// name). Two requests growing the vocabulary at once both keep their additions:
            /// the map's row is locked first (PostgreSQL; SQLite's write transaction already
            /// holds the database), and a refused change leaves the vocabulary as it was.
            pub async fn apply_growing(
                &self,
                map: MapId,
                changes: Vec<Change>,
                growth: &VocabularyGrowth,
                actor: &str,
            ) -> Result<Vec<Applied>> {
                let now = now_us();
                let mut tx = self.tx().await?;
                let locked = sqlx::query("UPDATE maps SET id = id WHERE id = $1")
                    .bind(map)
                    .execute(&mut *tx)
                    .await?;
                if locked.rows_affected() == 0 {
                    return Err(not_found_map(map));
                }
                let mut meta = Self::meta_in(&mut tx, map).await?;
                let before = meta.clone();
                for c in &growth.categories {
                    if !meta.categories.iter().any(|x| x.name == c.name) {
                        meta.categories.push(c.clone());
                    }
                }
                for t in &growth.care_types {
                    if !meta.care_types.iter().any(|x| x.name == t.name) {
                        meta.care_types.push(t.clone());
                    }
                }
                let mut applied = Vec::with_capacity(changes.len());
                for change in changes {
                    applied.push(Self::apply_in(&mut tx, map, change, None, actor, now).await?);
                }
                if meta != before {
                    Self::set_meta_in(&mut tx, map, &meta, actor, now).await?;
                }
                tx.commit().await?;
                Ok(applied)
            }

            async fn apply_in(
                tx: &mut sqlx::Transaction<'static, $DB>,
                map: MapId,
                change: Change,
                restore_ord: Option<i64>,
                actor: &str,
                now: i64,
            ) -> Result<Applied> {
                let (kind, id, body, ends, expected) = match &change {
                    Change::CreateElement { element } => {
                        (ItemKind::Element, element.id.0.clone(), Some(network::body(element)?), None, None)
                    }
                    Change::UpdateElement { element, expected_version } => (
                        ItemKind::Element,
                        element.id.0.clone(),
                        Some(network::body(element)?),
                        None,
                        Some(*expected_version),
                    ),
                    Change::DeleteElement { id, expected_version } => {
                        (ItemKind::Element, id.0.clone(), None, None, Some(*expected_version))
                    }
                    Change::CreateConnection { connection: c } => (
                        ItemKind::Connection,
                        c.id.0.clone(),
                        Some(network::body(c)?),
                        Some((c.from.0.clone(), c.to.0.clone())),
                        None,
                    ),
                    Change::UpdateConnection { connection: c, expected_version } => (
                        ItemKind::Connection,
                        c.id.0.clone(),
                        Some(network::body(c)?),
                        Some((c.from.0.clone(), c.to.0.clone())),
                        Some(*expected_version),
                    ),
                    Change::DeleteConnection { id, expected_version } => {
                        (ItemKind::Connection, id.0.clone(), None, None, Some(*expected_version))
                    }
                };
                if id.is_empty() {
                    return Err(StoreError::Invalid(format!("a new {} needs an id", kind.name())));
                }
                if let Some((from, to)) = &ends {
                    for end in [from, to] {
                        if Self::item_in(tx, ItemKind::Element, map, end).await?.is_none() {
                            return Err(StoreError::Invalid(format!(
                                "connection '{id}': no element '{end}' in this map"
                            )));
                        }
                    }
                }
                let current = Self::item_in(tx, kind, map, &id).await?;
                let Some(expected) = expected else {
                    if current.is_some() {
                        return Err(StoreError::Duplicate { field: format!("{} id", kind.name()) });
                    }
                    let body = body.unwrap_or_default();
                    let ord = match restore_ord {
                        Some(ord) => ord,
                        None => Self::next_ord(tx, kind, map).await?,
                    };
                    Self::insert_item(tx, kind, map, &id, ord, 1, &body, ends.as_ref()).await?;
                    let row = Record::new(map, now, actor, "create", kind, &id).ord(ord).version(1);
                    let seq = Self::record(tx, row, None, Some(&body)).await?;
                    return Ok(Applied { item_kind: kind, item_id: id, version: Some(1), seq });
                };
                let (ord, version, before) = current.ok_or_else(|| not_found(kind, map, &id))?;
                if version != expected {
                    return Err(StoreError::Conflict { current_version: version });
                }
                match body {
                    Some(body) => {
                        let sql = match kind {
                            ItemKind::Connection => "UPDATE connections SET body = $1, version = version + 1, from_id = $5, to_id = $6 WHERE map_id = $2 AND item_id = $3 AND version = $4",
                            _ => "UPDATE elements SET body = $1, version = version + 1 WHERE map_id = $2 AND item_id = $3 AND version = $4",
                        };
                        let (from, to) = ends.unwrap_or_default();
                        let mut q = sqlx::query(sql).bind(&body).bind(map).bind(&id).bind(expected);
                        if kind == ItemKind::Connection {
                            q = q.bind(from).bind(to);
                        }
                        if q.execute(&mut **tx).await?.rows_affected() == 0 {
                            return Err(Self::conflict(tx, kind, map, &id).await?);
                        }
                        let row = Record::new(map, now, actor, "update", kind, &id)
                            .ord(ord)
                            .version(version + 1);
                        let seq = Self::record(tx, row, Some(&before), Some(&body)).await?;
                        Ok(Applied { item_kind: kind, item_id: id, version: Some(version + 1), seq })
                    }
                    None => {
                        if kind == ItemKind::Element {
                            let (n,): (i64,) = sqlx::query_as(
                                "SELECT COUNT(*) FROM connections WHERE map_id = $1 AND (from_id = $2 OR to_id = $2)",
                            )
                            .bind(map)
                            .bind(&id)
                            .fetch_one(&mut **tx)
                            .await?;
                            if n > 0 {
                                return Err(StoreError::Invalid(format!(
                                    "element '{id}' still has {n} connection(s): delete them first"
                                )));
                            }
                        }
                        let sql = format!(
                            "DELETE FROM {} WHERE map_id = $1 AND item_id = $2 AND version = $3",
                            table(kind)
                        );
                        let done = sqlx::query(&sql).bind(map).bind(&id).bind(expected).execute(&mut **tx).await?;
                        if done.rows_affected() == 0 {
                            return Err(Self::conflict(tx, kind, map, &id).await?);
                        }
                        let row = Record::new(map, now, actor, "delete", kind, &id).ord(ord);
                        let seq = Self::record(tx, row, Some(&before), None).await?;
                        Ok(Applied { item_kind: kind, item_id: id, version: None, seq })
                    }
                }
            }

            async fn conflict(
                tx: &mut sqlx::Transaction<'static, $DB>,
                kind: ItemKind,
                map: MapId,
                id: &str,
            ) -> Result<StoreError> {
                let now = Self::item_in(tx, kind, map, id).await?;
                Ok(StoreError::Conflict { current_version: now.map(|(_, v, _)| v).unwrap_or(0) })
            }

            #[allow(clippy::too_many_arguments)]
            async fn insert_item(
                tx: &mut sqlx::Transaction<'static, $DB>,
                kind: ItemKind,
                map: MapId,
                id: &str,
                ord: i64,
                version: i64,
                body: &str,
                ends: Option<&(String, String)>,
            ) -> Result<()> {
                match (kind, ends) {
                    (ItemKind::Connection, Some((from, to))) => {
                        sqlx::query(
                            "INSERT INTO connections (map_id, item_id, ord, version, from_id, to_id, body)
                             VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        )
                        .bind(map).bind(id).bind(ord).bind(version).bind(from).bind(to).bind(body)
                        .execute(&mut **tx)
                        .await?;
                    }
                    _ => {
                        sqlx::query(
                            "INSERT INTO elements (map_id, item_id, ord, version, body)
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(map).bind(id).bind(ord).bind(version).bind(body)
                        .execute(&mut **tx)
                        .await?;
                    }
                }
                Ok(())
            }

            async fn next_ord(
                tx: &mut sqlx::Transaction<'static, $DB>,
                kind: ItemKind,
                map: MapId,
            ) -> Result<i64> {
                let sql = format!("SELECT MAX(ord) FROM {} WHERE map_id = $1", table(kind));
                let max: Option<i64> = sqlx::query_scalar(&sql).bind(map).fetch_one(&mut **tx).await?;
                Ok(max.map_or(0, |m| m + 1))
            }

            async fn old_versions(
                tx: &mut sqlx::Transaction<'static, $DB>,
                kind: ItemKind,
                map: MapId,
            ) -> Result<std::collections::HashMap<String, i64>> {
                let sql = format!("SELECT item_id, version FROM {} WHERE map_id = $1", table(kind));
                let rows: Vec<(String, i64)> = sqlx::query_as(&sql).bind(map).fetch_all(&mut **tx).await?;
                Ok(rows.into_iter().collect())
            }

            async fn item_in(
                tx: &mut sqlx::Transaction<'static, $DB>,
                kind: ItemKind,
                map: MapId,
                id: &str,
            ) -> Result<Option<(i64, i64, String)>> {
                let sql = format!(
                    "SELECT ord, version, body FROM {} WHERE map_id = $1 AND item_id = $2",
                    table(kind)
                );
                Ok(sqlx::query_as(&sql).bind(map).bind(id).fetch_optional(&mut **tx).await?)
            }

            async fn meta_in(
                tx: &mut sqlx::Transaction<'static, $DB>,
                map: MapId,
            ) -> Result<MapMeta> {
                let row: Option<(String, String, Option<String>, String, String)> = sqlx::query_as(
                    "SELECT name, description, as_of, categories, care_types FROM maps WHERE id = $1",
                )
                .bind(map)
                .fetch_optional(&mut **tx)
                .await?;
                let (name, description, as_of, categories, care_types) =
                    row.ok_or_else(|| not_found_map(map))?;
                Ok(MapMeta {
                    name,
                    description,
                    as_of: as_of.and_then(|d| d.parse().ok()),
                    categories: network::parse(&categories, "categories")?,
                    care_types: network::parse(&care_types, "care types")?,
                })
            }

            /// Writes the meta if it differs; returns the history seq when it did.
            async fn set_meta_in(
                tx: &mut sqlx::Transaction<'static, $DB>,
                map: MapId,
                meta: &MapMeta,
                actor: &str,
                now: i64,
            ) -> Result<Option<i64>> {
                let old = Self::meta_in(tx, map).await?;
                if &old == meta {
                    return Ok(None);
                }
                sqlx::query(
                    "UPDATE maps SET name = $1, description = $2, as_of = $3, categories = $4, care_types = $5
                     WHERE id = $6",
                )
                .bind(&meta.name)
                .bind(&meta.description)
                .bind(meta.as_of.map(|d| d.to_string()))
                .bind(network::body(&meta.categories)?)
                .bind(network::body(&meta.care_types)?)
                .bind(map)
                .execute(&mut **tx)
                .await?;
                let row = Record::new(map, now, actor, "update", ItemKind::Map, "");
                let (before, after) = (network::body(&old)?, network::body(meta)?);
                Ok(Some(Self::record(tx, row, Some(&before), Some(&after)).await?))
            }

            async fn state_in(
                tx: &mut sqlx::Transaction<'static, $DB>,
                map: MapId,
            ) -> Result<network::State> {
                let meta = Self::meta_in(tx, map).await?;
                let mut state = network::State {
                    meta,
                    elements: Default::default(),
                    connections: Default::default(),
                };
                for kind in [ItemKind::Element, ItemKind::Connection] {
                    let sql = format!("SELECT item_id, ord, body FROM {} WHERE map_id = $1", table(kind));
                    let rows: Vec<(String, i64, String)> =
                        sqlx::query_as(&sql).bind(map).fetch_all(&mut **tx).await?;
                    let items = if kind == ItemKind::Element {
                        &mut state.elements
                    } else {
                        &mut state.connections
                    };
                    items.extend(rows.into_iter().map(|(id, ord, body)| (id, (ord, body))));
                }
                Ok(state)
            }

            async fn record(
                tx: &mut sqlx::Transaction<'static, $DB>,
                row: Record<'_>,
                before: Option<&str>,
                after: Option<&str>,
            ) -> Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO history (map_id, at_us, actor, kind, item_kind, item_id, ord, version, before_json, after_json)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq",
                )
                .bind(row.map)
                .bind(row.at)
                .bind(row.actor)
                .bind(row.kind)
                .bind(row.item_kind.name())
                .bind(row.item_id)
                .bind(row.ord)
                .bind(row.version)
                .bind(before)
                .bind(after)
                .fetch_one(&mut **tx)
                .await?)
            }
        }
    };
}
pub(crate) use impl_edit;
