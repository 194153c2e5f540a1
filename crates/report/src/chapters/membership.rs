//! Chapter 1: who is in the network, and who is missing.

use caremap_core::analysis::membership::MissingCategory;
use caremap_core::analysis::{Analysis, Count};
use caremap_core::model::category::{CARE_CIRCLE, CARE_TEAM, STATUTORY};
use caremap_core::Sector;

use crate::doc::{Bar, BarChart, Chart, LegendItem, Section, Table};
use crate::palette::{category_colour, sector_colour};
use crate::words::{capitalise, count_of, int, join, names, plural, with_share};

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
    let largest = m.by_category.iter().find(|c| c.count.count > 0);
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
            c.category.clone(),
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
        1 => format!(" {} is the care circle that coordinates the network.", m.circles[0].label),
        n => format!(" {n} care circles coordinate it: {}.", names(&m.circles, 12)),
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
            label: capitalise(&c.category),
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
    if m.missing.is_empty() {
        s.para(format!(
            "Every default category has more than {} on the map.",
            count_of(m.few_threshold, "element")
        ));
    }
    for gap in &m.missing {
        s.para(missing_sentence(a, gap));
    }
    for (x, y) in &m.unlinked_sectors {
        s.para(unlinked_sentence(*x, *y));
    }
    if m.unlinked_sectors.is_empty() && m.elements > 0 {
        s.para("Every pair of sectors present on the map is linked by at least one connection.");
    }
    s.note(format!(
        "A default category counts as thin when it has {} or fewer. Who is missing is also a question for the people who drew the map: whose care is not yet recorded?",
        count_of(m.few_threshold, "element")
    ));
}

fn missing_sentence(a: &Analysis, gap: &MissingCategory) -> String {
    let name = &gap.category;
    if gap.count == 0 {
        return match name.as_str() {
            STATUTORY => "No statutory service is on the map: the NHS, the council and commissioned social care are absent from this picture of care.".to_string(),
            CARE_TEAM => "No care team is on the map: the teams around supported people are not yet part of this picture.".to_string(),
            CARE_CIRCLE => "No care circle is on the map: nothing is recorded as coordinating the network.".to_string(),
            _ => format!("No {name} is on the map."),
        };
    }
    if name == STATUTORY {
        return statutory_thinnest(a, gap.count);
    }
    format!(
        "Only {} {} on the map ({}).",
        count_of(gap.count, name),
        if gap.count == 1 { "is" } else { "are" },
        gap.sector.name()
    )
}

/// "Statutory services are the thinnest part of the map: 4 elements, 3 connections, none generative."
fn statutory_thinnest(a: &Analysis, count: usize) -> String {
    let links = &a.bridging.statutory;
    let connections: usize = links.iter().map(|l| l.connections).sum();
    let active: usize = links.iter().map(|l| l.active).sum();
    let community: usize = links.iter().map(|l| l.to_community).sum();
    let active_text = match active {
        0 => "none of them active".to_string(),
        n if n == connections => "all of them active".to_string(),
        n => format!("{n} of them active"),
    };
    format!(
        "Statutory services are the thinnest part of the map: {}, {} ({}), {} with informal or voluntary actors. Where services and the community do not meet, people can fall through the gap.",
        count_of(count, "element"),
        count_of(connections, "connection"),
        active_text,
        int(community)
    )
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
