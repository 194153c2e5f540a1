//! A small invented map that uses every field caremap has, with awkward text, for the graph
//! formats' round-trip and hostile-input tests.
#![allow(dead_code)]

use caremap_core::{
    CareType, Category, Connection, Consent, Direction, Element, FieldValue, Location, Network,
    Position, Sector, Status,
};
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Everything at once: all element and connection fields, custom fields holding one value and
/// several, a category and a care type of the map's own, text with quotes, markup characters,
/// line breaks, tabs, pipes, brackets and a leading `=`.
pub fn rich_map() -> Network {
    let mut map = Network::new("Elm Street care map \"2024\"");
    map.description = "Invented for tests.\nSecond line with <markup> & a tab\there.".into();
    map.as_of = date(2024, 3, 31);
    let mut library = Category::new("Library", Sector::Voluntary);
    library.description = "a public library with a community room".into();
    map.categories.push(library);
    map.care_types.push(CareType::new(
        "Knitting Circle",
        "making things together, with tea",
    ));

    let mut rosa = Element::new("e1", "Rosa Example", "individual active citizen");
    rosa.description = "Runs the Tuesday lunch; \"call first\".\nPrefers mornings.".into();
    rosa.tags = vec!["lunch, Tuesdays".into(), "cook".into(), "a|b".into()];
    rosa.care_types = vec!["Food & Shared Meals".into(), "Knitting Circle".into()];
    rosa.location = Some(Location {
        address: Some("12 Elm Street, Flat [2]".into()),
        latitude: Some(51.5433),
        longitude: Some(-0.0557),
    });
    rosa.email = Some("rosa@example.org".into());
    rosa.url = Some("https://example.org/rosa?a=1&b=2".into());
    rosa.image = Some("https://example.org/rosa.png".into());
    rosa.start = date(2021, 9, 1);
    rosa.consent = Some(Consent {
        given: false,
        date: date(2023, 1, 15),
        recorded_by: Some("K. Organiser".into()),
    });
    rosa.display_name = Some("R. E.".into());
    rosa.position = Some(Position {
        x: -120.25,
        y: 48.5,
    });
    rosa.fields.insert(
        "Languages".into(),
        FieldValue::List(vec!["English".into(), "Spanish, Latin American".into()]),
    );
    rosa.fields.insert(
        "Notes".into(),
        FieldValue::Text("=SUM(A1:A2) is not a formula".into()),
    );
    rosa.fields.insert(
        "category".into(),
        FieldValue::Text("a custom field named like ours".into()),
    );

    let mut pantry = Element::new("e2", "Elm Street Pantry", "grassroots or mutual-aid group");
    // A paid worker's group: its own sector differs from its category's.
    pantry.sector = Some(Sector::Formal);
    pantry.care_types = vec!["Food & Shared Meals".into()];
    pantry.end = date(2024, 2, 29);
    pantry
        .fields
        .insert("Languages".into(), FieldValue::Text("English".into()));
    pantry.fields.insert(
        "Opening hours".into(),
        FieldValue::Text("Mon-Fri\t9-5 | Sat 10-12".into()),
    );

    let mut gp = Element::new("gp-1", "Riverside GP Practice", "statutory service");
    gp.location = Some(Location {
        address: None,
        latitude: Some(51.5),
        longitude: Some(0.0),
    });
    gp.consent = Some(Consent {
        given: true,
        date: None,
        recorded_by: None,
    });

    let mut library = Element::new("lib", "Canal Library", "Library");
    library.tags = vec![
        "+44 20 0000 0000".into(),
        "-hyphen first".into(),
        "@handle".into(),
    ];
    library.position = Some(Position { x: 0.0, y: 0.0 });

    let team = Element::new("t1", "Team Around A.", "care team");

    map.elements = vec![rosa, pantry, gp, library, team];

    let mut c1 = Connection::new("c1", "e1", "e2");
    c1.direction = Direction::Mutual;
    c1.status = Status::Generative;
    c1.care_flowing = vec!["Food & Shared Meals".into(), "Knitting Circle".into()];
    c1.paid = Some(false);
    c1.kind = Some("volunteers at".into());
    c1.label = Some("cooks, weekly".into());
    c1.weight = Some(2.5);
    c1.start = date(2021, 9, 1);
    c1.end = date(2024, 2, 29);
    c1.description = "Since the pantry opened.\n<b>Not</b> markup.".into();
    c1.tags = vec!["core".into(), "weekly".into()];
    c1.fields
        .insert("Hours per week".into(), FieldValue::Text("4".into()));
    c1.fields.insert(
        "Days".into(),
        FieldValue::List(vec!["Tue".into(), "Thu".into()]),
    );

    let mut c2 = Connection::new("c2", "e2", "gp-1");
    c2.direction = Direction::Undirected;
    c2.status = Status::LooselyEngaged;
    c2.paid = Some(true);

    let mut c3 = Connection::new("c3", "lib", "t1");
    c3.status = Status::Inactive;
    c3.weight = Some(-1.0);

    // A second connection between the same two elements (a multigraph).
    let mut c4 = Connection::new("c4", "e2", "e1");
    c4.status = Status::Engaged;

    let c5 = Connection::new("c5", "t1", "gp-1");

    map.connections = vec![c1, c2, c3, c4, c5];
    let warnings = map.absorb_vocabulary();
    assert!(warnings.is_empty(), "{warnings:?}");
    map
}
