//! Chapter 4: care teams: their ties, the care flowing to them, their links to informal and formal
//! actors, their isolation and the links between teams.

use serde::{Deserialize, Serialize};

use super::{ElementRef, StatusCount};
use crate::model::Network;

/// How cut off a team is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Isolation {
    /// No connections at all.
    Isolated,
    /// Connections, but none generative or engaged.
    NoActiveTies,
    /// Active ties only within the formal sector (no informal or voluntary ones).
    FormalOnly,
    /// Active ties reaching informal or voluntary actors.
    Connected,
}

/// One care team's place in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamReport {
    /// The team.
    pub team: ElementRef,
    /// Its connections.
    pub connections: usize,
    /// Its connections by status, all five.
    pub by_status: Vec<StatusCount>,
    /// Care types flowing to it, with how many connections carry each, most first.
    pub care_flowing_in: Vec<(String, usize)>,
    /// Distinct informal actors it is linked to.
    pub informal_links: usize,
    /// Distinct voluntary actors it is linked to.
    pub voluntary_links: usize,
    /// Distinct formal actors it is linked to (other teams included).
    pub formal_links: usize,
    /// How cut off it is.
    pub isolation: Isolation,
    /// Other teams it is linked to.
    pub linked_teams: Vec<ElementRef>,
}

/// Chapter 4: care teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareTeams {
    /// One report per care team, in the map's order.
    pub teams: Vec<TeamReport>,
    /// Connections between two care teams.
    pub team_to_team_links: usize,
}

pub(crate) fn compute(_network: &Network) -> CareTeams {
    todo!("care teams")
}
