//! Chapter 5: bridging formal and informal care: cross-sector ties, brokers, what breaks if one
//! leaves, how connected statutory services are, and suggested introductions.

use caremap_core::analysis::bridging::{CutPoint, Introduction};
use caremap_core::analysis::{Analysis, ConnectionRef};
use caremap_core::Status;

use crate::doc::{Bar, BarChart, Chart, Section, Table};
use crate::palette::status_colour;
use crate::words::{
    agree, capitalise, count_of, dec, int, join, join_max, join_with, of, with_share,
};

/// The chapter's anchor.
pub const ID: &str = "bridging";
/// The chapter's heading.
pub const TITLE: &str = "5. Bridging formal and informal care";

const BROKER_ROWS: usize = 12;
const BRIDGE_LINES: usize = 10;

/// Builds chapter 5.
pub fn section(a: &Analysis) -> Section {
    let b = &a.bridging;
    let mut s = Section::new(ID, TITLE);
    s.para(
        "Formal care (paid, regulated or statutory) and informal care (unpaid, between neighbours) work best when they meet. This chapter looks at the ties that cross between sectors and the actors that carry them.",
    );
    if b.cross_sector.of == 0 {
        s.para("The map has no connections yet, so nothing crosses between sectors.");
        return s;
    }
    s.para(format!(
        "{} {} between sectors; {} {} formal and informal actors directly.",
        of(&b.cross_sector, "connection"),
        agree(b.cross_sector.count, "crosses", "cross"),
        with_share(&b.formal_informal),
        agree(b.formal_informal.count, "links", "link")
    ));
    s.para(cross_status_sentence(a));
    s.chart(cross_status_chart(a));
    let mut pairs = Table::new(
        "Connections between each pair of sectors: how many are active (generative or engaged) and how many generative.",
        &["Sectors", "#Connections", "#Active", "#Generative"],
    );
    for p in &b.sector_pairs {
        pairs.row(vec![
            format!("{} – {}", p.a.name(), p.b.name()),
            int(p.connections),
            int(p.active),
            int(p.generative),
        ]);
    }
    s.table(pairs);
    if b.unknown_sector_connections > 0 {
        s.note(format!(
            "{} with an end of unknown sector {} left out of the cross-sector figures.",
            count_of(b.unknown_sector_connections, "connection"),
            if b.unknown_sector_connections == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    s.heading("Brokers");
    brokers(a, &mut s);
    s.heading("What breaks if someone leaves");
    cut_points(&b.articulation_points, &mut s);
    bridges(&b.bridges, &mut s);
    s.heading("Statutory services");
    statutory(a, &mut s);
    s.heading("Suggested introductions");
    introductions(&b.introductions, &mut s);
    s
}

fn cross_status_sentence(a: &Analysis) -> String {
    let b = &a.bridging;
    let parts: Vec<String> = b
        .cross_sector_by_status
        .iter()
        .filter(|c| c.count.count > 0)
        .enumerate()
        .map(|(i, c)| {
            let verb = match (i, c.count.count) {
                (0, 1) => " is",
                (0, _) => " are",
                _ => "",
            };
            format!("{}{verb} {}", with_share(&c.count), c.status.name())
        })
        .collect();
    if parts.is_empty() {
        return "No connection crosses between sectors: each sector keeps to itself.".to_string();
    }
    let generative = b
        .cross_sector_by_status
        .iter()
        .find(|c| c.status == Status::Generative)
        .map_or(0, |c| c.count.count);
    let mut text = format!("Of the cross-sector connections, {}.", join(&parts));

    if generative == 0 {
        text.push_str(" None of them is generative: the sectors know of each other, but care does not yet flow between them.");
    }
    text
}

fn cross_status_chart(a: &Analysis) -> Chart {
    Chart::Bars(BarChart {
        title: "Cross-sector connections by status".to_string(),
        unit: "connections".to_string(),
        bars: a
            .bridging
            .cross_sector_by_status
            .iter()
            .map(|c| Bar {
                label: capitalise(c.status.name()),
                value: c.count.count as f64,
                display: with_share(&c.count),
                colour: status_colour(c.status).to_string(),
            })
            .collect(),
        legend: Vec::new(),
        in_text: true,
    })
}

fn brokers(a: &Analysis, s: &mut Section) {
    let list = &a.bridging.brokers;
    if list.is_empty() {
        s.para("No element carries ties across sectors.");
        return;
    }
    let top: Vec<String> = list
        .iter()
        .take(3)
        .map(|b| {
            format!(
                "{} ({} to {})",
                b.element.label,
                count_of(b.cross_sector_ties, "tie"),
                join(
                    &b.sectors_reached
                        .iter()
                        .map(|x| x.name().to_string())
                        .collect::<Vec<_>>()
                )
            )
        })
        .collect();
    s.para(format!(
        "Brokers carry care and news between sectors. The main {}: {}.",
        if top.len() == 1 { "one is" } else { "ones are" },
        join(&top)
    ));
    let shown = list.len().min(BROKER_ROWS);
    let mut t = Table::new(
        format!(
            "The {} elements with the most ties to other sectors; betweenness is the share of shortest paths through them (0 to 1).",
            int(shown)
        ),
        &["Element", "Sector", "#Cross-sector ties", "#Active", "Sectors reached", "#Betweenness", "Holds the network together"],
    );
    for b in &list[..shown] {
        t.row(vec![
            b.element.label.clone(),
            b.element.sector.name().to_string(),
            int(b.cross_sector_ties),
            int(b.active_cross_sector_ties),
            b.sectors_reached
                .iter()
                .map(|x| x.name())
                .collect::<Vec<_>>()
                .join(", "),
            dec(b.betweenness, 3),
            if b.articulation_point { "yes" } else { "no" }.to_string(),
        ]);
    }
    s.table(t);
}

/// "The Larkspur Care Circle is the only link between 6 elements and the rest of the network."
fn cut_points(points: &[CutPoint], s: &mut Section) {
    if points.is_empty() {
        s.para("No single element holds the network together: if any one left, everyone else could still reach each other.");
        return;
    }
    s.para(format!(
        "{} the only link between part of the network and the rest. If one of them left, others would be cut off; a second link around each would make the network safer.",
        if points.len() == 1 {
            "One element is".to_string()
        } else {
            format!("{} elements are", int(points.len()))
        }
    ));
    s.bullets(
        points
            .iter()
            .map(|p| {
                let mut line = format!(
                    "{} is the only link between {} and the rest of the network.",
                    p.element.label,
                    count_of(p.would_cut_off, "element")
                );
                if p.parts > 2 {
                    line.push_str(&format!(
                        " Without it, its part of the network would fall into {} pieces.",
                        p.parts
                    ));
                }
                line
            })
            .collect(),
    );
}

fn bridges(list: &[ConnectionRef], s: &mut Section) {
    if list.is_empty() {
        s.para("No single connection is the only route between two parts of the network.");
        return;
    }
    s.para(format!(
        "{} the only route between two parts of the network: if {} ended, the network would split.",
        if list.len() == 1 {
            "One connection is".to_string()
        } else {
            format!("{} connections are", int(list.len()))
        },
        if list.len() == 1 { "it" } else { "one of them" }
    ));
    let mut lines: Vec<String> = list
        .iter()
        .take(BRIDGE_LINES)
        .map(|c| format!("{} – {} ({}).", c.from.label, c.to.label, c.status.name()))
        .collect();
    if list.len() > BRIDGE_LINES {
        lines.push(format!("and {} more.", int(list.len() - BRIDGE_LINES)));
    }
    s.bullets(lines);
}

fn statutory(a: &Analysis, s: &mut Section) {
    let list = &a.bridging.statutory;
    if list.is_empty() {
        s.para("No statutory service is on the map, so none is tied into the community here.");
        return;
    }
    let unlinked: Vec<String> = list
        .iter()
        .filter(|l| l.active_to_community == 0)
        .map(|l| l.element.label.clone())
        .collect();
    let inactive: Vec<String> = list
        .iter()
        .filter(|l| l.active == 0 && l.connections > 0)
        .map(|l| l.element.label.clone())
        .collect();
    let total: usize = list.iter().map(|l| l.connections).sum();
    let mut text = format!(
        "The {} on the map {} {} in all.",
        count_of(list.len(), "statutory service"),
        if list.len() == 1 { "has" } else { "have" },
        count_of(total, "connection")
    );
    if !unlinked.is_empty() {
        text.push_str(&format!(
            " No active tie with any informal or voluntary actor: {}.",
            join_max(&unlinked, 6)
        ));
    }
    if !inactive.is_empty() {
        text.push_str(&format!(
            " No active tie at all: {}.",
            join_max(&inactive, 6)
        ));
    }
    s.para(text);
    let mut t = Table::new(
        "How each statutory service is tied in: all its connections, the active ones (generative or engaged), and those with informal or voluntary actors.",
        &["Statutory service", "#Connections", "#Active", "#With the community", "#Active with the community"],
    );
    for l in list {
        t.row(vec![
            l.element.label.clone(),
            int(l.connections),
            int(l.active),
            int(l.to_community),
            int(l.active_to_community),
        ]);
    }
    s.table(t);
}

/// "Suggested introduction: reason", the reason naming the pair and their shared contact.
fn introductions(list: &[Introduction], s: &mut Section) {
    if list.is_empty() {
        s.para(
            "No introductions are suggested: no two unconnected elements share a trusted contact.",
        );
        return;
    }
    s.para(
        "Pairs not yet connected who share a trusted contact, best first. An introduction through someone both already know is the gentlest way to start a new relationship.",
    );
    s.bullets(list.iter().map(introduction_sentence).collect());
}

/// One suggested introduction as a sentence.
pub fn introduction_sentence(i: &Introduction) -> String {
    let via = if i.via.is_empty() {
        String::new()
    } else {
        let labels: Vec<String> = i.via.iter().take(3).map(|e| e.label.clone()).collect();
        format!(", through {}", join_with(&labels, "or"))
    };
    let reason = i.reason.trim().trim_end_matches('.');
    if reason.is_empty() {
        format!(
            "Suggested introduction: {} and {}{via}.",
            i.a.label, i.b.label
        )
    } else {
        // The reason already names the pair and the shared contact.
        format!("Suggested introduction: {reason}.")
    }
}
