//! Chapter 7: change between two versions of a map.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ConnectionRef, Count, ElementRef};
use crate::model::status::Status;
use crate::model::Network;

/// A connection whose status changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    /// The connection (as it is now).
    pub connection: ConnectionRef,
    /// Its status before.
    pub before: Status,
    /// Its status now.
    pub after: Status,
}

/// Chapter 7: what changed between an older and a newer version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Date of the older version, when known.
    pub old_as_of: Option<NaiveDate>,
    /// Date of the newer version, when known.
    pub new_as_of: Option<NaiveDate>,
    /// Elements in the newer version only.
    pub joined: Vec<ElementRef>,
    /// Elements in the older version only.
    pub left: Vec<ElementRef>,
    /// Connections in the newer version only.
    pub appeared: Vec<ConnectionRef>,
    /// Connections in the older version only.
    pub ended: Vec<ConnectionRef>,
    /// Connections whose status moved up the ladder (unclassified to a status counts as
    /// assessed, not strengthened).
    pub strengthened: Vec<Transition>,
    /// Connections whose status moved down the ladder.
    pub weakened: Vec<Transition>,
    /// Every status change, including to and from unclassified.
    pub transitions: Vec<Transition>,
    /// `table[i][j]`: connections in both versions that went from status i to status j
    /// (order of `Status::ALL`).
    pub transition_table: [[usize; 5]; 5],
    /// Generative share then.
    pub generative_then: Count,
    /// Generative share now.
    pub generative_now: Count,
}

/// Compares two versions of a map; elements and connections are matched by id.
pub fn diff(_old: &Network, _new: &Network) -> Change {
    todo!("change")
}
