//! Kumu JSON: the simple blueprint `{"elements", "connections", "loops"}` and Kumu's full
//! project backup (`_id`s, `attributes`, `maps`, `perspectives`) are both read; the blueprint is
//! written.
//!
//! Keys go through the same column rules as the spreadsheets (case-insensitive: `label`,
//! `Care Types`, ...). The blueprint caremap writes also carries a top-level `caremap_map` key
//! (the map's name, description, categories with their sectors, care types with their
//! definitions), which Kumu ignores and caremap reads back, so that a round trip is exact.

use crate::json_limits::{check_strings, parse};
use crate::kumu::columns::{connection_col, element_col, ConnectionCol, ElementCol};
use crate::kumu::json_sheets::{array, kind, sheet};
use crate::kumu::write::{connections_table, elements_table, Out, OutTable};
use crate::kumu::{self, file_stem, json_backup, Tables};
use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::{CareType, Category, Network, Warning};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The top-level key of caremap's own facts in a blueprint.
pub const EXTRA_KEY: &str = "caremap_map";

#[derive(Serialize, Deserialize, Default)]
struct Extra {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    as_of: Option<chrono::NaiveDate>,
    #[serde(default)]
    categories: Option<Vec<Category>>,
    #[serde(default)]
    care_types: Option<Vec<CareType>>,
}

/// Reads a Kumu JSON file: a blueprint or a project backup.
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let [input] = inputs else {
        return Err(FormatError::invalid(
            "",
            format!("Kumu JSON is one file, but {} were given", inputs.len()),
        ));
    };
    let file = input.name;
    let value = parse(file, input.bytes)?;
    check_strings(&value, file, limits)?;
    let Some(top) = value.as_object() else {
        return Err(FormatError::invalid(
            file,
            "not Kumu JSON: expected an object with \"elements\" and \"connections\"",
        ));
    };
    if top.contains_key("caremap") {
        return Err(FormatError::invalid(
            file,
            "this is caremap's own JSON; use --format caremap",
        ));
    }
    if !top.contains_key("elements") && !top.contains_key("connections") {
        let hint = if top.contains_key("nodes") {
            "; it has \"nodes\": is it graphology JSON (--format graphology)?"
        } else {
            ""
        };
        return Err(FormatError::invalid(
            file,
            format!("not Kumu JSON: there is no \"elements\" or \"connections\" list{hint}"),
        ));
    }
    // `{"elements": "none"}` is not a map with nothing in it: something else made this file.
    let list = |key: &str| top.get(key).is_some_and(Value::is_array);
    if !list("elements") && !list("connections") {
        let what: Vec<String> = ["elements", "connections"]
            .into_iter()
            .filter_map(|k| Some(format!("\"{k}\" is {}", kind(top.get(k)?))))
            .collect();
        return Err(FormatError::invalid(
            file,
            format!(
                "not Kumu JSON: neither \"elements\" nor \"connections\" is a list ({})",
                what.join(", ")
            ),
        ));
    }
    let mut tables = Tables {
        default_name: file_stem(file),
        ..Tables::default()
    };
    if json_backup::is_backup(top) {
        json_backup::tables(top, file, &mut tables);
    } else {
        blueprint(top, file, &mut tables);
    }
    let loops = array(top, "loops", file, &mut tables.warnings).len();
    if loops > 0 {
        tables.warnings.push(Warning::new(
            file,
            format!("{loops} loop(s) were not read: caremap has no loops"),
        ));
    }
    kumu::build(tables, limits)
}

fn columns(o: &Map<String, Value>) -> Vec<(String, &Value)> {
    o.iter().map(|(k, v)| (k.clone(), v)).collect()
}

fn blueprint(top: &Map<String, Value>, file: &str, tables: &mut Tables) {
    let w = &mut tables.warnings;
    let elements = sheet(file, "element", array(top, "elements", file, w), columns, w);
    let connections = sheet(
        file,
        "connection",
        array(top, "connections", file, w),
        columns,
        w,
    );
    tables.elements.push(elements);
    tables.connections.push(connections);
    if let Some(extra) = top.get(EXTRA_KEY) {
        match Extra::deserialize(extra) {
            Ok(x) => {
                tables.meta.name = x.name;
                tables.meta.description = x.description;
                tables.meta.as_of = x.as_of;
                tables.categories = x.categories.filter(|c| !c.is_empty());
                tables.care_types = x.care_types.filter(|c| !c.is_empty());
            }
            Err(e) => tables.warnings.push(Warning::new(
                file,
                format!("\"{EXTRA_KEY}\" could not be read ({e}): the default categories and care types were used"),
            )),
        }
    }
}

/// Writes `network` as a Kumu blueprint, with caremap's vocabularies under [`EXTRA_KEY`].
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    let extra = Extra {
        name: Some(network.name.clone()),
        description: Some(network.description.clone()),
        as_of: network.as_of,
        categories: Some(network.categories.clone()),
        care_types: Some(network.care_types.clone()),
    };
    let mut top = Map::new();
    top.insert(
        "elements".into(),
        objects(&elements_table(network), element_key),
    );
    top.insert(
        "connections".into(),
        objects(&connections_table(network), connection_key),
    );
    top.insert("loops".into(), Value::Array(Vec::new()));
    let fail = |e: serde_json::Error| FormatError::Write {
        format: "kumu-json",
        message: e.to_string(),
    };
    top.insert(EXTRA_KEY.into(), serde_json::to_value(extra).map_err(fail)?);
    let mut bytes = serde_json::to_vec_pretty(&Value::Object(top)).map_err(fail)?;
    bytes.push(b'\n');
    Ok(vec![Output {
        suffix: String::new(),
        bytes,
    }])
}

/// Kumu's own fields are written under Kumu's lower-case keys; caremap's keep their column name.
fn element_key(header: &str) -> String {
    use ElementCol::*;
    match element_col(header) {
        Some(Id | Label | Type | Description | Tags | Image | Email | Url | Location) => {
            header.to_lowercase()
        }
        _ => header.to_string(),
    }
}

fn connection_key(header: &str) -> String {
    use ConnectionCol::*;
    match connection_col(header) {
        Some(Id | From | To | Type | Label | Description | Tags | Direction | Strength) => {
            header.to_lowercase()
        }
        _ => header.to_string(),
    }
}

fn objects(table: &OutTable, key: fn(&str) -> String) -> Value {
    let keys: Vec<String> = table.headers.iter().map(|h| key(h)).collect();
    Value::Array(
        table
            .rows
            .iter()
            .map(|row| {
                let mut o = Map::new();
                for (k, v) in keys.iter().zip(row) {
                    let value = match v {
                        Out::Empty => continue,
                        Out::Text(t) => Value::String(t.clone()),
                        Out::Number(n) => serde_json::Number::from_f64(*n)
                            .map_or_else(|| Value::String(n.to_string()), Value::Number),
                        Out::List(l) => {
                            Value::Array(l.iter().cloned().map(Value::String).collect())
                        }
                    };
                    o.insert(k.clone(), value);
                }
                Value::Object(o)
            })
            .collect(),
    )
}
