//! Markdown rendering of a [`Document`]: a heading per chapter, tables as pipe tables, charts
//! as tables of their figures. Text from the map (labels) is escaped so it stays text.

use crate::doc::{Block, Chart, Document, Table};
use crate::words::int;

/// Renders a document as Markdown (CommonMark with pipe tables).
pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n{}\n\n", esc(&doc.title), esc(&doc.subtitle));
    for k in &doc.key_figures {
        out.push_str(&format!("- **{}** {}\n", esc(&k.value), esc(&k.label)));
    }
    if !doc.key_figures.is_empty() {
        out.push('\n');
    }
    for section in &doc.sections {
        out.push_str(&format!("## {}\n\n", esc(&section.title)));
        for block in &section.blocks {
            block_md(&mut out, block);
        }
    }
    out
}

/// Escapes Markdown's special characters so text from the map reads as written; `<` and `>`
/// are escaped too so a label can never become raw HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn block_md(out: &mut String, block: &Block) {
    match block {
        Block::Heading(h) => out.push_str(&format!("### {}\n\n", esc(h))),
        Block::Paragraph(p) => out.push_str(&format!("{}\n\n", esc(p))),
        Block::Note(n) => out.push_str(&format!("> {}\n\n", esc(n))),
        Block::Bullets(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", esc(item)));
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t),
        Block::Chart(Chart::Bars(b)) if !b.in_text => {}
        Block::Chart(Chart::Bars(b)) => {
            let mut t = Table::new(b.title.clone(), &["", "#"]);
            t.headers = vec![String::new(), b.unit.clone()];
            for bar in &b.bars {
                t.row(vec![bar.label.clone(), bar.display.clone()]);
            }
            table(out, &t);
        }
        Block::Chart(Chart::Stacked(s)) => {
            let mut t = Table::new(format!("{} ({})", s.title, s.unit), &[]);
            t.headers = std::iter::once(String::new())
                .chain(s.series.iter().map(|x| x.label.clone()))
                .chain(std::iter::once("total".to_string()))
                .collect();
            t.numeric = std::iter::once(false)
                .chain(std::iter::repeat_n(true, s.series.len() + 1))
                .collect();
            for row in &s.rows {
                let mut cells = vec![row.label.clone()];
                cells.extend(row.values.iter().map(|v| int(*v)));
                cells.push(int(row.values.iter().sum()));
                t.row(cells);
            }
            table(out, &t);
        }
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str(&format!("**{}**\n\n", esc(&t.caption)));
    let cells = |row: &[String]| -> String {
        let parts: Vec<String> = (0..t.headers.len())
            .map(|i| esc(row.get(i).map_or("", String::as_str)))
            .collect();
        format!("| {} |\n", parts.join(" | "))
    };
    out.push_str(&cells(&t.headers));
    let align: Vec<&str> = (0..t.headers.len())
        .map(|i| {
            if t.numeric.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for row in &t.rows {
        out.push_str(&cells(row));
    }
    out.push('\n');
}
