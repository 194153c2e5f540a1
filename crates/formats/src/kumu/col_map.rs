//! Which column of a sheet is which field: done once per sheet, shared by the elements and
//! connections readers.

use super::columns::{custom_name, Kind};
use super::reading::Reading;
use super::sheet::{column_letter, Cell, Row, Sheet};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::Hash;

/// What one column of a sheet holds.
pub(crate) enum Col<C> {
    /// One of the reserved columns.
    Reserved(C),
    /// A custom field with this name.
    Custom(String),
    /// Nothing to read (no header, or a repeated one).
    Skip,
}

/// How many header-less columns are named one by one before the rest are counted.
const NAMED_COLUMNS: usize = 10;

/// Maps each header of `sheet` to a column, warning about repeated headers and about values
/// under no header.
pub(crate) fn map_columns<C: Copy + Eq + Hash>(
    r: &mut Reading,
    sheet: &Sheet,
    kind: Kind,
    reserved: fn(&str) -> Option<C>,
) -> Vec<Col<C>> {
    let place = sheet.header_place();
    let mut seen: HashMap<C, String> = HashMap::new();
    let mut seen_custom: HashSet<String> = HashSet::new();
    let mut cols = Vec::with_capacity(sheet.headers.len());
    for header in &sheet.headers {
        if header.trim().is_empty() {
            cols.push(Col::Skip);
            continue;
        }
        let col = match reserved(header) {
            Some(c) => {
                match seen.get(&c) {
                    None => {
                        seen.insert(c, header.clone());
                        Col::Reserved(c)
                    }
                    Some(first) => {
                        r.warn(&place, format!("column '{header}' repeats column '{first}': only the first was read"));
                        Col::Skip
                    }
                }
            }
            None => {
                let name = custom_name(kind, header);
                if seen_custom.insert(name.clone()) {
                    Col::Custom(name)
                } else {
                    r.warn(
                        &place,
                        format!("column '{header}' appears twice: only the first was read"),
                    );
                    Col::Skip
                }
            }
        };
        cols.push(col);
    }
    let headless: BTreeSet<usize> = sheet
        .rows
        .iter()
        .flat_map(|row| row.cells.iter().map(|(i, _)| *i))
        .filter(|i| sheet.headers.get(*i).is_none_or(|h| h.trim().is_empty()))
        .collect();
    for i in headless.iter().take(NAMED_COLUMNS) {
        r.warn(
            &place,
            format!(
                "column {} has no header: its values were not read",
                column_letter(*i)
            ),
        );
    }
    if headless.len() > NAMED_COLUMNS {
        r.warn(
            &place,
            format!(
                "{} more columns have no header: their values were not read",
                headless.len() - NAMED_COLUMNS
            ),
        );
    }
    cols
}

/// A row's cells sorted by column: the reserved ones by column, the custom ones in order.
pub(crate) struct RowCells<'a, C> {
    reserved: HashMap<C, &'a Cell>,
    /// The custom fields' names and cells, in column order.
    pub custom: Vec<(&'a str, &'a Cell)>,
}

impl<'a, C: Copy + Eq + Hash> RowCells<'a, C> {
    /// Sorts the cells of `row` by `cols`.
    pub(crate) fn new(cols: &'a [Col<C>], row: &'a Row) -> Self {
        let mut reserved = HashMap::new();
        let mut custom = Vec::new();
        for (i, cell) in &row.cells {
            match cols.get(*i) {
                Some(Col::Reserved(c)) => {
                    reserved.insert(*c, cell);
                }
                Some(Col::Custom(name)) => custom.push((name.as_str(), cell)),
                _ => {}
            }
        }
        RowCells { reserved, custom }
    }

    /// The cell of reserved column `c` (empty when the sheet has no such column).
    pub(crate) fn get(&self, c: C) -> &'a Cell {
        self.reserved.get(&c).copied().unwrap_or(&Cell::Empty)
    }
}
