//! Articulation points and bridges of the undirected view.

use super::Graph;

/// Nodes whose removal disconnects their component, sorted.
pub fn articulation_points(_graph: &Graph) -> Vec<usize> {
    todo!("articulation_points")
}

/// Edges `(u, v)` with `u < v` whose removal disconnects their component, sorted.
pub fn bridges(_graph: &Graph) -> Vec<(usize, usize)> {
    todo!("bridges")
}

/// Connected components of the undirected view, largest first (ties by smallest node), each
/// sorted.
pub fn connected_components(_graph: &Graph) -> Vec<Vec<usize>> {
    todo!("connected_components")
}
