//! Puts a map together from what a reader found: ids checked, edges to missing nodes skipped,
//! vocabularies absorbed and sectors settled, every change reported.

use std::collections::{HashMap, HashSet};

use caremap_core::{Network, Sector, Warning};

use super::read::{place, ConnectionDraft, ElementDraft, MapInfo};

/// Builds the map. `file` names the file in warnings; `default_name` is the map's name when the
/// file gives none.
///
/// Sectors follow one rule for every graph format: the file holds each element's effective
/// sector; an element keeps its own sector only when it differs from its category's; a category
/// the map did not know takes the sector of a `category_sector` cell if there is one, else the
/// sector of its first element.
pub(crate) fn assemble(
    file: &str,
    default_name: &str,
    info: MapInfo,
    elements: Vec<ElementDraft>,
    connections: Vec<ConnectionDraft>,
    warnings: &mut Vec<Warning>,
) -> Network {
    let mut net = Network::new(info.name.unwrap_or_else(|| default_name.to_string()));
    net.description = info.description;
    net.as_of = info.as_of;
    if let Some(c) = info.categories {
        net.categories = c;
    }
    if let Some(t) = info.care_types {
        net.care_types = t;
    }

    let mut sectors = Vec::with_capacity(elements.len());
    let mut places = Vec::with_capacity(elements.len());
    let given: HashSet<String> = elements.iter().map(|d| d.element.id.0.clone()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut fresh = 0usize;
    for mut d in elements {
        d.take_position(warnings);
        if d.element.id.0.is_empty() {
            let id = fresh_id("n", &mut fresh, |id| {
                given.contains(id) || seen.contains(id)
            });
            warnings.push(Warning::new(
                d.place.clone(),
                format!("node has no id: given id '{id}'"),
            ));
            d.element.id = id.into();
        }
        if !seen.insert(d.element.id.0.clone()) {
            warnings.push(Warning::new(
                d.place.clone(),
                format!(
                    "node id '{}' is used by an earlier node; this one ('{}') is skipped",
                    d.element.id, d.element.label
                ),
            ));
            continue;
        }
        if d.element.label.is_empty() {
            d.element.label = d.element.id.0.clone();
        }
        sectors.push(d.sectors());
        places.push(d.place);
        net.elements.push(d.element);
    }

    add_connections(&mut net, &seen, connections, warnings);

    let known_before: HashSet<String> = net
        .categories
        .iter()
        .map(|c| c.name.to_ascii_lowercase())
        .collect();
    // Categories first, so that a new one is reported with the sector it ends up with.
    let mut new_categories = Vec::new();
    for (i, at) in places.iter().enumerate() {
        let before = net.categories.len();
        let written = net.elements[i].category.clone();
        let (name, note) = net.resolve_category(&written);
        net.elements[i].category = name;
        if net.categories.len() > before {
            new_categories.push(i);
        } else if let Some(note) = note {
            warnings.push(Warning::new(at.clone(), note));
        }
    }
    for w in net.absorb_vocabulary() {
        warnings.push(Warning::new(place(file, &w.place), w.message));
    }
    settle_sectors(&mut net, &sectors, &places, &known_before, warnings);
    for i in new_categories {
        let name = &net.elements[i].category;
        let sector = net.category(name).map_or(Sector::Unknown, |c| c.sector);
        let of = if sector == Sector::Unknown {
            "of unknown sector".to_string()
        } else {
            format!("of sector {sector}, as the file gives it")
        };
        warnings.push(Warning::new(
            places[i].clone(),
            format!(
                "category '{name}' is not one of the map's categories: kept as a new category {of}"
            ),
        ));
    }
    net
}

fn fresh_id(prefix: &str, counter: &mut usize, taken: impl Fn(&str) -> bool) -> String {
    loop {
        *counter += 1;
        let id = format!("{prefix}{counter}");
        if !taken(&id) {
            return id;
        }
    }
}

fn add_connections(
    net: &mut Network,
    nodes: &HashSet<String>,
    connections: Vec<ConnectionDraft>,
    warnings: &mut Vec<Warning>,
) {
    let given: HashSet<String> = connections
        .iter()
        .map(|d| d.connection.id.0.clone())
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut fresh = 0usize;
    for d in connections {
        let mut c = d.connection;
        let name = if c.id.0.is_empty() {
            format!("'{}' -> '{}'", c.from, c.to)
        } else {
            format!("'{}'", c.id)
        };
        let missing_from = !nodes.contains(c.from.as_str());
        let missing_to = !nodes.contains(c.to.as_str());
        let problem = match (missing_from, missing_to) {
            (false, false) => None,
            (true, false) => Some(format!("names source '{}', which is not a node", c.from)),
            (false, true) => Some(format!("names target '{}', which is not a node", c.to)),
            (true, true) => Some(format!(
                "names source '{}' and target '{}', which are not nodes",
                c.from, c.to
            )),
        };
        if let Some(p) = problem {
            warnings.push(Warning::new(
                d.place,
                format!("edge {name} {p}; edge skipped"),
            ));
            continue;
        }
        if c.id.0.is_empty() {
            c.id = fresh_id("c", &mut fresh, |id| {
                given.contains(id) || seen.contains(id)
            })
            .into();
        } else if seen.contains(c.id.as_str()) {
            let old = c.id.0.clone();
            let mut n = 1usize;
            let new = loop {
                n += 1;
                let candidate = format!("{old}-{n}");
                if !given.contains(&candidate) && !seen.contains(&candidate) {
                    break candidate;
                }
            };
            warnings.push(Warning::new(
                d.place,
                format!(
                    "edge id '{old}' is used by an earlier edge: this one was given id '{new}'"
                ),
            ));
            c.id = new.into();
        }
        seen.insert(c.id.0.clone());
        net.connections.push(c);
    }
}

fn settle_sectors(
    net: &mut Network,
    sectors: &[(Option<Sector>, Option<Sector>)],
    places: &[String],
    known_before: &HashSet<String>,
    warnings: &mut Vec<Warning>,
) {
    // Categories by name as `Network::category` compares them; the first of a name wins.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, c) in net.categories.iter().enumerate() {
        index.entry(c.name.to_ascii_lowercase()).or_insert(i);
    }
    let category_of = |net: &Network, i: usize| {
        index
            .get(&net.elements[i].category.to_ascii_lowercase())
            .copied()
    };
    let mut assigned: HashSet<usize> = HashSet::new();
    // A category_sector cell says the category's sector outright.
    for (i, (_, category_sector)) in sectors.iter().enumerate() {
        let (Some(cs), Some(c)) = (*category_sector, category_of(net, i)) else {
            continue;
        };
        let cat = &mut net.categories[c];
        if assigned.insert(c) {
            cat.sector = cs;
        } else if cat.sector != cs {
            warnings.push(Warning::new(
                places[i].clone(),
                format!(
                    "category '{}' was given sector {} earlier and {} here: {} kept",
                    cat.name, cat.sector, cs, cat.sector
                ),
            ));
        }
    }
    // A category new to the map takes the sector of its first element.
    for (i, (sector, _)) in sectors.iter().enumerate() {
        let (Some(s), Some(c)) = (*sector, category_of(net, i)) else {
            continue;
        };
        if !known_before.contains(&net.categories[c].name.to_ascii_lowercase())
            && assigned.insert(c)
        {
            net.categories[c].sector = s;
        }
    }
    for (i, (sector, _)) in sectors.iter().enumerate() {
        let Some(s) = *sector else { continue };
        let of_category = category_of(net, i).map(|c| net.categories[c].sector);
        net.elements[i].sector = match of_category {
            Some(cs) if cs == s => None,
            None if s == Sector::Unknown => None,
            _ => Some(s),
        };
    }
}
