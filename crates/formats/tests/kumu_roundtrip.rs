//! A round trip per format on the invented Larkspur Vale example map: what is written reads back
//! equal, with no warnings.

mod common;

use caremap_core::{Consent, FieldValue, Network, Position, Sector};
use caremap_formats::{read, write, Format, Input, ReadOutcome};
use std::path::PathBuf;

fn example() -> Network {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/larkspur-vale-2025.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut map = read(
        Format::Caremap,
        &[Input::new("larkspur-vale-2025.json", &bytes)],
    )
    .unwrap()
    .network;
    // The awkward cases, on top of what the example holds.
    let e = &mut map.elements[0];
    e.fields
        .insert("Type".into(), "a custom field named like a column".into());
    e.fields.insert(
        "Languages".into(),
        FieldValue::List(vec!["English".into(), "Polish".into()]),
    );
    e.description = "=SUM(A1:A3) is not a formula here\nand this is a second line".into();
    e.position = Some(Position { x: -12.5, y: 300.0 });
    e.consent = Some(Consent {
        given: true,
        date: None,
        recorded_by: Some("@coordinator".into()),
    });
    map.categories
        .push(caremap_core::Category::new("Library", Sector::Voluntary));
    map.elements[1].category = "Library".into();
    map.elements[1].sector = None;
    map
}

fn round_trip(format: Format, map: &Network) -> ReadOutcome {
    let files = write(format, map).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| format!("larkspur{}", f.suffix))
        .collect();
    let inputs: Vec<Input> = files
        .iter()
        .zip(&names)
        .map(|(f, n)| Input::new(n, &f.bytes))
        .collect();
    read(format, &inputs).unwrap()
}

#[test]
fn caremap_json_round_trips_exactly() {
    let map = example();
    let back = round_trip(Format::Caremap, &map);
    assert_eq!(back.network, map);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn kumu_xlsx_round_trips_exactly() {
    let map = example();
    let back = round_trip(Format::KumuXlsx, &map);
    common::assert_same_content(&map, &back.network);
    assert_eq!(back.network, map);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn kumu_json_round_trips_exactly() {
    let map = example();
    let back = round_trip(Format::KumuJson, &map);
    common::assert_same_content(&map, &back.network);
    assert_eq!(back.network, map);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn kumu_csv_round_trips_every_element_and_connection() {
    let map = example();
    let back = round_trip(Format::KumuCsv, &map);
    common::assert_same_content(&map, &back.network);
    // CSV has no place for vocabularies: categories and care types new to caremap are reported.
    let warnings: Vec<String> = back.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.contains(&"larkspur-elements.csv, line 4: type 'Library' is not one of the map's categories: kept as a new category, sector voluntary (from this row)".to_string()), "{warnings:?}");
    for w in &warnings {
        assert!(
            w.contains("is not one of the map's categories")
                || w.contains("is not in the map's vocabulary"),
            "{w}"
        );
    }
}

#[test]
fn kumu_csv_neutralises_formulas_and_writes_two_files() {
    let map = example();
    let files = write(Format::KumuCsv, &map).unwrap();
    let suffixes: Vec<&str> = files.iter().map(|f| f.suffix.as_str()).collect();
    assert_eq!(suffixes, ["-elements.csv", "-connections.csv"]);
    let elements = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(
        elements.contains("\"'=SUM(A1:A3) is not a formula here\nand this is a second line\""),
        "{elements}"
    );
    assert!(elements.contains("'@coordinator"), "{elements}");
    assert!(
        elements.contains(",-12.5,"),
        "plain numbers are left alone: {elements}"
    );
    let header = elements.lines().next().unwrap();
    assert!(header.starts_with("ID,Label,Type,Sector,"), "{header}");
    assert!(header.contains(",Custom: Type,"), "{header}");
    let connections = String::from_utf8(files[1].bytes.clone()).unwrap();
    assert!(connections.starts_with("ID,From,To,"), "{connections}");
}

#[test]
fn kumu_xlsx_writes_the_sheets_kumu_reads_and_the_ones_it_skips() {
    use calamine::{Reader, Xlsx};
    let bytes = write(Format::KumuXlsx, &example()).unwrap().remove(0).bytes;
    let book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Elements",
            "Connections",
            "Map (ignore)",
            "Categories (ignore)",
            "Care Types (ignore)"
        ]
    );
}

#[test]
fn kumu_json_is_a_blueprint_with_kumu_keys() {
    let bytes = write(Format::KumuJson, &example()).unwrap().remove(0).bytes;
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let first = &v["elements"][0];
    for key in ["id", "label", "type", "Sector", "tags"] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    assert!(first["tags"].is_array());
    assert!(v["connections"][0].get("from").is_some());
    assert!(v["caremap_map"]["categories"].is_array());
    assert_eq!(v["loops"], serde_json::json!([]));
}
