//! The person-centred care map in rings, and the change between two versions.

mod common;

use caremap_core::analysis::{compare_person_maps, diff, person_map};
use caremap_core::Status;
use common::fixture;

#[test]
fn the_care_map_has_the_person_in_the_centre_and_both_rings() {
    let f = fixture();
    let map = person_map(&f.network, &f.team).expect("Team Oak is on the map");
    let svg = caremap_report::person_svg(&map);
    assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
    assert!(svg.contains("<title id=\"person-map-title\">Care map of Team Oak</title>"));
    // Ring 1: Ann, the pantry, the circle and the GP are tied to Team Oak directly; ring 2:
    // Hope Hub, tied to the circle and the pantry.
    for label in [
        "Team Oak",
        "Ann",
        "Elm Street Pantry",
        "Elm Care Circle",
        "Riverside GP",
    ] {
        assert!(
            svg.contains(&format!(">{label}</text>")),
            "no {label} on the map"
        );
    }
    let inner: Vec<&str> = map.inner.iter().map(|e| e.element.label.as_str()).collect();
    assert!(inner.contains(&"Ann") && inner.contains(&"Riverside GP"));
    for e in &map.outer {
        assert!(svg.contains(&format!(">{}</text>", e.element.label)));
    }
    assert!(svg.contains("arrow: who cares for whom"));
    let text = caremap_report::render_person_text(&map, None);
    assert!(text.contains("Caring for Team Oak: "), "{text}");
    let html = caremap_report::render_person_html(&map, None);
    assert!(html.contains("Care map of Team Oak</h2>"));
}

#[test]
fn change_between_two_versions_is_told_in_sentences() {
    let f = fixture();
    let mut old = f.network.clone();
    old.as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 1);
    old.connection_mut(&f.c0).unwrap().status = Status::Engaged;
    old.connections.retain(|c| c.id != f.c5);
    let change = diff(&old, &f.network);
    let text = caremap_report::render_change_text(&change);
    for sentence in [
        "Between 1 March 2025 and 1 March 2026:",
        // Then only c2 of 6 was generative; now c0 and c2 of 7.
        "The generative share rose: from 16.7% (1 of 6) to 28.6% (2 of 7).",
        "Ann – Team Oak: engaged → generative.",
        "1 connection appeared and 0 ended.",
        "Hope Hub – Elm Street Pantry (unclassified).",
    ] {
        assert!(text.contains(sentence), "missing: {sentence}\n\n{text}");
    }
    let md = caremap_report::render_change_markdown(&change);
    assert!(md.contains("## 7. Change over time"));
    assert!(md.contains("| Before ↓ / now → | generative | engaged |"));
    let html = caremap_report::render_change_html(&change);
    assert!(html.contains("7. Change over time</h2>"));
    // The change chapter also fills chapter 7 of the full report.
    let a = common::analysis(&f.network);
    let full = caremap_report::render_html_with_change(&a, &f.network, Some(&change));
    assert!(full.contains("Ann – Team Oak: engaged → generative."));

    let before = person_map(&old, &f.team).unwrap();
    let after = person_map(&f.network, &f.team).unwrap();
    let moved = compare_person_maps(&before, &after);
    let person = caremap_report::render_person_markdown(&after, Some(&moved));
    assert!(
        person.contains("Strengthened: Ann (engaged → generative)."),
        "{person}"
    );
}
