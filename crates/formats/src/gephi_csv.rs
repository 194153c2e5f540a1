//! Gephi's node and edge CSV tables (Gephi's "Import spreadsheet").
//!
//! Written as two files: `-nodes.csv` (`Id`, `Label`, then caremap's fields and custom fields)
//! and `-edges.csv` (`Source`, `Target`, `Id`, `Label`, `Type`, `Weight`, then the rest), with
//! columns named by the rule of [`crate::attrs`]. `Type` is `Directed` or `Undirected`; a mutual
//! connection is `Undirected` with `direction` = `mutual`. Several values in a cell are joined
//! with `|` (`\|` and `\\` inside a value). CSV has no place for the map's vocabularies: a
//! `category_sector` column keeps the sector of categories a reader could not know, but the
//! map's name comes from the file name, and its description, date, category descriptions and
//! care-type definitions are not kept.
//!
//! Reading takes one or more files and tells node and edge tables apart by their headers (any
//! case); a comma, semicolon or tab separator is recognised. With no node table, nodes are
//! made from the edges' ends, as Gephi does.
//!
//! Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) are written with a `'` in front, unless the cell is a plain number such as
//! `-3.5`; a cell that starts with `'` followed by one of those characters or by another `'`
//! also gets one. The reader takes one leading `'` off such cells, so every value reads back
//! exactly (see [`neutralise`] and [`restore`]).
//!
//! ```
//! use caremap_core::Network;
//! use caremap_formats::{gephi_csv, Input, Limits};
//!
//! let mut map = Network::new("Elm Street");
//! map.add_element("=Pantry", "grassroots or mutual-aid group");
//! let files = gephi_csv::write(&map).unwrap();
//! assert!(String::from_utf8_lossy(&files[0].bytes).contains("'=Pantry"));
//! let inputs: Vec<Input> = files.iter().map(|f| Input::new(&f.suffix, &f.bytes)).collect();
//! let back = gephi_csv::read(&inputs, &Limits::default()).unwrap();
//! assert_eq!(back.network.elements[0].label, "=Pantry");
//! ```

mod read;
mod write;

use std::borrow::Cow;

use crate::attrs::values::parse_number;
use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::Network;

/// Reads node and edge tables, one or more files.
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    read::read(inputs, limits)
}

/// Writes the map as a node table (suffix `-nodes.csv`) and an edge table (`-edges.csv`).
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    write::write(network)
}

fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

fn needs_mark(rest: &str) -> bool {
    rest.starts_with(is_trigger) || rest.starts_with('\'')
}

/// A cell made safe to open in a spreadsheet: `'` before a cell that would run as a formula
/// (and before a cell that already starts with `'` and such a character, so that [`restore`]
/// gives back exactly what was written). Plain numbers are left as they are.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(is_trigger) && parse_number(cell).is_none();
    let ambiguous = cell.strip_prefix('\'').is_some_and(needs_mark);
    if risky || ambiguous {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralise`]: takes one `'` off a cell that starts with `'` followed by `=`, `+`,
/// `-`, `@`, a tab, a carriage return or another `'`.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_mark(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for cell in [
            "=SUM(A1)", "+44 20", "-x", "@here", "\tx", "\rx", "'=x", "''=x", "'plain", "''", "'",
            "-3.5", "+1", "1e3", "plain", "", "'-3.5",
        ] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-3.5"), "-3.5");
        assert_eq!(neutralise("'plain"), "'plain");
        assert_eq!(restore("'hello"), "'hello");
    }
}
