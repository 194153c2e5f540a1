//! Connected components of the undirected view.
//!
//! Breadth-first search from each node not yet reached: O(V + E) time, O(V) memory
//! (Hopcroft and Tarjan, "Efficient algorithms for graph manipulation", CACM 16(6), 1973).

use super::Graph;

/// Connected components of the undirected view, largest first (ties by smallest node), each
/// sorted.
pub fn connected_components(graph: &Graph) -> Vec<Vec<usize>> {
    let n = graph.node_count();
    let mut seen = vec![false; n];
    let mut components = Vec::new();
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut members = vec![start];
        let mut head = 0;
        while head < members.len() {
            let u = members[head];
            head += 1;
            for &v in graph.neighbors(u) {
                let v = v as usize;
                if !seen[v] {
                    seen[v] = true;
                    members.push(v);
                }
            }
        }
        members.sort_unstable();
        components.push(members);
    }
    // Components were found in order of their smallest node, so a stable sort keeps that order
    // among equal sizes.
    components.sort_by_key(|c| std::cmp::Reverse(c.len()));
    components
}

/// The component number of every node: its index in [`connected_components`] (0 is the
/// largest).
pub fn component_labels(graph: &Graph) -> Vec<usize> {
    let mut labels = vec![0; graph.node_count()];
    for (i, members) in connected_components(graph).iter().enumerate() {
        for &u in members {
            labels[u] = i;
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_come_largest_first_with_ties_by_smallest_node() {
        // 0-1, 2 alone, 3-4-5 path, 6-7: sizes 2, 1, 3, 2.
        let g = Graph::from_undirected_edges(8, &[(0, 1), (4, 3), (4, 5), (7, 6)]);
        assert_eq!(
            connected_components(&g),
            vec![vec![3, 4, 5], vec![0, 1], vec![6, 7], vec![2]]
        );
        assert_eq!(component_labels(&g), vec![1, 1, 3, 0, 0, 0, 2, 2]);
    }

    #[test]
    fn the_empty_graph_has_no_component() {
        assert!(connected_components(&Graph::from_undirected_edges(0, &[])).is_empty());
    }
}
