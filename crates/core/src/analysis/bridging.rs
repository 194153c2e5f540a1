//! Chapter 5: bridging formal and informal care: cross-sector ties, brokers, what breaks if one
//! leaves, how connected statutory services are, and suggested introductions.

use serde::{Deserialize, Serialize};

use super::{AnalysisOptions, ConnectionRef, Count, ElementRef, StatusCount};
use crate::analysis::structure::ElementMetrics;
use crate::model::category::Sector;
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
}

/// An element that carries ties across sectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Broker {
    /// The broker.
    pub element: ElementRef,
    /// Its ties to elements of another sector.
    pub cross_sector_ties: usize,
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
    /// How many elements would be cut off from the largest remaining part if it left.
    pub would_cut_off: usize,
}

/// How one statutory service is tied in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatutoryLinks {
    /// The service.
    pub element: ElementRef,
    /// All its connections.
    pub connections: usize,
    /// Generative or engaged ones.
    pub active: usize,
    /// Ties to informal or voluntary actors.
    pub to_community: usize,
}

/// A pair not yet connected that a trusted shared contact could introduce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introduction {
    /// One side.
    pub a: ElementRef,
    /// The other side.
    pub b: ElementRef,
    /// The shared contacts who could introduce them (strongest ties first).
    pub via: Vec<ElementRef>,
    /// The ranking score (higher first); how it is made is said in `reason` and the docs.
    pub score: f64,
    /// Why this introduction, in a sentence.
    pub reason: String,
}

/// Chapter 5: bridging formal and informal care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bridging {
    /// Connections between elements of different sectors, of all connections.
    pub cross_sector: Count,
    /// Cross-sector connections by status.
    pub cross_sector_by_status: Vec<StatusCount>,
    /// Connections per pair of different sectors.
    pub sector_pairs: Vec<SectorPair>,
    /// Connections directly between formal and informal actors, of all connections.
    pub formal_informal: Count,
    /// Brokers, most cross-sector ties first.
    pub brokers: Vec<Broker>,
    /// Articulation points: elements whose leaving splits the network.
    pub articulation_points: Vec<CutPoint>,
    /// Bridges: connections whose ending splits the network.
    pub bridges: Vec<ConnectionRef>,
    /// Each statutory service's ties.
    pub statutory: Vec<StatutoryLinks>,
    /// Suggested introductions, best first.
    pub introductions: Vec<Introduction>,
}

pub(crate) fn compute(
    _network: &Network,
    _metrics: &[ElementMetrics],
    _options: &AnalysisOptions,
) -> Bridging {
    todo!("bridging")
}
