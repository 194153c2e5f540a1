//! Chapter 1: who is in the network, and who is missing.
//!
//! Every element counts once, under its category and under its sector (its own sector when it
//! sets one, else its category's). A default category is "missing" when it has no element or at
//! most [`FEW`]. Two sectors are "unlinked" when both have elements but no counted connection
//! (any status) joins an element of one to an element of the other; the unknown sector is left
//! out of that question because it says nothing about the divide.

use serde::{Deserialize, Serialize};

use super::common::Ctx;
use super::{Count, ElementRef};
use crate::model::category::Sector;
use crate::model::category::{default_categories, CARE_CIRCLE, CARE_TEAM};
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
    /// False for a category that is not in the map's categories but that elements use (an
    /// element with no category is counted under the empty name).
    pub in_vocabulary: bool,
}

/// How many elements a sector has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorCount {
    /// The sector.
    pub sector: Sector,
    /// Its elements, and their share of all elements.
    pub count: Count,
}

/// A default category with no elements, or few (at most [`FEW`]).
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

/// The count at or below which a default category counts as having "few" elements.
pub const FEW: usize = 1;

pub(crate) fn compute(network: &Network) -> Membership {
    let ctx = Ctx::new(network);
    let total = network.elements.len();
    let by_category = category_counts(&ctx);
    let by_sector = Sector::ALL
        .iter()
        .map(|&sector| SectorCount {
            sector,
            count: Count::new(ctx.sectors.iter().filter(|&&s| s == sector).count(), total),
        })
        .collect();
    let missing = default_categories()
        .into_iter()
        .map(|c| {
            let count = by_category
                .iter()
                .find(|cc| cc.category.eq_ignore_ascii_case(&c.name))
                .map_or(0, |cc| cc.count.count);
            MissingCategory {
                category: c.name,
                sector: c.sector,
                count,
            }
        })
        .filter(|m| m.count <= FEW)
        .collect();
    let refs = |name: &str| {
        ctx.of_category(name)
            .into_iter()
            .map(|i| ctx.eref(i))
            .collect()
    };
    Membership {
        elements: total,
        by_category,
        by_sector,
        care_teams: refs(CARE_TEAM),
        circles: refs(CARE_CIRCLE),
        missing,
        few_threshold: FEW,
        unlinked_sectors: unlinked_sectors(&ctx),
    }
}

/// Every category of the map, then any other category elements use, largest first (ties keep
/// that order).
fn category_counts(ctx: &Ctx<'_>) -> Vec<CategoryCount> {
    let net = ctx.net;
    let total = net.elements.len();
    let mut names: Vec<(String, Sector, bool)> = net
        .categories
        .iter()
        .map(|c| (c.name.clone(), c.sector, true))
        .collect();
    let mut counts = vec![0usize; names.len()];
    // Positions by lower-cased name, so that a map of many categories is counted in linear time.
    let mut position: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, (n, _, _)) in names.iter().enumerate() {
        position.entry(n.to_ascii_lowercase()).or_insert(i);
    }
    for e in &net.elements {
        let key = e.category.to_ascii_lowercase();
        match position.get(&key) {
            Some(&p) => counts[p] += 1,
            None => {
                position.insert(key, names.len());
                names.push((e.category.clone(), Sector::Unknown, false));
                counts.push(1);
            }
        }
    }
    let mut out: Vec<CategoryCount> = names
        .into_iter()
        .zip(counts)
        .map(|((category, sector, in_vocabulary), n)| CategoryCount {
            category,
            sector,
            count: Count::new(n, total),
            in_vocabulary,
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.count.count));
    out
}

/// Pairs of known sectors that both have elements and no counted connection between them.
fn unlinked_sectors(ctx: &Ctx<'_>) -> Vec<(Sector, Sector)> {
    let known = [Sector::Informal, Sector::Voluntary, Sector::Formal];
    let present = |s: Sector| ctx.sectors.contains(&s);
    let linked = |a: Sector, b: Sector| {
        ctx.links.iter().any(|l| {
            let (x, y) = (ctx.sectors[l.from], ctx.sectors[l.to]);
            (x == a && y == b) || (x == b && y == a)
        })
    };
    let mut out = Vec::new();
    for (i, &a) in known.iter().enumerate() {
        for &b in &known[i + 1..] {
            if present(a) && present(b) && !linked(a, b) {
                out.push((a, b));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::common::build::tie;
    use crate::model::category::{INDIVIDUAL, STATUTORY};
    use crate::model::status::{Direction, Status};

    fn count_of(m: &Membership, category: &str) -> usize {
        m.by_category
            .iter()
            .find(|c| c.category == category)
            .map_or(usize::MAX, |c| c.count.count)
    }

    #[test]
    fn counts_categories_sectors_and_what_is_missing() {
        let mut map = Network::new("t");
        let ann = map.add_element("Ann", INDIVIDUAL);
        map.add_element("Bob", INDIVIDUAL);
        let pantry = map.add_element("Pantry", "grassroots or mutual-aid group");
        let hub = map.add_element("Hub", "community hub or voluntary organisation");
        let gp = map.add_element("GP", STATUTORY);
        let team = map.add_element("Team Rosa", CARE_TEAM);
        map.add_element("Library", "Public Library");
        tie(
            &mut map,
            &ann,
            &pantry,
            Status::Generative,
            Direction::Mutual,
        );
        tie(
            &mut map,
            &pantry,
            &hub,
            Status::Inactive,
            Direction::Directed,
        );
        tie(&mut map, &gp, &team, Status::Engaged, Direction::Directed);
        let m = compute(&map);
        // 7 elements; individuals 2 of 7 = 28.6%, largest so listed first.
        assert_eq!(m.elements, 7);
        assert_eq!(m.by_category[0].category, INDIVIDUAL);
        assert_eq!(m.by_category[0].count.percent(), "28.6%");
        // The library's category is not in the vocabulary: kept, unknown sector.
        let lib = m
            .by_category
            .iter()
            .find(|c| c.category == "Public Library");
        assert!(lib.is_some_and(|c| !c.in_vocabulary && c.sector == Sector::Unknown));
        assert_eq!(count_of(&m, "care worker"), 0);
        // Sectors: informal Ann, Bob, Pantry = 3; voluntary Hub = 1; formal GP, Team = 2;
        // unknown Library = 1.
        let sectors: Vec<usize> = m.by_sector.iter().map(|s| s.count.count).collect();
        assert_eq!(sectors, vec![3, 1, 2, 1]);
        // Missing (at most 1): every default but individuals (2): 8 categories.
        assert_eq!(m.few_threshold, 1);
        assert_eq!(m.missing.len(), 8);
        assert!(m.missing.iter().all(|c| c.category != INDIVIDUAL));
        assert!(m
            .missing
            .iter()
            .any(|c| c.category == STATUTORY && c.count == 1));
        assert_eq!(m.care_teams.len(), 1);
        assert_eq!(m.care_teams[0].label, "Team Rosa");
        assert!(m.circles.is_empty());
        // Informal-voluntary is linked (Pantry-Hub, inactive still links); formal is linked to
        // neither.
        assert_eq!(
            m.unlinked_sectors,
            vec![
                (Sector::Informal, Sector::Formal),
                (Sector::Voluntary, Sector::Formal)
            ]
        );
    }

    #[test]
    fn an_empty_map_misses_every_default_category() {
        let m = compute(&Network::new("empty"));
        assert_eq!(m.elements, 0);
        assert_eq!(m.missing.len(), 9);
        assert!(m.missing.iter().all(|c| c.count == 0));
        assert!(m.by_sector.iter().all(|s| s.count.share == 0.0));
        assert!(m.unlinked_sectors.is_empty());
        assert_eq!(m.by_category.len(), 9);
    }

    #[test]
    fn elements_without_connections_leave_sectors_unlinked() {
        let mut map = Network::new("t");
        map.add_element("Ann", INDIVIDUAL);
        let gp = map.add_element("GP", STATUTORY);
        // A self-loop and a connection to a missing element link nothing.
        tie(&mut map, &gp, &gp, Status::Generative, Direction::Directed);
        let ghost = crate::model::ElementId::from("ghost");
        tie(
            &mut map,
            &gp,
            &ghost,
            Status::Generative,
            Direction::Directed,
        );
        let m = compute(&map);
        assert_eq!(m.unlinked_sectors, vec![(Sector::Informal, Sector::Formal)]);
    }

    #[test]
    fn an_element_sector_overrides_its_category_for_sector_counts() {
        let mut map = Network::new("t");
        let w = map.add_element("Paid helper", INDIVIDUAL);
        map.element_mut(&w).unwrap().sector = Some(Sector::Formal);
        map.add_element("No category", "");
        let m = compute(&map);
        assert_eq!(count_of(&m, INDIVIDUAL), 1);
        assert_eq!(m.by_sector[2].count.count, 1);
        // The element with no category is counted under the empty name, unknown sector.
        assert_eq!(count_of(&m, ""), 1);
        assert_eq!(m.by_sector[3].count.count, 1);
    }
}
