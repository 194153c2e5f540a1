//! A Barnes-Hut quadtree for the repulsion of ForceAtlas2 (Barnes and Hut, "A hierarchical
//! O(N log N) force-calculation algorithm", Nature 324, 1986).
//!
//! The tree lives in flat arrays and is built without recursion: a work stack of index ranges,
//! each split into its four quadrants by a counting pass. Bodies are stored in tree order, so a
//! leaf is a contiguous range and neighbouring queries touch neighbouring memory. A region whose
//! side has shrunk to nothing, or that is [`MAX_DEPTH`] levels down, becomes a leaf holding
//! every body left in it: coincident points end there instead of splitting forever.
//!
//! Each region records the region to visit once its subtree is done (`next`), so a query walks
//! the tree with no stack either. Building costs O(n log n) for spread-out points and at most
//! O(n · [`MAX_DEPTH`]); a query costs O(log n) regions for well-spread points.

use rayon::prelude::*;

/// Marks "no region".
const NONE: u32 = u32::MAX;

/// Levels below which a region is not split (2^-48 of the root's side).
pub const MAX_DEPTH: u32 = 48;

/// Regions of at most this many bodies are leaves: a short exact loop is cheaper than four
/// more regions to test.
pub const LEAF_SIZE: usize = 8;

/// One square of the tree: its bodies' total mass and centre of mass, and how to walk on.
#[derive(Debug, Clone, Copy)]
struct Region {
    mass: f64,
    mass_x: f64,
    mass_y: f64,
    /// Length of the square's side.
    side: f64,
    /// First child, or [`NONE`] for a leaf; the children of a region are contiguous.
    first_child: u32,
    /// The region to visit after this one's subtree, or [`NONE`] at the end of the walk.
    next: u32,
    /// The bodies of a leaf: `bodies[start..end]`.
    start: u32,
    end: u32,
}

/// A body as stored in the tree: position, mass, radius and its index in the caller's arrays.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// Mass (ForceAtlas2: degree + 1).
    pub mass: f64,
    /// Radius, for overlap prevention.
    pub size: f64,
    /// Index of the node.
    pub node: u32,
}

/// How a body is repelled: the ForceAtlas2 constants of one iteration.
#[derive(Debug, Clone, Copy)]
pub struct Repulsion {
    /// The scaling ratio `kr`.
    pub scaling: f64,
    /// Barnes-Hut accuracy: a region is treated as one body when `2 · side / distance < theta`
    /// (graphology's test; smaller is more exact).
    pub theta: f64,
    /// Subtract radii and push overlapping bodies apart hard.
    pub prevent_overlap: bool,
}

/// A quadtree over a set of bodies, rebuilt every iteration.
#[derive(Debug, Default)]
pub struct QuadTree {
    regions: Vec<Region>,
    bodies: Vec<Body>,
    scratch: Vec<Body>,
    /// The leaves, in build order; their body ranges partition `bodies`.
    leaves: Vec<u32>,
}

/// Pending work of the build: a region, its bodies, its square and its depth.
struct Pending {
    region: u32,
    start: usize,
    end: usize,
    cx: f64,
    cy: f64,
    side: f64,
    depth: u32,
}

impl QuadTree {
    /// An empty tree (buffers are reused across [`QuadTree::build`] calls).
    pub fn new() -> Self {
        QuadTree::default()
    }

    /// The bodies in tree order (spatially sorted): querying in this order is cache-friendly.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// Rebuilds the tree over `bodies`.
    pub fn build(&mut self, bodies: impl IntoIterator<Item = Body>) {
        self.regions.clear();
        self.leaves.clear();
        self.bodies.clear();
        self.bodies.extend(bodies);
        if self.bodies.is_empty() {
            return;
        }
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for b in &self.bodies {
            min_x = min_x.min(b.x);
            max_x = max_x.max(b.x);
            min_y = min_y.min(b.y);
            max_y = max_y.max(b.y);
        }
        let side = (max_x - min_x).max(max_y - min_y);
        self.regions.push(empty_region(side, NONE));
        let mut stack = vec![Pending {
            region: 0,
            start: 0,
            end: self.bodies.len(),
            cx: (min_x + max_x) / 2.0,
            cy: (min_y + max_y) / 2.0,
            side,
            depth: 0,
        }];
        while let Some(work) = stack.pop() {
            self.split(work, &mut stack);
        }
    }

    /// Weighs one region and, unless it is a leaf, creates its non-empty quadrants.
    fn split(&mut self, w: Pending, stack: &mut Vec<Pending>) {
        let slice = &self.bodies[w.start..w.end];
        let (mut mass, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for b in slice {
            mass += b.mass;
            sx += b.x * b.mass;
            sy += b.y * b.mass;
        }
        let region = &mut self.regions[w.region as usize];
        region.mass = mass;
        (region.mass_x, region.mass_y) = if mass > 0.0 {
            (sx / mass, sy / mass)
        } else {
            (slice[0].x, slice[0].y)
        };
        region.start = w.start as u32;
        region.end = w.end as u32;
        // Also stops on NaN or zero sides.
        if w.end - w.start <= LEAF_SIZE || w.depth >= MAX_DEPTH || w.side.is_nan() || w.side <= 0.0
        {
            self.leaves.push(w.region);
            return;
        }
        let quadrant = |b: &Body| usize::from(b.x >= w.cx) * 2 + usize::from(b.y >= w.cy);
        let mut counts = [0usize; 4];
        for b in slice {
            counts[quadrant(b)] += 1;
        }
        let mut offsets = [0usize; 4];
        for q in 1..4 {
            offsets[q] = offsets[q - 1] + counts[q - 1];
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(slice);
        let mut fill = offsets;
        for b in &self.scratch {
            let q = quadrant(b);
            self.bodies[w.start + fill[q]] = *b;
            fill[q] += 1;
        }
        let after = self.regions[w.region as usize].next;
        let first = self.regions.len() as u32;
        let children: Vec<usize> = (0..4).filter(|&q| counts[q] > 0).collect();
        let half = w.side / 2.0;
        for (k, &q) in children.iter().enumerate() {
            let id = first + k as u32;
            let next = if k + 1 < children.len() {
                id + 1
            } else {
                after
            };
            self.regions.push(empty_region(half, next));
            let dx = if q >= 2 { half / 2.0 } else { -half / 2.0 };
            let dy = if q % 2 == 1 { half / 2.0 } else { -half / 2.0 };
            stack.push(Pending {
                region: id,
                start: w.start + offsets[q],
                end: w.start + offsets[q] + counts[q],
                cx: w.cx + dx,
                cy: w.cy + dy,
                side: half,
                depth: w.depth + 1,
            });
        }
        self.regions[w.region as usize].first_child = first;
    }

    /// The repulsion on every body, in tree order ([`QuadTree::bodies`]), computed in parallel
    /// leaf by leaf: a leaf walks the tree once, testing each region against the leaf's
    /// bounding box (so a region far from the box is far from each of its bodies), and then
    /// applies the regions and bodies it collected to each of its bodies. This shares the walk
    /// among a leaf's bodies (Barnes, "A modified tree code: don't laugh, it runs", J. Comput.
    /// Phys. 87, 1990) and is never less exact than [`QuadTree::repulsion`].
    pub fn repulsion_all(&self, r: &Repulsion) -> Vec<(f64, f64)> {
        let parts: Vec<Vec<(f64, f64)>> = self
            .leaves
            .par_iter()
            .map(|&leaf| self.leaf_repulsion(&self.regions[leaf as usize], r))
            .collect();
        let mut out = vec![(0.0, 0.0); self.bodies.len()];
        for (&leaf, part) in self.leaves.iter().zip(parts) {
            let start = self.regions[leaf as usize].start as usize;
            out[start..start + part.len()].copy_from_slice(&part);
        }
        out
    }

    /// Forces on the bodies of one leaf.
    fn leaf_repulsion(&self, leaf: &Region, r: &Repulsion) -> Vec<(f64, f64)> {
        let group = &self.bodies[leaf.start as usize..leaf.end as usize];
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for b in group {
            (x0, x1, y0, y1) = (x0.min(b.x), x1.max(b.x), y0.min(b.y), y1.max(b.y));
        }
        let theta2 = r.theta * r.theta;
        let mut far: Vec<(f64, f64, f64)> = Vec::new();
        let mut near: Vec<&[Body]> = Vec::new();
        let mut at = 0u32;
        while at != NONE {
            let region = &self.regions[at as usize];
            let dx = (x0 - region.mass_x).max(region.mass_x - x1).max(0.0);
            let dy = (y0 - region.mass_y).max(region.mass_y - y1).max(0.0);
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 && 4.0 * region.side * region.side < theta2 * d2 {
                far.push((region.mass_x, region.mass_y, region.mass));
                at = region.next;
            } else if region.first_child != NONE {
                at = region.first_child;
            } else {
                near.push(&self.bodies[region.start as usize..region.end as usize]);
                at = region.next;
            }
        }
        group
            .iter()
            .map(|body| {
                let strength = r.scaling * body.mass;
                let (mut fx, mut fy) = (0.0, 0.0);
                for &(mx, my, mass) in &far {
                    let (dx, dy) = (body.x - mx, body.y - my);
                    let factor = strength * mass / (dx * dx + dy * dy);
                    fx += dx * factor;
                    fy += dy * factor;
                }
                for other in near.iter().copied().flatten() {
                    let (dx, dy) = (body.x - other.x, body.y - other.y);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 && !r.prevent_overlap {
                        let factor = strength * other.mass / d2;
                        fx += dx * factor;
                        fy += dy * factor;
                    } else if other.node != body.node {
                        let (px, py) = pair_repulsion(body, other, r);
                        fx += px;
                        fy += py;
                    }
                }
                (fx, fy)
            })
            .collect()
    }

    /// The repulsion on `body` from every other body of the tree.
    pub fn repulsion(&self, body: &Body, r: &Repulsion) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        if self.regions.is_empty() {
            return (fx, fy);
        }
        let theta2 = r.theta * r.theta;
        let strength = r.scaling * body.mass;
        let mut at = 0u32;
        while at != NONE {
            let region = &self.regions[at as usize];
            let (dx, dy) = (body.x - region.mass_x, body.y - region.mass_y);
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 && 4.0 * region.side * region.side < theta2 * d2 {
                // Far enough: the region acts as one body at its centre of mass.
                let factor = strength * region.mass / d2;
                fx += dx * factor;
                fy += dy * factor;
                at = region.next;
            } else if region.first_child != NONE {
                at = region.first_child;
            } else {
                let bodies = &self.bodies[region.start as usize..region.end as usize];
                for other in bodies {
                    let (dx, dy) = (body.x - other.x, body.y - other.y);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 && !r.prevent_overlap {
                        let factor = strength * other.mass / d2;
                        fx += dx * factor;
                        fy += dy * factor;
                    } else if other.node != body.node {
                        let (px, py) = pair_repulsion(body, other, r);
                        fx += px;
                        fy += py;
                    }
                }
                at = region.next;
            }
        }
        (fx, fy)
    }
}

fn empty_region(side: f64, next: u32) -> Region {
    Region {
        mass: 0.0,
        mass_x: 0.0,
        mass_y: 0.0,
        side,
        first_child: NONE,
        next,
        start: 0,
        end: 0,
    }
}

/// The exact ForceAtlas2 repulsion of `b` on `a`: `kr · m_a · m_b / d` away from `b`, with
/// radii subtracted and a hundredfold push on overlap when preventing overlap. Coincident
/// bodies are pushed apart along a direction fixed by the pair, as if one unit apart, so that
/// they separate deterministically instead of staying stuck (graphology leaves them be).
pub fn pair_repulsion(a: &Body, b: &Body, r: &Repulsion) -> (f64, f64) {
    let (mut dx, mut dy) = (a.x - b.x, a.y - b.y);
    let mut d2 = dx * dx + dy * dy;
    if d2 == 0.0 {
        (dx, dy) = split_direction(a.node, b.node);
        d2 = 1.0;
    }
    let strength = r.scaling * a.mass * b.mass;
    let factor = if r.prevent_overlap {
        let gap = d2.sqrt() - a.size - b.size;
        if gap > 0.0 {
            strength / (gap * gap)
        } else {
            100.0 * strength
        }
    } else {
        strength / d2
    };
    (dx * factor, dy * factor)
}

/// A unit vector for a coincident pair, opposite for the two members of the pair.
fn split_direction(a: u32, b: u32) -> (f64, f64) {
    let (lo, hi) = (a.min(b), a.max(b));
    let mut rng = crate::graph::rng::SplitMix64::new(u64::from(lo) << 32 | u64::from(hi));
    let angle = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU;
    let sign = if a < b { 1.0 } else { -1.0 };
    (sign * angle.cos(), sign * angle.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(node: u32, x: f64, y: f64) -> Body {
        Body {
            x,
            y,
            mass: 1.0,
            size: 1.0,
            node,
        }
    }

    const EXACT: Repulsion = Repulsion {
        scaling: 1.0,
        theta: 0.0,
        prevent_overlap: false,
    };

    #[test]
    fn a_zero_theta_gives_the_exact_sum() {
        let pts: Vec<Body> = (0..50)
            .map(|i| body(i, f64::from(i % 7) * 1.3, f64::from(i / 7) * 0.7))
            .collect();
        let mut tree = QuadTree::new();
        tree.build(pts.iter().copied());
        for a in &pts {
            let (fx, fy) = tree.repulsion(a, &EXACT);
            let (mut ex, mut ey) = (0.0, 0.0);
            for b in pts.iter().filter(|b| b.node != a.node) {
                let (px, py) = pair_repulsion(a, b, &EXACT);
                ex += px;
                ey += py;
            }
            assert!((fx - ex).abs() < 1e-9 && (fy - ey).abs() < 1e-9);
        }
        for (b, (fx, fy)) in tree.bodies().iter().zip(tree.repulsion_all(&EXACT)) {
            assert_eq!((fx, fy), tree.repulsion(b, &EXACT));
        }
    }

    #[test]
    fn coincident_points_build_a_bounded_tree_and_are_pushed_apart() {
        let pts: Vec<Body> = (0..1000).map(|i| body(i, 3.0, 3.0)).collect();
        let mut tree = QuadTree::new();
        tree.build(pts.iter().copied());
        assert!(tree.regions.len() <= 1 + 4 * MAX_DEPTH as usize);
        let (fx, fy) = tree.repulsion(&pts[0], &EXACT);
        assert!(fx.is_finite() && fy.is_finite() && fx * fx + fy * fy > 0.0);
        let (ax, ay) = pair_repulsion(&pts[1], &pts[2], &EXACT);
        let (bx, by) = pair_repulsion(&pts[2], &pts[1], &EXACT);
        assert_eq!((ax, ay), (-bx, -by));
    }
}
