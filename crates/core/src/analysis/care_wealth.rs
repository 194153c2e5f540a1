//! Chapter 2: care wealth: who offers care, which kinds, gifted or paid, and who provides care to
//! each care team and to the circle.
//!
//! Care types are matched to the map's vocabulary loosely (case, `&`/"and", punctuation) and
//! counted once per element or connection. An element "provides care to" a team or circle when a
//! counted connection joins them along which care runs toward the recipient (directed from the
//! provider to the recipient, or mutual or undirected) and that connection carries at least one
//! care type or is generative. Connections to missing elements and self-loops are left out.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::common::{Ctx, Link};
use super::{Count, ElementRef};
use crate::model::category::{CARE_CIRCLE, CARE_TEAM};
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
    /// Whether that care is paid (`Some(true)`), gifted or not recorded. With several
    /// connections: paid when any is paid, else gifted when any is gifted, else not recorded.
    pub paid: Option<bool>,
    /// How many connections carry its care to the recipient (parallel ones each count).
    pub connections: usize,
}

/// Who provides care to one care team or circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvidersTo {
    /// The team or circle.
    pub recipient: ElementRef,
    /// Its providers, strongest tie first (then by label and id).
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
    /// Care types ranked by how many connections carry them (then by name); the same types as
    /// `by_offer`.
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

pub(crate) fn compute(network: &Network) -> CareWealth {
    let ctx = Ctx::new(network);
    // name -> (offered_by, flowing_on), in first-seen order: vocabulary first.
    let mut counts: Vec<CareTypeCount> = network
        .care_types
        .iter()
        .map(|t| CareTypeCount {
            care_type: t.name.clone(),
            offered_by: 0,
            flowing_on: 0,
        })
        .collect();
    // Positions by name, so that a vocabulary of thousands of care types is counted in linear time.
    let mut position: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, c) in counts.iter().enumerate() {
        position.entry(c.care_type.clone()).or_insert(i);
    }
    let mut bump = |name: String, offered: bool| {
        let pos = match position.get(&name) {
            Some(&p) => p,
            None => {
                position.insert(name.clone(), counts.len());
                counts.push(CareTypeCount {
                    care_type: name,
                    offered_by: 0,
                    flowing_on: 0,
                });
                counts.len() - 1
            }
        };
        if offered {
            counts[pos].offered_by += 1;
        } else {
            counts[pos].flowing_on += 1;
        }
    };
    let mut offering = 0;
    for e in &network.elements {
        let types = ctx.care_types(&e.care_types);
        offering += usize::from(!types.is_empty());
        types.into_iter().for_each(|t| bump(t, true));
    }
    let (mut carrying, mut gifted, mut paid, mut unknown) = (0, 0, 0, 0);
    for l in &ctx.links {
        let types = ctx.care_types(&l.conn.care_flowing);
        if types.is_empty() {
            continue;
        }
        carrying += 1;
        match l.conn.paid {
            Some(true) => paid += 1,
            Some(false) => gifted += 1,
            None => unknown += 1,
        }
        types.into_iter().for_each(|t| bump(t, false));
    }
    let unused_care_types = counts
        .iter()
        .filter(|c| c.offered_by == 0 && c.flowing_on == 0)
        .map(|c| c.care_type.clone())
        .collect();
    counts.retain(|c| c.offered_by > 0 || c.flowing_on > 0);
    let mut by_offer = counts.clone();
    by_offer.sort_by(|a, b| {
        b.offered_by
            .cmp(&a.offered_by)
            .then_with(|| a.care_type.cmp(&b.care_type))
    });
    let mut by_flow = counts;
    by_flow.sort_by(|a, b| {
        b.flowing_on
            .cmp(&a.flowing_on)
            .then_with(|| a.care_type.cmp(&b.care_type))
    });
    let to = |category: &str| {
        ctx.of_category(category)
            .into_iter()
            .map(|r| providers_to(&ctx, r))
            .collect()
    };
    CareWealth {
        offering_care: Count::new(offering, network.elements.len()),
        by_offer,
        by_flow,
        unused_care_types,
        connections_carrying_care: Count::new(carrying, ctx.links.len()),
        gifted: Count::new(gifted, carrying),
        paid: Count::new(paid, carrying),
        payment_unknown: Count::new(unknown, carrying),
        to_teams: to(CARE_TEAM),
        to_circles: to(CARE_CIRCLE),
    }
}

/// True when `l` brings care to `recipient`: care runs toward it and the connection carries a
/// care type or is generative.
pub(crate) fn provides_care(ctx: &Ctx<'_>, l: &Link<'_>, recipient: usize) -> bool {
    l.flows_toward(recipient)
        && (l.status() == Status::Generative || !ctx.care_types(&l.conn.care_flowing).is_empty())
}

/// Who provides care to the element at position `recipient`.
pub(crate) fn providers_to(ctx: &Ctx<'_>, recipient: usize) -> ProvidersTo {
    // provider position -> (strongest status, care types, paid, connections)
    let mut found: BTreeMap<usize, (Status, Vec<String>, Option<bool>, usize)> = BTreeMap::new();
    for l in ctx.links_of(recipient) {
        if !provides_care(ctx, l, recipient) {
            continue;
        }
        let Some(p) = l.other(recipient) else {
            continue;
        };
        let entry = found.entry(p).or_insert((l.status(), Vec::new(), None, 0));
        entry.0 = entry.0.min(l.status());
        for t in ctx.care_types(&l.conn.care_flowing) {
            if !entry.1.contains(&t) {
                entry.1.push(t);
            }
        }
        entry.2 = match (entry.2, l.conn.paid) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), _) | (_, Some(false)) => Some(false),
            _ => None,
        };
        entry.3 += 1;
    }
    let mut providers: Vec<Provider> = found
        .into_iter()
        .map(|(p, (status, mut care_types, paid, connections))| {
            care_types.sort();
            Provider {
                element: ctx.eref(p),
                status,
                care_types,
                paid,
                connections,
            }
        })
        .collect();
    providers.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then_with(|| a.element.label.cmp(&b.element.label))
            .then_with(|| a.element.id.cmp(&b.element.id))
    });
    ProvidersTo {
        recipient: ctx.eref(recipient),
        providers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::common::build::{care, offers, tie};
    use crate::model::category::{INDIVIDUAL, STATUTORY};
    use crate::model::status::Direction;
    use crate::model::ElementId;

    const FOOD: &str = "Food & Shared Meals";

    #[test]
    fn counts_offers_flows_payment_and_providers() {
        let mut map = Network::new("t");
        let ann = map.add_element("Ann", INDIVIDUAL);
        let pantry = map.add_element("Pantry", "grassroots or mutual-aid group");
        let gp = map.add_element("GP", STATUTORY);
        let team = map.add_element("Team Rosa", CARE_TEAM);
        let circle = map.add_element("Circle", CARE_CIRCLE);
        offers(&mut map, &ann, &[FOOD, "advocacy", "Advocacy"]);
        offers(&mut map, &pantry, &[FOOD]);
        let c1 = tie(&mut map, &ann, &team, Status::Engaged, Direction::Directed);
        care(&mut map, &c1, &[FOOD], Some(false));
        let c2 = tie(
            &mut map,
            &team,
            &gp,
            Status::Generative,
            Direction::Directed,
        );
        care(&mut map, &c2, &["Personal Care"], Some(true));
        tie(&mut map, &gp, &team, Status::Inactive, Direction::Mutual);
        tie(
            &mut map,
            &pantry,
            &team,
            Status::Generative,
            Direction::Undirected,
        );
        let c5 = tie(
            &mut map,
            &ann,
            &team,
            Status::LooselyEngaged,
            Direction::Directed,
        );
        care(&mut map, &c5, &["Advocacy"], None);
        let c6 = tie(
            &mut map,
            &pantry,
            &circle,
            Status::Unclassified,
            Direction::Directed,
        );
        care(&mut map, &c6, &["Knitting"], None);
        let c7 = tie(
            &mut map,
            &ann,
            &ann,
            Status::Generative,
            Direction::Directed,
        );
        care(&mut map, &c7, &["Advocacy"], None);
        let c8 = tie(
            &mut map,
            &ann,
            &ElementId::from("ghost"),
            Status::Generative,
            Direction::Directed,
        );
        care(&mut map, &c8, &["Advocacy"], None);
        let w = compute(&map);
        // Offering: Ann and Pantry, 2 of 5 = 40%.
        assert_eq!(w.offering_care.count, 2);
        assert_eq!(w.offering_care.percent(), "40.0%");
        // Counted connections c1..c6 (c7 self-loop, c8 to a missing element left out); carrying
        // care: c1, c2, c5, c6 = 4 of 6.
        assert_eq!(
            (
                w.connections_carrying_care.count,
                w.connections_carrying_care.of
            ),
            (4, 6)
        );
        // Of those 4: gifted c1; paid c2; not recorded c5, c6.
        assert_eq!(
            (w.gifted.count, w.paid.count, w.payment_unknown.count),
            (1, 1, 2)
        );
        assert_eq!(w.payment_unknown.share, 0.5);
        // By offer: Food 2, Advocacy 1 ("advocacy" and "Advocacy" are one), then the flowing-only
        // types by name: Knitting, Personal Care.
        let offer: Vec<(&str, usize, usize)> = w
            .by_offer
            .iter()
            .map(|c| (c.care_type.as_str(), c.offered_by, c.flowing_on))
            .collect();
        assert_eq!(
            offer,
            vec![
                (FOOD, 2, 1),
                ("Advocacy", 1, 1),
                ("Knitting", 0, 1),
                ("Personal Care", 0, 1)
            ]
        );
        // By flow: each flows on one connection, so by name.
        let flow: Vec<&str> = w.by_flow.iter().map(|c| c.care_type.as_str()).collect();
        assert_eq!(flow, vec!["Advocacy", FOOD, "Knitting", "Personal Care"]);
        // 21 default types, 3 of them used.
        assert_eq!(w.unused_care_types.len(), 18);
        // Team: Pantry (generative, no care type) then Ann (c1 engaged + c5 loose merged: engaged,
        // two types, gifted since none is paid). The GP is not a provider: c2 runs from the team
        // to the GP and c3 is inactive with no care.
        let team_providers = &w.to_teams[0].providers;
        assert_eq!(team_providers.len(), 2);
        assert_eq!(team_providers[0].element.label, "Pantry");
        assert_eq!(team_providers[0].status, Status::Generative);
        let a = &team_providers[1];
        assert_eq!(
            (a.status, a.paid, a.connections),
            (Status::Engaged, Some(false), 2)
        );
        assert_eq!(a.care_types, vec!["Advocacy".to_string(), FOOD.to_string()]);
        // Circle: Pantry, unclassified but carrying Knitting.
        assert_eq!(w.to_circles[0].providers.len(), 1);
        assert_eq!(w.to_circles[0].providers[0].status, Status::Unclassified);
    }

    #[test]
    fn an_empty_map_has_no_care_wealth() {
        let w = compute(&Network::new("empty"));
        assert_eq!(w.offering_care.share, 0.0);
        assert!(w.by_offer.is_empty() && w.by_flow.is_empty());
        assert_eq!(w.unused_care_types.len(), 21);
        assert_eq!(w.gifted.of, 0);
        assert!(w.to_teams.is_empty());
    }

    #[test]
    fn a_team_with_no_ties_has_no_providers() {
        let mut map = Network::new("t");
        map.add_element("Lonely team", CARE_TEAM);
        let w = compute(&map);
        assert_eq!(w.to_teams.len(), 1);
        assert!(w.to_teams[0].providers.is_empty());
    }
}
