//! Chapter 1: who is in the network, and who is missing.

use caremap_core::analysis::membership::MissingCategory;
use caremap_core::analysis::{Analysis, Count};
use caremap_core::model::category::{CARE_CIRCLE, CARE_TEAM, STATUTORY};
use caremap_core::Sector;

use crate::doc::{Bar, BarChart, Chart, LegendItem, Section, Table};
use crate::palette::{category_colour, sector_colour};
use crate::words::{capitalise, count_of, int, join, names, plural, with_share, word_number};

/// The chapter's anchor and heading.
pub const ID: &str = "membership";
/// The chapter's heading.
pub const TITLE: &str = "1. Who is in the network";

/// Builds chapter 1.
pub fn section(a: &Analysis) -> Section {
    let m = &a.membership;
    let mut s = Section::new(ID, TITLE);
    if m.elements == 0 {
        s.para("The map has no elements yet, so there is nothing to count.");
        return s;
    }
    s.para(format!(
        "The map holds {}: the people, groups, organisations, care teams and services that look after each other.",
        count_of(m.elements, "element")
    ));
    s.para(sector_sentence(a));
    let largest = m
        .by_category
        .iter()
        .find(|c| c.count.count > 0 && !c.category.is_empty());
    if let Some(c) = largest {
        s.para(format!(
            "The largest category is {}: {} of all elements.",
            plural(&c.category),
            with_share(&c.count)
        ));
    }
    s.para(teams_sentence(a));
    s.chart(category_chart(a));
    s.chart(sector_chart(a));
    let mut table = Table::new(
        "Elements by category, with each category's sector and share of all elements.",
        &["Category", "Sector", "#Elements", "#Share"],
    );
    for c in &m.by_category {
        table.row(vec![
            category_name(&c.category, c.in_vocabulary),
            c.sector.name().to_string(),
            int(c.count.count),
            c.count.percent(),
        ]);
    }
    s.table(table);
    s.heading("Who is missing");
    missing(a, &mut s);
    s
}

/// A category as shown in a table: "no category" for the empty name, and a mark for a
/// category elements use that is not one of the map's.
fn category_name(name: &str, in_vocabulary: bool) -> String {
    match (name.is_empty(), in_vocabulary) {
        (true, _) => "no category".to_string(),
        (false, true) => name.to_string(),
        (false, false) => format!("{name} (not one of the map's categories)"),
    }
}

fn sector_sentence(a: &Analysis) -> String {
    let parts: Vec<String> = a
        .membership
        .by_sector
        .iter()
        .filter(|c| c.count.count > 0)
        .map(|c| format!("{} {}", with_share(&c.count), c.sector.name()))
        .collect();
    let mut text = format!("By sector: {}.", join(&parts));
    let informal = sector_count(a, Sector::Informal);
    let formal = sector_count(a, Sector::Formal);
    if informal.share > 0.5 {
        text.push_str(" Most of the map is informal, unpaid care between neighbours.");
    } else if formal.share > 0.5 {
        text.push_str(" Most of the map is formal, paid or statutory care.");
    }
    if let Some(unknown) = a
        .membership
        .by_sector
        .iter()
        .find(|c| c.sector == Sector::Unknown && c.count.count > 0)
    {
        text.push_str(&format!(
            " The sector of {} is not known: their category is not one the map knows the sector of.",
            count_of(unknown.count.count, "element")
        ));
    }
    text
}

fn sector_count(a: &Analysis, sector: Sector) -> Count {
    a.membership
        .by_sector
        .iter()
        .find(|c| c.sector == sector)
        .map_or(Count::new(0, a.membership.elements), |c| c.count)
}

fn teams_sentence(a: &Analysis) -> String {
    let m = &a.membership;
    let teams = match m.care_teams.len() {
        0 => "There is no care team on the map.".to_string(),
        1 => format!("There is one care team: {}.", m.care_teams[0].label),
        n => format!("There are {n} care teams: {}.", names(&m.care_teams, 12)),
    };
    let circles = match m.circles.len() {
        0 => " No care circle is on the map to coordinate the network.".to_string(),
        1 => format!(
            " {} is the care circle that coordinates the network.",
            m.circles[0].label
        ),
        n => format!(
            " {n} care circles coordinate it: {}.",
            names(&m.circles, 12)
        ),
    };
    teams + &circles
}

fn category_chart(a: &Analysis) -> Chart {
    let m = &a.membership;
    let bars = m
        .by_category
        .iter()
        .filter(|c| c.count.count > 0)
        .map(|c| Bar {
            label: capitalise(&category_name(&c.category, true)),
            value: c.count.count as f64,
            display: with_share(&c.count),
            colour: category_colour(&c.category, c.sector).to_string(),
        })
        .collect();
    Chart::Bars(BarChart {
        title: "Elements by category".to_string(),
        unit: "elements".to_string(),
        bars,
        legend: sector_legend(a),
        // The table under it gives the same figures with each sector.
        in_text: false,
    })
}

fn sector_chart(a: &Analysis) -> Chart {
    let bars = a
        .membership
        .by_sector
        .iter()
        .filter(|c| c.count.count > 0 || c.sector != Sector::Unknown)
        .map(|c| Bar {
            label: capitalise(c.sector.name()),
            value: c.count.count as f64,
            display: with_share(&c.count),
            colour: sector_colour(c.sector).to_string(),
        })
        .collect();
    Chart::Bars(BarChart {
        title: "Elements by sector".to_string(),
        unit: "elements".to_string(),
        bars,
        legend: Vec::new(),
        in_text: true,
    })
}

/// The sectors present, as a legend for charts coloured by category shade.
fn sector_legend(a: &Analysis) -> Vec<LegendItem> {
    a.membership
        .by_sector
        .iter()
        .filter(|c| c.count.count > 0)
        .map(|c| LegendItem {
            label: format!("{} (shades of this colour)", c.sector.name()),
            colour: sector_colour(c.sector).to_string(),
        })
        .collect()
}

fn missing(a: &Analysis, s: &mut Section) {
    let m = &a.membership;
    let special = [STATUTORY, CARE_TEAM, CARE_CIRCLE];
    // One care circle is what a network needs; only its absence is a gap.
    let gaps: Vec<&MissingCategory> = m
        .missing
        .iter()
        .filter(|g| g.category != CARE_CIRCLE || g.count == 0)
        .collect();
    if gaps.is_empty() {
        s.para(format!(
            "Every default category has more than {} on the map.",
            count_of(m.few_threshold, "element")
        ));
    }
    let absent: Vec<String> = gaps
        .iter()
        .filter(|g| g.count == 0 && !special.contains(&g.category.as_str()))
        .map(|g| g.category.clone())
        .collect();
    if !absent.is_empty() {
        s.para(format!(
            "No element of {} on the map: {}.",
            if absent.len() == 1 {
                "this category is"
            } else {
                "these categories is"
            },
            absent.join("; ")
        ));
    }
    let few: Vec<String> = gaps
        .iter()
        .filter(|g| g.count > 0 && !special.contains(&g.category.as_str()))
        .map(|g| format!("{} ({})", g.category, g.count))
        .collect();
    if !few.is_empty() {
        s.para(format!(
            "Thinly present, with {} or fewer: {}.",
            count_of(m.few_threshold, "element"),
            few.join("; ")
        ));
    }
    for gap in gaps
        .iter()
        .filter(|g| special.contains(&g.category.as_str()))
    {
        s.para(special_sentence(a, gap));
    }
    if !gaps.iter().any(|g| g.category == STATUTORY) {
        if let Some(text) = statutory_sentence(a) {
            s.para(text);
        }
    }
    for (x, y) in &m.unlinked_sectors {
        s.para(unlinked_sentence(*x, *y));
    }
    if m.unlinked_sectors.is_empty() && m.elements > 0 {
        s.para("Every pair of sectors present on the map is linked by at least one connection.");
    }
    s.note(
        "Who is missing is also a question for the people who drew the map: whose care is not yet recorded?",
    );
}

/// Statutory services, care teams and the circle each get a sentence of their own.
fn special_sentence(a: &Analysis, gap: &MissingCategory) -> String {
    match (gap.category.as_str(), gap.count) {
        (STATUTORY, 0) => "No statutory service is on the map: the NHS, the council and commissioned social care are absent from this picture of care.".to_string(),
        (CARE_TEAM, 0) => "No care team is on the map: the teams around supported people are not yet part of this picture.".to_string(),
        (CARE_CIRCLE, _) => "No care circle is on the map: nothing is recorded as coordinating the network.".to_string(),
        (STATUTORY, n) => statutory_sentence(a).unwrap_or_else(|| format!("Only {} on the map.", count_of(n, "statutory service"))),
        (_, n) => format!(
            "Only {} {} on the map.",
            count_of(n, "care team"),
            if n == 1 { "is" } else { "are" }
        ),
    }
}

/// How thinly statutory services are tied in: "Statutory services are the thinnest part of the
/// map: 4 elements, 3 connections, none of them active." The "thinnest" wording is used only when
/// their elements have the fewest contacts on average of all categories present.
fn statutory_sentence(a: &Analysis) -> Option<String> {
    let links = &a.bridging.statutory;
    if links.is_empty() {
        return None;
    }
    let connections: usize = links.iter().map(|l| l.connections).sum();
    let active: usize = links.iter().map(|l| l.active).sum();
    let community: usize = links.iter().map(|l| l.to_community).sum();
    let active_text = match active {
        0 if connections > 0 => "none of them active".to_string(),
        0 => String::new(),
        n if n == connections => "all of them active".to_string(),
        n => format!("{n} of them active"),
    };
    let figures = format!(
        "{}, {}{}, {} with informal or voluntary actors",
        count_of(links.len(), "element"),
        count_of(connections, "connection"),
        if active_text.is_empty() {
            String::new()
        } else {
            format!(" ({active_text})")
        },
        word_number(community)
    );
    if thinnest_category(a).as_deref() == Some(STATUTORY) {
        Some(format!(
            "Statutory services are the thinnest part of the map: {figures}. Where services and the community do not meet, people can fall through the gap."
        ))
    } else {
        Some(format!("Statutory services: {figures}."))
    }
}

/// The category whose elements have the fewest distinct contacts on average.
fn thinnest_category(a: &Analysis) -> Option<String> {
    let mut sums: Vec<(String, usize, usize)> = Vec::new();
    for m in &a.elements {
        match sums.iter_mut().find(|(c, ..)| *c == m.element.category) {
            Some(entry) => {
                entry.1 += m.degree;
                entry.2 += 1;
            }
            None => sums.push((m.element.category.clone(), m.degree, 1)),
        }
    }
    sums.into_iter()
        .filter(|(c, ..)| !c.is_empty())
        .min_by(|x, y| (x.1 as f64 / x.2 as f64).total_cmp(&(y.1 as f64 / y.2 as f64)))
        .map(|(c, ..)| c)
}

fn unlinked_sentence(x: Sector, y: Sector) -> String {
    let pair = [x, y];
    let meaning = if pair.contains(&Sector::Formal) && pair.contains(&Sector::Informal) {
        " Care from neighbours and care from services do not meet here."
    } else {
        ""
    };
    format!(
        "No connection links {} and {} actors, though both are on the map.{meaning}",
        x.name(),
        y.name()
    )
}
