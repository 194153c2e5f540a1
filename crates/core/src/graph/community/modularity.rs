//! Modularity of a partition of the undirected view (Newman and Girvan, "Finding and evaluating
//! community structure in networks", Phys. Rev. E 69, 2004), as networkx's `modularity`:
//! `Q = Σ_c [ L_c/m − γ·(d_c/2m)² ]`, with `L_c` the edges inside community c, `d_c` the sum of
//! its degrees, `m` the edges and γ the resolution. O(V + E).

use super::super::Graph;

/// Modularity of the partition that puts node `u` in community `labels[u]` (any numbering);
/// 0 for a graph without edges.
pub fn modularity(graph: &Graph, labels: &[usize], resolution: f64) -> f64 {
    let n = graph.node_count();
    assert_eq!(labels.len(), n, "one label per node");
    let m = graph.edge_count() as f64;
    if m == 0.0 {
        return 0.0;
    }
    let k = labels.iter().copied().max().map_or(0, |c| c + 1);
    let mut inside = vec![0.0f64; k];
    let mut degree_sum = vec![0.0f64; k];
    for u in 0..n {
        let c = labels[u];
        degree_sum[c] += graph.degree(u) as f64;
        for &v in graph.neighbors(u) {
            if labels[v as usize] == c {
                // Seen from both ends.
                inside[c] += 0.5;
            }
        }
    }
    inside
        .iter()
        .zip(&degree_sum)
        .map(|(l, d)| l / m - resolution * (d / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_a_bridge() {
        // m = 7. Each triangle: L = 3, d = 2+2+3 = 7. Q = 2·(3/7 − (7/14)²) = 6/7 − 1/2.
        let g = Graph::from_undirected_edges(
            6,
            &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)],
        );
        let q = modularity(&g, &[0, 0, 0, 1, 1, 1], 1.0);
        assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-15);
        // Everything in one community: 1 − 1 = 0.
        assert!(modularity(&g, &[4; 6], 1.0).abs() < 1e-15);
        assert_eq!(
            modularity(&Graph::from_undirected_edges(2, &[]), &[0, 1], 1.0),
            0.0
        );
    }
}
