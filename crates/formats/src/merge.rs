//! Re-importing a map into one that already holds it: matching elements and connections are
//! updated, new ones added, nothing duplicated.
//!
//! Elements match on id first (Kumu's ID column, a backup's `_id`, or the id caremap made from a
//! label); else on label and category, when the incoming element has a category; else on label
//! alone. Connections match on id, else on their two ends. An incoming value that is empty never
//! erases a value the map already has: a re-import updates, it does not clear.

mod update;

use caremap_core::{Connection, ElementId, Network, Sector, Warning};
use std::collections::{HashMap, HashSet};
use update::{update_connection, update_element};

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Elements that were new.
    pub elements_added: usize,
    /// Elements that matched one already in the map and changed it.
    pub elements_updated: usize,
    /// Elements that matched one already in the map and changed nothing.
    pub elements_unchanged: usize,
    /// Connections that were new.
    pub connections_added: usize,
    /// Connections that matched one already in the map and changed it.
    pub connections_updated: usize,
    /// Connections that matched one already in the map and changed nothing.
    pub connections_unchanged: usize,
    /// Anything odd: an ambiguous match, a connection whose end is missing.
    pub warnings: Vec<Warning>,
}

/// Merges `incoming` (a map just read from a file) into `existing`.
pub fn merge(existing: &mut Network, incoming: Network) -> MergeReport {
    let mut report = MergeReport::default();
    merge_vocabularies(existing, &incoming);
    let matches = match_elements(existing, &incoming, &mut report);
    let mut id_map: HashMap<ElementId, ElementId> = HashMap::new();
    let mut taken: HashSet<String> = existing.elements.iter().map(|e| e.id.0.clone()).collect();
    for (k, e) in incoming.elements.iter().enumerate() {
        let sector = incoming.sector_of(e);
        match matches[k] {
            Some(i) => {
                let before = existing.elements[i].clone();
                update_element(&mut existing.elements[i], e);
                set_sector(existing, i, sector);
                if existing.elements[i] == before {
                    report.elements_unchanged += 1;
                } else {
                    report.elements_updated += 1;
                }
                id_map.insert(e.id.clone(), existing.elements[i].id.clone());
            }
            None => {
                let mut new = e.clone();
                new.id = ElementId(fresh(&mut taken, e.id.as_str()));
                id_map.insert(e.id.clone(), new.id.clone());
                existing.elements.push(new);
                let i = existing.elements.len() - 1;
                set_sector(existing, i, sector);
                report.elements_added += 1;
            }
        }
    }
    merge_connections(existing, incoming.connections, &id_map, &mut report);
    report
}

fn fresh(taken: &mut HashSet<String>, id: &str) -> String {
    let mut candidate = id.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn merge_vocabularies(existing: &mut Network, incoming: &Network) {
    for c in &incoming.categories {
        match existing
            .categories
            .iter_mut()
            .find(|e| e.name.eq_ignore_ascii_case(&c.name))
        {
            Some(e) => {
                if c.sector != Sector::Unknown {
                    e.sector = c.sector;
                }
                if !c.description.is_empty() {
                    e.description = c.description.clone();
                }
            }
            None => existing.categories.push(c.clone()),
        }
    }
    for t in &incoming.care_types {
        match existing
            .care_types
            .iter_mut()
            .find(|e| e.name.eq_ignore_ascii_case(&t.name))
        {
            Some(e) if e.definition.is_empty() => e.definition = t.definition.clone(),
            Some(_) => {}
            None => existing.care_types.push(t.clone()),
        }
    }
}

/// For each incoming element, the index of the existing element it updates, if any. Id matches
/// are taken first, so that a label match never steals an element another row names by id.
fn match_elements(
    existing: &Network,
    incoming: &Network,
    report: &mut MergeReport,
) -> Vec<Option<usize>> {
    let mut out = vec![None; incoming.elements.len()];
    let mut used = vec![false; existing.elements.len()];
    let by_id: HashMap<&str, usize> = existing
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for (k, e) in incoming.elements.iter().enumerate() {
        if let Some(&i) = by_id.get(e.id.as_str()) {
            if !used[i] {
                used[i] = true;
                out[k] = Some(i);
            }
        }
    }
    let mut by_label: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, x) in existing.elements.iter().enumerate() {
        by_label.entry(label_key(&x.label)).or_default().push(i);
    }
    for (k, e) in incoming.elements.iter().enumerate() {
        if out[k].is_some() {
            continue;
        }
        let candidates: Vec<usize> = by_label
            .get(&label_key(&e.label))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|i| {
                !used[*i]
                    && (e.category.is_empty()
                        || existing.elements[*i]
                            .category
                            .eq_ignore_ascii_case(&e.category))
            })
            .collect();
        if let Some(&i) = candidates.first() {
            if candidates.len() > 1 {
                report.warnings.push(Warning::new(
                    format!("element '{}'", e.label),
                    format!(
                        "{} elements in the map match this label: the first ({}) was updated",
                        candidates.len(),
                        existing.elements[i].id
                    ),
                ));
            }
            used[i] = true;
            out[k] = Some(i);
        }
    }
    out
}

fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// Keeps the element's sector as the file gave it, stored only when it differs from its category's.
fn set_sector(net: &mut Network, i: usize, sector: Sector) {
    let default = net
        .category(&net.elements[i].category)
        .map_or(Sector::Unknown, |c| c.sector);
    net.elements[i].sector = (sector != default).then_some(sector);
}

fn merge_connections(
    existing: &mut Network,
    incoming: Vec<Connection>,
    id_map: &HashMap<ElementId, ElementId>,
    report: &mut MergeReport,
) {
    let mut taken: HashSet<String> = existing
        .connections
        .iter()
        .map(|c| c.id.0.clone())
        .collect();
    let mut used = vec![false; existing.connections.len()];
    let by_id: HashMap<String, usize> = existing
        .connections
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.0.clone(), i))
        .collect();
    let mut by_ends: HashMap<(ElementId, ElementId), Vec<usize>> = HashMap::new();
    for (i, c) in existing.connections.iter().enumerate() {
        by_ends
            .entry((c.from.clone(), c.to.clone()))
            .or_default()
            .push(i);
    }
    for mut c in incoming {
        let (Some(from), Some(to)) = (id_map.get(&c.from), id_map.get(&c.to)) else {
            report.warnings.push(Warning::new(
                format!("connection {} -> {} ({})", c.from, c.to, c.id),
                "one of its ends is not in the file that was read: not merged",
            ));
            continue;
        };
        c.from = from.clone();
        c.to = to.clone();
        let found = by_id
            .get(c.id.as_str())
            .copied()
            .filter(|i| !used[*i])
            .or_else(|| {
                by_ends
                    .get(&(c.from.clone(), c.to.clone()))
                    .and_then(|list| list.iter().copied().find(|i| !used[*i]))
            });
        match found {
            Some(i) => {
                used[i] = true;
                let before = existing.connections[i].clone();
                update_connection(&mut existing.connections[i], &c);
                if existing.connections[i] == before {
                    report.connections_unchanged += 1;
                } else {
                    report.connections_updated += 1;
                }
            }
            None => {
                c.id = caremap_core::ConnectionId(fresh(&mut taken, c.id.as_str()));
                existing.connections.push(c);
                report.connections_added += 1;
            }
        }
    }
}
