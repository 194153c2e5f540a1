//! Texts to typed values and back: numbers, yes/no, dates, as graph tools write them.

use chrono::NaiveDate;

/// A number as written by caremap: the shortest text that reads back to the same `f64`.
pub(crate) fn number_text(v: f64) -> String {
    format!("{v}")
}

/// Reads a finite number ("12", "-3.5", "1e3"); `None` for anything else.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    // Rust also reads "inf" and "NaN"; those are not map data.
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads yes/no as people and tools write it; `None` for anything else.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "given" | "paid" => Some(true),
        "false" | "no" | "n" | "0" | "refused" | "gifted" | "unpaid" | "free" => Some(false),
        _ => None,
    }
}

/// Reads a date: `YYYY-MM-DD`, or a date-time whose date part is that (Gephi's `datetime`
/// time format); `None` for anything else.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = t.parse::<NaiveDate>() {
        return Some(d);
    }
    let date_part = t.split(['T', ' ']).next()?;
    if date_part.len() < t.len() {
        return date_part.parse::<NaiveDate>().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_exactly_and_refuse_words() {
        for v in [0.1, -123.456, 1.0, 1e-7, 51.5433] {
            assert_eq!(parse_number(&number_text(v)), Some(v));
        }
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("north"), None);
    }

    #[test]
    fn dates_read_with_or_without_time() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 5).unwrap();
        assert_eq!(parse_date("2023-04-05"), Some(d));
        assert_eq!(parse_date("2023-04-05T00:00:00.000Z"), Some(d));
        assert_eq!(parse_date("2005.0"), None);
    }
}
