//! After the layout: fitting the points to the drawing and pushing apart nodes (and their labels)
//! that would overlap.

use crate::layout::{bounds, Point};

/// Maps points into the box (x, y, width, height), keeping a margin of `pad`, stretching each
/// axis independently but never by more than 1.6 times the other (the map should not look
/// squashed).
pub fn fit_to_box(points: &[Point], frame: (f64, f64, f64, f64), pad: f64) -> Vec<Point> {
    if points.is_empty() {
        return Vec::new();
    }
    let (x0, y0, w, h) = frame;
    let (min_x, max_x) = bounds(points.iter().map(|p| p.0));
    let (min_y, max_y) = bounds(points.iter().map(|p| p.1));
    let (span_x, span_y) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
    let mut sx = (w - 2.0 * pad).max(1.0) / span_x;
    let mut sy = (h - 2.0 * pad).max(1.0) / span_y;
    sx = sx.min(sy * 1.6);
    sy = sy.min(sx * 1.6);
    let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    points
        .iter()
        .map(|p| {
            (
                x0 + w / 2.0 + (p.0 - cx) * sx,
                y0 + h / 2.0 + (p.1 - cy) * sy,
            )
        })
        .collect()
}

/// Pushes apart circles that overlap (centres closer than the sum of radii plus `gap`), a few
/// rounds, keeping them inside the box.
pub fn separate(points: &mut [Point], radii: &[f64], gap: f64, frame: (f64, f64, f64, f64)) {
    let (x0, y0, w, h) = frame;
    for _ in 0..30 {
        let mut moved = false;
        for i in 0..points.len() {
            for j in (i + 1)..points.len() {
                let (dx, dy) = (points[j].0 - points[i].0, points[j].1 - points[i].1);
                let d = (dx * dx + dy * dy).sqrt();
                let want = radii[i] + radii[j] + gap;
                if d < want {
                    let (ux, uy) = if d > 1e-6 {
                        (dx / d, dy / d)
                    } else {
                        let a = (i * 7 + j * 13) as f64;
                        (a.cos(), a.sin())
                    };
                    let push = (want - d) / 2.0;
                    points[i].0 -= ux * push;
                    points[i].1 -= uy * push;
                    points[j].0 += ux * push;
                    points[j].1 += uy * push;
                    moved = true;
                }
            }
        }
        for (p, r) in points.iter_mut().zip(radii) {
            p.0 = p.0.clamp(x0 + r, x0 + w - r);
            p.1 = p.1.clamp(y0 + r, y0 + h - r);
        }
        if !moved {
            break;
        }
    }
}

/// How far a drawn node reaches from its centre: left, right, up and down (its circle, and its
/// label when the label goes beside it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Reach to the left.
    pub left: f64,
    /// Reach to the right.
    pub right: f64,
    /// Reach upwards.
    pub up: f64,
    /// Reach downwards.
    pub down: f64,
}

/// Pushes apart nodes whose footprints (`extents`, padded by `gap`) overlap, along the axis
/// that needs the smaller move, keeping every footprint inside the box. A node and its label
/// then usually find room without covering another; the layout's shape is kept.
pub fn separate_extents(
    points: &mut [Point],
    extents: &[Extent],
    gap: f64,
    frame: (f64, f64, f64, f64),
) {
    let (x0, y0, w, h) = frame;
    let n = points.len().min(extents.len());
    for _ in 0..60 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let (a, b) = (extents[i], extents[j]);
                let (pi, pj) = (points[i], points[j]);
                // Overlap along x and y of the two padded boxes.
                let ox = (pi.0 + a.right + gap).min(pj.0 + b.right + gap)
                    - (pi.0 - a.left).max(pj.0 - b.left);
                let oy =
                    (pi.1 + a.down + gap).min(pj.1 + b.down + gap) - (pi.1 - a.up).max(pj.1 - b.up);
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                if ox < oy {
                    let dir = if pi.0 < pj.0 || (pi.0 == pj.0 && i < j) {
                        1.0
                    } else {
                        -1.0
                    };
                    points[i].0 -= dir * ox / 2.0;
                    points[j].0 += dir * ox / 2.0;
                } else {
                    let dir = if pi.1 < pj.1 || (pi.1 == pj.1 && i < j) {
                        1.0
                    } else {
                        -1.0
                    };
                    points[i].1 -= dir * oy / 2.0;
                    points[j].1 += dir * oy / 2.0;
                }
            }
        }
        for (p, e) in points.iter_mut().zip(extents) {
            p.0 = p.0.clamp(x0 + e.left, (x0 + w - e.right).max(x0 + e.left));
            p.1 = p.1.clamp(y0 + e.up, (y0 + h - e.down).max(y0 + e.up));
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{force_layout, LayoutOptions};

    fn dist(a: Point, b: Point) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn fitting_keeps_points_in_the_box_and_separation_removes_overlap() {
        let p = force_layout(5, &[(0, 1), (1, 2), (3, 4)], &LayoutOptions::default());
        let mut f = fit_to_box(&p, (0.0, 0.0, 200.0, 100.0), 10.0);
        assert!(f
            .iter()
            .all(|q| (0.0..=200.0).contains(&q.0) && (0.0..=100.0).contains(&q.1)));
        let mut same = vec![(50.0, 50.0); 3];
        separate(&mut same, &[5.0; 3], 2.0, (0.0, 0.0, 200.0, 100.0));
        assert!(dist(same[0], same[1]) > 9.0);
        separate(&mut f, &[3.0; 5], 1.0, (0.0, 0.0, 200.0, 100.0));
    }

    #[test]
    fn labels_get_room_beside_their_nodes() {
        let mut p = vec![(100.0, 50.0), (110.0, 52.0)];
        let e = Extent {
            left: 5.0,
            right: 80.0,
            up: 6.0,
            down: 6.0,
        };
        separate_extents(&mut p, &[e, e], 2.0, (0.0, 0.0, 400.0, 200.0));
        let vertical = (p[0].1 - p[1].1).abs();
        let horizontal = (p[0].0 - p[1].0).abs();
        assert!(vertical >= 13.9 || horizontal >= 86.9, "{p:?}");
    }
}
