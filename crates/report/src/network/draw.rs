//! Drawing the network picture's parts: connections styled by status, nodes, and labels placed
//! so they do not cover each other.

use std::collections::HashMap;
use std::fmt::Write;

use caremap_core::{Direction, Network};

use super::{Node, LABEL_MAX, TOP_LABELS, WIDTH};
use crate::labels::{Placer, Rect};
use crate::palette::status_stroke;
use crate::svg::{esc, fit, halo_text, num, text_width};
use crate::words::count_of;

/// Draws every connection between drawn nodes, weakest first so generative ties are on top.
pub(super) fn draw_edges(
    out: &mut String,
    network: &Network,
    nodes: &[Node],
    edges: &[(usize, usize, usize)],
    id: &str,
) {
    let at: HashMap<usize, &Node> = nodes.iter().map(|nd| (nd.index, nd)).collect();
    let mut sorted: Vec<&(usize, usize, usize)> = edges.iter().collect();
    // Weakest first, so generative ties are drawn on top.
    sorted.sort_by_key(|(_, _, ci)| std::cmp::Reverse(network.connections[*ci].status.rank()));
    out.push_str(r#"<g fill="none">"#);
    for (a, b, ci) in sorted {
        let (Some(p), Some(q)) = (at.get(a), at.get(b)) else {
            continue;
        };
        let c = &network.connections[*ci];
        let (colour, width, dash, opacity) = status_stroke(c.status);
        let (dx, dy) = (q.x - p.x, q.y - p.y);
        let d = (dx * dx + dy * dy).sqrt().max(1e-6);
        let (ux, uy) = (dx / d, dy / d);
        let directed = c.direction == Direction::Directed;
        let end_gap = q.r + if directed { 2.0 } else { 0.0 };
        if d <= p.r + end_gap + 2.0 {
            continue;
        }
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{}" stroke-opacity="{}" stroke-linecap="round"{}{}><title>{} {} {}: {}</title></line>"#,
            num(p.x + ux * p.r),
            num(p.y + uy * p.r),
            num(q.x - ux * end_gap),
            num(q.y - uy * end_gap),
            num(width),
            opacity,
            dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
                .unwrap_or_default(),
            if directed {
                format!(r#" marker-end="url(#{id}-arrow-{})""#, c.status.key())
            } else {
                String::new()
            },
            esc(p.label),
            if directed { "→" } else { "–" },
            esc(q.label),
            c.status.name()
        );
    }
    out.push_str("</g>");
}

/// Draws the nodes as circles coloured by category, teams and circles with a dark outline.
pub(super) fn draw_nodes(out: &mut String, nodes: &[Node]) {
    for nd in nodes {
        let (stroke, width) = if nd.hub {
            ("#1a1a1a", 2.5)
        } else {
            ("#ffffff", 1.5)
        };
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{stroke}" stroke-width="{width}"><title>{} ({}, {})</title></circle>"#,
            num(nd.x),
            num(nd.y),
            num(nd.r),
            nd.colour,
            esc(nd.label),
            esc(if nd.category.is_empty() {
                "no category"
            } else {
                nd.category
            }),
            count_of(nd.degree, "contact")
        );
    }
}

/// Which nodes get a label: all on a small map; else the most connected and every team and circle.
pub(super) fn labelled(nodes: &[Node], all: bool) -> Vec<bool> {
    if all {
        return vec![true; nodes.len()];
    }
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|a, b| nodes[*b].degree.cmp(&nodes[*a].degree).then(a.cmp(b)));
    let mut out = vec![false; nodes.len()];
    for (rank, &k) in order.iter().enumerate() {
        out[k] = rank < TOP_LABELS || nodes[k].hub;
    }
    out
}

/// Writes the labels of the `labelled` nodes, most important first, each beside its node.
pub(super) fn labels(
    out: &mut String,
    nodes: &[Node],
    labelled: &[bool],
    graph_height: f64,
    font: f64,
) {
    let all = labelled.iter().all(|l| *l);
    let mut order: Vec<usize> = (0..nodes.len()).filter(|k| labelled[*k]).collect();
    order.sort_by(|a, b| {
        let (x, y) = (&nodes[*a], &nodes[*b]);
        y.hub
            .cmp(&x.hub)
            .then(y.degree.cmp(&x.degree))
            .then(x.index.cmp(&y.index))
    });
    let frame = Rect {
        x0: 2.0,
        y0: 2.0,
        x1: WIDTH - 2.0,
        y1: graph_height - 2.0,
    };
    let obstacles = nodes
        .iter()
        .map(|nd| Rect::circle(nd.x, nd.y, nd.r))
        .collect();
    let mut placer = Placer::new(frame, obstacles);
    for k in order {
        let nd = &nodes[k];
        let text = fit(nd.label, font, LABEL_MAX);
        let weight = if nd.hub { "600" } else { "400" };
        let w = text_width(&text, font) + 4.0;
        if let Some(at) = placer.place(nd.x, nd.y, nd.r, w, font + 3.0, all) {
            halo_text(
                out,
                at.x,
                at.y + font * 0.35,
                font,
                at.anchor,
                weight,
                &text,
            );
        }
    }
}
