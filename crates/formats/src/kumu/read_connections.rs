//! Connections sheets: one connection per row, or one per target when a `To` cell names several.

use super::col_map::{map_columns, Col, RowCells};
use super::columns::{connection_col, ConnectionCol, Kind};
use super::ids::IdPool;
use super::reading::Reading;
use super::sheet::{Row, Sheet};
use super::values;
use caremap_core::{Connection, ConnectionId, Direction, ElementId, FieldValue, Status};
use std::collections::HashMap;

/// A connection read from a row, before ids are handed out.
pub(crate) struct Pending {
    place: String,
    explicit_id: Option<String>,
    connection: Connection,
}

/// Reads every row of a connections sheet; the elements must have been read.
pub(crate) fn read_sheet(r: &mut Reading, sheet: &Sheet) -> Vec<Pending> {
    let cols = map_columns(r, sheet, Kind::Connections, connection_col);
    let mut out = Vec::new();
    for row in &sheet.rows {
        read_row(r, sheet, &cols, row, &mut out);
    }
    out
}

fn read_row(
    r: &mut Reading,
    sheet: &Sheet,
    cols: &[Col<ConnectionCol>],
    row: &Row,
    out: &mut Vec<Pending>,
) {
    if row.is_blank() {
        return;
    }
    let place = sheet.place_of(row.number);
    let cells = RowCells::new(cols, row);
    let cell = |c: ConnectionCol| cells.get(c);
    let pipes = sheet.pipe_lists;
    let texts = |c: ConnectionCol| values::parts(cell(c), pipes);
    let froms = texts(ConnectionCol::From);
    let tos = texts(ConnectionCol::To);
    if froms.is_empty() || tos.is_empty() {
        let missing = if froms.is_empty() { "From" } else { "To" };
        r.warn(&place, format!("connection has no {missing}: row skipped"));
        return;
    }

    let mut c = Connection::new("", "", "");
    c.direction = match cell(ConnectionCol::Direction).text() {
        None => Direction::Directed,
        Some(t) => Direction::parse(&t).unwrap_or_else(|| {
            r.warn(
                &place,
                format!("direction '{t}' is not directed, undirected or mutual: read as directed"),
            );
            Direction::Directed
        }),
    };
    c.status = match cell(ConnectionCol::Status).text() {
        None => Status::Unclassified,
        Some(t) => Status::parse(&t).unwrap_or_else(|| {
            r.warn(&place, format!("status '{t}' is not one of generative, engaged, loosely engaged, inactive, unclassified: left unclassified"));
            Status::Unclassified
        }),
    };
    c.care_flowing = r.care_types(&place, texts(ConnectionCol::CareFlowing));
    c.paid = values::paid(cell(ConnectionCol::Paid)).unwrap_or_else(|m| {
        r.warn(&place, format!("{m}; left unrecorded"));
        None
    });
    c.kind = cell(ConnectionCol::Type).text();
    c.label = cell(ConnectionCol::Label).text();
    c.weight = values::number(cell(ConnectionCol::Strength)).unwrap_or_else(|m| {
        r.warn(&place, format!("strength: {m}; left empty"));
        None
    });
    for (col, what) in [(ConnectionCol::Start, "start"), (ConnectionCol::End, "end")] {
        let d = values::date(cell(col)).unwrap_or_else(|m| {
            r.warn(&place, format!("{what} date: {m}; left empty"));
            None
        });
        if col == ConnectionCol::Start {
            c.start = d;
        } else {
            c.end = d;
        }
    }
    c.description = cell(ConnectionCol::Description)
        .raw_text()
        .unwrap_or_default();
    c.tags = texts(ConnectionCol::Tags);
    for (name, value) in &cells.custom {
        let parts = values::parts(value, pipes);
        if !parts.is_empty() {
            c.fields
                .insert(name.to_string(), FieldValue::from_parts(parts));
        }
    }

    let given_id = cell(ConnectionCol::Id).text();
    let mut n = 0usize;
    for from in &froms {
        for to in &tos {
            let Some((f, t)) = ends(r, &place, from, to, froms.len() * tos.len() > 1) else {
                continue;
            };
            n += 1;
            let mut one = c.clone();
            one.from = f;
            one.to = t;
            out.push(Pending {
                place: place.clone(),
                explicit_id: given_id.as_ref().map(|id| {
                    if n == 1 {
                        id.clone()
                    } else {
                        format!("{id}-{n}")
                    }
                }),
                connection: one,
            });
        }
    }
}

fn ends(
    r: &mut Reading,
    place: &str,
    from: &str,
    to: &str,
    several: bool,
) -> Option<(ElementId, ElementId)> {
    let f = r.find_element(from);
    let t = r.find_element(to);
    if let (Some(f), Some(t)) = (&f, &t) {
        return Some((f.clone(), t.clone()));
    }
    let missing = if f.is_none() { from } else { to };
    let how = if r.by_id.is_empty() {
        "labelled"
    } else {
        "with ID or label"
    };
    let what = if several {
        "this connection was skipped"
    } else {
        "row skipped"
    };
    r.warn(
        place,
        format!("connection '{from}' -> '{to}': no element {how} '{missing}'; {what}"),
    );
    None
}

/// Gives every connection read its id (the file's ID when it gave one, else one made from its
/// ends) and adds them to the map.
pub(crate) fn finish(r: &mut Reading, pending: Vec<Pending>) {
    let mut pool = IdPool::default();
    let mut ids = Vec::with_capacity(pending.len());
    let mut first_place: HashMap<String, String> = HashMap::new();
    for p in &pending {
        ids.push(match &p.explicit_id {
            Some(id) if !pool.is_taken(id) => {
                first_place.insert(id.clone(), p.place.clone());
                Some(pool.take(id))
            }
            _ => None,
        });
    }
    for (p, id) in pending.into_iter().zip(ids) {
        let mut c = p.connection;
        let id = match (id, &p.explicit_id) {
            (Some(id), _) => id,
            (None, Some(given)) => {
                let new = pool.take(given);
                let first = first_place.get(given).cloned().unwrap_or_default();
                r.warn(&p.place, format!("connection ID '{given}' is also used at {first}: this connection was given the id '{new}'"));
                new
            }
            (None, None) => pool.take(&format!("{}--{}", c.from, c.to)),
        };
        c.id = ConnectionId(id);
        r.net.connections.push(c);
    }
}
