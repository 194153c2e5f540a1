//! A table as every Kumu reader sees it, whatever the file: a header row and rows of cells.
//!
//! The .xlsx, .csv and JSON readers each turn their file into [`Sheet`]s; the column rules are
//! then written once, in `read_elements` and `read_connections`.

use chrono::NaiveDate;

/// One cell's value, as the file typed it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (in a spreadsheet, several values may be separated by `|`).
    Text(String),
    /// A number cell (.xlsx) or a JSON number.
    Number(f64),
    /// A true/false cell.
    Bool(bool),
    /// A date cell (.xlsx).
    Date(NaiveDate),
    /// Several values (a JSON array).
    List(Vec<String>),
}

impl Cell {
    /// True when the cell holds nothing, or only spaces.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::List(l) => l.iter().all(|s| s.trim().is_empty()),
            _ => false,
        }
    }

    /// The cell as text, exactly as stored (numbers without a needless `.0`); `None` when blank.
    pub(crate) fn raw_text(&self) -> Option<String> {
        if self.is_blank() {
            return None;
        }
        Some(match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::List(l) => l.join(" | "),
        })
    }

    /// The cell as trimmed text; `None` when blank.
    pub(crate) fn text(&self) -> Option<String> {
        self.raw_text().map(|t| t.trim().to_string())
    }

    /// How many bytes the cell holds, for the field-length limit.
    pub(crate) fn len(&self) -> usize {
        match self {
            Cell::Text(t) => t.len(),
            Cell::List(l) => l.iter().map(String::len).sum(),
            _ => 0,
        }
    }
}

/// A number as a person writes it: `12` rather than `12.0`, otherwise the shortest exact form.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One row of a sheet, with the number a person would look for. Cells are kept sparse (column
/// index and value, blanks left out) so that a hostile sheet with a cell in its last column
/// costs no more than one with a cell in its first.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The row's number in the file: the spreadsheet row, the CSV line, or the item's position.
    pub number: usize,
    /// The non-blank cells with their column index, in column order.
    pub cells: Vec<(usize, Cell)>,
}

impl Row {
    /// A row from its cells in column order.
    pub(crate) fn new(number: usize, cells: Vec<Cell>) -> Row {
        Row {
            number,
            cells: cells
                .into_iter()
                .enumerate()
                .filter(|(_, c)| !c.is_blank())
                .collect(),
        }
    }

    /// A row from cells at given columns, in any order; of two cells in one column the first is
    /// kept.
    pub(crate) fn from_sparse(number: usize, mut cells: Vec<(usize, Cell)>) -> Row {
        cells.retain(|(_, c)| !c.is_blank());
        cells.sort_by_key(|(i, _)| *i);
        cells.dedup_by_key(|(i, _)| *i);
        Row { number, cells }
    }

    /// The cell in column `i` (empty when there is none).
    pub(crate) fn cell(&self, i: usize) -> &Cell {
        const EMPTY: Cell = Cell::Empty;
        match self.cells.binary_search_by_key(&i, |(j, _)| *j) {
            Ok(k) => &self.cells[k].1,
            Err(_) => &EMPTY,
        }
    }

    /// True when every cell is blank.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }
}

/// How rows are named in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RowName {
    /// `"Elements sheet, row 14"`.
    Row,
    /// `"map.csv, line 14"`.
    Line,
    /// `"map.json, element 3"`: the word is the kind of item.
    Item(&'static str),
}

/// A table read from a file: a name, a header row and rows of cells.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    /// The sheet's own name (the workbook tab, or the file name); decides `(ignore)`.
    pub name: String,
    /// How the sheet is named in messages: `"Elements sheet"`, `"map-connections.csv"`.
    pub place: String,
    /// How its rows are named in messages.
    pub row_name: RowName,
    /// The header cells, as written (trimmed).
    pub headers: Vec<String>,
    /// The rows below the header, in file order.
    pub rows: Vec<Row>,
    /// True when text cells may hold several values separated by `|` (spreadsheets); false
    /// when lists are real lists (JSON arrays).
    pub pipe_lists: bool,
}

impl Sheet {
    /// Where row `number` is, as a person would look for it.
    pub(crate) fn place_of(&self, number: usize) -> String {
        match self.row_name {
            RowName::Row => format!("{}, row {number}", self.place),
            RowName::Line => format!("{}, line {number}", self.place),
            RowName::Item(word) => format!("{}, {word} {number}", self.place),
        }
    }

    /// Where the header row is.
    pub(crate) fn header_place(&self) -> String {
        match self.row_name {
            RowName::Row => format!("{}, header row", self.place),
            RowName::Line => format!("{}, line 1 (header)", self.place),
            RowName::Item(_) => self.place.clone(),
        }
    }
}

/// The letter name of a zero-based spreadsheet column: 0 is `A`, 26 is `AA`.
pub(crate) fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(-0.5), "-0.5");
        assert_eq!(number_text(51.5072), "51.5072");
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
