//! Writing Gephi's node and edge tables.

use caremap_core::{Direction, Network};

use super::neutralise;
use crate::attrs::lists::pipe_join;
use crate::attrs::values::number_text;
use crate::attrs::write::{connection_columns, connection_value, element_columns, element_value};
use crate::attrs::{Field, Value};
use crate::{FormatError, Output};

fn cell(value: Option<Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::One(t)) => t,
        Some(Value::Many(v)) => pipe_join(&v),
    }
}

fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> Result<Vec<u8>, FormatError> {
    let failed = |e: &dyn std::fmt::Display| FormatError::Write {
        format: "gephi-csv",
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in std::iter::once(header).chain(rows) {
        w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(|e| failed(&e))?;
    }
    w.into_inner().map_err(|e| failed(&e))
}

pub(super) fn write(net: &Network) -> Result<Vec<Output>, FormatError> {
    let node_columns = element_columns(net, &[Field::Label]);
    let mut header = vec!["Id".to_string(), "Label".to_string()];
    header.extend(node_columns.iter().map(|c| c.name.clone()));
    let rows = net
        .elements
        .iter()
        .map(|e| {
            let mut row = vec![e.id.0.clone(), e.label.clone()];
            row.extend(
                node_columns
                    .iter()
                    .map(|c| cell(element_value(net, e, &c.meaning))),
            );
            row
        })
        .collect();
    let nodes = table(header, rows)?;

    let edge_columns = connection_columns(net, &[Field::Label, Field::Weight]);
    let mut header: Vec<String> = ["Source", "Target", "Id", "Label", "Type", "Weight"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(edge_columns.iter().map(|c| c.name.clone()));
    let rows = net
        .connections
        .iter()
        .map(|c| {
            let kind = if c.direction == Direction::Directed {
                "Directed"
            } else {
                "Undirected"
            };
            let mut row = vec![
                c.from.0.clone(),
                c.to.0.clone(),
                c.id.0.clone(),
                c.label.clone().unwrap_or_default(),
                kind.to_string(),
                c.weight.map(number_text).unwrap_or_default(),
            ];
            row.extend(
                edge_columns
                    .iter()
                    .map(|col| cell(connection_value(c, &col.meaning))),
            );
            row
        })
        .collect();
    let edges = table(header, rows)?;
    Ok(vec![
        Output {
            suffix: "-nodes.csv".into(),
            bytes: nodes,
        },
        Output {
            suffix: "-edges.csv".into(),
            bytes: edges,
        },
    ])
}
