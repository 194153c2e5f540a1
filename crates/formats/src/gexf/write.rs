//! Writing GEXF 1.3.

use caremap_core::{Direction, Network};

use crate::attrs::lists::gephi_list;
use crate::attrs::values::number_text;
use crate::attrs::write::{
    connection_columns, connection_value, element_columns, element_value, sector_colour, sizes,
    Column,
};
use crate::attrs::{Field, Kind, Meaning, Value};
use crate::xml::vocabulary::{self, CAREMAP_NS};
use crate::xml::write::XmlWriter;
use crate::{FormatError, Output};

/// Element fields GEXF writes in its own markup, or (the category's sector) not at all because
/// the vocabulary is in `<meta>`.
const NATIVE_ELEMENT: [Field; 6] = [
    Field::Label,
    Field::Start,
    Field::End,
    Field::X,
    Field::Y,
    Field::CategorySector,
];
/// Connection fields GEXF writes in its own markup.
const NATIVE_CONNECTION: [Field; 6] = [
    Field::Label,
    Field::Kind,
    Field::Weight,
    Field::Direction,
    Field::Start,
    Field::End,
];

pub(super) fn write(net: &Network) -> Result<Vec<Output>, FormatError> {
    let mut w = XmlWriter::new();
    w.open(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:caremap", CAREMAP_NS),
            ("version", "1.3"),
        ],
    );
    w.open("meta", &[]);
    w.leaf("creator", &[], "caremap");
    w.context("the map's name".into());
    w.leaf("title", &[], &net.name);
    if !net.description.is_empty() {
        w.context("the map's description".into());
        w.leaf("description", &[], &net.description);
    }
    vocabulary::write(&mut w, net);
    w.close("meta");

    let dynamic = net
        .elements
        .iter()
        .any(|e| e.start.is_some() || e.end.is_some())
        || net
            .connections
            .iter()
            .any(|c| c.start.is_some() || c.end.is_some());
    let mut graph = vec![("defaultedgetype", "directed")];
    if dynamic {
        graph.extend([
            ("mode", "dynamic"),
            ("timeformat", "date"),
            ("timerepresentation", "interval"),
        ]);
    } else {
        graph.push(("mode", "static"));
    }
    w.open("graph", &graph);
    let node_columns = element_columns(net, &NATIVE_ELEMENT);
    let edge_columns = connection_columns(net, &NATIVE_CONNECTION);
    declare(&mut w, "node", &node_columns);
    declare(&mut w, "edge", &edge_columns);
    nodes(&mut w, net, &node_columns);
    edges(&mut w, net, &edge_columns);
    w.close("graph");
    w.close("gexf");
    Ok(vec![Output {
        suffix: String::new(),
        bytes: w.finish("gexf")?,
    }])
}

fn gexf_type(meaning: &Meaning) -> &'static str {
    match meaning {
        Meaning::Own(f) => match f.kind() {
            Kind::List => "liststring",
            Kind::Number => "double",
            Kind::Bool => "boolean",
            Kind::Text | Kind::Date => "string",
        },
        Meaning::Custom { list: true, .. } => "liststring",
        _ => "string",
    }
}

fn declare(w: &mut XmlWriter, class: &str, columns: &[Column]) {
    if columns.is_empty() {
        return;
    }
    w.open("attributes", &[("class", class), ("mode", "static")]);
    for c in columns {
        w.context(format!("the {class} attribute '{}'", c.name));
        w.empty(
            "attribute",
            &[
                ("id", &c.name),
                ("title", &c.name),
                ("type", gexf_type(&c.meaning)),
            ],
        );
    }
    w.close("attributes");
}

fn attvalues(w: &mut XmlWriter, values: Vec<(&str, Value)>) {
    if values.is_empty() {
        return;
    }
    w.open("attvalues", &[]);
    for (key, value) in values {
        let text = match value {
            Value::One(t) => t,
            Value::Many(v) => gephi_list(&v),
        };
        w.empty("attvalue", &[("for", key), ("value", &text)]);
    }
    w.close("attvalues");
}

fn nodes(w: &mut XmlWriter, net: &Network, columns: &[Column]) {
    let sizes = sizes(net);
    w.open("nodes", &[]);
    for (e, size) in net.elements.iter().zip(sizes) {
        w.context(format!("element '{}' ({})", e.label, e.id));
        let start = e.start.map(|d| d.to_string());
        let end = e.end.map(|d| d.to_string());
        let mut attrs = vec![("id", e.id.as_str()), ("label", e.label.as_str())];
        if let Some(s) = &start {
            attrs.push(("start", s));
        }
        if let Some(s) = &end {
            attrs.push(("end", s));
        }
        w.open("node", &attrs);
        let values = columns
            .iter()
            .filter_map(|c| element_value(net, e, &c.meaning).map(|v| (c.name.as_str(), v)))
            .collect();
        attvalues(w, values);
        let (r, g, b) = sector_colour(net.sector_of(e));
        let (r, g, b) = (r.to_string(), g.to_string(), b.to_string());
        w.empty("viz:color", &[("r", &r), ("g", &g), ("b", &b)]);
        if let Some(p) = e.position {
            let (x, y) = (number_text(p.x), number_text(p.y));
            w.empty("viz:position", &[("x", &x), ("y", &y), ("z", "0")]);
        }
        w.empty("viz:size", &[("value", &number_text(size))]);
        w.close("node");
    }
    w.close("nodes");
}

fn edges(w: &mut XmlWriter, net: &Network, columns: &[Column]) {
    w.open("edges", &[]);
    for c in &net.connections {
        w.context(format!("connection {} -> {} ({})", c.from, c.to, c.id));
        let weight = c.weight.map(number_text);
        let start = c.start.map(|d| d.to_string());
        let end = c.end.map(|d| d.to_string());
        let mut attrs = vec![
            ("id", c.id.as_str()),
            ("source", c.from.as_str()),
            ("target", c.to.as_str()),
        ];
        if c.direction != Direction::Directed {
            attrs.push(("type", c.direction.name()));
        }
        let optional = [
            ("label", c.label.as_deref()),
            ("kind", c.kind.as_deref()),
            ("weight", weight.as_deref()),
            ("start", start.as_deref()),
            ("end", end.as_deref()),
        ];
        for (k, v) in optional {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                attrs.push((k, v));
            }
        }
        let values: Vec<(&str, Value)> = columns
            .iter()
            .filter_map(|col| connection_value(c, &col.meaning).map(|v| (col.name.as_str(), v)))
            .collect();
        if values.is_empty() {
            w.empty("edge", &attrs);
        } else {
            w.open("edge", &attrs);
            attvalues(w, values);
            w.close("edge");
        }
    }
    w.close("edges");
}
