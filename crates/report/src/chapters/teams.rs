//! Chapter 4: care teams: their ties, the care flowing to them, their links to informal and
//! formal actors, their isolation and the links between teams.

use caremap_core::analysis::teams::{Isolation, TeamReport};
use caremap_core::analysis::Analysis;
use caremap_core::Status;

use crate::doc::{Chart, LegendItem, Section, StackedChart, StackedRow, Table};
use crate::palette::status_colour;
use crate::words::{count_of, int, join, join_max, names, word_number};

/// The chapter's anchor.
pub const ID: &str = "teams";
/// The chapter's heading.
pub const TITLE: &str = "4. Care teams";

/// Builds chapter 4.
pub fn section(a: &Analysis) -> Section {
    let t = &a.teams;
    let mut s = Section::new(ID, TITLE);
    s.para(
        "A care team is a self-managing team around a supported person. A team tied into its neighbourhood can draw on the care around it; an isolated team carries everything alone.",
    );
    if t.teams.is_empty() {
        s.para("There is no care team on the map. Putting teams on the map makes their work visible to the community around them.");
        return s;
    }
    s.para(overview(a));
    s.chart(status_chart(a));
    s.table(summary_table(a));
    for team in &t.teams {
        s.heading(team.team.label.clone());
        s.para(team_sentences(team));
    }
    s
}

fn overview(a: &Analysis) -> String {
    let t = &a.teams;
    let count = |i: Isolation| t.teams.iter().filter(|r| r.isolation == i).count();
    let connected = count(Isolation::Connected);
    let mut text = format!(
        "{} of {} {} active ties reaching informal or voluntary actors.",
        int(connected),
        count_of(t.teams.len(), "care team"),
        if connected == 1 { "has" } else { "have" }
    );
    let isolated = count(Isolation::Isolated);
    if isolated > 0 {
        text.push_str(&format!(" {} no connection at all.", teams_have(isolated)));
    }
    let no_active = count(Isolation::NoActiveTies);
    if no_active > 0 {
        text.push_str(&format!(
            " {} connections but none active.",
            teams_have(no_active)
        ));
    }
    let formal = count(Isolation::FormalOnly);
    if formal > 0 {
        text.push_str(&format!(
            " {} active ties only within formal care.",
            teams_have(formal)
        ));
    }
    text.push(' ');
    text.push_str(&match t.team_to_team_links {
        0 => "No connection links one care team to another: teams cannot learn from or stand in for each other on this map.".to_string(),
        n => format!(
            "{} {} one care team to another.",
            count_of(n, "connection"),
            if n == 1 { "links" } else { "link" }
        ),
    });
    text
}

fn teams_have(n: usize) -> String {
    if n == 1 {
        "One team has".to_string()
    } else {
        format!("{} teams have", int(n))
    }
}

fn team_sentences(team: &TeamReport) -> String {
    let name = &team.team.label;
    if team.connections == 0 {
        return format!(
            "{name} has no connections at all: it is invisible to the community around it."
        );
    }
    let statuses: Vec<String> = team
        .by_status
        .iter()
        .filter(|c| c.count.count > 0)
        .map(|c| format!("{} {}", int(c.count.count), c.status.name()))
        .collect();
    let mut text = format!(
        "{name} has {}: {}.",
        count_of(team.connections, "connection"),
        join(&statuses)
    );
    if team.care_flowing_in.is_empty() {
        text.push_str(" No care is recorded flowing to it.");
    } else {
        let care: Vec<String> = team
            .care_flowing_in
            .iter()
            .map(|(t, n)| format!("{t} ({n})"))
            .collect();
        text.push_str(&format!(" Care flowing to it: {}.", join_max(&care, 6)));
    }
    text.push_str(&format!(
        " It is linked to {} informal, {} voluntary and {} formal {}.",
        int(team.informal_links),
        int(team.voluntary_links),
        int(team.formal_links),
        if team.formal_links == 1 {
            "actor"
        } else {
            "actors"
        }
    ));
    text.push_str(match team.isolation {
        Isolation::Isolated => " It has no connections at all.",
        Isolation::NoActiveTies => " None of its ties is active: on paper it is connected, in practice it stands alone.",
        Isolation::FormalOnly => " Its active ties stay within formal care: no informal or voluntary actor is actively linked to it.",
        Isolation::Connected => "",
    });
    if team.isolation == Isolation::Connected {
        text.push_str(&format!(
            " It has active (generative or engaged) ties with {} informal or voluntary {}.",
            word_number(team.active_community_links),
            if team.active_community_links == 1 {
                "actor"
            } else {
                "actors"
            }
        ));
    }
    if team.unknown_links > 0 {
        text.push_str(&format!(
            " It is also linked to {} of unknown sector.",
            count_of(team.unknown_links, "actor")
        ));
    }
    if !team.linked_teams.is_empty() {
        text.push_str(&format!(
            " Among the other teams, it is linked to {}.",
            names(&team.linked_teams, 6)
        ));
    }
    text
}

fn status_chart(a: &Analysis) -> Chart {
    Chart::Stacked(StackedChart {
        title: "Connections of each care team by status".to_string(),
        unit: "connections".to_string(),
        series: Status::ALL
            .iter()
            .map(|s| LegendItem {
                label: s.name().to_string(),
                colour: status_colour(*s).to_string(),
            })
            .collect(),
        rows: a
            .teams
            .teams
            .iter()
            .map(|t| StackedRow {
                label: t.team.label.clone(),
                values: Status::ALL
                    .iter()
                    .map(|s| {
                        t.by_status
                            .iter()
                            .find(|c| c.status == *s)
                            .map_or(0, |c| c.count.count)
                    })
                    .collect(),
            })
            .collect(),
    })
}

fn summary_table(a: &Analysis) -> Table {
    let mut t = Table::new(
        "Each care team's connections, the distinct actors it is linked to by sector, and how cut off it is.",
        &["Care team", "#Connections", "#Informal", "#Voluntary", "#Formal", "Standing"],
    );
    for team in &a.teams.teams {
        t.row(vec![
            team.team.label.clone(),
            int(team.connections),
            int(team.informal_links),
            int(team.voluntary_links),
            int(team.formal_links),
            isolation_name(team.isolation).to_string(),
        ]);
    }
    t
}

/// A short name for how cut off a team is.
pub fn isolation_name(i: Isolation) -> &'static str {
    match i {
        Isolation::Isolated => "isolated",
        Isolation::NoActiveTies => "no active ties",
        Isolation::FormalOnly => "formal ties only",
        Isolation::Connected => "tied into the community",
    }
}
