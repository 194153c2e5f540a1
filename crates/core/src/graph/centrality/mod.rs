//! Centrality: how much each node matters to the flow and reach of the network.

pub mod betweenness;
pub mod closeness;
pub mod degree;
pub mod eigenvector;
pub mod pagerank;
pub mod reach;
