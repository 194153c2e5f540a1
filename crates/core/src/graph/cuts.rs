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
    cut_search(graph)
        .points
        .into_iter()
        .map(|(u, _)| u)
        .collect()
}

/// Edges `(u, v)` with `u < v` whose removal disconnects their component, sorted.
pub fn bridges(graph: &Graph) -> Vec<(usize, usize)> {
    cut_search(graph).bridges
}

/// Both results of one depth-first search: articulation points and bridges, sorted.
pub fn articulation_points_and_bridges(graph: &Graph) -> (Vec<usize>, Vec<(usize, usize)>) {
    let cuts = cut_search(graph);
    (
        cuts.points.into_iter().map(|(u, _)| u).collect(),
        cuts.bridges,
    )
}

/// Every articulation point with how many nodes it strands: if it left, the nodes of its
/// component that could no longer reach the largest part that remains. Sorted by node; same
/// single search, O(V + E).
pub fn articulation_points_stranding(graph: &Graph) -> Vec<(usize, usize)> {
    cut_search(graph).points
}

const UNSEEN: usize = usize::MAX;

struct Cuts {
    points: Vec<(usize, usize)>,
    bridges: Vec<(usize, usize)>,
}

fn cut_search(graph: &Graph) -> Cuts {
    let n = graph.node_count();
    // Discovery order and low-point of each node; UNSEEN before discovery.
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    // Nodes in each node's search subtree, itself included.
    let mut size = vec![1usize; n];
    // For each node: the children whose subtrees it alone links to the rest, their total size
    // and the largest.
    let mut cut_children = vec![0usize; n];
    let mut cut_sum = vec![0usize; n];
    let mut cut_max = vec![0usize; n];
    let mut points = Vec::new();
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
        let first_point = points.len();
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
                    stack.push((v, u, 0));
                } else if v != parent {
                    // The graph is simple, so skipping the parent node skips exactly the tree
                    // edge we came by.
                    low[u] = low[u].min(disc[v]);
                }
                continue;
            }
            stack.pop();
            if parent == UNSEEN {
                continue;
            }
            low[parent] = low[parent].min(low[u]);
            size[parent] += size[u];
            if low[u] > disc[parent] {
                bridges.push((parent.min(u), parent.max(u)));
            }
            if low[u] >= disc[parent] {
                cut_children[parent] += 1;
                cut_sum[parent] += size[u];
                cut_max[parent] = cut_max[parent].max(size[u]);
                // A non-root node is a cut point from its first such child on; the root from its
                // second.
                let needed = if parent == root { 2 } else { 1 };
                if cut_children[parent] == needed {
                    points.push((parent, 0));
                }
            }
        }
        // The component is complete: the pieces a cut point leaves are its cut children's
        // subtrees and whatever remains beyond them.
        let component = size[root];
        for (u, stranded) in &mut points[first_point..] {
            let rest = component - 1 - cut_sum[*u];
            let largest = cut_max[*u].max(rest);
            *stranded = component - 1 - largest;
        }
    }
    points.sort_unstable();
    bridges.sort_unstable();
    Cuts { points, bridges }
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
        // Without 1, node 0 is cut off from {2, 3}; without 2, node 3 from {0, 1}.
        assert_eq!(articulation_points_stranding(&g), vec![(1, 1), (2, 1)]);
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
        // Without the centre four leaves remain, each alone: three are cut off from the first.
        assert_eq!(articulation_points_stranding(&g), vec![(0, 3)]);
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
        // Removing 4 leaves 3 and 5 apart: one of them is stranded.
        assert_eq!(articulation_points_stranding(&g), vec![(4, 1)]);
        let empty = Graph::from_undirected_edges(0, &[]);
        assert!(articulation_points(&empty).is_empty() && bridges(&empty).is_empty());
    }

    #[test]
    fn stranding_counts_the_pieces_beyond_the_largest() {
        // A hub 0 with a triangle 1-2-3 hanging on it (through 1), a pendant 4, and a path 5-6
        // hanging on it through 5; node 1 is also a cut point holding the triangle's 2 and 3.
        // Without 0: pieces {1,2,3}, {4}, {5,6}: 3 stranded. Without 1: {2,3} apart from
        // {0,4,5,6}: 2. Without 5: {6}: 1.
        let g = Graph::from_undirected_edges(
            7,
            &[(0, 1), (1, 2), (2, 3), (1, 3), (0, 4), (0, 5), (5, 6)],
        );
        assert_eq!(
            articulation_points_stranding(&g),
            vec![(0, 3), (1, 2), (5, 1)]
        );
        // The same from a root that is a leaf: numbering does not matter.
        let h = Graph::from_undirected_edges(
            7,
            &[(6, 5), (5, 4), (4, 3), (3, 2), (2, 1), (1, 0), (0, 6)],
        );
        assert!(articulation_points_stranding(&h).is_empty());
    }

    /// Components left among `keep` nodes (by search), their sizes largest first.
    fn piece_sizes(g: &Graph, keep: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
        let n = g.node_count();
        let mut seen = vec![false; n];
        let mut sizes = Vec::new();
        for s in 0..n {
            if seen[s] || !keep(s, s) {
                continue;
            }
            seen[s] = true;
            let mut stack = vec![s];
            let mut size = 0;
            while let Some(u) = stack.pop() {
                size += 1;
                for &v in g.neighbors(u) {
                    let v = v as usize;
                    if !seen[v] && keep(v, v) && keep(u, v) {
                        seen[v] = true;
                        stack.push(v);
                    }
                }
            }
            sizes.push(size);
        }
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        sizes
    }

    #[test]
    fn cuts_agree_with_removing_each_node_and_edge() {
        let mut rng = crate::graph::rng::SplitMix64::new(11);
        for _ in 0..200 {
            let n = 1 + rng.below(12);
            let m = rng.below(2 * n);
            let edges: Vec<_> = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
            let g = Graph::from_undirected_edges(n, &edges);
            let before = piece_sizes(&g, &|_, _| true).len();
            let mut points = Vec::new();
            for x in 0..n {
                let after = piece_sizes(&g, &|u, v| u != x && v != x);
                // Removing x splits its component into two or more pieces exactly when more
                // components remain than there were.
                if after.len() > before {
                    points.push(x);
                }
            }
            let found = articulation_points_stranding(&g);
            assert_eq!(
                found.iter().map(|p| p.0).collect::<Vec<_>>(),
                points,
                "{edges:?}"
            );
            for &(x, stranded) in &found {
                // Pieces of x's component without x: the stranded are all but the largest.
                let comp = components_of(&g, x);
                let pieces = piece_sizes(&g, &|u, v| {
                    u != x && v != x && comp.contains(&u) && comp.contains(&v)
                });
                assert_eq!(stranded, pieces.iter().skip(1).sum::<usize>(), "{edges:?}");
            }
            let mut cut_edges = Vec::new();
            for (a, b) in g.edges() {
                let after = piece_sizes(&g, &|u, v| !((u, v) == (a, b) || (u, v) == (b, a)));
                if after.len() > before {
                    cut_edges.push((a, b));
                }
            }
            assert_eq!(bridges(&g), cut_edges, "{edges:?}");
        }
    }

    fn components_of(g: &Graph, x: usize) -> Vec<usize> {
        connected_components(g)
            .into_iter()
            .find(|c| c.contains(&x))
            .unwrap_or_default()
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
