//! Writing graphology JSON.

use std::collections::HashSet;

use caremap_core::{Direction, Network};
use serde_json::{json, Map, Value as Json};

use crate::attrs::values::parse_number;
use crate::attrs::write::{
    connection_columns, connection_value, element_columns, element_value, hex_colour, sizes,
};
use crate::attrs::{Field, Kind, Meaning, Value};
use crate::{FormatError, Output};

/// Turns a value into JSON: arrays for several values, numbers and booleans where caremap's
/// field is one.
fn to_json(meaning: &Meaning, value: Value) -> Json {
    let kind = match meaning {
        Meaning::Own(f) => f.kind(),
        _ => Kind::Text,
    };
    match (value, kind) {
        (Value::Many(v), _) => Json::from(v),
        (Value::One(t), Kind::Number) => parse_number(&t)
            .and_then(serde_json::Number::from_f64)
            .map(Json::Number)
            .unwrap_or(Json::String(t)),
        (Value::One(t), Kind::Bool) => match t.as_str() {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            _ => Json::String(t),
        },
        (Value::One(t), _) => Json::String(t),
    }
}

fn number(v: f64) -> Json {
    serde_json::Number::from_f64(v)
        .map(Json::Number)
        .unwrap_or(Json::Null)
}

pub(super) fn write(net: &Network) -> Result<Vec<Output>, FormatError> {
    let node_columns = element_columns(
        net,
        &[Field::Label, Field::X, Field::Y, Field::CategorySector],
    );
    let edge_columns = connection_columns(net, &[]);
    let mut nodes = Vec::with_capacity(net.elements.len());
    for (e, size) in net.elements.iter().zip(sizes(net)) {
        let mut a = Map::new();
        a.insert("label".into(), Json::from(e.label.clone()));
        if let Some(p) = e.position {
            a.insert("x".into(), number(p.x));
            a.insert("y".into(), number(p.y));
        }
        a.insert("size".into(), number(size));
        a.insert("color".into(), Json::from(hex_colour(net.sector_of(e))));
        for c in &node_columns {
            if let Some(v) = element_value(net, e, &c.meaning) {
                a.insert(c.name.clone(), to_json(&c.meaning, v));
            }
        }
        nodes.push(json!({"key": e.id.as_str(), "attributes": a}));
    }
    let mut edges = Vec::with_capacity(net.connections.len());
    for c in &net.connections {
        let mut a = Map::new();
        for col in &edge_columns {
            if let Some(v) = connection_value(c, &col.meaning) {
                a.insert(col.name.clone(), to_json(&col.meaning, v));
            }
        }
        let mut edge = json!({
            "key": c.id.as_str(),
            "source": c.from.as_str(),
            "target": c.to.as_str(),
            "attributes": a,
        });
        if c.direction != Direction::Directed {
            edge["undirected"] = Json::Bool(true);
        }
        edges.push(edge);
    }
    let all_directed = net
        .connections
        .iter()
        .all(|c| c.direction == Direction::Directed);
    let mut pairs = HashSet::new();
    let multi = !net.connections.iter().all(|c| {
        let (a, b) = (c.from.as_str(), c.to.as_str());
        pairs.insert(if a <= b { (a, b) } else { (b, a) })
    });
    let doc = json!({
        "attributes": graph_attributes(net),
        "options": {
            "type": if all_directed { "directed" } else { "mixed" },
            "multi": multi,
            "allowSelfLoops": true,
        },
        "nodes": nodes,
        "edges": edges,
    });
    let bytes = serde_json::to_vec_pretty(&doc).map_err(|e| FormatError::Write {
        format: "graphology",
        message: e.to_string(),
    })?;
    Ok(vec![Output {
        suffix: String::new(),
        bytes,
    }])
}

fn graph_attributes(net: &Network) -> Json {
    let mut a = Map::new();
    a.insert("name".into(), Json::from(net.name.clone()));
    if !net.description.is_empty() {
        a.insert("description".into(), Json::from(net.description.clone()));
    }
    if let Some(d) = net.as_of {
        a.insert("as_of".into(), Json::from(d.to_string()));
    }
    a.insert("creator".into(), Json::from("caremap"));
    let categories: Vec<Json> = net
        .categories
        .iter()
        .map(|c| json!({"name": c.name, "sector": c.sector.name(), "description": c.description}))
        .collect();
    a.insert("categories".into(), Json::from(categories));
    let care_types: Vec<Json> = net
        .care_types
        .iter()
        .map(|t| json!({"name": t.name, "definition": t.definition}))
        .collect();
    a.insert("care_types".into(), Json::from(care_types));
    Json::Object(a)
}
