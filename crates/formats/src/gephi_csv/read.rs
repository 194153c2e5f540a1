//! Reading Gephi's node and edge tables, from caremap, Gephi or a spreadsheet.

use std::collections::HashSet;

use caremap_core::{Direction, Warning};

use super::restore;
use crate::attrs::assemble::assemble;
use crate::attrs::lists::pipe_split;
use crate::attrs::read::{
    drawing_warning, name_from_file, place, ConnectionDraft, ElementDraft, MapInfo,
};
use crate::attrs::{classify, Class, Field, Meaning, Value};
use crate::{FormatError, Input, Limits, ReadOutcome};

#[derive(Default)]
struct Tables {
    warnings: Vec<Warning>,
    elements: Vec<ElementDraft>,
    connections: Vec<ConnectionDraft>,
    node_tables: usize,
    edge_tables: usize,
    rows: usize,
    saw_drawing: bool,
}

/// Which table a header starts, and where its own columns are.
enum Kind {
    Nodes { id: usize, label: Option<usize> },
    Edges { source: usize, target: usize },
}

pub(super) fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let Some(first) = inputs.first() else {
        return Err(FormatError::invalid("", "no file was given"));
    };
    let mut t = Tables::default();
    for input in inputs {
        t.table(input, limits)?;
    }
    if t.node_tables + t.edge_tables == 0 {
        // Only empty files: not an empty map, which would replace a map with nothing.
        let names: Vec<&str> = inputs.iter().map(|i| i.name).collect();
        let what = if names.len() == 1 {
            "the file is empty"
        } else {
            "the files are empty"
        };
        return Err(FormatError::invalid(
            names.join(", "),
            format!(
                "{what}: a Gephi node table starts with a header row naming Id, an edge table \
                 with one naming Source and Target"
            ),
        ));
    }
    if t.node_tables == 0 {
        t.nodes_from_edges(first.name);
    }
    if t.saw_drawing {
        t.warnings.push(drawing_warning(first.name));
    }
    let mut warnings = t.warnings;
    let network = assemble(
        first.name,
        &name_from_file(first.name),
        MapInfo::default(),
        t.elements,
        t.connections,
        &mut warnings,
    );
    Ok(ReadOutcome { network, warnings })
}

/// The separator of the header line: the most frequent of comma, semicolon and tab.
fn separator(bytes: &[u8]) -> u8 {
    let line = bytes.split(|b| *b == b'\n').next().unwrap_or(bytes);
    let count = |c: u8| line.iter().filter(|b| **b == c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|c| (count(*c), *c == b','))
        .unwrap_or(b',')
}

fn csv_error(file: &str, e: &csv::Error) -> FormatError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let at = if line > 0 {
        place(file, format!("line {line}"))
    } else {
        file.to_string()
    };
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not valid UTF-8: save the file as UTF-8 CSV".to_string()
        }
        _ => format!("the CSV cannot be read: {e}"),
    };
    FormatError::invalid(at, message)
}

impl Tables {
    fn table(&mut self, input: &Input, limits: &Limits) -> Result<(), FormatError> {
        let file = input.name;
        let bytes = input
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(input.bytes);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator(bytes))
            .flexible(true)
            .has_headers(false)
            .from_reader(bytes);
        let mut records = reader.records();
        let header = match records.next() {
            None => {
                self.warnings
                    .push(Warning::new(file, "the file is empty: nothing read"));
                return Ok(());
            }
            Some(r) => r.map_err(|e| csv_error(file, &e))?,
        };
        for h in header.iter() {
            limits.check_field(&place(file, "row 1"), h.len())?;
        }
        let names: Vec<String> = header
            .iter()
            .map(|h| restore(h.trim()).to_string())
            .collect();
        let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let pos = |n: &str| lower.iter().position(|h| h == n);
        let kind =
            match (pos("source"), pos("target"), pos("id")) {
                (Some(source), Some(target), _) => Kind::Edges { source, target },
                (_, _, Some(id)) => Kind::Nodes {
                    id,
                    label: pos("label"),
                },
                _ => return Err(FormatError::invalid(
                    place(file, "row 1"),
                    "the header names neither Id (a node table) nor Source and Target (an edge \
                     table)",
                )),
            };
        match kind {
            Kind::Nodes { .. } => self.node_tables += 1,
            Kind::Edges { .. } => self.edge_tables += 1,
        }
        for (i, record) in records.enumerate() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let at = place(file, format!("row {}", i + 2));
            self.rows += 1;
            limits.check_rows(&at, self.rows)?;
            let mut cells = Vec::with_capacity(record.len());
            for c in record.iter() {
                limits.check_field(&at, c.len())?;
                cells.push(restore(c));
            }
            match kind {
                Kind::Nodes { id, label } => self.node(&names, &cells, id, label, at),
                Kind::Edges { source, target } => {
                    self.edge(&names, &lower, &cells, source, target, at)
                }
            }
        }
        Ok(())
    }

    fn apply_rest<F>(
        &mut self,
        names: &[String],
        cells: &[&str],
        skip: &[usize],
        class: Class,
        at: &str,
        mut apply: F,
    ) where
        F: FnMut(&str, &Meaning, Value) -> Option<String>,
    {
        for (j, raw) in cells.iter().enumerate() {
            if skip.contains(&j) || raw.is_empty() {
                continue;
            }
            let Some(name) = names.get(j) else {
                self.warnings.push(Warning::new(
                    at,
                    format!("the row has more cells than the header has columns: '{raw}' left out"),
                ));
                continue;
            };
            let meaning = classify(name, class);
            if meaning == Meaning::Drawing {
                self.saw_drawing = true;
                continue;
            }
            let value = if meaning.is_list() {
                Value::Many(pipe_split(raw))
            } else {
                Value::One(raw.to_string())
            };
            if let Some(w) = apply(name, &meaning, value) {
                self.warnings.push(Warning::new(at, w));
            }
        }
    }

    fn node(
        &mut self,
        names: &[String],
        cells: &[&str],
        id: usize,
        label: Option<usize>,
        at: String,
    ) {
        let mut d = ElementDraft::new(cells.get(id).copied().unwrap_or(""), at.clone());
        if let Some(l) = label.and_then(|l| cells.get(l)) {
            d.apply(
                "Label",
                &Meaning::Own(Field::Label),
                Value::One(l.to_string()),
            );
        }
        let skip: Vec<usize> = std::iter::once(id).chain(label).collect();
        self.apply_rest(names, cells, &skip, Class::Element, &at, |k, m, v| {
            d.apply(k, m, v)
        });
        self.elements.push(d);
    }

    fn edge(
        &mut self,
        names: &[String],
        lower: &[String],
        cells: &[&str],
        source: usize,
        target: usize,
        at: String,
    ) {
        let get = |j: Option<usize>| j.and_then(|j| cells.get(j)).copied().unwrap_or("");
        let pos = |n: &str| lower.iter().position(|h| h == n);
        let (from, to) = (get(Some(source)), get(Some(target)));
        if from.is_empty() || to.is_empty() {
            self.warnings.push(Warning::new(
                at,
                "the row has no Source or no Target: edge skipped",
            ));
            return;
        }
        let (id, label, kind, weight) = (pos("id"), pos("label"), pos("type"), pos("weight"));
        let mut d = ConnectionDraft::new(get(id), from, to, at.clone());
        d.set_native_direction(Direction::Directed);
        let written = get(kind);
        if !written.is_empty() {
            match Direction::parse(written) {
                Some(dir) => d.set_native_direction(dir),
                None => {
                    // Not a direction: a relationship type, as Kumu users write it.
                    d.apply(
                        "Type",
                        &Meaning::Own(Field::Kind),
                        Value::One(written.into()),
                    );
                }
            }
        }
        for (j, field) in [(label, Field::Label), (weight, Field::Weight)] {
            let v = get(j);
            if !v.is_empty() {
                if let Some(w) = d.apply(
                    &names[j.unwrap_or(0)],
                    &Meaning::Own(field),
                    Value::One(v.into()),
                ) {
                    self.warnings.push(Warning::new(at.clone(), w));
                }
            }
        }
        let skip: Vec<usize> = [Some(source), Some(target), id, label, kind, weight]
            .into_iter()
            .flatten()
            .collect();
        self.apply_rest(names, cells, &skip, Class::Connection, &at, |k, m, v| {
            d.apply(k, m, v)
        });
        self.connections.push(d);
    }

    /// Gephi makes the nodes of an edge table that comes alone; so does caremap, saying so.
    fn nodes_from_edges(&mut self, file: &str) {
        let mut seen = HashSet::new();
        for c in &self.connections {
            for end in [&c.connection.from, &c.connection.to] {
                if seen.insert(end.0.clone()) {
                    self.elements
                        .push(ElementDraft::new(end.as_str(), place(file, "edge table")));
                }
            }
        }
        if !seen.is_empty() {
            self.warnings.push(Warning::new(
                file,
                format!(
                    "no node table was given: {} nodes were made from the edges' Source and \
                     Target, labelled by their ids",
                    seen.len()
                ),
            ));
        }
    }
}
