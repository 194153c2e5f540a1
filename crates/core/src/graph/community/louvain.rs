//! Louvain community detection (Blondel, Guillaume, Lambiotte and Lefebvre, "Fast unfolding of
//! communities in large networks", J. Stat. Mech. P10008, 2008), following networkx's
//! `louvain_communities`: nodes visited in a seeded random order, each moved to the neighbouring
//! community with the largest modularity gain until no move helps; communities then become the
//! nodes of a smaller weighted graph, and so on while modularity rises by more than a threshold.
//!
//! Roughly O(E) per pass, a few passes per level, few levels. The moves run on one thread so
//! that a seed always gives the same communities; the result is renumbered so that community 0
//! is the largest (ties by smallest node).

use super::super::rng::SplitMix64;
use super::super::Graph;
use super::modularity::modularity;

/// Seed and tuning of Louvain.
#[derive(Debug, Clone, PartialEq)]
pub struct LouvainOptions {
    /// Seed of the node order; the same seed gives the same communities.
    pub seed: u64,
    /// Resolution γ: above 1 favours smaller communities.
    pub resolution: f64,
    /// Stop when a level raises modularity by no more than this.
    pub threshold: f64,
}

impl Default for LouvainOptions {
    fn default() -> Self {
        LouvainOptions {
            seed: 42,
            resolution: 1.0,
            threshold: 1e-7,
        }
    }
}

/// Communities found by Louvain.
#[derive(Debug, Clone, PartialEq)]
pub struct Louvain {
    /// Community of every node (0 is the largest).
    pub labels: Vec<usize>,
    /// Number of communities.
    pub count: usize,
    /// Modularity of the partition (resolution as asked).
    pub modularity: f64,
    /// Levels of aggregation performed.
    pub levels: usize,
    /// The seed used.
    pub seed: u64,
}

impl Louvain {
    /// The members of every community, largest first, each sorted.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.count];
        for (u, &c) in self.labels.iter().enumerate() {
            out[c].push(u);
        }
        out
    }
}

/// Communities of the undirected view by Louvain.
pub fn louvain(graph: &Graph, options: &LouvainOptions) -> Louvain {
    let n = graph.node_count();
    let mut rng = SplitMix64::new(options.seed);
    let mut labels: Vec<usize> = (0..n).collect();
    let mut levels = 0;
    if graph.edge_count() > 0 {
        let mut level = Weighted::from_graph(graph);
        let mut q = level.modularity(&(0..n).collect::<Vec<_>>(), options.resolution);
        while let Some(moved) = level.one_level(options.resolution, &mut rng) {
            levels += 1;
            labels.iter_mut().for_each(|c| *c = moved[*c]);
            let new_q = level.modularity(&moved, options.resolution);
            if new_q - q <= options.threshold {
                break;
            }
            q = new_q;
            level = level.aggregate(&moved);
        }
    }
    let (labels, count) = renumber(&labels);
    Louvain {
        modularity: modularity(graph, &labels, options.resolution),
        labels,
        count,
        levels,
        seed: options.seed,
    }
}

/// Renumbers communities by size, largest first, ties by smallest node.
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let k = labels.iter().copied().max().map_or(0, |c| c + 1);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (u, &c) in labels.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(u);
    }
    let mut used: Vec<usize> = (0..k).filter(|&c| size[c] > 0).collect();
    used.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut new_id = vec![0; k];
    for (i, &c) in used.iter().enumerate() {
        new_id[c] = i;
    }
    (labels.iter().map(|&c| new_id[c]).collect(), used.len())
}

/// A weighted graph of one level: rows without self-loops, loops kept apart.
struct Weighted {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    /// Weight of each node's self-loop (the edges inside the community it stands for).
    self_loop: Vec<f64>,
    /// Σ of a node's edge weights, its self-loop counted twice.
    strength: Vec<f64>,
    /// Total edge weight m.
    total: f64,
}

impl Weighted {
    fn from_graph(graph: &Graph) -> Weighted {
        let n = graph.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::new();
        offsets.push(0);
        for u in 0..n {
            targets.extend_from_slice(graph.neighbors(u));
            offsets.push(targets.len());
        }
        Weighted {
            weights: vec![1.0; targets.len()],
            offsets,
            targets,
            self_loop: vec![0.0; n],
            strength: (0..n).map(|u| graph.degree(u) as f64).collect(),
            total: graph.edge_count() as f64,
        }
    }

    fn len(&self) -> usize {
        self.strength.len()
    }

    fn row(&self, u: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[u]..self.offsets[u + 1];
        self.targets[r.clone()]
            .iter()
            .zip(&self.weights[r])
            .map(|(&v, &w)| (v as usize, w))
    }

    fn modularity(&self, labels: &[usize], resolution: f64) -> f64 {
        let m = self.total;
        let mut inside = vec![0.0; self.len()];
        let mut tot = vec![0.0; self.len()];
        for u in 0..self.len() {
            let c = labels[u];
            tot[c] += self.strength[u];
            inside[c] += self.self_loop[u];
            for (v, w) in self.row(u) {
                if labels[v] == c {
                    inside[c] += w / 2.0;
                }
            }
        }
        inside
            .iter()
            .zip(&tot)
            .map(|(l, d)| l / m - resolution * (d / (2.0 * m)).powi(2))
            .sum()
    }

    /// Moves nodes between communities until no move raises modularity. Returns the community
    /// of every node numbered 0.. in order of first node, or `None` when nothing moved.
    fn one_level(&self, resolution: f64, rng: &mut SplitMix64) -> Option<Vec<usize>> {
        let n = self.len();
        let m = self.total;
        let mut com: Vec<usize> = (0..n).collect();
        let mut stot = self.strength.clone();
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        // Weight from the current node to each neighbouring community, and which were touched.
        let mut to_com = vec![0.0f64; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut improved = false;
        loop {
            let mut moves = 0;
            for &u in &order {
                let own = com[u];
                for (v, w) in self.row(u) {
                    let c = com[v];
                    if to_com[c] == 0.0 {
                        touched.push(c);
                    }
                    to_com[c] += w;
                }
                let k = self.strength[u];
                stot[own] -= k;
                // The gain of leaving `own` plus joining `c`, over m, as networkx computes it.
                let remove_cost = -to_com[own] / m + resolution * (stot[own] * k) / (2.0 * m * m);
                let mut best = own;
                let mut best_gain = 0.0;
                for &c in &touched {
                    let gain =
                        remove_cost + to_com[c] / m - resolution * (stot[c] * k) / (2.0 * m * m);
                    if gain > best_gain {
                        best_gain = gain;
                        best = c;
                    }
                }
                stot[best] += k;
                if best != own {
                    com[u] = best;
                    moves += 1;
                    improved = true;
                }
                for &c in &touched {
                    to_com[c] = 0.0;
                }
                touched.clear();
            }
            if moves == 0 {
                break;
            }
        }
        if !improved {
            return None;
        }
        let mut new_id = vec![usize::MAX; n];
        let mut next = 0;
        for c in com.iter_mut() {
            if new_id[*c] == usize::MAX {
                new_id[*c] = next;
                next += 1;
            }
            *c = new_id[*c];
        }
        Some(com)
    }

    /// The graph whose nodes are the communities of `labels` (numbered 0..k).
    fn aggregate(&self, labels: &[usize]) -> Weighted {
        let k = labels.iter().copied().max().map_or(0, |c| c + 1);
        let mut self_loop = vec![0.0; k];
        let mut strength = vec![0.0; k];
        let mut links: Vec<(u32, u32, f64)> = Vec::with_capacity(self.targets.len());
        for u in 0..self.len() {
            let cu = labels[u];
            self_loop[cu] += self.self_loop[u];
            strength[cu] += self.strength[u];
            for (v, w) in self.row(u) {
                let cv = labels[v];
                if cu == cv {
                    // Each inside edge is seen from both ends.
                    self_loop[cu] += w / 2.0;
                } else {
                    links.push((cu as u32, cv as u32, w));
                }
            }
        }
        links.sort_unstable_by_key(|&(a, b, _)| (a, b));
        let mut offsets = vec![0usize; k + 1];
        let mut targets: Vec<u32> = Vec::new();
        let mut weights: Vec<f64> = Vec::new();
        let mut last: Option<(u32, u32)> = None;
        for (a, b, w) in links {
            if last == Some((a, b)) {
                *weights.last_mut().expect("a previous link") += w;
            } else {
                targets.push(b);
                weights.push(w);
                offsets[a as usize + 1] += 1;
                last = Some((a, b));
            }
        }
        for c in 0..k {
            offsets[c + 1] += offsets[c];
        }
        Weighted {
            offsets,
            targets,
            weights,
            self_loop,
            strength,
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_a_bridge_split_at_the_bridge() {
        // The best split is the two triangles: Q = 6/7 − 1/2 (worked in `modularity`).
        let g = Graph::from_undirected_edges(
            6,
            &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)],
        );
        for seed in 0..10 {
            let l = louvain(
                &g,
                &LouvainOptions {
                    seed,
                    ..LouvainOptions::default()
                },
            );
            assert_eq!(l.count, 2);
            assert_eq!(l.labels, vec![0, 0, 0, 1, 1, 1]);
            assert!((l.modularity - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
        }
    }

    #[test]
    fn isolates_stay_alone_and_largest_comes_first() {
        // Node 0 alone, triangle 1-2-3, edge 4-5 (two components: no gain from merging them).
        let g = Graph::from_undirected_edges(6, &[(1, 2), (2, 3), (1, 3), (4, 5)]);
        let l = louvain(&g, &LouvainOptions::default());
        assert_eq!(l.labels, vec![2, 0, 0, 0, 1, 1]);
        assert_eq!(l.members(), vec![vec![1, 2, 3], vec![4, 5], vec![0]]);
    }

    #[test]
    fn empty_and_edgeless_graphs() {
        let l = louvain(&Graph::default(), &LouvainOptions::default());
        assert_eq!((l.count, l.modularity), (0, 0.0));
        let l = louvain(
            &Graph::from_undirected_edges(3, &[]),
            &LouvainOptions::default(),
        );
        assert_eq!((l.labels, l.count), (vec![0, 1, 2], 3));
    }

    #[test]
    fn the_seed_fixes_the_result() {
        // A ring of 8 cliques of 4, each joined to the next by one edge.
        let mut edges = Vec::new();
        for c in 0..8 {
            let b = 4 * c;
            for i in 0..4 {
                for j in i + 1..4 {
                    edges.push((b + i, b + j));
                }
            }
            edges.push((b + 3, (b + 4) % 32));
        }
        let g = Graph::from_undirected_edges(32, &edges);
        let a = louvain(
            &g,
            &LouvainOptions {
                seed: 3,
                ..LouvainOptions::default()
            },
        );
        let b = louvain(
            &g,
            &LouvainOptions {
                seed: 3,
                ..LouvainOptions::default()
            },
        );
        assert_eq!(a, b);
        assert!(a.modularity > 0.6, "{}", a.modularity);
        assert!((a.modularity - modularity(&g, &a.labels, 1.0)).abs() < 1e-12);
    }
}
