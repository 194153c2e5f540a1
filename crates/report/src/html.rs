//! The self-contained HTML report: one file with inline CSS and inline SVG, no scripts and no
//! external requests. Written as well-formed XML (void elements closed, only `&amp;`-style
//! escapes) so it can be checked with an XML parser.

use std::fmt::Write;

use crate::charts::{bar_chart, stacked_chart};
use crate::css::CSS;
use crate::doc::{Block, Chart, Document, Section, Table};
use crate::svg::esc;

/// A picture placed in its own section after the title page (the network, a care map).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The section's anchor.
    pub id: String,
    /// The section's heading.
    pub title: String,
    /// The inline SVG.
    pub svg: String,
    /// What the picture shows.
    pub caption: String,
}

/// Renders a document as one self-contained HTML page, with `pictures` after the title page.
pub fn render(doc: &Document, pictures: &[Picture]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="caremap"/>
<title>{}</title>
<style>{CSS}</style>
</head>
<body>
"#,
        esc(&doc.title)
    );
    title_page(&mut out, doc, pictures);
    out.push_str("<main>\n");
    for p in pictures {
        let _ = writeln!(
            out,
            r#"<section class="chapter" id="{id}" aria-labelledby="{id}-heading"><h2 id="{id}-heading">{}</h2><figure class="picture">{}<figcaption>{}</figcaption></figure></section>"#,
            esc(&p.title),
            p.svg,
            esc(&p.caption),
            id = esc(&p.id)
        );
    }
    let mut charts = 0;
    for s in &doc.sections {
        section(&mut out, s, &mut charts);
    }
    out.push_str("</main>\n<footer><p>Made with caremap, open-source software for mapping a community's care network. Every figure in this report is computed from the map, never typed in.</p></footer>\n</body>\n</html>\n");
    out
}

fn title_page(out: &mut String, doc: &Document, pictures: &[Picture]) {
    let _ = write!(
        out,
        r#"<header class="title-page"><p class="kicker">Care network report</p><h1>{}</h1><p class="subtitle">{}</p>"#,
        esc(&doc.title),
        esc(&doc.subtitle)
    );
    if !doc.key_figures.is_empty() {
        out.push_str(r#"<ul class="figures" aria-label="Key figures">"#);
        for k in &doc.key_figures {
            let _ = write!(
                out,
                r#"<li><span class="value">{}</span><span class="label">{}</span></li>"#,
                esc(&k.value),
                esc(&k.label)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str(r#"<nav aria-label="Contents"><h2>Contents</h2><ul>"#);
    let entries = pictures
        .iter()
        .map(|p| (&p.id, &p.title))
        .chain(doc.sections.iter().map(|s| (&s.id, &s.title)));
    for (id, title) in entries {
        let _ = write!(
            out,
            r##"<li><a href="#{}">{}</a></li>"##,
            esc(id),
            esc(title)
        );
    }
    out.push_str("</ul></nav></header>\n");
}

fn section(out: &mut String, s: &Section, charts: &mut usize) {
    let _ = writeln!(
        out,
        r#"<section class="chapter" id="{id}" aria-labelledby="{id}-heading"><h2 id="{id}-heading">{}</h2>"#,
        esc(&s.title),
        id = esc(&s.id)
    );
    for b in &s.blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(out, "<h3>{}</h3>", esc(h));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", esc(p));
            }
            Block::Note(n) => {
                let _ = writeln!(out, r#"<p class="note">{}</p>"#, esc(n));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>");
                for i in items {
                    let _ = write!(out, "<li>{}</li>", esc(i));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(out, t),
            Block::Chart(c) => {
                *charts += 1;
                let id = format!("chart-{charts}");
                let svg = match c {
                    Chart::Bars(b) => bar_chart(b, &id),
                    Chart::Stacked(st) => stacked_chart(st, &id),
                };
                let _ = writeln!(out, r#"<figure class="chart">{svg}</figure>"#);
            }
        }
    }
    out.push_str("</section>\n");
}

fn table(out: &mut String, t: &Table) {
    let class = |i: usize| {
        if t.numeric.get(i).copied().unwrap_or(false) {
            r#" class="num""#
        } else {
            ""
        }
    };
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table><caption>{}</caption><thead><tr>"#,
        esc(&t.caption)
    );
    for (i, h) in t.headers.iter().enumerate() {
        let _ = write!(out, r#"<th scope="col"{}>{}</th>"#, class(i), esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), esc(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
}
