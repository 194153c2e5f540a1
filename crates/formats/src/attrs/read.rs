//! What every graph reader shares: places in messages, the map-level data, the map's name from
//! the file name, and what is done with values (see [`ElementDraft`] and [`ConnectionDraft`]).

use caremap_core::{CareType, Category, FieldValue, Warning};
use chrono::NaiveDate;

pub(crate) use super::connection_draft::ConnectionDraft;
pub(crate) use super::element_draft::ElementDraft;
use super::Value;

/// A place in a file: "map.gexf, line 12".
pub(crate) fn place(file: &str, where_: impl std::fmt::Display) -> String {
    if file.is_empty() {
        where_.to_string()
    } else {
        format!("{file}, {where_}")
    }
}

/// What a failed value becomes: a warning and a custom field under the name as written.
pub(super) fn not_a(name: &str, text: &str, what: &str) -> String {
    format!("{name} '{text}' is not {what}: kept as custom field '{name}'")
}

/// Adds a custom field; a value with nothing in it is left out.
pub(super) fn insert_custom(
    fields: &mut indexmap::IndexMap<String, FieldValue>,
    name: &str,
    value: Value,
) {
    let parts = value.into_parts();
    if parts.iter().all(|p| p.is_empty()) {
        return;
    }
    fields.insert(name.to_string(), FieldValue::from_parts(parts));
}

/// The values of one of caremap's list fields: trimmed, without empty or repeated values.
pub(super) fn own_list(value: Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in value.into_parts() {
        let p = p.trim().to_string();
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The map-level data a file may carry: name, description, date and vocabularies.
#[derive(Debug, Default)]
pub(crate) struct MapInfo {
    /// The map's name.
    pub name: Option<String>,
    /// Free text about the map.
    pub description: String,
    /// The date the map describes.
    pub as_of: Option<NaiveDate>,
    /// Categories, when the file lists them.
    pub categories: Option<Vec<Category>>,
    /// Care types, when the file lists them.
    pub care_types: Option<Vec<CareType>>,
}

/// The map's name a file implies: its name without folder, extension and `-nodes`/`-edges`.
pub(crate) fn name_from_file(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    let lower = stem.to_ascii_lowercase();
    for suffix in ["-nodes", "-edges", "_nodes", "_edges"] {
        if lower.ends_with(suffix) {
            return stem[..stem.len() - suffix.len()].to_string();
        }
    }
    stem.to_string()
}

/// The one file a single-file format reads, and a warning for each other file given.
pub(crate) fn single_input<'a>(
    inputs: &'a [crate::Input<'a>],
    format: &str,
    warnings: &mut Vec<Warning>,
) -> Result<crate::Input<'a>, crate::FormatError> {
    let Some(first) = inputs.first() else {
        return Err(crate::FormatError::invalid("", "no file was given"));
    };
    for extra in inputs.iter().skip(1) {
        warnings.push(Warning::new(
            extra.name,
            format!("a {format} map is one file: this file is not read (read it on its own)"),
        ));
    }
    Ok(*first)
}

/// The warning for drawing settings (colours, sizes) in a file made by another tool.
pub(crate) fn drawing_warning(file: &str) -> Warning {
    Warning::new(
        file,
        "colours, sizes and shapes are drawing settings and are not kept: caremap colours the \
         map by sector and sizes elements by their number of connections",
    )
}

/// Bounds the values a reader fills in from declared defaults (GEXF and GraphML `<default>`):
/// a few hundred bytes of declarations must not make a map of billions of values.
pub(crate) fn check_defaults(
    limits: &crate::Limits,
    place: &str,
    filled: usize,
) -> Result<(), crate::FormatError> {
    if filled > limits.max_rows {
        return Err(crate::FormatError::TooLarge {
            place: place.to_string(),
            what: format!("{filled} values filled in from declared defaults"),
            limit: format!("{} values", limits.max_rows),
            hint: "the file gives default values to many attributes of many nodes; remove the \
                   <default> declarations or split the map"
                .into(),
        });
    }
    Ok(())
}
