//! Checks of a map, with messages a person can act on.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

use super::Network;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The map cannot be used as it is (a connection to nowhere, two elements with one id).
    Error,
    /// Worth a look, but the map works.
    Warning,
}

/// One thing a check found, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Where: "element 'Rosa' (e4)", "connection c7".
    pub place: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.place, self.message)
    }
}

/// Everything a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter().filter(|f| f.severity == Severity::Warning)
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn push(&mut self, severity: Severity, place: String, message: String) {
        self.0.push(Finding {
            severity,
            place,
            message,
        });
    }
}

impl Network {
    /// Checks the map: ids unique, connections between existing elements, labels present, dates
    /// in order, coordinates on the globe, vocabularies covering what is used.
    pub fn validate(&self) -> Findings {
        let mut out = Findings::default();
        let vocabulary: HashSet<&str> = self.care_types.iter().map(|t| t.name.as_str()).collect();
        let mut ids: HashMap<&str, &str> = HashMap::new();
        let mut labels: HashMap<&str, usize> = HashMap::new();
        for e in &self.elements {
            let place = format!("element '{}' ({})", e.label, e.id);
            if e.id.as_str().trim().is_empty() {
                out.push(Severity::Error, place.clone(), "has an empty id".into());
            }
            if let Some(first) = ids.insert(e.id.as_str(), e.label.as_str()) {
                out.push(
                    Severity::Error,
                    place.clone(),
                    format!(
                        "id '{}' is also used by element '{first}': give each element its own id",
                        e.id
                    ),
                );
            }
            if e.label.trim().is_empty() {
                out.push(
                    Severity::Error,
                    place.clone(),
                    "has no label: give it a name".into(),
                );
            }
            *labels.entry(e.label.as_str()).or_default() += 1;
            if !e.category.is_empty() && self.category(&e.category).is_none() {
                out.push(
                    Severity::Warning,
                    place.clone(),
                    format!(
                        "category '{}' is not one of the map's categories",
                        e.category
                    ),
                );
            }
            for t in &e.care_types {
                if !vocabulary.contains(t.as_str()) {
                    out.push(
                        Severity::Warning,
                        place.clone(),
                        format!("offers care type '{t}', which is not in the map's vocabulary"),
                    );
                }
            }
            if let (Some(s), Some(end)) = (e.start, e.end) {
                if end < s {
                    out.push(
                        Severity::Error,
                        place.clone(),
                        format!("ends ({end}) before it starts ({s})"),
                    );
                }
            }
            if let Some(loc) = &e.location {
                if loc.latitude.is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
                    out.push(
                        Severity::Error,
                        place.clone(),
                        "latitude must be between -90 and 90".into(),
                    );
                }
                if loc
                    .longitude
                    .is_some_and(|v| !(-180.0..=180.0).contains(&v))
                {
                    out.push(
                        Severity::Error,
                        place.clone(),
                        "longitude must be between -180 and 180".into(),
                    );
                }
            }
        }
        for (label, n) in labels {
            if n > 1 && !label.trim().is_empty() {
                out.push(
                    Severity::Warning,
                    format!("label '{label}'"),
                    format!("{n} elements share this label: connections by label cannot tell them apart"),
                );
            }
        }
        let mut connection_ids: HashSet<&str> = HashSet::new();
        for c in &self.connections {
            let name = |id: &super::ElementId| {
                ids.get(id.as_str())
                    .map(|l| format!("'{l}'"))
                    .unwrap_or_else(|| format!("'{id}'"))
            };
            let place = format!("connection {} -> {} ({})", name(&c.from), name(&c.to), c.id);
            if !connection_ids.insert(c.id.as_str()) {
                out.push(
                    Severity::Error,
                    place.clone(),
                    format!("id '{}' is used by another connection", c.id),
                );
            }
            for end in [&c.from, &c.to] {
                if !ids.contains_key(end.as_str()) {
                    out.push(
                        Severity::Error,
                        place.clone(),
                        format!("no element has id '{end}': add it or remove the connection"),
                    );
                }
            }
            if c.from == c.to {
                out.push(
                    Severity::Warning,
                    place.clone(),
                    "connects an element to itself".into(),
                );
            }
            for t in &c.care_flowing {
                if !vocabulary.contains(t.as_str()) {
                    out.push(
                        Severity::Warning,
                        place.clone(),
                        format!("care type '{t}' is not in the map's vocabulary"),
                    );
                }
            }
            if let (Some(s), Some(end)) = (c.start, c.end) {
                if end < s {
                    out.push(
                        Severity::Error,
                        place.clone(),
                        format!("ends ({end}) before it starts ({s})"),
                    );
                }
            }
            if c.weight.is_some_and(|w| !w.is_finite()) {
                out.push(
                    Severity::Error,
                    place.clone(),
                    "strength must be a finite number".into(),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::{ElementId, Network};

    #[test]
    fn a_connection_to_a_missing_element_is_an_error_naming_both_ends() {
        let mut map = Network::new("t");
        let a = map.add_element("Food bank", "community charity or not-for-profit");
        map.connect(&a, &ElementId::from("st-annes"));
        let f = map.validate();
        let e: Vec<_> = f.errors().collect();
        assert_eq!(e.len(), 1);
        assert!(e[0].place.contains("'Food bank'"));
        assert!(e[0].message.contains("'st-annes'"));
    }

    #[test]
    fn duplicate_ids_and_reversed_dates_are_errors() {
        let mut map = Network::new("t");
        map.add_element("A", "care team");
        map.elements
            .push(crate::Element::new("e1", "B", "care team"));
        map.elements[0].start = chrono::NaiveDate::from_ymd_opt(2024, 5, 1);
        map.elements[0].end = chrono::NaiveDate::from_ymd_opt(2023, 5, 1);
        let f = map.validate();
        assert_eq!(f.errors().count(), 2, "{:?}", f);
    }

    #[test]
    fn a_clean_map_has_no_findings() {
        let mut map = Network::new("t");
        let a = map.add_element("A", "care team");
        let b = map.add_element("B", "care circle");
        map.connect(&a, &b);
        assert!(map.validate().is_empty());
    }
}
