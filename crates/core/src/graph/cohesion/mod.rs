//! Cohesion: how tightly knit the network is, as a whole and around each node.

pub mod clustering;
pub mod core_number;
pub mod density;
