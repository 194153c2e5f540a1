//! Tests of the person-centred care map on small hand-made maps.

use super::*;
use crate::analysis::common::build::{care, tie};
use crate::model::category::{CARE_TEAM, INDIVIDUAL, STATUTORY};
use crate::model::status::Direction::{self, *};
use crate::model::status::Status::*;
use crate::model::{ConnectionId, Element};

const FOOD: &str = "Food & Shared Meals";
const ADVOCACY: &str = "Advocacy";

/// Pat at the centre. Ann cares for Pat (generative, food and advocacy: 2 units), Team Pat cares
/// for Pat (engaged, personal care: 1 unit), the Pantry and Pat are mutual (loose, no care type:
/// 1 unit), Pat cares for Bea (engaged), Cal's tie to Pat is inactive (no carer). Ann and Team Pat
/// work together (engaged). Dot cares for Bea; the GP cares for Ann (engaged) and for Team Pat
/// (loose). Bea cares for Fay, who is therefore not on the map.
fn pats_map() -> (Network, ElementId) {
    let mut map = Network::new("t");
    let mut add = |label: &str, category: &str| map.add_element(label, category);
    let pat = add("Pat", INDIVIDUAL);
    let ann = add("Ann", INDIVIDUAL);
    let team = add("Team Pat", CARE_TEAM);
    let pantry = add("Pantry", "grassroots or mutual-aid group");
    let bea = add("Bea", INDIVIDUAL);
    let cal = add("Cal", INDIVIDUAL);
    let dot = add("Dot", INDIVIDUAL);
    let gp = add("GP", STATUTORY);
    let fay = add("Fay", INDIVIDUAL);
    let c = tie(&mut map, &ann, &pat, Generative, Directed);
    care(&mut map, &c, &[FOOD, ADVOCACY], None);
    let c = tie(&mut map, &team, &pat, Engaged, Directed);
    care(&mut map, &c, &["Personal Care"], Some(true));
    tie(&mut map, &pantry, &pat, LooselyEngaged, Mutual);
    tie(&mut map, &pat, &bea, Engaged, Directed);
    tie(&mut map, &cal, &pat, Inactive, Directed);
    tie(&mut map, &ann, &team, Engaged, Undirected);
    tie(&mut map, &dot, &bea, Generative, Directed);
    let c = tie(&mut map, &gp, &ann, Engaged, Directed);
    care(&mut map, &c, &[ADVOCACY], None);
    tie(&mut map, &gp, &team, LooselyEngaged, Directed);
    tie(&mut map, &bea, &fay, Generative, Directed);
    tie(&mut map, &pat, &pat, Generative, Directed); // self-loop: left out
    tie(
        &mut map,
        &pat,
        &ElementId::from("ghost"),
        Generative,
        Directed,
    ); // left out
    (map, pat)
}

fn labels(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.element.label.as_str()).collect()
}

fn entry<'a>(m: &'a PersonMap, label: &str) -> &'a Entry {
    m.inner
        .iter()
        .chain(&m.outer)
        .find(|e| e.element.label == label)
        .expect("on the map")
}

#[test]
fn rings_relations_and_carers() {
    let (map, pat) = pats_map();
    let m = person_map(&map, &pat).expect("Pat is on the map");
    // Ring 1 by status then label: Ann (generative), Bea and Team Pat (engaged), Pantry (loose),
    // Cal (inactive).
    assert_eq!(
        labels(&m.inner),
        vec!["Ann", "Bea", "Team Pat", "Pantry", "Cal"]
    );
    assert_eq!(entry(&m, "Ann").relation, Relation::CaresForPerson);
    assert_eq!(entry(&m, "Bea").relation, Relation::CaredForByPerson);
    assert_eq!(entry(&m, "Pantry").relation, Relation::Mutual);
    assert_eq!(entry(&m, "Cal").relation, Relation::CaresForPerson);
    assert_eq!(entry(&m, "Ann").care_types, vec![ADVOCACY, FOOD]);
    // Carers: Ann (2 units), Team Pat (1), Pantry (1); Cal's tie is inactive, Bea is cared for.
    assert_eq!(m.carers, 3);
    let units: Vec<usize> = m.inner.iter().map(|e| e.care_units).collect();
    assert_eq!(units, vec![2, 0, 1, 1, 0]);
    assert!(!entry(&m, "Cal").carer);
    // Informal or voluntary carers: Ann and the Pantry, 2 of 3.
    assert_eq!(m.informal_carers, 2);
    assert!((m.informal_share - 2.0 / 3.0).abs() < 1e-12);
    // Ann has an engaged tie with Team Pat, the one formal carer; the Pantry has none.
    assert_eq!((m.formal_carers, m.integrated_informal_carers), (1, 1));
    assert!(entry(&m, "Ann").linked_to_formal_carer);
    assert!(!entry(&m, "Pantry").linked_to_formal_carer);
    // Evenness of units 2, 1, 1 (shares 1/2, 1/4, 1/4): H = 0.5 ln 2 + 0.5 ln 4 = 1.0397;
    // divided by ln 3 = 1.0986: 0.9464.
    assert!((m.evenness - 0.9464).abs() < 1e-4, "{}", m.evenness);
    // Ring 2: Dot cares for Bea (generative); the GP cares for Ann (engaged) and Team Pat
    // (loose): engaged, via Ann then Team Pat. Fay is cared for by Bea, so she is not on it.
    assert_eq!(labels(&m.outer), vec!["Dot", "GP"]);
    let gp = entry(&m, "GP");
    assert_eq!(
        (gp.ring, gp.relation, gp.status),
        (2, Relation::AlsoCares, Engaged)
    );
    let via: Vec<&str> = gp.via.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(via, vec!["Ann", "Team Pat"]);
    assert_eq!(gp.care_types, vec![ADVOCACY]);
}

#[test]
fn unknown_people_and_people_without_ties() {
    let (mut map, _) = pats_map();
    assert!(person_map(&map, &ElementId::from("nobody")).is_none());
    let alone = map.add_element("Alone", INDIVIDUAL);
    let m = person_map(&map, &alone).unwrap();
    assert!(m.inner.is_empty() && m.outer.is_empty());
    assert_eq!((m.carers, m.informal_share, m.evenness), (0, 0.0, 0.0));
}

#[test]
fn evenness_is_one_for_equal_loads_and_zero_for_one_carer() {
    let mut map = Network::new("t");
    let pat = map.add_element("Pat", INDIVIDUAL);
    let a = map.add_element("A", INDIVIDUAL);
    tie(&mut map, &a, &pat, Unclassified, Directed);
    // One carer: 0.
    assert_eq!(person_map(&map, &pat).unwrap().evenness, 0.0);
    let b = map.add_element("B", STATUTORY);
    tie(&mut map, &b, &pat, Generative, Directed);
    // Two carers with 1 unit each: ln 2 / ln 2 = 1.
    let m = person_map(&map, &pat).unwrap();
    assert!((m.evenness - 1.0).abs() < 1e-12);
    // An unclassified caring tie still counts (not known is not weak); no formal link: 0 of 1.
    assert_eq!((m.carers, m.integrated_informal_carers), (2, 0));
}

fn set(map: &mut Network, from: &str, to: &str, status: Status, types: &[&str]) {
    let (f, t) = (
        map.element_by_label(from).unwrap().id.clone(),
        map.element_by_label(to).unwrap().id.clone(),
    );
    let c = map
        .connections
        .iter_mut()
        .find(|c| (c.from == f && c.to == t) || (c.from == t && c.to == f))
        .expect("tie exists");
    c.status = status;
    if !types.is_empty() {
        c.care_flowing = types.iter().map(|t| t.to_string()).collect();
    }
}

#[test]
fn comparison_findings_name_ties_integration_and_evenness() {
    let (before_map, pat) = pats_map();
    let mut map = before_map.clone();
    // Pantry: loose -> generative with two care types (2 units); Team Pat: engaged ->
    // generative; Bea: engaged -> inactive; Cal's tie ends; Gus arrives caring for Pat (1 unit);
    // the Pantry starts working with Team Pat.
    set(
        &mut map,
        "Pantry",
        "Pat",
        Generative,
        &[FOOD, "Social Connection & Engagement"],
    );
    set(&mut map, "Team Pat", "Pat", Generative, &[]);
    set(&mut map, "Pat", "Bea", Inactive, &[]);
    let cal = map.element_by_label("Cal").unwrap().id.clone();
    map.connections.retain(|c| c.from != cal);
    map.elements.push(Element::new("gus", "Gus", INDIVIDUAL));
    let mut c = crate::model::Connection::new(ConnectionId::from("gus-pat"), "gus", pat.clone());
    c.status = Generative;
    map.connections.push(c);
    let pantry = map.element_by_label("Pantry").unwrap().id.clone();
    let team = map.element_by_label("Team Pat").unwrap().id.clone();
    tie(&mut map, &pantry, &team, Engaged, Direction::Directed);
    let before = person_map(&before_map, &pat).unwrap();
    let after = person_map(&map, &pat).unwrap();
    let change = compare_person_maps(&before, &after);
    // Key ties on both maps: Ann, Bea, Team Pat, Pantry = 4. Strengthened: Pantry and Team Pat
    // (after-map order: both generative, by label); weakened: Bea.
    let names = |v: &[(ElementRef, Status, Status)]| {
        v.iter()
            .map(|(e, _, _)| e.label.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&change.strengthened), vec!["Pantry", "Team Pat"]);
    assert_eq!(names(&change.weakened), vec!["Bea"]);
    assert_eq!(change.new_ties[0].label, "Gus");
    assert_eq!(change.lost_ties[0].label, "Cal");
    // Carers after: Ann 2, Team Pat 1, Pantry 2, Gus 1 units; informal Ann, Pantry, Gus (3 of
    // 4); integrated Ann and Pantry (2; before 1 of 2). Evenness: shares 1/3, 1/6, 1/3, 1/6:
    // H = (2/3) ln 3 + (1/3) ln 6 = 1.3297; / ln 4 = 0.9591 (before 0.9464).
    assert_eq!(
        change.findings,
        vec![
            "2 of 4 key ties strengthened: Pantry (loosely engaged to generative) and Team Pat \
             (engaged to generative); 1 weakened: Bea (engaged to inactive)."
                .to_string(),
            "1 new direct tie: Gus; 1 tie ended: Cal.".to_string(),
            "Informal support is more integrated: 3 of 4 carers are informal or voluntary and 2 \
             of them have an active tie to a formal carer (before: 1 of 2 informal or voluntary \
             carers)."
                .to_string(),
            "The caring load is spread more evenly: evenness rose from 0.95 to 0.96.".to_string(),
        ]
    );
}

#[test]
fn informal_support_becomes_integrated() {
    let mut map = Network::new("t");
    let pat = map.add_element("Pat", INDIVIDUAL);
    let ann = map.add_element("Ann", INDIVIDUAL);
    let team = map.add_element("Team", CARE_TEAM);
    tie(&mut map, &ann, &pat, Generative, Directed);
    tie(&mut map, &team, &pat, Generative, Directed);
    let before = person_map(&map, &pat).unwrap();
    tie(&mut map, &ann, &team, Generative, Mutual);
    let after = person_map(&map, &pat).unwrap();
    let change = compare_person_maps(&before, &after);
    assert_eq!(change.findings[0], "None of the 2 key ties strengthened.");
    assert_eq!(
        change.findings[1],
        "Informal support is now integrated: 1 of 2 carers is informal or voluntary and 1 of \
         them has an active tie to a formal carer (before: 0 of 1 informal or voluntary carer)."
    );
    assert_eq!(
        change.findings[2],
        "The caring load is spread as evenly as before: evenness stayed at 1.00."
    );
}

#[test]
fn comparing_maps_with_no_carers_does_not_panic() {
    let mut map = Network::new("t");
    let pat = map.add_element("Pat", INDIVIDUAL);
    let m = person_map(&map, &pat).unwrap();
    let change = compare_person_maps(&m, &m);
    assert_eq!(
        change.findings,
        vec![
            "No direct tie is on both maps, so none could strengthen or weaken.".to_string(),
            "No one is recorded as caring for Pat on the newer map.".to_string(),
        ]
    );
}

#[test]
fn labels_ending_in_a_full_stop_and_no_formal_carer() {
    let mut map = Network::new("t");
    let pat = map.add_element("Pat", INDIVIDUAL);
    let vc = map.add_element("V. C.", INDIVIDUAL);
    let ann = map.add_element("Ann", INDIVIDUAL);
    tie(&mut map, &vc, &pat, Engaged, Directed);
    let before = person_map(&map, &pat).unwrap();
    map.connections.clear();
    tie(&mut map, &ann, &pat, Engaged, Directed);
    let after = person_map(&map, &pat).unwrap();
    let change = compare_person_maps(&before, &after);
    assert_eq!(
        change.findings[1],
        "1 new direct tie: Ann; 1 tie ended: V. C."
    );
    assert_eq!(
        change.findings[2],
        "Informal support is not integrated: 1 of 1 carer is informal or voluntary and Pat has \
         no formal carer to link with (before: 0 of 1 informal or voluntary carer)."
    );
    assert_eq!(
        change.findings[3],
        "The caring load rests on one carer, Ann (evenness before: 0.00)."
    );
}
