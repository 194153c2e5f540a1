//! The picture of the whole network as SVG: nodes coloured by category and sized by their number
//! of contacts, connections styled by status, arrows on one-way ties, a legend, and elements with
//! no connection in a row at the bottom.

mod caption;
mod draw;
mod legend;

use std::collections::HashMap;
use std::fmt::Write;

use caremap_core::model::category::{CARE_CIRCLE, CARE_TEAM};
use caremap_core::Network;

use crate::layout::{layout_components, LayoutOptions};
use crate::legend::arrow_defs;
use crate::overlap::{fit_to_box, separate, separate_extents, Extent};
use crate::palette::category_colour;
use crate::svg::{fit, halo_text, num, open, text_width};
use crate::words::int;
use caption::{caption, description};
use draw::{draw_edges, draw_nodes, labelled, labels};
use legend::Legend;

/// The most elements drawn; larger maps show their most connected elements.
pub const MAX_DRAWN: usize = 300;
/// Maps with at most this many drawn elements have every label shown.
const ALL_LABELS: usize = 60;
/// On larger maps, this many of the most connected elements are labelled (plus teams and circles).
const TOP_LABELS: usize = 40;
/// The drawing's width; A4 print scales it by about 0.8.
const WIDTH: f64 = 860.0;
/// At most this many elements with no connection are drawn in the bottom row.
const ISOLATES_SHOWN: usize = 80;
/// The widest label, in px; longer labels end with "…".
const LABEL_MAX: f64 = 190.0;
/// The widest label in the row of elements with no connection (the row wraps, so it can be wider).
const ISOLATE_LABEL_MAX: f64 = 280.0;

/// The network picture and a sentence saying what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkPicture {
    /// The SVG (inline: no XML declaration).
    pub svg: String,
    /// What the picture shows, for a caption.
    pub caption: String,
}

/// One drawn element.
struct Node<'a> {
    index: usize,
    label: &'a str,
    category: &'a str,
    colour: &'static str,
    degree: usize,
    hub: bool,
    x: f64,
    y: f64,
    r: f64,
}

/// Draws `network`; `id` prefixes the ids inside (unique per page); `standalone` adds the SVG
/// namespace for a file of its own.
pub fn network_picture(network: &Network, id: &str, standalone: bool) -> NetworkPicture {
    let index = network.element_index();
    let n = network.elements.len();
    let mut edges: Vec<(usize, usize, usize)> = Vec::new(); // (from, to, connection index)
    for (ci, c) in network.connections.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (index.get(&c.from), index.get(&c.to)) {
            if a != b {
                edges.push((a, b, ci));
            }
        }
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in &edges {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let degree: Vec<usize> = neighbours
        .iter_mut()
        .map(|v| {
            v.sort_unstable();
            v.dedup();
            v.len()
        })
        .collect();
    // Most connected first; ties by map order, so the choice is stable.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| degree[*b].cmp(&degree[*a]).then(a.cmp(b)));
    let drawn: Vec<usize> = {
        let mut d: Vec<usize> = order.iter().copied().take(MAX_DRAWN).collect();
        d.sort_unstable();
        d
    };
    let truncated = n > drawn.len();
    let is_drawn: Vec<bool> = {
        let mut v = vec![false; n];
        drawn.iter().for_each(|&i| v[i] = true);
        v
    };
    let edges: Vec<(usize, usize, usize)> = edges
        .into_iter()
        .filter(|(a, b, _)| is_drawn[*a] && is_drawn[*b])
        .collect();
    let all_placed = n > 0 && network.elements.iter().all(|e| e.position.is_some());
    let (linked, isolates): (Vec<usize>, Vec<usize>) = if all_placed {
        (drawn.clone(), Vec::new())
    } else {
        drawn.iter().partition(|&&i| degree[i] > 0)
    };
    let big = drawn.len() > 150;
    let graph_height = match linked.len() {
        0 => 0.0,
        1..=12 => 440.0,
        13..=40 => 580.0,
        41..=120 => 700.0,
        _ => 780.0,
    };
    let frame = (0.0, 0.0, WIDTH, graph_height);
    let radius = |d: usize| {
        let r = 5.0 + 2.1 * (d as f64).sqrt();
        if big {
            (r * 0.7).min(14.0)
        } else {
            r.min(20.0)
        }
    };
    let points = positions(network, &linked, &edges, all_placed, frame);
    let mut nodes: Vec<Node> = Vec::new();
    for (k, &i) in linked.iter().enumerate() {
        nodes.push(node(network, i, degree[i], points[k], radius(degree[i])));
    }
    let font = if drawn.len() <= ALL_LABELS {
        12.0
    } else {
        11.0
    };
    let labelled = labelled(&nodes, drawn.len() <= ALL_LABELS);
    if !all_placed {
        let radii: Vec<f64> = nodes.iter().map(|nd| nd.r).collect();
        let mut pts: Vec<(f64, f64)> = nodes.iter().map(|nd| (nd.x, nd.y)).collect();
        let inner = (8.0, 8.0, WIDTH - 16.0, graph_height - 16.0);
        // Room around each node in proportion to the space per node, so a dense core opens up.
        let gap =
            ((WIDTH * graph_height / nodes.len().max(1) as f64).sqrt() * 0.3).clamp(4.0, 26.0);
        separate(&mut pts, &radii, gap, inner);
        // Then room for each label to the right of its node.
        let extents: Vec<Extent> = nodes
            .iter()
            .zip(&labelled)
            .map(|(nd, l)| Extent {
                left: nd.r,
                right: nd.r
                    + if *l {
                        6.0 + text_width(&fit(nd.label, font, LABEL_MAX), font)
                    } else {
                        0.0
                    },
                up: nd.r.max(font * 0.7),
                down: nd.r.max(font * 0.7),
            })
            .collect();
        separate_extents(&mut pts, &extents, 3.0, inner);
        for (nd, p) in nodes.iter_mut().zip(pts) {
            nd.x = p.0;
            nd.y = p.1;
        }
    }
    let isolate_top = graph_height + if linked.is_empty() { 10.0 } else { 20.0 };
    let (isolate_nodes, isolate_height) = isolate_row(
        network,
        &isolates,
        isolate_top,
        font,
        isolates.len() > ISOLATES_SHOWN,
    );
    let legend_top = isolate_top + isolate_height + 10.0;
    let legend = Legend::new(network, &nodes, &isolate_nodes, &edges);
    let height = legend_top + legend.height();

    let mut out = String::new();
    let desc = description(network, &nodes, &isolate_nodes, edges.len(), truncated);
    open(
        &mut out,
        id,
        WIDTH,
        height,
        &format!("The network: {}", network.name),
        &desc,
        standalone,
    );
    arrow_defs(&mut out, id, "auto");
    let _ = write!(
        out,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        num(WIDTH),
        num(height)
    );
    draw_edges(&mut out, network, &nodes, &edges, id);
    draw_nodes(&mut out, &nodes);
    draw_nodes(&mut out, &isolate_nodes);
    labels(&mut out, &nodes, &labelled, graph_height, font);
    if !isolates.is_empty() {
        let _ = write!(
            out,
            r##"<text x="8" y="{}" font-size="12" font-style="italic" fill="#4a4a4a">No connection yet:</text>"##,
            num(isolate_top + 4.0)
        );
        for nd in &isolate_nodes {
            halo_text(
                &mut out,
                nd.x + nd.r + 4.0,
                nd.y + 4.0,
                font,
                "start",
                "400",
                &fit(nd.label, font, ISOLATE_LABEL_MAX),
            );
        }
        if isolates.len() > ISOLATES_SHOWN {
            let _ = write!(
                out,
                r##"<text x="8" y="{}" font-size="12" fill="#4a4a4a">and {} more with no connection</text>"##,
                num(isolate_top + isolate_height - 6.0),
                int(isolates.len() - ISOLATES_SHOWN)
            );
        }
    }
    legend.draw(&mut out, legend_top);
    out.push_str("</svg>");
    NetworkPicture {
        svg: out,
        caption: caption(
            network,
            drawn.len(),
            edges.len(),
            isolates.len(),
            truncated,
            all_placed,
        ),
    }
}

fn node(network: &Network, i: usize, degree: usize, p: (f64, f64), r: f64) -> Node<'_> {
    let e = &network.elements[i];
    Node {
        index: i,
        label: &e.label,
        category: &e.category,
        colour: category_colour(&e.category, network.sector_of(e)),
        degree,
        hub: e.category == CARE_TEAM || e.category == CARE_CIRCLE,
        x: p.0,
        y: p.1,
        r,
    }
}

fn positions(
    network: &Network,
    linked: &[usize],
    edges: &[(usize, usize, usize)],
    all_placed: bool,
    frame: (f64, f64, f64, f64),
) -> Vec<(f64, f64)> {
    let raw: Vec<(f64, f64)> = if all_placed {
        linked
            .iter()
            .map(|&i| {
                network.elements[i]
                    .position
                    .map_or((0.0, 0.0), |p| (p.x, p.y))
            })
            .collect()
    } else {
        let local: HashMap<usize, usize> =
            linked.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let pairs: Vec<(usize, usize)> = edges
            .iter()
            .filter_map(|(a, b, _)| Some((*local.get(a)?, *local.get(b)?)))
            .collect();
        layout_components(linked.len(), &pairs, &LayoutOptions::default())
    };
    fit_to_box(&raw, frame, 46.0)
}

/// Places elements with no connection in rows under the picture; returns them and the height.
fn isolate_row<'a>(
    network: &'a Network,
    isolates: &[usize],
    top: f64,
    font: f64,
    cut: bool,
) -> (Vec<Node<'a>>, f64) {
    if isolates.is_empty() {
        return (Vec::new(), 0.0);
    }
    let r = 6.0;
    let (mut x, mut y) = (8.0 + r, top + 22.0);
    let mut out = Vec::new();
    for &i in isolates.iter().take(ISOLATES_SHOWN) {
        let label = fit(&network.elements[i].label, font, ISOLATE_LABEL_MAX);
        let w = 2.0 * r + 6.0 + text_width(&label, font) + 18.0;
        if x + w > WIDTH {
            x = 8.0 + r;
            y += 24.0;
        }
        out.push(node(network, i, 0, (x, y), r));
        x += w;
    }
    let height = y - top + 14.0 + if cut { 22.0 } else { 0.0 };
    (out, height)
}
