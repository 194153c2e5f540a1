//! Articulation points and bridges of the undirected view: the elements and the links whose
//! loss would split a component.
//!
//! One depth-first search with low-points (Tarjan, "Depth-first search and linear graph
//! algorithms", SIAM J. Computing 1(2), 1972; Hopcroft and Tarjan, CACM 16(6), 1973): O(V + E)
//! time, O(V) memory. The search keeps its own stack, so a long chain of elements cannot
//! overflow the thread's stack.

use super::Graph;

pub use super::components::connected_components;

/// Nodes whose removal disconnects their component, sorted.
pub fn articulation_points(graph: &Graph) -> Vec<usize> {
    let (points, _) = cut_search(graph);
    points
}

/// Edges `(u, v)` with `u < v` whose removal disconnects their component, sorted.
pub fn bridges(graph: &Graph) -> Vec<(usize, usize)> {
    let (_, bridges) = cut_search(graph);
    bridges
}

/// Both results of one depth-first search: articulation points and bridges, sorted.
pub fn articulation_points_and_bridges(graph: &Graph) -> (Vec<usize>, Vec<(usize, usize)>) {
    cut_search(graph)
}

const UNSEEN: usize = usize::MAX;

fn cut_search(graph: &Graph) -> (Vec<usize>, Vec<(usize, usize)>) {
    let n = graph.node_count();
    // Discovery order and low-point of each node; UNSEEN before discovery.
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut is_point = vec![false; n];
    let mut bridges = Vec::new();
    // Frames of the search: (node, its parent or UNSEEN, next neighbour position).
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    let mut time = 0;
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0;
        stack.push((root, UNSEEN, 0));
        while let Some(frame) = stack.last_mut() {
            let (u, parent, pos) = *frame;
            if let Some(&v) = graph.neighbors(u).get(pos) {
                frame.2 += 1;
                let v = v as usize;
                if disc[v] == UNSEEN {
                    disc[v] = time;
                    low[v] = time;
                    time += 1;
                    if u == root {
                        root_children += 1;
                    }
                    stack.push((v, u, 0));
                } else if v != parent {
                    // The graph is simple, so skipping the parent node skips exactly the tree
                    // edge we came by.
                    low[u] = low[u].min(disc[v]);
                }
                continue;
            }
            stack.pop();
            if parent != UNSEEN {
                low[parent] = low[parent].min(low[u]);
                if low[u] > disc[parent] {
                    bridges.push((parent.min(u), parent.max(u)));
                }
                if parent != root && low[u] >= disc[parent] {
                    is_point[parent] = true;
                }
            }
        }
        if root_children > 1 {
            is_point[root] = true;
        }
    }
    bridges.sort_unstable();
    let points = (0..n).filter(|&u| is_point[u]).collect();
    (points, bridges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_all_cuts() {
        // 0-1-2-3: the inner nodes 1 and 2 cut it, and every edge is a bridge.
        let g = Graph::from_undirected_edges(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(articulation_points(&g), vec![1, 2]);
        assert_eq!(bridges(&g), vec![(0, 1), (1, 2), (2, 3)]);
    }

    #[test]
    fn a_triangle_has_no_cut() {
        let g = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (2, 0)]);
        assert!(articulation_points(&g).is_empty());
        assert!(bridges(&g).is_empty());
    }

    #[test]
    fn a_star_is_cut_at_its_centre() {
        // Centre 0 with leaves 1..=4: removing 0 leaves four isolated nodes.
        let g = Graph::from_undirected_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert_eq!(articulation_points(&g), vec![0]);
        assert_eq!(bridges(&g).len(), 4);
    }

    #[test]
    fn two_triangles_joined_by_a_bridge() {
        // 0-1-2 and 3-4-5 joined by 2-3: both ends of the bridge are cut points.
        let g = Graph::from_undirected_edges(
            6,
            &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)],
        );
        assert_eq!(
            articulation_points_and_bridges(&g),
            (vec![2, 3], vec![(2, 3)])
        );
    }

    #[test]
    fn disconnected_and_empty_graphs() {
        // Edge 0-1, node 2 alone, path 3-4-5: one cut point (4), three bridges.
        let g = Graph::from_undirected_edges(6, &[(0, 1), (3, 4), (4, 5)]);
        assert_eq!(articulation_points(&g), vec![4]);
        assert_eq!(bridges(&g), vec![(0, 1), (3, 4), (4, 5)]);
        let empty = Graph::from_undirected_edges(0, &[]);
        assert!(articulation_points(&empty).is_empty() && bridges(&empty).is_empty());
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<_> = (1..n).map(|i| (i - 1, i)).collect();
        let g = Graph::from_undirected_edges(n, &edges);
        assert_eq!(articulation_points(&g).len(), n - 2);
        assert_eq!(bridges(&g).len(), n - 1);
    }
}
