//! Elements sheets: one element per row, columns mapped by name (see `columns`).

use super::col_map::{map_columns, Col, RowCells};
use super::columns::{element_col, ElementCol, Kind};
use super::ids::{slug, IdPool};
use super::reading::Reading;
use super::sheet::{Cell, Row, Sheet};
use super::values;
use caremap_core::{Consent, Element, ElementId, FieldValue, Location, Position, Sector};
use std::collections::HashMap;

/// An element read from a row, before ids are handed out.
pub(crate) struct Pending {
    place: String,
    explicit_id: Option<String>,
    element: Element,
}

/// Reads every row of an elements sheet.
pub(crate) fn read_sheet(r: &mut Reading, sheet: &Sheet) -> Vec<Pending> {
    let cols = map_columns(r, sheet, Kind::Elements, element_col);
    sheet
        .rows
        .iter()
        .filter_map(|row| read_row(r, sheet, &cols, row))
        .collect()
}

fn read_row(
    r: &mut Reading,
    sheet: &Sheet,
    cols: &[Col<ElementCol>],
    row: &Row,
) -> Option<Pending> {
    if row.is_blank() {
        return None;
    }
    let place = sheet.place_of(row.number);
    let cells = RowCells::new(cols, row);
    let cell = |c: ElementCol| cells.get(c);
    let Some(label) = cell(ElementCol::Label).text() else {
        r.warn(
            &place,
            "row has no Label: skipped (every element needs a name)",
        );
        return None;
    };
    let mut e = Element::new("", label, "");
    let pipes = sheet.pipe_lists;
    let texts = |c: ElementCol| values::parts(cell(c), pipes);

    let sector = match cell(ElementCol::Sector).text() {
        None => None,
        Some(t) => match Sector::parse(&t) {
            Some(s) => Some(s),
            None => {
                r.warn(&place, format!("sector '{t}' is not informal, voluntary, formal or unknown: the category's sector applies"));
                None
            }
        },
    };
    let written = cell(ElementCol::Category)
        .text()
        .or_else(|| cell(ElementCol::Type).text())
        .unwrap_or_default();
    let (category, own_sector) = r.category_and_sector(&place, &written, sector);
    e.category = category;
    e.sector = own_sector;
    e.description = cell(ElementCol::Description).raw_text().unwrap_or_default();
    e.tags = texts(ElementCol::Tags);
    e.care_types = r.care_types(&place, texts(ElementCol::CareTypes));
    e.display_name = cell(ElementCol::DisplayName).text();
    e.email = cell(ElementCol::Email).text();
    e.url = cell(ElementCol::Url).text();
    e.image = cell(ElementCol::Image).text();
    e.start = date(r, &place, "start", cell(ElementCol::Start));
    e.end = date(r, &place, "end", cell(ElementCol::End));
    e.location = location(r, &place, &cell);
    e.position = position(r, &place, &cell);
    e.consent = consent(r, &place, &cell);
    for (name, c) in &cells.custom {
        let parts = values::parts(c, pipes);
        if !parts.is_empty() {
            e.fields
                .insert(name.to_string(), FieldValue::from_parts(parts));
        }
    }
    Some(Pending {
        place,
        explicit_id: cell(ElementCol::Id).text(),
        element: e,
    })
}

fn date(r: &mut Reading, place: &str, what: &str, c: &Cell) -> Option<chrono::NaiveDate> {
    values::date(c).unwrap_or_else(|m| {
        r.warn(place, format!("{what} date: {m}; left empty"));
        None
    })
}

fn number(r: &mut Reading, place: &str, what: &str, c: &Cell) -> Option<f64> {
    values::number(c).unwrap_or_else(|m| {
        r.warn(place, format!("{what}: {m}; left empty"));
        None
    })
}

fn location<'a>(
    r: &mut Reading,
    place: &str,
    cell: &impl Fn(ElementCol) -> &'a Cell,
) -> Option<Location> {
    let mut coordinate = |col, what: &str, bound: f64| {
        let v = number(r, place, what, cell(col))?;
        if v.abs() > bound {
            r.warn(
                place,
                format!("{what} {v} is not between -{bound} and {bound}; left empty"),
            );
            return None;
        }
        Some(v)
    };
    let latitude = coordinate(ElementCol::Latitude, "latitude", 90.0);
    let longitude = coordinate(ElementCol::Longitude, "longitude", 180.0);
    let address = cell(ElementCol::Location).text();
    (address.is_some() || latitude.is_some() || longitude.is_some()).then_some(Location {
        address,
        latitude,
        longitude,
    })
}

fn position<'a>(
    r: &mut Reading,
    place: &str,
    cell: &impl Fn(ElementCol) -> &'a Cell,
) -> Option<Position> {
    let x = number(r, place, "X", cell(ElementCol::X));
    let y = number(r, place, "Y", cell(ElementCol::Y));
    match (x, y) {
        (Some(x), Some(y)) => Some(Position { x, y }),
        (None, None) => None,
        _ => {
            r.warn(place, "position needs both X and Y: left unplaced");
            None
        }
    }
}

fn consent<'a>(
    r: &mut Reading,
    place: &str,
    cell: &impl Fn(ElementCol) -> &'a Cell,
) -> Option<Consent> {
    let given = values::consent(cell(ElementCol::Consent)).unwrap_or_else(|m| {
        r.warn(place, format!("{m}; consent left unrecorded"));
        None
    });
    let date = date(r, place, "consent", cell(ElementCol::ConsentDate));
    let recorded_by = cell(ElementCol::ConsentRecordedBy).text();
    match given {
        Some(given) => Some(Consent {
            given,
            date,
            recorded_by,
        }),
        None if date.is_some() || recorded_by.is_some() => {
            r.warn(
                place,
                "consent date or recorder given without a yes/no Consent: recorded as not given",
            );
            Some(Consent {
                given: false,
                date,
                recorded_by,
            })
        }
        None => None,
    }
}

/// Gives every element read its id (the file's ID when it gave one, else one made from the
/// label), adds them to the map and indexes them for the connections sheets.
pub(crate) fn finish(r: &mut Reading, pending: Vec<Pending>) {
    let mut pool = IdPool::default();
    let mut first_with_id: HashMap<String, String> = HashMap::new();
    let mut ids = Vec::with_capacity(pending.len());
    for p in &pending {
        ids.push(match &p.explicit_id {
            Some(id) if !pool.is_taken(id) => {
                first_with_id.insert(id.clone(), p.place.clone());
                Some(pool.take(id))
            }
            _ => None,
        });
    }
    let mut label_place: HashMap<String, (String, bool)> = HashMap::new();
    for (p, id) in pending.into_iter().zip(ids) {
        let mut e = p.element;
        let id = match (id, &p.explicit_id) {
            (Some(id), _) => id,
            (None, Some(given)) => {
                let new = pool.take(given);
                let first = first_with_id.get(given).cloned().unwrap_or_default();
                r.warn(
                    &p.place,
                    format!("ID '{given}' is also used at {first}: this element was given the id '{new}', and connections naming '{given}' go to the first"),
                );
                new
            }
            (None, None) => pool.take(&slug(&e.label)),
        };
        e.id = ElementId(id.clone());
        let has_id = p.explicit_id.is_some();
        if let Some(given) = &p.explicit_id {
            r.by_id.entry(given.clone()).or_insert_with(|| e.id.clone());
        }
        match label_place.get(&e.label) {
            Some((first, first_has_id)) if !(has_id && *first_has_id) => {
                let first = first.clone();
                r.warn(
                    &p.place,
                    format!("label '{}' is also used at {first}: connections naming '{}' go to the first", e.label, e.label),
                );
            }
            Some(_) => {}
            None => {
                label_place.insert(e.label.clone(), (p.place.clone(), has_id));
            }
        }
        r.by_label
            .entry(e.label.clone())
            .or_insert_with(|| e.id.clone());
        r.by_label_lower
            .entry(e.label.to_lowercase())
            .or_insert_with(|| e.id.clone());
        r.net.elements.push(e);
    }
}
