//! Reading GEXF 1.2 and 1.3, streaming: `<meta>`, attribute declarations, and each `<node>` and
//! `<edge>` are read whole, one at a time.

use std::collections::HashSet;

use indexmap::IndexMap;

use caremap_core::{Direction, Warning};

use super::NAMESPACES;
use crate::attrs::assemble::assemble;
use crate::attrs::lists::parse_gephi_list;
use crate::attrs::read::{
    check_defaults, drawing_warning, name_from_file, place, single_input, ConnectionDraft,
    ElementDraft, MapInfo,
};
use crate::attrs::values::parse_number;
use crate::attrs::{classify, Class, Field, Meaning, Value};
use crate::xml::{vocabulary, Event, Node, Tag, XmlReader};

mod time;
use crate::{FormatError, Input, Limits, ReadOutcome};

/// A declared attribute: what it means and how its values are written.
struct Declared {
    title: String,
    meaning: Meaning,
    list: bool,
    default: Option<String>,
}

struct Reader<'a> {
    file: &'a str,
    limits: &'a Limits,
    warnings: Vec<Warning>,
    info: MapInfo,
    declared: IndexMap<(bool, String), Declared>,
    default_direction: Direction,
    numeric_time: bool,
    elements: Vec<ElementDraft>,
    connections: Vec<ConnectionDraft>,
    by_caremap: bool,
    saw_drawing: bool,
    said: HashSet<&'static str>,
    defaulted: usize,
}

pub(super) fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let mut warnings = Vec::new();
    let input = single_input(inputs, "GEXF", &mut warnings)?;
    let mut st = Reader {
        file: input.name,
        limits,
        warnings,
        info: MapInfo::default(),
        declared: IndexMap::new(),
        default_direction: Direction::Directed,
        numeric_time: false,
        elements: Vec::new(),
        connections: Vec::new(),
        by_caremap: false,
        saw_drawing: false,
        said: HashSet::new(),
        defaulted: 0,
    };
    let mut xml = XmlReader::new(input.name, input.bytes, limits);
    // Anything but a <gexf> document (a CSV, an HTML page) is refused here, not read as an
    // empty map.
    let root = xml.root("GEXF", "gexf")?;
    st.check_namespace(&root);
    let mut path: Vec<String> = vec![root.local];
    loop {
        match xml.next()? {
            Event::Start(tag) => {
                let parent = path.last().map(String::as_str);
                match (tag.local.as_str(), parent) {
                    (other, None) => {
                        return Err(FormatError::invalid(
                            xml.place(tag.line),
                            format!(
                                "<{other}> follows the end of <gexf>: a GEXF file holds one \
                                 <gexf> element and nothing after it"
                            ),
                        ))
                    }
                    ("meta", Some("gexf")) => {
                        let node = xml.subtree(tag)?;
                        st.meta(&node);
                    }
                    ("graph", Some("gexf")) => {
                        st.graph(&tag);
                        path.push(tag.local);
                    }
                    ("attributes", Some("graph")) => {
                        let node = xml.subtree(tag)?;
                        st.declare(&node);
                    }
                    ("node", Some("nodes")) => {
                        let node = xml.subtree(tag)?;
                        st.node(&node)?;
                    }
                    ("edge", Some("edges")) => {
                        let node = xml.subtree(tag)?;
                        st.edge(&node)?;
                    }
                    _ => path.push(tag.local),
                }
            }
            Event::End => {
                path.pop();
            }
            Event::Text(_) => {}
            Event::Eof => break,
        }
    }
    if st.saw_drawing && !st.by_caremap {
        st.warnings.push(drawing_warning(st.file));
    }
    let mut warnings = st.warnings;
    let network = assemble(
        st.file,
        &name_from_file(st.file),
        st.info,
        st.elements,
        st.connections,
        &mut warnings,
    );
    Ok(ReadOutcome { network, warnings })
}

impl Reader<'_> {
    fn at(&self, line: usize) -> String {
        place(self.file, format!("line {line}"))
    }

    fn once(&mut self, key: &'static str, line: usize, message: String) {
        if self.said.insert(key) {
            let at = self.at(line);
            self.warnings.push(Warning::new(at, message));
        }
    }

    fn check_namespace(&mut self, tag: &Tag) {
        if let Some(ns) = &tag.ns {
            if !NAMESPACES.contains(&ns.as_str()) {
                self.once(
                    "namespace",
                    tag.line,
                    format!(
                        "the GEXF namespace '{ns}' is not one caremap knows (1.2draft or 1.3): \
                         read as GEXF 1.3"
                    ),
                );
            }
        }
    }

    fn meta(&mut self, meta: &Node) {
        for child in &meta.children {
            match child.tag.local.as_str() {
                "creator" => self.by_caremap = child.text.trim().starts_with("caremap"),
                "title" if !child.text.trim().is_empty() => {
                    self.info.name = Some(child.text.clone())
                }
                "description" => self.info.description = child.text.clone(),
                _ if vocabulary::is_block(child) => {
                    vocabulary::read(child, &mut self.info, self.file, &mut self.warnings)
                }
                _ => {}
            }
        }
    }

    fn graph(&mut self, tag: &Tag) {
        if let Some(t) = tag.attr("defaultedgetype") {
            match Direction::parse(t) {
                Some(d) => self.default_direction = d,
                None => self.once(
                    "edgetype",
                    tag.line,
                    format!("defaultedgetype '{t}' is not directed, undirected or mutual: edges are read as directed"),
                ),
            }
        }
        let format = tag.attr("timeformat").unwrap_or("").to_ascii_lowercase();
        self.numeric_time = matches!(format.as_str(), "double" | "integer" | "float" | "long");
    }

    fn declare(&mut self, attributes: &Node) {
        let is_edge = attributes.tag.attr("class") == Some("edge");
        let class = if is_edge {
            Class::Connection
        } else {
            Class::Element
        };
        for a in attributes.children_named("attribute") {
            let Some(id) = a.tag.attr("id") else { continue };
            let title = a
                .tag
                .attr("title")
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(id);
            let kind = a.tag.attr("type").unwrap_or("string").to_ascii_lowercase();
            self.declared.insert(
                (is_edge, id.to_string()),
                Declared {
                    title: title.to_string(),
                    meaning: classify(title, class),
                    list: kind.starts_with("list"),
                    default: a.child("default").map(|d| d.text.clone()),
                },
            );
        }
    }

    fn count(&mut self, line: usize) -> Result<(), FormatError> {
        let rows = self.elements.len() + self.connections.len() + 1;
        self.limits.check_rows(&self.at(line), rows)
    }

    /// The attribute values of a node or edge: (name as written, meaning, value), declared
    /// defaults filling in what is missing.
    fn values(
        &mut self,
        item: &Node,
        is_edge: bool,
    ) -> Result<Vec<(String, Meaning, Value)>, FormatError> {
        let class = if is_edge {
            Class::Connection
        } else {
            Class::Element
        };
        // By title, so that a value given again (over time) replaces the earlier one.
        let mut out: IndexMap<String, (Meaning, Value)> = IndexMap::new();
        let mut given: HashSet<String> = HashSet::new();
        for list in item.children_named("attvalues") {
            for v in list.children_named("attvalue") {
                let Some(key) = v.tag.attr("for").or_else(|| v.tag.attr("id")) else {
                    continue;
                };
                let raw = v.tag.attr("value").unwrap_or("");
                if v.tag.attr("start").is_some() || v.tag.attr("end").is_some() {
                    self.once(
                        "dynamic values",
                        v.tag.line,
                        "attribute values that change over time: caremap keeps the last one".into(),
                    );
                }
                let (title, meaning, list) = match self.declared.get(&(is_edge, key.to_string())) {
                    Some(d) => (d.title.clone(), d.meaning.clone(), d.list),
                    None => {
                        self.once(
                            "undeclared",
                            v.tag.line,
                            format!("attvalue for '{key}' names no declared attribute: kept as custom field '{key}'"),
                        );
                        (key.to_string(), classify(key, class), false)
                    }
                };
                given.insert(key.to_string());
                let value = decode(raw, list || meaning.is_list());
                out.insert(title, (meaning, value));
            }
        }
        for ((edge, id), d) in &self.declared {
            if *edge == is_edge && !given.contains(id) {
                if let Some(default) = &d.default {
                    // A small file must not make a huge map: defaults count against the rows.
                    self.defaulted += 1;
                    check_defaults(self.limits, &self.at(item.tag.line), self.defaulted)?;
                    let value = decode(default, d.list || d.meaning.is_list());
                    out.insert(d.title.clone(), (d.meaning.clone(), value));
                }
            }
        }
        Ok(out.into_iter().map(|(t, (m, v))| (t, m, v)).collect())
    }

    fn drawing(&mut self, item: &Node) -> Option<(f64, f64)> {
        let mut position = None;
        for child in &item.children {
            match child.tag.local.as_str() {
                "position" => {
                    let x = child.tag.attr("x").and_then(parse_number);
                    let y = child.tag.attr("y").and_then(parse_number);
                    match (x, y) {
                        (Some(x), Some(y)) => position = Some((x, y)),
                        _ => self.once(
                            "position",
                            child.tag.line,
                            "a viz:position without numeric x and y: left out".into(),
                        ),
                    }
                }
                "color" | "size" | "shape" | "thickness" => self.saw_drawing = true,
                _ => {}
            }
        }
        position
    }

    fn node(&mut self, node: &Node) -> Result<(), FormatError> {
        self.count(node.tag.line)?;
        let id = node.tag.attr("id").unwrap_or("");
        let mut d = ElementDraft::new(id, self.at(node.tag.line));
        let mut values = Vec::new();
        if let Some(label) = node.tag.attr("label") {
            values.push((
                "label".to_string(),
                Meaning::Own(Field::Label),
                Value::One(label.into()),
            ));
        }
        values.extend(self.period_values(node));
        values.extend(self.values(node, false)?);
        for (name, meaning, value) in values {
            if let Some(w) = d.apply(&name, &meaning, value) {
                self.warnings.push(Warning::new(d.place.clone(), w));
            }
        }
        if let Some((x, y)) = self.drawing(node) {
            d.set_position(x, y);
        }
        self.elements.push(d);
        // A hierarchy (nodes inside a node) is read flat.
        for inner in node
            .children_named("nodes")
            .flat_map(|n| n.children_named("node"))
        {
            self.once(
                "hierarchy",
                inner.tag.line,
                "nodes inside nodes (a hierarchy) are read as plain nodes".into(),
            );
            self.node(inner)?;
        }
        Ok(())
    }

    fn edge(&mut self, edge: &Node) -> Result<(), FormatError> {
        self.count(edge.tag.line)?;
        let at = self.at(edge.tag.line);
        let id = edge.tag.attr("id").unwrap_or("");
        let (Some(source), Some(target)) = (edge.tag.attr("source"), edge.tag.attr("target"))
        else {
            self.warnings.push(Warning::new(
                at,
                format!("edge '{id}' lacks a source or a target: edge skipped"),
            ));
            return Ok(());
        };
        let mut d = ConnectionDraft::new(id, source, target, at);
        let direction = match edge.tag.attr("type") {
            Some(t) => Direction::parse(t).unwrap_or_else(|| {
                self.warnings.push(Warning::new(
                    d.place.clone(),
                    format!("edge type '{t}' is not directed, undirected or mutual: read as the graph's default"),
                ));
                self.default_direction
            }),
            None => self.default_direction,
        };
        d.set_native_direction(direction);
        let mut values = Vec::new();
        for (attr, field) in [
            ("label", Field::Label),
            ("kind", Field::Kind),
            ("weight", Field::Weight),
        ] {
            if let Some(v) = edge.tag.attr(attr) {
                values.push((attr.to_string(), Meaning::Own(field), Value::One(v.into())));
            }
        }
        values.extend(self.period_values(edge));
        values.extend(self.values(edge, true)?);
        for (name, meaning, value) in values {
            if let Some(w) = d.apply(&name, &meaning, value) {
                self.warnings.push(Warning::new(d.place.clone(), w));
            }
        }
        self.drawing(edge);
        self.connections.push(d);
        Ok(())
    }
}

fn decode(raw: &str, list: bool) -> Value {
    if list {
        Value::Many(parse_gephi_list(raw))
    } else {
        Value::One(raw.to_string())
    }
}
