//! ForceAtlas2 (Jacomy, Venturini, Heymann and Bastian, "ForceAtlas2, a continuous graph layout
//! algorithm for handy network visualization designed for the Gephi software", PLoS ONE 9(6),
//! 2014), with the semantics of graphology-layout-forceatlas2 0.10 so that one of our iterations
//! moves as far as one of theirs:
//!
//! - repulsion `kr · (deg(u)+1) · (deg(v)+1) / d` between every pair (mass = weighted degree + 1),
//!   by Barnes-Hut above [`ForceAtlas2Options::barnes_hut_above`] nodes, exactly below;
//! - attraction `w^δ · d` along each edge, or `w^δ · log(1 + d)` in LinLog mode;
//! - gravity `g · mass` towards the origin, or `g · mass · d` in strong-gravity mode;
//! - per-node adaptive speed from swinging and traction, damped by `slow_down`.
//!
//! Cost per iteration: O(n log n + m) with Barnes-Hut, O(n² + m) exactly. Forces are computed
//! per node in parallel (rayon); each node sums its own terms in a fixed order, so the result is
//! the same bit for bit whatever the number of threads.
//!
//! Departures from graphology: the quadtree is exact about masses (graphology's drops a body
//! when two coincide and leaves the second body of a split out of its parent's mass), coincident
//! nodes are pushed apart, overlap prevention subtracts radii in the tree's exact pairs, and
//! "outbound attraction distribution" is not offered. Groups of nearby nodes share one walk of
//! the tree and apply far regions through a local expansion (see [`super::barnes_hut`]),
//! which errs less than graphology's per-node Barnes-Hut at the same theta. Positions are kept
//! in f64; the repulsion and attraction read them rounded to f32, as graphology stores them.

use rayon::prelude::*;

use super::barnes_hut::{pair_repulsion, Body, QuadTree, Repulsion};
use super::weighted::LayoutGraph;

/// Settings of ForceAtlas2. `Default` is graphology's `inferSettings` (strong gravity 0.05,
/// scaling 10, slow-down 1 + ln n, Barnes-Hut above 2000 nodes) with theta 1.2 and 100 iterations.
#[derive(Debug, Clone, PartialEq)]
pub struct ForceAtlas2Options {
    /// Number of iterations.
    pub iterations: usize,
    /// Pull towards the origin.
    pub gravity: f64,
    /// Gravity grows with the distance from the origin (keeps components close).
    pub strong_gravity: bool,
    /// Repulsion strength `kr`: larger spreads the map out.
    pub scaling: f64,
    /// Attraction `log(1 + d)` instead of `d`: tighter, more separated clusters.
    pub lin_log: bool,
    /// Exponent `δ` on edge weights in the attraction (0 ignores weights).
    pub edge_weight_influence: f64,
    /// Keep node discs (radius [`ForceAtlas2Options::node_size`]) from overlapping.
    pub prevent_overlap: bool,
    /// Radius of a node for overlap prevention.
    pub node_size: f64,
    /// Damping of the speed; `None` is graphology's `1 + ln n`.
    pub slow_down: Option<f64>,
    /// Barnes-Hut accuracy, graphology's `barnesHutTheta` (smaller is slower and more exact).
    pub theta: f64,
    /// Above this many nodes repulsion uses Barnes-Hut.
    pub barnes_hut_above: usize,
    /// Seed of the random initial positions.
    pub seed: u64,
    /// Elements that already have a position keep it and do not move.
    pub keep_existing: bool,
}

impl Default for ForceAtlas2Options {
    fn default() -> Self {
        ForceAtlas2Options {
            iterations: 100,
            gravity: 0.05,
            strong_gravity: true,
            scaling: 10.0,
            lin_log: false,
            edge_weight_influence: 1.0,
            prevent_overlap: false,
            node_size: 1.0,
            slow_down: None,
            theta: 1.2,
            barnes_hut_above: 2000,
            seed: 42,
            keep_existing: false,
        }
    }
}

/// Per-node state carried from one iteration to the next.
#[derive(Debug, Clone, Copy)]
struct NodeState {
    x: f64,
    y: f64,
    dx: f64,
    dy: f64,
    mass: f64,
    convergence: f64,
    fixed: bool,
}

/// Runs ForceAtlas2 on `graph` from `start` (one `[x, y]` per node); nodes with `fixed[i]` do
/// not move (`fixed` may be empty: none is fixed). Calls `progress` with the number of
/// iterations done after each one. Returns the final positions.
pub fn forceatlas2(
    graph: &LayoutGraph,
    start: &[[f64; 2]],
    fixed: &[bool],
    options: &ForceAtlas2Options,
    progress: &mut dyn FnMut(usize),
) -> Vec<[f64; 2]> {
    let n = graph.node_count();
    assert_eq!(start.len(), n, "one start position per node");
    let mut nodes: Vec<NodeState> = (0..n)
        .map(|i| NodeState {
            x: start[i][0],
            y: start[i][1],
            dx: 0.0,
            dy: 0.0,
            mass: 1.0 + graph.weighted_degree(i),
            convergence: 1.0,
            fixed: fixed.get(i).copied().unwrap_or(false),
        })
        .collect();
    let slow_down = options.slow_down.unwrap_or(1.0 + (n.max(1) as f64).ln());
    let mut tree = QuadTree::new();
    let mut forces = vec![(0.0, 0.0); n];
    let mut repulsed = Vec::new();
    let mut packed = Vec::new();
    // With Barnes-Hut, nodes are kept in the tree's (spatial) order, renumbered every few
    // iterations, so that the ends of an edge, close on the map, are close in memory too.
    // `order[k]` is the caller's index of our node `k`.
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut renumbered: Option<LayoutGraph> = None;
    for done in 1..=options.iterations {
        let g = renumbered.as_ref().unwrap_or(graph);
        compute_forces(
            g,
            &nodes,
            options,
            &mut tree,
            &mut forces,
            &mut repulsed,
            &mut packed,
        );
        nodes
            .par_iter_mut()
            .zip(forces.par_iter())
            .for_each(|(node, &force)| move_node(node, force, options, slow_down));
        if n > options.barnes_hut_above && done % RENUMBER_EVERY == 1 {
            let spatial: Vec<u32> = tree.bodies().iter().map(|b| b.node).collect();
            nodes = spatial.iter().map(|&k| nodes[k as usize]).collect();
            order = spatial.iter().map(|&k| order[k as usize]).collect();
            renumbered = Some(g.permuted(&spatial));
        }
        progress(done);
    }
    let mut positions = vec![[0.0; 2]; n];
    for (s, &i) in nodes.iter().zip(&order) {
        positions[i as usize] = [s.x, s.y];
    }
    positions
}

/// Iterations between two renumberings of the nodes (the first is after iteration 1).
const RENUMBER_EVERY: usize = 8;

/// Fills `forces[i]` with the sum of repulsion, gravity and attraction on node `i`.
fn compute_forces(
    graph: &LayoutGraph,
    nodes: &[NodeState],
    options: &ForceAtlas2Options,
    tree: &mut QuadTree,
    forces: &mut [(f64, f64)],
    repulsed: &mut Vec<(f64, f64)>,
    positions: &mut Vec<[f32; 2]>,
) {
    let body = |i: usize| Body {
        x: nodes[i].x,
        y: nodes[i].y,
        mass: nodes[i].mass,
        size: options.node_size,
        node: i as u32,
    };
    let repulsion = Repulsion {
        scaling: options.scaling,
        theta: options.theta,
        prevent_overlap: options.prevent_overlap,
    };
    let n = nodes.len();
    // Positions alone, packed in f32 (as graphology keeps them): the attraction reads them in a
    // scattered order, and the smaller they are the more of them stay in cache.
    positions.clear();
    positions.par_extend(nodes.par_iter().map(|s| [s.x as f32, s.y as f32]));
    let positions = &positions[..];
    let rest = |b: &Body| {
        add(
            gravity(b, options),
            attraction(graph, positions, b, options),
        )
    };
    if n > options.barnes_hut_above {
        forces
            .par_iter_mut()
            .enumerate()
            .for_each(|(i, f)| *f = rest(&body(i)));
        tree.build((0..n).map(body));
        // In tree order, so that threads walk nearby parts of the tree; added back after.
        tree.repulsion_all(&repulsion, repulsed);
        for (b, r) in tree.bodies().iter().zip(repulsed.iter()) {
            let f = &mut forces[b.node as usize];
            *f = add(*r, *f);
        }
    } else {
        let bodies: Vec<Body> = (0..n).map(body).collect();
        forces.par_iter_mut().enumerate().for_each(|(i, force)| {
            let a = &bodies[i];
            let mut f = rest(a);
            for b in bodies.iter().filter(|b| b.node != a.node) {
                f = add(f, pair_repulsion(a, b, &repulsion));
            }
            *force = f;
        });
    }
}

fn add(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 + b.0, a.1 + b.1)
}

/// Gravity on a body: `g · mass` towards the origin, times the distance when strong.
fn gravity(b: &Body, o: &ForceAtlas2Options) -> (f64, f64) {
    let d = (b.x * b.x + b.y * b.y).sqrt();
    if d <= 0.0 {
        return (0.0, 0.0);
    }
    let factor = if o.strong_gravity {
        b.mass * o.gravity
    } else {
        b.mass * o.gravity / d
    };
    (-b.x * factor, -b.y * factor)
}

/// Attraction on a body along each of its edges.
fn attraction(
    graph: &LayoutGraph,
    positions: &[[f32; 2]],
    b: &Body,
    o: &ForceAtlas2Options,
) -> (f64, f64) {
    let node = b.node as usize;
    let (targets, weights) = graph.neighbors(node);
    // The positions of neighbours are scattered reads, most of them cache misses: ask for the
    // ones a few edges ahead (of this node or the next ones) before they are needed.
    let (all, first) = (graph.all_targets(), graph.first_arc(node));
    let ahead = |k: usize| {
        if let Some(&v) = all.get(first + k + PREFETCH_AHEAD) {
            prefetch(&positions[v as usize]);
        }
    };
    let (mut fx, mut fy) = (0.0, 0.0);
    if !o.prevent_overlap && !o.lin_log && o.edge_weight_influence == 1.0 {
        for (k, (&v, &w)) in targets.iter().zip(weights).enumerate() {
            ahead(k);
            let [x, y] = positions[v as usize];
            fx -= (b.x - f64::from(x)) * w;
            fy -= (b.y - f64::from(y)) * w;
        }
        return (fx, fy);
    }
    for (k, (&v, &w)) in targets.iter().zip(weights).enumerate() {
        ahead(k);
        let [x, y] = positions[v as usize];
        let (dx, dy) = (b.x - f64::from(x), b.y - f64::from(y));
        let mut d = (dx * dx + dy * dy).sqrt();
        if o.prevent_overlap {
            d -= 2.0 * o.node_size;
            if d <= 0.0 {
                continue;
            }
        }
        let ewc = if o.edge_weight_influence == 1.0 {
            w
        } else {
            w.powf(o.edge_weight_influence)
        };
        let factor = if o.lin_log {
            if d <= 0.0 {
                continue;
            }
            -ewc * (1.0 + d).ln() / d
        } else {
            -ewc
        };
        fx += dx * factor;
        fy += dy * factor;
    }
    (fx, fy)
}

/// How many edges ahead [`attraction`] prefetches.
const PREFETCH_AHEAD: usize = 12;

/// Asks the CPU to bring `p` into cache (a hint; no effect on results).
#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults, even on a bad address.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((p as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Moves a node by its force times its own speed: high traction (a force that keeps its
/// direction) speeds it up, swinging (a force that flips) slows it down.
fn move_node(node: &mut NodeState, force: (f64, f64), o: &ForceAtlas2Options, slow_down: f64) {
    let (old_dx, old_dy) = (node.dx, node.dy);
    let (mut dx, mut dy) = force;
    if !(dx.is_finite() && dy.is_finite()) {
        (dx, dy) = (0.0, 0.0);
    }
    if o.prevent_overlap {
        // graphology caps the force at 10 in this mode.
        let f = (dx * dx + dy * dy).sqrt();
        if f > 10.0 {
            (dx, dy) = (dx * 10.0 / f, dy * 10.0 / f);
        }
    }
    (node.dx, node.dy) = (dx, dy);
    if node.fixed {
        return;
    }
    let swinging = node.mass * ((old_dx - dx).powi(2) + (old_dy - dy).powi(2)).sqrt();
    let traction = ((old_dx + dx).powi(2) + (old_dy + dy).powi(2)).sqrt() / 2.0;
    let speed = if o.prevent_overlap {
        0.1 * (1.0 + traction).ln() / (1.0 + swinging.sqrt())
    } else {
        let speed = node.convergence * (1.0 + traction).ln() / (1.0 + swinging.sqrt());
        node.convergence = (speed * (dx * dx + dy * dy) / (1.0 + swinging.sqrt()))
            .sqrt()
            .min(1.0);
        speed
    };
    node.x += dx * speed / slow_down;
    node.y += dy * speed / slow_down;
}
