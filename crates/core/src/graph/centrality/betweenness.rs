//! Betweenness centrality: on what share of the shortest paths between other nodes a node lies.
//!
//! Exact: Brandes's algorithm ("A faster algorithm for betweenness centrality", J. Math.
//! Sociology 25(2), 2001), one breadth-first search and one backward sweep per source, sources
//! spread over threads with rayon: O(V·E) time, O(V + E) memory per thread. The search writes
//! down the arcs on shortest paths as it finds them, so the backward sweep reads that list in
//! order rather than scanning every row again (about a third faster on 10k/50k maps). Written
//! by hand rather than taken from rustworkx-core for that, for `u32` rows, and to gather every
//! distance in passing, so that closeness, diameter and average path length need no second
//! all-pairs search.
//!
//! Sampled, undirected view (what the analysis uses): shortest paths drawn at random, after
//! Riondato and Kornaropoulos ("Fast approximation of betweenness centrality through sampling",
//! Data Mining and Knowledge Discovery 30(2), 2016; networkit's `ApproxBetweenness`). Each of
//! `r` samples is an ordered pair `(u, v)` of distinct nodes drawn uniformly and independently,
//! and, when `v` is reachable from `u`, one shortest path from `u` to `v` drawn uniformly among
//! all of them (a breadth-first search from `u` counting paths, then a walk back from `v`
//! choosing each predecessor `p` of `w` with probability `σ(p)/σ(w)`). The estimate of
//! `b(w) = Σ_{u≠v} σ_uv(w)/σ_uv / (n(n − 1))` is the share of samples whose path has `w`
//! inside it. Their Theorem 2 (the range set of shortest paths has VC dimension at most
//! `⌊log₂(VD − 2)⌋ + 1`, VD the vertex diameter: the most nodes on a shortest path) with the
//! ε-sample bound gives: with
//! `r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉`, `c = 0.5` (the constant of Löffler and
//! Phillips 2009 that they and networkit use), with probability at least `1 − δ` every
//! `|b̃(w) − b(w)| ≤ ε`. Any upper bound on VD keeps the guarantee; for an undirected graph one
//! search per component gives one: a component's diameter is at most twice the eccentricity of
//! any of its nodes, so `VD ≤ 2·ecc + 1` (their Section 5.1). networkx's normalised value is
//! `b(w) · n/(n − 2)` (it divides by `(n − 1)(n − 2)` rather than `n(n − 1)`), so the reported
//! bound is `ε · n/(n − 2)` and `ε` is chosen to make that the target. The searches run to the
//! end, so every sampled source also gives its distances to every node, for closeness and the
//! average path length (see `paths::summary_from_sample`). O(r·E), with `r` independent of `n`:
//! for a 5% bound at 95% confidence, 1,400 paths when the bound on VD is 10 to 17 (1,200 for 6
//! to 9), where sampled sources needed 3,041 whole sweeps at 100k nodes. Each sample's
//! randomness comes from its own seed, so the result does not depend on the thread count.
//!
//! Sampled, directed view (no cheap bound on its vertex diameter): the same sweeps as the exact
//! algorithm from `k` sources drawn without replacement, scaled by `n/k` (Brandes and Pich,
//! "Centrality estimation in large networks", Int. J. Bifurcation and Chaos 17(7), 2007):
//! O(k·E). Each source adds `δ_s(v)/(n − 2)`, a number in [0, 1], to a node's normalised value
//! (up to the factor `n/(n − 1)`), so by Hoeffding's inequality (J. Amer. Statist. Assoc. 58,
//! 1963, which holds for sampling without replacement too) and a union bound over the `n`
//! nodes, with probability `confidence` every normalised value is within
//! `n/(n − 1) · sqrt(ln(2n / (1 − confidence)) / (2k))` of the exact one.
//!
//! Normalised as networkx's `betweenness_centrality(normalized=True, endpoints=False)`:
//! undirected raw values count each unordered pair once and are scaled by 2/((n − 1)(n − 2));
//! directed ones by 1/((n − 1)(n − 2)); graphs of two nodes or fewer are left unscaled.

use rayon::prelude::*;

use super::super::paths::{SourceDistances, UNREACHED};
use super::super::rng::SplitMix64;
use super::super::View;

/// How to compute betweenness.
#[derive(Debug, Clone, PartialEq)]
pub struct BetweennessOptions {
    /// Above this many nodes, estimate from sampled sources instead of computing exactly.
    pub exact_limit: usize,
    /// When sampling, the error bound to aim for (sets the number of sources).
    pub target_error: f64,
    /// The probability the error bound holds.
    pub confidence: f64,
    /// Seed of the source sample.
    pub seed: u64,
}

impl Default for BetweennessOptions {
    fn default() -> Self {
        BetweennessOptions {
            exact_limit: 20_000,
            target_error: 0.05,
            confidence: 0.95,
            seed: 42,
        }
    }
}

/// How the values were obtained.
#[derive(Debug, Clone, PartialEq)]
pub enum Estimate {
    /// Exactly, from every source.
    Exact,
    /// From a sample.
    Sampled {
        /// How the sample was drawn.
        algorithm: Sampling,
        /// Samples drawn: shortest paths ([`Sampling::Paths`]) or sources
        /// ([`Sampling::Sources`]).
        sources: usize,
        /// With probability `confidence`, every normalised value is within this of the exact one.
        error_bound: f64,
        /// The probability the bound holds.
        confidence: f64,
        /// Seed of the sample.
        seed: u64,
    },
}

/// What a sampled estimate sampled (see the module documentation for the bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sampling {
    /// Random shortest paths between random pairs, with the Riondato-Kornaropoulos bound
    /// (undirected view).
    Paths,
    /// Random sources, whole Brandes sweeps, with the Hoeffding bound (directed view).
    Sources,
}

/// Betweenness of every node.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// Normalised values (0 to 1), as networkx's `normalized=True`.
    pub normalized: Vec<f64>,
    /// Unnormalised values, as networkx's `normalized=False` (undirected pairs counted once).
    pub raw: Vec<f64>,
    /// Exact or sampled.
    pub estimate: Estimate,
    /// What the breadth-first searches found about distances, in passing.
    pub searches: Searches,
}

/// The distance information gathered by Brandes's searches, so that distances need no second
/// pass: per source always, and per target when sources were sampled.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Searches {
    /// One record per source searched, by source.
    pub sources: Vec<SourceDistances>,
    /// When sampled: per node, the sum of its distances from the sampled sources that reach it
    /// (itself left out); empty when exact.
    pub to_node_sum: Vec<u64>,
    /// When sampled: per node, how many sampled sources other than itself reach it; empty when
    /// exact.
    pub to_node_count: Vec<u32>,
}

/// Betweenness of every node of `view`: exact up to `options.exact_limit` nodes, sampled
/// above it (shortest paths on the undirected view, sources on the directed one), or exact
/// when the sample would be as large as the graph.
pub fn betweenness(view: View<'_>, options: &BetweennessOptions) -> Betweenness {
    let n = view.node_count();
    if n <= options.exact_limit {
        return betweenness_exact(view);
    }
    if !view.is_directed() {
        if n <= 2 {
            return betweenness_exact(view);
        }
        let vd = vertex_diameter_bound(view);
        // The reported bound is ε·n/(n − 2) on networkx's scale.
        let epsilon = options.target_error * (n - 2) as f64 / n as f64;
        let r = path_samples_for(vd, epsilon, options.confidence);
        if r >= n {
            return betweenness_exact(view);
        }
        let mut b = sample_paths(view, r, options.seed);
        b.estimate = Estimate::Sampled {
            algorithm: Sampling::Paths,
            sources: r,
            error_bound: path_error_bound(n, vd, r, options.confidence),
            confidence: options.confidence,
            seed: options.seed,
        };
        return b;
    }
    let k = samples_for(n, options.target_error, options.confidence);
    if k >= n {
        return betweenness_exact(view);
    }
    let sources = SplitMix64::new(options.seed).sample(n, k);
    let mut b = run(view, &sources, true);
    b.estimate = Estimate::Sampled {
        algorithm: Sampling::Sources,
        sources: k,
        error_bound: error_bound(n, k, options.confidence),
        confidence: options.confidence,
        seed: options.seed,
    };
    b
}

/// The constant `c` of the ε-sample bound used by Riondato and Kornaropoulos (and networkit).
const UNIVERSAL_CONSTANT: f64 = 0.5;

/// `⌊log₂(VD − 2)⌋ + 1`, the bound on the VC dimension of shortest paths with at most `vd`
/// nodes (at least 1).
fn vc_dimension_bound(vd: usize) -> f64 {
    if vd <= 3 {
        1.0
    } else {
        f64::from((vd - 2).ilog2()) + 1.0
    }
}

/// Shortest paths to sample for every `b(w)` (divided by `n(n − 1)`) to be within `epsilon`
/// with probability `confidence`, when no shortest path has more than `vd` nodes.
pub fn path_samples_for(vd: usize, epsilon: f64, confidence: f64) -> usize {
    if epsilon <= 0.0 || confidence >= 1.0 {
        return usize::MAX;
    }
    let r = UNIVERSAL_CONSTANT / (epsilon * epsilon)
        * (vc_dimension_bound(vd) + (1.0 / (1.0 - confidence)).ln());
    (r.ceil() as usize).max(1)
}

/// The bound on every normalised value (networkx's scale) after `r` sampled paths on `n` nodes
/// whose shortest paths have at most `vd` nodes: `n/(n − 2) · sqrt(c (⌊log₂(VD − 2)⌋ + 1 +
/// ln(1/δ)) / r)`, capped at 1.
pub fn path_error_bound(n: usize, vd: usize, r: usize, confidence: f64) -> f64 {
    if n <= 2 {
        return 0.0;
    }
    if r == 0 || confidence >= 1.0 {
        return 1.0;
    }
    let epsilon = (UNIVERSAL_CONSTANT * (vc_dimension_bound(vd) + (1.0 / (1.0 - confidence)).ln())
        / r as f64)
        .sqrt();
    (epsilon * n as f64 / (n - 2) as f64).min(1.0)
}

/// An upper bound on the vertex diameter of the undirected `view` (the most nodes on a shortest
/// path): `2·ecc + 1` over components, `ecc` the eccentricity of the first node of each.
pub fn vertex_diameter_bound(view: View<'_>) -> usize {
    let n = view.node_count();
    let mut dist = vec![UNREACHED; n];
    let mut queue: Vec<u32> = Vec::new();
    let mut bound = usize::from(n > 0);
    for start in 0..n {
        if dist[start] != UNREACHED {
            continue;
        }
        dist[start] = 0;
        queue.clear();
        queue.push(start as u32);
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head] as usize;
            head += 1;
            for &v in view.forward(u) {
                if dist[v as usize] == UNREACHED {
                    dist[v as usize] = dist[u] + 1;
                    queue.push(v);
                }
            }
        }
        let ecc = queue.last().map_or(0, |&v| dist[v as usize] as usize);
        bound = bound.max(2 * ecc + 1);
    }
    bound
}

/// The undirected rows renumbered in breadth-first order, so that neighbours mostly sit close
/// together in memory and the searches of path sampling touch fewer cache lines.
struct Local {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    /// Original number of each local node.
    old: Vec<u32>,
    /// Local number of each original node.
    new: Vec<u32>,
}

impl Local {
    fn of(view: View<'_>) -> Local {
        let n = view.node_count();
        let mut new = vec![u32::MAX; n];
        let mut old: Vec<u32> = Vec::with_capacity(n);
        for start in 0..n {
            if new[start] != u32::MAX {
                continue;
            }
            new[start] = old.len() as u32;
            old.push(start as u32);
            let mut head = old.len() - 1;
            while head < old.len() {
                let u = old[head] as usize;
                head += 1;
                for &v in view.forward(u) {
                    if new[v as usize] == u32::MAX {
                        new[v as usize] = old.len() as u32;
                        old.push(v);
                    }
                }
            }
        }
        let mut offsets = vec![0usize; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + view.forward(old[i] as usize).len();
        }
        let mut targets = vec![0u32; offsets[n]];
        let mut rows: Vec<&mut [u32]> = Vec::with_capacity(n);
        let mut rest = &mut targets[..];
        for i in 0..n {
            let (row, tail) = rest.split_at_mut(offsets[i + 1] - offsets[i]);
            rows.push(row);
            rest = tail;
        }
        rows.into_par_iter()
            .enumerate()
            .with_min_len(256)
            .for_each(|(i, row)| {
                for (slot, &v) in row.iter_mut().zip(view.forward(old[i] as usize)) {
                    *slot = new[v as usize];
                }
                row.sort_unstable();
            });
        Local {
            offsets,
            targets,
            old,
            new,
        }
    }

    fn row(&self, u: usize) -> &[u32] {
        &self.targets[self.offsets[u]..self.offsets[u + 1]]
    }
}

/// One thread's buffers for path sampling, reused across sources.
struct PathSweep {
    /// Per node: distance from the source and number of shortest paths from it (together, so
    /// one cache line serves both).
    state: Vec<(u32, f64)>,
    order: Vec<u32>,
    /// Per node, the sampled paths it lies inside.
    hits: Vec<u64>,
    found: Searches,
}

impl PathSweep {
    fn new(n: usize) -> Self {
        PathSweep {
            state: vec![(UNREACHED, 0.0); n],
            order: Vec::with_capacity(n),
            hits: vec![0; n],
            found: Searches {
                sources: Vec::new(),
                to_node_sum: vec![0; n],
                to_node_count: vec![0; n],
            },
        }
    }

    /// Searches the undirected `graph` from `s`, notes its distances, and draws one shortest
    /// path to each target (with the given seed), counting the nodes inside it.
    fn add_source(&mut self, graph: &Local, s: usize, targets: &[(u32, u64)]) {
        let PathSweep {
            state,
            order,
            hits,
            found,
        } = self;
        order.clear();
        state[s] = (0, 1.0);
        order.push(s as u32);
        let mut head = 0;
        while head < order.len() {
            let u = order[head] as usize;
            head += 1;
            let (du, su) = state[u];
            let next = du + 1;
            for &v in graph.row(u) {
                let sv = &mut state[v as usize];
                if sv.0 == UNREACHED {
                    sv.0 = next;
                    order.push(v);
                }
                if sv.0 == next {
                    sv.1 += su;
                }
            }
        }
        let mut distance_sum = 0u64;
        for &v in &order[1..] {
            let d = u64::from(state[v as usize].0);
            distance_sum += d;
            found.to_node_sum[v as usize] += d;
            found.to_node_count[v as usize] += 1;
        }
        found.sources.push(SourceDistances {
            source: s,
            distance_sum,
            reached: order.len(),
            eccentricity: order.last().map_or(0, |&v| state[v as usize].0 as usize),
        });
        for &(t, seed) in targets {
            let mut w = t as usize;
            if state[w].0 == UNREACHED {
                continue;
            }
            let mut rng = SplitMix64::new(seed);
            // Walk back from the target: each predecessor in proportion to its path count.
            while state[w].0 > 1 {
                let want = state[w].0 - 1;
                let mut pick = rng.unit() * state[w].1;
                let mut chosen = usize::MAX;
                for &p in graph.row(w) {
                    let (dp, sp) = state[p as usize];
                    if dp == want {
                        chosen = p as usize;
                        pick -= sp;
                        if pick < 0.0 {
                            break;
                        }
                    }
                }
                w = chosen;
                hits[w] += 1;
            }
        }
        for &v in order.iter() {
            state[v as usize] = (UNREACHED, 0.0);
        }
    }
}

/// Riondato-Kornaropoulos: `r` random pairs, one random shortest path each (see the module
/// documentation), on the undirected `view` with `n > 2`. Values on networkx's scale.
fn sample_paths(view: View<'_>, r: usize, seed: u64) -> Betweenness {
    assert!(
        !view.is_directed(),
        "paths are sampled on the undirected view"
    );
    let n = view.node_count();
    let mut rng = SplitMix64::new(seed);
    let local = Local::of(view);
    let mut pairs: Vec<(u32, u32, u64)> = (0..r)
        .map(|_| {
            let u = rng.below(n);
            let mut v = rng.below(n - 1);
            if v >= u {
                v += 1;
            }
            (local.new[u], local.new[v], rng.next_u64())
        })
        .collect();
    // One search per distinct source, serving every pair that starts there.
    pairs.sort_unstable();
    let mut groups: Vec<(usize, Vec<(u32, u64)>)> = Vec::new();
    for &(u, v, path_seed) in &pairs {
        match groups.last_mut() {
            Some((s, targets)) if *s == u as usize => targets.push((v, path_seed)),
            _ => groups.push((u as usize, vec![(v, path_seed)])),
        }
    }
    let (hits, found) = groups
        .par_iter()
        .with_min_len(8)
        .fold(
            || PathSweep::new(n),
            |mut sweep, (s, targets)| {
                sweep.add_source(&local, *s, targets);
                sweep
            },
        )
        .map(|sweep| (sweep.hits, sweep.found))
        .reduce(
            || (vec![0; n], PathSweep::new(n).found),
            |(mut a, mut fa), (b, fb)| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                fa.sources.extend(fb.sources);
                fa.to_node_sum
                    .iter_mut()
                    .zip(fb.to_node_sum)
                    .for_each(|(x, y)| *x += y);
                fa.to_node_count
                    .iter_mut()
                    .zip(fb.to_node_count)
                    .for_each(|(x, y)| *x += y);
                (a, fa)
            },
        );
    // Back to the original numbering.
    let back = |i: usize| local.new[i] as usize;
    let mut sources: Vec<SourceDistances> = found
        .sources
        .into_iter()
        .map(|rec| SourceDistances {
            source: local.old[rec.source] as usize,
            ..rec
        })
        .collect();
    sources.sort_unstable_by_key(|rec| rec.source);
    let found = Searches {
        sources,
        to_node_sum: (0..n).map(|i| found.to_node_sum[back(i)]).collect(),
        to_node_count: (0..n).map(|i| found.to_node_count[back(i)]).collect(),
    };
    // b̃(w) = hits/r estimates Σ_{u≠v} σ_uv(w)/σ_uv / (n(n − 1)); networkx divides the same sum
    // by (n − 1)(n − 2), and its raw undirected value counts each unordered pair once.
    let nf = n as f64;
    let normalized: Vec<f64> = (0..n)
        .map(|i| hits[back(i)] as f64 / r as f64 * nf / (nf - 2.0))
        .collect();
    let to_raw = (nf - 1.0) * (nf - 2.0) / 2.0;
    Betweenness {
        raw: normalized.iter().map(|x| x * to_raw).collect(),
        normalized,
        estimate: Estimate::Exact,
        searches: found,
    }
}

/// Exact betweenness of every node of `view` (Brandes).
pub fn betweenness_exact(view: View<'_>) -> Betweenness {
    let all: Vec<usize> = (0..view.node_count()).collect();
    run(view, &all, false)
}

/// Betweenness estimated from the given distinct `sources`, scaled by `n / sources.len()` (exact
/// when every node is a source). The estimate is reported as exact; [`betweenness`] fills in the
/// sampling details.
pub fn betweenness_from_sources(view: View<'_>, sources: &[usize]) -> Betweenness {
    run(view, sources, sources.len() < view.node_count())
}

/// The sweeps from `sources`, scaled and normalised; `per_target` also gathers distances to
/// every node.
fn run(view: View<'_>, sources: &[usize], per_target: bool) -> Betweenness {
    let n = view.node_count();
    let k = sources.len();
    let (mut raw, searches) = accumulate(view, sources, per_target);
    let mut scale = if k == 0 { 0.0 } else { n as f64 / k as f64 };
    if !view.is_directed() {
        // Each unordered pair was counted from both ends.
        scale *= 0.5;
    }
    raw.iter_mut().for_each(|x| *x *= scale);
    let norm = if n <= 2 {
        1.0
    } else if view.is_directed() {
        1.0 / ((n - 1) as f64 * (n - 2) as f64)
    } else {
        2.0 / ((n - 1) as f64 * (n - 2) as f64)
    };
    Betweenness {
        normalized: raw.iter().map(|x| x * norm).collect(),
        raw,
        estimate: Estimate::Exact,
        searches,
    }
}

/// The Hoeffding bound on every normalised value when `k` of `n` sources were sampled (see the
/// module documentation); 0 when every source was used.
pub fn error_bound(n: usize, k: usize, confidence: f64) -> f64 {
    if k >= n || n <= 2 {
        return 0.0;
    }
    if k == 0 {
        return 1.0;
    }
    let n = n as f64;
    let t = ((2.0 * n / (1.0 - confidence)).ln() / (2.0 * k as f64)).sqrt();
    (n / (n - 1.0) * t).min(1.0)
}

/// Sources needed for [`error_bound`] to be at most `target_error` on `n` nodes.
pub fn samples_for(n: usize, target_error: f64, confidence: f64) -> usize {
    if n <= 2 || target_error <= 0.0 {
        return n;
    }
    let nf = n as f64;
    let factor = nf / (nf - 1.0);
    let k = (factor * factor) * (2.0 * nf / (1.0 - confidence)).ln()
        / (2.0 * target_error * target_error);
    (k.ceil() as usize).clamp(1, n)
}

/// One thread's buffers for Brandes's sweeps, reused across sources.
struct Sweep {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    /// `(1 + δ(w)) / σ(w)` of each node once its dependency is known.
    ratio: Vec<f64>,
    order: Vec<u32>,
    /// The successors of the nodes on shortest paths, node after node in `order`.
    successors: Vec<u32>,
    /// Where each node's successors end in `successors`, by position in `order`.
    ends: Vec<u32>,
    total: Vec<f64>,
    found: Searches,
}

impl Sweep {
    fn new(n: usize, per_target: bool) -> Self {
        let m = if per_target { n } else { 0 };
        Sweep {
            dist: vec![UNREACHED; n],
            sigma: vec![0.0; n],
            ratio: vec![0.0; n],
            order: Vec::with_capacity(n),
            successors: Vec::new(),
            ends: Vec::with_capacity(n),
            total: vec![0.0; n],
            found: Searches {
                sources: Vec::new(),
                to_node_sum: vec![0; m],
                to_node_count: vec![0; m],
            },
        }
    }

    /// Adds the dependencies δ_s(v) of every v on source `s` to `total`.
    fn add_source(&mut self, view: View<'_>, s: usize) {
        let Sweep {
            dist,
            sigma,
            ratio,
            order,
            successors,
            ends,
            total,
            found,
        } = self;
        order.clear();
        successors.clear();
        ends.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s as u32);
        let mut head = 0;
        // Breadth-first: count shortest paths and write down the arcs that lie on them, so the
        // backward sweep reads a short list in order instead of scanning every row again.
        while head < order.len() {
            let u = order[head] as usize;
            head += 1;
            let next = dist[u] + 1;
            let su = sigma[u];
            for &v in view.forward(u) {
                let vi = v as usize;
                if dist[vi] == UNREACHED {
                    dist[vi] = next;
                    order.push(v);
                }
                if dist[vi] == next {
                    sigma[vi] += su;
                    successors.push(v);
                }
            }
            ends.push(u32::try_from(successors.len()).expect("fewer than 2^32 arcs"));
        }
        let mut distance_sum = 0u64;
        for &v in order.iter() {
            distance_sum += u64::from(dist[v as usize]);
        }
        found.sources.push(SourceDistances {
            source: s,
            distance_sum,
            reached: order.len(),
            eccentricity: order.last().map_or(0, |&v| dist[v as usize] as usize),
        });
        if !found.to_node_count.is_empty() {
            for &v in &order[1..] {
                found.to_node_sum[v as usize] += u64::from(dist[v as usize]);
                found.to_node_count[v as usize] += 1;
            }
        }
        // Farthest first: δ(v) = σ(v) · Σ over successors w of (1 + δ(w)) / σ(w).
        let mut end = successors.len();
        for i in (0..order.len()).rev() {
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            let v = order[i] as usize;
            let pull: f64 = successors[start..end]
                .iter()
                .map(|&w| ratio[w as usize])
                .sum();
            end = start;
            let delta = sigma[v] * pull;
            if v != s {
                total[v] += delta;
            }
            ratio[v] = (1.0 + delta) / sigma[v];
        }
        for &v in order.iter() {
            let v = v as usize;
            dist[v] = UNREACHED;
            sigma[v] = 0.0;
            ratio[v] = 0.0;
        }
    }
}

/// Σ over `sources` of the dependencies of every node, unscaled, and what the searches found.
fn accumulate(view: View<'_>, sources: &[usize], per_target: bool) -> (Vec<f64>, Searches) {
    let n = view.node_count();
    let merged = sources
        .par_iter()
        .with_min_len(16)
        .fold(
            || Sweep::new(n, per_target),
            |mut sweep, &s| {
                sweep.add_source(view, s);
                sweep
            },
        )
        .map(|sweep| (sweep.total, sweep.found))
        .reduce(
            || (vec![0.0; n], Sweep::new(n, per_target).found),
            |(mut a, mut fa), (b, fb)| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                fa.sources.extend(fb.sources);
                fa.to_node_sum
                    .iter_mut()
                    .zip(fb.to_node_sum)
                    .for_each(|(x, y)| *x += y);
                fa.to_node_count
                    .iter_mut()
                    .zip(fb.to_node_count)
                    .for_each(|(x, y)| *x += y);
                (a, fa)
            },
        );
    let (total, mut found) = merged;
    found.sources.sort_unstable_by_key(|r| r.source);
    (total, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn a_path_of_four() {
        // 0-1-2-3: node 1 lies between 0 and 2, and 0 and 3 (raw 2); node 2 likewise. Scale
        // 2/((3)(2)) = 1/3, so normalised 2/3.
        let g = Graph::from_undirected_edges(4, &[(0, 1), (1, 2), (2, 3)]);
        let b = betweenness_exact(g.view(false));
        assert!(close(&b.raw, &[0.0, 2.0, 2.0, 0.0]));
        assert!(close(&b.normalized, &[0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]));
    }

    #[test]
    fn a_star_and_a_triangle() {
        // Star centre 0, leaves 1..=4: the centre is on all 6 leaf pairs: normalised 1.
        let star = Graph::from_undirected_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let b = betweenness_exact(star.view(false));
        assert!(close(&b.raw, &[6.0, 0.0, 0.0, 0.0, 0.0]));
        assert!(close(&b.normalized, &[1.0, 0.0, 0.0, 0.0, 0.0]));
        let triangle = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (0, 2)]);
        assert!(close(
            &betweenness_exact(triangle.view(false)).raw,
            &[0.0; 3]
        ));
    }

    #[test]
    fn two_shortest_paths_share_the_credit() {
        // Square 0-1-2-3-0: 0 and 2 are joined through 1 and through 3, so 1 and 3 each get
        // 1/2; likewise 0 and 2 for the pair (1, 3). Raw 0.5 each.
        let g = Graph::from_undirected_edges(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert!(close(&betweenness_exact(g.view(false)).raw, &[0.5; 4]));
    }

    #[test]
    fn directed_paths_count_one_way() {
        // 0->1->2: only the pair (0, 2) runs through 1. Scale 1/((2)(1)).
        let g = Graph::from_arcs(3, &[(0, 1), (1, 2)]);
        let b = betweenness_exact(g.view(true));
        assert!(close(&b.raw, &[0.0, 1.0, 0.0]));
        assert!(close(&b.normalized, &[0.0, 0.5, 0.0]));
    }

    #[test]
    fn disconnected_and_empty_graphs() {
        // Path 0-1-2 and edge 3-4: node 1 carries the pair (0, 2). n = 5, scale 2/12.
        let g = Graph::from_undirected_edges(5, &[(0, 1), (1, 2), (3, 4)]);
        let b = betweenness_exact(g.view(false));
        assert!(close(&b.normalized, &[0.0, 1.0 / 6.0, 0.0, 0.0, 0.0]));
        assert!(betweenness_exact(Graph::default().view(false))
            .raw
            .is_empty());
        let one = Graph::from_undirected_edges(1, &[]);
        assert_eq!(betweenness_exact(one.view(false)).normalized, vec![0.0]);
    }

    #[test]
    fn sampling_every_source_is_exact_and_the_bound_shrinks_with_samples() {
        let edges: Vec<_> = (1..40).map(|i| (i / 2, i)).collect();
        let g = Graph::from_undirected_edges(40, &edges);
        let exact = betweenness_exact(g.view(false));
        let all: Vec<usize> = (0..40).rev().collect();
        assert!(close(
            &betweenness_from_sources(g.view(false), &all).raw,
            &exact.raw
        ));
        let options = BetweennessOptions {
            exact_limit: 10,
            target_error: 0.5,
            ..BetweennessOptions::default()
        };
        let sampled = betweenness(g.view(false), &options);
        let Estimate::Sampled {
            sources,
            error_bound: bound,
            ..
        } = sampled.estimate
        else {
            panic!("expected sampling above the limit");
        };
        assert!(sources < 40 && bound <= 0.5);
        let worst = (sampled.normalized.iter().zip(&exact.normalized))
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst <= bound, "{worst} > {bound}");
        assert_eq!(sampled, betweenness(g.view(false), &options), "seeded");
        assert!(error_bound(1000, 400, 0.95) < error_bound(1000, 100, 0.95));
        assert_eq!(error_bound(1000, 1000, 0.95), 0.0);
    }

    /// A seeded random graph of `n` nodes: a ring (connected) plus `extra` random chords.
    fn ring_with_chords(n: usize, extra: usize, seed: u64) -> Graph {
        let mut rng = SplitMix64::new(seed);
        let mut edges: Vec<_> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        edges.extend((0..extra).map(|_| (rng.below(n), rng.below(n))));
        Graph::from_undirected_edges(n, &edges)
    }

    #[test]
    fn sampled_paths_stay_within_the_stated_bound_on_2000_nodes() {
        // Exact against sampled on 2,000 nodes, with the limit forced low. Several bounds and
        // seeds; the bound must hold in every case (it fails with probability at most 5% each,
        // and is in practice loose by a factor of several).
        let n = 2000;
        let g = ring_with_chords(n, 3000, 11);
        let exact = betweenness_exact(g.view(false));
        let vd = vertex_diameter_bound(g.view(false));
        for (target, seed) in [(0.05, 1), (0.1, 2), (0.1, 3), (0.2, 4)] {
            let options = BetweennessOptions {
                exact_limit: 100,
                target_error: target,
                confidence: 0.95,
                seed,
            };
            let sampled = betweenness(g.view(false), &options);
            let Estimate::Sampled {
                algorithm,
                sources: r,
                error_bound: bound,
                confidence,
                ..
            } = sampled.estimate
            else {
                panic!("expected sampling at target {target}");
            };
            assert_eq!(algorithm, Sampling::Paths);
            assert!(r < n && bound <= target + 1e-12 && confidence == 0.95);
            assert_eq!(
                r,
                path_samples_for(vd, target * (n - 2) as f64 / n as f64, 0.95)
            );
            let worst = (sampled.normalized.iter().zip(&exact.normalized))
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(worst <= bound, "target {target}: {worst} > {bound}");
            // Raw values on networkx's unnormalised scale, as the exact ones.
            let scale = (n - 1) as f64 * (n - 2) as f64 / 2.0;
            assert!((sampled.raw[7] - sampled.normalized[7] * scale).abs() < 1e-6);
            // Every distinct source searched gives its distances.
            let sum: u32 = sampled.searches.to_node_count.iter().sum();
            assert_eq!(
                sum as usize,
                sampled.searches.sources.len() * (n - 1),
                "connected: every source reaches every other node"
            );
        }
    }

    #[test]
    fn path_samples_follow_the_formula_and_directed_views_sample_sources() {
        // VD 19 → ⌊log₂ 17⌋ + 1 = 5; ε 0.05, δ 0.05: 200 · (5 + ln 20) = 1599.1 → 1600.
        assert_eq!(path_samples_for(19, 0.05, 0.95), 1600);
        let bound = path_error_bound(1_000_000, 19, 1600, 0.95);
        assert!(bound <= 0.05 * 1_000_000.0 / 999_998.0 && bound > 0.0499);
        // A path of 10 nodes: searched from node 0, eccentricity 9, so VD ≤ 19 (truly 10).
        let path: Vec<_> = (0..9).map(|i| (i, i + 1)).collect();
        let g = Graph::from_undirected_edges(10, &path);
        assert_eq!(vertex_diameter_bound(g.view(false)), 19);
        let g = ring_with_chords(3000, 0, 0);
        let options = BetweennessOptions {
            exact_limit: 10,
            ..BetweennessOptions::default()
        };
        let b = betweenness(g.view(true), &options);
        assert!(matches!(
            b.estimate,
            Estimate::Sampled {
                algorithm: Sampling::Sources,
                ..
            }
        ));
    }

    #[test]
    fn sampled_paths_split_evenly_between_equal_shortest_paths() {
        // Square 0-1-2-3-0 plus a pendant 4 on 0, so n = 5 > 2: exact normalised values
        // are 1/6·(raw): raw 0 = 0.5 + 3 (pendant to 1, 3, 2 via 0) = 3.5, 1 and 3 = 0.5 + 0.5
        // (4 to 2 half through each) = 1, 2 = 0.5.
        let g = Graph::from_undirected_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 0), (0, 4)]);
        let exact = betweenness_exact(g.view(false));
        let b = sample_paths(g.view(false), 200_000, 9);
        for (a, e) in b.normalized.iter().zip(&exact.normalized) {
            assert!(
                (a - e).abs() < 0.01,
                "{:?} vs {:?}",
                b.normalized,
                exact.normalized
            );
        }
    }

    /// Betweenness by definition: for every ordered pair (s, t) and node v on a shortest path,
    /// add σ_sv·σ_vt/σ_st, from all-pairs distances and path counts. O(V³).
    fn by_definition(view: View<'_>) -> Vec<f64> {
        let n = view.node_count();
        let mut dist = vec![vec![UNREACHED; n]; n];
        let mut count = vec![vec![0.0f64; n]; n];
        for s in 0..n {
            dist[s][s] = 0;
            count[s][s] = 1.0;
            let mut queue = vec![s];
            let mut head = 0;
            while head < queue.len() {
                let u = queue[head];
                head += 1;
                for &v in view.forward(u) {
                    let v = v as usize;
                    if dist[s][v] == UNREACHED {
                        dist[s][v] = dist[s][u] + 1;
                        queue.push(v);
                    }
                    if dist[s][v] == dist[s][u] + 1 {
                        count[s][v] += count[s][u];
                    }
                }
            }
        }
        let mut b = vec![0.0; n];
        for s in 0..n {
            for t in 0..n {
                if s == t || dist[s][t] == UNREACHED {
                    continue;
                }
                for v in 0..n {
                    if v != s
                        && v != t
                        && dist[s][v] != UNREACHED
                        && dist[v][t] != UNREACHED
                        && dist[s][v] + dist[v][t] == dist[s][t]
                    {
                        b[v] += count[s][v] * count[v][t] / count[s][t];
                    }
                }
            }
        }
        if !view.is_directed() {
            b.iter_mut().for_each(|x| *x /= 2.0);
        }
        b
    }

    #[test]
    fn brandes_agrees_with_the_definition_on_random_graphs() {
        let mut rng = SplitMix64::new(5);
        for round in 0..150 {
            let n = 1 + rng.below(14);
            let m = rng.below(3 * n);
            let arcs: Vec<_> = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
            let g = Graph::from_arcs(n, &arcs);
            for directed in [false, true] {
                let view = g.view(directed);
                let ours = betweenness_exact(view).raw;
                let want = by_definition(view);
                assert!(
                    ours.iter().zip(&want).all(|(a, b)| (a - b).abs() < 1e-9),
                    "round {round} directed {directed}: {ours:?} vs {want:?} on {arcs:?}"
                );
            }
        }
    }
}
