//! Kumu workbooks (.xlsx): sheets of elements and connections, plus caremap's own `(ignore)`
//! sheets that carry the map's name, categories and care types (Kumu skips them).
//!
//! Reading: the archive is inspected first (size and zip-bomb limits), then each sheet is read
//! cell by cell with calamine (never as a dense grid, so a stray cell in column XFD costs
//! nothing), and the shared Kumu column rules apply (see the `kumu` module and
//! `docs/formats.md`). Writing uses rust_xlsxwriter: sheets `Elements`, `Connections`,
//! `Map (ignore)`, `Categories (ignore)` and `Care Types (ignore)`, ID column first.

use crate::kumu::sheet::{column_letter, number_text, Cell, Row, RowName, Sheet};
use crate::kumu::write::{connections_table, elements_table, Out, OutTable};
use crate::kumu::{self, file_stem, vocab, zip_guard};
use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use calamine::{DataRef, Reader, Xlsx};
use caremap_core::{Network, Warning};
use rust_xlsxwriter::{Format, Workbook};
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};

/// Reads one or more Kumu workbooks into one map.
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    let mut sheets = Vec::new();
    let mut warnings = Vec::new();
    for input in inputs {
        zip_guard::check(input.name, input.bytes, limits)?;
        let several = inputs.len() > 1;
        // calamine 0.31 can panic on a damaged sheet (an index out of bounds in its cell
        // reader): that is a broken file, not a broken caremap, so it becomes an error.
        let read = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut found = Vec::new();
            read_workbook(input, limits, several, &mut found).map(|s| (s, found))
        }));
        let (found, mut noted) = match read {
            Ok(result) => result?,
            Err(payload) => return Err(damaged(input.name, payload.as_ref())),
        };
        sheets.extend(found);
        warnings.append(&mut noted);
    }
    let default_name = inputs
        .first()
        .map(|i| file_stem(i.name))
        .unwrap_or_default();
    let mut tables = kumu::sort_sheets(sheets, &default_name);
    warnings.append(&mut tables.warnings);
    tables.warnings = warnings;
    tables.files = inputs.iter().map(|i| i.name.to_string()).collect();
    kumu::build(tables, limits)
}

fn damaged(name: &str, payload: &(dyn std::any::Any + Send)) -> FormatError {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no reason given".into());
    FormatError::invalid(
        name,
        format!("the workbook is damaged and its sheets cannot be read (the .xlsx reader failed: {why}): open it in your spreadsheet program and save it again, or export CSV"),
    )
}

fn unreadable(name: &str, e: impl std::fmt::Display) -> FormatError {
    FormatError::invalid(
        name,
        format!("not a readable .xlsx workbook ({e}): save it again from your spreadsheet program as .xlsx, or export CSV"),
    )
}

fn read_workbook(
    input: &Input,
    limits: &Limits,
    name_the_file: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Sheet>, FormatError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(input.bytes)).map_err(|e| unreadable(input.name, e))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let place = if name_the_file {
            format!("{}: {name} sheet", input.name)
        } else {
            format!("{name} sheet")
        };
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(&place, e))?;
        let mut rows: BTreeMap<u32, Vec<(usize, Cell)>> = BTreeMap::new();
        // The first row with anything in it is the header row: its names make better places.
        let mut header: Option<(u32, HashMap<u32, String>)> = None;
        while let Some(c) = reader.next_cell().map_err(|e| unreadable(&place, e))? {
            let (r, col) = c.get_position();
            let column = column_letter(col as usize);
            let named = header
                .as_ref()
                .and_then(|(_, names)| names.get(&col))
                .map_or(String::new(), |n| format!(" ({n})"));
            let cell_place = format!("{place}, row {}, column {column}{named}", u64::from(r) + 1);
            let cell = match convert(c.get_value()) {
                Ok(cell) => cell,
                Err(message) => {
                    warnings.push(Warning::new(cell_place, message));
                    continue;
                }
            };
            if cell.is_blank() {
                continue;
            }
            limits.check_field(&cell_place, cell.len())?;
            let (header_row, names) = header.get_or_insert_with(|| (r, HashMap::new()));
            if *header_row == r {
                names.insert(col, cell.text().unwrap_or_default());
            }
            if !rows.contains_key(&r) {
                // The header row is not counted.
                limits.check_rows(&place, rows.len())?;
            }
            rows.entry(r).or_default().push((col as usize, cell));
        }
        sheets.push(to_sheet(name, place, rows));
    }
    Ok(sheets)
}

/// The first row with anything in it is the header row.
fn to_sheet(name: String, place: String, rows: BTreeMap<u32, Vec<(usize, Cell)>>) -> Sheet {
    let mut rows = rows.into_iter();
    let headers = match rows.next() {
        Some((_, cells)) => {
            let header = Row::from_sparse(0, cells);
            let width = header.cells.last().map_or(0, |(i, _)| i + 1);
            (0..width)
                .map(|i| header.cell(i).text().unwrap_or_default())
                .collect()
        }
        None => Vec::new(),
    };
    Sheet {
        name,
        place,
        row_name: RowName::Row,
        headers,
        rows: rows
            .map(|(r, cells)| Row::from_sparse(r as usize + 1, cells))
            .collect(),
        pipe_lists: true,
    }
}

fn convert(value: &DataRef) -> Result<Cell, String> {
    Ok(match value {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => {
            let serial = d.as_f64();
            if d.is_datetime() && (0.0..2_958_466.0).contains(&serial) {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                match chrono::NaiveDate::from_ymd_opt(y.into(), m.into(), day.into()) {
                    Some(date) => Cell::Date(date),
                    None => Cell::Number(serial),
                }
            } else {
                Cell::Number(serial)
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => {
            return Err(format!(
                "the cell holds the spreadsheet error {e}: read as empty"
            ))
        }
        DataRef::Empty => Cell::Empty,
    })
}

/// Writes `network` as a Kumu workbook.
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    let tables = [
        elements_table(network),
        connections_table(network),
        vocab::map_table(network),
        vocab::categories_table(network),
        vocab::care_types_table(network),
    ];
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for table in &tables {
        write_sheet(&mut book, table, &bold)?;
    }
    let bytes = book
        .save_to_buffer()
        .map_err(|e| write_error(format!("{e}")))?;
    Ok(vec![Output {
        suffix: String::new(),
        bytes,
    }])
}

fn write_error(message: String) -> FormatError {
    FormatError::Write {
        format: "kumu-xlsx",
        message,
    }
}

/// Excel's own bounds: 1,048,576 rows and 16,384 columns.
const MAX_ROWS: usize = 1_048_575;
const MAX_COLUMNS: usize = 16_384;

fn write_sheet(book: &mut Workbook, table: &OutTable, bold: &Format) -> Result<(), FormatError> {
    if table.rows.len() > MAX_ROWS || table.headers.len() > MAX_COLUMNS {
        return Err(write_error(format!(
            "the {} sheet would have {} rows and {} columns; a workbook holds at most {MAX_ROWS} rows and {MAX_COLUMNS} columns: export CSV instead",
            table.name,
            table.rows.len() + 1,
            table.headers.len()
        )));
    }
    let sheet = book.add_worksheet();
    sheet
        .set_name(table.name)
        .map_err(|e| write_error(e.to_string()))?;
    let fail = |row: usize, col: usize, e: rust_xlsxwriter::XlsxError| {
        let header = table.headers.get(col).map_or("", String::as_str);
        write_error(format!(
            "{} sheet, row {}, column {header}: {e}",
            table.name,
            row + 1
        ))
    };
    for (col, header) in table.headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, header, bold)
            .map_err(|e| fail(0, col, e))?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = (i + 1) as u32;
        for (col, value) in row.iter().enumerate() {
            let c = col as u16;
            let written = match value {
                Out::Empty => continue,
                Out::Number(n) if n.is_finite() => sheet.write_number(r, c, *n).map(|_| ()),
                Out::Number(n) => sheet.write_string(r, c, number_text(*n)).map(|_| ()),
                other => sheet
                    .write_string(r, c, other.joined().unwrap_or_default())
                    .map(|_| ()),
            };
            written.map_err(|e| fail(i + 1, col, e))?;
        }
    }
    sheet
        .set_freeze_panes(1, 0)
        .map_err(|e| write_error(e.to_string()))?;
    Ok(())
}
