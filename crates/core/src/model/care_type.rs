//! Care types: the per-map vocabulary of kinds of care offered by elements and flowing along
//! connections.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A kind of care, with a one-line definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareType {
    /// The name, unique within a map (compared case-insensitively).
    pub name: String,
    /// What counts as this kind of care, in one line.
    #[serde(default)]
    pub definition: String,
}

impl CareType {
    /// A care type with the given definition.
    pub fn new(name: impl Into<String>, definition: impl Into<String>) -> Self {
        CareType {
            name: name.into(),
            definition: definition.into(),
        }
    }
}

const DEFAULTS: [(&str, &str); 21] = [
    (
        "Wellness, Emotional & Mental Health Support",
        "listening, encouragement and help to cope, from a check-in call to a wellbeing group",
    ),
    (
        "Social Connection & Engagement",
        "bringing people together so nobody is left alone: coffee mornings, clubs, visits",
    ),
    (
        "Recreational & Leisure Activities",
        "trips, games, outings and other activities done for enjoyment",
    ),
    (
        "Education, Training & Skills Development",
        "classes, workshops and passing on skills, formal or informal",
    ),
    (
        "Advocacy",
        "speaking up for someone, or helping them speak up, with services and officials",
    ),
    (
        "Food & Shared Meals",
        "cooking, food parcels, community meals and shared tables",
    ),
    (
        "Practical Help & Errands",
        "shopping, small repairs, collecting prescriptions and everyday tasks",
    ),
    (
        "Transport & Accompaniment",
        "lifts, and going along to appointments or events",
    ),
    (
        "Befriending & Companionship",
        "regular, one-to-one company for someone who might otherwise be isolated",
    ),
    (
        "Peer Support",
        "support from people with shared lived experience",
    ),
    (
        "Mutual Aid",
        "neighbours exchanging help on equal terms, without a provider and a client",
    ),
    (
        "Cultural & Faith Activities",
        "celebrations, worship, heritage and language groups",
    ),
    (
        "Gardening & Green Space",
        "growing, caring for shared green space, time outdoors",
    ),
    (
        "Childcare & Family Support",
        "looking after children and helping families through hard times",
    ),
    (
        "Physical Activity & Movement",
        "walks, exercise, dance and sport adapted to people's needs",
    ),
    (
        "Information & Signposting",
        "knowing what exists and helping people find the right help",
    ),
    (
        "Housing & Home Support",
        "help to find, keep and manage a home safely",
    ),
    (
        "Spaces & Venues",
        "offering a room, a hall or a place to meet",
    ),
    (
        "Money & Welfare Advice",
        "benefits, debt and budgeting help",
    ),
    (
        "Arts & Creativity",
        "making, music, writing and other creative activity",
    ),
    (
        "Personal Care",
        "help with washing, dressing, eating and other intimate daily tasks",
    ),
];

/// The default care-type vocabulary: 21 kinds of informal or gifted care, each with a definition.
pub fn default_care_types() -> Vec<CareType> {
    DEFAULTS
        .iter()
        .map(|(name, definition)| CareType::new(*name, *definition))
        .collect()
}

/// Finds a care type in `vocabulary` as written in a file: exact name first, then ignoring case,
/// `&`/"and" and punctuation. Returns the vocabulary's spelling.
pub fn find_care_type<'a>(vocabulary: &'a [CareType], written: &str) -> Option<&'a str> {
    let written = written.trim();
    if let Some(t) = vocabulary.iter().find(|t| t.name == written) {
        return Some(&t.name);
    }
    let wanted = fold(written);
    vocabulary
        .iter()
        .find(|t| fold(&t.name) == wanted)
        .map(|t| t.name.as_str())
}

/// A lookup of a care-type vocabulary by exact and by folded name, so that reading thousands of
/// distinct care types stays linear. Like [`crate::model::category::CategoryIndex`], a cache:
/// it describes the vocabulary as it was when built, and every hit is checked.
#[derive(Debug, Clone, Default)]
pub struct CareTypeIndex {
    len: usize,
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl PartialEq for CareTypeIndex {
    /// A cache: two maps are equal whatever their indexes hold.
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl CareTypeIndex {
    /// Records that `vocabulary[i]` is named `name` (the first of equal names wins).
    pub fn add(&mut self, i: usize, name: &str) {
        self.exact.entry(name.to_string()).or_insert(i);
        self.folded.entry(fold(name)).or_insert(i);
        self.len = self.len.max(i + 1);
    }

    /// Finds a care type as [`find_care_type`] does, through the index when it is fresh.
    pub fn find<'a>(&mut self, vocabulary: &'a [CareType], written: &str) -> Option<&'a str> {
        if self.len != vocabulary.len() {
            *self = CareTypeIndex::default();
            for (i, t) in vocabulary.iter().enumerate() {
                self.add(i, &t.name);
            }
            self.len = vocabulary.len();
        }
        let written = written.trim();
        let hit = self
            .exact
            .get(written)
            .or_else(|| self.folded.get(&fold(written)))
            .and_then(|&i| vocabulary.get(i));
        match hit {
            Some(t) if t.name == written || fold(&t.name) == fold(written) => Some(&t.name),
            Some(_) => find_care_type(vocabulary, written),
            None => None,
        }
    }
}

fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace('&', " and ")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_fixed_names_are_in_the_defaults_exactly() {
        let names: Vec<String> = default_care_types().into_iter().map(|t| t.name).collect();
        for fixed in [
            "Wellness, Emotional & Mental Health Support",
            "Social Connection & Engagement",
            "Recreational & Leisure Activities",
            "Education, Training & Skills Development",
            "Advocacy",
        ] {
            assert!(names.iter().any(|n| n == fixed), "missing {fixed}");
        }
        assert!(names.len() >= 20);
        assert!(default_care_types()
            .iter()
            .all(|t| !t.definition.is_empty()));
    }

    #[test]
    fn care_types_are_found_loosely() {
        let v = default_care_types();
        assert_eq!(find_care_type(&v, "advocacy"), Some("Advocacy"));
        assert_eq!(
            find_care_type(&v, "social connection and engagement"),
            Some("Social Connection & Engagement")
        );
        assert_eq!(find_care_type(&v, "Knitting"), None);
    }
}
