//! Chapter 6: network structure, and every element's metrics.

use serde::{Deserialize, Serialize};

use super::{AnalysisOptions, ElementRef};
use crate::model::Network;

/// How betweenness was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum BetweennessMethod {
    /// Exactly (Brandes).
    Exact,
    /// Estimated from a sample of source elements.
    Sampled {
        /// Sources sampled.
        samples: usize,
        /// With probability `confidence`, every normalised value is within this of the exact one.
        error_bound: f64,
        /// The probability the bound holds.
        confidence: f64,
    },
}

/// One community found by community detection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Community {
    /// Its number (0 is the largest).
    pub id: usize,
    /// Its members.
    pub members: Vec<ElementRef>,
}

/// A connected component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Number of elements.
    pub size: usize,
    /// Its members.
    pub members: Vec<ElementRef>,
}

/// An element named as a key connector, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyConnector {
    /// The element.
    pub element: ElementRef,
    /// Why, in a sentence with the figure.
    pub reason: String,
}

/// Chapter 6: network structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Elements.
    pub elements: usize,
    /// Connections (as recorded, parallel ones included).
    pub connections: usize,
    /// Distinct linked pairs (the simple undirected graph's edges).
    pub linked_pairs: usize,
    /// Linked pairs over possible pairs.
    pub density: f64,
    /// Connected components, largest first.
    pub components: Vec<Component>,
    /// Elements with no connection.
    pub isolates: Vec<ElementRef>,
    /// Longest shortest path within a component.
    pub diameter: usize,
    /// Mean shortest-path length over connected pairs.
    pub average_path_length: f64,
    /// Global clustering (transitivity).
    pub transitivity: f64,
    /// Mean of the elements' clustering coefficients.
    pub average_clustering: f64,
    /// Communities (Louvain, seeded), largest first.
    pub communities: Vec<Community>,
    /// Modularity of the communities.
    pub modularity: f64,
    /// Seed used for community detection.
    pub seed: u64,
    /// How betweenness was computed.
    pub betweenness: BetweennessMethod,
    /// The key connectors, with why.
    pub key_connectors: Vec<KeyConnector>,
}

/// One element's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementMetrics {
    /// The element.
    pub element: ElementRef,
    /// Distinct neighbours.
    pub degree: usize,
    /// Connections arriving (mutual and undirected count both ways).
    pub in_degree: usize,
    /// Connections leaving (mutual and undirected count both ways).
    pub out_degree: usize,
    /// Betweenness, normalised as networkx does (0 to 1).
    pub betweenness: f64,
    /// Closeness (Wasserman-Faust for disconnected maps, as networkx).
    pub closeness: f64,
    /// Eigenvector centrality (undirected, unit length).
    pub eigenvector: f64,
    /// PageRank (directed, damping 0.85).
    pub pagerank: f64,
    /// Local clustering coefficient.
    pub clustering: f64,
    /// k-core number.
    pub core_number: usize,
    /// Elements reachable within two steps.
    pub two_step_reach: usize,
    /// Community number (see `Structure::communities`).
    pub community: usize,
    /// Component number (0 is the largest).
    pub component: usize,
}

pub(crate) fn compute(
    _network: &Network,
    _options: &AnalysisOptions,
) -> (Structure, Vec<ElementMetrics>) {
    todo!("structure")
}
