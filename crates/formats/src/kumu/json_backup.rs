//! Kumu's full project backup: elements and connections with `_id`s and an `attributes` object
//! of lower-case field names, field definitions at the top, and `maps` with element positions.

use super::json_sheets::{array, sheet};
use super::sheet::{Cell, Sheet};
use super::Tables;
use caremap_core::Warning;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// True when a Kumu JSON document is a project backup rather than a blueprint.
pub(crate) fn is_backup(top: &Map<String, Value>) -> bool {
    let first_has_attributes = top
        .get("elements")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
        .is_some_and(|e| e.get("attributes").is_some_and(Value::is_object));
    top.contains_key("maps") || top.contains_key("perspectives") || first_has_attributes
}

/// The display names of fields, by lower-cased name, from the top-level `attributes`
/// definitions: backups store values under lower-case keys, so `ward` is shown as `Ward`.
fn field_names(top: &Map<String, Value>) -> HashMap<String, String> {
    fn collect(v: &Value, out: &mut HashMap<String, String>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            Value::Object(o) => {
                if let Some(name) = o.get("name").and_then(Value::as_str) {
                    out.entry(name.to_lowercase())
                        .or_insert_with(|| name.to_string());
                }
                o.values()
                    .filter(|v| v.is_array() || v.is_object())
                    .for_each(|v| collect(v, out));
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    if let Some(a) = top.get("attributes") {
        collect(a, &mut out);
    }
    out
}

fn with_attributes<'a>(
    object: &'a Map<String, Value>,
    top_keys: &[&str],
    names: &HashMap<String, String>,
) -> Vec<(String, &'a Value)> {
    let mut out: Vec<(String, &Value)> = top_keys
        .iter()
        .filter_map(|k| object.get(*k).map(|v| (k.to_string(), v)))
        .collect();
    if let Some(Value::Object(attributes)) = object.get("attributes") {
        for (k, v) in attributes {
            let header = names
                .get(&k.to_lowercase())
                .cloned()
                .unwrap_or_else(|| k.clone());
            out.push((header, v));
        }
    }
    out
}

/// The positions of elements (by `_id`) on the first map that places any, with a note when
/// other maps were left out.
fn positions(
    top: &Map<String, Value>,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> HashMap<String, (f64, f64)> {
    let maps = array(top, "maps", file, warnings);
    let mut chosen = HashMap::new();
    let mut chosen_name = String::new();
    let mut others = 0usize;
    for map in maps {
        let mut found = HashMap::new();
        for entry in map
            .get("elements")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
        {
            let Some(id) = entry
                .get("element")
                .or_else(|| entry.get("_id"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            let at = entry.get("position").unwrap_or(entry);
            if let (Some(x), Some(y)) = (
                at.get("x").and_then(Value::as_f64),
                at.get("y").and_then(Value::as_f64),
            ) {
                found.insert(id.to_string(), (x, y));
            }
        }
        if found.is_empty() {
            continue;
        }
        if chosen.is_empty() {
            chosen = found;
            chosen_name = map
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("the first map")
                .to_string();
        } else {
            others += 1;
        }
    }
    if others > 0 {
        warnings.push(Warning::new(
            file,
            format!("element positions were taken from map '{chosen_name}'; the positions on {others} other map(s) were not read"),
        ));
    }
    chosen
}

/// Sorts a backup's parts into sheets.
pub(crate) fn tables(top: &Map<String, Value>, file: &str, tables: &mut Tables) {
    let names = field_names(top);
    let w = &mut tables.warnings;
    let elements = array(top, "elements", file, w);
    let mut element_sheet = sheet(
        file,
        "element",
        elements,
        |o| with_attributes(o, &["_id"], &names),
        w,
    );
    let placed = positions(top, file, w);
    if !placed.is_empty() {
        add_positions(&mut element_sheet, elements, &placed);
    }
    let connections = array(top, "connections", file, w);
    let connection_sheet = sheet(
        file,
        "connection",
        connections,
        |o| with_attributes(o, &["_id", "from", "to", "direction"], &names),
        w,
    );
    if let Some(name) = top
        .get("name")
        .or_else(|| top.get("project").and_then(|p| p.get("name")))
        .and_then(Value::as_str)
    {
        tables.meta.name = Some(name.to_string());
    }
    let perspectives = array(top, "perspectives", file, &mut tables.warnings).len();
    if perspectives > 0 {
        tables.warnings.push(Warning::new(
            file,
            format!("{perspectives} perspective(s) (Kumu's view styling) were not read: caremap draws its own views"),
        ));
    }
    tables.elements.push(element_sheet);
    tables.connections.push(connection_sheet);
}

fn add_positions(sheet: &mut Sheet, elements: &[Value], placed: &HashMap<String, (f64, f64)>) {
    let x = sheet.headers.len();
    sheet.headers.push("X".into());
    sheet.headers.push("Y".into());
    for row in &mut sheet.rows {
        let id = elements
            .get(row.number - 1)
            .and_then(|e| e.get("_id"))
            .and_then(Value::as_str);
        if let Some((px, py)) = id.and_then(|id| placed.get(id)) {
            row.cells.push((x, Cell::Number(*px)));
            row.cells.push((x + 1, Cell::Number(*py)));
        }
    }
}
