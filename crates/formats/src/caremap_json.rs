//! caremap's own JSON: `{"caremap": 1, "network": {...}}`, the whole map as the model holds it,
//! so that nothing is lost. Written pretty-printed, so that it can be read and diffed.

use crate::json_limits::{check_strings, json_error, parse};
use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::{Network, Warning};
use serde::{Deserialize, Serialize};

/// The version of the format this caremap writes and reads.
pub const VERSION: u64 = 1;

#[derive(Serialize)]
struct DocumentOut<'a> {
    caremap: u64,
    network: &'a Network,
}

#[derive(Deserialize)]
struct DocumentIn {
    network: Network,
}

/// Reads a caremap JSON file. Maps that fail the model's checks are still read; each error the
/// check finds comes back as a warning.
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let [input] = inputs else {
        return Err(FormatError::invalid(
            "",
            format!("caremap JSON is one file, but {} were given", inputs.len()),
        ));
    };
    let name = input.name;
    let value = parse(name, input.bytes)?;
    let Some(object) = value.as_object() else {
        return Err(FormatError::invalid(
            name,
            "not a caremap map: the file is JSON, but not an object",
        ));
    };
    match object.get("caremap") {
        None if object.contains_key("nodes") => {
            return Err(FormatError::invalid(name, "this looks like graphology JSON (it has \"nodes\"); use --format graphology"))
        }
        None if object.contains_key("elements") => {
            return Err(FormatError::invalid(name, "this looks like Kumu JSON (it has \"elements\" but no \"caremap\" key); use --format kumu-json"))
        }
        None => {
            return Err(FormatError::invalid(name, "not a caremap map: there is no \"caremap\" version key at the top"))
        }
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(FormatError::invalid(
                name,
                format!("this file is caremap format version {v}, but this caremap reads version {VERSION}: open it with the caremap that wrote it, or a newer one"),
            ))
        }
    }
    check_strings(&value, name, limits)?;
    let count = |key: &str| {
        value
            .pointer(&format!("/network/{key}"))
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len)
    };
    limits.check_rows(name, count("elements") + count("connections"))?;
    drop(value);
    let bytes = input
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input.bytes);
    let doc: DocumentIn = serde_json::from_slice(bytes).map_err(|e| json_error(name, &e))?;
    let warnings = doc
        .network
        .validate()
        .errors()
        .map(|f| Warning::new(f.place.clone(), f.message.clone()))
        .collect();
    Ok(ReadOutcome {
        network: doc.network,
        warnings,
    })
}

/// Writes `network` as caremap JSON, pretty-printed.
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    let doc = DocumentOut {
        caremap: VERSION,
        network,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).map_err(|e| FormatError::Write {
        format: "caremap",
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(vec![Output {
        suffix: String::new(),
        bytes,
    }])
}
