//! Small helpers shared by every SVG and HTML writer: escaping, numbers, text width.

use std::fmt::Write;

/// The font stack of every drawing and of the page: system fonts only, nothing fetched.
pub const FONT: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/// Escapes text for HTML and XML, in element content and in quoted attributes alike.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0; drop them.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, without a trailing ".0".
pub fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// An estimate of the width of `text` at `size` px in a sans-serif font (no font metrics are
/// available here; the estimate leans wide so labels rarely overflow).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | ':' | ';' | '!' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.38,
            'm' | 'w' | 'M' | 'W' | '@' => 0.88,
            c if c.is_uppercase() => 0.68,
            c if c.is_ascii_digit() => 0.56,
            _ => 0.54,
        })
        .sum::<f64>()
        * size
        * 1.1
}

/// Shortens `text` to fit `width` px at `size`, ending with "…" when cut.
pub fn fit(text: &str, size: f64, width: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, size) + 0.6 * size > width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

/// Splits `text` into at most `lines` lines of at most `width` px, the last one shortened.
pub fn wrap(text: &str, size: f64, width: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size) <= width || current.is_empty() {
            current = candidate;
        } else {
            out.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(rest);
    }
    if let Some(last) = out.last_mut() {
        *last = fit(last, size, width);
    }
    out
}

/// Writes a text with a white halo (drawn under the letters) so it reads over lines and shapes.
pub fn halo_text(
    out: &mut String,
    x: f64,
    y: f64,
    size: f64,
    anchor: &str,
    weight: &str,
    text: &str,
) {
    let _ = write!(
        out,
        r##"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" font-weight="{weight}" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
        num(x),
        num(y),
        num(size),
        esc(text)
    );
}

/// The opening of an accessible SVG: role, size, title and description linked by id.
pub fn open(
    out: &mut String,
    id: &str,
    width: f64,
    height: f64,
    title: &str,
    desc: &str,
    standalone: bool,
) {
    let ns = if standalone {
        r#" xmlns="http://www.w3.org/2000/svg""#
    } else {
        ""
    };
    let _ = write!(
        out,
        r#"<svg{ns} viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{font}"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        w = num(width),
        h = num(height),
        font = esc(FONT),
        title = esc(title),
        desc = esc(desc),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn numbers_and_wrapping() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.345), "2.3");
        let lines = wrap(
            "Wellness, Emotional & Mental Health Support",
            12.0,
            150.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(fit("A very long label indeed", 12.0, 60.0).ends_with('…'));
    }
}
