//! A connection being read: attributes applied one by one.

use caremap_core::{Connection, Direction, Status};

use super::read::{insert_custom, not_a, own_list};
use super::values::{parse_bool, parse_date, parse_number};
use super::{Field, Meaning, Value};

/// A connection being read.
#[derive(Debug)]
pub(crate) struct ConnectionDraft {
    /// The connection as read so far; an empty id is given a fresh one.
    pub connection: Connection,
    /// Where it is in the file, for warnings.
    pub place: String,
    set: Vec<Field>,
}

impl ConnectionDraft {
    /// A draft for an edge from `from` to `to` with this id (empty when the file gave none).
    pub(crate) fn new(id: &str, from: &str, to: &str, place: String) -> Self {
        ConnectionDraft {
            connection: Connection::new(id, from, to),
            place,
            set: Vec::new(),
        }
    }

    /// Gives the attribute `name`, meaning `meaning`, its value; see [`ElementDraft::apply`].
    pub(crate) fn apply(&mut self, name: &str, meaning: &Meaning, value: Value) -> Option<String> {
        let field = match meaning {
            Meaning::Drawing => return None,
            Meaning::Custom { name, .. } => {
                insert_custom(&mut self.connection.fields, name, value);
                return None;
            }
            Meaning::Own(f) => *f,
        };
        if self.set.contains(&field) {
            insert_custom(&mut self.connection.fields, name, value);
            return None;
        }
        let c = &mut self.connection;
        if field.kind() == super::Kind::List {
            let list = own_list(value);
            if field == Field::CareFlowing {
                c.care_flowing = list;
            } else {
                c.tags = list;
            }
            self.set.push(field);
            return None;
        }
        let text = value.into_text();
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let failed = match field {
            Field::Label => {
                c.label = Some(text.clone());
                None
            }
            Field::Kind => {
                c.kind = Some(text.clone());
                None
            }
            Field::Description => {
                c.description = text.clone();
                None
            }
            Field::Weight => match parse_number(t) {
                Some(v) => {
                    c.weight = Some(v);
                    None
                }
                None => Some("a number"),
            },
            Field::Direction => match Direction::parse(t) {
                Some(d) => {
                    c.direction = d;
                    None
                }
                None => Some("a direction (directed, mutual or undirected)"),
            },
            Field::Status => match Status::parse(t) {
                Some(s) => {
                    c.status = s;
                    None
                }
                None => Some(
                    "a status (generative, engaged, loosely engaged, inactive or unclassified)",
                ),
            },
            Field::Paid => match parse_bool(t) {
                Some(p) => {
                    c.paid = Some(p);
                    None
                }
                None => Some("yes or no"),
            },
            Field::Start | Field::End => match parse_date(t) {
                Some(d) if field == Field::Start => {
                    c.start = Some(d);
                    None
                }
                Some(d) => {
                    c.end = Some(d);
                    None
                }
                None => Some("a date (YYYY-MM-DD)"),
            },
            _ => {
                insert_custom(&mut c.fields, name, Value::One(text));
                return None;
            }
        };
        match failed {
            None => {
                self.set.push(field);
                None
            }
            Some(what) => {
                let message = not_a(name, t, what);
                insert_custom(&mut self.connection.fields, name, Value::One(text));
                Some(message)
            }
        }
    }

    /// Sets the direction from the format's own flag, unless an attribute already said it.
    pub(crate) fn set_native_direction(&mut self, direction: Direction) {
        if !self.set.contains(&Field::Direction) {
            self.connection.direction = direction;
        }
    }
}
