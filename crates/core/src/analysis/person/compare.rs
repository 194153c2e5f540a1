//! The comparison of one person's care map between two versions, and its findings in sentences.

use super::{Entry, PersonMap, PersonMapChange};
use crate::analysis::common::{end_sentence, join_names};
use crate::analysis::ElementRef;
use crate::model::status::Status;

/// Compares two care maps of the same person; ties are matched by element id.
pub(super) fn compare(before: &PersonMap, after: &PersonMap) -> PersonMapChange {
    let old = |e: &Entry| before.inner.iter().find(|b| b.element.id == e.element.id);
    let mut strengthened = Vec::new();
    let mut weakened = Vec::new();
    let mut kept = 0;
    for e in &after.inner {
        let Some(b) = old(e) else { continue };
        kept += 1;
        let (from, to) = (b.status, e.status);
        if from == Status::Unclassified || to == Status::Unclassified || from == to {
            continue;
        }
        let change = (e.element.clone(), from, to);
        if to < from {
            strengthened.push(change);
        } else {
            weakened.push(change);
        }
    }
    let new_ties: Vec<ElementRef> = after
        .inner
        .iter()
        .filter(|e| old(e).is_none())
        .map(|e| e.element.clone())
        .collect();
    let lost_ties: Vec<ElementRef> = before
        .inner
        .iter()
        .filter(|b| !after.inner.iter().any(|e| e.element.id == b.element.id))
        .map(|b| b.element.clone())
        .collect();
    let mut findings = vec![ties_finding(kept, &strengthened, &weakened)];
    findings.extend(new_and_lost_finding(&new_ties, &lost_ties));
    findings.push(integration_finding(before, after));
    findings.extend(evenness_finding(before, after));
    PersonMapChange {
        before: before.clone(),
        after: after.clone(),
        strengthened,
        weakened,
        new_ties,
        lost_ties,
        findings,
    }
}

type Moved = (ElementRef, Status, Status);

fn moves(list: &[Moved]) -> String {
    let names: Vec<String> = list
        .iter()
        .map(|(e, from, to)| format!("{} ({from} to {to})", e.label))
        .collect();
    join_names(&names)
}

/// "2 of 4 key ties strengthened: A (engaged to generative); 1 weakened: B (...)."
fn ties_finding(kept: usize, strengthened: &[Moved], weakened: &[Moved]) -> String {
    if kept == 0 {
        return "No direct tie is on both maps, so none could strengthen or weaken.".to_string();
    }
    let mut s = match strengthened.len() {
        0 => format!(
            "None of the {kept} key {} strengthened",
            plural(kept, "tie", "ties")
        ),
        n => format!(
            "{n} of {kept} key {} strengthened: {}",
            plural(kept, "tie", "ties"),
            moves(strengthened)
        ),
    };
    if !weakened.is_empty() {
        s += &format!("; {} weakened: {}", weakened.len(), moves(weakened));
    }
    end_sentence(s)
}

fn new_and_lost_finding(new_ties: &[ElementRef], lost_ties: &[ElementRef]) -> Option<String> {
    let names =
        |v: &[ElementRef]| join_names(&v.iter().map(|e| e.label.clone()).collect::<Vec<_>>());
    let mut parts = Vec::new();
    if !new_ties.is_empty() {
        let n = new_ties.len();
        parts.push(format!(
            "{n} new direct {}: {}",
            plural(n, "tie", "ties"),
            names(new_ties)
        ));
    }
    if !lost_ties.is_empty() {
        let n = lost_ties.len();
        parts.push(format!(
            "{n} {} ended: {}",
            plural(n, "tie", "ties"),
            names(lost_ties)
        ));
    }
    if parts.is_empty() {
        return None;
    }
    let s = parts.join("; ");
    Some(end_sentence(capitalise(&s)))
}

/// Whether the informal and voluntary carers are tied to the formal carers, then and now.
fn integration_finding(before: &PersonMap, after: &PersonMap) -> String {
    let who = &after.person.label;
    let (carers, informal, linked) = (
        after.carers,
        after.informal_carers,
        after.integrated_informal_carers,
    );
    if carers == 0 {
        return format!("No one is recorded as caring for {who} on the newer map.");
    }
    if informal == 0 {
        return format!(
            "There is no informal or voluntary carer on the newer map (before: {}).",
            before.informal_carers
        );
    }
    let share = format!(
        "{informal} of {carers} {} {} informal or voluntary",
        plural(carers, "carer", "carers"),
        plural(informal, "is", "are")
    );
    let then = format!(
        "(before: {} of {} informal or voluntary {})",
        before.integrated_informal_carers,
        before.informal_carers,
        plural(before.informal_carers, "carer", "carers")
    );
    if after.formal_carers == 0 {
        return format!(
            "Informal support is not integrated: {share} and {who} has no formal carer to link with {then}."
        );
    }
    let was = before.integrated_informal_carers;
    let verdict = if linked == 0 {
        "Informal support is not integrated"
    } else if was == 0 {
        "Informal support is now integrated"
    } else if linked > was {
        "Informal support is more integrated"
    } else if linked == was {
        "Informal support is as integrated as before"
    } else {
        "Informal support is less integrated"
    };
    let tied = match linked {
        0 => "none of them has".to_string(),
        1 => "1 of them has".to_string(),
        n => format!("{n} of them have"),
    };
    format!("{verdict}: {share} and {tied} an active tie to a formal carer {then}.")
}

/// Whether the caring load is spread more evenly, at two decimals.
fn evenness_finding(before: &PersonMap, after: &PersonMap) -> Option<String> {
    let (was, now) = (before.evenness, after.evenness);
    match after.carers {
        0 => None,
        1 => {
            let name = after
                .inner
                .iter()
                .find(|e| e.carer)
                .map_or(String::new(), |e| e.element.label.clone());
            Some(format!(
                "The caring load rests on one carer, {name} (evenness before: {was:.2})."
            ))
        }
        _ => {
            let (w, n) = (hundredths(was), hundredths(now));
            Some(if n > w {
                format!("The caring load is spread more evenly: evenness rose from {was:.2} to {now:.2}.")
            } else if n < w {
                format!("The caring load is spread less evenly: evenness fell from {was:.2} to {now:.2}.")
            } else {
                format!(
                    "The caring load is spread as evenly as before: evenness stayed at {now:.2}."
                )
            })
        }
    }
}

fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
