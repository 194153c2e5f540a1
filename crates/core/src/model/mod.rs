//! The care network model: a map of elements (actors) and the connections between them.

pub mod care_type;
pub mod category;
pub mod status;
pub mod validate;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

use crate::warning::Warning;
use care_type::{default_care_types, CareType, CareTypeIndex};
use category::{
    default_categories, match_category_indexed, Category, CategoryIndex, CategoryMatch, Sector,
};
use status::{Direction, Status};

/// The stable id of an element within a map (an id brought by an import is kept as it was).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ElementId(pub String);

/// The stable id of a connection within a map.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConnectionId(pub String);

macro_rules! id_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
        impl $t {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}
id_impls!(ElementId);
id_impls!(ConnectionId);

/// The value of a custom field: one text, or several (a multi-choice field).
///
/// Invariant kept by [`FieldValue::from_parts`]: a `List` holds two or more values, so that
/// formats that write several values as `a | b` read back to the same value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// A single value.
    Text(String),
    /// Several values.
    List(Vec<String>),
}

impl FieldValue {
    /// Builds a value from its parts: none is empty text, one is `Text`, more is `List`.
    pub fn from_parts(mut parts: Vec<String>) -> FieldValue {
        match parts.len() {
            0 => FieldValue::Text(String::new()),
            1 => FieldValue::Text(parts.pop().unwrap_or_default()),
            _ => FieldValue::List(parts),
        }
    }

    /// The values, one or more.
    pub fn parts(&self) -> Vec<&str> {
        match self {
            FieldValue::Text(t) => vec![t.as_str()],
            FieldValue::List(l) => l.iter().map(String::as_str).collect(),
        }
    }

    /// The value as one text, several values joined with " | ".
    pub fn joined(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::List(l) => l.join(" | "),
        }
    }

    /// True for empty text.
    pub fn is_empty(&self) -> bool {
        matches!(self, FieldValue::Text(t) if t.is_empty())
    }
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> Self {
        FieldValue::Text(s.to_string())
    }
}

/// Where an element is: an address, coordinates, or both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Location {
    /// A postal address or place name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Latitude in degrees (-90 to 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude in degrees (-180 to 180).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// A person's consent to appear by name in shared views.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Consent {
    /// Whether consent was given.
    pub given: bool,
    /// When it was given or refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
}

/// A position on the drawn map.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Position {
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate.
    pub y: f64,
}

/// An actor in the care network: a person, group, organisation, team, service or the circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    /// Stable id, unique in the map.
    pub id: ElementId,
    /// The name shown on the map.
    pub label: String,
    /// The category's name (one of the map's categories); empty when none was given.
    #[serde(default)]
    pub category: String,
    /// The sector, when it differs from the category's (for example a paid carer in a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Care types this element offers (names from the map's vocabulary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub care_types: Vec<String>,
    /// Where the element is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A contact email (private: never shown in shared views).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A web address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A picture's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// When the element joined the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// When the element left the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// For people: consent to appear by name in shared views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// For people: the name shown in shared views (initials by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Where the element sits on the drawn map, when it was placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Every other field, in the order first seen.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub fields: IndexMap<String, FieldValue>,
}

impl Element {
    /// An element with only an id, a label and a category.
    pub fn new(
        id: impl Into<ElementId>,
        label: impl Into<String>,
        category: impl Into<String>,
    ) -> Self {
        Element {
            id: id.into(),
            label: label.into(),
            category: category.into(),
            sector: None,
            description: String::new(),
            tags: Vec::new(),
            care_types: Vec::new(),
            location: None,
            email: None,
            url: None,
            image: None,
            start: None,
            end: None,
            consent: None,
            display_name: None,
            position: None,
            fields: IndexMap::new(),
        }
    }

    /// True when the element is an individual person (consent and display name apply).
    pub fn is_person(&self) -> bool {
        self.category == category::INDIVIDUAL || self.category == category::CARE_WORKER
    }

    /// The name to show in a shared view: the label if the person consented, else the display
    /// name, else the initials of the label. Non-people are shown by label.
    pub fn public_name(&self) -> String {
        if !self.is_person() || self.consent.as_ref().is_some_and(|c| c.given) {
            return self.label.clone();
        }
        self.display_name
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| initials(&self.label))
    }
}

/// The initials of a name: "Rosa Martinez" -> "R. M.".
pub fn initials(name: &str) -> String {
    let parts: Vec<String> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect();
    if parts.is_empty() {
        "?".to_string()
    } else {
        parts.join(" ")
    }
}

/// A relationship between two elements, and the care that flows along it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// Stable id, unique in the map.
    pub id: ConnectionId,
    /// The element the connection starts from.
    pub from: ElementId,
    /// The element the connection goes to.
    pub to: ElementId,
    /// Which way it runs.
    #[serde(default)]
    pub direction: Direction,
    /// How alive it is.
    #[serde(default)]
    pub status: Status,
    /// Care types flowing along it (names from the map's vocabulary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub care_flowing: Vec<String>,
    /// Whether the care is paid (`Some(true)`), gifted (`Some(false)`) or not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<bool>,
    /// The kind of relationship as the source tool called it (Kumu's connection Type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A label drawn on the connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A strength or weight, as Kumu and Gephi record one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// When the relationship began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Every other field, in the order first seen.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub fields: IndexMap<String, FieldValue>,
}

impl Connection {
    /// A directed, unclassified connection.
    pub fn new(
        id: impl Into<ConnectionId>,
        from: impl Into<ElementId>,
        to: impl Into<ElementId>,
    ) -> Self {
        Connection {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            direction: Direction::Directed,
            status: Status::Unclassified,
            care_flowing: Vec::new(),
            paid: None,
            kind: None,
            label: None,
            weight: None,
            start: None,
            end: None,
            description: String::new(),
            tags: Vec::new(),
            fields: IndexMap::new(),
        }
    }

    /// The other end of the connection seen from `id`, if `id` is one of its ends.
    pub fn other_end(&self, id: &ElementId) -> Option<&ElementId> {
        if &self.from == id {
            Some(&self.to)
        } else if &self.to == id {
            Some(&self.from)
        } else {
            None
        }
    }

    /// True when care or contact can run from `to` back to `from` as well.
    pub fn is_two_way(&self) -> bool {
        self.direction != Direction::Directed
    }
}

/// One community's care network: its vocabularies, elements and connections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// The map's name.
    pub name: String,
    /// Free text about the map.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The date this version of the map describes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// The map's categories (the nine defaults plus any it added).
    pub categories: Vec<Category>,
    /// The map's care-type vocabulary.
    pub care_types: Vec<CareType>,
    /// The actors.
    pub elements: Vec<Element>,
    /// The relationships.
    pub connections: Vec<Connection>,
    /// A lookup of `categories` by name, kept by `resolve_category` (not saved; a cache).
    #[serde(skip)]
    category_index: CategoryIndex,
    /// A lookup of `care_types` by name, kept by `resolve_care_type` (not saved; a cache).
    #[serde(skip)]
    care_type_index: CareTypeIndex,
}

impl Default for Network {
    fn default() -> Self {
        Network::new("")
    }
}

impl Network {
    /// An empty map with the default categories and care types.
    pub fn new(name: impl Into<String>) -> Self {
        Network {
            name: name.into(),
            description: String::new(),
            as_of: None,
            categories: default_categories(),
            care_types: default_care_types(),
            elements: Vec::new(),
            connections: Vec::new(),
            category_index: CategoryIndex::default(),
            care_type_index: CareTypeIndex::default(),
        }
    }

    /// Adds an element with a fresh id and returns the id. Convenient for small maps and tests;
    /// bulk builders push to `elements` with their own ids.
    pub fn add_element(&mut self, label: &str, category: &str) -> ElementId {
        let id = fresh_id(
            "e",
            self.elements.len(),
            self.elements.iter().map(|e| e.id.as_str()),
        );
        self.elements
            .push(Element::new(id.clone(), label, category));
        ElementId(id)
    }

    /// Connects two elements with a fresh id (directed, unclassified) and returns the id.
    pub fn connect(&mut self, from: &ElementId, to: &ElementId) -> ConnectionId {
        let id = fresh_id(
            "c",
            self.connections.len(),
            self.connections.iter().map(|c| c.id.as_str()),
        );
        self.connections
            .push(Connection::new(id.clone(), from.clone(), to.clone()));
        ConnectionId(id)
    }

    /// The element with this id.
    pub fn element(&self, id: &ElementId) -> Option<&Element> {
        self.elements.iter().find(|e| &e.id == id)
    }

    /// The element with this id, to change it.
    pub fn element_mut(&mut self, id: &ElementId) -> Option<&mut Element> {
        self.elements.iter_mut().find(|e| &e.id == id)
    }

    /// The first element with this label (exact match).
    pub fn element_by_label(&self, label: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.label == label)
    }

    /// The connection with this id.
    pub fn connection(&self, id: &ConnectionId) -> Option<&Connection> {
        self.connections.iter().find(|c| &c.id == id)
    }

    /// The connection with this id, to change it.
    pub fn connection_mut(&mut self, id: &ConnectionId) -> Option<&mut Connection> {
        self.connections.iter_mut().find(|c| &c.id == id)
    }

    /// A lookup from element id to its position in `elements`.
    pub fn element_index(&self) -> HashMap<&ElementId, usize> {
        self.elements
            .iter()
            .enumerate()
            .map(|(i, e)| (&e.id, i))
            .collect()
    }

    /// The category with this name (case-insensitive).
    pub fn category(&self, name: &str) -> Option<&Category> {
        if self.category_index.fresh(&self.categories) {
            if let Some(i) = self.category_index.find(&self.categories, name) {
                return self.categories.get(i);
            }
        }
        self.categories
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The sector an element belongs to: its own if set, else its category's, else unknown.
    pub fn sector_of(&self, element: &Element) -> Sector {
        element
            .sector
            .or_else(|| self.category(&element.category).map(|c| c.sector))
            .unwrap_or(Sector::Unknown)
    }

    /// Understands a category written in an imported file, adding it to the map's categories
    /// (sector unknown) when it is new. Returns the category name to store and, when the text
    /// was not a category name as written, a warning message saying what was done.
    pub fn resolve_category(&mut self, written: &str) -> (String, Option<String>) {
        if !self.category_index.fresh(&self.categories) {
            self.category_index = CategoryIndex::build(&self.categories);
        }
        match match_category_indexed(&self.categories, &self.category_index, written) {
            CategoryMatch::Known(name) => (name, None),
            CategoryMatch::Empty => (String::new(), None),
            CategoryMatch::Recognised { written, category } => {
                let note = format!("type '{written}' read as category '{category}'");
                (category, Some(note))
            }
            CategoryMatch::New(name) => {
                self.category_index.add(self.categories.len(), &name);
                self.categories
                    .push(Category::new(name.clone(), Sector::Unknown));
                let note = format!(
                    "type '{name}' is not one of the map's categories: kept as a new category of unknown sector"
                );
                (name, Some(note))
            }
        }
    }

    /// Understands a care type written in a file, adding it to the vocabulary (with an empty
    /// definition) when it is new. Returns the vocabulary's name and a warning message when the
    /// care type was new.
    pub fn resolve_care_type(&mut self, written: &str) -> (String, Option<String>) {
        let written = written.trim();
        if let Some(name) = self.care_type_index.find(&self.care_types, written) {
            return (name.to_string(), None);
        }
        self.care_type_index.add(self.care_types.len(), written);
        self.care_types.push(CareType::new(written, ""));
        (
            written.to_string(),
            Some(format!(
                "care type '{written}' is not in the map's vocabulary: added to it"
            )),
        )
    }

    /// Makes every category and care type used by elements and connections part of the map's
    /// vocabularies, matching common spellings; returns a warning for each change. Readers call
    /// this once after reading.
    pub fn absorb_vocabulary(&mut self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        for i in 0..self.elements.len() {
            let written = self.elements[i].category.clone();
            let (name, note) = self.resolve_category(&written);
            self.elements[i].category = name;
            let place = format!("element '{}'", self.elements[i].label);
            if let Some(n) = note {
                warnings.push(Warning::new(place.clone(), n));
            }
            let offered = std::mem::take(&mut self.elements[i].care_types);
            let mut resolved = Vec::with_capacity(offered.len());
            for t in offered {
                let (name, note) = self.resolve_care_type(&t);
                if let Some(n) = note {
                    warnings.push(Warning::new(place.clone(), n));
                }
                if !resolved.contains(&name) {
                    resolved.push(name);
                }
            }
            self.elements[i].care_types = resolved;
        }
        for i in 0..self.connections.len() {
            let flowing = std::mem::take(&mut self.connections[i].care_flowing);
            let mut resolved = Vec::with_capacity(flowing.len());
            for t in flowing {
                let (name, note) = self.resolve_care_type(&t);
                if let Some(n) = note {
                    let c = &self.connections[i];
                    warnings.push(Warning::new(
                        format!("connection {} -> {}", c.from, c.to),
                        n,
                    ));
                }
                if !resolved.contains(&name) {
                    resolved.push(name);
                }
            }
            self.connections[i].care_flowing = resolved;
        }
        warnings
    }

    /// The map as it stood on `date`: elements and connections that had started by then (or have
    /// no start) and had not ended before it, and only connections whose ends are both present.
    pub fn as_of_date(&self, date: NaiveDate) -> Network {
        let live = |start: Option<NaiveDate>, end: Option<NaiveDate>| {
            start.is_none_or(|s| s <= date) && end.is_none_or(|e| e >= date)
        };
        let mut out = self.clone();
        out.as_of = Some(date);
        out.elements.retain(|e| live(e.start, e.end));
        let present: std::collections::HashSet<&ElementId> =
            out.elements.iter().map(|e| &e.id).collect();
        let connections = self
            .connections
            .iter()
            .filter(|c| live(c.start, c.end))
            .filter(|c| present.contains(&c.from) && present.contains(&c.to))
            .cloned()
            .collect();
        out.connections = connections;
        out
    }
}

fn fresh_id<'a>(prefix: &str, count: usize, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: std::collections::HashSet<&str> = taken.collect();
    let mut n = count + 1;
    loop {
        let id = format!("{prefix}{n}");
        if !taken.contains(id.as_str()) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_without_consent_are_shown_by_initials_or_display_name() {
        let mut e = Element::new("e1", "Rosa Martinez", category::INDIVIDUAL);
        assert_eq!(e.public_name(), "R. M.");
        e.display_name = Some("Rosa M.".into());
        assert_eq!(e.public_name(), "Rosa M.");
        e.consent = Some(Consent {
            given: true,
            ..Consent::default()
        });
        assert_eq!(e.public_name(), "Rosa Martinez");
        let group = Element::new("e2", "Elm Street Pantry", "grassroots or mutual-aid group");
        assert_eq!(group.public_name(), "Elm Street Pantry");
    }

    #[test]
    fn unknown_categories_are_kept_with_unknown_sector_and_a_warning() {
        let mut map = Network::new("t");
        let lib = map.add_element("Library", "Public Library");
        let nhs = map.add_element("GP practice", "NHS");
        let warnings = map.absorb_vocabulary();
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0].message.contains("new category"),
            "{}",
            warnings[0]
        );
        assert_eq!(map.element(&nhs).unwrap().category, "statutory service");
        let lib = map.element(&lib).unwrap();
        assert_eq!(lib.category, "Public Library");
        assert_eq!(map.sector_of(lib), Sector::Unknown);
        assert_eq!(map.categories.len(), 10);
    }

    #[test]
    fn unknown_care_types_join_the_vocabulary() {
        let mut map = Network::new("t");
        let a = map.add_element("A", category::INDIVIDUAL);
        map.element_mut(&a).unwrap().care_types = vec!["advocacy".into(), "Knitting".into()];
        let w = map.absorb_vocabulary();
        assert_eq!(w.len(), 1);
        assert_eq!(
            map.element(&a).unwrap().care_types,
            vec!["Advocacy", "Knitting"]
        );
        assert!(map.care_types.iter().any(|t| t.name == "Knitting"));
    }

    #[test]
    fn as_of_date_keeps_what_was_live() {
        let mut map = Network::new("t");
        let a = map.add_element("A", category::INDIVIDUAL);
        let b = map.add_element("B", category::INDIVIDUAL);
        let c = map.connect(&a, &b);
        let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        map.element_mut(&b).unwrap().start = Some(d);
        let before = map.as_of_date(NaiveDate::from_ymd_opt(2023, 6, 1).unwrap());
        assert_eq!(before.elements.len(), 1);
        assert!(before.connections.is_empty());
        let after = map.as_of_date(d);
        assert!(after.connection(&c).is_some());
    }

    #[test]
    fn fresh_ids_do_not_collide() {
        let mut map = Network::new("t");
        map.elements.push(Element::new("e1", "X", ""));
        let id = map.add_element("Y", "");
        assert_ne!(id.as_str(), "e1");
    }
}
