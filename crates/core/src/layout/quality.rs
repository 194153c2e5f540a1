//! How well a layout shows a network's communities, in measures that ignore scale and rotation,
//! so layouts from different programs compare directly.
//!
//! - [`community_distance_ratio`]: mean distance between two elements of the same community
//!   over mean distance between two of different communities, on seeded random pairs. 1 is no
//!   better than random; lower is better.
//! - [`neighbour_purity`]: for sampled elements, the share of their `k` nearest elements on the
//!   map that belong to their own community. The chance level is about `Σ (size/n)²`; higher
//!   is better. Brute force: O(samples · n).
//! - [`edge_length_ratio`]: mean length of an edge over mean distance between random pairs;
//!   lower means connected elements are drawn close.

use std::collections::HashMap;

use crate::graph::rng::SplitMix64;

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Mean same-community distance over mean different-community distance, from `pairs` seeded
/// pairs of each kind; `None` when there are not two communities or no community of two.
pub fn community_distance_ratio(
    positions: &[[f64; 2]],
    community: &[usize],
    pairs: usize,
    seed: u64,
) -> Option<f64> {
    assert_eq!(
        positions.len(),
        community.len(),
        "one community per position"
    );
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &c) in community.iter().enumerate() {
        members.entry(c).or_default().push(i);
    }
    let n = positions.len();
    if members.len() < 2 || members.values().all(|m| m.len() < 2) || pairs == 0 {
        return None;
    }
    let mut rng = SplitMix64::new(seed);
    let (mut same, mut same_count, mut diff, mut diff_count) = (0.0, 0usize, 0.0, 0usize);
    // Bounded attempts: a draw can miss (a lone member, or two of the same community).
    for _ in 0..pairs.saturating_mul(20) {
        if same_count >= pairs && diff_count >= pairs {
            break;
        }
        let u = rng.below(n);
        let group = &members[&community[u]];
        if same_count < pairs && group.len() > 1 {
            let v = group[rng.below(group.len())];
            if v != u {
                same += dist(positions[u], positions[v]);
                same_count += 1;
            }
        }
        let v = rng.below(n);
        if diff_count < pairs && community[v] != community[u] {
            diff += dist(positions[u], positions[v]);
            diff_count += 1;
        }
    }
    if same_count == 0 || diff_count == 0 || diff == 0.0 {
        return None;
    }
    Some((same / same_count as f64) / (diff / diff_count as f64))
}

/// Share of the `k` nearest elements (on the map) of `samples` seeded elements that are in the
/// same community; `None` when there are fewer than `k + 1` elements.
pub fn neighbour_purity(
    positions: &[[f64; 2]],
    community: &[usize],
    k: usize,
    samples: usize,
    seed: u64,
) -> Option<f64> {
    assert_eq!(
        positions.len(),
        community.len(),
        "one community per position"
    );
    let n = positions.len();
    if k == 0 || n <= k || samples == 0 {
        return None;
    }
    let mut rng = SplitMix64::new(seed);
    let chosen = rng.sample(n, samples);
    let mut hits = 0usize;
    let mut near: Vec<(f64, usize)> = Vec::with_capacity(n);
    for &u in &chosen {
        near.clear();
        near.extend(
            (0..n)
                .filter(|&v| v != u)
                .map(|v| (dist(positions[u], positions[v]), v)),
        );
        near.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        hits += near[..k]
            .iter()
            .filter(|&&(_, v)| community[v] == community[u])
            .count();
    }
    Some(hits as f64 / (chosen.len() * k) as f64)
}

/// Mean edge length over the mean distance of `pairs` seeded random pairs; `None` without
/// edges or with every element at one point.
pub fn edge_length_ratio(
    positions: &[[f64; 2]],
    edges: &[(usize, usize)],
    pairs: usize,
    seed: u64,
) -> Option<f64> {
    let n = positions.len();
    if edges.is_empty() || n < 2 || pairs == 0 {
        return None;
    }
    let edge_mean = edges
        .iter()
        .map(|&(u, v)| dist(positions[u], positions[v]))
        .sum::<f64>()
        / edges.len() as f64;
    let mut rng = SplitMix64::new(seed);
    let random_mean = (0..pairs)
        .map(|_| dist(positions[rng.below(n)], positions[rng.below(n)]))
        .sum::<f64>()
        / pairs as f64;
    (random_mean > 0.0).then(|| edge_mean / random_mean)
}
