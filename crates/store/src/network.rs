//! Rebuilding a `Network` from stored rows, and rewinding it through history. No database here.

use std::collections::HashMap;

use caremap_core::model::{Connection, Element, Network};

use crate::error::{Result, StoreError};
use crate::types::{ItemKind, MapMeta};

/// A map's content as stored: the meta and each item's JSON with its place in the map's order.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub meta: MapMeta,
    pub elements: HashMap<String, (i64, String)>,
    pub connections: HashMap<String, (i64, String)>,
}

/// One history row as needed to rewind: what it was about and the item before the change.
pub(crate) struct Rewind {
    pub item_kind: ItemKind,
    pub item_id: String,
    pub ord: Option<i64>,
    pub before: Option<String>,
}

impl State {
    /// Undoes one recorded change (rows are rewound newest first).
    pub fn rewind(&mut self, row: Rewind) -> Result<()> {
        let items = match row.item_kind {
            ItemKind::Element => &mut self.elements,
            ItemKind::Connection => &mut self.connections,
            ItemKind::Map => {
                if let Some(before) = row.before {
                    self.meta = parse(&before, "map settings in history")?;
                }
                return Ok(());
            }
        };
        match row.before {
            Some(before) => {
                let ord = row
                    .ord
                    .or_else(|| items.get(&row.item_id).map(|(o, _)| *o))
                    .unwrap_or(i64::MAX);
                items.insert(row.item_id, (ord, before));
            }
            None => {
                items.remove(&row.item_id);
            }
        }
        Ok(())
    }

    /// The network this state describes, items in the map's order.
    pub fn into_network(self) -> Result<Network> {
        let mut network = Network::new(self.meta.name);
        network.description = self.meta.description;
        network.as_of = self.meta.as_of;
        network.categories = self.meta.categories;
        network.care_types = self.meta.care_types;
        network.elements = sorted(self.elements)
            .iter()
            .map(|(id, body)| parse::<Element>(body, &format!("element '{id}'")))
            .collect::<Result<_>>()?;
        network.connections = sorted(self.connections)
            .iter()
            .map(|(id, body)| parse::<Connection>(body, &format!("connection '{id}'")))
            .collect::<Result<_>>()?;
        Ok(network)
    }
}

fn sorted(items: HashMap<String, (i64, String)>) -> Vec<(String, String)> {
    let mut v: Vec<(String, (i64, String))> = items.into_iter().collect();
    v.sort_by(|a, b| (a.1 .0, &a.0).cmp(&(b.1 .0, &b.0)));
    v.into_iter().map(|(id, (_, body))| (id, body)).collect()
}

/// The map-level part of a network.
pub(crate) fn meta_of(network: &Network) -> MapMeta {
    MapMeta {
        name: network.name.clone(),
        description: network.description.clone(),
        as_of: network.as_of,
        categories: network.categories.clone(),
        care_types: network.care_types.clone(),
    }
}

/// Checks what the database cannot: unique ids and connections whose ends are in the map.
pub(crate) fn check(network: &Network) -> Result<()> {
    let mut ids = std::collections::HashSet::new();
    for e in &network.elements {
        if e.id.as_str().is_empty() {
            return Err(StoreError::Invalid(format!(
                "element '{}' has no id",
                e.label
            )));
        }
        if !ids.insert(e.id.as_str()) {
            return Err(StoreError::Invalid(format!(
                "element id '{}' is used twice",
                e.id
            )));
        }
    }
    let mut cids = std::collections::HashSet::new();
    for c in &network.connections {
        if c.id.as_str().is_empty() || !cids.insert(c.id.as_str()) {
            return Err(StoreError::Invalid(format!(
                "connection id '{}' is empty or used twice",
                c.id
            )));
        }
        for end in [&c.from, &c.to] {
            if !ids.contains(end.as_str()) {
                return Err(StoreError::Invalid(format!(
                    "connection '{}': no element '{}' in this map",
                    c.id, end
                )));
            }
        }
    }
    Ok(())
}

/// The network without an element and the connections that touch it. True if anything went.
pub(crate) fn scrub(network: &mut Network, element: &str, connections: &[String]) -> bool {
    let (e, c) = (network.elements.len(), network.connections.len());
    network.elements.retain(|x| x.id.as_str() != element);
    network.connections.retain(|x| {
        x.from.as_str() != element
            && x.to.as_str() != element
            && !connections.iter().any(|id| id == x.id.as_str())
    });
    e != network.elements.len() || c != network.connections.len()
}

/// Reads stored JSON; a failure means the database holds something we did not write.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(body: &str, what: &str) -> Result<T> {
    serde_json::from_str(body)
        .map_err(|e| StoreError::Invalid(format!("stored {what} cannot be read: {e}")))
}

/// Writes an item as stored JSON.
pub(crate) fn body<T: serde::Serialize>(item: &T) -> Result<String> {
    serde_json::to_string(item).map_err(|e| StoreError::Invalid(format!("cannot store item: {e}")))
}
