//! Tests of chapter 5 on small hand-made maps.

use super::*;
use crate::analysis::common::build::{care, offers, tie};
use crate::analysis::structure;
use crate::model::category::{CARE_TEAM, CARE_WORKER, INDIVIDUAL};
use crate::model::status::Direction::{self, *};
use crate::model::status::Status::*;
use crate::model::ElementId;

const FOOD: &str = "Food & Shared Meals";

fn run(map: &Network, max_introductions: usize) -> Bridging {
    let options = AnalysisOptions {
        max_introductions,
        ..AnalysisOptions::default()
    };
    let (_, metrics) = structure::compute(map, &options);
    compute(map, &metrics, &options)
}

/// Ann (informal), Pat's Kitchen (informal), the Hub (voluntary), Larkspur Road Surgery
/// (statutory), Tuesday Lunch Club (informal), Team Mo (care team), a library of unknown sector
/// and Lone (no ties).
///
/// ```text
///  Surgery ==gen== Kitchen ==gen== Lunch
///      \ inactive   | engaged
///       `-------- Hub --loose--> Team Mo <==gen== Ann
///                   | engaged
///                 Library
/// ```
fn village() -> Network {
    let mut map = Network::new("village");
    let ann = map.add_element("Ann", INDIVIDUAL); // e1
    let kitchen = map.add_element("Pat's Kitchen", "grassroots or mutual-aid group"); // e2
    let hub = map.add_element("Hub", "community hub or voluntary organisation"); // e3
    let gp = map.add_element("Larkspur Road Surgery", STATUTORY); // e4
    let lunch = map.add_element("Tuesday Lunch Club", "grassroots or mutual-aid group"); // e5
    let team = map.add_element("Team Mo", CARE_TEAM); // e6
    let lib = map.add_element("Library", "Public Library"); // e7
    map.add_element("Lone", INDIVIDUAL); // e8
    tie(&mut map, &gp, &kitchen, Generative, Mutual); // c1 formal-informal
    tie(&mut map, &lunch, &kitchen, Generative, Mutual); // c2 informal-informal
    tie(&mut map, &kitchen, &hub, Engaged, Undirected); // c3 informal-voluntary
    tie(&mut map, &hub, &team, LooselyEngaged, Directed); // c4 voluntary-formal
    let c5 = tie(&mut map, &ann, &team, Generative, Directed); // c5 informal-formal
    care(&mut map, &c5, &[FOOD], Some(false));
    tie(&mut map, &lib, &hub, Engaged, Undirected); // c6 unknown sector
    tie(&mut map, &gp, &hub, Inactive, Undirected); // c7 formal-voluntary
    tie(&mut map, &hub, &hub, Generative, Directed); // self-loop: left out
    tie(
        &mut map,
        &hub,
        &ElementId::from("ghost"),
        Generative,
        Directed,
    ); // left out
    offers(&mut map, &lunch, &[FOOD]);
    map
}

#[test]
fn cross_sector_ties_pairs_and_statutory_links() {
    let b = run(&village(), 10);
    // Counted c1-c7. Cross-sector: c1, c3, c4, c5, c7 = 5 of 7 (71.4%); c6 has an end of
    // unknown sector.
    assert_eq!(b.cross_sector.percent(), "71.4%");
    assert_eq!(b.unknown_sector_connections, 1);
    // By status: generative c1, c5; engaged c3; loose c4; inactive c7.
    let by: Vec<usize> = b
        .cross_sector_by_status
        .iter()
        .map(|s| s.count.count)
        .collect();
    assert_eq!(by, vec![2, 1, 1, 1, 0]);
    // Informal-voluntary: c3 (active). Informal-formal: c1, c5 (both generative).
    // Voluntary-formal: c4, c7 (neither active).
    let pairs: Vec<(usize, usize, usize)> = b
        .sector_pairs
        .iter()
        .map(|p| (p.connections, p.generative, p.active))
        .collect();
    assert_eq!(pairs, vec![(1, 0, 1), (2, 2, 2), (2, 0, 0)]);
    assert_eq!((b.formal_informal.count, b.formal_informal.of), (2, 7));
    // The surgery: c1 and c7, 1 active; both to community actors, 1 of them active.
    let s = &b.statutory[0];
    assert_eq!(
        (
            s.connections,
            s.active,
            s.to_community,
            s.active_to_community
        ),
        (2, 1, 2, 1)
    );
}

#[test]
fn brokers_and_what_breaks_if_they_leave() {
    let b = run(&village(), 10);
    // Cross-sector ties: Hub 3 (Kitchen, Team Mo, Surgery; the library's sector is unknown);
    // Kitchen 2, Team Mo 2, Surgery 2; Ann 1. Among the 2s by betweenness: Kitchen lies on the
    // 5 shortest paths from Lunch, Team Mo on the 5 from Ann (equal, so by id: e2 before e6),
    // the surgery on none.
    let order: Vec<&str> = b.brokers.iter().map(|x| x.element.label.as_str()).collect();
    assert_eq!(
        order,
        vec![
            "Hub",
            "Pat's Kitchen",
            "Team Mo",
            "Larkspur Road Surgery",
            "Ann"
        ]
    );
    let hub = &b.brokers[0];
    assert_eq!(
        (hub.cross_sector_ties, hub.active_cross_sector_ties),
        (3, 1)
    );
    assert_eq!(hub.sectors_reached, vec![Sector::Informal, Sector::Formal]);
    assert!(hub.articulation_point);
    assert!(!b.brokers[3].articulation_point);
    // Articulation points: the Hub leaves {Kitchen, Surgery, Lunch} (3), {Team Mo, Ann} (2) and
    // {Library} (1): 3 cut off from the largest part. Kitchen cuts off Lunch, Team Mo cuts off
    // Ann: 1 each (by position).
    let cuts: Vec<(&str, usize, usize)> = b
        .articulation_points
        .iter()
        .map(|c| (c.element.label.as_str(), c.would_cut_off, c.parts))
        .collect();
    assert_eq!(
        cuts,
        vec![("Hub", 3, 3), ("Pat's Kitchen", 1, 2), ("Team Mo", 1, 2)]
    );
    // Bridges, by their ends' positions: Ann-Team Mo (c5), Kitchen-Lunch (c2), Hub-Team Mo
    // (c4), Hub-Library (c6).
    let ids: Vec<&str> = b.bridges.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["c5", "c2", "c4", "c6"]);
}

#[test]
fn introductions_cross_the_divide_first() {
    let b = run(&village(), 10);
    // Trusted ties: Surgery-Kitchen, Lunch-Kitchen (generative), Kitchen-Hub, Library-Hub
    // (engaged). Through the Kitchen: Surgery-Lunch 1 x 1 = 1, plus 2 for formal-informal: 3;
    // Hub-Lunch 0.5 + 1 (voluntary-informal) = 1.5; Surgery-Hub are already tied (inactive).
    // Through the Hub: Kitchen-Library 0.5 x 0.5 = 0.25, unknown sector adds nothing.
    let got: Vec<(&str, &str, f64)> = b
        .introductions
        .iter()
        .map(|i| (i.a.label.as_str(), i.b.label.as_str(), i.score))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Larkspur Road Surgery", "Tuesday Lunch Club", 3.0),
            ("Hub", "Tuesday Lunch Club", 1.5),
            ("Pat's Kitchen", "Library", 0.25),
        ]
    );
    let first = &b.introductions[0];
    assert_eq!(
        first.reason,
        "Larkspur Road Surgery and Tuesday Lunch Club both work closely with Pat's Kitchen; \
         an introduction would link formal and informal care."
    );
    assert!(first.crosses_formal_informal);
    assert_eq!(first.via[0].label, "Pat's Kitchen");
    assert_eq!(
        b.introductions[1].reason,
        "Hub and Tuesday Lunch Club both have live ties with Pat's Kitchen; an introduction \
         would link informal and voluntary care."
    );
    // The limit is kept.
    assert_eq!(run(&village(), 1).introductions.len(), 1);
    assert!(run(&village(), 0).introductions.is_empty());
}

#[test]
fn complementary_care_and_ties_broken_by_id() {
    let mut map = Network::new("t");
    let rosa = map.add_element("Rosa", INDIVIDUAL); // e1
    let lunch = map.add_element("Lunch Club", "grassroots or mutual-aid group"); // e2
    let team = map.add_element("Team Mo", CARE_TEAM); // e3
    let nora = map.add_element("Nora", INDIVIDUAL); // e4
    let x: Vec<ElementId> = ["X", "Y", "W"]
        .iter()
        .map(|l| map.add_element(l, INDIVIDUAL)) // e5, e6, e7
        .collect();
    let hub = map.add_element("Hub", "community hub or voluntary organisation"); // e8
    offers(&mut map, &lunch, &[FOOD, "Advocacy"]);
    tie(&mut map, &rosa, &lunch, Generative, Undirected);
    tie(&mut map, &rosa, &team, Engaged, Undirected);
    tie(&mut map, &rosa, &nora, Generative, Undirected);
    let c = tie(&mut map, &nora, &team, Generative, Direction::Directed);
    care(&mut map, &c, &[FOOD], None);
    for e in &x {
        tie(&mut map, &hub, e, Generative, Undirected);
    }
    let b = run(&map, 10);
    // Lunch Club-Team Mo through Rosa: 1 x 0.5 = 0.5, formal-informal 2, and the club offers
    // food, which flows to the team: 0.5; 3.0. Then the 1.0s by id: Lunch Club-Nora (e2, e4;
    // both informal, Nora receives nothing), X-Y (e5, e6), X-W (e5, e7), Y-W (e6, e7).
    // Team Mo-Nora are already tied.
    let got: Vec<(&str, &str, f64)> = b
        .introductions
        .iter()
        .map(|i| (i.a.label.as_str(), i.b.label.as_str(), i.score))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Lunch Club", "Team Mo", 3.0),
            ("Lunch Club", "Nora", 1.0),
            ("X", "Y", 1.0),
            ("X", "W", 1.0),
            ("Y", "W", 1.0),
        ]
    );
    assert_eq!(
        b.introductions[0].complementary_care,
        vec![FOOD.to_string()]
    );
    assert_eq!(
        b.introductions[0].reason,
        "Lunch Club and Team Mo both have live ties with Rosa; an introduction would link \
         formal and informal care, and Lunch Club offers Food & Shared Meals, which Team Mo \
         receives."
    );
    assert_eq!(
        b.introductions[2].reason,
        "X and Y both work closely with Hub; an introduction would add a direct tie between \
         two informal actors."
    );
}

#[test]
fn parallel_connections_self_loops_and_unknown_sectors() {
    let mut map = Network::new("t");
    let ann = map.add_element("Ann", INDIVIDUAL);
    let w = map.add_element("Worker", CARE_WORKER);
    let lib = map.add_element("Library", "Public Library");
    tie(&mut map, &ann, &w, Unclassified, Directed);
    tie(&mut map, &w, &ann, Engaged, Directed); // parallel, the other way
    tie(&mut map, &ann, &ann, Generative, Directed);
    tie(&mut map, &lib, &ann, Generative, Directed);
    let b = run(&map, 10);
    // Counted: 3. Cross-sector: the two Ann-Worker connections, 2 of 3; the library's is of
    // unknown sector.
    assert_eq!((b.cross_sector.count, b.cross_sector.of), (2, 3));
    assert_eq!(b.unknown_sector_connections, 1);
    // Ann and the worker are one tie for brokers.
    assert_eq!(b.brokers[0].cross_sector_ties, 1);
    assert_eq!(b.brokers.len(), 2);
    // Ann is the articulation point; the Ann-Worker bridge stands as its strongest connection.
    assert_eq!(b.articulation_points[0].element.label, "Ann");
    // Bridges by position: Ann-Worker, standing as c2 (engaged beats unclassified c1), then
    // Ann-Library (c4).
    let ids: Vec<&str> = b.bridges.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["c2", "c4"]);
    // Ann trusts the worker (engaged) and the library (generative): 0.5 x 1 = 0.5, and no
    // divide score with an unknown sector.
    assert_eq!(b.introductions.len(), 1);
    assert_eq!(b.introductions[0].score, 0.5);
    assert!(b.introductions[0]
        .reason
        .ends_with("an introduction would add a direct tie between them."));
}

#[test]
fn empty_maps_and_maps_without_connections_or_assessments() {
    let b = run(&Network::new("empty"), 10);
    assert_eq!(b.cross_sector.of, 0);
    assert_eq!(b.sector_pairs.len(), 3);
    assert!(b.brokers.is_empty() && b.articulation_points.is_empty() && b.bridges.is_empty());
    let mut map = Network::new("t");
    let a = map.add_element("Ann", INDIVIDUAL);
    let gp = map.add_element("GP", STATUTORY);
    let b = run(&map, 10);
    assert_eq!(b.statutory[0].connections, 0);
    assert!(b.introductions.is_empty());
    // All unclassified: cross-sector but never active, and no trusted contact to introduce.
    let hub = map.add_element("Hub", "community hub or voluntary organisation");
    tie(&mut map, &a, &hub, Unclassified, Undirected);
    tie(&mut map, &gp, &hub, Unclassified, Undirected);
    let b = run(&map, 10);
    assert_eq!(b.cross_sector.count, 2);
    assert!(b.sector_pairs.iter().all(|p| p.active == 0));
    assert!(b.introductions.is_empty());
}
