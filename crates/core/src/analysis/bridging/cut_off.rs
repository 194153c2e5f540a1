//! What an articulation point's leaving cuts off: how many elements and into how many parts.
//!
//! One depth-first search with low-points and subtree sizes (Tarjan, SIAM J. Computing 1(2),
//! 1972): O(V + E). Removing a node `v` leaves, in its component, one part per DFS child `c` with
//! `low[c] >= disc[v]` (the subtree of `c`), plus the rest of the component (the part holding
//! `v`'s parent), empty for the root.

use crate::graph::Graph;

const UNSEEN: usize = usize::MAX;

/// For every node: (elements outside the largest remaining part, number of parts) if it left.
pub(super) fn splits(graph: &Graph) -> Vec<(usize, usize)> {
    let n = graph.node_count();
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut size = vec![1usize; n];
    // Per node: sizes of the parts below it that its leaving would separate.
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut out = vec![(0, 0); n];
    let mut time = 0;
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut component = vec![root];
        let mut stack = vec![(root, UNSEEN, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (u, parent) = (top.0, top.1);
            let row = graph.neighbors(u);
            if top.2 < row.len() {
                let v = row[top.2] as usize;
                top.2 += 1;
                if disc[v] == UNSEEN {
                    disc[v] = time;
                    low[v] = time;
                    time += 1;
                    component.push(v);
                    stack.push((v, u, 0));
                } else if v != parent {
                    low[u] = low[u].min(disc[v]);
                }
                continue;
            }
            stack.pop();
            if parent != UNSEEN {
                low[parent] = low[parent].min(low[u]);
                size[parent] += size[u];
                if low[u] >= disc[parent] {
                    below[parent].push(size[u]);
                }
            }
        }
        let rest_of = component.len() - 1;
        for &v in &component {
            let parts = &below[v];
            let separated: usize = parts.iter().sum();
            let rest = rest_of - separated;
            let count = parts.len() + usize::from(rest > 0);
            if count < 2 {
                continue;
            }
            let largest = parts.iter().copied().max().unwrap_or(0).max(rest);
            out[v] = (rest_of - largest, count);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_centre_cuts_off_all_but_one_leaf() {
        // Centre 0 with leaves 1, 2, 3: leaving splits into three parts of 1; 2 cut off.
        let g = Graph::from_undirected_edges(4, &[(0, 1), (0, 2), (0, 3)]);
        let s = splits(&g);
        assert_eq!(s[0], (2, 3));
        assert_eq!(s[1], (0, 0));
    }

    #[test]
    fn a_chain_and_two_triangles() {
        // Path 0-1-2-3-4: node 1 cuts off 1 (node 0), node 2 cuts off 2 (parts of 2 and 2).
        let g = Graph::from_undirected_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let s = splits(&g);
        assert_eq!((s[1], s[2], s[3]), ((1, 2), (2, 2), (1, 2)));
        // Triangles 0-1-2 and 3-4-5 joined by 2-3, and a lone node 6: leaving 2 leaves {0, 1}
        // and {3, 4, 5}, so 2 are cut off; the same for 3.
        let edges = [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)];
        let s = splits(&Graph::from_undirected_edges(7, &edges));
        assert_eq!((s[2], s[3], s[0], s[6]), ((2, 2), (2, 2), (0, 0), (0, 0)));
    }
}
