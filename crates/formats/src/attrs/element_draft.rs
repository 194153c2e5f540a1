//! An element being read: attributes applied one by one, with what cannot be settled until the
//! whole file is read (sectors, the position).

use caremap_core::{Consent, Element, FieldValue, Location, Position, Sector, Warning};

use super::read::{insert_custom, not_a, own_list};
use super::values::{parse_bool, parse_date, parse_number};
use super::{Field, Meaning, Value};

/// An element being read, with what cannot be settled until the whole file is read.
#[derive(Debug)]
pub(crate) struct ElementDraft {
    /// The element as read so far.
    pub element: Element,
    /// Where it is in the file, for warnings.
    pub place: String,
    sector: Option<Sector>,
    category_sector: Option<Sector>,
    x: Option<f64>,
    y: Option<f64>,
    set: Vec<Field>,
}

impl ElementDraft {
    /// A draft for the node with this id (empty when the file gave none).
    pub(crate) fn new(id: &str, place: String) -> Self {
        ElementDraft {
            element: Element::new(id, "", ""),
            place,
            sector: None,
            category_sector: None,
            x: None,
            y: None,
            set: Vec::new(),
        }
    }

    /// True when an x or y was read.
    pub(crate) fn has_position(&self) -> bool {
        self.x.is_some() || self.y.is_some()
    }

    /// Sets the drawn position (GEXF's `viz:position`).
    pub(crate) fn set_position(&mut self, x: f64, y: f64) {
        self.x = Some(x);
        self.y = Some(y);
    }

    /// Gives the attribute `name`, meaning `meaning`, its value. Returns a warning message when
    /// the value could not be understood; it is then kept as a custom field under `name`. A
    /// second attribute for a field already set is kept as a custom field.
    pub(crate) fn apply(&mut self, name: &str, meaning: &Meaning, value: Value) -> Option<String> {
        let field = match meaning {
            Meaning::Drawing => return None,
            Meaning::Custom { name, .. } => {
                insert_custom(&mut self.element.fields, name, value);
                return None;
            }
            Meaning::Own(f) => *f,
        };
        if self.set.contains(&field) {
            insert_custom(&mut self.element.fields, name, value);
            return None;
        }
        let e = &mut self.element;
        if field.kind() == super::Kind::List {
            let list = own_list(value);
            if field == Field::CareTypes {
                e.care_types = list;
            } else {
                e.tags = list;
            }
            self.set.push(field);
            return None;
        }
        let text = value.into_text();
        if text.trim().is_empty() {
            return None;
        }
        let t = text.trim();
        let failed = match field {
            Field::Label => {
                e.label = text.clone();
                None
            }
            Field::Category => {
                e.category = t.to_string();
                None
            }
            Field::Sector | Field::CategorySector => match Sector::parse(t) {
                Some(s) if field == Field::Sector => {
                    self.sector = Some(s);
                    None
                }
                Some(s) => {
                    self.category_sector = Some(s);
                    None
                }
                None => Some("a sector (informal, voluntary, formal or unknown)"),
            },
            Field::Description => {
                e.description = text.clone();
                None
            }
            Field::Address => {
                location(e).address = Some(text.clone());
                None
            }
            Field::Latitude | Field::Longitude => match parse_number(t) {
                Some(v) if field == Field::Latitude => {
                    location(e).latitude = Some(v);
                    None
                }
                Some(v) => {
                    location(e).longitude = Some(v);
                    None
                }
                None => Some("a number"),
            },
            Field::Email => {
                e.email = Some(text.clone());
                None
            }
            Field::Url => {
                e.url = Some(text.clone());
                None
            }
            Field::Image => {
                e.image = Some(text.clone());
                None
            }
            Field::Start | Field::End | Field::ConsentDate => match parse_date(t) {
                Some(d) if field == Field::Start => {
                    e.start = Some(d);
                    None
                }
                Some(d) if field == Field::End => {
                    e.end = Some(d);
                    None
                }
                Some(d) => {
                    consent(e).date = Some(d);
                    None
                }
                None => Some("a date (YYYY-MM-DD)"),
            },
            Field::Consent => match parse_bool(t) {
                Some(given) => {
                    consent(e).given = given;
                    None
                }
                None => Some("yes or no"),
            },
            Field::ConsentRecordedBy => {
                consent(e).recorded_by = Some(text.clone());
                None
            }
            Field::DisplayName => {
                e.display_name = Some(text.clone());
                None
            }
            Field::X | Field::Y => match parse_number(t) {
                Some(v) if field == Field::X => {
                    self.x = Some(v);
                    None
                }
                Some(v) => {
                    self.y = Some(v);
                    None
                }
                None => Some("a number"),
            },
            // Connection fields on a node: not ours here, kept as they are.
            _ => {
                insert_custom(&mut e.fields, name, Value::One(text));
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
                insert_custom(&mut self.element.fields, name, Value::One(text));
                Some(message)
            }
        }
    }
}

impl ElementDraft {
    /// Finishes the position: both coordinates make a position; one alone is kept as a custom
    /// field, with a warning.
    pub(crate) fn take_position(&mut self, warnings: &mut Vec<Warning>) {
        match (self.x.take(), self.y.take()) {
            (Some(x), Some(y)) => self.element.position = Some(Position { x, y }),
            (None, None) => {}
            (x, y) => {
                let (name, v) = if let Some(x) = x {
                    ("x", x)
                } else {
                    ("y", y.unwrap_or(0.0))
                };
                self.element.fields.insert(
                    name.to_string(),
                    FieldValue::Text(super::values::number_text(v)),
                );
                warnings.push(Warning::new(
                    self.place.clone(),
                    format!("only {name} of the position is given: kept as custom field '{name}'"),
                ));
            }
        }
    }

    /// The sector written in the file, and the sector of its category if written.
    pub(crate) fn sectors(&self) -> (Option<Sector>, Option<Sector>) {
        (self.sector, self.category_sector)
    }
}

fn location(e: &mut Element) -> &mut Location {
    e.location.get_or_insert_with(Location::default)
}

fn consent(e: &mut Element) -> &mut Consent {
    e.consent.get_or_insert_with(Consent::default)
}
