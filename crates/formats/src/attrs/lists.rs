//! Several values in one text: Gephi's `[a, b]` (GEXF) and the escaped `a|b` (GraphML and
//! Gephi CSV, which have no list type).

/// Writes values as Gephi does: `[a, b]`, a value quoted (`"..."`, with `\` before `"` and `\`)
/// when it is empty, `null`, or holds a space, comma, bracket or quote; no values is `<empty>`.
pub(crate) fn gephi_list(values: &[String]) -> String {
    if values.is_empty() {
        return "<empty>".to_string();
    }
    let parts: Vec<String> = values
        .iter()
        .map(|v| {
            let special = v.trim().is_empty()
                || v == "null"
                || v.contains([' ', ',', '[', ']', '(', ')', '"', '\'', '\\']);
            if special {
                format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                v.clone()
            }
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// Reads Gephi's list syntax (see [`gephi_list`]); a text without brackets that holds `|` is
/// read the older way, split on `|`; any other text is one value.
pub(crate) fn parse_gephi_list(text: &str) -> Vec<String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("<empty>") || t.is_empty() {
        return Vec::new();
    }
    if !t.starts_with('[') {
        if t.contains('|') {
            return t.split('|').map(|p| p.trim().to_string()).collect();
        }
        return vec![t.to_string()];
    }
    let mut out = Vec::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' | ']' | '(' | ')' | ' ' | '\t' | '\r' | '\n' | ',' => {}
            '"' | '\'' => {
                let quote = c;
                let mut value = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        value.push(c);
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == quote {
                        break;
                    } else {
                        value.push(c);
                    }
                }
                out.push(value);
            }
            first => {
                let mut value = String::from(first);
                while let Some(&c) = chars.peek() {
                    if matches!(c, ',' | ']' | ')') {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                out.push(value.trim().to_string());
            }
        }
    }
    out
}

/// Joins values with `|`, writing a `|` or `\` inside a value as `\|` or `\\`.
pub(crate) fn pipe_join(values: &[String]) -> String {
    values
        .iter()
        .map(|v| v.replace('\\', "\\\\").replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Splits a text written by [`pipe_join`]; an empty text is no values. Values are trimmed, so
/// `a | b` (Kumu's way) reads as `a` and `b` (and spaces around a value are not kept).
pub(crate) fn pipe_split(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut value = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next @ ('|' | '\\')) => value.push(next),
                Some(other) => {
                    value.push('\\');
                    value.push(other);
                }
                None => value.push('\\'),
            },
            '|' => out.push(std::mem::take(&mut value)),
            c => value.push(c),
        }
    }
    out.push(value);
    out.into_iter().map(|v| v.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn gephi_lists_round_trip_awkward_values() {
        for items in [
            v(&["a", "b"]),
            v(&["a, b", "c"]),
            v(&["say \"hi\"", "back\\slash", "[x]"]),
            v(&["", "null", "it's"]),
            v(&["one"]),
            v(&[]),
        ] {
            assert_eq!(parse_gephi_list(&gephi_list(&items)), items, "{items:?}");
        }
        assert_eq!(gephi_list(&v(&["a", "b c"])), "[a, \"b c\"]");
    }

    #[test]
    fn gephi_lists_read_as_other_tools_write_them() {
        assert_eq!(parse_gephi_list("[1,2, 3]"), v(&["1", "2", "3"]));
        assert_eq!(parse_gephi_list("food|advice"), v(&["food", "advice"]));
        assert_eq!(parse_gephi_list("plain text"), v(&["plain text"]));
        assert_eq!(parse_gephi_list("<empty>"), v(&[]));
        assert_eq!(parse_gephi_list("[\"unterminated"), v(&["unterminated"]));
    }

    #[test]
    fn pipe_lists_round_trip_pipes_and_backslashes() {
        let items = v(&["a|b", "c\\d", "e"]);
        assert_eq!(pipe_join(&items), "a\\|b|c\\\\d|e");
        assert_eq!(pipe_split(&pipe_join(&items)), items);
        assert_eq!(pipe_split("Food | Advice"), v(&["Food", "Advice"]));
        assert_eq!(pipe_split(""), v(&[]));
    }
}
