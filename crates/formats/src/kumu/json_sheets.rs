//! Kumu JSON arrays of objects as sheets: each key is a column, each object a row, so the
//! blueprint and the backup go through the same column rules as the spreadsheets.

use super::sheet::{number_text, Cell, Row, RowName, Sheet};
use caremap_core::Warning;
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// A JSON value as a cell: arrays are lists, objects are kept as their JSON text.
pub(crate) fn cell(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => n.as_f64().map_or(Cell::Text(n.to_string()), Cell::Number),
        Value::String(s) => Cell::Text(s.clone()),
        Value::Array(items) => Cell::List(
            items
                .iter()
                .filter(|i| !i.is_null())
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.as_f64().map_or(n.to_string(), number_text),
                    other => other.to_string(),
                })
                .collect(),
        ),
        Value::Object(_) => Cell::Text(v.to_string()),
    }
}

/// Builds a sheet from `items`: `columns` lists, for one object, its (header, value) pairs.
/// Items that are not objects are skipped with a warning.
pub(crate) fn sheet<'a>(
    file: &str,
    word: &'static str,
    items: &'a [Value],
    columns: impl Fn(&'a Map<String, Value>) -> Vec<(String, &'a Value)>,
    warnings: &mut Vec<Warning>,
) -> Sheet {
    let mut headers: IndexMap<String, ()> = IndexMap::new();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(object) = item.as_object() else {
            warnings.push(Warning::new(
                format!("{file}, {word} {}", i + 1),
                format!(
                    "expected an object with keys, found {}: skipped",
                    kind(item)
                ),
            ));
            continue;
        };
        let mut cells = Vec::new();
        for (header, value) in columns(object) {
            let (index, _) = headers.insert_full(header, ());
            if matches!(value, Value::Object(_)) {
                warnings.push(Warning::new(
                    format!("{file}, {word} {}", i + 1),
                    "a value is an object, not text: kept as its JSON text",
                ));
            }
            cells.push((index, cell(value)));
        }
        rows.push(Row::from_sparse(i + 1, cells));
    }
    Sheet {
        name: file.to_string(),
        place: file.to_string(),
        row_name: RowName::Item(word),
        headers: headers.into_keys().collect(),
        rows,
        pipe_lists: false,
    }
}

/// A JSON value's kind in words, for messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The array under `key`, or nothing; a warning when the key holds something else.
pub(crate) fn array<'a>(
    top: &'a Map<String, Value>,
    key: &str,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> &'a [Value] {
    match top.get(key) {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(other) => {
            warnings.push(Warning::new(
                file,
                format!(
                    "\"{key}\" should be a list but is {}: not read",
                    kind(other)
                ),
            ));
            &[]
        }
    }
}
