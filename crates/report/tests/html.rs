//! The HTML report is one self-contained, well-formed page: every chapter, the network picture,
//! accessible charts, no external request, and labels escaped.

mod common;

use common::{analysis, fixture, CHAPTERS};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Parses `xml` and checks every element is closed in order; returns the element names seen.
fn well_formed(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                seen.push(name.clone());
                open.push(name);
            }
            Ok(Event::Empty(e)) => {
                seen.push(String::from_utf8_lossy(e.name().as_ref()).to_string())
            }
            Ok(Event::End(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                assert_eq!(
                    open.pop().as_deref(),
                    Some(name.as_str()),
                    "unbalanced </{name}>"
                );
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    seen
}

/// Every place a page could fetch something: `src=`, `href=`, `url(` and any `http` at all,
/// except the SVG namespace name (an identifier, never fetched).
fn assert_no_external_requests(page: &str) {
    let without_ns = page.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
    assert!(
        !without_ns.contains("http://") && !without_ns.contains("https://"),
        "a web address is in the page"
    );
    assert!(
        !without_ns.contains("//"),
        "a protocol-relative address is in the page"
    );
    for (attr, quote) in [("src=", '"'), ("href=", '"'), ("url(", ')')] {
        for (i, _) in page.match_indices(attr) {
            let value: String = page[i + attr.len()..]
                .trim_start_matches('"')
                .chars()
                .take_while(|c| *c != quote)
                .collect();
            assert!(
                value.starts_with('#'),
                "{attr}{value} is not a link within the page"
            );
        }
    }
    assert!(!page.contains("<script"), "the page has a script");
    assert!(!page.contains("@import"), "the style sheet imports another");
}

#[test]
fn the_page_is_well_formed_complete_and_self_contained() {
    let f = fixture();
    let html = caremap_report::render_html(&analysis(&f.network), &f.network);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let elements = well_formed(&html);
    for chapter in CHAPTERS {
        assert!(
            html.contains(&format!("{chapter}</h2>")),
            "missing chapter {chapter}"
        );
    }
    assert!(html.contains("The network</h2>"));
    assert!(html.contains("<h1>Elm Street</h1>"));
    assert!(html.contains("4 of 7 elements (57.1%) offer care."));
    assert_no_external_requests(&html);
    // The picture and the charts: at least the category, sector, offered, flowing, status,
    // team and cross-sector charts.
    let svgs = elements.iter().filter(|e| *e == "svg").count();
    assert!(svgs >= 8, "only {svgs} drawings");
    assert_eq!(
        svgs,
        html.matches("role=\"img\"").count(),
        "a drawing without role=img"
    );
    assert_eq!(
        svgs,
        html.matches("<title id=").count(),
        "a drawing without a title"
    );
    assert_eq!(
        svgs,
        html.matches("<desc id=").count(),
        "a drawing without a text alternative"
    );
    // Print: A4, a new page per chapter, no chart or table split across pages.
    for rule in [
        "@media print",
        "size: A4",
        "break-before: page",
        "break-inside: avoid",
    ] {
        assert!(html.contains(rule), "missing print rule {rule}");
    }
}

#[test]
fn labels_are_escaped_everywhere() {
    let mut f = fixture();
    let evil = r#"<script>alert(1)</script> & "Quote's""#;
    f.network.element_mut(&f.ann).unwrap().label = evil.to_string();
    let html = caremap_report::render_html(&analysis(&f.network), &f.network);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quote&#39;s&quot;"));
    well_formed(&html);
    assert_no_external_requests(&html);
    let svg = caremap_report::network_svg(&f.network);
    assert!(!svg.contains("<script>"));
    well_formed(&svg);
}

#[test]
fn the_network_picture_draws_every_element_with_a_legend() {
    let f = fixture();
    let svg = caremap_report::network_svg(&f.network);
    assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
    well_formed(&svg);
    for label in [
        "Ann",
        "Elm Street Pantry",
        "Team Oak",
        "Riverside GP",
        "Hope Hub",
        "Council Adult Social Care",
    ] {
        assert!(
            svg.contains(&format!(">{label}</text>")),
            "no label {label}"
        );
    }
    assert!(svg.matches("<circle").count() >= 7);
    assert!(
        svg.contains("No connection yet:"),
        "the isolated council is not in the bottom row"
    );
    for key in [
        "generative: ",
        "loosely engaged: ",
        "unclassified: ",
        "care team",
        "statutory service",
        "arrow: one-way connection",
    ] {
        assert!(svg.contains(key), "legend lacks {key}");
    }
    // Generative thick and solid, inactive dashed, unclassified dotted.
    assert!(svg.contains(r#"stroke-width="3.2""#));
    assert!(svg.contains(r#"stroke-dasharray="5 4""#));
    assert!(svg.contains(r#"stroke-dasharray="1.5 3""#));
    assert!(svg.contains("marker-end=\"url(#network-arrow-generative)\""));
    // The same map gives the same picture.
    assert_eq!(svg, caremap_report::network_svg(&f.network));
}

#[test]
fn a_large_map_draws_its_most_connected_elements_and_says_so() {
    let map = caremap_core::generate::generate(&caremap_core::generate::GenerateOptions {
        elements: 700,
        connections: 1400,
        seed: 7,
    });
    let picture = caremap_report::network::network_picture(&map, "big", false);
    assert!(
        picture
            .caption
            .starts_with("The 300 most connected of 700 elements"),
        "{}",
        picture.caption
    );
    let labels = picture.svg.matches("paint-order=\"stroke\"").count();
    assert!(labels <= 40 + 60, "{labels} labels on a big map");
    well_formed(&picture.svg);
}

#[test]
fn the_report_can_be_written_to_a_file() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(
        &path,
        caremap_report::render_html(&analysis(&f.network), &f.network),
    )
    .unwrap();
    let back = std::fs::read_to_string(&path).unwrap();
    assert!(back.contains("Elm Street"));
}

#[test]
fn a_map_placed_by_hand_is_drawn_where_it_was_placed() {
    let mut f = fixture();
    for (i, e) in f.network.elements.iter_mut().enumerate() {
        e.position = Some(caremap_core::Position {
            x: (i % 3) as f64 * 100.0,
            y: (i / 3) as f64 * 100.0,
        });
    }
    let picture = caremap_report::network::network_picture(&f.network, "placed", false);
    assert!(
        picture.caption.contains("where the map placed them"),
        "{}",
        picture.caption
    );
    assert!(!picture.svg.contains("No connection yet:"));
    well_formed(&picture.svg);
}
