//! Chapter 3: relationship health: statuses, reciprocity, depth versus breadth.
//!
//! Connections are counted as recorded (parallel ones each count); self-loops and connections to
//! missing elements are left out and counted in `left_out_connections`. "Active" is generative or
//! engaged, "weak" is loosely engaged or inactive, and unclassified is not known: it is never
//! weak. Per element, a tie is a distinct other element, with the strongest status of the
//! connections between them. An element is "stretched" when it has at least
//! [`STRETCHED_MIN_WEAK`] weak ties and more than twice as many weak ties as generative ones
//! (its depth is below 1/3).

use serde::{Deserialize, Serialize};

use std::collections::HashSet;

use super::common::{status_counts, Ctx};
use super::{Count, ElementRef, StatusCount};
use crate::model::status::{Direction, Status};
use crate::model::Network;

/// One element's deep and loose ties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepthBreadth {
    /// The element.
    pub element: ElementRef,
    /// Generative ties.
    pub generative: usize,
    /// Engaged ties.
    pub engaged: usize,
    /// Loosely engaged or inactive ties.
    pub weak: usize,
    /// Unclassified ties.
    pub unclassified: usize,
    /// All ties.
    pub total: usize,
    /// Generative ties over generative plus weak ones (0 to 1); `None` with neither.
    pub depth: Option<f64>,
}

/// Chapter 3: relationship health.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationshipHealth {
    /// Number of connections.
    pub connections: usize,
    /// Connections by status, all five, strongest first.
    pub by_status: Vec<StatusCount>,
    /// Generative connections, of all.
    pub generative: Count,
    /// Generative or engaged connections, of all.
    pub active: Count,
    /// Loosely engaged or inactive connections, of all.
    pub weak: Count,
    /// Unclassified connections, of all (not known: never counted as weak).
    pub unclassified: Count,
    /// Generative connections of those assessed (all but unclassified).
    pub generative_of_assessed: Count,
    /// Connections recorded as mutual, of all.
    pub mutual: Count,
    /// Directed connections answered by one the other way, of directed connections.
    pub reciprocated: Count,
    /// Per element with ties: deep against loose, most ties first (then most generative, then
    /// by id).
    pub depth_breadth: Vec<DepthBreadth>,
    /// Elements stretched across many weak ties and few generative ones (see
    /// `stretched_min_weak` and `stretched_depth_below`), most weak ties first.
    pub stretched: Vec<DepthBreadth>,
    /// The fewest weak ties that can make an element stretched.
    pub stretched_min_weak: usize,
    /// An element is stretched only when its depth is below this (1/3: more than twice as many
    /// weak ties as generative ones).
    pub stretched_depth_below: f64,
    /// Connections left out of every chapter's counts: self-loops and connections with an end
    /// that is not an element of the map.
    pub left_out_connections: usize,
}

/// The fewest weak ties that can make an element stretched.
pub const STRETCHED_MIN_WEAK: usize = 3;

/// The depth below which an element with enough weak ties is stretched.
pub const STRETCHED_DEPTH_BELOW: f64 = 1.0 / 3.0;

pub(crate) fn compute(network: &Network) -> RelationshipHealth {
    let ctx = Ctx::new(network);
    let total = ctx.links.len();
    let count = |f: &dyn Fn(Status) -> bool| {
        Count::new(ctx.links.iter().filter(|l| f(l.status())).count(), total)
    };
    let unclassified = count(&|s| s == Status::Unclassified);
    let generative = count(&|s| s == Status::Generative);
    let directed: Vec<(usize, usize)> = ctx
        .links
        .iter()
        .filter(|l| l.conn.direction == Direction::Directed)
        .map(|l| (l.from, l.to))
        .collect();
    let arcs: HashSet<(usize, usize)> = directed.iter().copied().collect();
    let reciprocated = directed
        .iter()
        .filter(|&&(a, b)| arcs.contains(&(b, a)))
        .count();
    let mutual = ctx
        .links
        .iter()
        .filter(|l| l.conn.direction == Direction::Mutual)
        .count();
    let mut depth_breadth: Vec<DepthBreadth> = ctx
        .ties()
        .iter()
        .enumerate()
        .filter(|(_, ties)| !ties.is_empty())
        .map(|(i, ties)| depth_of(ctx.eref(i), ties.values().copied()))
        .collect();
    depth_breadth.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| b.generative.cmp(&a.generative))
            .then_with(|| a.element.id.cmp(&b.element.id))
    });
    let mut stretched: Vec<DepthBreadth> = depth_breadth
        .iter()
        .filter(|d| is_stretched(d))
        .cloned()
        .collect();
    stretched.sort_by(|a, b| {
        b.weak
            .cmp(&a.weak)
            .then_with(|| a.generative.cmp(&b.generative))
            .then_with(|| a.element.id.cmp(&b.element.id))
    });
    RelationshipHealth {
        connections: total,
        by_status: status_counts(ctx.links.iter().map(|l| l.status())),
        generative,
        active: count(&Status::is_active),
        weak: count(&Status::is_weak),
        generative_of_assessed: Count::new(generative.count, total - unclassified.count),
        unclassified,
        mutual: Count::new(mutual, total),
        reciprocated: Count::new(reciprocated, directed.len()),
        depth_breadth,
        stretched,
        stretched_min_weak: STRETCHED_MIN_WEAK,
        stretched_depth_below: STRETCHED_DEPTH_BELOW,
        left_out_connections: ctx.left_out,
    }
}

/// One element's ties by kind, from the statuses of its ties.
fn depth_of(element: ElementRef, statuses: impl Iterator<Item = Status>) -> DepthBreadth {
    let mut d = DepthBreadth {
        element,
        generative: 0,
        engaged: 0,
        weak: 0,
        unclassified: 0,
        total: 0,
        depth: None,
    };
    for s in statuses {
        d.total += 1;
        match s {
            Status::Generative => d.generative += 1,
            Status::Engaged => d.engaged += 1,
            Status::LooselyEngaged | Status::Inactive => d.weak += 1,
            Status::Unclassified => d.unclassified += 1,
        }
    }
    let judged = d.generative + d.weak;
    d.depth = (judged > 0).then(|| d.generative as f64 / judged as f64);
    d
}

/// True when the element holds many weak ties and few generative ones.
fn is_stretched(d: &DepthBreadth) -> bool {
    // Integer form of depth < 1/3, free of rounding.
    d.weak >= STRETCHED_MIN_WEAK && 2 * d.generative < d.weak
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::common::build::tie;
    use crate::model::category::INDIVIDUAL;
    use crate::model::ElementId;

    fn people(map: &mut Network, n: usize) -> Vec<ElementId> {
        (0..n)
            .map(|i| map.add_element(&format!("P{i}"), INDIVIDUAL))
            .collect()
    }

    #[test]
    fn statuses_reciprocity_and_depth() {
        use Direction::*;
        use Status::*;
        let mut map = Network::new("t");
        let p = people(&mut map, 6);
        let (a, b, c, d, e, f) = (&p[0], &p[1], &p[2], &p[3], &p[4], &p[5]);
        tie(&mut map, a, b, Generative, Directed); // c1
        tie(&mut map, b, a, Engaged, Directed); // c2 answers c1
        tie(&mut map, a, c, LooselyEngaged, Mutual); // c3
        tie(&mut map, a, d, Inactive, Directed); // c4
        tie(&mut map, a, e, LooselyEngaged, Directed); // c5
        tie(&mut map, a, f, Unclassified, Undirected); // c6
        tie(&mut map, a, a, Generative, Directed); // c7 self-loop: left out
        tie(&mut map, a, &ElementId::from("ghost"), Generative, Directed); // c8: left out
        tie(&mut map, a, b, Generative, Directed); // c9 parallel to c1
        let h = compute(&map);
        // Counted: c1-c6 and c9 = 7; left out c7, c8.
        assert_eq!((h.connections, h.left_out_connections), (7, 2));
        // generative c1, c9; engaged c2; loose c3, c5; inactive c4; unclassified c6.
        let by: Vec<usize> = h.by_status.iter().map(|s| s.count.count).collect();
        assert_eq!(by, vec![2, 1, 2, 1, 1]);
        assert_eq!(h.generative.percent(), "28.6%"); // 2 of 7
        assert_eq!(
            (h.active.count, h.weak.count, h.unclassified.count),
            (3, 3, 1)
        );
        // Of the 6 assessed, 2 generative = 33.3%.
        assert_eq!(h.generative_of_assessed.percent(), "33.3%");
        assert_eq!((h.mutual.count, h.mutual.of), (1, 7));
        // Directed: c1, c2, c4, c5, c9; answered the other way: c1, c2, c9 = 3 of 5.
        assert_eq!((h.reciprocated.count, h.reciprocated.of), (3, 5));
        // P0's ties: P1 (generative: strongest of c1, c2, c9), P2 and P4 loose, P3 inactive, P5
        // unclassified: 1 generative, 3 weak, 1 unclassified; depth 1 / (1 + 3) = 0.25.
        let first = &h.depth_breadth[0];
        assert_eq!(first.element.label, "P0");
        assert_eq!(
            (
                first.generative,
                first.engaged,
                first.weak,
                first.unclassified,
                first.total
            ),
            (1, 0, 3, 1, 5)
        );
        assert_eq!(first.depth, Some(0.25));
        // Then P1 (one generative tie), then P2..P5 by id.
        let order: Vec<&str> = h
            .depth_breadth
            .iter()
            .map(|d| d.element.label.as_str())
            .collect();
        assert_eq!(order, vec!["P0", "P1", "P2", "P3", "P4", "P5"]);
        assert_eq!(h.depth_breadth[5].depth, None); // P5: only an unclassified tie
                                                    // P0 is stretched: 3 weak ties and 2 * 1 generative < 3.
        assert_eq!(h.stretched.len(), 1);
        assert_eq!(h.stretched[0].element.label, "P0");
    }

    #[test]
    fn stretched_needs_three_weak_ties_and_depth_below_a_third() {
        use Direction::*;
        use Status::*;
        let mut map = Network::new("t");
        let p = people(&mut map, 12);
        // P0: 2 generative, 4 weak: depth exactly 1/3, not stretched.
        for (i, s) in [
            Generative,
            Generative,
            Inactive,
            Inactive,
            LooselyEngaged,
            LooselyEngaged,
        ]
        .into_iter()
        .enumerate()
        {
            tie(&mut map, &p[0], &p[i + 1], s, Undirected);
        }
        // P7: 0 generative, 3 weak, depth 0: stretched. P11: 2 weak only: too few.
        for i in 8..11 {
            tie(&mut map, &p[7], &p[i], Inactive, Undirected);
        }
        tie(&mut map, &p[11], &p[8], Inactive, Undirected);
        tie(&mut map, &p[11], &p[9], Inactive, Undirected);
        let h = compute(&map);
        let labels: Vec<&str> = h
            .stretched
            .iter()
            .map(|d| d.element.label.as_str())
            .collect();
        assert_eq!(labels, vec!["P7"]);
        assert_eq!(h.stretched_min_weak, 3);
    }

    #[test]
    fn unclassified_is_never_weak() {
        let mut map = Network::new("t");
        let p = people(&mut map, 4);
        for i in 1..4 {
            tie(
                &mut map,
                &p[0],
                &p[i],
                Status::Unclassified,
                Direction::Directed,
            );
        }
        let h = compute(&map);
        // 3 connections, all unclassified: 0 weak, 3 of 3 unclassified, nothing assessed.
        assert_eq!(h.weak.count, 0);
        assert_eq!(h.unclassified.share, 1.0);
        assert_eq!(
            (h.generative_of_assessed.count, h.generative_of_assessed.of),
            (0, 0)
        );
        assert!(h.stretched.is_empty());
        assert!(h
            .depth_breadth
            .iter()
            .all(|d| d.depth.is_none() && d.weak == 0));
    }

    #[test]
    fn empty_maps_and_maps_without_connections() {
        let h = compute(&Network::new("empty"));
        assert_eq!(h.connections, 0);
        assert_eq!(h.by_status.len(), 5);
        assert!(h.by_status.iter().all(|s| s.count.share == 0.0));
        let mut map = Network::new("t");
        people(&mut map, 3);
        let h = compute(&map);
        assert!(h.depth_breadth.is_empty());
        assert_eq!(h.reciprocated.of, 0);
    }
}
