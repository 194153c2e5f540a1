//! The analysis of a care network: the seven chapters of the report, every element's metrics,
//! the change between two versions and the person-centred care map.
//!
//! Every figure is computed from the model; each chapter states what it counted. The types here
//! are serialised as the JSON of `caremap analyse --format json` (documented in
//! `docs/analysis-json.md`): add fields freely, never rename or remove one.

pub mod bridging;
pub mod care_wealth;
pub mod change;
mod common;
pub mod health;
pub mod membership;
pub mod person;
pub mod structure;
pub mod teams;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::category::Sector;
use crate::model::status::Status;
use crate::model::{ConnectionId, Element, ElementId, Network};

pub use bridging::Bridging;
pub use care_wealth::CareWealth;
pub use change::{diff, Change};
pub use health::RelationshipHealth;
pub use membership::Membership;
pub use person::{compare_person_maps, person_map, PersonMap, PersonMapChange};
pub use structure::{ElementMetrics, Structure};
pub use teams::CareTeams;

/// The version of the analysis JSON; raised only when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// Choices that change what the analysis computes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisOptions {
    /// Seed of every randomised step (community detection, betweenness sampling); reported.
    pub seed: u64,
    /// Above this many elements, betweenness is estimated by sampling sources instead of
    /// computed exactly; the report says so and gives the error bound.
    pub exact_betweenness_limit: usize,
    /// How many suggested introductions to list at most.
    pub max_introductions: usize,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            seed: 42,
            exact_betweenness_limit: 20_000,
            max_introductions: 10,
        }
    }
}

/// A reference to an element, enough to name it and find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementRef {
    /// The element's id.
    pub id: ElementId,
    /// Its label.
    pub label: String,
    /// Its category.
    pub category: String,
    /// Its sector.
    pub sector: Sector,
}

impl ElementRef {
    /// The reference of `element` within `network`.
    pub fn of(network: &Network, element: &Element) -> Self {
        ElementRef {
            id: element.id.clone(),
            label: element.label.clone(),
            category: element.category.clone(),
            sector: network.sector_of(element),
        }
    }
}

/// A reference to a connection, enough to name it and find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionRef {
    /// The connection's id.
    pub id: ConnectionId,
    /// Where it starts.
    pub from: ElementRef,
    /// Where it goes.
    pub to: ElementRef,
    /// Its status.
    pub status: Status,
}

/// A count and its share of a whole (`share` is 0 to 1; 0 when the whole is empty).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// How many.
    pub count: usize,
    /// Out of how many.
    pub of: usize,
    /// `count / of`, 0 when `of` is 0.
    pub share: f64,
}

impl Count {
    /// `count` out of `of`.
    pub fn new(count: usize, of: usize) -> Self {
        Count {
            count,
            of,
            share: if of == 0 {
                0.0
            } else {
                count as f64 / of as f64
            },
        }
    }

    /// The share as a percentage with one decimal: "62.2%".
    pub fn percent(&self) -> String {
        format!("{:.1}%", self.share * 100.0)
    }
}

/// How many connections have each status (all five, strongest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// How many connections have it, and their share.
    pub count: Count,
}

/// The whole analysis of one version of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// The map's name.
    pub map_name: String,
    /// The date the map describes, when known.
    pub as_of: Option<NaiveDate>,
    /// The options used (seed included, so results can be reproduced).
    pub options: AnalysisOptions,
    /// Chapter 1: who is in the network, and who is missing.
    pub membership: Membership,
    /// Chapter 2: care wealth.
    pub care_wealth: CareWealth,
    /// Chapter 3: relationship health.
    pub health: RelationshipHealth,
    /// Chapter 4: care teams.
    pub teams: CareTeams,
    /// Chapter 5: bridging formal and informal care.
    pub bridging: Bridging,
    /// Chapter 6: network structure.
    pub structure: Structure,
    /// Every element's metrics, in the map's order.
    pub elements: Vec<ElementMetrics>,
}

/// Analyses `network`: every chapter but change (see [`diff`]).
pub fn analyse(network: &Network, options: &AnalysisOptions) -> Analysis {
    analyse_with_progress(network, options, &mut |_| {})
}

/// Like [`analyse`], calling `progress` with the name of each step as it starts (for progress
/// bars on long work).
pub fn analyse_with_progress(
    network: &Network,
    options: &AnalysisOptions,
    progress: &mut dyn FnMut(&str),
) -> Analysis {
    progress("structure");
    let (structure, elements) = structure::compute(network, options);
    progress("membership");
    let membership = membership::compute(network);
    progress("care wealth");
    let care_wealth = care_wealth::compute(network);
    progress("relationship health");
    let health = health::compute(network);
    progress("care teams");
    let teams = teams::compute(network);
    progress("bridging");
    let bridging = bridging::compute(network, &elements, options);
    Analysis {
        schema_version: SCHEMA_VERSION,
        map_name: network.name.clone(),
        as_of: network.as_of,
        options: options.clone(),
        membership,
        care_wealth,
        health,
        teams,
        bridging,
        structure,
        elements,
    }
}
