//! What the chapters share: which connections count, ties between elements, and small helpers.
//!
//! A connection counts in chapters 1 to 5 and 7 and on the person map only when both of its ends
//! are elements of the map and they are two different elements. A connection to a missing element
//! or from an element to itself (a self-loop) is not a relationship between two actors, so it is
//! left out, and `RelationshipHealth::left_out_connections` says how many were.
//!
//! Parallel connections (two recorded between the same pair) each count where a chapter counts
//! connections; where it counts ties (distinct other elements) they make one tie whose status is
//! the strongest of theirs.

use std::collections::{BTreeMap, HashMap};

use super::{ConnectionRef, Count, ElementRef, StatusCount};
use crate::model::care_type::CareTypeIndex;
use crate::model::category::Sector;
use crate::model::status::Status;
use crate::model::{Connection, Element, ElementId, Network};
use std::cell::RefCell;

/// A counted connection with its ends as positions in `network.elements`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link<'a> {
    /// The connection.
    pub conn: &'a Connection,
    /// Position of `conn.from`.
    pub from: usize,
    /// Position of `conn.to`.
    pub to: usize,
}

impl Link<'_> {
    /// The other end seen from `i`, if `i` is an end.
    pub fn other(&self, i: usize) -> Option<usize> {
        if self.from == i {
            Some(self.to)
        } else if self.to == i {
            Some(self.from)
        } else {
            None
        }
    }

    /// True when care runs toward `i` along it: directed to `i`, or mutual or undirected.
    pub fn flows_toward(&self, i: usize) -> bool {
        if self.conn.is_two_way() {
            self.from == i || self.to == i
        } else {
            self.to == i
        }
    }

    /// The connection's status.
    pub fn status(&self) -> Status {
        self.conn.status
    }
}

/// A network prepared for the chapters: positions, sectors and counted connections.
pub(crate) struct Ctx<'a> {
    /// The network.
    pub net: &'a Network,
    /// Position of each element id (the first, should an id repeat).
    pub index: HashMap<&'a ElementId, usize>,
    /// Each element's sector.
    pub sectors: Vec<Sector>,
    /// The counted connections, in the map's order.
    pub links: Vec<Link<'a>>,
    /// Connections left out: self-loops and connections to a missing element.
    pub left_out: usize,
    /// For each element, the positions in `links` of the counted connections touching it.
    incident: Vec<Vec<usize>>,
    /// A lookup of the care-type vocabulary, so that naming care types stays linear.
    care_type_index: RefCell<CareTypeIndex>,
}

impl<'a> Ctx<'a> {
    /// Prepares `net`.
    pub fn new(net: &'a Network) -> Self {
        let mut index = HashMap::with_capacity(net.elements.len());
        for (i, e) in net.elements.iter().enumerate() {
            index.entry(&e.id).or_insert(i);
        }
        let sectors = net.elements.iter().map(|e| net.sector_of(e)).collect();
        let mut links = Vec::with_capacity(net.connections.len());
        let mut left_out = 0;
        for conn in &net.connections {
            match (index.get(&conn.from), index.get(&conn.to)) {
                (Some(&from), Some(&to)) if from != to => links.push(Link { conn, from, to }),
                _ => left_out += 1,
            }
        }
        let mut incident = vec![Vec::new(); net.elements.len()];
        for (k, l) in links.iter().enumerate() {
            incident[l.from].push(k);
            incident[l.to].push(k);
        }
        Ctx {
            net,
            index,
            sectors,
            links,
            left_out,
            incident,
            care_type_index: RefCell::new(CareTypeIndex::default()),
        }
    }

    /// The element at position `i`.
    pub fn element(&self, i: usize) -> &'a Element {
        &self.net.elements[i]
    }

    /// The reference of the element at position `i`.
    pub fn eref(&self, i: usize) -> ElementRef {
        ElementRef::of(self.net, self.element(i))
    }

    /// The reference of a counted connection.
    pub fn cref(&self, link: &Link<'_>) -> ConnectionRef {
        ConnectionRef {
            id: link.conn.id.clone(),
            from: self.eref(link.from),
            to: self.eref(link.to),
            status: link.conn.status,
        }
    }

    /// Positions of the elements of a category (compared ignoring case), in the map's order.
    pub fn of_category(&self, category: &str) -> Vec<usize> {
        (0..self.net.elements.len())
            .filter(|&i| self.element(i).category.eq_ignore_ascii_case(category))
            .collect()
    }

    /// The counted connections touching `i`, in the map's order.
    pub fn links_of(&self, i: usize) -> impl Iterator<Item = &Link<'a>> + '_ {
        self.incident[i].iter().map(|&k| &self.links[k])
    }

    /// Each element's ties: distinct other elements, with the strongest status of the
    /// connections between them.
    pub fn ties(&self) -> Vec<BTreeMap<usize, Status>> {
        let mut ties = vec![BTreeMap::new(); self.net.elements.len()];
        for l in &self.links {
            for (a, b) in [(l.from, l.to), (l.to, l.from)] {
                let s = ties[a].entry(b).or_insert(l.status());
                *s = (*s).min(l.status());
            }
        }
        ties
    }

    /// The vocabulary's spelling of a care type, or the trimmed text when it is not in it.
    pub fn care_type_name(&self, written: &str) -> String {
        self.care_type_index
            .borrow_mut()
            .find(&self.net.care_types, written)
            .map(str::to_string)
            .unwrap_or_else(|| written.trim().to_string())
    }

    /// The distinct, non-empty care types of a list, in the vocabulary's spelling.
    pub fn care_types(&self, written: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in written {
            let name = self.care_type_name(w);
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

/// Counts of each of the five statuses, strongest first, as shares of all given.
pub(crate) fn status_counts(statuses: impl IntoIterator<Item = Status>) -> Vec<StatusCount> {
    let mut counts = [0usize; 5];
    for s in statuses {
        counts[status_pos(s)] += 1;
    }
    let total = counts.iter().sum();
    Status::ALL
        .iter()
        .zip(counts)
        .map(|(&status, n)| StatusCount {
            status,
            count: Count::new(n, total),
        })
        .collect()
}

/// The position of a status in `Status::ALL`.
pub(crate) fn status_pos(s: Status) -> usize {
    usize::from(s.rank() - 1)
}

/// True for informal or voluntary actors: the community side of the divide.
pub(crate) fn is_community(s: Sector) -> bool {
    matches!(s, Sector::Informal | Sector::Voluntary)
}

/// Names joined for a sentence: "A", "A and B", "A, B and C".
pub(crate) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Ends a sentence with a full stop, unless it already ends with one (a label such as "V. C.").
pub(crate) fn end_sentence(mut s: String) -> String {
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// Small builders for the chapters' tests.
#[cfg(test)]
pub(crate) mod build {
    use crate::model::status::{Direction, Status};
    use crate::model::{ConnectionId, ElementId, Network};

    /// Connects `a` to `b` with a status and a direction.
    pub fn tie(
        map: &mut Network,
        a: &ElementId,
        b: &ElementId,
        status: Status,
        direction: Direction,
    ) -> ConnectionId {
        let c = map.connect(a, b);
        let conn = map.connection_mut(&c).expect("just added");
        conn.status = status;
        conn.direction = direction;
        c
    }

    /// Sets the care types flowing along `c` and whether they are paid.
    pub fn care(map: &mut Network, c: &ConnectionId, types: &[&str], paid: Option<bool>) {
        let conn = map.connection_mut(c).expect("known connection");
        conn.care_flowing = types.iter().map(|t| t.to_string()).collect();
        conn.paid = paid;
    }

    /// Sets the care types an element offers.
    pub fn offers(map: &mut Network, e: &ElementId, types: &[&str]) {
        map.element_mut(e).expect("known element").care_types =
            types.iter().map(|t| t.to_string()).collect();
    }
}
