//! The tables every Kumu writer writes, built once: the same columns go into the .xlsx sheets,
//! the .csv files and the JSON blueprint's keys.

use super::columns::{custom_header, ConnectionCol, ElementCol, Kind};
use caremap_core::{Connection, Element, FieldValue, Network};

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number (a number cell in .xlsx, a JSON number).
    Number(f64),
    /// Several values: an array in JSON, `a | b` in a spreadsheet.
    List(Vec<String>),
}

impl Out {
    /// Text, or nothing when empty.
    pub(crate) fn text(s: &str) -> Out {
        if s.is_empty() {
            Out::Empty
        } else {
            Out::Text(s.to_string())
        }
    }

    fn opt(s: &Option<String>) -> Out {
        s.as_deref().map_or(Out::Empty, Out::text)
    }

    fn num(n: Option<f64>) -> Out {
        n.map_or(Out::Empty, Out::Number)
    }

    fn date(d: Option<chrono::NaiveDate>) -> Out {
        d.map_or(Out::Empty, |d| Out::Text(d.to_string()))
    }

    fn list(v: &[String]) -> Out {
        if v.is_empty() {
            Out::Empty
        } else {
            Out::List(v.to_vec())
        }
    }

    /// The value as spreadsheet text: several values joined with ` | `.
    pub(crate) fn joined(&self) -> Option<String> {
        match self {
            Out::Empty => None,
            Out::Text(t) => Some(t.clone()),
            Out::Number(n) => Some(format!("{n}")),
            Out::List(l) => Some(l.join(" | ")),
        }
    }
}

/// A table to write: a sheet name, headers and rows.
#[derive(Debug, Clone)]
pub(crate) struct OutTable {
    /// The sheet's name in a workbook.
    pub name: &'static str,
    /// The header row.
    pub headers: Vec<String>,
    /// The rows, each as long as the headers.
    pub rows: Vec<Vec<Out>>,
}

/// The element columns written, in order; ID, Label, Type and Sector always, the rest when some
/// element has a value.
const ELEMENT_ORDER: [ElementCol; 21] = [
    ElementCol::Id,
    ElementCol::Label,
    ElementCol::Type,
    ElementCol::Sector,
    ElementCol::Description,
    ElementCol::Tags,
    ElementCol::CareTypes,
    ElementCol::DisplayName,
    ElementCol::Consent,
    ElementCol::ConsentDate,
    ElementCol::ConsentRecordedBy,
    ElementCol::Location,
    ElementCol::Latitude,
    ElementCol::Longitude,
    ElementCol::Email,
    ElementCol::Url,
    ElementCol::Image,
    ElementCol::Start,
    ElementCol::End,
    ElementCol::X,
    ElementCol::Y,
];

fn element_value(net: &Network, e: &Element, col: ElementCol) -> Out {
    let consent = e.consent.as_ref();
    let location = e.location.as_ref();
    match col {
        ElementCol::Id => Out::text(e.id.as_str()),
        ElementCol::Label => Out::text(&e.label),
        ElementCol::Type | ElementCol::Category => Out::text(&e.category),
        ElementCol::Sector => Out::text(net.sector_of(e).name()),
        ElementCol::Description => Out::text(&e.description),
        ElementCol::Tags => Out::list(&e.tags),
        ElementCol::CareTypes => Out::list(&e.care_types),
        ElementCol::DisplayName => Out::opt(&e.display_name),
        ElementCol::Consent => consent.map_or(Out::Empty, |c| {
            Out::text(if c.given { "yes" } else { "no" })
        }),
        ElementCol::ConsentDate => Out::date(consent.and_then(|c| c.date)),
        ElementCol::ConsentRecordedBy => consent.map_or(Out::Empty, |c| Out::opt(&c.recorded_by)),
        ElementCol::Location => location.map_or(Out::Empty, |l| Out::opt(&l.address)),
        ElementCol::Latitude => Out::num(location.and_then(|l| l.latitude)),
        ElementCol::Longitude => Out::num(location.and_then(|l| l.longitude)),
        ElementCol::Email => Out::opt(&e.email),
        ElementCol::Url => Out::opt(&e.url),
        ElementCol::Image => Out::opt(&e.image),
        ElementCol::Start => Out::date(e.start),
        ElementCol::End => Out::date(e.end),
        ElementCol::X => Out::num(e.position.map(|p| p.x)),
        ElementCol::Y => Out::num(e.position.map(|p| p.y)),
    }
}

fn field_value(v: &FieldValue) -> Out {
    match v {
        FieldValue::Text(t) => Out::text(t),
        FieldValue::List(l) => Out::List(l.clone()),
    }
}

/// The custom field names used by `fields`, in the order first seen.
fn custom_names<'a>(
    fields: impl Iterator<Item = &'a indexmap::IndexMap<String, FieldValue>>,
) -> Vec<String> {
    let mut names: indexmap::IndexSet<String> = indexmap::IndexSet::new();
    for f in fields {
        for k in f.keys() {
            names.insert(k.clone());
        }
    }
    names.into_iter().collect()
}

/// The `Elements` sheet of `net`.
pub(crate) fn elements_table(net: &Network) -> OutTable {
    let always = [
        ElementCol::Id,
        ElementCol::Label,
        ElementCol::Type,
        ElementCol::Sector,
    ];
    let cols: Vec<ElementCol> = ELEMENT_ORDER
        .into_iter()
        .filter(|c| {
            always.contains(c)
                || net
                    .elements
                    .iter()
                    .any(|e| element_value(net, e, *c) != Out::Empty)
        })
        .collect();
    let custom = custom_names(net.elements.iter().map(|e| &e.fields));
    let mut headers: Vec<String> = cols.iter().map(|c| c.header().to_string()).collect();
    headers.extend(custom.iter().map(|n| custom_header(Kind::Elements, n)));
    let rows = net
        .elements
        .iter()
        .map(|e| {
            let mut row: Vec<Out> = cols.iter().map(|c| element_value(net, e, *c)).collect();
            row.extend(
                custom
                    .iter()
                    .map(|n| e.fields.get(n).map_or(Out::Empty, field_value)),
            );
            row
        })
        .collect();
    OutTable {
        name: "Elements",
        headers,
        rows,
    }
}

const CONNECTION_ORDER: [ConnectionCol; 14] = [
    ConnectionCol::Id,
    ConnectionCol::From,
    ConnectionCol::To,
    ConnectionCol::Type,
    ConnectionCol::Label,
    ConnectionCol::Direction,
    ConnectionCol::Status,
    ConnectionCol::CareFlowing,
    ConnectionCol::Paid,
    ConnectionCol::Strength,
    ConnectionCol::Start,
    ConnectionCol::End,
    ConnectionCol::Description,
    ConnectionCol::Tags,
];

fn connection_value(c: &Connection, col: ConnectionCol) -> Out {
    match col {
        ConnectionCol::Id => Out::text(c.id.as_str()),
        ConnectionCol::From => Out::text(c.from.as_str()),
        ConnectionCol::To => Out::text(c.to.as_str()),
        ConnectionCol::Type => Out::opt(&c.kind),
        ConnectionCol::Label => Out::opt(&c.label),
        ConnectionCol::Direction => Out::text(c.direction.name()),
        ConnectionCol::Status => Out::text(c.status.name()),
        ConnectionCol::CareFlowing => Out::list(&c.care_flowing),
        ConnectionCol::Paid => c
            .paid
            .map_or(Out::Empty, |p| Out::text(if p { "paid" } else { "gifted" })),
        ConnectionCol::Strength => Out::num(c.weight),
        ConnectionCol::Start => Out::date(c.start),
        ConnectionCol::End => Out::date(c.end),
        ConnectionCol::Description => Out::text(&c.description),
        ConnectionCol::Tags => Out::list(&c.tags),
    }
}

/// The `Connections` sheet of `net`: From and To hold element ids, which the Elements sheet's
/// ID column resolves.
pub(crate) fn connections_table(net: &Network) -> OutTable {
    let always = [
        ConnectionCol::Id,
        ConnectionCol::From,
        ConnectionCol::To,
        ConnectionCol::Direction,
        ConnectionCol::Status,
    ];
    let cols: Vec<ConnectionCol> = CONNECTION_ORDER
        .into_iter()
        .filter(|col| {
            always.contains(col)
                || net
                    .connections
                    .iter()
                    .any(|c| connection_value(c, *col) != Out::Empty)
        })
        .collect();
    let custom = custom_names(net.connections.iter().map(|c| &c.fields));
    let mut headers: Vec<String> = cols.iter().map(|c| c.header().to_string()).collect();
    headers.extend(custom.iter().map(|n| custom_header(Kind::Connections, n)));
    let rows = net
        .connections
        .iter()
        .map(|c| {
            let mut row: Vec<Out> = cols.iter().map(|col| connection_value(c, *col)).collect();
            row.extend(
                custom
                    .iter()
                    .map(|n| c.fields.get(n).map_or(Out::Empty, field_value)),
            );
            row
        })
        .collect();
    OutTable {
        name: "Connections",
        headers,
        rows,
    }
}
