//! Core numbers of the undirected view: the largest k such that a node belongs to a subgraph
//! where every node has at least k neighbours (Seidman, "Network structure and minimum degree",
//! Social Networks 5, 1983), as networkx's `core_number`.
//!
//! Batagelj and Zaversnik's bucket algorithm ("An O(m) algorithm for cores decomposition of
//! networks", 2003): nodes kept sorted by current degree in one array, the smallest peeled
//! first. O(V + E) time and memory.

use super::super::Graph;

/// The core number of every node.
pub fn core_number(graph: &Graph) -> Vec<usize> {
    let n = graph.node_count();
    let mut deg: Vec<usize> = (0..n).map(|u| graph.degree(u)).collect();
    let max_deg = deg.iter().copied().max().unwrap_or(0);
    // bin[d] is where the nodes of degree d start in `order`.
    let mut bin = vec![0usize; max_deg + 2];
    for &d in &deg {
        bin[d + 1] += 1;
    }
    for d in 0..=max_deg {
        bin[d + 1] += bin[d];
    }
    let mut pos = vec![0usize; n];
    let mut order = vec![0usize; n];
    {
        let mut next = bin.clone();
        for u in 0..n {
            pos[u] = next[deg[u]];
            order[pos[u]] = u;
            next[deg[u]] += 1;
        }
    }
    for i in 0..n {
        let u = order[i];
        for &v in graph.neighbors(u) {
            let v = v as usize;
            if deg[v] > deg[u] {
                // Move v to the front of its bin, then shrink the bin past it.
                let dv = deg[v];
                let front = bin[dv];
                let w = order[front];
                if w != v {
                    order.swap(front, pos[v]);
                    pos[w] = pos[v];
                    pos[v] = front;
                }
                bin[dv] += 1;
                deg[v] -= 1;
            }
        }
    }
    deg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triangle_with_a_tail() {
        // Triangle 0-1-2 with tail 2-3-4 and node 5 alone: the triangle is the 2-core, the
        // tail is 1-core, the lone node 0-core.
        let g = Graph::from_undirected_edges(6, &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4)]);
        assert_eq!(core_number(&g), vec![2, 2, 2, 1, 1, 0]);
    }

    #[test]
    fn a_clique_of_four_and_a_star() {
        // K4 on 0..=3: 3-core. Star centre 4, leaves 5, 6: 1-core, centre included.
        let g = Graph::from_undirected_edges(
            7,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 2),
                (1, 3),
                (2, 3),
                (4, 5),
                (4, 6),
            ],
        );
        assert_eq!(core_number(&g), vec![3, 3, 3, 3, 1, 1, 1]);
        assert!(core_number(&Graph::default()).is_empty());
    }
}
