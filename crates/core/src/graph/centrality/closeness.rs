//! Closeness centrality, as networkx's `closeness_centrality` with `wf_improved=True`.
//!
//! For a node u reached by r − 1 other nodes at total distance S:
//! `C(u) = ((r − 1)/S) · ((r − 1)/(n − 1))`, and 0 when nothing reaches it. The second factor is
//! Wasserman and Faust's correction for disconnected graphs (Social Network Analysis, 1994,
//! p. 201); the first is Bavelas's closeness (1950). On the directed view the distances are
//! those *to* u, as networkx. One breadth-first search per node, parallel: O(V·(V + E)).

use rayon::prelude::*;

use super::super::paths::{bfs_into, UNREACHED};
use super::super::View;

/// Closeness of every node of `view`.
pub fn closeness(view: View<'_>) -> Vec<f64> {
    let n = view.node_count();
    // Searching along the backward rows from u gives the distances from every node to u.
    let reverse = view.reversed();
    let sums: Vec<(u64, usize)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![UNREACHED; n], Vec::with_capacity(n)),
            |(dist, queue), u| {
                bfs_into(reverse, u, dist, queue);
                let mut sum = 0u64;
                for &v in queue.iter() {
                    sum += u64::from(dist[v as usize]);
                    dist[v as usize] = UNREACHED;
                }
                (sum, queue.len())
            },
        )
        .collect();
    sums.into_iter()
        .map(|(sum, reached)| closeness_from_sum(n, reached, sum as f64))
        .collect()
}

/// Closeness of a node that `reached - 1` other nodes reach at total distance `distance_sum`,
/// in a graph of `n` nodes.
pub fn closeness_from_sum(n: usize, reached: usize, distance_sum: f64) -> f64 {
    if distance_sum <= 0.0 || n <= 1 {
        return 0.0;
    }
    let others = (reached - 1) as f64;
    (others / distance_sum) * (others / (n - 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;

    #[test]
    fn a_path_of_three() {
        // 0-1-2: the middle has distances 1+1 -> 2/2 = 1; the ends 1+2 -> 2/3.
        let g = Graph::from_undirected_edges(3, &[(0, 1), (1, 2)]);
        let c = closeness(g.view(false));
        assert!((c[1] - 1.0).abs() < 1e-12);
        assert!((c[0] - 2.0 / 3.0).abs() < 1e-12 && (c[2] - c[0]).abs() < 1e-12);
    }

    #[test]
    fn disconnected_nodes_are_scaled_down() {
        // Edge 0-1 and node 2: node 0 reaches one node at distance 1 -> (1/1)·(1/2) = 0.5.
        let g = Graph::from_undirected_edges(3, &[(0, 1)]);
        assert_eq!(closeness(g.view(false)), vec![0.5, 0.5, 0.0]);
    }

    #[test]
    fn directed_closeness_counts_incoming_distances() {
        // 0->1->2: node 2 is reached by 1 (1 step) and 0 (2 steps): (2/3)·(2/2); node 0 by
        // nobody.
        let g = Graph::from_arcs(3, &[(0, 1), (1, 2)]);
        let c = closeness(g.view(true));
        assert_eq!(c[0], 0.0);
        assert!((c[1] - 0.5).abs() < 1e-12);
        assert!((c[2] - 2.0 / 3.0).abs() < 1e-12);
    }
}
