//! Safe XML reading, shared by the GEXF and GraphML readers.
//!
//! - No entity is ever expanded but XML's five (`&lt;` ...) and character references: a DOCTYPE
//!   that declares entities is refused before any is used, so neither external entities (XXE) nor
//!   entity bombs ("billion laughs") can do anything.
//! - Nesting is bounded ([`MAX_DEPTH`]), and so is every attribute value and text
//!   ([`Limits::max_field_bytes`]).
//! - Every error names the file and the line, computed from the byte offset.

pub(crate) mod vocabulary;
pub(crate) mod write;

use quick_xml::events::Event as Raw;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::attrs::read::place;
use crate::{FormatError, Limits};

/// How deeply elements may nest. GEXF and GraphML need about ten levels; yEd's graphics a few
/// more.
pub(crate) const MAX_DEPTH: usize = 100;

/// An opening tag: its namespace, local name, attributes (by local name) and line.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    /// The namespace URI, when the element is in one.
    pub ns: Option<String>,
    /// The name without prefix.
    pub local: String,
    /// Attributes by local name, unescaped, without namespace declarations.
    pub attrs: Vec<(String, String)>,
    /// The line the tag starts on, from 1.
    pub line: usize,
}

impl Tag {
    /// The value of the attribute with this local name.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An element read whole, with its children and its text.
#[derive(Debug)]
pub(crate) struct Node {
    /// The opening tag.
    pub tag: Tag,
    /// Child elements in order.
    pub children: Vec<Node>,
    /// All text directly inside, joined.
    pub text: String,
}

impl Node {
    /// Children with this local name.
    pub(crate) fn children_named<'n>(&'n self, local: &'n str) -> impl Iterator<Item = &'n Node> {
        self.children.iter().filter(move |c| c.tag.local == local)
    }

    /// The first child with this local name.
    pub(crate) fn child<'n>(&'n self, local: &str) -> Option<&'n Node> {
        self.children.iter().find(|c| c.tag.local == local)
    }

    /// The first element with this local name at any depth below this one.
    pub(crate) fn find(&self, local: &str) -> Option<&Node> {
        let mut stack: Vec<&Node> = self.children.iter().rev().collect();
        while let Some(n) = stack.pop() {
            if n.tag.local == local {
                return Some(n);
            }
            stack.extend(n.children.iter().rev());
        }
        None
    }
}

/// One step through the document.
#[derive(Debug)]
pub(crate) enum Event {
    /// An element opens (empty elements open and close at once).
    Start(Tag),
    /// The innermost open element closes.
    End,
    /// Text (entities and character references resolved, CDATA included).
    Text(String),
    /// The end of the document.
    Eof,
}

/// A pull reader over one XML file within [`Limits`].
pub(crate) struct XmlReader<'a> {
    reader: NsReader<&'a [u8]>,
    bytes: &'a [u8],
    file: &'a str,
    limits: &'a Limits,
    open: Vec<String>,
    line_cache: (usize, usize),
}

impl<'a> XmlReader<'a> {
    /// A reader of `bytes`, named `file` in messages.
    pub(crate) fn new(file: &'a str, bytes: &'a [u8], limits: &'a Limits) -> Self {
        // quick-xml skips a UTF-8 byte-order mark without counting it in its positions: dropped
        // here, so that positions and lines agree.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = NsReader::from_reader(bytes);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        XmlReader {
            reader,
            bytes,
            file,
            limits,
            open: Vec::new(),
            line_cache: (0, 1),
        }
    }

    /// The line of a byte offset, from 1.
    pub(crate) fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        let (mut at, mut line) = self.line_cache;
        if offset < at {
            (at, line) = (0, 1);
        }
        line += self.bytes[at..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.line_cache = (offset, line);
        line
    }

    /// "map.gexf, line 12".
    pub(crate) fn place(&self, line: usize) -> String {
        place(self.file, format!("line {line}"))
    }

    fn invalid(&mut self, offset: usize, message: impl Into<String>) -> FormatError {
        let line = self.line_at(offset);
        FormatError::invalid(self.place(line), message)
    }

    /// The next event.
    pub(crate) fn next(&mut self) -> Result<Event, FormatError> {
        loop {
            let before = self.reader.buffer_position() as usize;
            let (ns, raw) = match self.reader.read_resolved_event() {
                Ok((ResolveResult::Bound(ns), raw)) => {
                    (Some(String::from_utf8_lossy(ns.as_ref()).into_owned()), raw)
                }
                Ok((_, raw)) => (None, raw),
                Err(e) => {
                    let at = self.reader.error_position() as usize;
                    return Err(self.xml_error(at, &e));
                }
            };
            match raw {
                // Empty elements come as Start and End (`expand_empty_elements`).
                Raw::Start(e) | Raw::Empty(e) => {
                    let line = self.line_at(before);
                    if self.open.len() >= MAX_DEPTH {
                        return Err(FormatError::TooLarge {
                            place: self.place(line),
                            what: format!("elements nested more than {MAX_DEPTH} deep"),
                            limit: format!("{MAX_DEPTH} levels"),
                            hint: "no GEXF or GraphML file nests this deep; check the file".into(),
                        });
                    }
                    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    let mut attrs = Vec::new();
                    for a in e.attributes() {
                        let a = a.map_err(|err| {
                            FormatError::invalid(
                                self.place(line),
                                format!("<{local}> has a malformed attribute: {err}"),
                            )
                        })?;
                        let key = a.key.as_ref();
                        if key == b"xmlns" || key.starts_with(b"xmlns:") {
                            continue;
                        }
                        let name =
                            String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
                        self.limits.check_field(&self.place(line), a.value.len())?;
                        let value = a
                            .decode_and_unescape_value(self.reader.decoder())
                            .map_err(|err| self.xml_error(before, &err))?;
                        attrs.push((name, value.into_owned()));
                    }
                    self.open.push(local.clone());
                    return Ok(Event::Start(Tag {
                        ns,
                        local,
                        attrs,
                        line,
                    }));
                }
                Raw::End(_) => {
                    self.open.pop();
                    return Ok(Event::End);
                }
                Raw::Text(t) => {
                    self.check_text(before, t.len())?;
                    let text = t.xml10_content().map_err(|_| self.not_utf8(before))?;
                    return Ok(Event::Text(text.into_owned()));
                }
                Raw::CData(t) => {
                    self.check_text(before, t.len())?;
                    let text = t.decode().map_err(|_| self.not_utf8(before))?;
                    return Ok(Event::Text(text.into_owned()));
                }
                Raw::GeneralRef(r) => return self.reference(before, &r).map(Event::Text),
                Raw::DocType(d) => {
                    let text = String::from_utf8_lossy(d.as_ref()).to_ascii_uppercase();
                    if text.contains("<!ENTITY") {
                        return Err(self.invalid(
                            before,
                            "the DOCTYPE declares entities (<!ENTITY ...>); caremap never expands \
                             entities, which protects against files that read other files (XXE) \
                             or blow up in memory (\"billion laughs\"): remove the DOCTYPE",
                        ));
                    }
                }
                Raw::Eof => {
                    if let Some(open) = self.open.last().cloned() {
                        return Err(self.invalid(
                            self.bytes.len(),
                            format!("the file ends before <{open}> is closed: it may be cut short"),
                        ));
                    }
                    return Ok(Event::Eof);
                }
                Raw::Decl(_) | Raw::PI(_) | Raw::Comment(_) => {}
            }
        }
    }

    /// Reads up to the document's root element, which must be `<root>` (matched by local name,
    /// so with any namespace or prefix), and returns its tag. Anything else is refused, saying
    /// what was found: an empty file, text that is not XML at all (a CSV, a JSON file, a
    /// workbook), XML with no element, or XML whose first element is another (an HTML page, an
    /// SVG drawing). So no other file is ever read as an empty map. `format` names the format
    /// in messages ("GEXF").
    pub(crate) fn root(&mut self, format: &str, root: &str) -> Result<Tag, FormatError> {
        let file = self.file;
        let not = |what: String| {
            FormatError::invalid(file, format!("this is not a {format} file: {what}"))
        };
        let body = self.bytes;
        if body.starts_with(b"\xFF\xFE") || body.starts_with(b"\xFE\xFF") {
            return Err(FormatError::invalid(
                file,
                format!(
                    "the file is saved as UTF-16, which caremap does not read: save the {format} \
                     file as UTF-8"
                ),
            ));
        }
        match body.iter().position(|b| !b.is_ascii_whitespace()) {
            None => return Err(not("the file is empty".into())),
            Some(i) if body[i] == b'<' => {}
            Some(i) => {
                return Err(not(format!(
                    "it is not XML at all ({})",
                    opening(&body[i..])
                )))
            }
        }
        loop {
            match self.next()? {
                Event::Start(tag) if tag.local == root => return Ok(tag),
                Event::Start(tag) => {
                    return Err(FormatError::invalid(
                        self.place(tag.line),
                        format!(
                            "this is not a {format} file: it starts with <{}>, not <{root}>",
                            tag.local
                        ),
                    ))
                }
                Event::Text(t) if !t.trim().is_empty() => {
                    // The text ends where the reader is; its first line is that many lines up.
                    let end = self.reader.buffer_position() as usize;
                    let below = t.trim_start().matches('\n').count();
                    let line = self.line_at(end).saturating_sub(below).max(1);
                    return Err(FormatError::invalid(
                        self.place(line),
                        format!(
                            "this is not a {format} file: it holds the text '{}' where <{root}> \
                             should start",
                            first_line(&t)
                        ),
                    ));
                }
                Event::Text(_) | Event::End => {}
                Event::Eof => {
                    return Err(not(format!(
                        "it has no <{root}> element (it holds no element at all)"
                    )))
                }
            }
        }
    }

    fn check_text(&mut self, offset: usize, len: usize) -> Result<(), FormatError> {
        if len > self.limits.max_field_bytes {
            let line = self.line_at(offset);
            self.limits.check_field(&self.place(line), len)?;
        }
        Ok(())
    }

    fn not_utf8(&mut self, offset: usize) -> FormatError {
        self.invalid(
            offset,
            "the text is not valid UTF-8: save the file as UTF-8",
        )
    }

    fn reference(
        &mut self,
        offset: usize,
        r: &quick_xml::events::BytesRef,
    ) -> Result<String, FormatError> {
        if r.is_char_ref() {
            return match r.resolve_char_ref() {
                Ok(Some(c)) => Ok(c.to_string()),
                _ => Err(self.invalid(offset, "a character reference (&#...;) is not valid")),
            };
        }
        let name = String::from_utf8_lossy(r.as_ref()).into_owned();
        match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(s) => Ok(s.to_string()),
            None => Err(self.invalid(offset, unknown_entity(&name))),
        }
    }

    fn xml_error(&mut self, offset: usize, e: &quick_xml::Error) -> FormatError {
        use quick_xml::errors::{IllFormedError, SyntaxError};
        use quick_xml::Error as E;
        let message = match e {
            E::Syntax(SyntaxError::UnclosedTag) | E::Syntax(SyntaxError::UnclosedCData) => {
                format!("the file ends in the middle of markup ({e}): it may be cut short")
            }
            E::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                format!("</{found}> closes <{expected}>: the XML is not well formed")
            }
            E::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
                format!("</{name}> closes an element that was never opened")
            }
            E::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
                unknown_entity(name)
            }
            E::Encoding(_) => "the text is not valid UTF-8: save the file as UTF-8".to_string(),
            other => format!("the XML is not well formed: {other}"),
        };
        self.invalid(offset, message)
    }

    /// Reads the element that `tag` opened, with everything inside it, up to its end. It may
    /// hold at most [`Limits::max_rows`] elements, so that one `<node>` cannot fill the memory.
    pub(crate) fn subtree(&mut self, tag: Tag) -> Result<Node, FormatError> {
        let (outer, outer_line) = (tag.local.clone(), tag.line);
        let mut count = 0usize;
        let mut stack = vec![Node {
            tag,
            children: Vec::new(),
            text: String::new(),
        }];
        loop {
            match self.next()? {
                Event::Start(tag) => {
                    count += 1;
                    if count > self.limits.max_rows {
                        return Err(FormatError::TooLarge {
                            place: self.place(outer_line),
                            what: format!("<{outer}> holding {count} elements"),
                            limit: format!("{} elements", self.limits.max_rows),
                            hint: "check the file".into(),
                        });
                    }
                    stack.push(Node {
                        tag,
                        children: Vec::new(),
                        text: String::new(),
                    })
                }
                Event::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        let len = top.text.len() + t.len();
                        if len > self.limits.max_field_bytes {
                            let line = top.tag.line;
                            self.limits.check_field(&self.place(line), len)?;
                        }
                        top.text.push_str(&t);
                    }
                }
                Event::End => {
                    let Some(done) = stack.pop() else {
                        return Err(self.invalid(self.bytes.len(), "unbalanced elements"));
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Event::Eof => {
                    return Err(self.invalid(self.bytes.len(), "the file ends too early"));
                }
            }
        }
    }
}

/// What a file that is not XML starts with, for messages: "it starts with 'id,label,type'"
/// (its first line, cut after 40 characters), or that it is not text at all.
fn opening(bytes: &[u8]) -> String {
    if bytes.starts_with(b"PK\x03\x04") {
        return "it is a zip archive, such as an .xlsx workbook, not text".into();
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let shown = first_line(&text);
    if shown
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r'))
    {
        return "it is not text".into();
    }
    format!("it starts with '{shown}'")
}

/// The first line of `text` with something in it, cut after 40 characters; "..." when more
/// follows.
fn first_line(text: &str) -> String {
    let text = text.trim();
    let line = text.lines().next().unwrap_or("").trim_end();
    let mut shown: String = line.chars().take(40).collect();
    if shown.len() < text.len() {
        shown.push_str("...");
    }
    shown
}

fn unknown_entity(name: &str) -> String {
    format!(
        "the entity '&{name};' is not one XML defines; caremap expands no other entities \
         (external or declared in a DOCTYPE), so the file cannot be read as it is"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(xml: &str) -> Result<Vec<String>, FormatError> {
        let limits = Limits::default();
        let mut r = XmlReader::new("t.xml", xml.as_bytes(), &limits);
        let mut out = Vec::new();
        loop {
            match r.next()? {
                Event::Start(t) => out.push(format!("<{}@{}", t.local, t.line)),
                Event::End => out.push(">".into()),
                Event::Text(t) => out.push(t),
                Event::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn entities_and_char_refs_resolve_and_lines_count() {
        let got = read_all("<a>\n<b x=\"1 &amp; 2\">&lt;&#65;</b></a>").unwrap();
        assert_eq!(got, vec!["<a@1", "\n", "<b@2", "<", "A", ">", ">"]);
    }

    #[test]
    fn entity_declarations_are_refused_with_the_line() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>";
        let err = read_all(xml).unwrap_err().to_string();
        assert!(
            err.starts_with("t.xml, line 2: the DOCTYPE declares entities"),
            "{err}"
        );
    }

    #[test]
    fn a_cut_short_file_names_the_open_element() {
        let err = read_all("<a>\n<b>\n<c/>").unwrap_err().to_string();
        assert!(
            err.contains("line 3") && err.contains("<b> is closed"),
            "{err}"
        );
    }

    fn root_of(xml: &[u8]) -> Result<String, String> {
        let limits = Limits::default();
        let mut r = XmlReader::new("t.gexf", xml, &limits);
        r.root("GEXF", "gexf")
            .map(|t| format!("{}@{}", t.local, t.line))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_root_is_found_past_a_bom_the_prolog_and_a_prefix() {
        let xml = "\u{feff}\n<?xml version=\"1.0\"?>\n<!-- made by hand -->\n\
                   <g:gexf xmlns:g=\"http://gexf.net/1.3\"/>";
        assert_eq!(root_of(xml.as_bytes()).unwrap(), "gexf@4");
    }

    #[test]
    fn a_file_without_the_root_says_what_it_holds_instead() {
        let cases: [(&[u8], &str); 8] = [
            (b"", "t.gexf: this is not a GEXF file: the file is empty"),
            (b" \r\n\t", "t.gexf: this is not a GEXF file: the file is empty"),
            (
                b"id,label\n1,<b>Pantry</b>\n",
                "t.gexf: this is not a GEXF file: it is not XML at all (it starts with 'id,label...')",
            ),
            (
                "A very long first line of plain text, more than forty characters".as_bytes(),
                "t.gexf: this is not a GEXF file: it is not XML at all (it starts with 'A very long first line of plain text, mo...')",
            ),
            (
                b"\x00\x01\x02<gexf/>",
                "t.gexf: this is not a GEXF file: it is not XML at all (it is not text)",
            ),
            (
                b"<?xml version=\"1.0\"?>\n<!-- empty -->\n",
                "t.gexf: this is not a GEXF file: it has no <gexf> element (it holds no element at all)",
            ),
            (
                b"<?xml version=\"1.0\"?>\n\n  Elm Street\nmap\n",
                "t.gexf, line 3: this is not a GEXF file: it holds the text 'Elm Street...' where <gexf> should start",
            ),
            (
                b"<?xml version=\"1.0\"?>\n<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>",
                "t.gexf, line 2: this is not a GEXF file: it starts with <svg>, not <gexf>",
            ),
        ];
        for (xml, expected) in cases {
            assert_eq!(root_of(xml).unwrap_err(), expected);
        }
    }

    #[test]
    fn mismatched_tags_name_the_line() {
        let err = read_all("<a>\n<b></c></a>").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
