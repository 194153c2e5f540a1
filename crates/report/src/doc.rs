//! The document model: one report, written once, rendered as text, Markdown and HTML.
//!
//! A [`Document`] is a title, a few key figures and chapters ([`Section`]s); a section is a list
//! of [`Block`]s: plain sentences, lists, tables and charts. Every sentence carries its figures,
//! so a renderer never has to invent words.

use serde::Serialize;

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The title (the map's name, or the subject of the report).
    pub title: String,
    /// A line under the title: what the report is and the date it describes.
    pub subtitle: String,
    /// The headline figures shown on the title page.
    pub key_figures: Vec<KeyFigure>,
    /// The chapters, in order.
    pub sections: Vec<Section>,
}

/// One headline figure: a value and what it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigure {
    /// The figure as shown: "45", "10.2%".
    pub value: String,
    /// What it counts: "elements", "of connections are generative".
    pub label: String,
}

impl KeyFigure {
    /// A figure and its label.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        KeyFigure {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A chapter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// A stable anchor: "membership", "care-wealth".
    pub id: String,
    /// The heading: "1. Who is in the network".
    pub title: String,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

impl Section {
    /// An empty section.
    pub fn new(id: &str, title: &str) -> Self {
        Section {
            id: id.to_string(),
            title: title.to_string(),
            blocks: Vec::new(),
        }
    }

    /// Adds a sub-heading.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    /// Adds a paragraph of one or more sentences.
    pub fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    /// Adds a note on what was counted and how.
    pub fn note(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Note(text.into()));
    }

    /// Adds a bulleted list; an empty list adds nothing.
    pub fn bullets(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(items));
        }
    }

    /// Adds a table; a table without rows adds nothing.
    pub fn table(&mut self, table: Table) {
        if !table.rows.is_empty() {
            self.blocks.push(Block::Table(table));
        }
    }

    /// Adds a chart; a chart with nothing to draw adds nothing.
    pub fn chart(&mut self, chart: Chart) {
        if !chart.is_empty() {
            self.blocks.push(Block::Chart(chart));
        }
    }
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
pub enum Block {
    /// A sub-heading within the chapter.
    Heading(String),
    /// Plain sentences with their figures.
    Paragraph(String),
    /// What was counted and how (shown smaller in HTML).
    Note(String),
    /// A bulleted list of sentences.
    Bullets(Vec<String>),
    /// A table.
    Table(Table),
    /// A chart (drawn as SVG in HTML, as a table or bars in text).
    Chart(Chart),
}

/// A table of figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// What the table shows, in a sentence.
    pub caption: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// For each column, whether it holds numbers (aligned right).
    pub numeric: Vec<bool>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns; a heading starting with `#` marks a numeric column (the `#`
    /// is dropped).
    pub fn new(caption: impl Into<String>, headers: &[&str]) -> Self {
        Table {
            caption: caption.into(),
            headers: headers
                .iter()
                .map(|h| h.trim_start_matches('#').to_string())
                .collect(),
            numeric: headers.iter().map(|h| h.starts_with('#')).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// A chart: what it shows and the figures to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Chart {
    /// One bar per item.
    Bars(BarChart),
    /// One bar per row, split into coloured segments.
    Stacked(StackedChart),
}

impl Chart {
    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        match self {
            Chart::Bars(b) => b.bars.is_empty(),
            Chart::Stacked(s) => s.rows.is_empty(),
        }
    }

    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::Bars(b) => &b.title,
            Chart::Stacked(s) => &s.title,
        }
    }
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarChart {
    /// The title: "Elements by category".
    pub title: String,
    /// What the values count, shown under the axis: "elements".
    pub unit: String,
    /// The bars, in the order drawn.
    pub bars: Vec<Bar>,
    /// Coloured keys to explain the bar colours (empty when one colour says it all).
    pub legend: Vec<LegendItem>,
    /// Whether text and Markdown show it (as bars or a table); false when a table next to it
    /// already gives the same figures.
    pub in_text: bool,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// What the bar is.
    pub label: String,
    /// Its length.
    pub value: f64,
    /// The value as written at the end of the bar: "12 (26.7%)".
    pub display: String,
    /// Its fill colour (`#rrggbb`).
    pub colour: String,
}

/// A colour and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendItem {
    /// What the colour stands for.
    pub label: String,
    /// The colour (`#rrggbb`).
    pub colour: String,
}

/// A stacked horizontal bar chart, one bar per row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StackedChart {
    /// The title: "Connections of each care team by status".
    pub title: String,
    /// What the values count: "connections".
    pub unit: String,
    /// The series (segments), in stacking order, with their colours.
    pub series: Vec<LegendItem>,
    /// The rows.
    pub rows: Vec<StackedRow>,
}

/// One stacked bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StackedRow {
    /// What the bar is.
    pub label: String,
    /// One value per series.
    pub values: Vec<usize>,
}
