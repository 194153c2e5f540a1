//! Small helpers to write figures into plain English sentences.

use caremap_core::analysis::{Count, ElementRef};

/// A whole number with thousands separators: 12345 -> "12,345".
pub fn int(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun, singular or plural: (1, "element") -> "1 element".
pub fn count_of(n: usize, singular: &str) -> String {
    format!("{} {}", int(n), noun(n, singular))
}

/// The noun, plural unless `n` is 1.
pub fn noun(n: usize, singular: &str) -> String {
    if n == 1 {
        singular.to_string()
    } else {
        plural(singular)
    }
}

/// The plural of a category-like name: every "or"-separated part takes a plural
/// ("social enterprise or ethical business" -> "social enterprises or ethical businesses").
pub fn plural(name: &str) -> String {
    name.split(" or ")
        .map(plural_phrase)
        .collect::<Vec<_>>()
        .join(" or ")
}

fn plural_phrase(phrase: &str) -> String {
    match phrase.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", plural_word(last)),
        None => plural_word(phrase),
    }
}

fn plural_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.is_empty() || lower.ends_with("ss") && lower.len() < 3 {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix('y') {
        let before = stem.chars().last().unwrap_or('a');
        if !"aeiouAEIOU".contains(before) {
            return format!("{stem}ies");
        }
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return format!("{word}es");
    }
    format!("{word}s")
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Items joined as English: "A", "A and B", "A, B and C".
pub fn join(items: &[String]) -> String {
    join_with(items, "and")
}

/// Items joined with a chosen last word: ("or") -> "A, B or C".
pub fn join_with(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// Like [`join`] but lists at most `max` items, then "and N more".
pub fn join_max(items: &[String], max: usize) -> String {
    if items.len() <= max {
        return join(items);
    }
    let mut shown: Vec<String> = items[..max].to_vec();
    shown.push(format!("{} more", int(items.len() - max)));
    join(&shown)
}

/// The labels of elements, listed as English with at most `max` named.
pub fn names(elements: &[ElementRef], max: usize) -> String {
    let labels: Vec<String> = elements.iter().map(|e| e.label.clone()).collect();
    join_max(&labels, max)
}

/// "9 of 88 connections (10.2%)".
pub fn of(count: &Count, noun_singular: &str) -> String {
    format!(
        "{} of {} ({})",
        int(count.count),
        count_of(count.of, noun_singular),
        count.percent()
    )
}

/// "41 (46.6%)".
pub fn with_share(count: &Count) -> String {
    format!("{} ({})", int(count.count), count.percent())
}

/// "1 is" / "3 are", for "N of them is/are ...".
pub fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// The verb agreeing with a count: `agree(1, "offers", "offer")` -> "offers".
pub fn agree(n: usize, singular: &'static str, plural: &'static str) -> &'static str {
    if n == 1 {
        singular
    } else {
        plural
    }
}

/// A number with a fixed count of decimals.
pub fn dec(value: f64, places: usize) -> String {
    if value.is_finite() {
        format!("{value:.places$}")
    } else {
        "n/a".to_string()
    }
}

/// A share (0 to 1) as a percentage with one decimal.
pub fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// "none", "one", "two" ... for small counts in running text; figures above ten stay digits.
pub fn word_number(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS.get(n).map_or_else(|| int(n), |w| (*w).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_default_categories() {
        assert_eq!(plural("statutory service"), "statutory services");
        assert_eq!(
            plural("community charity or not-for-profit"),
            "community charities or not-for-profits"
        );
        assert_eq!(
            plural("social enterprise or ethical business"),
            "social enterprises or ethical businesses"
        );
        assert_eq!(plural("care team"), "care teams");
        assert_eq!(plural("Library"), "Libraries");
        assert_eq!(plural("day"), "days");
    }

    #[test]
    fn lists_and_numbers() {
        let v: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
        assert_eq!(join(&v), "A, B and C");
        assert_eq!(join_max(&v, 2), "A, B and 1 more");
        assert_eq!(int(1234567), "1,234,567");
        assert_eq!(count_of(1, "element"), "1 element");
        assert_eq!(
            of(&Count::new(9, 88), "connection"),
            "9 of 88 connections (10.2%)"
        );
    }
}
