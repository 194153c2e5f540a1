//! A small indenting XML writer that escapes everything it is given and refuses characters XML
//! cannot hold.

use crate::FormatError;

/// Builds an XML document as text.
pub(crate) struct XmlWriter {
    out: String,
    depth: usize,
    context: String,
    problem: Option<String>,
}

impl XmlWriter {
    /// A document with the XML declaration written.
    pub(crate) fn new() -> Self {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
            context: String::from("the map"),
            problem: None,
        }
    }

    /// Names what is being written ("element 'Rosa' (e4)"), for the error if a value holds a
    /// character XML cannot hold.
    pub(crate) fn context(&mut self, context: String) {
        self.context = context;
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.escape(v, true);
            self.out.push('"');
        }
    }

    /// `<name a="v">` and a new line; children follow, indented.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `<name a="v"/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name a="v">text</name>`.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        self.escape(text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// The document's bytes, or the first value XML could not hold.
    pub(crate) fn finish(self, format: &'static str) -> Result<Vec<u8>, FormatError> {
        match self.problem {
            Some(message) => Err(FormatError::Write { format, message }),
            None => Ok(self.out.into_bytes()),
        }
    }

    fn escape(&mut self, text: &str, in_attribute: bool) {
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '"' if in_attribute => self.out.push_str("&quot;"),
                // Readers turn raw line breaks and tabs in attributes into spaces, and raw
                // carriage returns anywhere into line feeds: references keep them as they are.
                '\n' if in_attribute => self.out.push_str("&#10;"),
                '\t' if in_attribute => self.out.push_str("&#9;"),
                '\r' => self.out.push_str("&#13;"),
                c if is_forbidden(c) => {
                    if self.problem.is_none() {
                        self.problem = Some(format!(
                            "{}: the value {:?} holds the control character U+{:04X}, which XML \
                             cannot hold: remove it and export again",
                            self.context,
                            text.chars().take(40).collect::<String>(),
                            c as u32
                        ));
                    }
                }
                c => self.out.push(c),
            }
        }
    }
}

fn is_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_control_characters_refused() {
        let mut w = XmlWriter::new();
        w.leaf("a", &[("v", "1 < 2 \"q\"\nx")], "a & b\r");
        let text = String::from_utf8(w.finish("t").unwrap()).unwrap();
        assert!(text.contains("<a v=\"1 &lt; 2 &quot;q&quot;&#10;x\">a &amp; b&#13;</a>"));
        let mut w = XmlWriter::new();
        w.context("element 'A' (e1)".into());
        w.leaf("a", &[], "bell\u{7}");
        let err = w.finish("gexf").unwrap_err().to_string();
        assert!(
            err.contains("element 'A' (e1)") && err.contains("U+0007"),
            "{err}"
        );
    }
}
