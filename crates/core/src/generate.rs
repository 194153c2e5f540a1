//! Synthetic care networks of any size, for benchmarks and load tests. Deterministic for a seed.

use crate::graph::rng::SplitMix64;
use crate::model::category::default_categories;
use crate::model::status::{Direction, Status};
use crate::model::{Connection, Element, Network};

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    /// Number of elements.
    pub elements: usize,
    /// Number of connections (distinct pairs, no self-loops; capped at what the elements allow).
    pub connections: usize,
    /// Seed of the random choices.
    pub seed: u64,
}

/// Generates a network by preferential attachment (Barabási–Albert style: each new element links
/// to existing ones chosen in proportion to their ties, so hubs emerge), with categories,
/// statuses, directions and care types drawn at random in realistic proportions.
pub fn generate(options: &GenerateOptions) -> Network {
    let mut rng = SplitMix64::new(options.seed ^ 0x5EED);
    let n = options.elements;
    let max_pairs = n.saturating_mul(n.saturating_sub(1)) / 2;
    let m_total = options.connections.min(max_pairs);
    let mut map = Network::new(format!(
        "Generated network ({n} elements, {m_total} connections, seed {})",
        options.seed
    ));
    let categories = default_categories();
    // Most elements of a real map are people and groups; few are teams, circles or services.
    let weights = [30usize, 20, 12, 6, 6, 8, 6, 10, 2];
    let weight_sum: usize = weights.iter().sum();
    let care_types: Vec<String> = map.care_types.iter().map(|t| t.name.clone()).collect();
    for i in 0..n {
        let mut pick = rng.below(weight_sum);
        let mut c = 0;
        while pick >= weights[c] {
            pick -= weights[c];
            c += 1;
        }
        let mut e = Element::new(
            format!("g{i}"),
            format!("Element {i}"),
            categories[c].name.clone(),
        );
        for _ in 0..rng.below(3) {
            let t = care_types[rng.below(care_types.len())].clone();
            if !e.care_types.contains(&t) {
                e.care_types.push(t);
            }
        }
        map.elements.push(e);
    }
    if n < 2 {
        return map;
    }
    let per_node = (m_total / n).max(1);
    let mut seen = std::collections::HashSet::with_capacity(m_total * 2);
    // Endpoint list: choosing uniformly from it is choosing in proportion to degree.
    let mut ends: Vec<usize> = Vec::with_capacity(m_total * 2);
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(m_total);
    let mut add = |a: usize, b: usize, pairs: &mut Vec<(usize, usize)>, ends: &mut Vec<usize>| {
        let key = (a.min(b), a.max(b));
        if a != b && seen.insert(key) {
            pairs.push((a, b));
            ends.push(a);
            ends.push(b);
            true
        } else {
            false
        }
    };
    for v in 1..n {
        for _ in 0..per_node.min(v) {
            if pairs.len() >= m_total {
                break;
            }
            for _attempt in 0..8 {
                let u = if ends.is_empty() || rng.below(4) == 0 {
                    rng.below(v)
                } else {
                    ends[rng.below(ends.len())]
                };
                if add(v, u, &mut pairs, &mut ends) {
                    break;
                }
            }
        }
    }
    let mut guard = 0usize;
    while pairs.len() < m_total && guard < m_total * 20 {
        guard += 1;
        let a = rng.below(n);
        let b = ends[rng.below(ends.len())];
        add(a, b, &mut pairs, &mut ends);
    }
    let statuses = [
        (Status::Generative, 20usize),
        (Status::Engaged, 20),
        (Status::LooselyEngaged, 30),
        (Status::Inactive, 15),
        (Status::Unclassified, 15),
    ];
    for (k, (a, b)) in pairs.into_iter().enumerate() {
        let mut c = Connection::new(format!("gc{k}"), format!("g{a}"), format!("g{b}"));
        let mut pick = rng.below(100);
        for (s, w) in statuses {
            if pick < w {
                c.status = s;
                break;
            }
            pick -= w;
        }
        c.direction = match rng.below(10) {
            0..=5 => Direction::Directed,
            6..=8 => Direction::Mutual,
            _ => Direction::Undirected,
        };
        if c.status.is_active() {
            c.care_flowing
                .push(care_types[rng.below(care_types.len())].clone());
            c.paid = Some(rng.below(4) == 0);
        }
        map.connections.push(c);
    }
    map
}

/// `m` distinct undirected edges among `n` nodes in `blocks` planted groups of equal size, 80%
/// of them inside a group: a stochastic block model for benchmarks and layout quality checks
/// (node `u` belongs to group `u / ceil(n / blocks)`). `m` is capped at the pairs available.
pub fn planted_communities(
    n: usize,
    m: usize,
    blocks: usize,
    rng: &mut SplitMix64,
) -> Vec<(usize, usize)> {
    let size = n.div_ceil(blocks.max(1)).max(1);
    let m = m.min(n * n.saturating_sub(1) / 2);
    let mut seen = std::collections::HashSet::new();
    while seen.len() < m {
        let u = rng.below(n);
        let v = if rng.below(10) < 8 {
            let b = u / size * size;
            b + rng.below(size.min(n - b))
        } else {
            rng.below(n)
        };
        if u != v {
            seen.insert((u.min(v), u.max(v)));
        }
    }
    let mut edges: Vec<_> = seen.into_iter().collect();
    edges.sort_unstable();
    edges
}

/// Preferential attachment (Barabási and Albert, 1999): each new node links to about `m / n`
/// earlier ones chosen in proportion to their degree, so hubs emerge.
pub fn barabasi_albert(n: usize, m: usize, rng: &mut SplitMix64) -> Vec<(usize, usize)> {
    let k = (m / n.max(1)).max(1);
    let mut ends: Vec<usize> = Vec::new();
    let mut edges = Vec::new();
    for u in 1..n {
        let mut chosen = Vec::new();
        while chosen.len() < k.min(u) {
            let v = if ends.is_empty() {
                0
            } else {
                ends[rng.below(ends.len())]
            };
            if !chosen.contains(&v) {
                chosen.push(v);
            }
        }
        for v in chosen {
            edges.push((v, u));
            ends.push(u);
            ends.push(v);
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_the_asked_size_deterministically() {
        let o = GenerateOptions {
            elements: 500,
            connections: 2500,
            seed: 7,
        };
        let a = generate(&o);
        assert_eq!(a.elements.len(), 500);
        assert_eq!(a.connections.len(), 2500);
        assert_eq!(a, generate(&o));
        assert!(a.validate().errors().next().is_none());
        let other = generate(&GenerateOptions { seed: 8, ..o });
        assert_ne!(a.connections, other.connections);
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for (n, m) in [(0, 0), (1, 5), (2, 5), (3, 3)] {
            let g = generate(&GenerateOptions {
                elements: n,
                connections: m,
                seed: 1,
            });
            assert_eq!(g.elements.len(), n);
            assert!(g.connections.len() <= m);
        }
    }
}
