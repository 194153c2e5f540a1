//! Kumu CSV files and Kumu JSON (blueprint and project backup) as other tools and people write
//! them, from hand-made fixtures of invented data.

use caremap_core::{Direction, FieldValue, Position, Sector, Status};
use caremap_formats::{read, Format, Input, ReadOutcome};
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn warnings(o: &ReadOutcome) -> Vec<String> {
    o.warnings.iter().map(ToString::to_string).collect()
}

fn assert_warnings(o: &ReadOutcome, expected: &[&str]) {
    let got = warnings(o);
    for e in expected {
        assert!(
            got.iter().any(|w| w == e),
            "missing warning:\n  {e}\nall warnings:\n  {}",
            got.join("\n  ")
        );
    }
    assert_eq!(
        got.len(),
        expected.len(),
        "unexpected warnings:\n  {}",
        got.join("\n  ")
    );
}

fn csv_files() -> ReadOutcome {
    let (c, e) = (
        fixture("kumu-connections.csv"),
        fixture("kumu-elements.csv"),
    );
    // Connections first: the reader decides what each file holds by its header row.
    read(
        Format::KumuCsv,
        &[
            Input::new("kumu-connections.csv", &c),
            Input::new("kumu-elements.csv", &e),
        ],
    )
    .unwrap()
}

#[test]
fn csv_files_are_told_apart_by_their_headers_and_problems_name_the_line() {
    let o = csv_files();
    assert_warnings(
        &o,
        &[
            "kumu-elements.csv, line 5: type 'Mutual aid' read as category 'grassroots or mutual-aid group'",
            "kumu-elements.csv, line 5: latitude: 'north' is not a number; left empty",
            "kumu-elements.csv, line 6: type 'community hub' read as category 'community hub or voluntary organisation'",
            "kumu-elements.csv, line 6: start date: '2023-13-45' is not a date (write it as 2024-03-05 or 05/03/2024); left empty",
            "kumu-connections.csv, line 3: direction 'sideways' is not directed, undirected or mutual: read as directed",
            "kumu-connections.csv, line 5: connection 'hub' -> 'nowhere': no element with ID or label 'nowhere'; row skipped",
        ],
    );
    let net = &o.network;
    assert_eq!(net.name, "kumu");
    let ids: Vec<&str> = net.elements.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["circle", "team-m", "pantry", "hub"]);
    assert_eq!(
        net.elements[1].description,
        "A self-managing team\nof four neighbours"
    );
    assert_eq!(
        net.elements[1].start,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 15)
    );
    assert_eq!(
        net.elements[1].care_types,
        ["Personal Care", "Befriending & Companionship"]
    );
    assert_eq!(
        net.elements[2].description, "=HYPERLINK(\"https://example.org/pantry\")",
        "the apostrophe is taken off"
    );
    assert_eq!(
        net.elements[0].location.as_ref().and_then(|l| l.longitude),
        Some(-0.1201)
    );
    let ends: Vec<(&str, &str, Status)> = net
        .connections
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str(), c.status))
        .collect();
    assert_eq!(
        ends,
        [
            ("circle", "team-m", Status::Generative),
            ("circle", "pantry", Status::Generative),
            ("pantry", "hub", Status::Engaged),
            ("team-m", "hub", Status::LooselyEngaged),
        ],
        "To cells name elements by ID or by label"
    );
    assert_eq!(net.connections[0].direction, Direction::Mutual);
    assert_eq!(net.connections[0].paid, Some(false));
    assert_eq!(net.connections[3].paid, Some(true));
    assert_eq!(net.connections[0].id.as_str(), "circle--team-m");
}

#[test]
fn windows_1252_csv_is_read_with_a_warning() {
    let bytes = b"Label,Type\nCaf\xe9 Ren\xe9e,Social enterprise\n";
    let o = read(Format::KumuCsv, &[Input::new("cafe.csv", bytes)]).unwrap();
    assert_eq!(o.network.elements[0].label, "Caf\u{e9} Ren\u{e9}e");
    assert!(
        warnings(&o)[0].starts_with("cafe.csv: not UTF-8: read as Windows-1252"),
        "{:?}",
        warnings(&o)
    );
}

#[test]
fn a_csv_of_something_else_is_one_clear_error() {
    let e = read(
        Format::KumuCsv,
        &[Input::new("people.csv", b"Name,Phone\nA. N.,0000\n")],
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with("no sheet of elements or connections was found"),
        "{text}"
    );
}

#[test]
fn empty_or_foreign_csv_files_name_the_file() {
    let e = read(Format::KumuCsv, &[Input::new("map.csv", b"")]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no sheet of elements or connections was found in map.csv: an elements sheet starts with \
         a Label column (or ID then Label), a connections sheet with From and To (what was \
         found: map.csv: the file is empty: nothing read)"
    );
    let e = read(
        Format::KumuCsv,
        &[
            Input::new("people.csv", b"Name,Phone\nA. N.,0000\n"),
            Input::new("notes.csv", b"\n\n"),
        ],
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with("no sheet of elements or connections was found in people.csv, notes.csv:"),
        "{text}"
    );
    assert!(text.contains("notes.csv: the file is empty"), "{text}");
    // An empty file beside a real sheet is skipped, saying so.
    let o = read(
        Format::KumuCsv,
        &[
            Input::new("elm-elements.csv", b"Label\nElm Street Pantry\n"),
            Input::new("elm-connections.csv", b""),
        ],
    )
    .unwrap();
    assert_eq!(o.network.elements.len(), 1);
    assert_warnings(
        &o,
        &["elm-connections.csv: the file is empty: nothing read"],
    );
}

#[test]
fn kumu_json_whose_lists_are_not_lists_is_refused() {
    for (json, expected) in [
        (
            r#"{"elements": "none"}"#,
            "x.json: not Kumu JSON: neither \"elements\" nor \"connections\" is a list (\"elements\" is text)",
        ),
        (
            r#"{"elements": {"a": 1}, "connections": null}"#,
            "x.json: not Kumu JSON: neither \"elements\" nor \"connections\" is a list (\"elements\" is an object, \"connections\" is null)",
        ),
    ] {
        let e = read(Format::KumuJson, &[Input::new("x.json", json.as_bytes())]).unwrap_err();
        assert_eq!(e.to_string(), expected);
    }
    // One list is enough: a blueprint of elements alone, or an empty project.
    for json in [
        r#"{"elements": [{"label": "Elm Street Pantry"}]}"#,
        r#"{"elements": [], "connections": []}"#,
    ] {
        read(Format::KumuJson, &[Input::new("x.json", json.as_bytes())]).unwrap();
    }
}

#[test]
fn a_blueprint_reads_with_its_keys_case_insensitively() {
    let o = read(
        Format::KumuJson,
        &[Input::new(
            "blueprint.json",
            &fixture("kumu-blueprint.json"),
        )],
    )
    .unwrap();
    assert_warnings(
        &o,
        &[
            "blueprint.json, element 5: expected an object with keys, found text: skipped",
            "blueprint.json, element 2: type 'Mutual Aid Groups' read as category 'grassroots or mutual-aid group'",
            "blueprint.json, element 3: type 'Individual' read as category 'individual active citizen'",
            "blueprint.json, element 4: type 'NHS' read as category 'statutory service'",
            "blueprint.json: 1 loop(s) were not read: caremap has no loops",
        ],
    );
    let net = &o.network;
    assert_eq!(net.elements.len(), 4);
    let pantry = &net.elements[1];
    assert_eq!(pantry.tags, ["food", "volunteers"]);
    assert_eq!(pantry.care_types, ["Food & Shared Meals", "Mutual Aid"]);
    assert_eq!(pantry.fields["Opening Hours"], "Saturday 10-12".into());
    let rosa = &net.elements[2];
    assert_eq!(rosa.id.as_str(), "rosa");
    assert_eq!(rosa.public_name(), "R. M.");
    let consent = rosa.consent.as_ref().unwrap();
    assert!(!consent.given);
    assert_eq!(consent.recorded_by.as_deref(), Some("Circle coordinator"));
    let surgery = &net.elements[3];
    assert_eq!(
        surgery.fields["Languages"],
        FieldValue::List(vec!["English".into(), "Polish".into(), "Somali".into()])
    );
    assert_eq!(
        surgery.location.as_ref().and_then(|l| l.latitude),
        Some(51.498)
    );
    assert_eq!(net.connections.len(), 3);
    assert_eq!(net.connections[0].direction, Direction::Mutual);
    assert_eq!(net.connections[1].from, rosa.id, "from by id");
    assert_eq!(net.connections[1].paid, Some(false));
    assert_eq!(net.connections[1].weight, Some(2.0));
}

#[test]
fn a_project_backup_keeps_kumu_ids_and_positions() {
    let o = read(
        Format::KumuJson,
        &[Input::new("backup.json", &fixture("kumu-backup.json"))],
    )
    .unwrap();
    assert_warnings(
        &o,
        &[
            "backup.json: element positions were taken from map 'Whole network'; the positions on 1 other map(s) were not read",
            "backup.json: 1 perspective(s) (Kumu's view styling) were not read: caremap draws its own views",
            "backup.json, element 3: type 'Community Groups' read as category 'grassroots or mutual-aid group'",
            "backup.json, element 3: care type 'Nordic walking' is not in the map's vocabulary: added to it",
            "backup.json, element 4: type 'Council' read as category 'statutory service'",
            "backup.json, connection 4: connection 'el-5f1a04' -> 'el-gone': no element with ID or label 'el-gone'; row skipped",
        ],
    );
    let net = &o.network;
    assert_eq!(net.name, "Larkspur Vale care network");
    let ids: Vec<&str> = net.elements.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["el-5f1a01", "el-5f1a02", "el-5f1a03", "el-5f1a04"]);
    let circle = &net.elements[0];
    assert_eq!(circle.category, "care circle");
    assert_eq!(circle.tags, ["hub", "coordination"]);
    assert_eq!(
        circle.fields["Ward"],
        "Vale".into(),
        "the field definitions give the name its case"
    );
    assert_eq!(
        net.elements[1].position,
        Some(Position { x: 120.5, y: -40.0 })
    );
    assert_eq!(net.elements[3].position, None);
    assert_eq!(net.sector_of(&net.elements[3]), Sector::Formal);
    let c = &net.connections[0];
    assert_eq!(c.id.as_str(), "cn-77b001");
    assert_eq!((c.from.as_str(), c.to.as_str()), ("el-5f1a01", "el-5f1a02"));
    assert_eq!(c.direction, Direction::Mutual);
    assert_eq!(c.kind.as_deref(), Some("coordination"));
    assert_eq!(c.status, Status::Generative);
    assert_eq!(c.care_flowing, ["Information & Signposting"]);
    assert_eq!(c.fields["Meeting Day"], "Tuesday".into());
    assert_eq!(net.connections.len(), 3);
}

#[test]
fn json_of_another_kind_is_told_apart() {
    let cases: [(Format, &str, &str); 4] = [
        (Format::Caremap, r#"{"nodes": [], "edges": []}"#, "x.json: this looks like graphology JSON (it has \"nodes\"); use --format graphology"),
        (Format::Caremap, r#"{"elements": []}"#, "x.json: this looks like Kumu JSON (it has \"elements\" but no \"caremap\" key); use --format kumu-json"),
        (Format::Caremap, r#"{"caremap": 2, "network": {}}"#, "x.json: this file is caremap format version 2, but this caremap reads version 1: open it with the caremap that wrote it, or a newer one"),
        (Format::KumuJson, r#"{"caremap": 1, "network": {}}"#, "x.json: this is caremap's own JSON; use --format caremap"),
    ];
    for (format, json, expected) in cases {
        let e = read(format, &[Input::new("x.json", json.as_bytes())]).unwrap_err();
        assert_eq!(e.to_string(), expected);
    }
}

#[test]
fn caremap_json_errors_name_line_and_column() {
    let json = "{\n  \"caremap\": 1,\n  \"network\": {\"name\": 3}\n}";
    let e = read(Format::Caremap, &[Input::new("map.json", json.as_bytes())]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "map.json, line 3, column 23: invalid type: integer `3`, expected a string"
    );
    let e = read(
        Format::Caremap,
        &[Input::new("cut.json", b"{\"caremap\": 1, \"netw")],
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cut.json, line 1, column 20: EOF while parsing"),
        "{e}"
    );
}

#[test]
fn caremap_json_is_pretty_printed_with_its_version_first() {
    let map = caremap_core::Network::new("Elm Street");
    let bytes = caremap_formats::write(Format::Caremap, &map)
        .unwrap()
        .remove(0)
        .bytes;
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.starts_with("{\n  \"caremap\": 1,\n  \"network\": {\n"),
        "{text}"
    );
}
