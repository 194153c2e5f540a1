//! Chapter 2: care wealth: who offers care, which kinds, gifted or paid, and who provides care to
//! each care team and to the circle.

use serde::{Deserialize, Serialize};

use super::{Count, ElementRef};
use crate::model::status::Status;
use crate::model::Network;

/// How often one care type is offered and how often it flows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareTypeCount {
    /// The care type's name.
    pub care_type: String,
    /// Elements offering it.
    pub offered_by: usize,
    /// Connections carrying it.
    pub flowing_on: usize,
}

/// One element providing care to a team or circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    /// The provider.
    pub element: ElementRef,
    /// The strongest status of its ties to the recipient.
    pub status: Status,
    /// Care types flowing to the recipient.
    pub care_types: Vec<String>,
    /// Whether that care is paid (`Some(true)`), gifted or not recorded.
    pub paid: Option<bool>,
}

/// Who provides care to one care team or circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvidersTo {
    /// The team or circle.
    pub recipient: ElementRef,
    /// Its providers, strongest tie first.
    pub providers: Vec<Provider>,
}

/// Chapter 2: care wealth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareWealth {
    /// Elements offering at least one care type, of all elements.
    pub offering_care: Count,
    /// Care types ranked by how many elements offer them (then by name); types neither offered
    /// nor flowing are left out.
    pub by_offer: Vec<CareTypeCount>,
    /// Care types ranked by how many connections carry them.
    pub by_flow: Vec<CareTypeCount>,
    /// Vocabulary entries nobody offers and no connection carries.
    pub unused_care_types: Vec<String>,
    /// Connections carrying care (at least one care type flowing), of all connections.
    pub connections_carrying_care: Count,
    /// Of connections carrying care: gifted.
    pub gifted: Count,
    /// Of connections carrying care: paid.
    pub paid: Count,
    /// Of connections carrying care: gifted or paid not recorded.
    pub payment_unknown: Count,
    /// For each care team: who provides care to it.
    pub to_teams: Vec<ProvidersTo>,
    /// For each care circle: who provides care to it.
    pub to_circles: Vec<ProvidersTo>,
}

pub(crate) fn compute(_network: &Network) -> CareWealth {
    todo!("care wealth")
}
