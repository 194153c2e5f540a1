//! The analysis graph: a compact, index-based view of a network for the algorithms, and the
//! algorithms themselves, one file each.
//!
//! Node `i` is `network.elements[i]`. The undirected view is simple: parallel connections are
//! merged, self-loops and connections to missing elements dropped. The directed view has an arc
//! for each directed connection and arcs both ways for mutual and undirected ones; it is simple
//! too (a repeated arc counts once).
//!
//! The algorithms are written by hand over the compressed rows rather than taken from
//! rustworkx-core or petgraph: on `u32` rows with reused buffers they run faster than the generic
//! versions (see `PERFORMANCE-NOTES.md`), and each one is checked against networkx in
//! `tests/metrics_reference.rs`.
//!
//! ```
//! use caremap_core::graph::{cuts, Graph};
//!
//! // Two triangles joined by the bridge 2-3.
//! let g = Graph::from_undirected_edges(6, &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)]);
//! assert_eq!(cuts::articulation_points(&g), vec![2, 3]);
//! assert_eq!(cuts::bridges(&g), vec![(2, 3)]);
//! ```

pub mod centrality;
pub mod cohesion;
pub mod community;
pub mod components;
pub mod cuts;
pub mod paths;
pub mod rng;

use crate::model::Network;

/// A compact adjacency structure (compressed sparse rows) for the algorithms.
///
/// Three views share the node numbering: the undirected simple view (`neighbors`), and the
/// directed view's successors (`out_neighbors`) and predecessors (`in_neighbors`). Every row is
/// sorted and free of repeats and self-loops.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    n: usize,
    und: Rows,
    out: Rows,
    inc: Rows,
}

/// One view in compressed sparse rows: the row of `u` is `targets[offsets[u]..offsets[u + 1]]`.
#[derive(Debug, Clone, Default)]
struct Rows {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Rows {
    /// Rows of `n` nodes from `(source, target)` pairs: sorted, repeats and self-loops dropped.
    fn build(n: usize, mut pairs: Vec<(u32, u32)>) -> Rows {
        pairs.retain(|&(u, v)| u != v);
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = vec![0usize; n + 1];
        for &(u, _) in &pairs {
            offsets[u as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let targets = pairs.into_iter().map(|(_, v)| v).collect();
        Rows { offsets, targets }
    }

    fn row(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }
}

/// Index of node `i` as stored in the rows.
fn node(i: usize) -> u32 {
    u32::try_from(i).expect("the analysis graph holds fewer than 2^32 nodes")
}

impl Graph {
    /// The analysis graph of `network` (node `i` is `network.elements[i]`).
    pub fn from_network(network: &Network) -> Graph {
        let index = network.element_index();
        let arcs: Vec<(usize, usize, bool)> = network
            .connections
            .iter()
            .filter_map(|c| {
                let u = *index.get(&c.from)?;
                let v = *index.get(&c.to)?;
                Some((u, v, c.is_two_way()))
            })
            .collect();
        Graph::build(network.elements.len(), &arcs)
    }

    /// An undirected graph of `n` nodes from an edge list (for tests and benchmarks).
    pub fn from_undirected_edges(n: usize, edges: &[(usize, usize)]) -> Graph {
        let arcs: Vec<_> = edges.iter().map(|&(u, v)| (u, v, true)).collect();
        Graph::build(n, &arcs)
    }

    /// A directed graph of `n` nodes from an arc list.
    pub fn from_arcs(n: usize, arcs: &[(usize, usize)]) -> Graph {
        let arcs: Vec<_> = arcs.iter().map(|&(u, v)| (u, v, false)).collect();
        Graph::build(n, &arcs)
    }

    /// Builds the three views from `(from, to, two_way)` triples. Panics on a node `>= n`.
    fn build(n: usize, arcs: &[(usize, usize, bool)]) -> Graph {
        let mut und = Vec::with_capacity(arcs.len() * 2);
        let mut out = Vec::with_capacity(arcs.len() * 2);
        for &(u, v, two_way) in arcs {
            assert!(
                u < n && v < n,
                "arc ({u}, {v}) outside a graph of {n} nodes"
            );
            let (u, v) = (node(u), node(v));
            und.push((u, v));
            und.push((v, u));
            out.push((u, v));
            if two_way {
                out.push((v, u));
            }
        }
        let inc = out.iter().map(|&(u, v)| (v, u)).collect();
        Graph {
            n,
            und: Rows::build(n, und),
            out: Rows::build(n, out),
            inc: Rows::build(n, inc),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.n
    }

    /// Number of edges of the undirected simple view.
    pub fn edge_count(&self) -> usize {
        self.und.targets.len() / 2
    }

    /// Number of arcs of the directed view (a two-way link counts as two arcs).
    pub fn arc_count(&self) -> usize {
        self.out.targets.len()
    }

    /// Neighbours of `u` in the undirected simple view, sorted.
    pub fn neighbors(&self, u: usize) -> &[u32] {
        self.und.row(u)
    }

    /// Successors of `u` in the directed view, sorted.
    pub fn out_neighbors(&self, u: usize) -> &[u32] {
        self.out.row(u)
    }

    /// Predecessors of `u` in the directed view, sorted.
    pub fn in_neighbors(&self, u: usize) -> &[u32] {
        self.inc.row(u)
    }

    /// Distinct neighbours of `u` in the undirected view.
    pub fn degree(&self, u: usize) -> usize {
        self.neighbors(u).len()
    }

    /// True when `u` and `v` are linked in the undirected view (binary search, O(log degree)).
    pub fn has_edge(&self, u: usize, v: usize) -> bool {
        u < self.n && v < self.n && self.neighbors(u).binary_search(&node(v)).is_ok()
    }

    /// The edges of the undirected view, each once as `(u, v)` with `u < v`, sorted.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.n).flat_map(move |u| {
            self.neighbors(u)
                .iter()
                .map(|&v| v as usize)
                .filter(move |&v| u < v)
                .map(move |v| (u, v))
        })
    }

    /// The view an algorithm runs on: rows to follow forwards and backwards.
    pub fn view(&self, directed: bool) -> View<'_> {
        View {
            graph: self,
            directed,
            reversed: false,
        }
    }
}

/// The undirected or the directed view of a [`Graph`], for algorithms that run on either.
#[derive(Debug, Clone, Copy)]
pub struct View<'g> {
    graph: &'g Graph,
    directed: bool,
    reversed: bool,
}

impl<'g> View<'g> {
    /// True for the directed view.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The same view with every arc turned round (the undirected view is unchanged).
    pub fn reversed(self) -> View<'g> {
        View {
            reversed: !self.reversed,
            ..self
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.n
    }

    /// Where one can go from `u`: successors, or neighbours in the undirected view.
    pub fn forward(&self, u: usize) -> &'g [u32] {
        match (self.directed, self.reversed) {
            (false, _) => self.graph.neighbors(u),
            (true, false) => self.graph.out_neighbors(u),
            (true, true) => self.graph.in_neighbors(u),
        }
    }

    /// Where one can come to `u` from: predecessors, or neighbours in the undirected view.
    pub fn backward(&self, u: usize) -> &'g [u32] {
        self.reversed().forward(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::status::Direction;

    #[test]
    fn views_merge_parallels_and_drop_loops() {
        // Arcs 0->1, 1->0, 0->1 again, 2->2 (loop), 1->2.
        let g = Graph::from_arcs(3, &[(0, 1), (1, 0), (0, 1), (2, 2), (1, 2)]);
        assert_eq!(g.edge_count(), 2);
        assert_eq!(g.arc_count(), 3);
        assert_eq!(g.neighbors(1), &[0, 2]);
        assert_eq!(g.out_neighbors(0), &[1]);
        assert_eq!(g.in_neighbors(2), &[1]);
        assert_eq!(g.edges().collect::<Vec<_>>(), vec![(0, 1), (1, 2)]);
        assert!(g.has_edge(2, 1) && !g.has_edge(0, 2));
    }

    #[test]
    fn networks_give_two_way_arcs_for_mutual_and_undirected_connections() {
        let mut map = Network::new("t");
        let a = map.add_element("A", "");
        let b = map.add_element("B", "");
        let c = map.add_element("C", "");
        let d = map.add_element("D", "");
        map.connect(&a, &b);
        let bc = map.connect(&b, &c);
        map.connection_mut(&bc).unwrap().direction = Direction::Mutual;
        let cd = map.connect(&c, &d);
        map.connection_mut(&cd).unwrap().direction = Direction::Undirected;
        map.connect(&d, &"missing".into());
        map.connect(&a, &a);
        let g = Graph::from_network(&map);
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.out_neighbors(0), &[1]);
        assert_eq!(g.in_neighbors(0), &[] as &[u32]);
        assert_eq!(g.out_neighbors(2), &[1, 3]);
        assert_eq!(g.in_neighbors(2), &[1, 3]);
        assert_eq!(g.out_neighbors(3), &[2]);
    }

    #[test]
    fn an_empty_graph_has_nothing() {
        let g = Graph::from_network(&Network::new("empty"));
        assert_eq!((g.node_count(), g.edge_count(), g.arc_count()), (0, 0, 0));
        assert_eq!(g.edges().count(), 0);
    }
}
