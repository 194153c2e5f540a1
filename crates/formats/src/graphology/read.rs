//! Reading graphology JSON, from caremap, Gephi Lite or any graphology application.

use caremap_core::{CareType, Category, Direction, Sector, Warning};
use serde_json::{Map, Value as Json};

use crate::attrs::assemble::assemble;
use crate::attrs::read::{
    drawing_warning, name_from_file, place, single_input, ConnectionDraft, ElementDraft, MapInfo,
};
use crate::attrs::values::parse_date;
use crate::attrs::{classify, simplify, Class, Meaning, Value};
use crate::json_limits::{check_strings, parse};
use crate::{FormatError, Input, Limits, ReadOutcome};

struct Reader<'a> {
    file: &'a str,
    warnings: Vec<Warning>,
    saw_drawing: bool,
}

pub(super) fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let mut warnings = Vec::new();
    let input = single_input(inputs, "graphology", &mut warnings)?;
    let file = input.name;
    let doc = parse(file, input.bytes)?;
    check_strings(&doc, file, limits)?;
    let Json::Object(doc) = doc else {
        return Err(FormatError::invalid(
            file,
            "a graphology file is a JSON object with \"nodes\" and \"edges\"",
        ));
    };
    check_keys(&doc, file)?;
    let nodes = array(&doc, "nodes", file)?;
    let edges = array(&doc, "edges", file)?;
    limits.check_rows(file, nodes.len() + edges.len())?;

    let mut st = Reader {
        file,
        warnings,
        saw_drawing: false,
    };
    let mut info = MapInfo::default();
    let by_caremap = match doc.get("attributes") {
        Some(Json::Object(a)) => st.graph_attributes(a, &mut info),
        _ => false,
    };
    let undirected_graph = doc
        .get("options")
        .and_then(|o| o.get("type"))
        .and_then(Json::as_str)
        == Some("undirected");

    let mut elements = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        elements.push(st.node(i, node));
    }
    let mut connections = Vec::with_capacity(edges.len());
    for (i, edge) in edges.iter().enumerate() {
        if let Some(d) = st.edge(i, edge, undirected_graph) {
            connections.push(d);
        }
    }
    if st.saw_drawing && !by_caremap {
        st.warnings.push(drawing_warning(file));
    }
    let mut warnings = st.warnings;
    let network = assemble(
        file,
        &name_from_file(file),
        info,
        elements,
        connections,
        &mut warnings,
    );
    Ok(ReadOutcome { network, warnings })
}

/// A JSON object with no `nodes` and no `edges` is some other file, not an empty graph: it is
/// refused, naming the format it looks like when it has another's keys.
fn check_keys(doc: &Map<String, Json>, file: &str) -> Result<(), FormatError> {
    let given = |key: &str| doc.get(key).is_some_and(|v| !v.is_null());
    if given("nodes") || given("edges") {
        return Ok(());
    }
    let hint = if doc.contains_key("caremap") {
        "; it has \"caremap\": is it caremap's own JSON (--format caremap)?"
    } else if doc.contains_key("elements") || doc.contains_key("connections") {
        "; it has \"elements\" or \"connections\": is it Kumu JSON (--format kumu-json)?"
    } else {
        ""
    };
    let found = if doc.is_empty() {
        "the object is empty".to_string()
    } else {
        let keys: Vec<String> = doc.keys().take(5).map(|k| format!("\"{k}\"")).collect();
        let more = if doc.len() > 5 { ", ..." } else { "" };
        format!("its keys are {}{more}", keys.join(", "))
    };
    Err(FormatError::invalid(
        file,
        format!("not graphology JSON: there is no \"nodes\" or \"edges\" list ({found}){hint}"),
    ))
}

fn array<'d>(doc: &'d Map<String, Json>, key: &str, file: &str) -> Result<&'d [Json], FormatError> {
    match doc.get(key) {
        None | Some(Json::Null) => Ok(&[]),
        Some(Json::Array(items)) => Ok(items),
        Some(_) => Err(FormatError::invalid(
            file,
            format!("\"{key}\" must be a list (a JSON array) of {key}"),
        )),
    }
}

/// A JSON scalar as text; `None` for null. Objects are kept as their JSON text.
fn text(v: &Json) -> Option<String> {
    match v {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        Json::Bool(b) => Some(b.to_string()),
        Json::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

fn value(v: &Json) -> Option<Value> {
    match v {
        Json::Array(items) => Some(Value::Many(items.iter().filter_map(text).collect())),
        other => text(other).map(Value::One),
    }
}

/// A key as graphology accepts it: a string or a number.
fn key(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Reader<'_> {
    /// Reads the graph's attributes into `info`; true when caremap wrote the file.
    fn graph_attributes(&mut self, attributes: &Map<String, Json>, info: &mut MapInfo) -> bool {
        let mut by_caremap = false;
        let at = place(self.file, "attributes");
        for (k, v) in attributes {
            match (simplify(k).as_str(), v) {
                ("name" | "title", Json::String(s)) if !s.trim().is_empty() => {
                    info.name = Some(s.clone())
                }
                ("description", Json::String(s)) => info.description = s.clone(),
                ("asof", Json::String(s)) => match parse_date(s) {
                    Some(d) => info.as_of = Some(d),
                    None => self.warnings.push(Warning::new(
                        at.clone(),
                        format!("the map's date '{s}' is not a date (YYYY-MM-DD): left out"),
                    )),
                },
                ("creator", Json::String(s)) => by_caremap = s.starts_with("caremap"),
                ("categories", Json::Array(items)) => {
                    info.categories = Some(items.iter().filter_map(|c| self.category(c)).collect())
                }
                ("caretypes", Json::Array(items)) => {
                    info.care_types = Some(
                        items
                            .iter()
                            .filter_map(|t| {
                                let name = t.get("name")?.as_str()?.trim();
                                let definition = t.get("definition").and_then(Json::as_str);
                                (!name.is_empty())
                                    .then(|| CareType::new(name, definition.unwrap_or("")))
                            })
                            .collect(),
                    )
                }
                (_, Json::Null) => {}
                _ => self.warnings.push(Warning::new(
                    at.clone(),
                    format!("graph attribute '{k}' has no place in a caremap map: not kept"),
                )),
            }
        }
        by_caremap
    }

    fn category(&mut self, c: &Json) -> Option<Category> {
        let name = c.get("name")?.as_str()?.trim();
        if name.is_empty() {
            return None;
        }
        let written = c.get("sector").and_then(Json::as_str).unwrap_or("");
        let sector = Sector::parse(written).unwrap_or_else(|| {
            self.warnings.push(Warning::new(
                place(self.file, "attributes.categories"),
                format!("category '{name}' has sector '{written}', which is not a sector: read as unknown"),
            ));
            Sector::Unknown
        });
        let mut category = Category::new(name, sector);
        category.description = c
            .get("description")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string();
        Some(category)
    }

    fn apply_all<F>(&mut self, attributes: Option<&Json>, class: Class, at: &str, mut apply: F)
    where
        F: FnMut(&str, &Meaning, Value) -> Option<String>,
    {
        let Some(Json::Object(attributes)) = attributes else {
            return;
        };
        for (k, v) in attributes {
            let meaning = classify(k, class);
            if meaning == Meaning::Drawing {
                self.saw_drawing = true;
                continue;
            }
            let Some(value) = value(v) else { continue };
            if let Some(w) = apply(k, &meaning, value) {
                self.warnings.push(Warning::new(at, w));
            }
        }
    }

    fn node(&mut self, i: usize, node: &Json) -> ElementDraft {
        let at = place(self.file, format!("nodes[{i}]"));
        let id = key(node.get("key")).unwrap_or_default();
        let mut d = ElementDraft::new(&id, at.clone());
        self.apply_all(node.get("attributes"), Class::Element, &at, |k, m, v| {
            d.apply(k, m, v)
        });
        d
    }

    fn edge(&mut self, i: usize, edge: &Json, undirected_graph: bool) -> Option<ConnectionDraft> {
        let at = place(self.file, format!("edges[{i}]"));
        let id = key(edge.get("key")).unwrap_or_default();
        let (Some(source), Some(target)) = (key(edge.get("source")), key(edge.get("target")))
        else {
            self.warnings.push(Warning::new(
                at,
                format!("edge '{id}' lacks a source or a target: edge skipped"),
            ));
            return None;
        };
        let mut d = ConnectionDraft::new(&id, &source, &target, at.clone());
        let undirected = edge
            .get("undirected")
            .and_then(Json::as_bool)
            .unwrap_or(undirected_graph);
        d.set_native_direction(if undirected {
            Direction::Undirected
        } else {
            Direction::Directed
        });
        self.apply_all(edge.get("attributes"), Class::Connection, &at, |k, m, v| {
            d.apply(k, m, v)
        });
        Some(d)
    }
}
