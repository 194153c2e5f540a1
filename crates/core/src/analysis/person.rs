//! The person-centred care map: who one element cares for, who cares for them, and who else
//! cares for those, in rings; and its comparison between two versions.

use serde::{Deserialize, Serialize};

use super::ElementRef;
use crate::model::status::Status;
use crate::model::{ElementId, Network};

/// How someone on the care map relates to the person at its centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The person cares for them.
    CaredForByPerson,
    /// They care for the person.
    CaresForPerson,
    /// Both ways.
    Mutual,
    /// They care for someone the person cares for, or for someone who cares for the person.
    AlsoCares,
}

/// Someone on the care map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Who.
    pub element: ElementRef,
    /// How they relate to the centre.
    pub relation: Relation,
    /// The ring: 1 for direct ties, 2 for ties of ties.
    pub ring: usize,
    /// The strongest status of their tie(s) on the way to the centre.
    pub status: Status,
    /// Care types flowing on those ties.
    pub care_types: Vec<String>,
    /// Through whom they are linked to the centre (ring 2 only).
    pub via: Vec<ElementRef>,
}

/// The care map of one person, in rings of closeness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMap {
    /// The person (or team) at the centre.
    pub person: ElementRef,
    /// Ring 1: direct ties, strongest first.
    pub inner: Vec<Entry>,
    /// Ring 2: ties of ties that care for the same people.
    pub outer: Vec<Entry>,
    /// Share of the caring ties toward the centre carried by informal or voluntary actors.
    pub informal_share: f64,
    /// How evenly care toward the centre is spread across carers: 1 is perfectly even, near 0
    /// is all on one carer (normalised entropy; 0 with fewer than two carers).
    pub evenness: f64,
}

/// What changed in one person's care map between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMapChange {
    /// The older map.
    pub before: PersonMap,
    /// The newer map.
    pub after: PersonMap,
    /// Direct ties that moved up the ladder.
    pub strengthened: Vec<(ElementRef, Status, Status)>,
    /// Direct ties that moved down the ladder.
    pub weakened: Vec<(ElementRef, Status, Status)>,
    /// New direct ties.
    pub new_ties: Vec<ElementRef>,
    /// Direct ties gone.
    pub lost_ties: Vec<ElementRef>,
    /// Sentences answering: did key ties strengthen, is informal support integrated, is the
    /// caring load spread more evenly.
    pub findings: Vec<String>,
}

/// The care map of `person` in `network`, or `None` when no element has that id.
pub fn person_map(_network: &Network, _person: &ElementId) -> Option<PersonMap> {
    todo!("person map")
}

/// Compares the care maps of the same person in two versions.
pub fn compare_person_maps(_before: &PersonMap, _after: &PersonMap) -> PersonMapChange {
    todo!("person map change")
}
