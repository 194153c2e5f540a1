//! Kumu CSV: one file of elements and one of connections (written with the suffixes
//! `-elements.csv` and `-connections.csv`). Reading accepts any number of files and decides what
//! each holds from its header row, as for workbook sheets.
//!
//! Cells that a spreadsheet would run as a formula are written with an apostrophe in front, and
//! read back without it; see [`crate::kumu`]'s `formula` module for why this stays exact.
//! Files may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
//! Windows-1252 (what Excel writes on Windows); commas, semicolons or tabs may separate cells.

use crate::kumu::formula::{neutralise, restore};
use crate::kumu::sheet::{Cell, Row, RowName, Sheet};
use crate::kumu::write::{connections_table, elements_table, OutTable};
use crate::kumu::{self, file_stem};
use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::{Network, Warning};
use std::borrow::Cow;

/// Reads one or more Kumu CSV files (elements, connections, in any order) into one map.
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let mut warnings = Vec::new();
    let mut sheets = Vec::with_capacity(inputs.len());
    for input in inputs {
        sheets.push(read_file(input, limits, &mut warnings)?);
    }
    let default_name = inputs.first().map(|i| map_name(i.name)).unwrap_or_default();
    let mut tables = kumu::sort_sheets(sheets, &default_name);
    warnings.append(&mut tables.warnings);
    tables.warnings = warnings;
    tables.files = inputs.iter().map(|i| i.name.to_string()).collect();
    kumu::build(tables, limits)
}

/// `elm-elements.csv` -> `elm`.
fn map_name(file: &str) -> String {
    let stem = file_stem(file);
    for suffix in ["-elements", "-connections", "_elements", "_connections"] {
        if let Some(s) = stem.strip_suffix(suffix) {
            return s.to_string();
        }
    }
    stem
}

fn decode<'a>(input: &Input<'a>, warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    // Sniffs a UTF-8 or UTF-16 byte-order mark and drops it.
    let (text, _, had_errors) = encoding_rs::UTF_8.decode(input.bytes);
    if !had_errors {
        return text;
    }
    warnings.push(Warning::new(
        input.name,
        "not UTF-8: read as Windows-1252 (what Excel writes on Windows); check accented letters, or save the file as CSV UTF-8",
    ));
    encoding_rs::WINDOWS_1252.decode(input.bytes).0
}

/// The separator of the header line: comma unless semicolons or tabs are more common.
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

fn read_file(
    input: &Input,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<Sheet, FormatError> {
    let text = decode(input, warnings);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        let more = reader.read_record(&mut record).map_err(|e| {
            FormatError::invalid(
                format!("{}, line {line}", input.name),
                format!("cannot read this CSV line: {e}"),
            )
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        for (i, field) in record.iter().enumerate() {
            if field.len() > limits.max_field_bytes {
                let column = headers
                    .as_ref()
                    .and_then(|h| h.get(i))
                    .filter(|h| !h.is_empty())
                    .cloned()
                    .unwrap_or_else(|| kumu::sheet::column_letter(i));
                limits.check_field(
                    &format!("{}, line {line}, column {column}", input.name),
                    field.len(),
                )?;
            }
        }
        let cells: Vec<Cell> = record
            .iter()
            .map(|f| match restore(f) {
                "" => Cell::Empty,
                t => Cell::Text(t.to_string()),
            })
            .collect();
        match &headers {
            None => headers = Some(cells.iter().map(|c| c.text().unwrap_or_default()).collect()),
            Some(_) => {
                limits.check_rows(input.name, rows.len() + 1)?;
                rows.push(Row::new(line, cells));
            }
        }
    }
    if headers.is_none() {
        warnings.push(Warning::new(input.name, "the file is empty: nothing read"));
    }
    Ok(Sheet {
        name: input.name.to_string(),
        place: input.name.to_string(),
        row_name: RowName::Line,
        headers: headers.unwrap_or_default(),
        rows,
        pipe_lists: true,
    })
}

/// Writes `network` as two Kumu CSV files: `-elements.csv` and `-connections.csv`.
///
/// The map's name, its category sectors and care-type definitions have no place in Kumu's CSV;
/// categories new to caremap take their sector from their first element's Sector cell on the
/// way back. Use the .xlsx or JSON formats to keep the vocabularies exactly.
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    Ok(vec![
        Output {
            suffix: "-elements.csv".into(),
            bytes: write_table(&elements_table(network))?,
        },
        Output {
            suffix: "-connections.csv".into(),
            bytes: write_table(&connections_table(network))?,
        },
    ])
}

fn write_table(table: &OutTable) -> Result<Vec<u8>, FormatError> {
    let fail = |e: csv::Error| FormatError::Write {
        format: "kumu-csv",
        message: e.to_string(),
    };
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    writer
        .write_record(table.headers.iter().map(|h| neutralise(h)))
        .map_err(fail)?;
    for row in &table.rows {
        writer
            .write_record(
                row.iter()
                    .map(|v| neutralise(&v.joined().unwrap_or_default())),
            )
            .map_err(fail)?;
    }
    writer.into_inner().map_err(|e| FormatError::Write {
        format: "kumu-csv",
        message: e.to_string(),
    })
}
