//! Writing: which attributes a map needs, and each element's and connection's values.

use caremap_core::{default_categories, Connection, Direction, Element, FieldValue, Network};

use super::values::number_text;
use super::{Field, Meaning, Value, CONNECTION_FIELDS, ELEMENT_FIELDS};

/// One attribute (column) to write: what it means and the name it is written under.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// What the attribute holds.
    pub meaning: Meaning,
    /// The name written in the file.
    pub name: String,
}

impl Column {
    fn new(meaning: Meaning) -> Self {
        let name = meaning.written_name();
        Column { meaning, name }
    }
}

/// The attributes the elements of `net` need, caremap's first (in a fixed order) then custom
/// fields in the order first seen; `skip` lists the fields the format writes in its own way.
pub(crate) fn element_columns(net: &Network, skip: &[Field]) -> Vec<Column> {
    let mut out: Vec<Column> = ELEMENT_FIELDS
        .iter()
        .filter(|f| !skip.contains(f))
        .filter(|f| {
            let m = Meaning::Own(**f);
            net.elements
                .iter()
                .any(|e| element_value(net, e, &m).is_some())
        })
        .map(|f| Column::new(Meaning::Own(*f)))
        .collect();
    out.extend(custom_columns(net.elements.iter().map(|e| &e.fields)));
    out
}

/// The attributes the connections of `net` need; see [`element_columns`].
pub(crate) fn connection_columns(net: &Network, skip: &[Field]) -> Vec<Column> {
    let mut out: Vec<Column> = CONNECTION_FIELDS
        .iter()
        .filter(|f| !skip.contains(f))
        .filter(|f| {
            let m = Meaning::Own(**f);
            net.connections
                .iter()
                .any(|c| connection_value(c, &m).is_some())
        })
        .map(|f| Column::new(Meaning::Own(*f)))
        .collect();
    out.extend(custom_columns(net.connections.iter().map(|c| &c.fields)));
    out
}

fn custom_columns<'a>(
    all: impl Iterator<Item = &'a indexmap::IndexMap<String, FieldValue>>,
) -> Vec<Column> {
    let mut names: indexmap::IndexMap<&str, bool> = indexmap::IndexMap::new();
    for fields in all {
        for (k, v) in fields {
            let list = names.entry(k.as_str()).or_insert(false);
            *list |= matches!(v, FieldValue::List(_));
        }
    }
    names
        .into_iter()
        .map(|(name, list)| {
            Column::new(Meaning::Custom {
                name: name.to_string(),
                list,
            })
        })
        .collect()
}

fn text(s: &str) -> Option<Value> {
    (!s.is_empty()).then(|| Value::One(s.to_string()))
}

fn opt(s: &Option<String>) -> Option<Value> {
    s.as_deref().and_then(text)
}

fn list(v: &[String]) -> Option<Value> {
    (!v.is_empty()).then(|| Value::Many(v.to_vec()))
}

fn number(v: Option<f64>) -> Option<Value> {
    v.map(|v| Value::One(number_text(v)))
}

fn date(d: Option<chrono::NaiveDate>) -> Option<Value> {
    d.map(|d| Value::One(d.to_string()))
}

fn custom(
    fields: &indexmap::IndexMap<String, FieldValue>,
    name: &str,
    as_list: bool,
) -> Option<Value> {
    match fields.get(name)? {
        FieldValue::Text(t) if t.is_empty() => None,
        FieldValue::Text(t) if as_list => Some(Value::Many(vec![t.clone()])),
        FieldValue::Text(t) => Some(Value::One(t.clone())),
        FieldValue::List(l) => Some(Value::Many(l.clone())),
    }
}

/// The value of `meaning` for element `e`, `None` when it has none.
pub(crate) fn element_value(net: &Network, e: &Element, meaning: &Meaning) -> Option<Value> {
    let field = match meaning {
        Meaning::Own(f) => *f,
        Meaning::Custom { name, list } => return custom(&e.fields, name, *list),
        Meaning::Drawing => return None,
    };
    let loc = e.location.as_ref();
    let consent = e.consent.as_ref();
    match field {
        Field::Label => text(&e.label),
        Field::Category => text(&e.category),
        Field::Sector => Some(Value::One(net.sector_of(e).name().to_string())),
        Field::CategorySector => category_sector(net, e),
        Field::Description => text(&e.description),
        Field::Tags => list(&e.tags),
        Field::CareTypes => list(&e.care_types),
        Field::Address => loc.and_then(|l| opt(&l.address)),
        Field::Latitude => number(loc.and_then(|l| l.latitude)),
        Field::Longitude => number(loc.and_then(|l| l.longitude)),
        Field::Email => opt(&e.email),
        Field::Url => opt(&e.url),
        Field::Image => opt(&e.image),
        Field::Start => date(e.start),
        Field::End => date(e.end),
        Field::Consent => consent.map(|c| Value::One(c.given.to_string())),
        Field::ConsentDate => date(consent.and_then(|c| c.date)),
        Field::ConsentRecordedBy => consent.and_then(|c| opt(&c.recorded_by)),
        Field::DisplayName => opt(&e.display_name),
        Field::X => number(e.position.map(|p| p.x)),
        Field::Y => number(e.position.map(|p| p.y)),
        _ => None,
    }
}

/// The sector of the element's category, written only when a reader starting from caremap's
/// default vocabulary could not know it (a category of the map's own, or a changed default).
fn category_sector(net: &Network, e: &Element) -> Option<Value> {
    let cat = net.category(&e.category)?;
    let is_default = default_categories()
        .iter()
        .any(|d| d.name == cat.name && d.sector == cat.sector);
    (!is_default).then(|| Value::One(cat.sector.name().to_string()))
}

/// The value of `meaning` for connection `c`, `None` when it has none.
pub(crate) fn connection_value(c: &Connection, meaning: &Meaning) -> Option<Value> {
    let field = match meaning {
        Meaning::Own(f) => *f,
        Meaning::Custom { name, list } => return custom(&c.fields, name, *list),
        Meaning::Drawing => return None,
    };
    match field {
        Field::Label => opt(&c.label),
        Field::Kind => opt(&c.kind),
        Field::Weight => number(c.weight),
        Field::Direction => {
            (c.direction == Direction::Mutual).then(|| Value::One("mutual".to_string()))
        }
        Field::Status => Some(Value::One(c.status.key().to_string())),
        Field::CareFlowing => list(&c.care_flowing),
        Field::Paid => c.paid.map(|p| Value::One(p.to_string())),
        Field::Start => date(c.start),
        Field::End => date(c.end),
        Field::Description => text(&c.description),
        Field::Tags => list(&c.tags),
        _ => None,
    }
}

/// The colour an element is drawn in: one per sector, from the Okabe-Ito palette that people
/// with colour-blindness can tell apart.
pub(crate) fn sector_colour(sector: caremap_core::Sector) -> (u8, u8, u8) {
    match sector {
        caremap_core::Sector::Informal => (0, 158, 115),
        caremap_core::Sector::Voluntary => (230, 159, 0),
        caremap_core::Sector::Formal => (0, 114, 178),
        caremap_core::Sector::Unknown => (153, 153, 153),
    }
}

/// The colour as `#rrggbb`.
pub(crate) fn hex_colour(sector: caremap_core::Sector) -> String {
    let (r, g, b) = sector_colour(sector);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The drawn size of each element: larger with more connections, between 5 and 25.
pub(crate) fn sizes(net: &Network) -> Vec<f64> {
    let mut degree: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in &net.connections {
        *degree.entry(c.from.as_str()).or_default() += 1;
        *degree.entry(c.to.as_str()).or_default() += 1;
    }
    net.elements
        .iter()
        .map(|e| {
            let d = degree.get(e.id.as_str()).copied().unwrap_or(0) as f64;
            (5.0 + 2.0 * d).min(25.0)
        })
        .collect()
}
