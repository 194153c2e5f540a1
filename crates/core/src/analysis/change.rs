//! Chapter 7: change between two versions of a map.
//!
//! Elements and connections are matched by id: the same id in both versions is the same actor or
//! relationship, even if its label or ends changed. Only counted connections take part (both ends
//! present in their version, not a self-loop). A tie "strengthened" when its status moved up the
//! ladder between two assessed statuses, and "weakened" when it moved down; a move from or to
//! unclassified is a change of knowledge, not of the tie, so it appears only in `transitions`
//! and the table.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use super::common::{status_pos, Ctx, Link};
use super::{ConnectionRef, Count, ElementRef};
use crate::model::status::Status;
use crate::model::ConnectionId;
use crate::model::Network;

/// A connection whose status changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    /// The connection (as it is now).
    pub connection: ConnectionRef,
    /// Its status before.
    pub before: Status,
    /// Its status now.
    pub after: Status,
}

/// Chapter 7: what changed between an older and a newer version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Date of the older version, when known.
    pub old_as_of: Option<NaiveDate>,
    /// Date of the newer version, when known.
    pub new_as_of: Option<NaiveDate>,
    /// Elements in the newer version only, in its order.
    pub joined: Vec<ElementRef>,
    /// Elements in the older version only, in its order.
    pub left: Vec<ElementRef>,
    /// Connections in the newer version only, in its order.
    pub appeared: Vec<ConnectionRef>,
    /// Connections in the older version only (as they were), in its order.
    pub ended: Vec<ConnectionRef>,
    /// Connections whose status moved up the ladder (unclassified to a status counts as
    /// assessed, not strengthened).
    pub strengthened: Vec<Transition>,
    /// Connections whose status moved down the ladder.
    pub weakened: Vec<Transition>,
    /// Every status change, including to and from unclassified.
    pub transitions: Vec<Transition>,
    /// `table[i][j]`: connections in both versions that went from status i to status j
    /// (order of `Status::ALL`).
    pub transition_table: [[usize; 5]; 5],
    /// Generative share then.
    pub generative_then: Count,
    /// Generative share now.
    pub generative_now: Count,
    /// The change in the generative share, now minus then (-1 to 1).
    pub generative_share_change: f64,
    /// Connections in both versions (the table's total).
    pub kept: usize,
}

/// Compares two versions of a map; elements and connections are matched by id.
pub fn diff(old: &Network, new: &Network) -> Change {
    let (then, now) = (Ctx::new(old), Ctx::new(new));
    let in_old: HashMap<&ConnectionId, &Link<'_>> =
        then.links.iter().map(|l| (&l.conn.id, l)).collect();
    let in_new: HashMap<&ConnectionId, &Link<'_>> =
        now.links.iter().map(|l| (&l.conn.id, l)).collect();
    let mut transition_table = [[0usize; 5]; 5];
    let (mut transitions, mut strengthened, mut weakened) = (Vec::new(), Vec::new(), Vec::new());
    let mut kept = 0;
    for l in &now.links {
        let Some(before) = in_old.get(&l.conn.id) else {
            continue;
        };
        kept += 1;
        let (b, a) = (before.status(), l.status());
        transition_table[status_pos(b)][status_pos(a)] += 1;
        if a == b {
            continue;
        }
        let t = Transition {
            connection: now.cref(l),
            before: b,
            after: a,
        };
        if b != Status::Unclassified && a != Status::Unclassified {
            if a < b {
                strengthened.push(t.clone());
            } else {
                weakened.push(t.clone());
            }
        }
        transitions.push(t);
    }
    let generative = |c: &Ctx<'_>| {
        let n = c.links.iter().filter(|l| l.status() == Status::Generative);
        Count::new(n.count(), c.links.len())
    };
    let (generative_then, generative_now) = (generative(&then), generative(&now));
    Change {
        old_as_of: old.as_of,
        new_as_of: new.as_of,
        joined: (0..new.elements.len())
            .filter(|&i| now.index.get(&new.elements[i].id) == Some(&i))
            .filter(|&i| !then.index.contains_key(&new.elements[i].id))
            .map(|i| now.eref(i))
            .collect(),
        left: (0..old.elements.len())
            .filter(|&i| then.index.get(&old.elements[i].id) == Some(&i))
            .filter(|&i| !now.index.contains_key(&old.elements[i].id))
            .map(|i| then.eref(i))
            .collect(),
        appeared: now
            .links
            .iter()
            .filter(|l| !in_old.contains_key(&l.conn.id))
            .map(|l| now.cref(l))
            .collect(),
        ended: then
            .links
            .iter()
            .filter(|l| !in_new.contains_key(&l.conn.id))
            .map(|l| then.cref(l))
            .collect(),
        strengthened,
        weakened,
        transitions,
        transition_table,
        generative_share_change: generative_now.share - generative_then.share,
        generative_then,
        generative_now,
        kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::common::build::tie;
    use crate::model::category::INDIVIDUAL;
    use crate::model::status::Direction;
    use crate::model::{Connection, Element, ElementId};

    fn set(map: &mut Network, id: &str, status: Status) {
        map.connection_mut(&ConnectionId::from(id)).unwrap().status = status;
    }

    #[test]
    fn joins_leaves_and_status_transitions() {
        use Status::*;
        let mut old = Network::new("t");
        let p: Vec<ElementId> = ["A", "B", "C", "D"]
            .iter()
            .map(|l| old.add_element(l, INDIVIDUAL))
            .collect();
        let d = Direction::Undirected;
        tie(&mut old, &p[0], &p[1], Generative, d); // c1
        tie(&mut old, &p[0], &p[2], LooselyEngaged, d); // c2
        tie(&mut old, &p[1], &p[2], Unclassified, d); // c3
        tie(&mut old, &p[2], &p[3], Inactive, d); // c4
        tie(&mut old, &p[0], &p[3], Engaged, d); // c5
        let mut new = old.clone();
        new.elements.retain(|e| e.label != "D");
        new.connections
            .retain(|c| c.id.as_str() != "c4" && c.id.as_str() != "c5");
        // Fresh ids: `add_element` and `connect` would reuse the ids of D, c4 and c5.
        let e = ElementId::from("e5");
        new.elements.push(Element::new(e.clone(), "E", INDIVIDUAL));
        set(&mut new, "c1", Inactive); // weakened
        set(&mut new, "c2", Generative); // strengthened
        set(&mut new, "c3", Engaged); // assessed: neither
        let mut c6 = Connection::new("c6", p[0].clone(), e.clone()); // appears
        c6.status = Generative;
        let c7 = Connection::new("c7", e.clone(), e.clone()); // self-loop: left out
        new.connections.extend([c6, c7]);
        let ch = diff(&old, &new);
        let labels = |v: &[ElementRef]| v.iter().map(|e| e.label.clone()).collect::<Vec<_>>();
        assert_eq!(labels(&ch.joined), vec!["E"]);
        assert_eq!(labels(&ch.left), vec!["D"]);
        let ids = |v: &[ConnectionRef]| v.iter().map(|c| c.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&ch.ended), vec!["c4", "c5"]);
        assert_eq!(ch.appeared.len(), 1);
        assert_eq!(ch.appeared[0].to.label, "E");
        // Kept: c1, c2, c3. c2 loose -> generative strengthened; c1 generative -> inactive
        // weakened; c3 unclassified -> engaged is only a transition.
        assert_eq!(ch.kept, 3);
        assert_eq!(ch.strengthened.len(), 1);
        assert_eq!(ch.strengthened[0].connection.id.as_str(), "c2");
        assert_eq!(ch.weakened.len(), 1);
        assert_eq!(ch.weakened[0].connection.id.as_str(), "c1");
        assert_eq!(ch.transitions.len(), 3);
        // Table rows are before, columns after, in Status::ALL order.
        let mut table = [[0usize; 5]; 5];
        table[0][3] = 1; // generative -> inactive
        table[2][0] = 1; // loosely engaged -> generative
        table[4][1] = 1; // unclassified -> engaged
        assert_eq!(ch.transition_table, table);
        // Generative then: c1 of 5 = 20%; now: c2 and the new tie, 2 of 4 = 50%.
        assert_eq!(ch.generative_then.percent(), "20.0%");
        assert_eq!(ch.generative_now.percent(), "50.0%");
        assert!((ch.generative_share_change - 0.3).abs() < 1e-12);
    }

    #[test]
    fn the_same_map_has_no_change_and_a_diagonal_table() {
        let mut map = Network::new("t");
        let a = map.add_element("A", INDIVIDUAL);
        let b = map.add_element("B", INDIVIDUAL);
        tie(&mut map, &a, &b, Status::Engaged, Direction::Mutual);
        tie(&mut map, &a, &b, Status::Unclassified, Direction::Mutual);
        let ch = diff(&map, &map);
        assert!(ch.joined.is_empty() && ch.left.is_empty() && ch.transitions.is_empty());
        assert_eq!(ch.transition_table[1][1] + ch.transition_table[4][4], 2);
        assert_eq!(ch.generative_share_change, 0.0);
    }

    #[test]
    fn losing_an_assessment_is_not_weakening() {
        let mut old = Network::new("t");
        let a = old.add_element("A", INDIVIDUAL);
        let b = old.add_element("B", INDIVIDUAL);
        tie(&mut old, &a, &b, Status::Generative, Direction::Directed);
        let mut new = old.clone();
        set(&mut new, "c1", Status::Unclassified);
        let ch = diff(&old, &new);
        assert!(ch.weakened.is_empty() && ch.strengthened.is_empty());
        assert_eq!(ch.transitions.len(), 1);
        assert_eq!(ch.transition_table[0][4], 1);
    }

    #[test]
    fn empty_versions_and_dangling_connections() {
        let ch = diff(&Network::new("a"), &Network::new("b"));
        assert_eq!(ch.kept, 0);
        assert_eq!(ch.generative_now.share, 0.0);
        // A connection to a missing element is in neither version's counts.
        let mut old = Network::new("t");
        let a = old.add_element("A", INDIVIDUAL);
        tie(
            &mut old,
            &a,
            &ElementId::from("ghost"),
            Status::Generative,
            Direction::Directed,
        );
        let ch = diff(&old, &Network::new("t"));
        assert!(ch.ended.is_empty());
        assert_eq!(ch.left.len(), 1);
    }
}
