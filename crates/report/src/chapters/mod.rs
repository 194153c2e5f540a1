//! The chapters of the report: each builds its [`Section`] from the analysis, in plain sentences
//! with their figures.

pub mod bridging;
pub mod care_wealth;
pub mod change;
pub mod health;
pub mod membership;
pub mod person;
pub mod structure;
pub mod teams;

use caremap_core::analysis::{Analysis, Change};

use crate::doc::{Document, KeyFigure, Section};
use crate::words::{agree, int, join, of, with_share};

/// The anchor of the summary section.
pub const SUMMARY_ID: &str = "summary";

/// The report of one version of a map, with chapter 7 filled when a comparison is given.
pub fn document(a: &Analysis, change: Option<&Change>) -> Document {
    let mut sections = vec![
        summary(a),
        membership::section(a),
        care_wealth::section(a),
        health::section(a),
        teams::section(a),
        bridging::section(a),
        structure::section(a),
    ];
    sections.push(change.map_or_else(change::placeholder, change::section));
    Document {
        title: if a.map_name.trim().is_empty() {
            "Care network map".to_string()
        } else {
            a.map_name.clone()
        },
        subtitle: subtitle(a),
        key_figures: key_figures(a),
        sections,
    }
}

/// The report of a comparison between two versions.
pub fn change_document(c: &Change) -> Document {
    Document {
        title: "Change in the care network".to_string(),
        subtitle: format!("What changed {}.", change::period(c)),
        key_figures: vec![
            KeyFigure::new(int(c.joined.len()), "elements joined"),
            KeyFigure::new(int(c.left.len()), "elements left"),
            KeyFigure::new(int(c.strengthened.len()), "ties strengthened"),
            KeyFigure::new(int(c.weakened.len()), "ties weakened"),
            KeyFigure::new(c.generative_now.percent(), "of ties generative now"),
        ],
        sections: vec![change::section(c)],
    }
}

fn subtitle(a: &Analysis) -> String {
    match a.as_of {
        Some(d) => format!(
            "An analysis of the care network as it stood on {}.",
            change::long_date(d)
        ),
        None => "An analysis of the care network (the map records no date).".to_string(),
    }
}

fn key_figures(a: &Analysis) -> Vec<KeyFigure> {
    vec![
        KeyFigure::new(int(a.structure.elements), "elements"),
        KeyFigure::new(int(a.structure.connections), "connections"),
        KeyFigure::new(
            a.care_wealth.offering_care.percent(),
            "of elements offer care",
        ),
        KeyFigure::new(
            a.health.generative.percent(),
            "of connections are generative",
        ),
        KeyFigure::new(
            a.bridging.cross_sector.percent(),
            "of connections cross sectors",
        ),
        KeyFigure::new(int(a.membership.care_teams.len()), "care teams"),
    ]
}

fn summary(a: &Analysis) -> Section {
    let mut s = Section::new(SUMMARY_ID, "At a glance");
    if a.structure.elements == 0 {
        s.para("The map is empty: add elements and connections to see its analysis.");
        return s;
    }
    let sectors: Vec<String> = a
        .membership
        .by_sector
        .iter()
        .filter(|c| c.count.count > 0)
        .map(|c| format!("{} {}", int(c.count.count), c.sector.name()))
        .collect();
    let mut lines = vec![format!(
        "{} elements and {} connections: {}.",
        int(a.structure.elements),
        int(a.structure.connections),
        join(&sectors)
    )];
    lines.push(format!(
        "{} {} care.",
        of(&a.care_wealth.offering_care, "element"),
        agree(a.care_wealth.offering_care.count, "offers", "offer")
    ));
    if a.health.connections > 0 {
        lines.push(health::headline_figures(a));
        lines.push(format!(
            "{} {} between sectors; {} {} formal and informal actors directly.",
            of(&a.bridging.cross_sector, "connection"),
            agree(a.bridging.cross_sector.count, "crosses", "cross"),
            with_share(&a.bridging.formal_informal),
            agree(a.bridging.formal_informal.count, "links", "link")
        ));
    }
    if let Some(p) = a.bridging.articulation_points.first() {
        lines.push(format!(
            "{} is the only link between {} and the rest of the network.",
            p.element.label,
            crate::words::count_of(p.would_cut_off, "element")
        ));
    }
    if let Some(i) = a.bridging.introductions.first() {
        lines.push(bridging::introduction_sentence(i));
    }
    s.bullets(lines);
    s.note(format!(
        "Every figure in this report is computed from the map; each chapter says what it counted. Randomised steps used seed {}.",
        a.options.seed
    ));
    s
}
