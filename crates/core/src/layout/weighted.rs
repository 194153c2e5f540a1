//! The graph a layout pulls on: undirected, simple, with a weight per edge.

use crate::graph::Graph;
use crate::model::Network;

/// An undirected weighted graph in compressed sparse rows. Node `i` is `network.elements[i]`;
/// parallel connections are merged (their weights add up), self-loops and connections to
/// missing elements dropped.
#[derive(Debug, Clone, Default)]
pub struct LayoutGraph {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl LayoutGraph {
    /// The layout graph of `network`; a connection weighs its `weight`, or 1 when it has none
    /// or it is not a positive number.
    pub fn from_network(network: &Network) -> Self {
        let index = network.element_index();
        let edges: Vec<(usize, usize, f64)> = network
            .connections
            .iter()
            .filter_map(|c| {
                let w = c
                    .weight
                    .filter(|w| w.is_finite() && *w > 0.0)
                    .unwrap_or(1.0);
                Some((*index.get(&c.from)?, *index.get(&c.to)?, w))
            })
            .collect();
        LayoutGraph::from_weighted_edges(network.elements.len(), &edges)
    }

    /// The analysis graph's undirected view, every edge weighing 1.
    pub fn from_graph(graph: &Graph) -> Self {
        let edges: Vec<(usize, usize, f64)> = (0..graph.node_count())
            .flat_map(|u| {
                graph
                    .neighbors(u)
                    .iter()
                    .filter(move |&&v| (v as usize) > u)
                    .map(move |&v| (u, v as usize, 1.0))
            })
            .collect();
        LayoutGraph::from_weighted_edges(graph.node_count(), &edges)
    }

    /// `n` nodes and these edges, each weighing 1.
    pub fn from_edges(n: usize, edges: &[(usize, usize)]) -> Self {
        let edges: Vec<_> = edges.iter().map(|&(u, v)| (u, v, 1.0)).collect();
        LayoutGraph::from_weighted_edges(n, &edges)
    }

    /// `n` nodes and these weighted edges. Panics on a node `>= n`.
    pub fn from_weighted_edges(n: usize, edges: &[(usize, usize, f64)]) -> Self {
        let mut arcs: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len() * 2);
        for &(u, v, w) in edges {
            assert!(
                u < n && v < n,
                "edge ({u}, {v}) outside a graph of {n} nodes"
            );
            if u != v {
                arcs.push((u as u32, v as u32, w));
                arcs.push((v as u32, u as u32, w));
            }
        }
        arcs.sort_unstable_by_key(|&(u, v, _)| (u, v));
        let mut offsets = vec![0usize; n + 1];
        let mut targets = Vec::with_capacity(arcs.len());
        let mut weights: Vec<f64> = Vec::with_capacity(arcs.len());
        let mut last = None;
        for (u, v, w) in arcs {
            if last == Some((u, v)) {
                *weights.last_mut().expect("a previous arc") += w;
                continue;
            }
            last = Some((u, v));
            offsets[u as usize + 1] += 1;
            targets.push(v);
            weights.push(w);
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        LayoutGraph {
            offsets,
            targets,
            weights,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of edges (after merging parallel ones).
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Neighbours of `u`, sorted, with the weight of each edge.
    pub fn neighbors(&self, u: usize) -> (&[u32], &[f64]) {
        let range = self.offsets[u]..self.offsets[u + 1];
        (&self.targets[range.clone()], &self.weights[range])
    }

    /// The same graph with its nodes renumbered: new node `k` is old node `order[k]`. Each
    /// node's neighbours keep their order (so they are no longer sorted), so that sums over
    /// them give the same bits. `order` must be a permutation of the nodes.
    pub(crate) fn permuted(&self, order: &[u32]) -> LayoutGraph {
        let n = self.node_count();
        assert_eq!(order.len(), n, "a permutation of the nodes");
        let mut rank = vec![0u32; n];
        for (k, &old) in order.iter().enumerate() {
            rank[old as usize] = k as u32;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut targets = Vec::with_capacity(self.targets.len());
        let mut weights = Vec::with_capacity(self.weights.len());
        for &old in order {
            let (t, w) = self.neighbors(old as usize);
            targets.extend(t.iter().map(|&v| rank[v as usize]));
            weights.extend_from_slice(w);
            offsets.push(targets.len());
        }
        LayoutGraph {
            offsets,
            targets,
            weights,
        }
    }

    /// The neighbours of every node, one after the other (node `u`'s start at
    /// [`LayoutGraph::first_arc`]`(u)`).
    pub(crate) fn all_targets(&self) -> &[u32] {
        &self.targets
    }

    /// Where `u`'s neighbours start in [`LayoutGraph::all_targets`].
    pub(crate) fn first_arc(&self, u: usize) -> usize {
        self.offsets[u]
    }

    /// Sum of the weights of `u`'s edges.
    pub fn weighted_degree(&self, u: usize) -> f64 {
        self.neighbors(u).1.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_edges_merge_and_loops_drop() {
        let g = LayoutGraph::from_weighted_edges(3, &[(0, 1, 1.0), (1, 0, 2.0), (2, 2, 1.0)]);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.neighbors(0), (&[1u32][..], &[3.0][..]));
        assert_eq!(g.weighted_degree(2), 0.0);
        assert_eq!(LayoutGraph::from_edges(0, &[]).node_count(), 0);
    }

    #[test]
    fn permuting_renumbers_and_keeps_neighbour_order() {
        let g = LayoutGraph::from_weighted_edges(3, &[(0, 1, 1.0), (0, 2, 2.0)]);
        let p = g.permuted(&[2, 0, 1]);
        assert_eq!(p.neighbors(1), (&[2u32, 0][..], &[1.0, 2.0][..]));
        assert_eq!(p.neighbors(0), (&[1u32][..], &[2.0][..]));
        assert_eq!(p.weighted_degree(2), 1.0);
    }
}
