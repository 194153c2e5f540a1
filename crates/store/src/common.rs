//! Small helpers shared by both backends' expanded code.

use caremap_core::model::Network;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::types::{from_us, ItemKind, MapId, MapInfo};

/// How an imported network meets what the map holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// The map becomes exactly the imported network.
    Replace,
    /// Imported items are added or replace items of the same id; others stay. Vocabulary
    /// entries are added by name.
    Merge,
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Items added.
    pub created: usize,
    /// Items whose content changed.
    pub updated: usize,
    /// Items removed (replace only).
    pub deleted: usize,
    /// Whether the map's name, description, date or vocabularies changed.
    pub map_changed: bool,
}

/// The fixed part of a history row.
pub(crate) struct Record<'a> {
    pub map: MapId,
    pub at: i64,
    pub actor: &'a str,
    pub kind: &'a str,
    pub item_kind: ItemKind,
    pub item_id: &'a str,
    pub ord: Option<i64>,
    pub version: Option<i64>,
}

impl<'a> Record<'a> {
    pub fn new(
        map: MapId,
        at: i64,
        actor: &'a str,
        kind: &'a str,
        item_kind: ItemKind,
        item_id: &'a str,
    ) -> Self {
        Record {
            map,
            at,
            actor,
            kind,
            item_kind,
            item_id,
            ord: None,
            version: None,
        }
    }

    pub fn ord(mut self, ord: i64) -> Self {
        self.ord = Some(ord);
        self
    }

    pub fn version(mut self, version: i64) -> Self {
        self.version = Some(version);
        self
    }
}

pub(crate) fn now_us() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

pub(crate) fn table(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Connection => "connections",
        _ => "elements",
    }
}

pub(crate) fn map_info(
    (id, name, created, public_slug): (i64, String, i64, Option<String>),
) -> MapInfo {
    MapInfo {
        id,
        name,
        created: from_us(created),
        public_slug,
    }
}

pub(crate) fn not_found_map(map: MapId) -> StoreError {
    StoreError::NotFound {
        what: format!("map {map}"),
    }
}

pub(crate) fn not_found(kind: ItemKind, map: MapId, id: &str) -> StoreError {
    StoreError::NotFound {
        what: format!("{} '{id}' in map {map}", kind.name()),
    }
}

/// Equal as JSON values (key order and spacing aside).
pub(crate) fn same_json(a: &str, b: &str) -> bool {
    match (
        serde_json::from_str::<serde_json::Value>(a),
        serde_json::from_str::<serde_json::Value>(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// `old` with `incoming`'s items added or replacing those of the same id, its vocabulary entries
/// added by name, and its name, description and date taken when given.
pub(crate) fn merge(mut old: Network, incoming: &Network) -> Network {
    if !incoming.name.is_empty() {
        old.name = incoming.name.clone();
    }
    if !incoming.description.is_empty() {
        old.description = incoming.description.clone();
    }
    old.as_of = incoming.as_of.or(old.as_of);
    for c in &incoming.categories {
        if !old
            .categories
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case(&c.name))
        {
            old.categories.push(c.clone());
        }
    }
    for t in &incoming.care_types {
        if !old
            .care_types
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case(&t.name))
        {
            old.care_types.push(t.clone());
        }
    }
    for e in &incoming.elements {
        match old.element_mut(&e.id) {
            Some(slot) => *slot = e.clone(),
            None => old.elements.push(e.clone()),
        }
    }
    for c in &incoming.connections {
        match old.connection_mut(&c.id) {
            Some(slot) => *slot = c.clone(),
            None => old.connections.push(c.clone()),
        }
    }
    old
}
