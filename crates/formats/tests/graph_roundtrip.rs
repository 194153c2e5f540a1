//! GEXF, GraphML, graphology and Gephi CSV: a rich map written and read back loses nothing.

mod common;
mod sample_map;

use caremap_core::Network;
use caremap_formats::{read, write, Format, Input, ReadOutcome};

fn round_trip(format: Format, map: &Network) -> ReadOutcome {
    let files = write(format, map).unwrap_or_else(|e| panic!("{} write: {e}", format.name()));
    let names: Vec<String> = files.iter().map(|f| format!("map{}", f.suffix)).collect();
    let inputs: Vec<Input> = files
        .iter()
        .zip(&names)
        .map(|(f, n)| Input::new(n, &f.bytes))
        .collect();
    read(format, &inputs).unwrap_or_else(|e| panic!("{} read back: {e}", format.name()))
}

/// Formats with a place for the map's name, date and vocabularies give back the same map.
fn assert_whole_map(format: Format) {
    let map = sample_map::rich_map();
    let back = round_trip(format, &map);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    common::assert_same_content(&map, &back.network);
    assert_eq!(map, back.network);
}

#[test]
fn gexf_keeps_the_whole_map() {
    assert_whole_map(Format::Gexf);
}

#[test]
fn graphml_keeps_the_whole_map() {
    assert_whole_map(Format::GraphMl);
}

#[test]
fn graphology_keeps_the_whole_map() {
    assert_whole_map(Format::Graphology);
}

/// Gephi CSV has no place for the map's name, description, date, category descriptions or
/// care-type definitions; every element and connection comes back whole.
#[test]
fn gephi_csv_keeps_every_element_and_connection() {
    let map = sample_map::rich_map();
    let back = round_trip(Format::GephiCsv, &map);
    common::assert_same_content(&map, &back.network);
    assert_eq!(back.network.name, "map");
    let library = back.network.category("Library").expect("category made");
    assert_eq!(library.sector, caremap_core::Sector::Voluntary);
    // The category and the care type of the map's own come back (the care type without its
    // definition), each with a warning naming the row.
    let messages: Vec<String> = back.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages.iter().any(
            |m| m.starts_with("map-nodes.csv, row 5: category 'Library'")
                && m.contains("of sector voluntary")
        ),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("'Knitting Circle'")),
        "{messages:?}"
    );
}
