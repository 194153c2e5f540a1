//! A small, deterministic force-directed layout for the network picture.
//!
//! Fruchterman and Reingold, "Graph drawing by force-directed placement", Software: Practice and
//! Experience 21(11), 1991: every pair of nodes repels (k²/d), every edge attracts (d²/k), and
//! a temperature that falls linearly caps how far a node moves per step. A weak pull toward the
//! centre keeps separate components on the page. O(n²) per iteration: fine up to a few hundred
//! nodes, which is all the picture draws. The same input and seed give the same picture.

use caremap_core::graph::rng::SplitMix64;

/// Choices for [`force_layout`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Seed of the starting positions.
    pub seed: u64,
    /// Number of steps.
    pub iterations: usize,
    /// Pull toward the centre, relative to the ideal edge length.
    pub gravity: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            seed: 42,
            iterations: 400,
            gravity: 0.08,
        }
    }
}

/// A position in the layout's own units (roughly the unit square, centred on the origin).
pub type Point = (f64, f64);

/// Places `n` nodes joined by `edges` (pairs of node indices; out-of-range pairs and loops are
/// ignored). Returns one point per node.
pub fn force_layout(n: usize, edges: &[(usize, usize)], options: &LayoutOptions) -> Vec<Point> {
    if n == 0 {
        return Vec::new();
    }
    let mut rng = SplitMix64::new(options.seed);
    // Start on a jittered spiral: spread out, so no two nodes start on top of each other.
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let angle = i as f64 * 2.399_963; // the golden angle
            let radius = 0.5 * ((i as f64 + 0.5) / n as f64).sqrt();
            (
                radius * angle.cos() + 0.01 * (rng.unit() - 0.5),
                radius * angle.sin() + 0.01 * (rng.unit() - 0.5),
            )
        })
        .collect();
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|(a, b)| a != b && *a < n && *b < n)
        .collect();
    let k = (1.0 / n as f64).sqrt();
    let mut disp = vec![(0.0, 0.0); n];
    let iterations = options.iterations.max(1);
    for step in 0..iterations {
        let temperature = 0.1 * (1.0 - step as f64 / iterations as f64) + 0.002;
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(1e-9);
                let f = k * k / d2; // (k²/d) along the unit vector (dx/d, dy/d)
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b) in &edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            let f = d / k; // (d²/k) along the unit vector
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            let (x, y) = pos[i];
            let d = (x * x + y * y).sqrt();
            disp[i].0 -= options.gravity * x * d / k;
            disp[i].1 -= options.gravity * y * d / k;
            let (dx, dy) = disp[i];
            let len = (dx * dx + dy * dy).sqrt().max(1e-12);
            let moved = len.min(temperature);
            pos[i].0 += dx / len * moved;
            pos[i].1 += dy / len * moved;
        }
    }
    pos
}

/// Lays out each connected component on its own with [`force_layout`], scales it so nodes are
/// about one unit apart whatever its size, and packs the components in rows, largest first
/// (so a small separate group sits beside the main network instead of being pushed far away).
pub fn layout_components(
    n: usize,
    edges: &[(usize, usize)],
    options: &LayoutOptions,
) -> Vec<Point> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .filter(|(a, b)| a != b && *a < n && *b < n)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    for &(a, b) in &pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    for v in 0..n {
        let root = find(&mut parent, v);
        if group_of[root] == usize::MAX {
            group_of[root] = groups.len();
            groups.push(Vec::new());
        }
        group_of[v] = group_of[root];
        groups[group_of[v]].push(v);
    }
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut local = vec![0usize; n];
    let mut boxes: Vec<(Vec<Point>, f64, f64)> = Vec::new();
    for g in &groups {
        for (k, &v) in g.iter().enumerate() {
            local[v] = k;
        }
        let member: Vec<bool> = {
            let mut m = vec![false; n];
            g.iter().for_each(|&v| m[v] = true);
            m
        };
        let sub: Vec<(usize, usize)> = pairs
            .iter()
            .filter(|(a, _)| member[*a])
            .map(|&(a, b)| (local[a], local[b]))
            .collect();
        let raw = force_layout(g.len(), &sub, options);
        let scale = (g.len() as f64).sqrt() * 1.6;
        let (min_x, max_x) = bounds(raw.iter().map(|p| p.0));
        let (min_y, max_y) = bounds(raw.iter().map(|p| p.1));
        let pts: Vec<Point> = raw
            .iter()
            .map(|p| ((p.0 - min_x) * scale, (p.1 - min_y) * scale))
            .collect();
        boxes.push((pts, (max_x - min_x) * scale, (max_y - min_y) * scale));
    }
    // Shelf packing: rows as wide as the largest component (or the square root of the total
    // area, if wider), a margin of one unit and a half around each component.
    let margin = 1.5;
    let total: f64 = boxes.iter().map(|b| (b.1 + margin) * (b.2 + margin)).sum();
    let row_width = boxes
        .first()
        .map_or(0.0, |b| b.1 + margin)
        .max(total.sqrt() * 1.3);
    let mut out = vec![(0.0, 0.0); n];
    let (mut x, mut y, mut row_height) = (0.0, 0.0, 0.0f64);
    for (g, (pts, w, h)) in groups.iter().zip(&boxes) {
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_height + margin;
            row_height = 0.0;
        }
        for (&v, p) in g.iter().zip(pts) {
            out[v] = (x + p.0, y + p.1);
        }
        x += w + margin;
        row_height = row_height.max(*h);
    }
    out
}

/// The smallest and largest of `values`.
pub(crate) fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: Point, b: Point) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn same_seed_same_picture() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3)];
        let o = LayoutOptions::default();
        assert_eq!(force_layout(4, &edges, &o), force_layout(4, &edges, &o));
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles joined by one edge: within a triangle nodes sit closer than across.
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)];
        let p = force_layout(6, &edges, &LayoutOptions::default());
        assert!(dist(p[0], p[1]) < dist(p[0], p[5]));
        assert!(p.iter().all(|q| q.0.is_finite() && q.1.is_finite()));
    }
}
