//! Clustering of the undirected view: each node's local clustering coefficient (Watts and
//! Strogatz, "Collective dynamics of 'small-world' networks", Nature 393, 1998), their average,
//! and transitivity, the share of connected triples that are closed (Newman, Strogatz and
//! Watts, Phys. Rev. E 64, 2001), as networkx's `clustering`, `average_clustering` (nodes of
//! degree below 2 count as 0) and `transitivity`.
//!
//! Triangles are counted per node by marking its neighbours and scanning theirs: O(Σ deg(u)²)
//! time, O(V) memory per thread, parallel over nodes.

use rayon::prelude::*;

use super::super::Graph;

/// Local clustering and the two global measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// Per node: closed pairs of neighbours over all pairs of neighbours (0 below degree 2).
    pub local: Vec<f64>,
    /// Mean of `local` over all nodes (0 for an empty graph).
    pub average: f64,
    /// 3 × triangles over connected triples (0 without any triple).
    pub transitivity: f64,
}

/// Triangles through every node.
pub fn triangles(graph: &Graph) -> Vec<u64> {
    let n = graph.node_count();
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![usize::MAX; n],
            |mark, u| {
                for &v in graph.neighbors(u) {
                    mark[v as usize] = u;
                }
                let mut closed = 0u64;
                for &v in graph.neighbors(u) {
                    for &w in graph.neighbors(v as usize) {
                        if mark[w as usize] == u {
                            closed += 1;
                        }
                    }
                }
                // Each triangle u-v-w was seen from v and from w.
                closed / 2
            },
        )
        .collect()
}

/// Local clustering, average clustering and transitivity of the undirected view.
pub fn clustering(graph: &Graph) -> Clustering {
    let n = graph.node_count();
    let tri = triangles(graph);
    let mut triples = 0u64;
    let mut closed = 0u64;
    let local: Vec<f64> = (0..n)
        .map(|u| {
            let d = graph.degree(u) as u64;
            let pairs = d * d.saturating_sub(1) / 2;
            triples += pairs;
            closed += tri[u];
            if pairs == 0 {
                0.0
            } else {
                tri[u] as f64 / pairs as f64
            }
        })
        .collect();
    Clustering {
        average: if n == 0 {
            0.0
        } else {
            local.iter().sum::<f64>() / n as f64
        },
        // Σ per-node triangles is 3 × triangles; Σ per-node pairs is the connected triples.
        transitivity: if triples == 0 {
            0.0
        } else {
            closed as f64 / triples as f64
        },
        local,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triangle_is_fully_clustered() {
        let g = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (0, 2)]);
        let c = clustering(&g);
        assert_eq!(c.local, vec![1.0; 3]);
        assert_eq!((c.average, c.transitivity), (1.0, 1.0));
        assert_eq!(triangles(&g), vec![1, 1, 1]);
    }

    #[test]
    fn a_star_has_no_triangle() {
        let g = Graph::from_undirected_edges(4, &[(0, 1), (0, 2), (0, 3)]);
        let c = clustering(&g);
        assert_eq!((c.average, c.transitivity), (0.0, 0.0));
    }

    #[test]
    fn two_triangles_joined_by_a_bridge() {
        // 0-1-2 and 3-4-5, bridge 2-3. Nodes 0, 1, 4, 5: degree 2, one triangle: 1. Nodes 2, 3:
        // degree 3 (3 pairs), one triangle: 1/3. Average (4 + 2/3)/6 = 7/9. Transitivity: 2
        // triangles × 3 = 6 over triples 4·1 + 2·3 = 10.
        let g = Graph::from_undirected_edges(
            6,
            &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)],
        );
        let c = clustering(&g);
        assert!((c.local[2] - 1.0 / 3.0).abs() < 1e-15);
        assert!((c.average - 7.0 / 9.0).abs() < 1e-15);
        assert!((c.transitivity - 0.6).abs() < 1e-15);
    }

    #[test]
    fn empty_graph() {
        let c = clustering(&Graph::default());
        assert!(c.local.is_empty());
        assert_eq!((c.average, c.transitivity), (0.0, 0.0));
    }
}
