//! What the three Kumu formats (.xlsx, .csv, JSON) share: a file becomes [`Sheet`]s, and the
//! sheets become a map, under one set of column rules.
//!
//! Reading goes `file -> Vec<Sheet> -> Tables -> build`: each format's reader only has to turn
//! its bytes into sheets; [`sort_sheets`] decides what each sheet holds from its header row, and
//! [`build`] reads elements before connections so that `From` and `To` can find them.

mod col_map;
pub(crate) mod columns;
pub(crate) mod formula;
mod ids;
pub(crate) mod json_backup;
pub(crate) mod json_sheets;
mod read_connections;
mod read_elements;
mod reading;
pub(crate) mod sheet;
pub(crate) mod values;
pub(crate) mod vocab;
pub(crate) mod write;
pub(crate) mod zip_guard;

use crate::{FormatError, Limits, ReadOutcome};
use caremap_core::{CareType, Category, Network, Warning};
use columns::{sheet_kind, Kind};
use reading::Reading;
use sheet::Sheet;
use vocab::{MapMeta, Vocab};

/// Sheets sorted by what they hold, with caremap's own vocabulary sheets already read.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    /// The map's name when the file does not say (the file name without extension).
    pub default_name: String,
    /// What the file says about the map itself.
    pub meta: MapMeta,
    /// The map's categories, when the file lists them (replacing the defaults).
    pub categories: Option<Vec<Category>>,
    /// The map's care types, when the file lists them (replacing the defaults).
    pub care_types: Option<Vec<CareType>>,
    /// Sheets of elements.
    pub elements: Vec<Sheet>,
    /// Sheets of connections.
    pub connections: Vec<Sheet>,
    /// What was noticed while sorting.
    pub warnings: Vec<Warning>,
    /// The files read, named in the error when none of them holds elements or connections.
    pub files: Vec<String>,
}

/// Sorts spreadsheet sheets by their header rows: elements, connections, caremap's `(ignore)`
/// vocabulary sheets; other `(ignore)` sheets and sheets of unknown shape are skipped with a
/// warning.
pub(crate) fn sort_sheets(sheets: Vec<Sheet>, default_name: &str) -> Tables {
    let mut t = Tables {
        default_name: default_name.to_string(),
        ..Tables::default()
    };
    for sheet in sheets {
        if let Some(v) = vocab::vocab_sheet(&sheet.name) {
            match v {
                Vocab::Map => vocab::read_map(&sheet, &mut t.meta, &mut t.warnings),
                Vocab::Categories => {
                    let c = vocab::read_categories(&sheet, &mut t.warnings);
                    if !c.is_empty() {
                        t.categories = Some(c);
                    }
                }
                Vocab::CareTypes => {
                    let c = vocab::read_care_types(&sheet, &mut t.warnings);
                    if !c.is_empty() {
                        t.care_types = Some(c);
                    }
                }
            }
            continue;
        }
        if sheet.name.to_lowercase().contains("(ignore)") {
            t.warnings.push(Warning::new(
                sheet.place.clone(),
                "skipped: its name contains (ignore), as Kumu does",
            ));
            continue;
        }
        match sheet_kind(&sheet.headers) {
            Some(Kind::Elements) => t.elements.push(sheet),
            Some(Kind::Connections) => t.connections.push(sheet),
            // An empty sheet (Excel's "Sheet2") holds nothing to lose.
            None if sheet.headers.iter().all(|h| h.trim().is_empty()) && sheet.rows.is_empty() => {}
            None => {
                let first: Vec<&str> = sheet.headers.iter().take(3).map(String::as_str).collect();
                t.warnings.push(Warning::new(
                    sheet.header_place(),
                    format!(
                        "header row starts '{}': neither elements (Label first, or ID then Label) nor connections (From, To first, or ID, From, To); sheet skipped",
                        first.join(", ")
                    ),
                ));
            }
        }
    }
    t
}

/// Checks the row count and every cell's length against `limits`.
pub(crate) fn check_limits(tables: &Tables, limits: &Limits) -> Result<(), FormatError> {
    let mut rows = 0usize;
    for sheet in tables.elements.iter().chain(&tables.connections) {
        rows += sheet.rows.len();
        limits.check_rows(&sheet.place, rows)?;
        for (i, h) in sheet.headers.iter().enumerate() {
            limits.check_field(
                &format!(
                    "{}, column {}",
                    sheet.header_place(),
                    sheet::column_letter(i)
                ),
                h.len(),
            )?;
        }
        for row in &sheet.rows {
            for (i, cell) in &row.cells {
                let i = *i;
                if cell.len() > limits.max_field_bytes {
                    let column = sheet
                        .headers
                        .get(i)
                        .filter(|h| !h.trim().is_empty())
                        .cloned()
                        .unwrap_or_else(|| sheet::column_letter(i));
                    let place = format!("{}, column {column}", sheet.place_of(row.number));
                    limits.check_field(&place, cell.len())?;
                }
            }
        }
    }
    Ok(())
}

/// Builds the map from sorted sheets: vocabularies, then elements, then connections.
pub(crate) fn build(tables: Tables, limits: &Limits) -> Result<ReadOutcome, FormatError> {
    check_limits(&tables, limits)?;
    let Tables {
        default_name,
        meta,
        categories,
        care_types,
        elements,
        connections,
        warnings,
        files,
    } = tables;
    if elements.is_empty() && connections.is_empty() {
        let files = if files.is_empty() {
            String::new()
        } else {
            format!(" in {}", files.join(", "))
        };
        let seen: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        let seen = if seen.is_empty() {
            String::new()
        } else {
            format!(" (what was found: {})", seen.join("; "))
        };
        return Err(FormatError::invalid(
            "",
            format!("no sheet of elements or connections was found{files}: an elements sheet starts with a Label column (or ID then Label), a connections sheet with From and To{seen}"),
        ));
    }
    let mut net = Network::new(meta.name.unwrap_or(default_name));
    net.description = meta.description.unwrap_or_default();
    net.as_of = meta.as_of;
    if let Some(c) = categories {
        net.categories = c;
    }
    if let Some(t) = care_types {
        net.care_types = t;
    }
    let mut r = Reading::new(net);
    r.warnings = warnings;
    let mut pending = Vec::new();
    for sheet in &elements {
        pending.extend(read_elements::read_sheet(&mut r, sheet));
    }
    read_elements::finish(&mut r, pending);
    let mut pending = Vec::new();
    for sheet in &connections {
        pending.extend(read_connections::read_sheet(&mut r, sheet));
    }
    read_connections::finish(&mut r, pending);
    let mut warnings = r.warnings;
    let mut network = r.net;
    warnings.extend(network.absorb_vocabulary());
    Ok(ReadOutcome { network, warnings })
}

/// The name of a file without its folder and extension: `maps/elm.xlsx` -> `elm`.
pub(crate) fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}
