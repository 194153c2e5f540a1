//! Chapter 3: relationship health: statuses, reciprocity, depth against breadth.

use caremap_core::analysis::health::DepthBreadth;
use caremap_core::analysis::Analysis;
use caremap_core::Status;

use crate::doc::{Bar, BarChart, Chart, Section, Table};
use crate::palette::status_colour;
use crate::words::{capitalise, count_of, int, is_are, of, pct, with_share, word_number};

/// The chapter's anchor.
pub const ID: &str = "health";
/// The chapter's heading.
pub const TITLE: &str = "3. Relationship health";

/// How many elements the depth-against-breadth table lists.
const DEPTH_ROWS: usize = 15;

/// Builds chapter 3.
pub fn section(a: &Analysis) -> Section {
    let h = &a.health;
    let mut s = Section::new(ID, TITLE);
    s.para(
        "Each connection has a status on a ladder: generative (care flows, both ways), engaged (live, not yet generating care), loosely engaged (occasional contact), inactive (on paper only), or unclassified (not yet assessed).",
    );
    if h.connections == 0 {
        s.para("The map has no connections yet, so there is no relationship to assess.");
        return s;
    }
    s.para(headline(a));
    s.para(format!(
        "{} {} active (generative or engaged): these are the relationships care can travel along today.",
        of(&h.active, "connection"),
        is_are(h.active.count)
    ));
    if h.unclassified.count > 0 {
        s.para(format!(
            "{} of the connections ({}) {} not yet assessed; they count as not known, never as weak. Of the {} assessed, {} {} generative.",
            int(h.unclassified.count),
            h.unclassified.percent(),
            is_are(h.unclassified.count),
            int(h.generative_of_assessed.of),
            with_share(&h.generative_of_assessed),
            is_are(h.generative_of_assessed.count)
        ));
    }
    s.chart(status_chart(a));
    s.heading("Reciprocity");
    s.para(reciprocity(a));
    s.heading("Depth against breadth");
    s.para(
        "Depth is the share of an element's assessed ties that are generative, against those that are loosely engaged or inactive: 100% is all deep, 0% all loose.",
    );
    stretched(a, &mut s);
    s.table(depth_table(&h.depth_breadth));
    let n = h.left_out_connections;
    if n > 0 {
        s.note(format!(
            "{} {} left out of every count: {} no element of the map at one end, or the same element at both.",
            count_of(n, "connection"),
            if n == 1 { "was" } else { "were" },
            if n == 1 { "it has" } else { "they have" }
        ));
    }
    s
}

/// "9 of 88 connections (10.2%) are generative; 41 (46.6%) are loosely engaged or inactive."
pub fn headline_figures(a: &Analysis) -> String {
    let h = &a.health;
    format!(
        "{} {} generative; {} {} loosely engaged or inactive.",
        of(&h.generative, "connection"),
        is_are(h.generative.count),
        with_share(&h.weak),
        is_are(h.weak.count)
    )
}

/// The headline with "Only" when few ties are generative, and what it means.
fn headline(a: &Analysis) -> String {
    let h = &a.health;
    let only = if h.generative.share < 0.25 {
        "Only "
    } else {
        ""
    };
    let mut text = format!("{only}{}", headline_figures(a));
    if h.weak.count > h.generative.count {
        text.push_str(" Fragile ties outnumber the ones where care really flows: deepening a few of them may do more than adding new ones.");
    } else if h.generative.count > 0 {
        text.push_str(" Generative ties at least match the fragile ones.");
    }
    text
}

fn status_chart(a: &Analysis) -> Chart {
    Chart::Bars(BarChart {
        title: "Connections by status".to_string(),
        unit: "connections".to_string(),
        bars: Status::ALL
            .iter()
            .map(|status| {
                let count = a
                    .health
                    .by_status
                    .iter()
                    .find(|c| c.status == *status)
                    .map(|c| c.count)
                    .unwrap_or_else(|| caremap_core::analysis::Count::new(0, a.health.connections));
                Bar {
                    label: capitalise(status.name()),
                    value: count.count as f64,
                    display: with_share(&count),
                    colour: status_colour(*status).to_string(),
                }
            })
            .collect(),
        legend: Vec::new(),
        in_text: true,
    })
}

fn reciprocity(a: &Analysis) -> String {
    let h = &a.health;
    let mut text = format!(
        "{} {} recorded as mutual.",
        of(&h.mutual, "connection"),
        is_are(h.mutual.count)
    );
    match (h.reciprocated.of, h.reciprocated.count) {
        (0, _) => {}
        (n, 0) => text.push_str(&format!(
            " None of the {} answered by a connection the other way.",
            if n == 1 {
                "one one-way connection is".to_string()
            } else {
                format!("{} one-way connections is", int(n))
            }
        )),
        (n, _) => text.push_str(&format!(
            " Of the {} one-way connections, {} {} answered by a connection the other way.",
            int(n),
            with_share(&h.reciprocated),
            is_are(h.reciprocated.count)
        )),
    }
    text.push_str(" Reciprocal ties are where care goes both ways, the mark of a relationship rather than a referral.");
    text
}

fn stretched(a: &Analysis, s: &mut Section) {
    let stretched = &a.health.stretched;
    if stretched.is_empty() {
        s.para("No element is stretched across many weak ties with few generative ones.");
        return;
    }
    let h = &a.health;
    s.para(format!(
        "{} stretched across many weak ties and few generative ones (at least {} loosely engaged or inactive, and a depth below {}). Holding many light ties at once spreads time and attention thin; fewer, deeper relationships may do more for care.",
        if stretched.len() == 1 {
            "One element is".to_string()
        } else {
            format!("{} elements are", int(stretched.len()))
        },
        word_number(h.stretched_min_weak),
        pct(h.stretched_depth_below)
    ));
    s.bullets(
        stretched
            .iter()
            .map(|d| {
                format!(
                    "{}: {}, {} generative and {} loosely engaged or inactive.",
                    d.element.label,
                    count_of(d.total, "tie"),
                    word_number(d.generative),
                    int(d.weak)
                )
            })
            .collect(),
    );
}

fn depth_table(rows: &[DepthBreadth]) -> Table {
    let shown = rows.len().min(DEPTH_ROWS);
    let caption = if rows.len() > shown {
        format!(
            "Depth against breadth for the {shown} elements with the most ties (of {}).",
            int(rows.len())
        )
    } else {
        "Depth against breadth for every element with ties.".to_string()
    };
    let mut t = Table::new(
        caption,
        &[
            "Element",
            "#Generative",
            "#Engaged",
            "#Loose or inactive",
            "#Unclassified",
            "#All ties",
            "#Depth",
        ],
    );
    for d in &rows[..shown] {
        t.row(vec![
            d.element.label.clone(),
            int(d.generative),
            int(d.engaged),
            int(d.weak),
            int(d.unclassified),
            int(d.total),
            d.depth.map_or_else(|| "not known".to_string(), pct),
        ]);
    }
    t
}
