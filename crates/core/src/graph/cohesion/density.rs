//! Density: the linked pairs over the possible pairs. O(1) from the stored counts.

use super::super::Graph;

/// Edges of the undirected view over `n(n − 1)/2` (0 for fewer than two nodes), as networkx's
/// `density` of a `Graph`.
pub fn density(graph: &Graph) -> f64 {
    let n = graph.node_count() as f64;
    if n < 2.0 {
        return 0.0;
    }
    2.0 * graph.edge_count() as f64 / (n * (n - 1.0))
}

/// Arcs of the directed view over `n(n − 1)` (0 for fewer than two nodes), as networkx's
/// `density` of a `DiGraph`.
pub fn directed_density(graph: &Graph) -> f64 {
    let n = graph.node_count() as f64;
    if n < 2.0 {
        return 0.0;
    }
    graph.arc_count() as f64 / (n * (n - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn densities_by_hand() {
        // Triangle: 3 of 3 pairs. Path of 4: 3 of 6 pairs. Empty and one node: 0.
        let t = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (0, 2)]);
        assert_eq!(density(&t), 1.0);
        assert_eq!(directed_density(&t), 1.0);
        let p = Graph::from_undirected_edges(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(density(&p), 0.5);
        // One arc among 3 nodes: 1 of 6 ordered pairs; 1 of 3 unordered.
        let a = Graph::from_arcs(3, &[(0, 1)]);
        assert!((directed_density(&a) - 1.0 / 6.0).abs() < 1e-15);
        assert!((density(&a) - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!(density(&Graph::default()), 0.0);
        assert_eq!(density(&Graph::from_undirected_edges(1, &[])), 0.0);
    }
}
