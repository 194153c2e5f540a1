//! Reading GraphML, streaming: each `<key>`, `<node>` and `<edge>` is read whole, one at a time.

use std::collections::HashSet;

use caremap_core::{Direction, Warning};
use indexmap::IndexMap;

use super::NAMESPACE;
use crate::attrs::assemble::assemble;
use crate::attrs::lists::pipe_split;
use crate::attrs::read::{
    check_defaults, drawing_warning, name_from_file, place, single_input, ConnectionDraft,
    ElementDraft, MapInfo,
};
use crate::attrs::values::{parse_date, parse_number};
use crate::attrs::{classify, simplify, Class, Field, Meaning, Value};
use crate::xml::{vocabulary, Event, Node, Tag, XmlReader};
use crate::{FormatError, Input, Limits, ReadOutcome};

/// A declared key.
struct Key {
    /// `node`, `edge`, `graph` or `all`.
    for_: String,
    /// `attr.name`; keys without one (yEd's graphics) carry no value caremap reads.
    name: Option<String>,
    default: Option<String>,
}

struct Reader<'a> {
    file: &'a str,
    limits: &'a Limits,
    warnings: Vec<Warning>,
    info: MapInfo,
    keys: IndexMap<String, Key>,
    edge_default: Option<Direction>,
    elements: Vec<ElementDraft>,
    connections: Vec<ConnectionDraft>,
    by_caremap: bool,
    saw_drawing: bool,
    said: HashSet<&'static str>,
    defaulted: usize,
}

pub(super) fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let mut warnings = Vec::new();
    let input = single_input(inputs, "GraphML", &mut warnings)?;
    let mut st = Reader {
        file: input.name,
        limits,
        warnings,
        info: MapInfo::default(),
        keys: IndexMap::new(),
        edge_default: None,
        elements: Vec::new(),
        connections: Vec::new(),
        by_caremap: false,
        saw_drawing: false,
        said: HashSet::new(),
        defaulted: 0,
    };
    let mut xml = XmlReader::new(input.name, input.bytes, limits);
    // Anything but a <graphml> document (a CSV, an HTML page) is refused here, not read as an
    // empty map.
    let root = xml.root("GraphML", "graphml")?;
    st.note_namespace(&root);
    let mut path: Vec<String> = vec![root.local];
    loop {
        let tag = match xml.next()? {
            Event::Start(tag) => tag,
            Event::End => {
                path.pop();
                continue;
            }
            Event::Text(_) => continue,
            Event::Eof => break,
        };
        st.note_namespace(&tag);
        let parent = path.last().map(String::as_str);
        match (tag.local.as_str(), parent) {
            (other, None) => {
                return Err(FormatError::invalid(
                    xml.place(tag.line),
                    format!(
                        "<{other}> follows the end of <graphml>: a GraphML file holds one \
                         <graphml> element and nothing after it"
                    ),
                ))
            }
            ("key", Some("graphml")) => {
                let node = xml.subtree(tag)?;
                st.declare(&node);
            }
            ("graph", Some("graphml")) => {
                st.graph(&tag);
                path.push(tag.local);
            }
            ("data", Some("graph")) => {
                let node = xml.subtree(tag)?;
                st.graph_data(&node);
            }
            ("node", Some("graph")) => {
                let node = xml.subtree(tag)?;
                st.node(&node)?;
            }
            ("edge", Some("graph")) => {
                let node = xml.subtree(tag)?;
                st.edge(&node)?;
            }
            ("hyperedge", Some("graph")) => {
                let node = xml.subtree(tag)?;
                st.once(
                    "hyperedge",
                    node.tag.line,
                    "hyperedges (edges joining more than two nodes) have no place in a caremap map: skipped".into(),
                );
            }
            _ => path.push(tag.local),
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

    /// Elements in a namespace that is neither GraphML's nor caremap's (yEd's graphics, say)
    /// are ignored, with one warning for the file.
    fn note_namespace(&mut self, tag: &Tag) {
        if let Some(ns) = &tag.ns {
            if ns != NAMESPACE && ns != vocabulary::CAREMAP_NS {
                self.once(
                    "namespace",
                    tag.line,
                    format!(
                        "elements in the namespace '{ns}' (such as <{}>) are not GraphML: \
                         ignored (drawing details of yEd and other editors are not kept)",
                        tag.local
                    ),
                );
            }
        }
    }

    fn note_namespaces(&mut self, node: &Node) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            self.note_namespace(&n.tag);
            stack.extend(n.children.iter());
        }
    }

    fn declare(&mut self, key: &Node) {
        self.note_namespaces(key);
        let Some(id) = key.tag.attr("id") else { return };
        self.keys.insert(
            id.to_string(),
            Key {
                for_: key.tag.attr("for").unwrap_or("all").to_string(),
                name: key.tag.attr("attr.name").map(String::from),
                default: key.child("default").map(|d| d.text.clone()),
            },
        );
    }

    fn graph(&mut self, tag: &Tag) {
        if self.edge_default.is_some() {
            return;
        }
        let direction = match tag.attr("edgedefault") {
            Some(t) if t.eq_ignore_ascii_case("undirected") => Direction::Undirected,
            Some(t) if !t.eq_ignore_ascii_case("directed") => {
                self.once(
                    "edgedefault",
                    tag.line,
                    format!("edgedefault '{t}' is not directed or undirected: read as directed"),
                );
                Direction::Directed
            }
            _ => Direction::Directed,
        };
        self.edge_default = Some(direction);
    }

    fn graph_data(&mut self, data: &Node) {
        self.note_namespaces(data);
        if let Some(block) = data.children.iter().find(|c| vocabulary::is_block(c)) {
            self.by_caremap = true;
            vocabulary::read(block, &mut self.info, self.file, &mut self.warnings);
            return;
        }
        let key = data.tag.attr("key").unwrap_or("");
        let name = self
            .keys
            .get(key)
            .and_then(|k| k.name.clone())
            .unwrap_or_else(|| key.to_string());
        match simplify(&name).as_str() {
            "name" | "title" | "label" if !data.text.trim().is_empty() => {
                self.info.name = Some(data.text.clone())
            }
            "description" => self.info.description = data.text.clone(),
            "asof" => match parse_date(&data.text) {
                Some(d) => self.info.as_of = Some(d),
                None => self.warnings.push(Warning::new(
                    self.at(data.tag.line),
                    format!(
                        "the map's date '{}' is not a date: left out",
                        data.text.trim()
                    ),
                )),
            },
            _ if data.text.trim().is_empty() => {}
            _ => self.warnings.push(Warning::new(
                self.at(data.tag.line),
                format!("graph data '{name}' has no place in a caremap map: not kept"),
            )),
        }
    }

    fn count(&mut self, line: usize) -> Result<(), FormatError> {
        let rows = self.elements.len() + self.connections.len() + 1;
        self.limits.check_rows(&self.at(line), rows)
    }

    /// The values of a node's or edge's `<data>`, with declared defaults for what is missing.
    fn values(
        &mut self,
        item: &Node,
        class: Class,
    ) -> Result<Vec<(String, Meaning, Value)>, FormatError> {
        let for_ = if class == Class::Element {
            "node"
        } else {
            "edge"
        };
        let mut out = Vec::new();
        let mut given = HashSet::new();
        for data in item.children_named("data") {
            let Some(key) = data.tag.attr("key") else {
                continue;
            };
            given.insert(key.to_string());
            let name = match self.keys.get(key) {
                Some(k) => match &k.name {
                    Some(n) => n.clone(),
                    None => continue,
                },
                None => {
                    self.once(
                        "undeclared",
                        data.tag.line,
                        format!("data key '{key}' is not declared by a <key>: kept as custom field '{key}'"),
                    );
                    key.to_string()
                }
            };
            out.push(value(name, &data.text, class));
        }
        for (id, k) in &self.keys {
            if (k.for_ == for_ || k.for_ == "all") && !given.contains(id) {
                if let (Some(name), Some(default)) = (&k.name, &k.default) {
                    // A small file must not make a huge map: defaults are counted.
                    self.defaulted += 1;
                    check_defaults(self.limits, &self.at(item.tag.line), self.defaulted)?;
                    out.push(value(name.clone(), default, class));
                }
            }
        }
        Ok(out)
    }

    fn node(&mut self, node: &Node) -> Result<(), FormatError> {
        self.count(node.tag.line)?;
        self.note_namespaces(node);
        let id = node.tag.attr("id").unwrap_or("");
        let mut d = ElementDraft::new(id, self.at(node.tag.line));
        for (name, meaning, value) in self.values(node, Class::Element)? {
            if meaning == Meaning::Drawing {
                self.saw_drawing = true;
            }
            if let Some(w) = d.apply(&name, &meaning, value) {
                self.warnings.push(Warning::new(d.place.clone(), w));
            }
        }
        yed_fallbacks(node, &mut d);
        self.elements.push(d);
        // A nested graph is read flat.
        for inner in node.children_named("graph") {
            self.once(
                "nested",
                inner.tag.line,
                "graphs inside nodes (a hierarchy) are read as plain nodes and edges".into(),
            );
            for child in &inner.children {
                match child.tag.local.as_str() {
                    "node" => self.node(child)?,
                    "edge" => self.edge(child)?,
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn edge(&mut self, edge: &Node) -> Result<(), FormatError> {
        self.count(edge.tag.line)?;
        self.note_namespaces(edge);
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
        let default = self.edge_default.unwrap_or(Direction::Directed);
        let direction = match edge.tag.attr("directed") {
            Some(t) if t.eq_ignore_ascii_case("true") => Direction::Directed,
            Some(t) if t.eq_ignore_ascii_case("false") => Direction::Undirected,
            _ => default,
        };
        d.set_native_direction(direction);
        let mut values = self.values(edge, Class::Connection)?;
        // Gephi writes an edge's type (caremap's kind) as a `label` attribute.
        if let Some(kind) = edge.tag.attr("label") {
            values.insert(
                0,
                (
                    "label".into(),
                    Meaning::Own(Field::Kind),
                    Value::One(kind.into()),
                ),
            );
        }
        for (name, meaning, value) in values {
            if meaning == Meaning::Drawing {
                self.saw_drawing = true;
            }
            if let Some(w) = d.apply(&name, &meaning, value) {
                self.warnings.push(Warning::new(d.place.clone(), w));
            }
        }
        self.connections.push(d);
        Ok(())
    }
}

fn value(name: String, text: &str, class: Class) -> (String, Meaning, Value) {
    let meaning = classify(&name, class);
    let value = if meaning.is_list() {
        Value::Many(pipe_split(text))
    } else {
        Value::One(text.to_string())
    };
    (name, meaning, value)
}

/// yEd keeps a node's label and place in its graphics (`<y:NodeLabel>`, `<y:Geometry>`): used
/// when the node has no label or position of its own.
fn yed_fallbacks(node: &Node, d: &mut ElementDraft) {
    let graphics = node
        .children_named("data")
        .flat_map(|data| data.children.iter())
        .filter(|c| c.tag.ns.as_deref().is_some_and(|ns| ns != NAMESPACE));
    for g in graphics {
        if d.element.label.is_empty() {
            if let Some(label) = g.find("NodeLabel").filter(|l| !l.text.trim().is_empty()) {
                d.element.label = label.text.trim().to_string();
            }
        }
        if !d.has_position() {
            if let Some(geometry) = g.find("Geometry") {
                let x = geometry.tag.attr("x").and_then(parse_number);
                let y = geometry.tag.attr("y").and_then(parse_number);
                if let (Some(x), Some(y)) = (x, y) {
                    d.set_position(x, y);
                }
            }
        }
    }
}
