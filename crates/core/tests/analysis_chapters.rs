//! The analysis chapters end to end: `analyse` on small hand-made maps and on the invented example
//! maps, and invariants that hold on any map.

use caremap_core::analysis::{
    analyse, compare_person_maps, diff, person_map, AnalysisOptions, Count,
};
use caremap_core::model::category::{CARE_TEAM, INDIVIDUAL, STATUTORY};
use caremap_core::{Direction, ElementId, Network, Status};
use proptest::prelude::*;

fn tie(map: &mut Network, a: &ElementId, b: &ElementId, status: Status, direction: Direction) {
    let c = map.connect(a, b);
    let conn = map.connection_mut(&c).unwrap();
    conn.status = status;
    conn.direction = direction;
}

/// Ann and Bob (informal) care for the team; the GP works with the team; the Hub knows Ann.
fn small_map() -> Network {
    let mut map = Network::new("small");
    let ann = map.add_element("Ann", INDIVIDUAL);
    let bob = map.add_element("Bob", INDIVIDUAL);
    let team = map.add_element("Team Rosa", CARE_TEAM);
    let gp = map.add_element("GP", STATUTORY);
    let hub = map.add_element("Hub", "community hub or voluntary organisation");
    tie(
        &mut map,
        &ann,
        &team,
        Status::Generative,
        Direction::Directed,
    );
    tie(
        &mut map,
        &bob,
        &team,
        Status::LooselyEngaged,
        Direction::Directed,
    );
    tie(&mut map, &gp, &team, Status::Engaged, Direction::Mutual);
    tie(
        &mut map,
        &hub,
        &ann,
        Status::Unclassified,
        Direction::Undirected,
    );
    map
}

#[test]
fn analyse_a_small_map_end_to_end() {
    let a = analyse(&small_map(), &AnalysisOptions::default());
    // 5 elements, 4 connections: generative 1 of 4 = 25%, weak (Bob's) 1 of 4.
    assert_eq!(a.membership.elements, 5);
    assert_eq!(a.health.generative.percent(), "25.0%");
    assert_eq!(a.health.weak.count, 1);
    // The team: only Ann (generative) provides care; the GP's engaged tie and Bob's loose one
    // carry no care type and are not generative.
    assert_eq!(a.care_wealth.to_teams[0].providers.len(), 1);
    // Cross-sector: Ann-team, Bob-team, Hub-Ann = 3 of 4 (GP-team is formal-formal).
    assert_eq!(a.bridging.cross_sector.count, 3);
    // Through the team: Ann-GP (1 x 0.5 + 2 for formal-informal = 2.5).
    assert_eq!(a.bridging.introductions[0].score, 2.5);
    let json = serde_json::to_string(&a).unwrap();
    let back: caremap_core::analysis::Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back.bridging.introductions, a.bridging.introductions);
}

#[test]
fn analyse_empty_and_unconnected_maps() {
    let a = analyse(&Network::new("empty"), &AnalysisOptions::default());
    assert_eq!(a.health.connections, 0);
    let mut map = Network::new("t");
    map.add_element("Team", CARE_TEAM);
    map.add_element("Ann", INDIVIDUAL);
    let a = analyse(&map, &AnalysisOptions::default());
    assert_eq!(
        a.teams.teams[0].isolation,
        caremap_core::analysis::teams::Isolation::Isolated
    );
}

fn example(name: &str) -> Network {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the example maps are in the repository");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::from_value(value["network"].clone()).unwrap()
}

#[test]
fn the_example_maps_analyse_and_compare() {
    let (old, new) = (
        example("larkspur-vale-2025.json"),
        example("larkspur-vale-2026.json"),
    );
    let options = AnalysisOptions::default();
    for map in [&old, &new] {
        let a = analyse(map, &options);
        assert_eq!(a.membership.elements, map.elements.len());
        assert!(a.bridging.introductions.len() <= options.max_introductions);
    }
    let change = diff(&old, &new);
    let total: usize = change.transition_table.iter().flatten().sum();
    assert_eq!(total, change.kept);
    for e in &new.elements {
        if let (Some(b), Some(a)) = (person_map(&old, &e.id), person_map(&new, &e.id)) {
            let c = compare_person_maps(&b, &a);
            assert!(c.findings.len() >= 2);
        }
    }
}

fn share_ok(c: &Count) -> bool {
    c.count <= c.of && (0.0..=1.0).contains(&c.share)
}

fn arbitrary_map() -> impl Strategy<Value = Network> {
    let categories = [
        INDIVIDUAL,
        "grassroots or mutual-aid group",
        "community hub or voluntary organisation",
        STATUTORY,
        CARE_TEAM,
        "Public Library",
    ];
    (
        prop::collection::vec(0..categories.len(), 0..9),
        prop::collection::vec((0..10usize, 0..10usize, 0..5usize, 0..3usize), 0..20),
    )
        .prop_map(move |(kinds, links)| {
            let mut map = Network::new("arbitrary");
            let ids: Vec<ElementId> = kinds
                .iter()
                .enumerate()
                .map(|(i, &k)| map.add_element(&format!("E{i}"), categories[k]))
                .collect();
            for (a, b, s, d) in links {
                // An index past the elements makes a connection to a missing element.
                let id = |i: usize| ids.get(i).cloned().unwrap_or(ElementId::from("ghost"));
                let dir = [
                    Direction::Directed,
                    Direction::Mutual,
                    Direction::Undirected,
                ][d];
                tie(&mut map, &id(a), &id(b), Status::ALL[s], dir);
            }
            map
        })
}

proptest! {
    #[test]
    fn any_map_gives_consistent_figures(map in arbitrary_map()) {
        let a = analyse(&map, &AnalysisOptions::default());
        let h = &a.health;
        let by_status: usize = h.by_status.iter().map(|s| s.count.count).sum();
        prop_assert_eq!(by_status, h.connections);
        prop_assert_eq!(h.connections + h.left_out_connections, map.connections.len());
        prop_assert_eq!(h.weak.count + h.active.count + h.unclassified.count, h.connections);
        for c in [&h.generative, &h.weak, &h.reciprocated, &a.bridging.cross_sector,
                  &a.care_wealth.offering_care, &a.bridging.formal_informal] {
            prop_assert!(share_ok(c));
        }
        let sectors: usize = a.membership.by_sector.iter().map(|s| s.count.count).sum();
        prop_assert_eq!(sectors, map.elements.len());
        let change = diff(&map, &map);
        prop_assert!(change.transitions.is_empty() && change.joined.is_empty());
        for e in &map.elements {
            let p = person_map(&map, &e.id).unwrap();
            prop_assert!((0.0..=1.0).contains(&p.evenness));
            prop_assert!((0.0..=1.0).contains(&p.informal_share));
            prop_assert!(p.inner.iter().all(|x| x.element.id != e.id));
        }
    }
}
