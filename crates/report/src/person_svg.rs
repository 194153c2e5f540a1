//! The person-centred care map drawn in rings (the Atlas of Care way): the person in the centre,
//! direct ties on the inner ring, ties of ties on the outer ring, coloured by category, lines
//! styled by status, arrows showing who cares for whom.

use std::collections::HashMap;
use std::f64::consts::{PI, TAU};
use std::fmt::Write;

use caremap_core::analysis::person::{Entry, Relation};
use caremap_core::analysis::PersonMap;
use caremap_core::Status;

use crate::legend::{arrow_defs, arrow_row, category_rows, headings, status_rows};
use crate::palette::{category_colour, status_stroke};
use crate::svg::{esc, fit, halo_text, num, open};
use crate::words::{join_max, pct};

const WIDTH: f64 = 860.0;
const CX: f64 = 430.0;
const CY: f64 = 350.0;
const R1: f64 = 150.0;
const R2: f64 = 280.0;
const FONT: f64 = 12.0;
const LABEL_MAX: f64 = 132.0;

/// The care map of one person as a standalone SVG document (with its XML namespace).
pub fn person_svg(map: &PersonMap) -> String {
    draw(map, "person-map", true)
}

/// Draws the care map; `id` prefixes the ids inside; `standalone` adds the namespace.
pub fn draw(map: &PersonMap, id: &str, standalone: bool) -> String {
    // Half a step off the vertical, so no tie sits right above or below the centre's label.
    let step = TAU / map.inner.len().max(1) as f64;
    let inner_angles: Vec<f64> = (0..map.inner.len())
        .map(|i| -PI / 2.0 + step * (i as f64 + 0.5))
        .collect();
    let by_id: HashMap<&str, f64> = map
        .inner
        .iter()
        .zip(&inner_angles)
        .map(|(e, a)| (e.element.id.as_str(), *a))
        .collect();
    let outer_angles = spread(
        &map.outer
            .iter()
            .enumerate()
            .map(|(i, e)| target_angle(e, &by_id, i, map.outer.len()))
            .collect::<Vec<_>>(),
    );
    let at = |ring: f64, a: f64| (CX + ring * a.cos(), CY + ring * a.sin());
    let legend_top = CY + R2 + 50.0;
    let categories = legend_categories(map);
    let legend_rows = categories.len().max(Status::ALL.len() + 3);
    let height = legend_top + 36.0 + 20.0 * legend_rows as f64;

    let mut out = String::new();
    open(
        &mut out,
        id,
        WIDTH,
        height,
        &format!("Care map of {}", map.person.label),
        &description(map),
        standalone,
    );
    arrow_defs(&mut out, id, "auto-start-reverse");
    let _ = write!(
        out,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        num(WIDTH),
        num(height)
    );
    for r in [R1, R2] {
        let _ = write!(
            out,
            r##"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="#b8b8b8" stroke-width="1" stroke-dasharray="3 5"/>"##,
            num(CX),
            num(CY),
            num(r)
        );
    }
    // Lines first, so nodes sit on top.
    for (e, a) in map.outer.iter().zip(&outer_angles) {
        let from = at(R2, *a);
        for v in &e.via {
            if let Some(va) = by_id.get(v.id.as_str()) {
                curve(&mut out, id, (*a, from), (*va, at(R1, *va)), e.status);
            }
        }
    }
    for (e, a) in map.inner.iter().zip(&inner_angles) {
        let p = at(R1, *a);
        let (towards_centre, both) = match e.relation {
            Relation::CaresForPerson => (true, false),
            Relation::Mutual => (true, true),
            Relation::CaredForByPerson | Relation::AlsoCares => (false, false),
        };
        if towards_centre {
            line(&mut out, id, p, (CX, CY), 11.0, 24.0, e.status, both, true);
        } else {
            line(&mut out, id, (CX, CY), p, 24.0, 11.0, e.status, false, true);
        }
    }
    for (e, a) in map.outer.iter().zip(&outer_angles) {
        node(&mut out, e, at(R2, *a), 9.0, *a);
    }
    for (e, a) in map.inner.iter().zip(&inner_angles) {
        node(&mut out, e, at(R1, *a), 11.0, *a);
    }
    let centre_colour = category_colour(&map.person.category, map.person.sector);
    let _ = write!(
        out,
        r##"<circle cx="{}" cy="{}" r="22" fill="{centre_colour}" stroke="#1a1a1a" stroke-width="3"><title>{}</title></circle>"##,
        num(CX),
        num(CY),
        esc(&map.person.label)
    );
    halo_text(
        &mut out,
        CX,
        CY + 42.0,
        14.0,
        "middle",
        "700",
        &fit(&map.person.label, 14.0, 220.0),
    );
    legend(&mut out, &categories, legend_top);
    out.push_str("</svg>");
    out
}

/// Where an outer entry wants to be: the circular mean of the angles of those it is linked
/// through; evenly spread when none of them is on the inner ring.
fn target_angle(e: &Entry, by_id: &HashMap<&str, f64>, i: usize, n: usize) -> f64 {
    let (mut sx, mut sy, mut k) = (0.0, 0.0, 0);
    for v in &e.via {
        if let Some(a) = by_id.get(v.id.as_str()) {
            sx += a.cos();
            sy += a.sin();
            k += 1;
        }
    }
    if k == 0 || (sx.abs() < 1e-9 && sy.abs() < 1e-9) {
        -PI / 2.0 + TAU * (i as f64 + 0.5) / n.max(1) as f64
    } else {
        sy.atan2(sx)
    }
}

/// Spreads angles so neighbours on the ring are at least a label's height apart, keeping the
/// order of their wished positions.
fn spread(targets: &[f64]) -> Vec<f64> {
    let n = targets.len();
    if n == 0 {
        return Vec::new();
    }
    // Labels sit beside their nodes, so near the left and right of the ring two neighbours need
    // more room along the ring to keep their labels' lines apart.
    let gap_at = |a: f64| (FONT + 6.0) / (R2 * a.cos().abs().max(0.45));
    let gap = (FONT + 6.0) / R2;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| {
        targets[*a]
            .rem_euclid(TAU)
            .total_cmp(&targets[*b].rem_euclid(TAU))
    });
    let mut angles: Vec<f64> = order.iter().map(|&i| targets[i].rem_euclid(TAU)).collect();
    if gap * n as f64 >= TAU {
        let start = angles[0];
        angles = (0..n).map(|k| start + TAU * k as f64 / n as f64).collect();
    } else {
        for _ in 0..200 {
            let mut moved = false;
            for k in 0..n {
                let next = (k + 1) % n;
                let mut d = angles[next] - angles[k];
                if next == 0 {
                    d += TAU;
                }
                let want =
                    gap_at((angles[k] + angles[next]) / 2.0 + if next == 0 { PI } else { 0.0 });
                if n > 1 && d < want {
                    let push = (want - d) / 2.0 + 1e-6;
                    angles[k] -= push;
                    angles[next] += push;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
    }
    let mut out = vec![0.0; n];
    for (k, &i) in order.iter().enumerate() {
        out[i] = angles[k];
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn line(
    out: &mut String,
    id: &str,
    from: (f64, f64),
    to: (f64, f64),
    r_from: f64,
    r_to: f64,
    status: Status,
    both: bool,
    arrow: bool,
) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let d = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / d, dy / d);
    let (colour, width, dash, opacity) = status_stroke(status);
    let start_gap = r_from + if both { 2.0 } else { 0.0 };
    let end_gap = r_to + 2.0;
    let marker = format!("url(#{id}-arrow-{})", status.key());
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{}" stroke-opacity="{opacity}" stroke-linecap="round"{}{}{}/>"#,
        num(from.0 + ux * start_gap),
        num(from.1 + uy * start_gap),
        num(to.0 - ux * end_gap),
        num(to.1 - uy * end_gap),
        num(width),
        dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default(),
        if arrow {
            format!(r#" marker-end="{marker}""#)
        } else {
            String::new()
        },
        if both {
            format!(r#" marker-start="{marker}""#)
        } else {
            String::new()
        },
    );
}

/// A tie from the outer ring to the inner ring, bowed outwards around the centre so ties of
/// ties on the far side do not cross the middle of the map.
fn curve(
    out: &mut String,
    id: &str,
    from: (f64, (f64, f64)),
    to: (f64, (f64, f64)),
    status: Status,
) {
    let (a0, p0) = from;
    let (a1, p1) = to;
    let mut d = (a1 - a0).rem_euclid(TAU);
    if d > PI {
        d -= TAU;
    }
    let mid = a0 + d / 2.0;
    let rc = (R1 + R2) / 2.0 + (R2 - R1) * 0.45 * (d.abs() / PI);
    let c = (CX + rc * mid.cos(), CY + rc * mid.sin());
    // Stop short of the inner node along the curve's last tangent (control point to end).
    let (tx, ty) = (p1.0 - c.0, p1.1 - c.1);
    let tl = (tx * tx + ty * ty).sqrt().max(1e-6);
    let end = (p1.0 - tx / tl * 13.0, p1.1 - ty / tl * 13.0);
    let (sx, sy) = (c.0 - p0.0, c.1 - p0.1);
    let sl = (sx * sx + sy * sy).sqrt().max(1e-6);
    let start = (p0.0 + sx / sl * 9.0, p0.1 + sy / sl * 9.0);
    let (colour, width, dash, opacity) = status_stroke(status);
    let _ = write!(
        out,
        r#"<path d="M{},{} Q{},{} {},{}" fill="none" stroke="{colour}" stroke-width="{}" stroke-opacity="{opacity}" stroke-linecap="round"{} marker-end="url(#{id}-arrow-{})"/>"#,
        num(start.0),
        num(start.1),
        num(c.0),
        num(c.1),
        num(end.0),
        num(end.1),
        num(width),
        dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default(),
        status.key()
    );
}

fn node(out: &mut String, e: &Entry, p: (f64, f64), r: f64, angle: f64) {
    let colour = category_colour(&e.element.category, e.element.sector);
    let _ = write!(
        out,
        r##"<circle cx="{}" cy="{}" r="{}" fill="{colour}" stroke="#ffffff" stroke-width="1.5"><title>{} ({}; {})</title></circle>"##,
        num(p.0),
        num(p.1),
        num(r),
        esc(&e.element.label),
        esc(&e.element.category),
        e.status.name()
    );
    let (c, s) = (angle.cos(), angle.sin());
    let text = fit(&e.element.label, FONT, LABEL_MAX);
    let (x, y, anchor) = if c > 0.35 {
        (p.0 + r + 4.0, p.1 + s * 4.0, "start")
    } else if c < -0.35 {
        (p.0 - r - 4.0, p.1 + s * 4.0, "end")
    } else if s < 0.0 {
        (p.0, p.1 - r - 6.0, "middle")
    } else {
        (p.0, p.1 + r + FONT + 2.0, "middle")
    };
    halo_text(out, x, y + FONT * 0.35, FONT, anchor, "400", &text);
}

fn legend_categories(map: &PersonMap) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let everyone =
        std::iter::once(&map.person).chain(map.inner.iter().chain(&map.outer).map(|e| &e.element));
    for e in everyone {
        let name = if e.category.is_empty() {
            "no category".to_string()
        } else {
            e.category.clone()
        };
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, category_colour(&e.category, e.sector)));
        }
    }
    out
}

fn legend(out: &mut String, categories: &[(String, &'static str)], top: f64) {
    headings(out, top, WIDTH, "Who", 430.0, "Ties");
    category_rows(out, categories, top + 40.0);
    let y = status_rows(out, 430.0, top + 40.0);
    arrow_row(out, 430.0, y, "arrow: who cares for whom");
    for (k, text) in [
        "inner ring: direct ties",
        "outer ring: who else cares for them",
    ]
    .iter()
    .enumerate()
    {
        let y = y + 20.0 * (k as f64 + 1.0);
        let _ = write!(
            out,
            r##"<circle cx="455" cy="{y}" r="{}" fill="none" stroke="#b8b8b8" stroke-dasharray="2 2"/><text x="490" y="{}" font-size="12" fill="#1a1a1a">{text}</text>"##,
            if k == 0 { 4 } else { 8 },
            num(y + 4.0),
            y = num(y)
        );
    }
}

fn description(map: &PersonMap) -> String {
    let inner: Vec<String> = map
        .inner
        .iter()
        .map(|e| {
            format!(
                "{} ({}, {})",
                e.element.label,
                relation_words(e.relation),
                e.status.name()
            )
        })
        .collect();
    let outer: Vec<String> = map.outer.iter().map(|e| e.element.label.clone()).collect();
    format!(
        "Care map in rings with {} at the centre. Ring 1, direct ties: {}. Ring 2, ties of ties: {}. {} of the caring ties toward the centre come from informal or voluntary actors.",
        map.person.label,
        if inner.is_empty() { "none".to_string() } else { join_max(&inner, 30) },
        if outer.is_empty() { "none".to_string() } else { join_max(&outer, 30) },
        pct(map.informal_share)
    )
}

fn relation_words(r: Relation) -> &'static str {
    match r {
        Relation::CaresForPerson => "cares for them",
        Relation::CaredForByPerson => "cared for by them",
        Relation::Mutual => "both ways",
        Relation::AlsoCares => "also cares",
    }
}
