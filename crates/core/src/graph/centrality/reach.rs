//! Two-step reach: how many nodes are within two steps of each node, itself left out.
//!
//! For each node, mark its neighbours and their neighbours: O(Σ deg(u)²) time, O(V) memory per
//! thread, parallel over nodes. (The "reach" of Borgatti, "Identifying sets of key players in a
//! social network", Computational and Mathematical Organization Theory 12, 2006, with k = 2.)

use rayon::prelude::*;

use super::super::View;

/// Distinct nodes at distance 1 or 2 from each node in `view`.
pub fn two_step_reach(view: View<'_>) -> Vec<usize> {
    let n = view.node_count();
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![usize::MAX; n],
            |stamp, u| {
                stamp[u] = u;
                let mut count = 0;
                for &v in view.forward(u) {
                    let v = v as usize;
                    if stamp[v] != u {
                        stamp[v] = u;
                        count += 1;
                    }
                }
                for &v in view.forward(u) {
                    for &w in view.forward(v as usize) {
                        let w = w as usize;
                        if stamp[w] != u {
                            stamp[w] = u;
                            count += 1;
                        }
                    }
                }
                count
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;

    #[test]
    fn a_path_of_five() {
        // 0-1-2-3-4: node 0 reaches 1, 2; node 2 reaches all four others.
        let g = Graph::from_undirected_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert_eq!(two_step_reach(g.view(false)), vec![2, 3, 4, 3, 2]);
    }

    #[test]
    fn a_triangle_does_not_count_itself() {
        let g = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (0, 2)]);
        assert_eq!(two_step_reach(g.view(false)), vec![2, 2, 2]);
        // Directed cycle 0->1->2->0: each reaches the next two.
        let c = Graph::from_arcs(3, &[(0, 1), (1, 2), (2, 0)]);
        assert_eq!(two_step_reach(c.view(true)), vec![2, 2, 2]);
    }
}
