//! Plain text rendering of a [`Document`]: one paragraph per line (so a terminal or an editor
//! wraps it), tables with aligned columns, charts as rows of `#` bars.

use crate::doc::{BarChart, Block, Chart, Document, StackedChart, Table};

/// The widest bar drawn, in characters.
const BAR_WIDTH: f64 = 30.0;

/// Renders a document as plain text.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    underline(&mut out, &doc.title, '=');
    out.push_str(&doc.subtitle);
    out.push_str("\n\n");
    if !doc.key_figures.is_empty() {
        let width = doc
            .key_figures
            .iter()
            .map(|k| k.value.chars().count())
            .max()
            .unwrap_or(0);
        for k in &doc.key_figures {
            out.push_str(&format!("  {:>width$}  {}\n", k.value, k.label));
        }
        out.push('\n');
    }
    for section in &doc.sections {
        out.push('\n');
        underline(&mut out, &section.title, '=');
        for block in &section.blocks {
            block_text(&mut out, block);
        }
    }
    out
}

fn underline(out: &mut String, title: &str, mark: char) {
    out.push_str(title);
    out.push('\n');
    out.extend(std::iter::repeat_n(mark, title.chars().count()));
    out.push_str("\n\n");
}

fn block_text(out: &mut String, block: &Block) {
    match block {
        Block::Heading(h) => underline(out, h, '-'),
        Block::Paragraph(p) => {
            out.push_str(p);
            out.push_str("\n\n");
        }
        Block::Note(n) => {
            out.push_str("Note: ");
            out.push_str(n);
            out.push_str("\n\n");
        }
        Block::Bullets(items) => {
            for item in items {
                out.push_str("  - ");
                out.push_str(item);
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t),
        Block::Chart(Chart::Bars(b)) if b.in_text => bars(out, b),
        Block::Chart(Chart::Bars(_)) => {}
        Block::Chart(Chart::Stacked(s)) => stacked(out, s),
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str(&t.caption);
    out.push('\n');
    let columns = t.headers.len();
    let mut widths: Vec<usize> = t.headers.iter().map(|h| h.chars().count()).collect();
    for row in &t.rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = (0..columns)
            .map(|i| {
                let cell = cells.get(i).map_or("", String::as_str);
                pad(cell, widths[i], t.numeric.get(i).copied().unwrap_or(false))
            })
            .collect();
        format!("  {}", parts.join("  ").trim_end())
    };
    out.push_str(&line(&t.headers));
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&format!("  {}\n", rule.join("  ")));
    for row in &t.rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out.push('\n');
}

fn pad(cell: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.chars().count()));
    if right {
        format!("{fill}{cell}")
    } else {
        format!("{cell}{fill}")
    }
}

fn bars(out: &mut String, b: &BarChart) {
    out.push_str(&format!("{} ({})\n", b.title, b.unit));
    let label_width = b
        .bars
        .iter()
        .map(|x| x.label.chars().count())
        .max()
        .unwrap_or(0);
    let max = b.bars.iter().map(|x| x.value).fold(0.0, f64::max);
    for bar in &b.bars {
        let length = if max > 0.0 {
            (bar.value / max * BAR_WIDTH).round() as usize
        } else {
            0
        };
        let drawn = if bar.value > 0.0 { length.max(1) } else { 0 };
        out.push_str(&format!(
            "  {}  {}{} {}\n",
            pad(&bar.label, label_width, false),
            "#".repeat(drawn),
            " ".repeat(BAR_WIDTH as usize - drawn.min(BAR_WIDTH as usize)),
            bar.display
        ));
    }
    out.push('\n');
}

fn stacked(out: &mut String, s: &StackedChart) {
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
        cells.extend(row.values.iter().map(|v| crate::words::int(*v)));
        cells.push(crate::words::int(row.values.iter().sum()));
        t.row(cells);
    }
    table(out, &t);
}
