//! Chapter 5: bridging formal and informal care: cross-sector ties, brokers, what breaks if one
//! leaves, how connected statutory services are, and suggested introductions.
//!
//! A connection is cross-sector when its two ends are of different known sectors (informal,
//! voluntary, formal); a connection with an end of unknown sector is left out of the cross-sector
//! figures and counted in `unknown_sector_connections`. Shares are of all counted connections
//! (self-loops and connections to missing elements are left out). A broker is an element of a
//! known sector with at least one tie (a distinct other element, any status) to an element of
//! another known sector. Articulation points and bridges are those of the undirected simple view
//! of the counted connections. Suggested introductions are explained in [`introductions`].

use serde::{Deserialize, Serialize};

mod cut_off;
pub mod introductions;

use std::collections::HashMap;

use super::common::{is_community, status_counts, Ctx, Link};
use super::{AnalysisOptions, ConnectionRef, Count, ElementRef, StatusCount};
use crate::analysis::structure::ElementMetrics;
use crate::graph::{cuts, Graph};
use crate::model::category::{Sector, STATUTORY};
use crate::model::status::Status;
use crate::model::Network;

/// Connections between two sectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorPair {
    /// One sector (the earlier in informal, voluntary, formal, unknown order).
    pub a: Sector,
    /// The other sector.
    pub b: Sector,
    /// Connections between them.
    pub connections: usize,
    /// Of those, generative.
    pub generative: usize,
    /// Of those, generative or engaged.
    pub active: usize,
}

/// An element that carries ties across sectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Broker {
    /// The broker.
    pub element: ElementRef,
    /// Its ties to elements of another sector (distinct elements, any status).
    pub cross_sector_ties: usize,
    /// Of those, generative or engaged.
    pub active_cross_sector_ties: usize,
    /// The sectors it reaches other than its own.
    pub sectors_reached: Vec<Sector>,
    /// Its betweenness (normalised, 0 to 1).
    pub betweenness: f64,
    /// True when removing it splits the network.
    pub articulation_point: bool,
}

/// An element whose leaving would split the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutPoint {
    /// The element.
    pub element: ElementRef,
    /// How many elements would be cut off from the largest remaining part if it left: its
    /// component, less itself, splits into parts; every element outside the largest part counts.
    pub would_cut_off: usize,
    /// Into how many parts its component, less itself, would split (2 or more).
    pub parts: usize,
}

/// How one statutory service is tied in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatutoryLinks {
    /// The service.
    pub element: ElementRef,
    /// All its connections (parallel ones each count).
    pub connections: usize,
    /// Generative or engaged ones.
    pub active: usize,
    /// Connections to informal or voluntary actors.
    pub to_community: usize,
    /// Of those, generative or engaged.
    pub active_to_community: usize,
}

/// A pair not yet connected that a trusted shared contact could introduce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introduction {
    /// One side (the one with the smaller id).
    pub a: ElementRef,
    /// The other side.
    pub b: ElementRef,
    /// The shared contacts who could introduce them: strongest pair of ties first, then by
    /// label.
    pub via: Vec<ElementRef>,
    /// The ranking score, higher first (see [`introductions`]): the strength of the shared ties,
    /// plus 2 for a formal-informal pair or 1 for a voluntary actor with either, plus 0.5 per
    /// complementary care type (at most three).
    pub score: f64,
    /// Why this introduction, in a sentence naming the shared contact.
    pub reason: String,
    /// True when one side is formal and the other informal.
    pub crosses_formal_informal: bool,
    /// Care types one side offers and the other receives (care flowing toward it), by name.
    pub complementary_care: Vec<String>,
}

/// Chapter 5: bridging formal and informal care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bridging {
    /// Connections between elements of different known sectors, of all connections.
    pub cross_sector: Count,
    /// Cross-sector connections by status.
    pub cross_sector_by_status: Vec<StatusCount>,
    /// Connections per pair of different known sectors: informal-voluntary, informal-formal,
    /// voluntary-formal, always all three.
    pub sector_pairs: Vec<SectorPair>,
    /// Connections directly between formal and informal actors, of all connections.
    pub formal_informal: Count,
    /// Brokers, most cross-sector ties first, then highest betweenness, then by id.
    pub brokers: Vec<Broker>,
    /// Articulation points: elements whose leaving splits the network, most cut off first.
    pub articulation_points: Vec<CutPoint>,
    /// Bridges: connections whose ending splits the network (of parallel connections, the
    /// strongest stands for the pair), in the order of their ends in the map.
    pub bridges: Vec<ConnectionRef>,
    /// Each statutory service's ties, in the map's order.
    pub statutory: Vec<StatutoryLinks>,
    /// Suggested introductions, best first, at most `AnalysisOptions::max_introductions`.
    pub introductions: Vec<Introduction>,
    /// Connections with an end of unknown sector, left out of the cross-sector figures.
    pub unknown_sector_connections: usize,
}

const KNOWN_PAIRS: [(Sector, Sector); 3] = [
    (Sector::Informal, Sector::Voluntary),
    (Sector::Informal, Sector::Formal),
    (Sector::Voluntary, Sector::Formal),
];

pub(crate) fn compute(
    network: &Network,
    metrics: &[ElementMetrics],
    options: &AnalysisOptions,
) -> Bridging {
    let ctx = Ctx::new(network);
    let total = ctx.links.len();
    let sectors = |l: &Link<'_>| (ctx.sectors[l.from], ctx.sectors[l.to]);
    let unknown_sector_connections = ctx
        .links
        .iter()
        .filter(|l| {
            let (a, b) = sectors(l);
            a == Sector::Unknown || b == Sector::Unknown
        })
        .count();
    let cross: Vec<&Link<'_>> = ctx.links.iter().filter(|l| is_cross(sectors(l))).collect();
    let sector_pairs: Vec<SectorPair> = KNOWN_PAIRS
        .iter()
        .map(|&(a, b)| {
            let on = cross.iter().filter(|l| {
                let (x, y) = sectors(l);
                (x, y) == (a, b) || (y, x) == (a, b)
            });
            let statuses: Vec<Status> = on.map(|l| l.status()).collect();
            SectorPair {
                a,
                b,
                connections: statuses.len(),
                generative: statuses
                    .iter()
                    .filter(|&&s| s == Status::Generative)
                    .count(),
                active: statuses.iter().filter(|s| s.is_active()).count(),
            }
        })
        .collect();
    let edges: Vec<(usize, usize)> = ctx.links.iter().map(|l| (l.from, l.to)).collect();
    let graph = Graph::from_undirected_edges(network.elements.len(), &edges);
    let points = cuts::articulation_points(&graph);
    let ties = ctx.ties();
    Bridging {
        cross_sector: Count::new(cross.len(), total),
        cross_sector_by_status: status_counts(cross.iter().map(|l| l.status())),
        formal_informal: Count::new(sector_pairs[1].connections, total),
        sector_pairs,
        brokers: brokers(&ctx, &ties, metrics, &points),
        articulation_points: cut_points(&ctx, &graph, &points),
        bridges: bridge_refs(&ctx, &cuts::bridges(&graph)),
        statutory: statutory(&ctx),
        introductions: introductions::suggest(&ctx, &ties, options.max_introductions),
        unknown_sector_connections,
    }
}

/// True for two different known sectors.
fn is_cross((a, b): (Sector, Sector)) -> bool {
    a != b && a != Sector::Unknown && b != Sector::Unknown
}

fn brokers(
    ctx: &Ctx<'_>,
    ties: &[std::collections::BTreeMap<usize, Status>],
    metrics: &[ElementMetrics],
    points: &[usize],
) -> Vec<Broker> {
    let betweenness: HashMap<_, f64> = metrics
        .iter()
        .map(|m| (&m.element.id, m.betweenness))
        .collect();
    let mut out: Vec<Broker> = Vec::new();
    for (i, tied) in ties.iter().enumerate() {
        let own = ctx.sectors[i];
        let across: Vec<(Sector, Status)> = tied
            .iter()
            .map(|(&o, &s)| (ctx.sectors[o], s))
            .filter(|&(other, _)| is_cross((own, other)))
            .collect();
        if across.is_empty() {
            continue;
        }
        let mut sectors_reached: Vec<Sector> = across.iter().map(|&(s, _)| s).collect();
        sectors_reached.sort();
        sectors_reached.dedup();
        let e = ctx.element(i);
        out.push(Broker {
            element: ctx.eref(i),
            cross_sector_ties: across.len(),
            active_cross_sector_ties: across.iter().filter(|(_, s)| s.is_active()).count(),
            sectors_reached,
            betweenness: betweenness.get(&e.id).copied().unwrap_or(0.0),
            articulation_point: points.binary_search(&i).is_ok(),
        });
    }
    out.sort_by(|a, b| {
        b.cross_sector_ties
            .cmp(&a.cross_sector_ties)
            .then_with(|| b.betweenness.total_cmp(&a.betweenness))
            .then_with(|| a.element.id.cmp(&b.element.id))
    });
    out
}

fn cut_points(ctx: &Ctx<'_>, graph: &Graph, points: &[usize]) -> Vec<CutPoint> {
    let split = cut_off::splits(graph);
    let mut out: Vec<(usize, CutPoint)> = points
        .iter()
        .map(|&p| {
            let (would_cut_off, parts) = split[p];
            let point = CutPoint {
                element: ctx.eref(p),
                would_cut_off,
                parts,
            };
            (p, point)
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.would_cut_off
            .cmp(&a.1.would_cut_off)
            .then_with(|| a.0.cmp(&b.0))
    });
    out.into_iter().map(|(_, p)| p).collect()
}

/// The connection standing for each bridge: the strongest between its ends, then the first.
fn bridge_refs(ctx: &Ctx<'_>, bridges: &[(usize, usize)]) -> Vec<ConnectionRef> {
    let mut best: HashMap<(usize, usize), &Link<'_>> = HashMap::new();
    for l in &ctx.links {
        let key = (l.from.min(l.to), l.from.max(l.to));
        let slot = best.entry(key).or_insert(l);
        if l.status() < slot.status() {
            *slot = l;
        }
    }
    bridges
        .iter()
        .filter_map(|key| best.get(key).map(|l| ctx.cref(l)))
        .collect()
}

fn statutory(ctx: &Ctx<'_>) -> Vec<StatutoryLinks> {
    ctx.of_category(STATUTORY)
        .into_iter()
        .map(|s| {
            let links: Vec<&Link<'_>> = ctx.links_of(s).collect();
            let community: Vec<&&Link<'_>> = links
                .iter()
                .filter(|l| l.other(s).is_some_and(|o| is_community(ctx.sectors[o])))
                .collect();
            StatutoryLinks {
                element: ctx.eref(s),
                connections: links.len(),
                active: links.iter().filter(|l| l.status().is_active()).count(),
                to_community: community.len(),
                active_to_community: community.iter().filter(|l| l.status().is_active()).count(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
