//! Chapter 1: who is in the network, and who is missing.

use serde::{Deserialize, Serialize};

use super::{Count, ElementRef};
use crate::model::category::Sector;
use crate::model::Network;

/// How many elements a category has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryCount {
    /// The category's name.
    pub category: String,
    /// Its sector.
    pub sector: Sector,
    /// Its elements, and their share of all elements.
    pub count: Count,
}

/// How many elements a sector has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorCount {
    /// The sector.
    pub sector: Sector,
    /// Its elements, and their share of all elements.
    pub count: Count,
}

/// A default category with no or few elements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingCategory {
    /// The category's name.
    pub category: String,
    /// Its sector.
    pub sector: Sector,
    /// How many elements it has (0 or few).
    pub count: usize,
}

/// Chapter 1: who is in the network and who is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// Number of elements.
    pub elements: usize,
    /// Every category of the map (also those with no elements), largest first.
    pub by_category: Vec<CategoryCount>,
    /// Every sector, informal first.
    pub by_sector: Vec<SectorCount>,
    /// The care teams.
    pub care_teams: Vec<ElementRef>,
    /// The care circles.
    pub circles: Vec<ElementRef>,
    /// Default categories with no elements, or few (at most `few_threshold`).
    pub missing: Vec<MissingCategory>,
    /// The count at or below which a default category counts as "few".
    pub few_threshold: usize,
    /// Pairs of sectors that both have elements but no connection between them.
    pub unlinked_sectors: Vec<(Sector, Sector)>,
}

pub(crate) fn compute(_network: &Network) -> Membership {
    todo!("membership")
}
