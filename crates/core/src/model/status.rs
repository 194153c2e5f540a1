//! The status ladder of a connection and its direction.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How alive a relationship is, from strongest to weakest.
///
/// `Unclassified` is "not yet assessed": it counts as not known, never as weak, so it sorts
/// last but is left out of "weak" shares.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// An active, reciprocal relationship through which care actually flows.
    Generative,
    /// A live relationship that is not (yet) generating care.
    Engaged,
    /// Occasional, light contact.
    LooselyEngaged,
    /// Exists on paper, dormant.
    Inactive,
    /// Not yet assessed (the default).
    #[default]
    Unclassified,
}

impl Status {
    /// Every status, strongest first.
    pub const ALL: [Status; 5] = [
        Status::Generative,
        Status::Engaged,
        Status::LooselyEngaged,
        Status::Inactive,
        Status::Unclassified,
    ];

    /// The name a person reads: "loosely engaged".
    pub fn name(self) -> &'static str {
        match self {
            Status::Generative => "generative",
            Status::Engaged => "engaged",
            Status::LooselyEngaged => "loosely engaged",
            Status::Inactive => "inactive",
            Status::Unclassified => "unclassified",
        }
    }

    /// The stable key used in JSON and files: "loosely_engaged".
    pub fn key(self) -> &'static str {
        match self {
            Status::Generative => "generative",
            Status::Engaged => "engaged",
            Status::LooselyEngaged => "loosely_engaged",
            Status::Inactive => "inactive",
            Status::Unclassified => "unclassified",
        }
    }

    /// Position on the ladder: 1 (generative) to 5 (unclassified).
    pub fn rank(self) -> u8 {
        match self {
            Status::Generative => 1,
            Status::Engaged => 2,
            Status::LooselyEngaged => 3,
            Status::Inactive => 4,
            Status::Unclassified => 5,
        }
    }

    /// A one-line definition for legends and reports.
    pub fn definition(self) -> &'static str {
        match self {
            Status::Generative => {
                "an active, reciprocal relationship through which care actually flows"
            }
            Status::Engaged => "a live relationship that is not (yet) generating care",
            Status::LooselyEngaged => "occasional, light contact",
            Status::Inactive => "exists on paper, dormant",
            Status::Unclassified => "not yet assessed",
        }
    }

    /// True for the statuses the analysis calls "active" (generative or engaged).
    pub fn is_active(self) -> bool {
        matches!(self, Status::Generative | Status::Engaged)
    }

    /// True for the fragile statuses (loosely engaged or inactive); unclassified is not weak.
    pub fn is_weak(self) -> bool {
        matches!(self, Status::LooselyEngaged | Status::Inactive)
    }

    /// Reads a status as people write it: case, spaces, hyphens and underscores do not matter,
    /// and a few common synonyms are understood. Empty text is `Unclassified`. Returns `None`
    /// for text that names no status.
    pub fn parse(text: &str) -> Option<Status> {
        let t = simplify(text);
        Some(match t.as_str() {
            "" | "unclassified" | "unknown" | "notassessed" | "notyetassessed" | "tbc" | "none" => {
                Status::Unclassified
            }
            "generative" | "active" | "activegenerative" | "strong" | "1" => Status::Generative,
            "engaged" | "live" | "2" => Status::Engaged,
            "looselyengaged" | "loose" | "loosely" | "light" | "occasional" | "weak" | "3" => {
                Status::LooselyEngaged
            }
            "inactive" | "dormant" | "paper" | "onpaper" | "4" => Status::Inactive,
            "5" => Status::Unclassified,
            _ => return None,
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which way care and contact run along a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From `from` to `to`.
    #[default]
    Directed,
    /// Both ways, reciprocal.
    Mutual,
    /// No direction is recorded.
    Undirected,
}

impl Direction {
    /// The name used in files: "directed", "mutual", "undirected".
    pub fn name(self) -> &'static str {
        match self {
            Direction::Directed => "directed",
            Direction::Mutual => "mutual",
            Direction::Undirected => "undirected",
        }
    }

    /// Reads a direction as Kumu and Gephi write it (case-insensitive). Empty text is `None`.
    pub fn parse(text: &str) -> Option<Direction> {
        match simplify(text).as_str() {
            "directed" | "direct" | "oneway" | "->" => Some(Direction::Directed),
            "mutual" | "bidirectional" | "reciprocal" | "twoway" | "both" | "<->" => {
                Some(Direction::Mutual)
            }
            "undirected" | "none" | "-" | "--" => Some(Direction::Undirected),
            _ => None,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Lower-cases and drops spaces, hyphens and underscores, so "Loosely-Engaged" == "loosely engaged".
pub(crate) fn simplify(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_as_people_write_them() {
        assert_eq!(
            Status::parse("Loosely Engaged"),
            Some(Status::LooselyEngaged)
        );
        assert_eq!(
            Status::parse("loosely_engaged"),
            Some(Status::LooselyEngaged)
        );
        assert_eq!(Status::parse(" GENERATIVE "), Some(Status::Generative));
        assert_eq!(Status::parse(""), Some(Status::Unclassified));
        assert_eq!(Status::parse("purple"), None);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.name()), Some(s));
            assert_eq!(Status::parse(s.key()), Some(s));
        }
    }

    #[test]
    fn the_ladder_orders_strongest_first_and_unclassified_is_not_weak() {
        assert!(Status::Generative < Status::Engaged);
        assert!(Status::Inactive < Status::Unclassified);
        assert!(!Status::Unclassified.is_weak());
        assert!(Status::Inactive.is_weak());
        assert!(Status::Engaged.is_active());
    }

    #[test]
    fn directions_parse() {
        assert_eq!(Direction::parse("Mutual"), Some(Direction::Mutual));
        assert_eq!(Direction::parse("UNDIRECTED"), Some(Direction::Undirected));
        assert_eq!(Direction::parse(""), None);
    }
}
