//! A Barnes-Hut quadtree for the repulsion of ForceAtlas2 (Barnes and Hut, "A hierarchical
//! O(N log N) force-calculation algorithm", Nature 324, 1986).
//!
//! The tree lives in flat arrays. It is built from the bodies sorted by their Morton key (the
//! bits of the two coordinates, interleaved, on a grid of 2^[`MAX_DEPTH`] cells to a side, by
//! a most-significant-byte-first radix sort): the bodies of every square are then a contiguous
//! range, and a region's quadrants are found by binary search on the keys. A region with at
//! most [`LEAF_SIZE`] bodies, or [`MAX_DEPTH`] levels down, or whose side is zero, is a leaf
//! holding every body left in it: coincident points end there instead of splitting forever.
//! Each region records the region to visit once its subtree is done (`next`), so a walk needs
//! no stack. Building costs O(n) plus the sort; a walk costs O(log n) regions for well-spread
//! points.
//!
//! The repulsion ([`QuadTree::repulsion_all`]) is computed group by group (regions of at most
//! [`GROUP_SIZE`] bodies): one walk per group, the near bodies and near regions summed on each
//! body by a vectorised f32 loop (`layout::kernel`), the far regions summed once per group
//! into a local expansion around the group's centre and evaluated on each body (a light
//! form of the fast multipole method's cell-to-cell interactions).
//!
//! Why hand-written: spatial-index crates (k-d trees, R-trees, quadtrees) answer range and
//! nearest-neighbour queries, not mass-weighted far-field sums; and what makes this fast —
//! groups sharing one walk, f32 source lists summed eight at a time, local expansions — and
//! the promise that the result is the same bits whatever the number of threads are specific
//! to this force law and to us.

use rayon::prelude::*;

use super::kernel::{coincident, Simd, Sources};

/// Marks "no region".
const NONE: u32 = u32::MAX;

/// Levels below which a region is not split (2^-32 of the root's side): the bits of a
/// coordinate in a sort key.
pub const MAX_DEPTH: u32 = 32;

/// Regions of at most this many bodies are leaves: a short exact loop is cheaper than four
/// more regions to test.
pub const LEAF_SIZE: usize = 8;

/// The bodies of a region of at most this many bodies (and more in its parent) share one walk
/// of the tree and one list of sources (see [`QuadTree::repulsion_all`]).
pub const GROUP_SIZE: usize = 128;

/// A far region is applied through a first-order expansion around the centre of a group when
/// the group's half-diagonal is less than this share of the distance from the centre to the
/// region's centre of mass (the expansion's error goes as the square of that share).
pub const EXPAND: f64 = 0.7;

/// One square of the tree: its bodies' total mass and centre of mass, and how to walk on.
/// In f32 (32 bytes, two to a cache line): walks visit many regions and need little precision.
#[derive(Debug, Clone, Copy)]
struct Region {
    mass: f32,
    mass_x: f32,
    mass_y: f32,
    /// Length of the square's side.
    side: f32,
    /// First child, or [`NONE`] for a leaf; the children of a region are contiguous.
    first_child: u32,
    /// The region to visit after this one's subtree, or [`NONE`] at the end of the walk.
    next: u32,
    /// The bodies of the region: `bodies[start..end]`.
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

/// A quadtree over a set of bodies, rebuilt every iteration (its buffers are kept).
#[derive(Debug, Default)]
pub struct QuadTree {
    regions: Vec<Region>,
    bodies: Vec<Body>,
    /// The bodies as given, and their sort keys with their index in `input`.
    input: Vec<Body>,
    keys: Vec<(u64, u32)>,
    buffer: Vec<(u64, u32)>,
    /// The bodies' positions and masses in f32, in tree order, for the inner loop.
    xs: Vec<f32>,
    ys: Vec<f32>,
    ms: Vec<f32>,
    /// The groups (see [`GROUP_SIZE`]) in body order; their ranges partition `bodies`.
    groups: Vec<u32>,
    stack: Vec<Pending>,
}

/// Pending work of the build: a region, its bodies and its depth.
#[derive(Debug)]
struct Pending {
    region: u32,
    start: usize,
    end: usize,
    depth: u32,
    /// Inside a group already.
    grouped: bool,
}

/// Per-thread buffers of [`QuadTree::repulsion_all`], reused from group to group.
#[derive(Default)]
struct Scratch {
    /// Sources applied to each body.
    sources: Sources,
    /// Far sources applied through an expansion around the group's centre.
    far: Sources,
    /// The near leaves, as ranges of `bodies`.
    near: Vec<(u32, u32)>,
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
        self.groups.clear();
        self.bodies.clear();
        self.xs.clear();
        self.ys.clear();
        self.ms.clear();
        self.input.clear();
        self.input.extend(bodies);
        if self.input.is_empty() {
            return;
        }
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for b in &self.input {
            min_x = min_x.min(b.x);
            max_x = max_x.max(b.x);
            min_y = min_y.min(b.y);
            max_y = max_y.max(b.y);
        }
        let side = (max_x - min_x).max(max_y - min_y);
        // Cells of the finest level, 2^MAX_DEPTH to a side (NaN and overflow land in cell 0).
        let cells = f64::from(1u32 << (MAX_DEPTH - 1)) * 2.0;
        let scale = if side > 0.0 && side.is_finite() {
            cells / side
        } else {
            0.0
        };
        let cell = move |v: f64, low: f64| ((v - low) * scale).clamp(0.0, cells - 1.0) as u64;
        let QuadTree {
            input,
            keys,
            buffer,
            bodies,
            xs,
            ys,
            ms,
            ..
        } = self;
        keys.clear();
        keys.par_extend(input.par_iter().enumerate().map(|(i, b)| {
            let key = spread(cell(b.x, min_x)) << 1 | spread(cell(b.y, min_y));
            (key, i as u32)
        }));
        // The index breaks ties, so the order is the same whatever the threads do.
        buffer.clear();
        buffer.resize(keys.len(), (0, 0));
        radix_sort(keys, buffer, 7);
        let n = keys.len();
        bodies.resize(n, input[0]);
        xs.resize(n, 0.0);
        ys.resize(n, 0.0);
        ms.resize(n, 0.0);
        const CHUNK: usize = 4096;
        bodies
            .par_chunks_mut(CHUNK)
            .zip(xs.par_chunks_mut(CHUNK))
            .zip(ys.par_chunks_mut(CHUNK))
            .zip(ms.par_chunks_mut(CHUNK))
            .zip(keys.par_chunks(CHUNK))
            .for_each(|((((b, x), y), m), k)| {
                for (j, &(_, i)) in k.iter().enumerate() {
                    let body = input[i as usize];
                    (b[j], x[j], y[j], m[j]) =
                        (body, body.x as f32, body.y as f32, body.mass as f32);
                }
            });
        self.regions.push(empty_region(side as f32, NONE));
        let mut stack = std::mem::take(&mut self.stack);
        stack.push(Pending {
            region: 0,
            start: 0,
            end: self.bodies.len(),
            depth: 0,
            grouped: false,
        });
        while let Some(work) = stack.pop() {
            self.split(work, &mut stack);
        }
        self.stack = stack;
        self.weigh();
    }

    /// Creates the non-empty quadrants of a region, unless it is a leaf. Children go on the
    /// stack last quadrant first, so regions are finished in body order.
    fn split(&mut self, w: Pending, stack: &mut Vec<Pending>) {
        let region = &mut self.regions[w.region as usize];
        region.start = w.start as u32;
        region.end = w.end as u32;
        let count = w.end - w.start;
        // Also stops on NaN or zero sides.
        let leaf = count <= LEAF_SIZE
            || w.depth >= MAX_DEPTH
            || region.side.is_nan()
            || region.side <= 0.0;
        let grouped = w.grouped || leaf || count <= GROUP_SIZE;
        if grouped && !w.grouped {
            self.groups.push(w.region);
        }
        if leaf {
            return;
        }
        // The two bits of the key that choose the quadrant at this depth.
        let shift = 2 * (MAX_DEPTH - 1 - w.depth);
        let keys = &self.keys[w.start..w.end];
        let mut bounds = [0, 0, 0, 0, count];
        for (q, bound) in bounds.iter_mut().enumerate().take(4).skip(1) {
            *bound = keys.partition_point(|&(k, _)| ((k >> shift) & 3) < q as u64);
        }
        let after = region.next;
        let half = region.side / 2.0;
        let first = self.regions.len() as u32;
        let children: Vec<(usize, usize)> = (0..4)
            .map(|q| (bounds[q], bounds[q + 1]))
            .filter(|(s, e)| e > s)
            .collect();
        for k in 0..children.len() {
            let id = first + k as u32;
            let next = if k + 1 < children.len() {
                id + 1
            } else {
                after
            };
            self.regions.push(empty_region(half, next));
        }
        for (k, &(s, e)) in children.iter().enumerate().rev() {
            stack.push(Pending {
                region: first + k as u32,
                start: w.start + s,
                end: w.start + e,
                depth: w.depth + 1,
                grouped,
            });
        }
        self.regions[w.region as usize].first_child = first;
    }

    /// Masses and centres of mass, children before parents (children have larger indices).
    fn weigh(&mut self) {
        for at in (0..self.regions.len()).rev() {
            let region = self.regions[at];
            let (mut mass, mut sx, mut sy) = (0.0, 0.0, 0.0);
            let first_position;
            if region.first_child == NONE {
                let slice = &self.bodies[region.start as usize..region.end as usize];
                for b in slice {
                    mass += b.mass;
                    sx += b.x * b.mass;
                    sy += b.y * b.mass;
                }
                first_position = (slice[0].x, slice[0].y);
            } else {
                let mut child = region.first_child;
                let c = &self.regions[child as usize];
                first_position = (f64::from(c.mass_x), f64::from(c.mass_y));
                loop {
                    let c = &self.regions[child as usize];
                    let m = f64::from(c.mass);
                    mass += m;
                    sx += f64::from(c.mass_x) * m;
                    sy += f64::from(c.mass_y) * m;
                    if c.next == region.next {
                        break;
                    }
                    child = c.next;
                }
            }
            let region = &mut self.regions[at];
            let (x, y) = if mass > 0.0 {
                (sx / mass, sy / mass)
            } else {
                first_position
            };
            (region.mass, region.mass_x, region.mass_y) = (mass as f32, x as f32, y as f32);
        }
    }

    /// The repulsion on every body, in tree order ([`QuadTree::bodies`]), into `out`, computed
    /// in parallel group by group: a group walks the tree once, testing each region against
    /// the group's bounding box (so a region far from the box is far from each of its bodies),
    /// and then applies the regions and bodies it collected to each of its bodies. This shares
    /// the walk among a group's bodies (Barnes, "A modified tree code: don't laugh, it runs",
    /// J. Comput. Phys. 87, 1990). Far regions (farther from the group's centre than its
    /// half-diagonal over [`EXPAND`]) go into one third-order local expansion around the
    /// centre, evaluated on each body; the others, and the bodies of near leaves, are summed on
    /// each body. Both sums run in f32 (see `layout::kernel`); coincident and overlapping pairs
    /// are handled exactly in f64. The group's box test is stricter than the per-body one of
    /// [`QuadTree::repulsion`], which makes up for the expansion's error: a test checks that
    /// the mean error stays below plain Barnes-Hut's.
    pub fn repulsion_all(&self, r: &Repulsion, out: &mut Vec<(f64, f64)>) {
        out.clear();
        out.resize(self.bodies.len(), (0.0, 0.0));
        let simd = Simd::detect();
        let mut parts: Vec<(&Region, &mut [(f64, f64)])> = Vec::with_capacity(self.groups.len());
        let mut rest = &mut out[..];
        for &g in &self.groups {
            let region = &self.regions[g as usize];
            let (part, tail) = rest.split_at_mut((region.end - region.start) as usize);
            parts.push((region, part));
            rest = tail;
        }
        debug_assert!(rest.is_empty(), "groups partition the bodies");
        // Small tasks, so that a thread held up by other work on the machine holds up little.
        parts.into_par_iter().with_max_len(4).for_each_init(
            Scratch::default,
            |scratch, (region, part)| {
                self.group_repulsion(region, r, simd, scratch, part);
            },
        );
    }

    /// Forces on the bodies of one group.
    fn group_repulsion(
        &self,
        group: &Region,
        r: &Repulsion,
        simd: Simd,
        scratch: &mut Scratch,
        out: &mut [(f64, f64)],
    ) {
        let (first, last) = (group.start as usize, group.end as usize);
        let bodies = &self.bodies[first..last];
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for b in bodies {
            (x0, x1, y0, y1) = (x0.min(b.x), x1.max(b.x), y0.min(b.y), y1.max(b.y));
        }
        let theta2 = (r.theta * r.theta) as f32;
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        // A far region is expanded around the centre when the group's half-diagonal is small
        // against its distance from the centre.
        let reach2 = (((x1 - x0).powi(2) + (y1 - y0).powi(2)) / 4.0 / (EXPAND * EXPAND)) as f32;
        let (x0, x1, y0, y1) = (x0 as f32, x1 as f32, y0 as f32, y1 as f32);
        let (fcx, fcy) = (cx as f32, cy as f32);
        let Scratch { sources, far, near } = scratch;
        sources.clear();
        far.clear();
        near.clear();
        let mut at = 0u32;
        while at != NONE {
            let region = &self.regions[at as usize];
            let dx = (x0 - region.mass_x).max(region.mass_x - x1).max(0.0);
            let dy = (y0 - region.mass_y).max(region.mass_y - y1).max(0.0);
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 && 4.0 * region.side * region.side < theta2 * d2 {
                let (mx, my, m) = (region.mass_x, region.mass_y, region.mass);
                let centre2 = (mx - fcx).powi(2) + (my - fcy).powi(2);
                if centre2 > reach2 {
                    far.push(mx, my, m);
                } else {
                    sources.push(mx, my, m);
                }
                at = region.next;
            } else if region.first_child != NONE {
                at = region.first_child;
            } else {
                // Leaves next to each other in the walk are usually next to each other in
                // memory too: one range for both.
                match near.last_mut() {
                    Some(range) if range.1 == region.start => range.1 = region.end,
                    _ => near.push((region.start, region.end)),
                }
                at = region.next;
            }
        }
        if !r.prevent_overlap {
            for &(s, e) in near.iter() {
                let (s, e) = (s as usize, e as usize);
                sources.extend(&self.xs[s..e], &self.ys[s..e], &self.ms[s..e]);
            }
        }
        sources.pad();
        far.pad();
        let expansion = far.expand(fcx, fcy, simd);
        let near_bodies = || near.iter().flat_map(|&(s, e)| s as usize..e as usize);
        for (k, out) in (first..last).zip(out) {
            let body = &self.bodies[k];
            let (px, py) = (self.xs[k], self.ys[k]);
            let (sx, sy, zeros) = sources.sum(px, py, simd);
            let (ex, ey) = expansion.at(body.x, body.y);
            let (sx, sy) = (sx + ex, sy + ey);
            let strength = r.scaling * body.mass;
            let (mut fx, mut fy) = (strength * sx, strength * sy);
            if r.prevent_overlap {
                for j in near_bodies().filter(|&j| j != k) {
                    let (ax, ay) = pair_repulsion(body, &self.bodies[j], r);
                    fx += ax;
                    fy += ay;
                }
            } else if zeros > 1 {
                // Another body at the same place (in f32) as this one.
                for j in near_bodies() {
                    if j != k && coincident(px, py, self.xs[j], self.ys[j]) {
                        let (ax, ay) = pair_repulsion(body, &self.bodies[j], r);
                        fx += ax;
                        fy += ay;
                    }
                }
            }
            *out = (fx, fy);
        }
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
            let (mx, my) = (f64::from(region.mass_x), f64::from(region.mass_y));
            let (dx, dy) = (body.x - mx, body.y - my);
            let d2 = dx * dx + dy * dy;
            let side = f64::from(region.side);
            if d2 > 0.0 && 4.0 * side * side < theta2 * d2 {
                // Far enough: the region acts as one body at its centre of mass.
                let factor = strength * f64::from(region.mass) / d2;
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

/// A Morton key and the index of its body.
type Key = (u64, u32);

/// Sorts `keys` (by key, then index) on their bytes `byte` down to 0, most significant first,
/// with `buffer` (as long as `keys`) as room to move; short runs are sorted by comparison.
/// The tree's keys are spread out, so one or two bytes usually leave runs of a few bodies.
/// Large buckets are sorted in parallel; the result does not depend on it.
fn radix_sort(keys: &mut [(u64, u32)], buffer: &mut [(u64, u32)], byte: u32) {
    if keys.len() <= 64 {
        keys.sort_unstable();
        return;
    }
    let shift = 8 * byte;
    let digit = |k: u64| ((k >> shift) & 0xff) as usize;
    let mut counts = [0usize; 256];
    for &(k, _) in keys.iter() {
        counts[digit(k)] += 1;
    }
    if counts.contains(&keys.len()) {
        // One bucket: nothing to move at this byte.
        if byte == 0 {
            keys.sort_unstable();
        } else {
            radix_sort(keys, buffer, byte - 1);
        }
        return;
    }
    let mut offsets = [0usize; 256];
    for d in 1..256 {
        offsets[d] = offsets[d - 1] + counts[d - 1];
    }
    let mut fill = offsets;
    for &(k, i) in keys.iter() {
        let d = digit(k);
        buffer[fill[d]] = (k, i);
        fill[d] += 1;
    }
    keys.copy_from_slice(buffer);
    let mut parts = Vec::with_capacity(256);
    let (mut rest_keys, mut rest_buffer) = (keys, buffer);
    for &count in &counts {
        let (k, tail_k) = rest_keys.split_at_mut(count);
        let (b, tail_b) = rest_buffer.split_at_mut(count);
        if count > 1 {
            parts.push((k, b));
        }
        (rest_keys, rest_buffer) = (tail_k, tail_b);
    }
    let sort = |(k, b): (&mut [Key], &mut [Key])| {
        if byte == 0 {
            // Equal keys: by index.
            k.sort_unstable();
        } else {
            radix_sort(k, b, byte - 1);
        }
    };
    if parts.len() > 1 && counts.iter().sum::<usize>() >= 1 << 14 {
        parts.into_par_iter().for_each(sort);
    } else {
        parts.into_iter().for_each(sort);
    }
}

/// The bits of `v < 2^32` spread to the even bits of a u64 (Morton order).
fn spread(v: u64) -> u64 {
    let mut x = v & 0xffff_ffff;
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333;
    (x | (x << 1)) & 0x5555_5555_5555_5555
}

fn empty_region(side: f32, next: u32) -> Region {
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
        let mut all = Vec::new();
        tree.repulsion_all(&EXACT, &mut all);
        for (b, (fx, fy)) in tree.bodies().iter().zip(all) {
            let (ex, ey) = tree.repulsion(b, &EXACT);
            let scale = 1e-5 * (ex.abs() + ey.abs() + 1.0);
            assert!((fx - ex).abs() < scale && (fy - ey).abs() < scale);
        }
    }

    /// Mean error of `forces` against the exact sums, over the mean exact force.
    fn relative_error(pts: &[Body], tree: &QuadTree, forces: &[(f64, f64)]) -> f64 {
        let (mut error, mut size) = (0.0, 0.0);
        for (a, &(fx, fy)) in tree.bodies().iter().zip(forces) {
            let (mut ex, mut ey) = (0.0, 0.0);
            for b in pts.iter().filter(|b| b.node != a.node) {
                let (px, py) = pair_repulsion(a, b, &EXACT);
                ex += px;
                ey += py;
            }
            error += ((fx - ex).powi(2) + (fy - ey).powi(2)).sqrt();
            size += (ex * ex + ey * ey).sqrt();
        }
        error / size
    }

    #[test]
    fn the_shared_walks_and_expansions_err_no_more_than_plain_barnes_hut() {
        let mut rng = crate::graph::rng::SplitMix64::new(11);
        // Clustered points: a few dense blobs over a sparse background.
        let pts: Vec<Body> = (0..3000)
            .map(|i| {
                let (cx, cy, spread) = match i % 4 {
                    0 => (0.0, 0.0, 60.0),
                    1 => (10.0, 5.0, 4.0),
                    2 => (-20.0, 15.0, 8.0),
                    _ => (25.0, -25.0, 2.0),
                };
                Body {
                    x: cx + (rng.unit() - 0.5) * spread,
                    y: cy + (rng.unit() - 0.5) * spread,
                    mass: 1.0 + f64::from(i % 5),
                    size: 1.0,
                    node: i,
                }
            })
            .collect();
        let mut tree = QuadTree::new();
        tree.build(pts.iter().copied());
        let r = Repulsion {
            theta: 1.2,
            ..EXACT
        };
        let mut all = Vec::new();
        tree.repulsion_all(&r, &mut all);
        let plain: Vec<(f64, f64)> = tree
            .bodies()
            .iter()
            .map(|b| tree.repulsion(b, &r))
            .collect();
        let (ours, theirs) = (
            relative_error(&pts, &tree, &all),
            relative_error(&pts, &tree, &plain),
        );
        assert!(ours < 0.05, "mean relative error {ours}");
        assert!(
            ours <= 1.1 * theirs,
            "{ours} against plain Barnes-Hut's {theirs}"
        );
        // Deterministic: a second run gives the same bits.
        let mut again = Vec::new();
        tree.repulsion_all(&r, &mut again);
        assert_eq!(all, again);
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
