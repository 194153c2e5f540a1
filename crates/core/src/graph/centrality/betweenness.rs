//! Betweenness centrality: on what share of the shortest paths between other nodes a node lies.
//!
//! Exact: Brandes's algorithm ("A faster algorithm for betweenness centrality", J. Math.
//! Sociology 25(2), 2001), a breadth-first search counting shortest paths and a backward sweep
//! adding up dependencies for every source: O(V·E) time. Up to 65,535 nodes the searches run 64
//! sources at a time as one multi-source search whose levels are bit sets (`Batch`), which
//! scans each row a few times per 64 sources instead of once per source, and costs 512 bytes a
//! node per thread; above that, one source at a time, writing down the arcs on shortest paths
//! as they are found so the backward sweep reads that list in order rather than every row
//! again (`Sweep`). Sources go together in the caller's numbering: consecutive numbers are
//! often near each other (maps entered group by group, the benchmark generators), and then the
//! searches of a batch reach most nodes at the same few distances and share arcs on shortest
//! paths (renumbering in breadth-first order was 5-20% slower on the 10k benchmark graphs, a
//! random numbering 15-35% slower). Sources are spread over threads with rayon, in blocks fixed
//! by the graph and the sources alone, so the values do not depend on the thread count. Written
//! by hand rather than taken from rustworkx-core for that, for compact rows, and to gather
//! every distance in passing, so that closeness, diameter and average path length need no
//! second all-pairs search.
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

/// A node number in [`Local`] rows: `u16` when every node and the "none" mark fit in 16 bits
/// (up to 65,535 nodes, which covers the exact limit), `u32` otherwise. Half-width numbers halve
/// the rows, the distances and the successor lists the exact sweeps go through, so more of them
/// stay in the first two cache levels: the sweeps on 10k/50k maps spend most of their time
/// waiting for memory, not computing.
trait Node: Copy + Ord + Send + Sync {
    /// Not a node; as a distance, not reached. Greater than any distance.
    const NONE: Self;
    fn index(self) -> usize;
    /// `i` must be at most `NONE`.
    fn of(i: usize) -> Self;
}

impl Node for u16 {
    const NONE: Self = u16::MAX;
    fn index(self) -> usize {
        usize::from(self)
    }
    fn of(i: usize) -> Self {
        i as u16
    }
}

impl Node for u32 {
    const NONE: Self = u32::MAX;
    fn index(self) -> usize {
        self as usize
    }
    fn of(i: usize) -> Self {
        i as u32
    }
}

/// The rows of a view, renumbered for path sampling (see [`breadth_first_order`]), with node
/// numbers of type `N` and each row sorted.
struct Local<N> {
    offsets: Vec<u32>,
    targets: Vec<N>,
    /// Original number of each local node.
    old: Vec<u32>,
    /// Local number of each original node.
    new: Vec<u32>,
}

impl<N: Node> Local<N> {
    /// The rows of `view` with local node `i` the original node `old[i]` (a permutation).
    fn of(view: View<'_>, old: Vec<u32>) -> Local<N> {
        let n = view.node_count();
        let mut new = vec![0u32; n];
        for (i, &o) in old.iter().enumerate() {
            new[o as usize] = i as u32;
        }
        let mut offsets = vec![0u32; n + 1];
        for i in 0..n {
            let len = view.forward(old[i] as usize).len();
            offsets[i + 1] =
                u32::try_from(offsets[i] as usize + len).expect("fewer than 2^32 arcs");
        }
        let mut targets = vec![N::of(0); offsets[n] as usize];
        let mut rows: Vec<&mut [N]> = Vec::with_capacity(n);
        let mut rest = &mut targets[..];
        for i in 0..n {
            let (row, tail) = rest.split_at_mut((offsets[i + 1] - offsets[i]) as usize);
            rows.push(row);
            rest = tail;
        }
        rows.into_par_iter()
            .enumerate()
            .with_min_len(256)
            .for_each(|(i, row)| {
                for (slot, &v) in row.iter_mut().zip(view.forward(old[i] as usize)) {
                    *slot = N::of(new[v as usize] as usize);
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

    fn row(&self, u: usize) -> &[N] {
        &self.targets[self.offsets[u] as usize..self.offsets[u + 1] as usize]
    }
}

/// The nodes of `view` in breadth-first order, component after component: neighbours mostly
/// get numbers close together, so searches touch fewer cache lines.
fn breadth_first_order(view: View<'_>) -> Vec<u32> {
    let n = view.node_count();
    let mut seen = vec![false; n];
    let mut old: Vec<u32> = Vec::with_capacity(n);
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        old.push(start as u32);
        let mut head = old.len() - 1;
        while head < old.len() {
            let u = old[head] as usize;
            head += 1;
            for &v in view.forward(u) {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    old.push(v);
                }
            }
        }
    }
    old
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
    fn add_source(&mut self, graph: &Local<u32>, s: usize, targets: &[(u32, u64)]) {
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
    let local = Local::<u32>::of(view, breadth_first_order(view));
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

/// One thread's buffers for Brandes's sweeps on [`Local`] rows, reused across sources.
struct Sweep<N> {
    dist: Vec<N>,
    /// σ(v), the number of shortest paths from the source to `v`; in the backward sweep, once
    /// δ(v) is known, `(1 + δ(v)) / σ(v)` instead (all that is read of `v` from then on).
    sigma: Vec<f64>,
    /// The nodes reached, in the order found (so by distance).
    order: Vec<N>,
    /// The successors on shortest paths of the nodes in `order`, node after node.
    successors: Vec<N>,
    /// Where the successors of each node end in `successors`, by position in `order`.
    ends: Vec<u32>,
    total: Vec<f64>,
    /// In local numbering until [`accumulate`] maps it back.
    found: Searches,
}

impl<N: Node> Sweep<N> {
    fn new(n: usize, arcs: usize, per_target: bool) -> Self {
        let m = if per_target { n } else { 0 };
        Sweep {
            dist: vec![N::NONE; n],
            sigma: vec![0.0; n],
            order: vec![N::NONE; n],
            // A search scans each row at most once and keeps at most every arc it scans.
            successors: vec![N::NONE; arcs],
            ends: vec![0; n],
            total: vec![0.0; n],
            found: Searches {
                sources: Vec::new(),
                to_node_sum: vec![0; m],
                to_node_count: vec![0; m],
            },
        }
    }

    /// Adds the dependencies δ_s(v) of every v on source `s` to `total`.
    fn add_source(&mut self, graph: &Local<N>, s: usize) {
        let Sweep {
            dist,
            sigma,
            order,
            successors,
            ends,
            total,
            found,
        } = self;
        dist[s] = N::of(0);
        sigma[s] = 1.0;
        order[0] = N::of(s);
        let (mut head, mut tail, mut k) = (0, 1, 0);
        let mut distance_sum = 0u64;
        // Breadth-first: write down the arcs on shortest paths as they are found, so that the
        // backward sweep reads a short list in order instead of scanning every row again.
        while head < tail {
            let u = order[head].index();
            let du = dist[u].index();
            distance_sum += du as u64;
            let next = N::of(du + 1);
            let first = k;
            for &v in graph.row(u) {
                let dv = dist[v.index()];
                if dv == N::NONE {
                    dist[v.index()] = next;
                    order[tail] = v;
                    tail += 1;
                }
                // The arc is on a shortest path when `v` is one step further (found just now or
                // before; nothing found is further). Whether it is comes out about evenly, so it
                // is written every time and kept by moving the end, with no branch to mispredict.
                successors[k] = v;
                k += usize::from(dv >= next);
            }
            let su = sigma[u];
            for &w in &successors[first..k] {
                sigma[w.index()] += su;
            }
            ends[head] = k as u32;
            head += 1;
        }
        found.sources.push(SourceDistances {
            source: s,
            distance_sum,
            reached: tail,
            eccentricity: dist[order[tail - 1].index()].index(),
        });
        if !found.to_node_count.is_empty() {
            for &v in &order[1..tail] {
                let v = v.index();
                found.to_node_sum[v] += dist[v].index() as u64;
                found.to_node_count[v] += 1;
            }
        }
        // Farthest first: δ(v) = σ(v) · Σ over successors w of (1 + δ(w)) / σ(w).
        let mut end = k;
        for i in (1..tail).rev() {
            let start = ends[i - 1] as usize;
            let v = order[i].index();
            let pull: f64 = successors[start..end]
                .iter()
                .map(|&w| sigma[w.index()])
                .sum();
            end = start;
            let delta = sigma[v] * pull;
            total[v] += delta;
            sigma[v] = (1.0 + delta) / sigma[v];
        }
        for &v in &order[..tail] {
            dist[v.index()] = N::NONE;
            sigma[v.index()] = 0.0;
        }
    }
}

/// Sources searched together by one [`Batch`], one bit of a `u64` each.
const LANES: usize = 64;

/// One thread's buffers for Brandes's sweeps from up to [`LANES`] sources at once, on rows of
/// at most 65,535 nodes: a multi-source breadth-first search (after Then et al., "The more the
/// merrier: efficient multi-source graph traversal", PVLDB 8(4), 2014) that keeps, per node and
/// distance, the set of sources ("lanes") that reach the node at that distance as the bits of a
/// `u64`. A row is scanned once per distance at which any of the sources reaches its node
/// (a handful on small-world maps) instead of once per source, and the path counts and
/// dependencies are then worked out only for the lanes that need them. On the 10k/50k
/// benchmark maps this takes about half the time of one search per source: those searches
/// spend most of their time waiting for rows and distances to come from memory.
struct Batch {
    /// Per node, the lanes that have reached it.
    seen: Vec<u64>,
    /// Per node, the lanes that reach it at the distance being built.
    next: Vec<u64>,
    /// Per node, the lanes for which it is one step further than the level being swept back.
    further: Vec<u64>,
    /// σ per node and lane, node after node (the lanes of a node share cache lines); in the
    /// backward sweep, once δ is known, `(1 + δ) / σ` instead (all that is read from then on).
    sigma: Vec<f64>,
    /// Per distance, the nodes at it and the lanes for which they are.
    levels: Vec<Vec<(u32, u64)>>,
    total: Vec<f64>,
    /// In local numbering until [`accumulate`] maps it back.
    found: Searches,
}

/// The lanes set in `bits`, lowest first.
fn lanes(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let lane = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            lane
        })
    })
}

impl Batch {
    fn new(n: usize, per_target: bool) -> Self {
        let m = if per_target { n } else { 0 };
        Batch {
            seen: vec![0; n],
            next: vec![0; n],
            further: vec![0; n],
            sigma: vec![0.0; n * LANES],
            levels: Vec::new(),
            total: vec![0.0; n],
            found: Searches {
                sources: Vec::new(),
                to_node_sum: vec![0; m],
                to_node_count: vec![0; m],
            },
        }
    }

    /// Adds the dependencies on each of `sources` (distinct, at most [`LANES`]) to `total`.
    fn add_sources(&mut self, graph: &Local<u16>, sources: &[usize]) {
        let Batch {
            seen,
            next,
            further,
            sigma,
            levels,
            total,
            found,
        } = self;
        if levels.len() < 2 {
            levels.resize(2, Vec::new());
        }
        levels[0].clear();
        for (lane, &s) in sources.iter().enumerate() {
            if seen[s] == 0 {
                levels[0].push((s as u32, 0));
            }
            seen[s] |= 1 << lane;
            sigma[s * LANES + lane] = 1.0;
        }
        for entry in &mut levels[0] {
            entry.1 = seen[entry.0 as usize];
        }
        // Forward, one distance at a time: the lanes of `v` not yet at `w` reach `w` one step
        // further, through every such `v`.
        let mut depth = 0;
        loop {
            if levels.len() < depth + 2 {
                levels.push(Vec::new());
            }
            let (done, rest) = levels.split_at_mut(depth + 1);
            let (current, following) = (&done[depth], &mut rest[0]);
            following.clear();
            for &(v, on) in current {
                let v = v as usize;
                for &w in graph.row(v) {
                    let w = w.index();
                    let new = on & !seen[w];
                    if new != 0 {
                        if next[w] == 0 {
                            following.push((w as u32, 0));
                        }
                        next[w] |= new;
                        for lane in lanes(new) {
                            sigma[w * LANES + lane] += sigma[v * LANES + lane];
                        }
                    }
                }
            }
            if following.is_empty() {
                break;
            }
            // By number, so that the rows and counts of a level are read in memory order.
            following.sort_unstable_by_key(|entry| entry.0);
            for entry in following.iter_mut() {
                let w = entry.0 as usize;
                entry.1 = next[w];
                seen[w] |= next[w];
                next[w] = 0;
            }
            depth += 1;
        }
        // What the searches found about distances.
        let mut distance_sum = [0u64; LANES];
        let mut reached = [0usize; LANES];
        let mut eccentricity = [0usize; LANES];
        for (d, level) in levels[..=depth].iter().enumerate() {
            for &(v, on) in level {
                for lane in lanes(on) {
                    distance_sum[lane] += d as u64;
                    reached[lane] += 1;
                    eccentricity[lane] = d;
                }
                if d > 0 && !found.to_node_count.is_empty() {
                    found.to_node_sum[v as usize] += d as u64 * u64::from(on.count_ones());
                    found.to_node_count[v as usize] += on.count_ones();
                }
            }
        }
        for (lane, &s) in sources.iter().enumerate() {
            found.sources.push(SourceDistances {
                source: s,
                distance_sum: distance_sum[lane],
                reached: reached[lane],
                eccentricity: eccentricity[lane],
            });
        }
        // Farthest first: δ(v) = σ(v) · Σ over successors w of (1 + δ(w)) / σ(w), lane by lane;
        // `w` follows `v` on a lane's shortest paths when it is one step further on that lane.
        let mut pull = [0.0f64; LANES];
        for d in (1..=depth).rev() {
            for &(w, on) in &levels[d + 1] {
                further[w as usize] = on;
            }
            for &(v, on) in &levels[d] {
                let v = v as usize;
                for &w in graph.row(v) {
                    let w = w.index();
                    for lane in lanes(on & further[w]) {
                        pull[lane] += sigma[w * LANES + lane];
                    }
                }
                let mut sum = 0.0;
                for lane in lanes(on) {
                    let at = v * LANES + lane;
                    let delta = sigma[at] * pull[lane];
                    sum += delta;
                    sigma[at] = (1.0 + delta) / sigma[at];
                    pull[lane] = 0.0;
                }
                total[v] += sum;
            }
            for &(w, _) in &levels[d + 1] {
                further[w as usize] = 0;
            }
        }
        for level in &levels[..=depth] {
            for &(v, _) in level {
                let v = v as usize;
                if seen[v] != 0 {
                    seen[v] = 0;
                    sigma[v * LANES..(v + 1) * LANES].fill(0.0);
                }
            }
        }
    }
}

/// What [`in_blocks`] needs of a sweep: to run a block of sources, and its sums.
trait Sweeps<N>: Send {
    /// Adds the dependencies on each of `block` (local numbers) to the sums.
    fn sweep(&mut self, graph: &Local<N>, block: &[usize]);
    /// The sums so far: dependencies by node, and what the searches found.
    fn sums(&mut self) -> (&mut Vec<f64>, &mut Searches);
}

impl Sweeps<u16> for Batch {
    fn sweep(&mut self, graph: &Local<u16>, block: &[usize]) {
        for sources in block.chunks(LANES) {
            self.add_sources(graph, sources);
        }
    }
    fn sums(&mut self) -> (&mut Vec<f64>, &mut Searches) {
        (&mut self.total, &mut self.found)
    }
}

impl<N: Node> Sweeps<N> for Sweep<N> {
    fn sweep(&mut self, graph: &Local<N>, block: &[usize]) {
        for &s in block {
            self.add_source(graph, s);
        }
    }
    fn sums(&mut self) -> (&mut Vec<f64>, &mut Searches) {
        (&mut self.total, &mut self.found)
    }
}

/// Σ over `sources` of the dependencies of every node, unscaled, and what the searches found:
/// 64 sources at a time ([`Batch`]) up to 65,535 nodes, one at a time ([`Sweep`]) above, where
/// a batch's path counts (512 bytes a node) would take too much memory.
fn accumulate(view: View<'_>, sources: &[usize], per_target: bool) -> (Vec<f64>, Searches) {
    let batched = view.node_count() <= usize::from(u16::MAX);
    accumulate_with(view, sources, per_target, batched)
}

/// [`accumulate`] with [`Batch`] (which needs at most 65,535 nodes) or [`Sweep`].
fn accumulate_with(
    view: View<'_>,
    sources: &[usize],
    per_target: bool,
    batched: bool,
) -> (Vec<f64>, Searches) {
    let n = view.node_count();
    // The caller's numbering, kept: see the module documentation.
    let order: Vec<u32> = (0..n as u32).collect();
    if batched {
        let graph = Local::<u16>::of(view, order);
        in_blocks(&graph, sources, per_target, LANES, || {
            Batch::new(n, per_target)
        })
    } else {
        let graph = Local::<u32>::of(view, order);
        let arcs = graph.targets.len();
        in_blocks(&graph, sources, per_target, 1, || {
            Sweep::<u32>::new(n, arcs, per_target)
        })
    }
}

/// Values summed per block of sources, at most, in all blocks together.
const BLOCK_VALUES: usize = 1 << 20;

/// Runs the sweeps made by `make` from `sources` (original numbers), in parallel, and maps the
/// sums back to the original numbering. The sources are cut into blocks (a multiple of `unit`
/// long) that depend only on the graph and the sources, never on the thread count; each
/// block's sums are made in source order and the blocks are added in order, so the result is
/// the same to the last bit on any number of threads.
fn in_blocks<N: Node, S: Sweeps<N>>(
    graph: &Local<N>,
    sources: &[usize],
    per_target: bool,
    unit: usize,
    make: impl Fn() -> S + Sync + Send,
) -> (Vec<f64>, Searches) {
    let n = graph.old.len();
    let m = if per_target { n } else { 0 };
    let local: Vec<usize> = sources.iter().map(|&s| graph.new[s] as usize).collect();
    let blocks = (BLOCK_VALUES / n.max(1)).clamp(1, 32);
    let size = local.len().div_ceil(blocks).div_ceil(unit).max(1) * unit;
    let parts: Vec<(Vec<f64>, Searches)> = local
        .par_chunks(size)
        .map_init(&make, |sweeps, block| {
            sweeps.sweep(graph, block);
            let (total, found) = sweeps.sums();
            let fresh = Searches {
                sources: Vec::new(),
                to_node_sum: vec![0; m],
                to_node_count: vec![0; m],
            };
            (
                std::mem::replace(total, vec![0.0; n]),
                std::mem::replace(found, fresh),
            )
        })
        .collect();
    let mut total = vec![0.0; n];
    let mut found = Searches {
        sources: Vec::with_capacity(sources.len()),
        to_node_sum: vec![0; m],
        to_node_count: vec![0; m],
    };
    for (part, part_found) in parts {
        total.iter_mut().zip(part).for_each(|(x, y)| *x += y);
        found.sources.extend(part_found.sources);
        found
            .to_node_sum
            .iter_mut()
            .zip(part_found.to_node_sum)
            .for_each(|(x, y)| *x += y);
        found
            .to_node_count
            .iter_mut()
            .zip(part_found.to_node_count)
            .for_each(|(x, y)| *x += y);
    }
    // Back to the original numbering.
    let back = |i: usize| graph.new[i] as usize;
    for record in &mut found.sources {
        record.source = graph.old[record.source] as usize;
    }
    found.sources.sort_unstable_by_key(|r| r.source);
    let found = Searches {
        sources: found.sources,
        to_node_sum: (0..m).map(|i| found.to_node_sum[back(i)]).collect(),
        to_node_count: (0..m).map(|i| found.to_node_count[back(i)]).collect(),
    };
    ((0..n).map(|i| total[back(i)]).collect(), found)
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

    #[test]
    fn one_source_at_a_time_and_64_at_once_agree() {
        // The two kernels on random graphs, directed and undirected, from all nodes and from a
        // subset, with the distances gathered per target: the same sums (up to rounding) and
        // the same distances.
        let mut rng = SplitMix64::new(17);
        for round in 0..40 {
            let n = 1 + rng.below(150);
            let m = rng.below(4 * n);
            let arcs: Vec<_> = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
            let g = Graph::from_arcs(n, &arcs);
            let some: Vec<usize> = (0..n).filter(|_| rng.below(3) == 0).collect();
            let all: Vec<usize> = (0..n).collect();
            for directed in [false, true] {
                for sources in [&all, &some] {
                    let view = g.view(directed);
                    let (a, fa) = accumulate_with(view, sources, true, true);
                    let (b, fb) = accumulate_with(view, sources, true, false);
                    assert!(
                        a.iter()
                            .zip(&b)
                            .all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(1.0)),
                        "round {round} directed {directed}: {a:?} vs {b:?}"
                    );
                    assert_eq!(fa, fb, "round {round} directed {directed}");
                }
            }
        }
    }

    #[test]
    fn exact_values_do_not_depend_on_the_thread_count() {
        // Several blocks of sources (300 nodes: five blocks of 64), summed in a fixed order.
        let g = ring_with_chords(300, 600, 4);
        let on = |threads: usize, directed: bool| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool")
                .install(|| betweenness_exact(g.view(directed)))
        };
        for directed in [false, true] {
            let one = on(1, directed);
            assert_eq!(one, on(2, directed));
            assert_eq!(one, on(3, directed));
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
