//! Renders caremap's analysis for people: plain text, Markdown, and one self-contained HTML
//! report with the network drawn and every chart as inline SVG.
//!
//! ```
//! use caremap_core::analysis::{analyse, AnalysisOptions};
//! use caremap_core::{Network, Status};
//!
//! let mut map = Network::new("Elm Street");
//! let ann = map.add_element("Ann", "individual active citizen");
//! let pantry = map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! let link = map.connect(&ann, &pantry);
//! map.connection_mut(&link).unwrap().status = Status::Generative;
//!
//! let analysis = analyse(&map, &AnalysisOptions::default());
//! let text = caremap_report::render_text(&analysis);
//! assert!(text.contains("1 of 1 connection (100.0%) is generative"));
//! let html = caremap_report::render_html(&analysis, &map);
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
//! ```
//!
//! The words are written once: [`document`] builds a [`Document`] (chapters of sentences with
//! their figures, tables and charts) from an analysis, and [`text`], [`markdown`] and [`html`]
//! render it. The HTML makes no external request: inline CSS, system fonts, inline SVG.

#![warn(missing_docs)]

pub mod chapters;
pub mod charts;
mod css;
pub mod doc;
pub mod html;
pub mod labels;
pub mod layout;
pub mod legend;
pub mod markdown;
pub mod network;
pub mod overlap;
pub mod palette;
pub mod person_svg;
pub mod svg;
pub mod text;
pub mod words;

use caremap_core::analysis::{Analysis, Change, PersonMap, PersonMapChange};
use caremap_core::Network;

pub use doc::{Block, Chart, Document, KeyFigure, Section, Table};
pub use html::Picture;
pub use network::NetworkPicture;
pub use person_svg::person_svg;

/// The report of one version of a map as a [`Document`]; chapter 7 is filled when `change`
/// (a comparison with an older version) is given.
pub fn document(analysis: &Analysis, change: Option<&Change>) -> Document {
    chapters::document(analysis, change)
}

/// The whole report as plain text: every chapter in sentences with their figures.
pub fn render_text(analysis: &Analysis) -> String {
    text::render(&document(analysis, None))
}

/// The whole report as Markdown: a heading per chapter, tables for the figures.
pub fn render_markdown(analysis: &Analysis) -> String {
    markdown::render(&document(analysis, None))
}

/// The whole report as one self-contained HTML page: title page with the key figures, a
/// picture of the network, then every chapter with its charts and tables.
pub fn render_html(analysis: &Analysis, network: &Network) -> String {
    render_html_with_change(analysis, network, None)
}

/// Like [`render_html`], with chapter 7 filled from a comparison with an older version.
pub fn render_html_with_change(
    analysis: &Analysis,
    network: &Network,
    change: Option<&Change>,
) -> String {
    let picture = network::network_picture(network, "network", false);
    let pictures = [Picture {
        id: "network".to_string(),
        title: "The network".to_string(),
        svg: picture.svg,
        caption: picture.caption,
    }];
    html::render(&document(analysis, change), &pictures)
}

/// The picture of the network as a standalone SVG document.
pub fn network_svg(network: &Network) -> String {
    network::network_picture(network, "network", true).svg
}

/// What changed between two versions, as plain text.
pub fn render_change_text(change: &Change) -> String {
    text::render(&chapters::change_document(change))
}

/// What changed between two versions, as Markdown.
pub fn render_change_markdown(change: &Change) -> String {
    markdown::render(&chapters::change_document(change))
}

/// What changed between two versions, as a self-contained HTML page.
pub fn render_change_html(change: &Change) -> String {
    html::render(&chapters::change_document(change), &[])
}

/// One person's care map (and what changed in it, when given) as plain text.
pub fn render_person_text(map: &PersonMap, change: Option<&PersonMapChange>) -> String {
    text::render(&chapters::person::document(map, change))
}

/// One person's care map (and what changed in it, when given) as Markdown.
pub fn render_person_markdown(map: &PersonMap, change: Option<&PersonMapChange>) -> String {
    markdown::render(&chapters::person::document(map, change))
}

/// One person's care map as a self-contained HTML page with the map drawn in rings.
pub fn render_person_html(map: &PersonMap, change: Option<&PersonMapChange>) -> String {
    let pictures = [Picture {
        id: "care-map".to_string(),
        title: format!("Care map of {}", map.person.label),
        svg: person_svg::draw(map, "care-map", false),
        caption: format!(
            "{} in the centre; direct ties on the inner ring, ties of ties on the outer ring. Colour shows the category, line style the status of the tie, arrows who cares for whom.",
            map.person.label
        ),
    }];
    html::render(&chapters::person::document(map, change), &pictures)
}
