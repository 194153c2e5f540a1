//! Keeping CSV cells from running as spreadsheet formulas, reversibly.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
//! a formula. The writer puts an apostrophe in front of such a cell (spreadsheets show
//! `'=SUM(A1)` as the text `=SUM(A1)`), and the reader takes exactly one apostrophe off again.
//!
//! The rule stays unambiguous because it also applies to cells that already start with
//! apostrophes before such a character: a cell is *guarded* when, after any leading apostrophes,
//! it starts with one of the six characters. The writer adds one apostrophe to every guarded
//! cell whose text is not a plain number; the reader removes one from every guarded cell that
//! starts with an apostrophe. So `'=x` is written `''=x` and read back as `'=x`, while text such
//! as `'Tis` (no formula character after the apostrophe) is never touched. Plain numbers such as
//! `-3.5` are not formulas and are written as they are.

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn guarded(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(TRIGGERS)
}

fn plain_number(cell: &str) -> bool {
    cell.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))
        && cell.chars().any(|c| c.is_ascii_digit())
        && cell.parse::<f64>().is_ok()
}

/// The cell as a CSV file should hold it: safe to open in a spreadsheet.
pub(crate) fn neutralise(cell: &str) -> String {
    if guarded(cell) && !plain_number(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell's text as it was before [`neutralise`].
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if guarded(cell) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for cell in [
            "=SUM(A1:A3)",
            "+44 20",
            "-",
            "@here",
            "\tx",
            "\rx",
            "'=x",
            "''=x",
            "'Tis",
            "plain",
            "-3.5",
            "+1e5",
            "'",
            "",
            "-inf",
            "=",
            "'-3",
        ] {
            let written = neutralise(cell);
            assert!(
                !written.starts_with(TRIGGERS) || plain_number(&written),
                "{cell:?} written as {written:?}"
            );
            assert_eq!(restore(&written), cell, "{cell:?} via {written:?}");
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-3.5"), "-3.5");
        assert_eq!(restore("'Tis"), "'Tis");
    }
}
