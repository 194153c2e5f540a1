//! Degrees: distinct neighbours in the undirected view, successors and predecessors in the
//! directed view. O(V) time: the rows are already deduplicated.

use super::super::Graph;

/// Distinct neighbours of every node (the undirected view).
pub fn degree(graph: &Graph) -> Vec<usize> {
    (0..graph.node_count()).map(|u| graph.degree(u)).collect()
}

/// Distinct successors of every node (the directed view).
pub fn out_degree(graph: &Graph) -> Vec<usize> {
    (0..graph.node_count())
        .map(|u| graph.out_neighbors(u).len())
        .collect()
}

/// Distinct predecessors of every node (the directed view).
pub fn in_degree(graph: &Graph) -> Vec<usize> {
    (0..graph.node_count())
        .map(|u| graph.in_neighbors(u).len())
        .collect()
}

/// Degree over the most possible, `n - 1` (networkx's `degree_centrality`); 1 for the node of a
/// one-node graph, as networkx.
pub fn degree_centrality(graph: &Graph) -> Vec<f64> {
    let n = graph.node_count();
    if n <= 1 {
        return vec![1.0; n];
    }
    let scale = 1.0 / (n - 1) as f64;
    (0..n).map(|u| graph.degree(u) as f64 * scale).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_with_a_two_way_arm() {
        // Arcs 0->1, 0->2, 3->0 and 0<->4 (both ways): node 0 has 4 neighbours, 3 successors
        // (1, 2, 4) and 2 predecessors (3, 4).
        let g = Graph::from_arcs(5, &[(0, 1), (0, 2), (3, 0), (0, 4), (4, 0)]);
        assert_eq!(degree(&g), vec![4, 1, 1, 1, 1]);
        assert_eq!(out_degree(&g), vec![3, 0, 0, 1, 1]);
        assert_eq!(in_degree(&g), vec![2, 1, 1, 0, 1]);
        assert_eq!(degree_centrality(&g), vec![1.0, 0.25, 0.25, 0.25, 0.25]);
    }
}
