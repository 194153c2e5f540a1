//! Chapter 4: care teams: their ties, the care flowing to them, their links to informal and formal
//! actors, their isolation and the links between teams.
//!
//! A team is an element of the "care team" category. Its connections are the counted connections
//! touching it (parallel ones each count; self-loops and connections to missing elements are left
//! out). Care flows in along a connection directed to the team, or a mutual or undirected one.
//! Links are distinct other elements, of any status; an active link is generative or engaged.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::common::{is_community, status_counts, Ctx};
use super::{ElementRef, StatusCount};
use crate::model::category::{Sector, CARE_TEAM};
use crate::model::status::Status;
use crate::model::Network;

/// How cut off a team is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Isolation {
    /// No connections at all.
    Isolated,
    /// Connections, but none generative or engaged.
    NoActiveTies,
    /// Active ties only to formal actors or actors of unknown sector (no informal or voluntary
    /// ones).
    FormalOnly,
    /// Active ties reaching informal or voluntary actors.
    Connected,
}

/// One care team's place in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamReport {
    /// The team.
    pub team: ElementRef,
    /// Its connections.
    pub connections: usize,
    /// Its connections by status, all five.
    pub by_status: Vec<StatusCount>,
    /// Care types flowing to it, with how many connections carry each, most first (then by
    /// name).
    pub care_flowing_in: Vec<(String, usize)>,
    /// Distinct informal actors it is linked to.
    pub informal_links: usize,
    /// Distinct voluntary actors it is linked to.
    pub voluntary_links: usize,
    /// Distinct formal actors it is linked to (other teams included).
    pub formal_links: usize,
    /// Distinct actors of unknown sector it is linked to.
    pub unknown_links: usize,
    /// Distinct informal or voluntary actors it has a generative or engaged tie with.
    pub active_community_links: usize,
    /// How cut off it is.
    pub isolation: Isolation,
    /// Other teams it is linked to, in the map's order.
    pub linked_teams: Vec<ElementRef>,
}

/// Chapter 4: care teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareTeams {
    /// One report per care team, in the map's order.
    pub teams: Vec<TeamReport>,
    /// Connections between two care teams (parallel ones each count).
    pub team_to_team_links: usize,
}

pub(crate) fn compute(network: &Network) -> CareTeams {
    let ctx = Ctx::new(network);
    let team_pos = ctx.of_category(CARE_TEAM);
    let mut is_team = vec![false; network.elements.len()];
    team_pos.iter().for_each(|&t| is_team[t] = true);
    let ties = ctx.ties();
    let teams = team_pos
        .iter()
        .map(|&t| team_report(&ctx, t, &ties[t], &is_team))
        .collect();
    let team_to_team_links = ctx
        .links
        .iter()
        .filter(|l| is_team[l.from] && is_team[l.to])
        .count();
    CareTeams {
        teams,
        team_to_team_links,
    }
}

fn team_report(
    ctx: &Ctx<'_>,
    t: usize,
    ties: &BTreeMap<usize, Status>,
    is_team: &[bool],
) -> TeamReport {
    let links: Vec<_> = ctx.links_of(t).collect();
    let mut care: Vec<(String, usize)> = Vec::new();
    for l in links.iter().filter(|l| l.flows_toward(t)) {
        for name in ctx.care_types(&l.conn.care_flowing) {
            match care.iter_mut().find(|(n, _)| *n == name) {
                Some((_, k)) => *k += 1,
                None => care.push((name, 1)),
            }
        }
    }
    care.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let linked = |sector: Sector| ties.keys().filter(|&&o| ctx.sectors[o] == sector).count();
    let active_community_links = ties
        .iter()
        .filter(|(&o, s)| s.is_active() && is_community(ctx.sectors[o]))
        .count();
    let isolation = if ties.is_empty() {
        Isolation::Isolated
    } else if !ties.values().any(|s| s.is_active()) {
        Isolation::NoActiveTies
    } else if active_community_links == 0 {
        Isolation::FormalOnly
    } else {
        Isolation::Connected
    };
    TeamReport {
        team: ctx.eref(t),
        connections: links.len(),
        by_status: status_counts(links.iter().map(|l| l.status())),
        care_flowing_in: care,
        informal_links: linked(Sector::Informal),
        voluntary_links: linked(Sector::Voluntary),
        formal_links: linked(Sector::Formal),
        unknown_links: linked(Sector::Unknown),
        active_community_links,
        isolation,
        // Ties are keyed by position, so this is the map's order.
        linked_teams: ties
            .keys()
            .filter(|&&o| is_team[o])
            .map(|&o| ctx.eref(o))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::common::build::{care, tie};
    use crate::model::category::{INDIVIDUAL, STATUTORY};
    use crate::model::status::Direction;
    use crate::model::ElementId;

    #[test]
    fn reports_each_team_and_the_links_between_teams() {
        use Direction::*;
        use Status::*;
        let mut map = Network::new("t");
        let rosa = map.add_element("Team Rosa", CARE_TEAM);
        let ann = map.add_element("Ann", INDIVIDUAL);
        let hub = map.add_element("Hub", "community hub or voluntary organisation");
        let gp = map.add_element("GP", STATUTORY);
        let sam = map.add_element("Team Sam", CARE_TEAM);
        let lib = map.add_element("Library", "Public Library");
        map.add_element("Team Lone", CARE_TEAM);
        let c1 = tie(&mut map, &ann, &rosa, Generative, Directed);
        care(&mut map, &c1, &["Food & Shared Meals", "Advocacy"], None);
        let c2 = tie(&mut map, &ann, &rosa, LooselyEngaged, Directed);
        care(&mut map, &c2, &["Food & Shared Meals"], None);
        let c3 = tie(&mut map, &rosa, &hub, Inactive, Directed);
        care(&mut map, &c3, &["Personal Care"], None); // flows out, not in
        let c4 = tie(&mut map, &gp, &rosa, Engaged, Mutual);
        care(&mut map, &c4, &["Advocacy"], Some(true));
        tie(&mut map, &rosa, &sam, Unclassified, Undirected);
        tie(&mut map, &sam, &gp, Engaged, Directed);
        tie(&mut map, &sam, &lib, Generative, Directed);
        tie(&mut map, &sam, &ann, Inactive, Directed);
        tie(&mut map, &rosa, &rosa, Generative, Directed); // self-loop: left out
        tie(
            &mut map,
            &rosa,
            &ElementId::from("ghost"),
            Generative,
            Directed,
        ); // left out
        let t = compute(&map);
        assert_eq!(t.teams.len(), 3);
        // Team Rosa: c1, c2, c3, c4, c5 = 5 connections: 1 generative, 1 engaged, 1 loose,
        // 1 inactive, 1 unclassified.
        let r = &t.teams[0];
        assert_eq!(r.connections, 5);
        let by: Vec<usize> = r.by_status.iter().map(|s| s.count.count).collect();
        assert_eq!(by, vec![1, 1, 1, 1, 1]);
        // Flowing in: Advocacy on c1 and c4 (2), Food on c1 and c2 (2), by name; Personal Care
        // flows out on c3.
        assert_eq!(
            r.care_flowing_in,
            vec![
                ("Advocacy".to_string(), 2),
                ("Food & Shared Meals".to_string(), 2)
            ]
        );
        // Links: Ann informal; Hub voluntary; GP and Team Sam formal.
        assert_eq!(
            (r.informal_links, r.voluntary_links, r.formal_links),
            (1, 1, 2)
        );
        // Active tie with Ann (generative): connected.
        assert_eq!(
            (r.active_community_links, r.isolation),
            (1, Isolation::Connected)
        );
        assert_eq!(r.linked_teams[0].label, "Team Sam");
        // Team Sam: active ties to GP (formal) and the library (unknown), only an inactive one
        // to Ann: formal only.
        let s = &t.teams[1];
        assert_eq!(
            (s.informal_links, s.formal_links, s.unknown_links),
            (1, 2, 1)
        );
        assert_eq!(s.isolation, Isolation::FormalOnly);
        // Team Lone: nothing at all.
        let l = &t.teams[2];
        assert_eq!((l.connections, l.isolation), (0, Isolation::Isolated));
        assert!(l.by_status.iter().all(|s| s.count.count == 0));
        assert_eq!(t.team_to_team_links, 1);
    }

    #[test]
    fn a_team_with_only_weak_or_unassessed_ties_has_no_active_ties() {
        let mut map = Network::new("t");
        let team = map.add_element("Team", CARE_TEAM);
        let ann = map.add_element("Ann", INDIVIDUAL);
        let bob = map.add_element("Bob", INDIVIDUAL);
        tie(
            &mut map,
            &ann,
            &team,
            Status::Unclassified,
            Direction::Directed,
        );
        tie(&mut map, &bob, &team, Status::Inactive, Direction::Directed);
        let t = compute(&map);
        assert_eq!(t.teams[0].isolation, Isolation::NoActiveTies);
        assert_eq!(t.teams[0].informal_links, 2);
        assert_eq!(t.team_to_team_links, 0);
    }

    #[test]
    fn a_map_without_teams_has_no_team_reports() {
        let t = compute(&Network::new("empty"));
        assert!(t.teams.is_empty());
        assert_eq!(t.team_to_team_links, 0);
    }
}
