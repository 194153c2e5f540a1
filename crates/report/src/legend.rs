//! The legends of the drawings: category swatches, the status ladder as line samples, and the
//! arrow, shared by the network picture and the person-centred care map so both read alike.

use std::fmt::Write;

use caremap_core::Status;

use crate::palette::status_stroke;
use crate::svg::{esc, fit, num};

/// A legend-sized definition of a status.
pub fn short_definition(s: Status) -> &'static str {
    match s {
        Status::Generative => "care flows, both ways",
        Status::Engaged => "live, not yet generating care",
        Status::LooselyEngaged => "occasional, light contact",
        Status::Inactive => "dormant, on paper only",
        Status::Unclassified => "not yet assessed",
    }
}

/// The arrow markers, one per status colour; `orient` is `auto` or `auto-start-reverse`.
pub fn arrow_defs(out: &mut String, id: &str, orient: &str) {
    out.push_str("<defs>");
    for s in Status::ALL {
        let (colour, ..) = status_stroke(s);
        let _ = write!(
            out,
            r#"<marker id="{id}-arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="{orient}"><path d="M0,0L10,5L0,10z" fill="{colour}"/></marker>"#,
            s.key()
        );
    }
    out.push_str("</defs>");
}

/// A rule across the drawing and the two column headings of a legend.
pub fn headings(out: &mut String, top: f64, width: f64, left: &str, right_x: f64, right: &str) {
    let _ = write!(
        out,
        r##"<line x1="0" y1="{y}" x2="{}" y2="{y}" stroke="#d6d6d6"/><text x="8" y="{}" font-size="13" font-weight="600" fill="#1a1a1a">{}</text><text x="{}" y="{}" font-size="13" font-weight="600" fill="#1a1a1a">{}</text>"##,
        num(width),
        num(top + 20.0),
        esc(left),
        num(right_x),
        num(top + 20.0),
        esc(right),
        y = num(top)
    );
}

/// One coloured dot per category, from `y` down; returns the next free `y`.
pub fn category_rows(out: &mut String, categories: &[(String, &'static str)], mut y: f64) -> f64 {
    for (name, colour) in categories {
        let _ = write!(
            out,
            r##"<circle cx="16" cy="{}" r="6" fill="{colour}" stroke="#ffffff" stroke-width="1"/><text x="30" y="{}" font-size="12" fill="#1a1a1a">{}</text>"##,
            num(y),
            num(y + 4.0),
            esc(&fit(name, 12.0, 380.0))
        );
        y += 20.0;
    }
    y
}

/// One line sample per status, as the drawings draw them, from (`x`, `y`) down; returns the next
/// free `y`.
pub fn status_rows(out: &mut String, x: f64, mut y: f64) -> f64 {
    for s in Status::ALL {
        let (colour, width, dash, opacity) = status_stroke(s);
        let _ = write!(
            out,
            r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="{}" stroke-opacity="{opacity}" stroke-linecap="round"{}/><text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}: {}</text>"##,
            num(x),
            num(x + 50.0),
            num(width),
            dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
                .unwrap_or_default(),
            num(x + 60.0),
            num(y + 4.0),
            s.name(),
            short_definition(s),
            y = num(y)
        );
        y += 20.0;
    }
    y
}

/// An arrow sample and what arrows mean, at (`x`, `y`).
pub fn arrow_row(out: &mut String, x: f64, y: f64, meaning: &str) {
    let _ = write!(
        out,
        r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#4a4a4a" stroke-width="1.5"/><path d="M{},{}L{},{y}L{},{}z" fill="#4a4a4a"/><text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>"##,
        num(x),
        num(x + 42.0),
        num(x + 40.0),
        num(y - 4.5),
        num(x + 50.0),
        num(x + 40.0),
        num(y + 4.5),
        num(x + 60.0),
        num(y + 4.0),
        esc(meaning),
        y = num(y)
    );
}
