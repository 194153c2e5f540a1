//! A test-only builder of .xlsx archives part by part, for workbooks no spreadsheet program would
//! write: a 100 MB shared string, a cell in the last column, a part that is a zip bomb.
#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Writes one part (or one shared string) of the archive.
pub type Writer = Box<dyn Fn(&mut dyn Write)>;

/// One cell: its reference (`"A1"`) and either an index into the shared strings or inline text.
pub enum XCell {
    /// `t="s"`: the n-th shared string.
    Shared(&'static str, usize),
    /// `t="inlineStr"`.
    Inline(String, String),
}

/// A workbook of sheets (name, cells) and shared strings, with extra raw parts; each part is
/// written by a closure so that a 100 MB part never sits in memory.
pub struct Book {
    pub sheets: Vec<(String, Vec<XCell>)>,
    pub shared: Vec<Writer>,
    pub extra: Vec<(String, Writer)>,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn cells_xml(cells: &[XCell]) -> String {
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    for c in cells {
        let (r, xml) = match c {
            XCell::Shared(at, i) => (*at, format!(r#"<c r="{at}" t="s"><v>{i}</v></c>"#)),
            XCell::Inline(at, t) => (
                at.as_str(),
                format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    escape(t)
                ),
            ),
        };
        let row: u32 = r
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap();
        rows.entry(row).or_default().push(xml);
    }
    rows.into_iter()
        .map(|(r, cs)| format!(r#"<row r="{r}">{}</row>"#, cs.concat()))
        .collect()
}

impl Book {
    /// The archive's bytes, every part deflated at the highest level.
    pub fn build(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(9));
        let mut part = |name: &str, write: &dyn Fn(&mut dyn Write)| {
            zip.start_file(name, options).unwrap();
            write(&mut zip);
        };
        part("[Content_Types].xml", &|w| {
            let mut s = String::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
            );
            s.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#);
            w.write_all(s.as_bytes()).unwrap();
        });
        part("_rels/.rels", &|w| {
            write!(w, r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).unwrap();
        });
        let sheets: String = (1..=self.sheets.len())
            .map(|i| {
                format!(
                    r#"<sheet name="{}" sheetId="{i}" r:id="rId{i}"/>"#,
                    escape(&self.sheets[i - 1].0)
                )
            })
            .collect();
        part("xl/workbook.xml", &|w| {
            write!(w, r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>"#).unwrap();
        });
        let n = self.sheets.len();
        part("xl/_rels/workbook.xml.rels", &|w| {
            let mut s = String::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            );
            for i in 1..=n {
                s.push_str(&format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#));
            }
            s.push_str(&format!(r#"<Relationship Id="rId{}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#, n + 1));
            w.write_all(s.as_bytes()).unwrap();
        });
        for (i, (_, cells)) in self.sheets.iter().enumerate() {
            let xml = cells_xml(cells);
            part(&format!("xl/worksheets/sheet{}.xml", i + 1), &|w| {
                write!(w, r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{xml}</sheetData></worksheet>"#).unwrap();
            });
        }
        part("xl/sharedStrings.xml", &|w| {
            write!(
                w,
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">"#
            )
            .unwrap();
            for s in &self.shared {
                w.write_all(b"<si><t>").unwrap();
                s(w);
                w.write_all(b"</t></si>").unwrap();
            }
            w.write_all(b"</sst>").unwrap();
        });
        for (name, write) in &self.extra {
            part(name, write.as_ref());
        }
        zip.finish().unwrap().into_inner()
    }
}

/// A shared string written in pieces: `len` bytes of `byte`.
pub fn repeated(byte: u8, len: usize) -> Writer {
    Box::new(move |w| {
        let chunk = vec![byte; 1 << 20];
        let mut left = len;
        while left > 0 {
            let n = left.min(chunk.len());
            w.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
    })
}

/// A shared string of fixed text.
pub fn text(s: &'static str) -> Writer {
    Box::new(move |w| w.write_all(s.as_bytes()).unwrap())
}
