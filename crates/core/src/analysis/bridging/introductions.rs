//! Suggested introductions: pairs not yet connected that a trusted shared contact could
//! introduce, ranked.
//!
//! A trusted tie is a generative or engaged one (parallel connections merged, strongest status).
//! A candidate pair is two elements with no counted connection between them (of any status) and
//! at least one shared contact trusted by both. Its score adds three parts:
//!
//! - strength: for each shared contact, the product of its two tie weights (generative 1,
//!   engaged 0.5), summed, so both stronger and more contacts rank higher;
//! - the divide: 2 when one side is formal and the other informal, 1 when one side is voluntary
//!   and the other formal or informal, 0 otherwise;
//! - complementary care: 0.5 for each care type (at most three) that one side offers and the
//!   other receives, that is, care of that type already flows toward it (a care team receiving
//!   personal care, a person receiving meals).
//!
//! Ties in score are broken by the ids of the pair, so the order is reproducible.

use std::collections::BTreeMap;

use super::Introduction;
use crate::analysis::common::{end_sentence, join_names, Ctx};
use crate::model::category::Sector;
use crate::model::status::Status;

/// The most care types that add to the score.
const MAX_COMPLEMENTARY: usize = 3;

fn weight(s: Status) -> f64 {
    match s {
        Status::Generative => 1.0,
        Status::Engaged => 0.5,
        _ => 0.0,
    }
}

/// The score for crossing sectors.
fn divide_score(a: Sector, b: Sector) -> f64 {
    use Sector::*;
    match (a, b) {
        (Formal, Informal) | (Informal, Formal) => 2.0,
        (Voluntary, Formal | Informal) | (Formal | Informal, Voluntary) => 1.0,
        _ => 0.0,
    }
}

/// A shared contact: who, both tie statuses, and its contribution to the strength.
type Shared = (usize, Status, Status, f64);

/// A candidate pair: score, the two sides (by id order) and their shared contacts.
type Scored = (f64, usize, usize, Vec<Shared>);

/// The best `limit` introductions of the map.
pub(super) fn suggest(
    ctx: &Ctx<'_>,
    ties: &[BTreeMap<usize, Status>],
    limit: usize,
) -> Vec<Introduction> {
    if limit == 0 {
        return Vec::new();
    }
    let n = ties.len();
    let trusted: Vec<Vec<(usize, Status)>> = ties
        .iter()
        .map(|tied| {
            tied.iter()
                .filter(|(_, s)| s.is_active())
                .map(|(&o, &s)| (o, s))
                .collect()
        })
        .collect();
    let offers: Vec<Vec<String>> = (0..n)
        .map(|i| ctx.care_types(&ctx.element(i).care_types))
        .collect();
    let receives = received(ctx);
    let order = |p: &Scored, q: &Scored| {
        q.0.total_cmp(&p.0)
            .then_with(|| ctx.element(p.1).id.cmp(&ctx.element(q.1).id))
            .then_with(|| ctx.element(p.2).id.cmp(&ctx.element(q.2).id))
            .then_with(|| (p.1, p.2).cmp(&(q.1, q.2)))
    };
    // Every candidate pair (x, y), x < y, from x's side: through each trusted contact z of x
    // (ascending, as the shared contacts are listed) to z's trusted contacts y. The strengths
    // add up in a dense array rather than a map of pairs: a large map with hubs has many
    // millions of pairs, of which only the best `limit` are kept (selected as they come).
    let mut strength = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut tied = vec![false; n];
    let mut reached: Vec<usize> = Vec::new();
    let mut scored: Vec<Scored> = Vec::new();
    for x in 0..n {
        if trusted[x].is_empty() {
            continue;
        }
        for &o in ties[x].keys() {
            tied[o] = true;
        }
        for &(z, sx) in &trusted[x] {
            let wx = weight(sx);
            let row = &trusted[z];
            for &(y, sy) in &row[row.partition_point(|&(y, _)| y <= x)..] {
                if tied[y] {
                    continue;
                }
                if !seen[y] {
                    seen[y] = true;
                    reached.push(y);
                }
                strength[y] += wx * weight(sy);
            }
        }
        for &o in ties[x].keys() {
            tied[o] = false;
        }
        for y in reached.drain(..) {
            let (a, b) = if ctx.element(x).id <= ctx.element(y).id {
                (x, y)
            } else {
                (y, x)
            };
            let comp = complementary_count(&offers, &receives, a, b);
            let score = strength[y]
                + divide_score(ctx.sectors[a], ctx.sectors[b])
                + 0.5 * comp.min(MAX_COMPLEMENTARY) as f64;
            scored.push((score, a, b, Vec::new()));
            strength[y] = 0.0;
            seen[y] = false;
        }
        if scored.len() >= 2 * limit + 1024 {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
    }
    // Only the best `limit` are kept: select them before sorting (a large map has many pairs).
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, order);
        scored.truncate(limit);
    }
    scored.sort_by(order);
    // The shared contacts of the kept pairs, as (contact, its tie to the lower-numbered end,
    // its tie to the other, product of their weights), contacts ascending.
    for (_, a, b, shared) in &mut scored {
        let (x, y) = ((*a).min(*b), (*a).max(*b));
        for &(z, sx) in &trusted[x] {
            if let Some(&sy) = ties[y].get(&z).filter(|s| s.is_active()) {
                shared.push((z, sx, sy, weight(sx) * weight(sy)));
            }
        }
    }
    scored
        .into_iter()
        .map(|(score, a, b, shared)| introduction(ctx, &offers, &receives, score, a, b, shared))
        .collect()
}

/// How many care types one of `a` and `b` offers that the other receives (the length of
/// [`complementary`], without building it).
fn complementary_count(
    offers: &[Vec<String>],
    receives: &[Vec<String>],
    a: usize,
    b: usize,
) -> usize {
    [(a, b), (b, a)]
        .iter()
        .map(|&(from, to)| {
            offers[from]
                .iter()
                .filter(|t| receives[to].contains(t))
                .count()
        })
        .sum()
}

fn received(ctx: &Ctx<'_>) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); ctx.net.elements.len()];
    for l in &ctx.links {
        for t in ctx.care_types(&l.conn.care_flowing) {
            for end in [l.from, l.to] {
                if l.flows_toward(end) && !out[end].contains(&t) {
                    out[end].push(t.clone());
                }
            }
        }
    }
    out
}

/// Care types one of `a`, `b` offers and the other receives: (offerer, receiver, type), sorted.
fn complementary(
    offers: &[Vec<String>],
    receives: &[Vec<String>],
    a: usize,
    b: usize,
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (from, to) in [(a, b), (b, a)] {
        let mut types: Vec<&String> = offers[from]
            .iter()
            .filter(|t| receives[to].contains(t))
            .collect();
        types.sort();
        out.extend(types.into_iter().map(|t| (from, to, t.clone())));
    }
    out
}

fn introduction(
    ctx: &Ctx<'_>,
    offers: &[Vec<String>],
    receives: &[Vec<String>],
    score: f64,
    a: usize,
    b: usize,
    mut shared: Vec<Shared>,
) -> Introduction {
    shared.sort_by(|p, q| {
        q.3.total_cmp(&p.3)
            .then_with(|| ctx.element(p.0).label.cmp(&ctx.element(q.0).label))
            .then_with(|| ctx.element(p.0).id.cmp(&ctx.element(q.0).id))
    });
    let comp = complementary(offers, receives, a, b);
    let mut care: Vec<String> = comp.iter().map(|c| c.2.clone()).collect();
    care.sort();
    care.dedup();
    let (sa, sb) = (ctx.sectors[a], ctx.sectors[b]);
    Introduction {
        a: ctx.eref(a),
        b: ctx.eref(b),
        via: shared.iter().map(|s| ctx.eref(s.0)).collect(),
        score,
        reason: reason(ctx, a, b, &shared, &comp),
        crosses_formal_informal: divide_score(sa, sb) == 2.0,
        complementary_care: care,
    }
}

/// "A and B both work closely with Z; an introduction would link formal and informal care, and
/// A offers Advocacy, which B receives."
fn reason(
    ctx: &Ctx<'_>,
    a: usize,
    b: usize,
    shared: &[Shared],
    comp: &[(usize, usize, String)],
) -> String {
    let label = |i: usize| ctx.element(i).label.clone();
    let mut names: Vec<String> = shared.iter().take(3).map(|s| label(s.0)).collect();
    if shared.len() > 3 {
        let more = shared.len() - 3;
        names.push(format!(
            "{more} {}",
            if more == 1 { "other" } else { "others" }
        ));
    }
    let close = shared
        .iter()
        .all(|s| s.1 == Status::Generative && s.2 == Status::Generative);
    let verb = if close {
        "work closely with"
    } else {
        "have live ties with"
    };
    let (sa, sb) = (ctx.sectors[a], ctx.sectors[b]);
    let why = if divide_score(sa, sb) == 2.0 {
        "link formal and informal care".to_string()
    } else if divide_score(sa, sb) > 0.0 {
        let (first, second) = if sa <= sb { (sa, sb) } else { (sb, sa) };
        format!("link {first} and {second} care")
    } else if sa == sb && sa != Sector::Unknown {
        format!("add a direct tie between two {sa} actors")
    } else {
        "add a direct tie between them".to_string()
    };
    let mut s = format!(
        "{} and {} both {verb} {}; an introduction would {why}",
        label(a),
        label(b),
        join_names(&names)
    );
    for (from, to) in [(a, b), (b, a)] {
        let types: Vec<String> = comp
            .iter()
            .filter(|c| c.0 == from && c.1 == to)
            .map(|c| c.2.clone())
            .collect();
        if !types.is_empty() {
            s += &format!(
                ", and {} offers {}, which {} receives",
                label(from),
                join_names(&types),
                label(to)
            );
        }
    }
    end_sentence(s)
}
