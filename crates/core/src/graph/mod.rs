//! The analysis graph: a compact, index-based view of a network for the algorithms, and the
//! algorithms themselves, one file each.
//!
//! Node `i` is `network.elements[i]`. The undirected view is simple: parallel connections are
//! merged, self-loops and connections to missing elements dropped. The directed view has an arc
//! for each directed connection and arcs both ways for mutual and undirected ones.

pub mod cuts;

use crate::model::Network;

/// A compact adjacency structure (compressed sparse rows) for the algorithms.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    // Filled in by the graph module's author; the public methods below are the contract.
    _private: (),
}

impl Graph {
    /// The analysis graph of `network` (node `i` is `network.elements[i]`).
    pub fn from_network(_network: &Network) -> Graph {
        todo!("Graph::from_network")
    }

    /// An undirected graph of `n` nodes from an edge list (for tests and benchmarks).
    pub fn from_undirected_edges(_n: usize, _edges: &[(usize, usize)]) -> Graph {
        todo!("Graph::from_undirected_edges")
    }

    /// A directed graph of `n` nodes from an arc list.
    pub fn from_arcs(_n: usize, _arcs: &[(usize, usize)]) -> Graph {
        todo!("Graph::from_arcs")
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        todo!()
    }

    /// Number of edges of the undirected simple view.
    pub fn edge_count(&self) -> usize {
        todo!()
    }

    /// Neighbours of `u` in the undirected simple view, sorted.
    pub fn neighbors(&self, _u: usize) -> &[u32] {
        todo!()
    }

    /// Successors of `u` in the directed view.
    pub fn out_neighbors(&self, _u: usize) -> &[u32] {
        todo!()
    }

    /// Predecessors of `u` in the directed view.
    pub fn in_neighbors(&self, _u: usize) -> &[u32] {
        todo!()
    }
}
