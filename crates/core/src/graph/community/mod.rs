//! Communities: groups of nodes more linked among themselves than to the rest.

pub mod louvain;
pub mod modularity;
