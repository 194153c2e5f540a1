//! Files as Gephi, Gephi Lite and yEd write them: what caremap reads from each.

use caremap_core::{Direction, FieldValue, Network, Position, Sector, Status};
use caremap_formats::{read, Format, Input, ReadOutcome};
use chrono::NaiveDate;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/graph/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_fixtures(format: Format, names: &[&str]) -> ReadOutcome {
    let bytes: Vec<Vec<u8>> = names.iter().map(|n| fixture(n)).collect();
    let inputs: Vec<Input> = names
        .iter()
        .zip(&bytes)
        .map(|(n, b)| Input::new(n, b))
        .collect();
    read(format, &inputs).unwrap_or_else(|e| panic!("{names:?}: {e}"))
}

fn messages(outcome: &ReadOutcome) -> Vec<String> {
    outcome.warnings.iter().map(|w| w.to_string()).collect()
}

fn has(messages: &[String], parts: &[&str]) -> bool {
    messages.iter().any(|m| parts.iter().all(|p| m.contains(p)))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn element<'a>(map: &'a Network, id: &str) -> &'a caremap_core::Element {
    map.element(&id.into())
        .unwrap_or_else(|| panic!("no element {id}"))
}

#[test]
fn a_gephi_gexf_1_2_with_viz_and_spells() {
    let out = read_fixtures(Format::Gexf, &["gephi_0.9_dynamic.gexf"]);
    let map = &out.network;
    let w = messages(&out);
    assert_eq!(map.name, "gephi_0.9_dynamic");
    assert_eq!(map.elements.len(), 3);

    let bank = element(map, "0");
    assert_eq!(bank.label, "Canal Street Food Bank");
    assert_eq!(bank.category, "community charity or not-for-profit");
    assert_eq!(bank.email.as_deref(), Some("hello@example.org"));
    assert_eq!(
        bank.fields.get("Languages"),
        Some(&FieldValue::List(vec!["English".into(), "Polish".into()]))
    );
    assert_eq!(
        bank.fields.get("Modularity Class"),
        Some(&FieldValue::Text("0".into()))
    );
    assert_eq!(
        bank.position,
        Some(Position {
            x: -143.70288,
            y: 61.25
        })
    );
    // Two spells become one period, from the first start to the last end.
    assert_eq!(
        (bank.start, bank.end),
        (date(2019, 3, 1), date(2023, 9, 30))
    );
    assert!(
        has(&w, &["gephi_0.9_dynamic.gexf, line 21", "several periods"]),
        "{w:?}"
    );

    let ada = element(map, "1");
    assert_eq!(ada.category, "individual active citizen");
    assert_eq!((ada.start, ada.end), (date(2020, 1, 15), None));

    let library = element(map, "2");
    assert_eq!(library.category, "Public Library");
    assert_eq!(map.sector_of(library), Sector::Unknown);
    assert!(
        has(
            &w,
            &[
                "gephi_0.9_dynamic.gexf, line 42",
                "category 'Public Library'",
                "unknown sector"
            ]
        ),
        "{w:?}"
    );

    assert_eq!(map.connections.len(), 2);
    let volunteers = map.connection(&"0".into()).expect("edge 0");
    assert_eq!(
        volunteers.direction,
        Direction::Undirected,
        "the graph's default"
    );
    assert_eq!(volunteers.weight, Some(3.0));
    assert_eq!(volunteers.kind.as_deref(), Some("volunteers at"));
    assert_eq!((volunteers.start, volunteers.end), (date(2020, 2, 1), None));
    let hosts = map.connection(&"1".into()).expect("edge 1");
    assert_eq!(hosts.direction, Direction::Directed);
    assert_eq!(hosts.label.as_deref(), Some("hosts"));
    assert!(
        has(
            &w,
            &[
                "gephi_0.9_dynamic.gexf, line 62",
                "edge '2' names target '7', which is not a node; edge skipped"
            ]
        ),
        "{w:?}"
    );
    assert!(
        has(&w, &["colours, sizes and shapes are drawing settings"]),
        "{w:?}"
    );
}

#[test]
fn a_gephi_graphml_export() {
    let out = read_fixtures(Format::GraphMl, &["gephi_export.graphml"]);
    let map = &out.network;
    let w = messages(&out);
    assert_eq!(map.elements.len(), 3);
    let group = element(map, "n0");
    assert_eq!(group.label, "Hillside Mutual Aid");
    assert_eq!(group.category, "grassroots or mutual-aid group");
    assert_eq!(group.position, Some(Position { x: -52.38, y: 17.0 }));
    assert_eq!(
        group.fields.get("Degree"),
        Some(&FieldValue::Text("2".into()))
    );
    assert!(group.fields.get("r").is_none() && group.fields.get("size").is_none());
    assert_eq!(element(map, "n1").category, "statutory service");

    let referral = map.connection(&"0".into()).expect("edge 0");
    assert_eq!(referral.direction, Direction::Directed);
    assert_eq!(referral.label.as_deref(), Some("refers people"));
    assert_eq!(referral.kind.as_deref(), Some("referral"));
    assert_eq!(referral.status, Status::LooselyEngaged);
    assert_eq!(referral.paid, Some(false));
    let other = map.connection(&"1".into()).expect("edge 1");
    assert_eq!(other.direction, Direction::Undirected);
    assert_eq!(other.weight, Some(4.0));
    assert_eq!(other.status, Status::Unclassified);
    assert_eq!(
        other.fields.get("Status"),
        Some(&FieldValue::Text("strong-ish".into()))
    );
    assert!(
        has(
            &w,
            &[
                "gephi_export.graphml, line 56",
                "Status 'strong-ish' is not a status",
                "kept as custom field 'Status'"
            ]
        ),
        "{w:?}"
    );
    assert!(has(&w, &["drawing settings"]), "{w:?}");
}

#[test]
fn a_yed_graphml_with_graphics() {
    let out = read_fixtures(Format::GraphMl, &["yed_graphics.graphml"]);
    let map = &out.network;
    let w = messages(&out);
    assert_eq!(map.description, "Sketch of the Tuesday lunch network");
    let club = element(map, "n0");
    assert_eq!(club.label, "Lunch Club", "from y:NodeLabel");
    assert_eq!(club.description, "Cooks every Tuesday");
    assert_eq!(
        club.position,
        Some(Position { x: 120.5, y: -40.0 }),
        "from y:Geometry"
    );
    let hall = element(map, "n1");
    assert_eq!(hall.label, "St Example Hall");
    assert_eq!(hall.url.as_deref(), Some("https://example.org/hall"));
    assert_eq!(map.connections[0].description, "meets in the hall");
    let about_yed: Vec<&String> = w
        .iter()
        .filter(|m| m.contains("http://www.yworks.com/xml/graphml"))
        .collect();
    assert_eq!(about_yed.len(), 1, "one warning for yEd's graphics: {w:?}");
    assert!(
        about_yed[0].starts_with("yed_graphics.graphml, line 17:"),
        "{w:?}"
    );
}

#[test]
fn a_gephi_lite_graphology_export() {
    let out = read_fixtures(Format::Graphology, &["gephi_lite_export.json"]);
    let map = &out.network;
    let w = messages(&out);
    assert_eq!(map.name, "Riverside helpers (Gephi Lite)");
    let tenants = element(map, "a1");
    assert_eq!(tenants.category, "grassroots or mutual-aid group");
    assert_eq!(tenants.position, Some(Position { x: 12.5, y: -3.25 }));
    assert_eq!(
        tenants.fields.get("members"),
        Some(&FieldValue::Text("34".into()))
    );
    assert_eq!(
        tenants.fields.get("active"),
        Some(&FieldValue::Text("true".into()))
    );
    assert!(tenants.fields.get("color").is_none());
    assert_eq!(
        element(map, "a2").fields.get("topics"),
        Some(&FieldValue::List(vec!["carers".into(), "respite".into()]))
    );
    let resident = element(map, "3");
    assert_eq!(resident.category, "individual active citizen");

    assert_eq!(map.connections.len(), 2);
    assert_eq!(map.connections[0].weight, Some(2.0));
    assert_eq!(map.connections[0].direction, Direction::Directed);
    assert_eq!(map.connections[1].direction, Direction::Undirected);
    assert_eq!(map.connections[1].kind.as_deref(), Some("neighbour"));
    assert!(
        has(
            &w,
            &[
                "gephi_lite_export.json, edges[2]",
                "edge 'geid_1_2' names target 'a9', which is not a node; edge skipped"
            ]
        ),
        "{w:?}"
    );
    assert!(has(&w, &["drawing settings"]), "{w:?}");
}

#[test]
fn gephi_csv_tables_with_odd_header_case_and_semicolons() {
    let out = read_fixtures(
        Format::GephiCsv,
        &["gephi_odd_case-edges.csv", "gephi_odd_case-nodes.csv"],
    );
    let map = &out.network;
    let w = messages(&out);
    assert_eq!(map.name, "gephi_odd_case");
    let pantry = element(map, "h1");
    assert_eq!(pantry.label, "Hillside Pantry");
    assert_eq!(pantry.category, "grassroots or mutual-aid group");
    assert_eq!(
        pantry.care_types,
        vec!["Food & Shared Meals", "Advice Surgery"]
    );
    assert_eq!(
        pantry.fields.get("Modularity_Class"),
        Some(&FieldValue::Text("2".into()))
    );
    assert_eq!(
        pantry.location.as_ref().and_then(|l| l.latitude),
        Some(51.52)
    );
    assert!(
        has(&w, &["care type 'Advice Surgery'", "added to it"]),
        "{w:?}"
    );

    let surgery = element(map, "h2");
    assert_eq!(surgery.category, "statutory service");
    assert_eq!(
        surgery.fields.get("latitude"),
        Some(&FieldValue::Text("north".into()))
    );
    assert!(
        has(
            &w,
            &[
                "gephi_odd_case-nodes.csv, row 3",
                "latitude 'north' is not a number"
            ]
        ),
        "{w:?}"
    );
    assert_eq!(
        element(map, "h3").label,
        "=Not a formula",
        "the ' mark is taken off"
    );

    assert_eq!(map.connections.len(), 3);
    let refers = &map.connections[0];
    assert_eq!(refers.direction, Direction::Undirected);
    assert_eq!(refers.weight, Some(1.5));
    assert_eq!(refers.label.as_deref(), Some("refers"));
    assert_eq!(refers.status, Status::Engaged);
    assert_eq!(map.connections[1].direction, Direction::Directed);
    assert_eq!(map.connections[1].status, Status::Generative);
    // A Type that is not a direction is a relationship type.
    assert_eq!(map.connections[2].kind.as_deref(), Some("friendship"));
}
