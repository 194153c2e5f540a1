//! PageRank on the directed view (Brin and Page, "The anatomy of a large-scale hypertextual web
//! search engine", 1998), as networkx's `pagerank`: uniform teleportation, the rank of nodes
//! without out-links spread evenly over all nodes, values summing to 1.
//!
//! Power iteration pulling along the in-rows: O(E) per step, parallel over nodes, converging
//! geometrically with ratio `alpha`. (petgraph's `page_rank` costs O(V²) per step; see
//! `PERFORMANCE-NOTES.md`.) An undirected graph is a directed one with arcs both ways.

use rayon::prelude::*;

use super::super::Graph;

/// Damping and stopping.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRankOptions {
    /// Probability of following a link rather than jumping anywhere.
    pub alpha: f64,
    /// Stop when the summed change of all values in one step is below `n × tolerance`.
    pub tolerance: f64,
    /// Stop after this many steps in any case.
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            alpha: 0.85,
            tolerance: 1e-14,
            max_iterations: 10_000,
        }
    }
}

/// PageRank of every node of the directed view (empty for an empty graph).
pub fn pagerank(graph: &Graph, options: &PageRankOptions) -> Vec<f64> {
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let alpha = options.alpha;
    let out_degree: Vec<usize> = (0..n).map(|u| graph.out_neighbors(u).len()).collect();
    let mut x = vec![1.0 / nf; n];
    let mut share = vec![0.0; n];
    let mut next = vec![0.0; n];
    for _ in 0..options.max_iterations {
        let mut dangling = 0.0;
        for u in 0..n {
            if out_degree[u] == 0 {
                dangling += x[u];
                share[u] = 0.0;
            } else {
                share[u] = x[u] / out_degree[u] as f64;
            }
        }
        let base = (alpha * dangling + (1.0 - alpha)) / nf;
        next.par_iter_mut().enumerate().for_each(|(v, out)| {
            let inflow: f64 = graph
                .in_neighbors(v)
                .iter()
                .map(|&u| share[u as usize])
                .sum();
            *out = base + alpha * inflow;
        });
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < nf * options.tolerance {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symmetric_cycle_is_uniform() {
        let g = Graph::from_arcs(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        let p = pagerank(&g, &PageRankOptions::default());
        assert!(p.iter().all(|x| (x - 0.25).abs() < 1e-12));
    }

    #[test]
    fn a_dangling_pair() {
        // 0->1 only. Node 1 is dangling, so its rank is spread over both nodes, and node 0 has
        // no in-link: x0 = 0.15/2 + 0.85·x1/2. With x1 = 1 − x0:
        // x0 = 0.075 + 0.425 − 0.425·x0, so x0 = 0.5/1.425.
        let g = Graph::from_arcs(2, &[(0, 1)]);
        let p = pagerank(&g, &PageRankOptions::default());
        assert!((p[0] - 0.5 / 1.425).abs() < 1e-12);
        assert!((p[0] + p[1] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn isolated_and_empty() {
        let g = Graph::from_arcs(3, &[]);
        assert!(pagerank(&g, &PageRankOptions::default())
            .iter()
            .all(|x| (x - 1.0 / 3.0).abs() < 1e-15));
        assert!(pagerank(&Graph::default(), &PageRankOptions::default()).is_empty());
    }
}
