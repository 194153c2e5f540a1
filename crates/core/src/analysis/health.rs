//! Chapter 3: relationship health: statuses, reciprocity, depth versus breadth.

use serde::{Deserialize, Serialize};

use super::{Count, ElementRef, StatusCount};
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
    /// Per element with ties: deep against loose, most ties first.
    pub depth_breadth: Vec<DepthBreadth>,
    /// Elements stretched across many weak ties and few generative ones.
    pub stretched: Vec<DepthBreadth>,
}

pub(crate) fn compute(_network: &Network) -> RelationshipHealth {
    todo!("relationship health")
}
