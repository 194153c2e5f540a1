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

use rayon::prelude::*;

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
    ///
    /// Counting sort rather than a comparison sort of the pairs: count each row, lay the rows
    /// out by prefix sums, scatter the targets, then sort and deduplicate the (short) rows in
    /// parallel. O(m) plus the row sorts.
    fn from_pairs(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Rows {
        let mut offsets = vec![0usize; n + 1];
        for (u, v) in pairs.clone() {
            if u != v {
                offsets[u as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut targets = vec![0u32; offsets[n]];
        for (u, v) in pairs {
            if u != v {
                let at = &mut next[u as usize];
                targets[*at] = v;
                *at += 1;
            }
        }
        drop(next);
        let lens: Vec<usize> = split_rows(&mut targets, &offsets)
            .into_par_iter()
            .with_min_len(256)
            .map(|row| {
                row.sort_unstable();
                let mut kept = 0;
                for i in 0..row.len() {
                    if kept == 0 || row[i] != row[kept - 1] {
                        row[kept] = row[i];
                        kept += 1;
                    }
                }
                kept
            })
            .collect();
        let mut rows = Rows { offsets, targets };
        rows.compact(&lens);
        rows
    }

    /// Keeps the first `lens[u]` targets of each row `u`, closing the gaps.
    fn compact(&mut self, lens: &[usize]) {
        let n = lens.len();
        if (0..n).all(|u| self.offsets[u] + lens[u] == self.offsets[u + 1]) {
            return;
        }
        let mut write = 0;
        for (u, &len) in lens.iter().enumerate() {
            let start = self.offsets[u];
            self.targets.copy_within(start..start + len, write);
            self.offsets[u] = write;
            write += len;
        }
        self.offsets[n] = write;
        self.targets.truncate(write);
    }

    /// The rows turned round: `v` is in row `u` of the result when `u` is in row `v` here.
    /// Rows come out sorted because the rows here are read in order.
    fn transpose(&self) -> Rows {
        let n = self.offsets.len().saturating_sub(1);
        let mut offsets = vec![0usize; n + 1];
        for &v in &self.targets {
            offsets[v as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut targets = vec![0u32; self.targets.len()];
        for u in 0..n {
            for &v in self.row(u) {
                let at = &mut next[v as usize];
                targets[*at] = node(u);
                *at += 1;
            }
        }
        Rows { offsets, targets }
    }

    /// Row by row, the sorted union of the rows of `a` and `b` (same node count).
    fn union(a: &Rows, b: &Rows) -> Rows {
        let n = a.offsets.len().saturating_sub(1);
        let merge = |u: usize, out: Option<&mut [u32]>| -> usize {
            let (x, y) = (a.row(u), b.row(u));
            let (mut i, mut j, mut k) = (0, 0, 0);
            let mut out = out;
            while i < x.len() || j < y.len() {
                let next = if j == y.len() || (i < x.len() && x[i] < y[j]) {
                    i += 1;
                    x[i - 1]
                } else if i == x.len() || y[j] < x[i] {
                    j += 1;
                    y[j - 1]
                } else {
                    i += 1;
                    j += 1;
                    x[i - 1]
                };
                if let Some(out) = out.as_deref_mut() {
                    out[k] = next;
                }
                k += 1;
            }
            k
        };
        let lens: Vec<usize> = (0..n)
            .into_par_iter()
            .with_min_len(256)
            .map(|u| merge(u, None))
            .collect();
        let mut offsets = vec![0usize; n + 1];
        for u in 0..n {
            offsets[u + 1] = offsets[u] + lens[u];
        }
        let mut targets = vec![0u32; offsets[n]];
        split_rows(&mut targets, &offsets)
            .into_par_iter()
            .enumerate()
            .with_min_len(256)
            .for_each(|(u, row)| {
                merge(u, Some(row));
            });
        Rows { offsets, targets }
    }

    fn row(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }
}

/// `targets` cut into its rows, as mutable slices.
fn split_rows<'a>(targets: &'a mut [u32], offsets: &[usize]) -> Vec<&'a mut [u32]> {
    let mut rows = Vec::with_capacity(offsets.len().saturating_sub(1));
    let mut rest = targets;
    for w in offsets.windows(2) {
        let (row, tail) = rest.split_at_mut(w[1] - w[0]);
        rows.push(row);
        rest = tail;
    }
    rows
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
    ///
    /// Only the directed view is sorted (counting sort, rows in parallel); the predecessors
    /// are its transpose, and the undirected view the row-by-row union of the two (or a copy of
    /// the directed view when every arc is two-way).
    fn build(n: usize, arcs: &[(usize, usize, bool)]) -> Graph {
        for &(u, v, _) in arcs {
            assert!(
                u < n && v < n,
                "arc ({u}, {v}) outside a graph of {n} nodes"
            );
        }
        let pairs = arcs.iter().flat_map(|&(u, v, two_way)| {
            let (u, v) = (node(u), node(v));
            std::iter::once((u, v)).chain(two_way.then_some((v, u)))
        });
        let out = Rows::from_pairs(n, pairs);
        let all_two_way = arcs.iter().all(|&(_, _, two_way)| two_way);
        let (inc, und) = if all_two_way {
            (out.clone(), out.clone())
        } else {
            let inc = out.transpose();
            let und = Rows::union(&out, &inc);
            (inc, und)
        };
        Graph { n, und, out, inc }
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
    fn counting_sort_rows_match_sorted_pairs() {
        // Against the plain definition: sort the pairs, drop repeats and loops.
        fn naive(n: usize, mut pairs: Vec<(u32, u32)>) -> Vec<Vec<u32>> {
            pairs.retain(|&(u, v)| u != v);
            pairs.sort_unstable();
            pairs.dedup();
            let mut rows = vec![Vec::new(); n];
            for (u, v) in pairs {
                rows[u as usize].push(v);
            }
            rows
        }
        let mut rng = crate::graph::rng::SplitMix64::new(3);
        for round in 0..60 {
            let n = 1 + rng.below(40);
            let m = rng.below(4 * n);
            let arcs: Vec<(usize, usize, bool)> = (0..m)
                .map(|_| {
                    (
                        rng.below(n),
                        rng.below(n),
                        round % 3 == 0 || rng.below(3) == 0,
                    )
                })
                .collect();
            let g = Graph::build(n, &arcs);
            let mut out = Vec::new();
            let mut und = Vec::new();
            for &(u, v, two_way) in &arcs {
                let (u, v) = (node(u), node(v));
                out.push((u, v));
                if two_way {
                    out.push((v, u));
                }
                und.push((u, v));
                und.push((v, u));
            }
            let inc: Vec<_> = out.iter().map(|&(u, v)| (v, u)).collect();
            let (out, inc, und) = (naive(n, out), naive(n, inc), naive(n, und));
            for u in 0..n {
                assert_eq!(g.out_neighbors(u), &out[u][..], "round {round} out {u}");
                assert_eq!(g.in_neighbors(u), &inc[u][..], "round {round} in {u}");
                assert_eq!(g.neighbors(u), &und[u][..], "round {round} und {u}");
            }
        }
    }

    #[test]
    fn an_empty_graph_has_nothing() {
        let g = Graph::from_network(&Network::new("empty"));
        assert_eq!((g.node_count(), g.edge_count(), g.arc_count()), (0, 0, 0));
        assert_eq!(g.edges().count(), 0);
    }
}
