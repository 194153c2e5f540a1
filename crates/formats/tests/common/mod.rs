//! Shared test support: a generator of arbitrary maps for the round-trip properties, and the
//! comparison that says what "nothing lost" means for each format.
#![allow(dead_code)]

use caremap_core::{
    Category, Connection, Consent, Direction, Element, FieldValue, Location, Network, Position,
    Sector, Status,
};
use chrono::NaiveDate;
use proptest::prelude::*;

/// Text as people type it: letters, digits, spaces, accents, quotes, commas, `&` and `<`, but no
/// `|` (Kumu's separator of several values) and no leading or trailing spaces.
pub fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9àéüß'\",.&<>;:!?()/ -]{1,24}".prop_map(|s| {
        let t = s.trim().to_string();
        if t.is_empty() {
            "x".to_string()
        } else {
            t
        }
    })
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn field_value() -> impl Strategy<Value = FieldValue> {
    prop::collection::vec(text(), 1..4).prop_map(FieldValue::from_parts)
}

fn fields() -> impl Strategy<Value = Vec<(String, FieldValue)>> {
    prop::collection::vec(("[a-z][a-z ]{0,10}[a-z]", field_value()), 0..3)
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![
        Direction::Directed,
        Direction::Mutual,
        Direction::Undirected,
    ])
}

/// Names of fields that the formats map onto caremap's own fields; custom fields must not use
/// them or they would be read back as the real field.
const RESERVED: [&str; 40] = [
    "label",
    "type",
    "category",
    "sector",
    "description",
    "tags",
    "image",
    "email",
    "url",
    "id",
    "location",
    "care types",
    "status",
    "care flowing",
    "paid",
    "start",
    "end",
    "consent",
    "display name",
    "from",
    "to",
    "direction",
    "strength",
    "weight",
    "x",
    "y",
    "latitude",
    "longitude",
    "address",
    "consent date",
    "consent recorded by",
    "source",
    "target",
    "kind",
    "size",
    "color",
    "r",
    "g",
    "b",
    "connection type",
];

fn element(i: usize) -> impl Strategy<Value = Element> {
    let categories = prop::sample::select(vec![
        "individual active citizen",
        "grassroots or mutual-aid group",
        "statutory service",
        "care team",
        "care circle",
        "Library",
    ]);
    (
        (
            text(),
            categories,
            proptest::option::of(prop::sample::select(vec![Sector::Informal, Sector::Formal])),
        ),
        (
            opt_text(),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(
                prop::sample::select(vec!["Advocacy", "Peer Support", "Knitting"]),
                0..3,
            ),
        ),
        (
            opt_text(),
            proptest::option::of((-80.0f64..80.0, -170.0f64..170.0)),
        ),
        (opt_text(), opt_text(), opt_text()),
        (proptest::option::of(date()), proptest::option::of(date())),
        (
            proptest::option::of((any::<bool>(), proptest::option::of(date()), opt_text())),
            opt_text(),
        ),
        (
            proptest::option::of((-500.0f64..500.0, -500.0f64..500.0)),
            fields(),
        ),
    )
        .prop_map(
            move |(
                (label, category, sector),
                (description, tags, care),
                (address, coords),
                (email, url, image),
                (start, end),
                (consent, display),
                (position, fields),
            )| {
                let mut e = Element::new(format!("el-{i}"), format!("{label} {i}"), category);
                e.sector = sector;
                e.description = description.unwrap_or_default();
                e.tags = dedup(tags);
                e.care_types = dedup(care.into_iter().map(String::from).collect());
                if address.is_some() || coords.is_some() {
                    e.location = Some(Location {
                        address,
                        latitude: coords.map(|c| round(c.0)),
                        longitude: coords.map(|c| round(c.1)),
                    });
                }
                e.email = email.map(|m| {
                    format!(
                        "{}@example.org",
                        m.replace(|c: char| !c.is_ascii_alphanumeric(), "")
                    )
                });
                e.url = url.map(|u| {
                    format!(
                        "https://example.org/{}",
                        u.replace(|c: char| !c.is_ascii_alphanumeric(), "")
                    )
                });
                e.image = image.map(|u| {
                    format!(
                        "https://example.org/{}.png",
                        u.replace(|c: char| !c.is_ascii_alphanumeric(), "")
                    )
                });
                let (start, end) = order(start, end);
                e.start = start;
                e.end = end;
                e.consent = consent.map(|(given, date, recorded_by)| Consent {
                    given,
                    date,
                    recorded_by,
                });
                e.display_name = display;
                e.position = position.map(|(x, y)| Position {
                    x: round(x),
                    y: round(y),
                });
                for (k, v) in fields {
                    let k = format!("{k} field");
                    if !RESERVED.contains(&k.as_str()) {
                        e.fields.insert(k, v);
                    }
                }
                e
            },
        )
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn order(a: Option<NaiveDate>, b: Option<NaiveDate>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match (a, b) {
        (Some(x), Some(y)) if y < x => (Some(y), Some(x)),
        other => other,
    }
}

fn connection(i: usize, n: usize) -> impl Strategy<Value = Connection> {
    (
        (0..n, 0..n, direction(), status()),
        (
            prop::collection::vec(
                prop::sample::select(vec!["Advocacy", "Mutual Aid", "Knitting"]),
                0..3,
            ),
            proptest::option::of(any::<bool>()),
        ),
        (opt_text(), opt_text(), proptest::option::of(1u32..10)),
        (proptest::option::of(date()), proptest::option::of(date())),
        (opt_text(), prop::collection::vec(text(), 0..3), fields()),
    )
        .prop_map(
            move |(
                (from, to, direction, status),
                (care, paid),
                (kind, label, weight),
                (start, end),
                (description, tags, fields),
            )| {
                let mut c =
                    Connection::new(format!("co-{i}"), format!("el-{from}"), format!("el-{to}"));
                c.direction = direction;
                c.status = status;
                c.care_flowing = dedup(care.into_iter().map(String::from).collect());
                c.paid = paid;
                c.kind = kind;
                c.label = label;
                c.weight = weight.map(f64::from);
                let (start, end) = order(start, end);
                c.start = start;
                c.end = end;
                c.description = description.unwrap_or_default();
                c.tags = dedup(tags);
                for (k, v) in fields {
                    let k = format!("{k} note");
                    if !RESERVED.contains(&k.as_str()) {
                        c.fields.insert(k, v);
                    }
                }
                c
            },
        )
}

/// An arbitrary map of 1 to 8 elements and up to 12 connections (no self-loops), whose
/// vocabularies hold what it uses (as a map does after [`Network::absorb_vocabulary`]).
pub fn network() -> impl Strategy<Value = Network> {
    (1usize..8)
        .prop_flat_map(|n| {
            let elements: Vec<_> = (0..n).map(element).collect();
            let connections: Vec<_> = (0..12).map(|i| connection(i, n)).collect();
            (elements, connections, 0usize..12, text())
        })
        .prop_map(|(elements, connections, keep, name)| {
            let mut map = Network::new(name);
            map.elements = elements;
            map.connections = connections
                .into_iter()
                .take(keep)
                .filter(|c| c.from != c.to)
                .collect();
            let warnings = map.absorb_vocabulary();
            let _ = warnings;
            if let Some(lib) = map.categories.iter_mut().find(|c| c.name == "Library") {
                lib.sector = Sector::Voluntary;
            }
            // An element's own sector is stored only when it differs from its category's (the
            // readers keep that rule), so `Some(category's sector)` is not a map a file can hold.
            let defaults: Vec<Option<Sector>> = map
                .elements
                .iter()
                .map(|e| map.category(&e.category).map(|c| c.sector))
                .collect();
            for (e, default) in map.elements.iter_mut().zip(defaults) {
                if e.sector == default {
                    e.sector = None;
                }
            }
            map
        })
}

/// Asserts that `back` holds everything of `original` that a format must keep: every element
/// and connection with every field, and the sector of every category in use.
pub fn assert_same_content(original: &Network, back: &Network) {
    assert_eq!(
        original.elements.len(),
        back.elements.len(),
        "element count"
    );
    for (a, b) in original.elements.iter().zip(&back.elements) {
        assert_eq!(a, b, "element {} changed", a.id);
    }
    assert_eq!(
        original.connections.len(),
        back.connections.len(),
        "connection count"
    );
    for (a, b) in original.connections.iter().zip(&back.connections) {
        assert_eq!(a, b, "connection {} changed", a.id);
    }
    for e in &original.elements {
        assert_eq!(
            original.sector_of(e),
            back.sector_of(e),
            "sector of {}",
            e.label
        );
    }
    for t in original
        .elements
        .iter()
        .flat_map(|e| &e.care_types)
        .chain(original.connections.iter().flat_map(|c| &c.care_flowing))
    {
        assert!(
            back.care_types.iter().any(|v| &v.name == t),
            "care type {t} missing from vocabulary"
        );
    }
    let _unused: Option<Category> = None;
}

/// `map` with every element's sector written out in full (its category's when it has none of
/// its own), for formats that keep each element's sector but not every category's.
pub fn with_effective_sectors(map: &Network) -> Network {
    let mut out = map.clone();
    for e in &mut out.elements {
        e.sector = Some(map.sector_of(e));
    }
    out
}
