//! Writing GraphML, with Gephi's keys where Gephi has one.

use caremap_core::{Direction, Network};

use crate::attrs::lists::pipe_join;
use crate::attrs::values::number_text;
use crate::attrs::write::{
    connection_columns, connection_value, element_columns, element_value, sector_colour, sizes,
    Column,
};
use crate::attrs::{Field, Kind, Meaning, Value};
use crate::xml::vocabulary::{self, CAREMAP_NS};
use crate::xml::write::XmlWriter;
use crate::{FormatError, Output};

/// What the graph's `<desc>` says, so that a person opening the file knows how lists are kept.
pub(super) const LIST_NOTE: &str = "Written by caremap. GraphML has no list type: tags, \
care_types, care_flowing and custom fields named list:NAME hold several values joined with '|' \
(a '|' or '\\' inside a value is written '\\|' or '\\\\'). Custom fields are named field:NAME.";

/// A key to declare: its id, what it holds and its GraphML type.
struct Key {
    id: String,
    column: Column,
}

fn key_type(meaning: &Meaning) -> &'static str {
    match meaning {
        Meaning::Own(f) => match f.kind() {
            Kind::Number => "double",
            Kind::Bool => "boolean",
            _ => "string",
        },
        _ => "string",
    }
}

fn keys(columns: Vec<Column>, edge: bool) -> Vec<Key> {
    let mut custom = 0;
    columns
        .into_iter()
        .map(|column| {
            let id = match (&column.meaning, edge) {
                (Meaning::Own(Field::Label), false) => "label".to_string(),
                (Meaning::Own(Field::X), false) => "x".to_string(),
                (Meaning::Own(Field::Y), false) => "y".to_string(),
                (Meaning::Own(Field::Label), true) => "edgelabel".to_string(),
                (Meaning::Own(Field::Weight), true) => "weight".to_string(),
                (Meaning::Own(f), false) => f.name().to_string(),
                (Meaning::Own(f), true) => format!("edge_{}", f.name()),
                (_, edge) => {
                    custom += 1;
                    format!("{}{custom}", if edge { "edge_field" } else { "field" })
                }
            };
            Key { id, column }
        })
        .collect()
}

fn declare(w: &mut XmlWriter, class: &str, keys: &[Key]) {
    for k in keys {
        // Gephi names its edge label key "Edge Label".
        let name = if k.id == "edgelabel" {
            "Edge Label"
        } else {
            k.column.name.as_str()
        };
        w.context(format!("the {class} key '{name}'"));
        w.empty(
            "key",
            &[
                ("id", &k.id),
                ("for", class),
                ("attr.name", name),
                ("attr.type", key_type(&k.column.meaning)),
            ],
        );
    }
}

fn data(w: &mut XmlWriter, key: &str, value: Value) {
    let text = match value {
        Value::One(t) => t,
        Value::Many(v) => pipe_join(&v),
    };
    w.leaf("data", &[("key", key)], &text);
}

pub(super) fn write(net: &Network) -> Result<Vec<Output>, FormatError> {
    let mut w = XmlWriter::new();
    w.open(
        "graphml",
        &[("xmlns", super::NAMESPACE), ("xmlns:caremap", CAREMAP_NS)],
    );
    w.empty(
        "key",
        &[
            ("id", "g_name"),
            ("for", "graph"),
            ("attr.name", "name"),
            ("attr.type", "string"),
        ],
    );
    w.empty(
        "key",
        &[
            ("id", "g_description"),
            ("for", "graph"),
            ("attr.name", "description"),
            ("attr.type", "string"),
        ],
    );
    w.open("key", &[("id", "g_caremap"), ("for", "graph")]);
    w.leaf(
        "desc",
        &[],
        "caremap's date and vocabularies: categories and care types",
    );
    w.close("key");
    let node_keys = keys(element_columns(net, &[Field::CategorySector]), false);
    let edge_keys = keys(connection_columns(net, &[]), true);
    declare(&mut w, "node", &node_keys);
    for (id, t) in [("r", "int"), ("g", "int"), ("b", "int"), ("size", "float")] {
        w.empty(
            "key",
            &[
                ("id", id),
                ("for", "node"),
                ("attr.name", id),
                ("attr.type", t),
            ],
        );
    }
    declare(&mut w, "edge", &edge_keys);

    w.open("graph", &[("id", "G"), ("edgedefault", "directed")]);
    w.leaf("desc", &[], LIST_NOTE);
    w.context("the map's name".into());
    w.leaf("data", &[("key", "g_name")], &net.name);
    if !net.description.is_empty() {
        w.context("the map's description".into());
        w.leaf("data", &[("key", "g_description")], &net.description);
    }
    w.open("data", &[("key", "g_caremap")]);
    vocabulary::write(&mut w, net);
    w.close("data");

    for (e, size) in net.elements.iter().zip(sizes(net)) {
        w.context(format!("element '{}' ({})", e.label, e.id));
        w.open("node", &[("id", e.id.as_str())]);
        for k in &node_keys {
            if let Some(v) = element_value(net, e, &k.column.meaning) {
                data(&mut w, &k.id, v);
            }
        }
        let (r, g, b) = sector_colour(net.sector_of(e));
        for (key, v) in [("r", r), ("g", g), ("b", b)] {
            w.leaf("data", &[("key", key)], &v.to_string());
        }
        w.leaf("data", &[("key", "size")], &number_text(size));
        w.close("node");
    }
    for c in &net.connections {
        w.context(format!("connection {} -> {} ({})", c.from, c.to, c.id));
        let mut attrs = vec![
            ("id", c.id.as_str()),
            ("source", c.from.as_str()),
            ("target", c.to.as_str()),
        ];
        if c.direction != Direction::Directed {
            attrs.push(("directed", "false"));
        }
        let values: Vec<(&str, Value)> = edge_keys
            .iter()
            .filter_map(|k| connection_value(c, &k.column.meaning).map(|v| (k.id.as_str(), v)))
            .collect();
        if values.is_empty() {
            w.empty("edge", &attrs);
            continue;
        }
        w.open("edge", &attrs);
        for (key, v) in values {
            data(&mut w, key, v);
        }
        w.close("edge");
    }
    w.close("graph");
    w.close("graphml");
    Ok(vec![Output {
        suffix: String::new(),
        bytes: w.finish("graphml")?,
    }])
}
