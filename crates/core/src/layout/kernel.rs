//! The inner loop of the Barnes-Hut repulsion: the pull-free sum `Σ m_j · (p - q_j) / |p - q_j|²`
//! of a list of sources (far regions at their centre of mass, near bodies) on one point.
//!
//! The list is kept in f32 structure-of-arrays, relative to a nearby origin (the centre of the
//! group of bodies that shares it), and is walked eight sources at a time in eight independent
//! lanes: one AVX2 register per step. There are two copies of the loop: AVX2 and FMA
//! intrinsics (chosen at run time by feature detection, since the committed build targets
//! baseline x86-64) and portable scalar code. Both do the same IEEE operations in the same
//! order (fused multiply-adds and divisions are exactly rounded in either), so both give the
//! same bits; the portable one is merely slower.
//!
//! Why not a crate: `std::simd` needs nightly, and the SIMD crates on stable would add a
//! dependency for one loop of a dozen instructions whose exact operation order we want to
//! control (so that both copies agree bit for bit); the loop is tested against the exact f64
//! sum here and in `barnes_hut`.

/// Sources handled per step (one AVX2 register of f32).
pub const LANES: usize = 8;

/// Where padding sources (of mass zero) sit: far enough that they contribute exactly zero,
/// near enough that squares of differences stay finite (so no `inf - inf` in the expansion).
const PAD_XY: f32 = 1.0e18;

/// A list of sources in structure-of-arrays form, padded to a multiple of [`LANES`].
#[derive(Debug, Default, Clone)]
pub struct Sources {
    x: Vec<f32>,
    y: Vec<f32>,
    m: Vec<f32>,
}

impl Sources {
    /// Empties the list, keeping its memory.
    pub fn clear(&mut self) {
        self.x.clear();
        self.y.clear();
        self.m.clear();
    }

    /// Adds a source of mass `m` at `(x, y)` (relative to the list's origin).
    #[inline]
    pub fn push(&mut self, x: f32, y: f32, m: f32) {
        self.x.push(x);
        self.y.push(y);
        self.m.push(m);
    }

    /// Adds the sources at `(x[i], y[i])` of mass `m[i]`.
    pub fn extend(&mut self, x: &[f32], y: &[f32], m: &[f32]) {
        self.x.extend_from_slice(x);
        self.y.extend_from_slice(y);
        self.m.extend_from_slice(m);
    }

    /// Pads with massless far sources up to a multiple of [`LANES`]. Call before [`Sources::sum`].
    pub fn pad(&mut self) {
        while !self.x.len().is_multiple_of(LANES) {
            self.push(PAD_XY, PAD_XY, 0.0);
        }
    }

    /// The sum over the sources of `m · (p - q) / |p - q|²` at `p = (px, py)`, in f64, and the
    /// number of sources at distance zero from `p` in f32 (they are left out of the sum; the
    /// caller decides what a coincident source does, see [`coincident`]).
    #[inline]
    pub fn sum(&self, px: f32, py: f32, simd: Simd) -> (f64, f64, u32) {
        match simd {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Simd::Avx2Fma` is only made by `Simd::detect` once the CPU has both.
            Simd::Avx2Fma => unsafe { sum_avx2_fma(self, px, py) },
            Simd::Portable => sum_lanes(self, px, py),
        }
    }
}

impl Sources {
    /// The local expansion of the sum around `c = (cx, cy)`, to third order. In complex
    /// numbers the sum at `z` is `Σ m / conj(z - q)`, analytic in `conj(z)`, so near `c` it is
    /// `e0 + e1·t + e2·t² + e3·t³` with `t = conj(z - c)` and `e_k = (-1)^k Σ m·u^(k+1)`,
    /// `u = 1 / conj(c - q)`; [`Expansion::at`] evaluates it. The error of the truncated series
    /// goes as `(|z - c| / |c - q|)^4`. Sources at distance zero from `c` are left out.
    #[inline]
    pub fn expand(&self, cx: f32, cy: f32, simd: Simd) -> Expansion {
        let lanes = match simd {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Simd::Avx2Fma` is only made by `Simd::detect` once the CPU has both.
            Simd::Avx2Fma => unsafe { expand_avx2_fma(self, cx, cy) },
            Simd::Portable => expand_lanes(self, cx, cy),
        };
        let mut e = [0.0f64; 2 * ORDERS];
        for (e, l) in e.iter_mut().zip(&lanes) {
            for &v in l {
                *e += f64::from(v);
            }
        }
        // Odd terms carry a minus sign.
        for k in (2..2 * ORDERS).step_by(4) {
            (e[k], e[k + 1]) = (-e[k], -e[k + 1]);
        }
        Expansion { cx, cy, e }
    }
}

/// Terms of the local expansion (orders 0 to 3).
const ORDERS: usize = 4;

/// A local expansion made by [`Sources::expand`]: `e[2k] + i·e[2k + 1]` is the coefficient of
/// order `k`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expansion {
    cx: f32,
    cy: f32,
    e: [f64; 2 * ORDERS],
}

impl Expansion {
    /// The expanded sum at `(x, y)`.
    #[inline]
    pub fn at(&self, x: f64, y: f64) -> (f64, f64) {
        let (tx, ty) = (x - f64::from(self.cx), f64::from(self.cy) - y);
        let e = &self.e;
        let (mut re, mut im) = (e[2 * ORDERS - 2], e[2 * ORDERS - 1]);
        for k in (0..ORDERS - 1).rev() {
            (re, im) = (
                re * tx - im * ty + e[2 * k],
                re * ty + im * tx + e[2 * k + 1],
            );
        }
        (re, im)
    }
}

/// Which compiled copy of the loop to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simd {
    /// AVX2 and FMA on x86-64.
    #[cfg(target_arch = "x86_64")]
    Avx2Fma,
    /// The build target's own instructions.
    Portable,
}

impl Simd {
    /// The fastest copy this CPU runs.
    pub fn detect() -> Simd {
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            return Simd::Avx2Fma;
        }
        Simd::Portable
    }
}

/// The f32 squared distance the loop computes between `p` and `q`: a source with this at zero
/// (or NaN) is left out of [`Sources::sum`].
#[inline(always)]
pub fn squared_distance(px: f32, py: f32, qx: f32, qy: f32) -> f32 {
    let (dx, dy) = (px - qx, py - qy);
    dx.mul_add(dx, dy * dy)
}

/// True when [`Sources::sum`] leaves the source at `q` out for the point `p`.
#[inline]
pub fn coincident(px: f32, py: f32, qx: f32, qy: f32) -> bool {
    let d2 = squared_distance(px, py, qx, qy);
    d2.is_nan() || d2 <= 0.0
}

/// [`sum_lanes`] in AVX2 and FMA intrinsics, operation for operation.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn sum_avx2_fma(s: &Sources, px: f32, py: f32) -> (f64, f64, u32) {
    use std::arch::x86_64::*;
    let n = s.x.len();
    assert!(n.is_multiple_of(LANES) && s.y.len() == n && s.m.len() == n);
    let (vx, vy) = (_mm256_set1_ps(px), _mm256_set1_ps(py));
    let zero = _mm256_setzero_ps();
    let (mut ax, mut ay, mut zeros) = (zero, zero, 0u32);
    for i in (0..n).step_by(LANES) {
        // SAFETY: `i + LANES <= n`, the length of all three arrays (asserted above).
        let (qx, qy, qm) = unsafe {
            (
                _mm256_loadu_ps(s.x.as_ptr().add(i)),
                _mm256_loadu_ps(s.y.as_ptr().add(i)),
                _mm256_loadu_ps(s.m.as_ptr().add(i)),
            )
        };
        let dx = _mm256_sub_ps(vx, qx);
        let dy = _mm256_sub_ps(vy, qy);
        let d2 = _mm256_fmadd_ps(dx, dx, _mm256_mul_ps(dy, dy));
        let inside = _mm256_cmp_ps::<_CMP_GT_OQ>(d2, zero);
        let f = _mm256_and_ps(_mm256_div_ps(qm, d2), inside);
        ax = _mm256_fmadd_ps(dx, f, ax);
        ay = _mm256_fmadd_ps(dy, f, ay);
        zeros += LANES as u32 - (_mm256_movemask_ps(inside) as u32).count_ones();
    }
    let (mut lx, mut ly) = ([0.0f32; LANES], [0.0f32; LANES]);
    // SAFETY: both arrays hold exactly one register.
    unsafe {
        _mm256_storeu_ps(lx.as_mut_ptr(), ax);
        _mm256_storeu_ps(ly.as_mut_ptr(), ay);
    }
    let (mut fx, mut fy) = (0.0f64, 0.0f64);
    for l in 0..LANES {
        fx += f64::from(lx[l]);
        fy += f64::from(ly[l]);
    }
    (fx, fy, zeros)
}

/// The portable loop: lane `l` sums the sources `l, l + 8, ...`; the lanes are added in f64.
fn sum_lanes(s: &Sources, px: f32, py: f32) -> (f64, f64, u32) {
    let mut ax = [0.0f32; LANES];
    let mut ay = [0.0f32; LANES];
    let mut zeros = 0u32;
    let chunks =
        s.x.chunks_exact(LANES)
            .zip(s.y.chunks_exact(LANES))
            .zip(s.m.chunks_exact(LANES));
    for ((xs, ys), ms) in chunks {
        for l in 0..LANES {
            let (dx, dy) = (px - xs[l], py - ys[l]);
            let d2 = dx.mul_add(dx, dy * dy);
            let inside = d2 > 0.0;
            let f = if inside { ms[l] / d2 } else { 0.0 };
            ax[l] = dx.mul_add(f, ax[l]);
            ay[l] = dy.mul_add(f, ay[l]);
            zeros += u32::from(!inside);
        }
    }
    let (mut fx, mut fy) = (0.0f64, 0.0f64);
    for l in 0..LANES {
        fx += f64::from(ax[l]);
        fy += f64::from(ay[l]);
    }
    (fx, fy, zeros)
}

/// [`expand_lanes`] in AVX2 and FMA intrinsics, operation for operation.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn expand_avx2_fma(s: &Sources, cx: f32, cy: f32) -> [[f32; LANES]; 2 * ORDERS] {
    use std::arch::x86_64::*;
    let n = s.x.len();
    assert!(n.is_multiple_of(LANES) && s.y.len() == n && s.m.len() == n);
    let (vx, vy) = (_mm256_set1_ps(cx), _mm256_set1_ps(cy));
    let (zero, one) = (_mm256_setzero_ps(), _mm256_set1_ps(1.0));
    let mut acc = [zero; 2 * ORDERS];
    for i in (0..n).step_by(LANES) {
        // SAFETY: `i + LANES <= n`, the length of all three arrays (asserted above).
        let (qx, qy, qm) = unsafe {
            (
                _mm256_loadu_ps(s.x.as_ptr().add(i)),
                _mm256_loadu_ps(s.y.as_ptr().add(i)),
                _mm256_loadu_ps(s.m.as_ptr().add(i)),
            )
        };
        let dx = _mm256_sub_ps(vx, qx);
        let dy = _mm256_sub_ps(vy, qy);
        let d2 = _mm256_fmadd_ps(dx, dx, _mm256_mul_ps(dy, dy));
        let inside = _mm256_cmp_ps::<_CMP_GT_OQ>(d2, zero);
        let inv = _mm256_and_ps(_mm256_div_ps(one, d2), inside);
        let (ux, uy) = (_mm256_mul_ps(dx, inv), _mm256_mul_ps(dy, inv));
        let (mut px, mut py) = (_mm256_mul_ps(qm, ux), _mm256_mul_ps(qm, uy));
        for k in 0..ORDERS {
            if k > 0 {
                (px, py) = (
                    _mm256_fmsub_ps(px, ux, _mm256_mul_ps(py, uy)),
                    _mm256_fmadd_ps(px, uy, _mm256_mul_ps(py, ux)),
                );
            }
            acc[2 * k] = _mm256_add_ps(acc[2 * k], px);
            acc[2 * k + 1] = _mm256_add_ps(acc[2 * k + 1], py);
        }
    }
    let mut lanes = [[0.0f32; LANES]; 2 * ORDERS];
    for (l, a) in lanes.iter_mut().zip(acc) {
        // SAFETY: the array holds exactly one register.
        unsafe { _mm256_storeu_ps(l.as_mut_ptr(), a) };
    }
    lanes
}

/// The portable expansion: lane `l` sums the sources `l, l + 8, ...`.
fn expand_lanes(s: &Sources, cx: f32, cy: f32) -> [[f32; LANES]; 2 * ORDERS] {
    let mut acc = [[0.0f32; LANES]; 2 * ORDERS];
    let chunks =
        s.x.chunks_exact(LANES)
            .zip(s.y.chunks_exact(LANES))
            .zip(s.m.chunks_exact(LANES));
    for ((xs, ys), ms) in chunks {
        for l in 0..LANES {
            let (dx, dy) = (cx - xs[l], cy - ys[l]);
            let d2 = dx.mul_add(dx, dy * dy);
            let inv = if d2 > 0.0 { 1.0 / d2 } else { 0.0 };
            let (ux, uy) = (dx * inv, dy * inv);
            let (mut px, mut py) = (ms[l] * ux, ms[l] * uy);
            for k in 0..ORDERS {
                if k > 0 {
                    (px, py) = (px.mul_add(ux, -(py * uy)), px.mul_add(uy, py * ux));
                }
                acc[2 * k][l] += px;
                acc[2 * k + 1][l] += py;
            }
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::rng::SplitMix64;

    #[test]
    fn both_copies_agree_with_the_exact_sum() {
        let mut rng = SplitMix64::new(5);
        let mut s = Sources::default();
        let mut exact = Vec::new();
        for _ in 0..203 {
            let (x, y, m) = (
                rng.unit() * 20.0 - 10.0,
                rng.unit() * 20.0 - 10.0,
                1.0 + rng.unit(),
            );
            s.push(x as f32, y as f32, m as f32);
            exact.push((
                f64::from(x as f32),
                f64::from(y as f32),
                f64::from(m as f32),
            ));
        }
        // One source exactly on the point.
        s.push(0.5, -0.25, 2.0);
        s.pad();
        let (px, py) = (0.5f32, -0.25f32);
        let (mut ex, mut ey, mut size) = (0.0, 0.0, 0.0);
        for (x, y, m) in exact {
            let (dx, dy) = (f64::from(px) - x, f64::from(py) - y);
            let d2 = dx * dx + dy * dy;
            ex += m * dx / d2;
            ey += m * dy / d2;
            size += m / d2.sqrt();
        }
        let portable = s.sum(px, py, Simd::Portable);
        let fast = s.sum(px, py, Simd::detect());
        assert_eq!(portable, fast);
        let (fx, fy, zeros) = portable;
        assert_eq!(zeros, 1);
        assert!((fx - ex).abs() < 1e-6 * size, "{fx} against {ex}");
        assert!((fy - ey).abs() < 1e-6 * size, "{fy} against {ey}");
    }

    #[test]
    fn the_expansion_is_the_sum_near_its_centre() {
        let mut rng = SplitMix64::new(8);
        let mut s = Sources::default();
        for _ in 0..100 {
            // Sources at distance 10 to 20 from the point (3, -2).
            let (r, a) = (10.0 + 10.0 * rng.unit(), rng.unit() * std::f64::consts::TAU);
            s.push(
                (3.0 + r * a.cos()) as f32,
                (-2.0 + r * a.sin()) as f32,
                (1.0 + rng.unit()) as f32,
            );
        }
        s.pad();
        let e = s.expand(3.0, -2.0, Simd::Portable);
        assert_eq!(e, s.expand(3.0, -2.0, Simd::detect()));
        let (cx, cy) = e.at(3.0, -2.0);
        let (sx, sy, _) = s.sum(3.0, -2.0, Simd::Portable);
        assert!((cx - sx).abs() < 1e-5 && (cy - sy).abs() < 1e-5);
        let size: f64 = s.m.iter().map(|&m| f64::from(m) / 10.0).sum();
        for (dx, dy) in [(2.0f32, 0.0f32), (0.0, -2.0), (1.2, 1.6), (3.0, 3.0)] {
            let (x, y) = (3.0 + dx, -2.0 + dy);
            let (ex, ey, _) = s.sum(x, y, Simd::Portable);
            let (px, py) = e.at(f64::from(x), f64::from(y));
            // The error is fourth order: (|δ| / distance)^4 of the size of the terms.
            let bound = 2.0 * size * (f64::from(dx * dx + dy * dy) / 100.0).powi(2) + 1e-5;
            assert!(
                (px - ex).abs() < bound && (py - ey).abs() < bound,
                "({px}, {py}) against ({ex}, {ey}), bound {bound}"
            );
        }
    }
}
