//! Reading one cell as a date, a number, yes/no or a list, the way people fill spreadsheets in.
//! Each parser returns `Ok(None)` for an empty cell and `Err(message)` for text it cannot read,
//! so the caller can warn and leave the field empty.

use super::sheet::{number_text, Cell};
use chrono::{Duration, NaiveDate};

/// The values of a cell: split on `|` when `pipe_lists`, trimmed, empty ones dropped.
pub(crate) fn parts(cell: &Cell, pipe_lists: bool) -> Vec<String> {
    let pieces: Vec<String> = match cell {
        Cell::List(items) => items.clone(),
        Cell::Text(t) if pipe_lists => t.split('|').map(str::to_string).collect(),
        other => other.raw_text().into_iter().collect(),
    };
    pieces
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A date: a date cell, an Excel serial number, ISO `2024-03-05` (a time after it is ignored),
/// or day first `05/03/2024`, `5-3-24`, `5.3.2024`.
pub(crate) fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => excel_serial(*n)
            .map(Some)
            .ok_or_else(|| format!("{} is not a date", number_text(*n))),
        other => match other.text() {
            None => Ok(None),
            Some(t) => parse_date_text(&t).map(Some).ok_or_else(|| {
                format!("'{t}' is not a date (write it as 2024-03-05 or 05/03/2024)")
            }),
        },
    }
}

fn parse_date_text(t: &str) -> Option<NaiveDate> {
    // "2024-03-05T10:00:00Z" and "2024-03-05 10:00": the day is what counts.
    let day = t.split(['T', ' ']).next().unwrap_or(t);
    let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 1..=2) => (n(a)?, n(b)?, n(c)?),
        (1..=2, 4) => (n(c)?, n(b)?, n(a)?),
        // Two-digit years: 00 to 69 are this century, as spreadsheets read them.
        (1..=2, 2) => {
            let yy = n(c)?;
            (if yy < 70 { 2000 + yy } else { 1900 + yy }, n(b)?, n(a)?)
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The day an Excel serial number stands for (1900 system), within years 1900 to 9999.
pub(crate) fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !n.is_finite() || !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    // Excel counts from 1899-12-31 and believes 1900 was a leap year: serials from 61 on are
    // one day ahead, so counting from 1899-12-30 is right for every date after February 1900.
    let days = n.floor() as i64;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, if days < 61 { 31 } else { 30 })?;
    epoch.checked_add_signed(Duration::days(days))
}

/// A finite number: a number cell or text such as `51.5`.
pub(crate) fn number(cell: &Cell) -> Result<Option<f64>, String> {
    match cell {
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Number(n) => Err(format!("{n} is not a usable number")),
        other => match other.text() {
            None => Ok(None),
            Some(t) => match t.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Some(v)),
                _ => Err(format!("'{t}' is not a number")),
            },
        },
    }
}

/// Paid or gifted: `yes`/`paid`/`true`/`1` is paid, `no`/`gifted`/`unpaid`/`false`/`0` is gifted.
pub(crate) fn paid(cell: &Cell) -> Result<Option<bool>, String> {
    yes_no(cell, &["paid"], &["gifted", "unpaid", "free"])
        .map_err(|t| format!("paid '{t}' is not one of paid, gifted, yes, no"))
}

/// Consent: `yes`/`given`/`true`/`1`, or `no`/`refused`/`false`/`0`.
pub(crate) fn consent(cell: &Cell) -> Result<Option<bool>, String> {
    yes_no(cell, &["given"], &["refused", "notgiven", "withdrawn"])
        .map_err(|t| format!("consent '{t}' is not yes or no"))
}

fn yes_no(cell: &Cell, extra_yes: &[&str], extra_no: &[&str]) -> Result<Option<bool>, String> {
    match cell {
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        other => {
            let Some(t) = other.text() else {
                return Ok(None);
            };
            let s = super::columns::simplify(&t);
            if matches!(s.as_str(), "yes" | "y" | "true" | "1") || extra_yes.contains(&s.as_str()) {
                Ok(Some(true))
            } else if matches!(s.as_str(), "no" | "n" | "false" | "0")
                || extra_no.contains(&s.as_str())
            {
                Ok(Some(false))
            } else {
                Err(t)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn dates_in_the_shapes_people_type() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5);
        for t in [
            "2024-03-05",
            "05/03/2024",
            "5/3/2024",
            "5-3-24",
            "5.3.2024",
            "2024-03-05T10:00:00Z",
        ] {
            assert_eq!(date(&text(t)), Ok(d), "{t}");
        }
        assert_eq!(date(&Cell::Number(45356.0)), Ok(d));
        assert_eq!(date(&text("")), Ok(None));
        assert!(date(&text("next Tuesday"))
            .unwrap_err()
            .contains("'next Tuesday'"));
        assert!(date(&Cell::Number(1e300)).is_err());
        assert!(date(&text("31/02/2024")).is_err());
        assert!(date(&text("2024")).is_err());
    }

    #[test]
    fn paid_and_consent() {
        assert_eq!(paid(&text("Gifted")), Ok(Some(false)));
        assert_eq!(paid(&text("PAID")), Ok(Some(true)));
        assert_eq!(paid(&text("1")), Ok(Some(true)));
        assert_eq!(paid(&text("")), Ok(None));
        assert!(paid(&text("sometimes")).is_err());
        assert_eq!(consent(&text("yes")), Ok(Some(true)));
        assert_eq!(consent(&Cell::Bool(false)), Ok(Some(false)));
    }

    #[test]
    fn parts_split_on_pipes_only_in_spreadsheets() {
        assert_eq!(parts(&text(" a | b ||c"), true), vec!["a", "b", "c"]);
        assert_eq!(parts(&text("a | b"), false), vec!["a | b"]);
        assert_eq!(
            parts(&Cell::List(vec!["a|b".into(), " ".into()]), true),
            vec!["a|b"]
        );
        assert_eq!(parts(&Cell::Number(3.0), true), vec!["3"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(number(&text(" -3.25 ")), Ok(Some(-3.25)));
        assert!(number(&text("NaN")).is_err());
        assert!(number(&text("twelve")).is_err());
    }
}
