//! The person-centred care map in words: who the person cares for, who cares for them, who else
//! cares for those, and what changed.

use caremap_core::analysis::person::{Entry, Relation};
use caremap_core::analysis::{ElementRef, PersonMap, PersonMapChange};
use caremap_core::Status;

use crate::doc::{Document, KeyFigure, Section, Table};
use crate::words::{capitalise, count_of, int, join_max, names, pct, word_number};

/// The person map's sections' anchors.
pub const ID: &str = "person";

/// The document of one person's care map, with its change when given.
pub fn document(map: &PersonMap, change: Option<&PersonMapChange>) -> Document {
    let name = &map.person.label;
    let carers = map.carers;
    let mut sections = vec![rings(map)];
    if let Some(c) = change {
        sections.push(change_section(c));
    }
    Document {
        title: format!("Care map of {name}"),
        subtitle: "A person-centred care map: direct ties in the inner ring, ties of ties in the outer ring.".to_string(),
        key_figures: vec![
            KeyFigure::new(int(map.inner.len()), "direct ties"),
            KeyFigure::new(int(carers), "carers"),
            KeyFigure::new(int(map.outer.len()), "ties of ties"),
            KeyFigure::new(pct(map.informal_share), "of care from the community"),
        ],
        sections,
    }
}

fn relation_group(map: &PersonMap, relation: Relation) -> Vec<ElementRef> {
    map.inner
        .iter()
        .filter(|e| e.relation == relation)
        .map(|e| e.element.clone())
        .collect()
}

fn rings(map: &PersonMap) -> Section {
    let name = &map.person.label;
    let mut s = Section::new(ID, &format!("Who cares with {name}"));
    if map.inner.is_empty() {
        s.para(format!("{name} has no direct ties on the map yet."));
        return s;
    }
    let cares_for = relation_group(map, Relation::CaredForByPerson);
    let cared_by = relation_group(map, Relation::CaresForPerson);
    let mutual = relation_group(map, Relation::Mutual);
    s.para(format!(
        "{name} has {} in the inner ring.",
        count_of(map.inner.len(), "direct tie")
    ));
    let mut lines = Vec::new();
    if !cared_by.is_empty() {
        lines.push(format!("Caring for {name}: {}.", names(&cared_by, 12)));
    }
    if !cares_for.is_empty() {
        lines.push(format!("Cared for by {name}: {}.", names(&cares_for, 12)));
    }
    if !mutual.is_empty() {
        lines.push(format!(
            "Caring both ways with {name}: {}.",
            names(&mutual, 12)
        ));
    }
    s.bullets(lines);
    if map.outer.is_empty() {
        s.para("Nobody else is recorded as caring for the same people: the outer ring is empty.");
    } else {
        s.para(format!(
            "{} in the outer ring also care for people in the inner ring: {}.",
            count_of(map.outer.len(), "other"),
            names(
                &map.outer
                    .iter()
                    .map(|e| e.element.clone())
                    .collect::<Vec<_>>(),
                12
            )
        ));
    }
    s.para(carers_sentence(map));
    s.para(format!(
        "{} of the caring ties toward {name} come from informal or voluntary actors. {}",
        pct(map.informal_share),
        evenness_sentence(map)
    ));
    s.table(entries_table(map));
    s
}

/// Who the carers are and whether community and paid care are joined up around the person.
fn carers_sentence(map: &PersonMap) -> String {
    let name = &map.person.label;
    if map.carers == 0 {
        return format!("Nobody on the map is recorded as caring for {name}.");
    }
    let mut text = format!(
        "{name} has {}: {} informal or voluntary and {} formal.",
        count_of(map.carers, "carer"),
        word_number(map.informal_carers),
        word_number(map.formal_carers)
    );
    if map.informal_carers > 0 && map.formal_carers > 0 {
        text.push_str(&match map.integrated_informal_carers {
            0 => " None of the informal carers has a live tie with a formal carer: community care and paid care around this person do not yet meet.".to_string(),
            n if n == map.informal_carers => " Every informal carer has a live tie with a formal carer: community and paid care are joined up.".to_string(),
            n => format!(
                " {} of the informal carers {} a live tie with a formal carer.",
                capitalise(&word_number(n)),
                if n == 1 { "has" } else { "have" }
            ),
        });
    }
    text
}

/// How evenly the caring load is spread, in a sentence.
pub fn evenness_sentence(map: &PersonMap) -> String {
    if map.carers < 2 {
        return "With fewer than two carers, the caring load cannot be shared: if that one carer stops, nobody is recorded to step in.".to_string();
    }
    let e = map.evenness;
    let how = if e >= 0.8 {
        "evenly spread across the carers"
    } else if e >= 0.5 {
        "fairly evenly spread, though some carers carry more than others"
    } else {
        "concentrated on a few carers, who may be at risk of burning out"
    };
    format!(
        "The caring load is {how} (evenness {}; 100% is perfectly even).",
        pct(e)
    )
}

fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::CaredForByPerson => "cared for by the person",
        Relation::CaresForPerson => "cares for the person",
        Relation::Mutual => "both ways",
        Relation::AlsoCares => "also cares",
    }
}

fn entries_table(map: &PersonMap) -> Table {
    let mut t = Table::new(
        "Everyone on the care map: ring, relation, the strongest tie and the care flowing.",
        &[
            "Who", "#Ring", "Relation", "Carer", "Sector", "Tie", "Care", "Through",
        ],
    );
    for e in map.inner.iter().chain(&map.outer) {
        t.row(entry_row(e));
    }
    t
}

fn entry_row(e: &Entry) -> Vec<String> {
    vec![
        e.element.label.clone(),
        int(e.ring),
        relation_name(e.relation).to_string(),
        if e.carer { "yes" } else { "" }.to_string(),
        e.element.sector.name().to_string(),
        e.status.name().to_string(),
        if e.care_types.is_empty() {
            "not recorded".to_string()
        } else {
            e.care_types.join(", ")
        },
        e.via
            .iter()
            .map(|v| v.label.clone())
            .collect::<Vec<_>>()
            .join(", "),
    ]
}

fn change_section(c: &PersonMapChange) -> Section {
    let name = &c.after.person.label;
    let mut s = Section::new("person-change", &format!("What changed around {name}"));
    let mut lines = Vec::new();
    lines.push(move_line("Strengthened", &c.strengthened));
    lines.push(move_line("Weakened", &c.weakened));
    lines.push(format!(
        "New direct ties: {}.",
        none_or(&names(&c.new_ties, 12))
    ));
    lines.push(format!(
        "Direct ties gone: {}.",
        none_or(&names(&c.lost_ties, 12))
    ));
    s.bullets(lines);
    s.para(format!(
        "Care from the community went from {} to {} of the caring ties; evenness of the caring load from {} to {}.",
        pct(c.before.informal_share),
        pct(c.after.informal_share),
        pct(c.before.evenness),
        pct(c.after.evenness)
    ));
    s.bullets(c.findings.clone());
    s
}

fn move_line(what: &str, moves: &[(ElementRef, Status, Status)]) -> String {
    let items: Vec<String> = moves
        .iter()
        .map(|(e, from, to)| format!("{} ({} → {})", e.label, from.name(), to.name()))
        .collect();
    format!("{what}: {}.", none_or(&join_max(&items, 12)))
}

fn none_or(text: &str) -> String {
    if text.is_empty() {
        "none".to_string()
    } else {
        text.to_string()
    }
}
