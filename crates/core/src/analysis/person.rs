//! The person-centred care map: who one element cares for, who cares for them, and who else
//! cares for those, in rings; and its comparison between two versions.
//!
//! Direction says who cares for whom: a directed connection from the person to X means the person
//! cares for X, one from X to the person means X cares for the person, and a mutual or undirected
//! one means both. Ring 1 holds every element with a counted connection to the person (parallel
//! connections merged, self-loops and connections to missing elements left out). Ring 2 holds the
//! other elements that care for someone in ring 1 (a connection along which care runs toward that
//! ring-1 element), with `via` naming whom.
//!
//! A "carer" is a ring-1 element with a connection that is not inactive along which care runs
//! toward the person; a dormant tie carries no care. Each carer's load is its units of care: one
//! per care type flowing toward the person on each such connection, and one for such a connection
//! with no care type recorded. `evenness` is the Shannon entropy of the carers' shares of the
//! units divided by its maximum, ln(number of carers). An informal or voluntary carer is
//! "integrated" when it has a generative or engaged tie with a formal carer of the same person.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::common::{is_community, Ctx};
use super::ElementRef;
use crate::model::category::Sector;
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
    /// Through whom they are linked to the centre (ring 2 only), strongest tie first.
    pub via: Vec<ElementRef>,
    /// True for a carer of the centre: a ring-1 element with a connection that is not inactive
    /// along which care runs toward the centre.
    pub carer: bool,
    /// The carer's units of care toward the centre (0 for non-carers; see the module docs).
    pub care_units: usize,
    /// True for an informal or voluntary carer with a generative or engaged tie to a formal
    /// carer of the same centre.
    pub linked_to_formal_carer: bool,
}

/// The care map of one person, in rings of closeness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMap {
    /// The person (or team) at the centre.
    pub person: ElementRef,
    /// Ring 1: direct ties, strongest first (then by label and id).
    pub inner: Vec<Entry>,
    /// Ring 2: ties of ties that care for the same people, strongest first (then by label and
    /// id).
    pub outer: Vec<Entry>,
    /// Share of the carers (see `carers`) that are informal or voluntary actors; 0 with none.
    pub informal_share: f64,
    /// How evenly care toward the centre is spread across carers: 1 is perfectly even, near 0
    /// is all on one carer (normalised entropy; 0 with fewer than two carers).
    pub evenness: f64,
    /// How many carers the centre has.
    pub carers: usize,
    /// Of them, informal or voluntary.
    pub informal_carers: usize,
    /// Of them, formal.
    pub formal_carers: usize,
    /// Informal or voluntary carers with a generative or engaged tie to a formal carer.
    pub integrated_informal_carers: usize,
}

/// What changed in one person's care map between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMapChange {
    /// The older map.
    pub before: PersonMap,
    /// The newer map.
    pub after: PersonMap,
    /// Direct ties on both maps that moved up the ladder between assessed statuses: (who,
    /// before, after), in the newer map's order.
    pub strengthened: Vec<(ElementRef, Status, Status)>,
    /// Direct ties on both maps that moved down the ladder between assessed statuses.
    pub weakened: Vec<(ElementRef, Status, Status)>,
    /// New direct ties, in the newer map's order.
    pub new_ties: Vec<ElementRef>,
    /// Direct ties gone, in the older map's order.
    pub lost_ties: Vec<ElementRef>,
    /// Sentences answering: did key ties (direct ties on both maps) strengthen, which ties are
    /// new or gone, is informal support integrated (judged by how many informal or voluntary
    /// carers have an active tie to a formal carer, then and now), is the caring load spread
    /// more evenly (evenness compared at two decimals).
    pub findings: Vec<String>,
}

mod compare;

/// What is known of one element's ties to the centre while the map is built.
struct Near {
    cares_for_centre: bool,
    cared_for_by_centre: bool,
    status: Status,
    care_types: Vec<String>,
    care_units: usize,
}

/// The care map of `person` in `network`, or `None` when no element has that id.
pub fn person_map(network: &Network, person: &ElementId) -> Option<PersonMap> {
    let ctx = Ctx::new(network);
    let centre = *ctx.index.get(person)?;
    let mut near: BTreeMap<usize, Near> = BTreeMap::new();
    for l in ctx.links_of(centre) {
        let Some(x) = l.other(centre) else { continue };
        let types = ctx.care_types(&l.conn.care_flowing);
        let n = near.entry(x).or_insert(Near {
            cares_for_centre: false,
            cared_for_by_centre: false,
            status: l.status(),
            care_types: Vec::new(),
            care_units: 0,
        });
        n.status = n.status.min(l.status());
        n.cares_for_centre |= l.flows_toward(centre);
        n.cared_for_by_centre |= l.flows_toward(x);
        if l.flows_toward(centre) && l.status() != Status::Inactive {
            n.care_units += types.len().max(1);
        }
        merge(&mut n.care_types, types);
    }
    let ties = ctx.ties();
    let formal_carers: Vec<usize> = near
        .iter()
        .filter(|(&x, n)| n.care_units > 0 && ctx.sectors[x] == Sector::Formal)
        .map(|(&x, _)| x)
        .collect();
    let mut inner: Vec<Entry> = near
        .iter()
        .map(|(&x, n)| {
            let carer = n.care_units > 0;
            let linked = carer
                && is_community(ctx.sectors[x])
                && formal_carers
                    .iter()
                    .any(|f| ties[x].get(f).is_some_and(|s| s.is_active()));
            Entry {
                element: ctx.eref(x),
                relation: match (n.cares_for_centre, n.cared_for_by_centre) {
                    (true, true) => Relation::Mutual,
                    (true, false) => Relation::CaresForPerson,
                    _ => Relation::CaredForByPerson,
                },
                ring: 1,
                status: n.status,
                care_types: sorted(n.care_types.clone()),
                via: Vec::new(),
                carer,
                care_units: n.care_units,
                linked_to_formal_carer: linked,
            }
        })
        .collect();
    sort_entries(&mut inner);
    let outer = outer_ring(&ctx, centre, &near);
    let carers: Vec<&Entry> = inner.iter().filter(|e| e.carer).collect();
    let informal = carers
        .iter()
        .filter(|e| is_community(e.element.sector))
        .count();
    let units: Vec<usize> = carers.iter().map(|e| e.care_units).collect();
    Some(PersonMap {
        person: ctx.eref(centre),
        informal_share: if carers.is_empty() {
            0.0
        } else {
            informal as f64 / carers.len() as f64
        },
        evenness: evenness(&units),
        carers: carers.len(),
        informal_carers: informal,
        formal_carers: formal_carers.len(),
        integrated_informal_carers: carers.iter().filter(|e| e.linked_to_formal_carer).count(),
        inner,
        outer,
    })
}

/// A ring-2 element while the map is built: its strongest status, care types, and the ring-1
/// elements it cares for with the strongest status toward each.
type Far = (Status, Vec<String>, Vec<(Status, usize)>);

/// Ring 2: elements outside ring 1 that care for someone in it.
fn outer_ring(ctx: &Ctx<'_>, centre: usize, near: &BTreeMap<usize, Near>) -> Vec<Entry> {
    let mut far: BTreeMap<usize, Far> = BTreeMap::new();
    for &y in near.keys() {
        for l in ctx.links_of(y) {
            let Some(z) = l.other(y) else { continue };
            if z == centre || near.contains_key(&z) || !l.flows_toward(y) {
                continue;
            }
            let f = far.entry(z).or_insert((l.status(), Vec::new(), Vec::new()));
            f.0 = f.0.min(l.status());
            merge(&mut f.1, ctx.care_types(&l.conn.care_flowing));
            match f.2.iter_mut().find(|(_, v)| *v == y) {
                Some(v) => v.0 = v.0.min(l.status()),
                None => f.2.push((l.status(), y)),
            }
        }
    }
    let mut outer: Vec<Entry> = far
        .into_iter()
        .map(|(z, (status, care_types, mut via))| {
            via.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| ctx.element(a.1).label.cmp(&ctx.element(b.1).label))
                    .then_with(|| a.1.cmp(&b.1))
            });
            Entry {
                element: ctx.eref(z),
                relation: Relation::AlsoCares,
                ring: 2,
                status,
                care_types: sorted(care_types),
                via: via.into_iter().map(|(_, v)| ctx.eref(v)).collect(),
                carer: false,
                care_units: 0,
                linked_to_formal_carer: false,
            }
        })
        .collect();
    sort_entries(&mut outer);
    outer
}

/// Normalised Shannon entropy of the units: 1 when all equal, 0 with fewer than two.
fn evenness(units: &[usize]) -> f64 {
    let total: usize = units.iter().sum();
    if units.len() < 2 || total == 0 {
        return 0.0;
    }
    let h: f64 = units
        .iter()
        .filter(|&&u| u > 0)
        .map(|&u| {
            let p = u as f64 / total as f64;
            -p * p.ln()
        })
        .sum();
    (h / (units.len() as f64).ln()).clamp(0.0, 1.0)
}

fn merge(into: &mut Vec<String>, types: Vec<String>) {
    for t in types {
        if !into.contains(&t) {
            into.push(t);
        }
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then_with(|| a.element.label.cmp(&b.element.label))
            .then_with(|| a.element.id.cmp(&b.element.id))
    });
}

/// Compares the care maps of the same person in two versions.
pub fn compare_person_maps(before: &PersonMap, after: &PersonMap) -> PersonMapChange {
    compare::compare(before, after)
}

#[cfg(test)]
mod tests;
