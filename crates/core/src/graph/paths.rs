//! Shortest-path distances in the undirected view: breadth-first search, diameter, average path
//! length, and the distance sums closeness is made of.
//!
//! One breadth-first search per source (Moore, "The shortest path through a maze", 1959),
//! sources spread over threads with rayon: O(V·(V + E)) time, O(V) memory per thread. Pairs in
//! different components have no distance and are left out, so the diameter is the longest
//! shortest path within a component and the average is over connected pairs (for a connected
//! graph both equal networkx's `diameter` and `average_shortest_path_length`).

use rayon::prelude::*;

use super::{Graph, View};

/// Marks a node not reached by a search.
pub const UNREACHED: u32 = u32::MAX;

/// Distances from `source` in `view` (in steps), [`UNREACHED`] where there is no path.
pub fn bfs_distances(view: View<'_>, source: usize) -> Vec<u32> {
    let mut dist = vec![UNREACHED; view.node_count()];
    let mut queue = Vec::with_capacity(view.node_count());
    bfs_into(view, source, &mut dist, &mut queue);
    dist
}

/// Breadth-first search from `source` into reused buffers: `dist` must be all [`UNREACHED`] on
/// entry; on return `queue` holds the reached nodes in order of distance. Resetting `dist` is
/// the caller's (only the nodes in `queue` need it).
pub(crate) fn bfs_into(view: View<'_>, source: usize, dist: &mut [u32], queue: &mut Vec<u32>) {
    queue.clear();
    dist[source] = 0;
    queue.push(source as u32);
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head] as usize;
        head += 1;
        let next = dist[u] + 1;
        for &v in view.forward(u) {
            if dist[v as usize] == UNREACHED {
                dist[v as usize] = next;
                queue.push(v);
            }
        }
    }
}

/// Distances seen from one source by its breadth-first search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceDistances {
    /// The source.
    pub source: usize,
    /// Sum of distances to the nodes it reaches.
    pub distance_sum: u64,
    /// Nodes it reaches, itself included.
    pub reached: usize,
    /// Distance to the farthest node it reaches.
    pub eccentricity: usize,
}

/// Searches from `source` and sums up what it found (buffers as for [`bfs_into`]; `dist` is
/// left all [`UNREACHED`] again).
fn search(
    view: View<'_>,
    source: usize,
    dist: &mut [u32],
    queue: &mut Vec<u32>,
) -> SourceDistances {
    bfs_into(view, source, dist, queue);
    let mut distance_sum = 0u64;
    for &v in queue.iter() {
        distance_sum += u64::from(dist[v as usize]);
    }
    let found = SourceDistances {
        source,
        distance_sum,
        reached: queue.len(),
        eccentricity: queue.last().map_or(0, |&v| dist[v as usize] as usize),
    };
    for &v in queue.iter() {
        dist[v as usize] = UNREACHED;
    }
    found
}

/// What breadth-first searches tell about the distances of the undirected view.
#[derive(Debug, Clone, PartialEq)]
pub struct PathSummary {
    /// Longest shortest path between two connected nodes (0 without any edge). When estimated,
    /// the longest found: a lower bound.
    pub diameter: usize,
    /// Mean distance over ordered pairs of distinct connected nodes (0 when there is none).
    pub average_path_length: f64,
    /// Ordered pairs of distinct nodes joined by a path.
    pub connected_pairs: u64,
    /// Per node, the sum of distances to the nodes it reaches (estimated for nodes that were
    /// not sources of a sample).
    pub distance_sum: Vec<f64>,
    /// Per node, how many nodes it reaches, itself included.
    pub reached: Vec<usize>,
    /// False when estimated from a sample of sources.
    pub exact: bool,
}

/// Distances between every pair of nodes of the undirected view, summarised: one search per
/// node.
pub fn path_summary(graph: &Graph) -> PathSummary {
    let n = graph.node_count();
    let view = graph.view(false);
    let records: Vec<SourceDistances> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![UNREACHED; n], Vec::with_capacity(n)),
            |(dist, queue), s| search(view, s, dist, queue),
        )
        .collect();
    summary_from_sources(n, &records)
}

/// The summary from one record per node of the undirected view, in node order (as Brandes's
/// searches leave them, so that distances need no second pass).
pub fn summary_from_sources(n: usize, records: &[SourceDistances]) -> PathSummary {
    assert_eq!(records.len(), n, "one search per node");
    let total: u64 = records.iter().map(|r| r.distance_sum).sum();
    let connected_pairs: u64 = records.iter().map(|r| r.reached as u64 - 1).sum();
    PathSummary {
        diameter: records.iter().map(|r| r.eccentricity).max().unwrap_or(0),
        average_path_length: ratio(total as f64, connected_pairs as f64),
        connected_pairs,
        distance_sum: records.iter().map(|r| r.distance_sum as f64).collect(),
        reached: records.iter().map(|r| r.reached).collect(),
        exact: true,
    }
}

/// The summary estimated from searches of the undirected view from a sample of sources
/// (Eppstein and Wang, "Fast approximation of centrality", J. Graph Algorithms and Applications
/// 8(1), 2004): a node's mean distance to its component is its mean distance from the sampled
/// sources in that component; the average path length is the sampled sources' mean distance;
/// the diameter is the longest distance found, lengthened by one more search from the far end
/// of the longest (a double sweep), so a lower bound. Nodes in components with no sampled
/// source are searched exactly (such components are small). `to_node_sum` and `to_node_count`
/// are, per node, the distances from and the number of sampled sources other than itself
/// that reach it.
pub fn summary_from_sample(
    graph: &Graph,
    records: &[SourceDistances],
    to_node_sum: &[u64],
    to_node_count: &[u32],
) -> PathSummary {
    let n = graph.node_count();
    let view = graph.view(false);
    let mut size = vec![0usize; n];
    let labels = super::components::component_labels(graph);
    for &c in &labels {
        size[c] += 1;
    }
    let mut distance_sum = vec![0.0; n];
    let mut reached = vec![1usize; n];
    let mut exact = vec![false; n];
    for r in records {
        distance_sum[r.source] = r.distance_sum as f64;
        reached[r.source] = r.reached;
        exact[r.source] = true;
    }
    let unsampled: Vec<usize> = (0..n)
        .filter(|&v| !exact[v] && to_node_count[v] == 0 && size[labels[v]] > 1)
        .collect();
    let searched: Vec<SourceDistances> = unsampled
        .par_iter()
        .map_init(
            || (vec![UNREACHED; n], Vec::new()),
            |(dist, queue), &v| search(view, v, dist, queue),
        )
        .collect();
    for r in &searched {
        distance_sum[r.source] = r.distance_sum as f64;
        reached[r.source] = r.reached;
        exact[r.source] = true;
    }
    for v in 0..n {
        if !exact[v] && to_node_count[v] > 0 {
            let r = size[labels[v]];
            reached[v] = r;
            distance_sum[v] = (r - 1) as f64 * to_node_sum[v] as f64 / f64::from(to_node_count[v]);
        }
    }
    let connected_pairs: u64 = size.iter().map(|&r| (r * r.saturating_sub(1)) as u64).sum();
    let sampled_total: u64 = records.iter().map(|r| r.distance_sum).sum();
    let sampled_pairs: u64 = records.iter().map(|r| r.reached as u64 - 1).sum();
    let mut diameter = 0;
    if let Some(far) = records
        .iter()
        .max_by_key(|r| (r.eccentricity, std::cmp::Reverse(r.source)))
    {
        diameter = far.eccentricity;
        let dist = bfs_distances(view, far.source);
        if let Some(end) = (0..n)
            .filter(|&v| dist[v] != UNREACHED)
            .max_by_key(|&v| dist[v])
        {
            let back = bfs_distances(view, end);
            let longest = back
                .iter()
                .filter(|&&d| d != UNREACHED)
                .max()
                .copied()
                .unwrap_or(0);
            diameter = diameter.max(longest as usize);
        }
    }
    diameter = diameter.max(searched.iter().map(|r| r.eccentricity).max().unwrap_or(0));
    PathSummary {
        diameter,
        average_path_length: ratio(sampled_total as f64, sampled_pairs as f64),
        connected_pairs,
        distance_sum,
        reached,
        exact: false,
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_of_four() {
        // 0-1-2-3: distances 1,1,1, 2,2, 3 over 6 unordered pairs: mean 10/6, diameter 3.
        let g = Graph::from_undirected_edges(4, &[(0, 1), (1, 2), (2, 3)]);
        let s = path_summary(&g);
        assert_eq!(s.diameter, 3);
        assert!((s.average_path_length - 10.0 / 6.0).abs() < 1e-12);
        assert_eq!(s.connected_pairs, 12);
        assert_eq!(s.distance_sum, vec![6.0, 4.0, 4.0, 6.0]);
        assert_eq!(bfs_distances(g.view(false), 3), vec![3, 2, 1, 0]);
    }

    #[test]
    fn a_star_and_a_triangle() {
        // Star centre 0, leaves 1..=3: leaf-leaf pairs are 2 apart: (3*1 + 3*2)/6 = 1.5.
        let star = Graph::from_undirected_edges(4, &[(0, 1), (0, 2), (0, 3)]);
        let s = path_summary(&star);
        assert_eq!(s.diameter, 2);
        assert!((s.average_path_length - 1.5).abs() < 1e-12);
        let triangle = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (0, 2)]);
        let t = path_summary(&triangle);
        assert_eq!((t.diameter, t.average_path_length), (1, 1.0));
    }

    #[test]
    fn disconnected_pairs_are_left_out() {
        // Edge 0-1, path 2-3-4, node 5: pairs (0,1)=1, (2,3)=1, (3,4)=1, (2,4)=2: mean 5/4.
        let g = Graph::from_undirected_edges(6, &[(0, 1), (2, 3), (3, 4)]);
        let s = path_summary(&g);
        assert_eq!(s.diameter, 2);
        assert!((s.average_path_length - 1.25).abs() < 1e-12);
        assert_eq!(s.reached, vec![2, 2, 3, 3, 3, 1]);
        let d = bfs_distances(g.view(true), 0);
        assert_eq!(d[1], 1);
        assert_eq!(d[2], UNREACHED);
    }

    #[test]
    fn empty_and_single_graphs() {
        let s = path_summary(&Graph::from_undirected_edges(0, &[]));
        assert_eq!((s.diameter, s.average_path_length), (0, 0.0));
        let s = path_summary(&Graph::from_undirected_edges(1, &[]));
        assert_eq!(
            (s.diameter, s.average_path_length, s.connected_pairs),
            (0, 0.0, 0)
        );
    }

    #[test]
    fn a_sample_of_every_source_is_exact() {
        let g = Graph::from_undirected_edges(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (1, 4), (4, 5)]);
        let exact = path_summary(&g);
        let records: Vec<SourceDistances> = (0..6)
            .map(|s| {
                let d = bfs_distances(g.view(false), s);
                SourceDistances {
                    source: s,
                    distance_sum: d.iter().map(|&x| u64::from(x)).sum(),
                    reached: 6,
                    eccentricity: *d.iter().max().unwrap() as usize,
                }
            })
            .collect();
        let sums: Vec<u64> = records.iter().map(|r| r.distance_sum).collect();
        let estimate = summary_from_sample(&g, &records, &sums, &[5; 6]);
        assert_eq!(estimate.distance_sum, exact.distance_sum);
        assert_eq!(estimate.reached, exact.reached);
        assert_eq!(estimate.diameter, exact.diameter);
        assert!((estimate.average_path_length - exact.average_path_length).abs() < 1e-12);
        assert!(!estimate.exact);
    }

    #[test]
    fn a_sample_estimates_the_sampled_component_and_searches_the_others() {
        use crate::graph::centrality::betweenness::betweenness_from_sources;
        // Path 0-1-2-3-4 and triangle 5-6-7; sources 0 and 2.
        let g = Graph::from_undirected_edges(
            8,
            &[(0, 1), (1, 2), (2, 3), (3, 4), (5, 6), (6, 7), (5, 7)],
        );
        let b = betweenness_from_sources(g.view(false), &[0, 2]);
        let f = &b.searches;
        let s = summary_from_sample(&g, &f.sources, &f.to_node_sum, &f.to_node_count);
        // Sources are exact: node 0 at 1+2+3+4, node 2 at 2+1+1+2.
        assert_eq!((s.distance_sum[0], s.distance_sum[2]), (10.0, 6.0));
        // Node 1 is 1 from both sources: mean 1 over its 4 others, 4 (exactly 7).
        assert_eq!((s.distance_sum[1], s.reached[1]), (4.0, 5));
        // The triangle had no source: searched exactly.
        assert_eq!((s.distance_sum[6], s.reached[6]), (2.0, 3));
        // Average over the sources' pairs: 16/8; diameter by double sweep from 0: 4.
        assert_eq!((s.average_path_length, s.diameter), (2.0, 4));
        assert_eq!(s.connected_pairs, 5 * 4 + 3 * 2);
    }
}
