//! The plain-text and Markdown reports say the right figures in plain sentences.

mod common;

use common::{analysis, fixture, CHAPTERS};

#[test]
fn text_has_the_hand_counted_sentences() {
    let f = fixture();
    let text = caremap_report::render_text(&analysis(&f.network));
    for sentence in [
        // 4 of 7 elements list a care type: Ann, the pantry, the circle and the hub.
        "4 of 7 elements (57.1%) offer care.",
        // c0 and c2 are generative; c3 loosely engaged and c4 inactive.
        "2 of 7 connections (28.6%) are generative; 2 (28.6%) are loosely engaged or inactive.",
        // Ann and the pantry informal; the hub voluntary; circle, team and two services formal.
        "By sector: 2 (28.6%) informal, 1 (14.3%) voluntary and 4 (57.1%) formal.",
        // The two services average half a contact each, fewer than any other category; only the
        // GP has a tie, an inactive one, to the team.
        "Statutory services are the thinnest part of the map: 2 elements, 1 connection (none of them active), none with informal or voluntary actors.",
        // The GP hangs on Team Oak alone.
        "Team Oak is the only link between 1 element and the rest of the network.",
        // c0, c1 (informal -> formal), c3 (formal -> voluntary), c5 (voluntary -> informal).
        "4 of 7 connections (57.1%) cross between sectors; 2 (28.6%) link formal and informal actors directly.",
        "Team Oak has 4 connections: 2 generative, 1 engaged and 1 inactive.",
        "It is linked to 2 informal, 0 voluntary and 2 formal actors.",
        "2 of 7 connections (28.6%) are recorded as mutual.",
        "None of the 5 one-way connections is answered by a connection the other way.",
        "Team Oak receives care from 3 elements: Ann, Elm Care Circle and Elm Street Pantry.",
        "One element has no connection at all: Council Adult Social Care.",
        // 7 distinct pairs of 21 possible.
        "Its density is 33.3%",
        "An analysis of the care network as it stood on 1 March 2026.",
    ] {
        assert!(text.contains(sentence), "missing: {sentence}\n\n{text}");
    }
    assert!(text.contains("Suggested introduction: "), "{text}");
    for chapter in CHAPTERS {
        assert!(text.contains(chapter), "missing chapter {chapter}");
    }
}

#[test]
fn markdown_has_a_heading_per_chapter_and_pipe_tables() {
    let f = fixture();
    let md = caremap_report::render_markdown(&analysis(&f.network));
    assert!(md.starts_with("# Elm Street\n"));
    assert!(md.contains("## At a glance\n"));
    for chapter in CHAPTERS {
        assert!(
            md.contains(&format!("\n## {chapter}\n")),
            "missing ## {chapter}"
        );
    }
    assert!(md.contains("4 of 7 elements (57.1%) offer care."));
    assert!(
        md.contains("| Category | Sector | Elements | Share |"),
        "{md}"
    );
    assert!(md.contains("| --- | --- | ---: | ---: |"));
}

#[test]
fn markdown_and_text_keep_labels_as_text() {
    let mut f = fixture();
    f.network.element_mut(&f.ann).unwrap().label = "<b>Ann</b> *star* | pipe".to_string();
    let a = analysis(&f.network);
    let md = caremap_report::render_markdown(&a);
    assert!(!md.contains("<b>"), "a label became HTML");
    assert!(md.contains(r"\<b\>Ann\</b\> \*star\* \| pipe"));
    assert!(caremap_report::render_text(&a).contains("<b>Ann</b> *star* | pipe"));
}

#[test]
fn an_empty_map_still_reads() {
    let map = caremap_core::Network::new("Nobody yet");
    let a = analysis(&map);
    let text = caremap_report::render_text(&a);
    assert!(text.contains("The map is empty"), "{text}");
    let html = caremap_report::render_html(&a, &map);
    assert!(html.contains("Nobody yet"));
    caremap_report::render_markdown(&a);
}
