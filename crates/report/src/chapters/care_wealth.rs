//! Chapter 2: care wealth: who offers care, which kinds, gifted or paid, and who provides care to
//! each care team and to the circle.

use caremap_core::analysis::care_wealth::{CareTypeCount, ProvidersTo};
use caremap_core::analysis::Analysis;

use crate::doc::{Bar, BarChart, Chart, Section, Table};
use crate::words::{
    agree, capitalise, count_of, int, is_are, join, join_max, of, with_share, word_number,
};

/// The chapter's anchor.
pub const ID: &str = "care-wealth";
/// The chapter's heading.
pub const TITLE: &str = "2. Care wealth";

// Neutral colours: these bars count care types, not sectors or statuses.
const OFFER_COLOUR: &str = "#2f7f86";
const FLOW_COLOUR: &str = "#56607a";

/// Builds chapter 2.
pub fn section(a: &Analysis) -> Section {
    let w = &a.care_wealth;
    let mut s = Section::new(ID, TITLE);
    s.para(
        "Care wealth is the care a community already holds: the kinds of care its members offer, and the care that actually flows between them.",
    );
    if w.offering_care.of == 0 {
        s.para("The map has no elements yet, so there is no care to count.");
        return s;
    }
    let others = w.offering_care.of - w.offering_care.count;
    let mut offering = format!(
        "{} {} care.",
        of(&w.offering_care, "element"),
        agree(w.offering_care.count, "offers", "offer")
    );
    if others > 0 {
        offering.push_str(&format!(
            " For the other {}, no care offer is recorded: they may be on the map for their relationships, or their offer is not yet written down.",
            int(others)
        ));
    }
    s.para(offering);
    s.heading("Kinds of care");
    s.para(ranking(
        &w.by_offer,
        |c| c.offered_by,
        "The care most often offered is",
        "offered",
        "element",
    ));
    s.para(ranking(
        &w.by_flow,
        |c| c.flowing_on,
        "The care that most often flows along connections is",
        "flowing along connections",
        "connection",
    ));
    let idle: Vec<String> = w
        .by_offer
        .iter()
        .filter(|c| c.offered_by > 0 && c.flowing_on == 0)
        .map(|c| c.care_type.clone())
        .collect();
    if !idle.is_empty() && w.connections_carrying_care.count > 0 {
        s.para(format!(
            "Offered but not seen flowing along any connection: {}. This care is available, but the map does not show anyone receiving it yet.",
            join_max(&idle, 8)
        ));
    }
    if !w.unused_care_types.is_empty() {
        s.para(format!(
            "Nobody offers, and no connection carries: {}.",
            join_max(&w.unused_care_types, 10)
        ));
    }
    s.chart(bars(
        &w.by_offer,
        |c| c.offered_by,
        "Care types offered by elements",
        "elements offering it",
        OFFER_COLOUR,
    ));
    s.chart(bars(
        &w.by_flow,
        |c| c.flowing_on,
        "Care types flowing along connections",
        "connections carrying it",
        FLOW_COLOUR,
    ));
    s.heading("Gifted and paid care");
    gifted(a, &mut s);
    s.heading("Care reaching care teams and the circle");
    for p in w.to_teams.iter().chain(&w.to_circles) {
        s.para(providers_sentence(p));
    }
    if w.to_teams.is_empty() && w.to_circles.is_empty() {
        s.para("There is no care team or care circle on the map to receive care.");
    }
    s.table(providers_table(a));
    s
}

fn ranking(
    counts: &[CareTypeCount],
    value: impl Fn(&CareTypeCount) -> usize,
    opening: &str,
    verb: &str,
    unit: &str,
) -> String {
    let mut ranked: Vec<&CareTypeCount> = counts.iter().filter(|c| value(c) > 0).collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(value(c)));
    match ranked.as_slice() {
        [] => format!("No care type is recorded as {verb} yet."),
        [first, rest @ ..] => {
            let mut text = format!(
                "{opening} {} ({}).",
                first.care_type,
                count_of(value(first), unit)
            );
            let next: Vec<String> = rest
                .iter()
                .take(3)
                .map(|c| format!("{} ({})", c.care_type, int(value(c))))
                .collect();
            if !next.is_empty() {
                text.push_str(&format!(" Then come {}.", join(&next)));
            }
            text
        }
    }
}

fn bars(
    counts: &[CareTypeCount],
    value: impl Fn(&CareTypeCount) -> usize,
    title: &str,
    unit: &str,
    colour: &str,
) -> Chart {
    let mut ranked: Vec<&CareTypeCount> = counts.iter().filter(|c| value(c) > 0).collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(value(c)));
    Chart::Bars(BarChart {
        title: title.to_string(),
        unit: unit.to_string(),
        bars: ranked
            .iter()
            .map(|c| Bar {
                label: c.care_type.clone(),
                value: value(c) as f64,
                display: int(value(c)),
                colour: colour.to_string(),
            })
            .collect(),
        legend: Vec::new(),
        in_text: true,
    })
}

fn gifted(a: &Analysis, s: &mut Section) {
    let w = &a.care_wealth;
    let carrying = &w.connections_carrying_care;
    if carrying.count == 0 {
        s.para(
            "No connection has care types recorded yet, so the map cannot yet show which care flows, or whether it is gifted or paid.",
        );
        return;
    }
    s.para(format!("{} carry care.", of(carrying, "connection")));
    let mut parts = Vec::new();
    if w.gifted.count > 0 {
        parts.push(format!(
            "{} {} gifted",
            with_share(&w.gifted),
            is_are(w.gifted.count)
        ));
    }
    if w.paid.count > 0 {
        parts.push(format!(
            "{} {} paid",
            with_share(&w.paid),
            is_are(w.paid.count)
        ));
    }
    if w.payment_unknown.count > 0 {
        parts.push(format!(
            "for {} it is not recorded whether the care is gifted or paid",
            with_share(&w.payment_unknown)
        ));
    }
    let mut text = format!("Of these, {}.", join(&parts));
    if w.gifted.share > 0.5 {
        text.push_str(" Most of the care on the map is given freely.");
    } else if w.paid.share > 0.5 {
        text.push_str(" Most of the care on the map is paid for.");
    }
    s.para(text);
}

fn providers_sentence(p: &ProvidersTo) -> String {
    let name = &p.recipient.label;
    if p.providers.is_empty() {
        return format!("Nobody is recorded as providing care to {name}.");
    }
    let by_paid = |v: Option<bool>| p.providers.iter().filter(|x| x.paid == v).count();
    let generative = p
        .providers
        .iter()
        .filter(|x| x.status == caremap_core::Status::Generative)
        .count();
    let who: Vec<String> = p
        .providers
        .iter()
        .map(|x| x.element.label.clone())
        .collect();
    let (gifted, paid, unknown) = (by_paid(Some(false)), by_paid(Some(true)), by_paid(None));
    let payment = if unknown == p.providers.len() {
        "Whether their care is gifted or paid is not recorded.".to_string()
    } else {
        let mut parts = Vec::new();
        if gifted > 0 {
            parts.push(format!(
                "{} {} care freely",
                int(gifted),
                if gifted == 1 { "gives" } else { "give" }
            ));
        }
        if paid > 0 {
            parts.push(format!("{} {} paid", int(paid), is_are(paid)));
        }
        if unknown > 0 {
            parts.push(format!(
                "for {} it is not recorded whether the care is gifted or paid",
                int(unknown)
            ));
        }
        format!("Of the providers, {}.", join(&parts))
    };
    format!(
        "{name} receives care from {}: {}. {} of these ties {} generative. {payment}",
        count_of(p.providers.len(), "element"),
        join_max(&who, 8),
        capitalise(&word_number(generative)),
        is_are(generative),
    )
}

fn providers_table(a: &Analysis) -> Table {
    let w = &a.care_wealth;
    let mut t = Table::new(
        "Who provides care to each care team and care circle: the strongest tie, the care flowing, and whether it is gifted or paid.",
        &["Receives care", "Provider", "Provider's sector", "Tie", "Care flowing", "Gifted or paid"],
    );
    for p in w.to_teams.iter().chain(&w.to_circles) {
        for x in &p.providers {
            t.row(vec![
                p.recipient.label.clone(),
                x.element.label.clone(),
                x.element.sector.name().to_string(),
                x.status.name().to_string(),
                if x.care_types.is_empty() {
                    "not recorded".to_string()
                } else {
                    x.care_types.join(", ")
                },
                match x.paid {
                    Some(true) => "paid",
                    Some(false) => "gifted",
                    None => "not recorded",
                }
                .to_string(),
            ]);
        }
    }
    t
}
