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

/// What all-pairs breadth-first search tells about a graph.
#[derive(Debug, Clone, PartialEq)]
pub struct PathSummary {
    /// Longest shortest path between two connected nodes (0 without any edge).
    pub diameter: usize,
    /// Mean distance over ordered pairs of distinct connected nodes (0 when there is none).
    pub average_path_length: f64,
    /// Ordered pairs of distinct nodes joined by a path.
    pub connected_pairs: u64,
    /// Per node, the sum of distances to the nodes it reaches.
    pub distance_sum: Vec<u64>,
    /// Per node, how many nodes it reaches, itself included.
    pub reached: Vec<usize>,
    /// Per node, its eccentricity within its component.
    pub eccentricity: Vec<usize>,
}

/// Distances between every pair of nodes of the undirected view, summarised.
pub fn path_summary(graph: &Graph) -> PathSummary {
    let n = graph.node_count();
    let view = graph.view(false);
    let per_source: Vec<(u64, usize, usize)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![UNREACHED; n], Vec::with_capacity(n)),
            |(dist, queue), s| {
                bfs_into(view, s, dist, queue);
                let mut sum = 0u64;
                for &v in queue.iter() {
                    sum += u64::from(dist[v as usize]);
                }
                let ecc = queue.last().map_or(0, |&v| dist[v as usize] as usize);
                let reached = queue.len();
                for &v in queue.iter() {
                    dist[v as usize] = UNREACHED;
                }
                (sum, reached, ecc)
            },
        )
        .collect();
    let total: u64 = per_source.iter().map(|p| p.0).sum();
    let connected_pairs: u64 = per_source.iter().map(|p| p.1 as u64 - 1).sum();
    PathSummary {
        diameter: per_source.iter().map(|p| p.2).max().unwrap_or(0),
        average_path_length: if connected_pairs == 0 {
            0.0
        } else {
            total as f64 / connected_pairs as f64
        },
        connected_pairs,
        distance_sum: per_source.iter().map(|p| p.0).collect(),
        reached: per_source.iter().map(|p| p.1).collect(),
        eccentricity: per_source.iter().map(|p| p.2).collect(),
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
        assert_eq!(s.distance_sum, vec![6, 4, 4, 6]);
        assert_eq!(s.eccentricity, vec![3, 2, 2, 3]);
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
        assert_eq!((s.diameter, s.average_path_length, s.connected_pairs), (0, 0.0, 0));
    }
}
