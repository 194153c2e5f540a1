//! What the JSON readers share: errors that name the line and column, and the field-length
//! limit applied to every string in the document.

use crate::{FormatError, Limits};
use serde_json::Value;

/// A serde_json error as a [`FormatError`] at `file, line L, column C`.
pub(crate) fn json_error(file: &str, e: &serde_json::Error) -> FormatError {
    let text = e.to_string();
    // serde_json ends its messages with " at line L column C"; the place says that already.
    let message = match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_string(),
        _ => text,
    };
    let place = if e.line() > 0 {
        format!("{file}, line {}, column {}", e.line(), e.column())
    } else {
        file.to_string()
    };
    let hint = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            " (the file is not valid JSON: was it cut short or edited by hand?)"
        }
        _ => "",
    };
    FormatError::invalid(place, format!("{message}{hint}"))
}

/// Parses `bytes` as JSON, naming the line and column of a syntax error.
pub(crate) fn parse(file: &str, bytes: &[u8]) -> Result<Value, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| json_error(file, &e))
}

/// Fails when a string (a key or a value) anywhere in `value` is longer than the field limit,
/// naming where it is (`map.json, at elements[3].description`).
pub(crate) fn check_strings(value: &Value, file: &str, limits: &Limits) -> Result<(), FormatError> {
    let mut path = Vec::new();
    walk(value, &mut path, file, limits)
}

fn walk(
    value: &Value,
    path: &mut Vec<String>,
    file: &str,
    limits: &Limits,
) -> Result<(), FormatError> {
    let place = |path: &[String]| {
        if path.is_empty() {
            file.to_string()
        } else {
            format!("{file}, at {}", path.concat().trim_start_matches('.'))
        }
    };
    match value {
        Value::String(s) if s.len() > limits.max_field_bytes => {
            limits.check_field(&place(path), s.len())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                walk(item, path, file, limits)?;
                path.pop();
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, v) in map {
                if k.len() > limits.max_field_bytes {
                    limits.check_field(&format!("{} (a key)", place(path)), k.len())?;
                }
                path.push(format!(".{k}"));
                walk(v, path, file, limits)?;
                path.pop();
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
