//! Readers and writers for every file format caremap speaks.
//!
//! Bytes in, a [`Network`] plus warnings out; a network in, bytes out. No file system access:
//! the command line and the server hand over the bytes. Every reader bounds what it accepts
//! ([`Limits`]) and reports the limit it hit; every writer's output reads back with nothing lost.
//!
//! ```
//! use caremap_core::Network;
//! use caremap_formats::{read, write, Format, Input};
//!
//! let mut map = Network::new("Elm Street");
//! map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! let files = write(Format::Graphology, &map).unwrap();
//! let back = read(Format::Graphology, &[Input::new("map.json", &files[0].bytes)]).unwrap();
//! assert_eq!(back.network.elements[0].label, "Elm Street Pantry");
//! ```

mod attrs;
pub mod caremap_json;
pub mod error;
pub mod gephi_csv;
pub mod gexf;
pub mod graphml;
pub mod graphology;
pub mod kumu_csv;
pub mod kumu_json;
pub mod kumu_xlsx;
pub mod limits;
pub mod merge;

mod json_limits;
mod kumu;
mod xml;

use caremap_core::{Network, Warning};

pub use error::FormatError;
pub use limits::Limits;

/// The formats caremap reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// caremap's own lossless JSON (`.json` by default).
    Caremap,
    /// A Kumu workbook with Elements and Connections sheets (`.xlsx`).
    KumuXlsx,
    /// Kumu CSV sheets: one file of elements, one of connections (`.csv`).
    KumuCsv,
    /// Kumu JSON: the simple blueprint, or the full project backup (read only).
    KumuJson,
    /// Gephi's GEXF 1.2 and 1.3 (`.gexf`).
    Gexf,
    /// GraphML (`.graphml`).
    GraphMl,
    /// graphology's serialised JSON, also read by Gephi Lite and the browser map.
    Graphology,
    /// Gephi's node and edge CSV tables.
    GephiCsv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 8] = [
        Format::Caremap,
        Format::KumuXlsx,
        Format::KumuCsv,
        Format::KumuJson,
        Format::Gexf,
        Format::GraphMl,
        Format::Graphology,
        Format::GephiCsv,
    ];

    /// The name used by `--to` and the API: `caremap`, `kumu-xlsx`, `kumu-csv`, `kumu-json`,
    /// `gexf`, `graphml`, `graphology`, `gephi-csv`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Caremap => "caremap",
            Format::KumuXlsx => "kumu-xlsx",
            Format::KumuCsv => "kumu-csv",
            Format::KumuJson => "kumu-json",
            Format::Gexf => "gexf",
            Format::GraphMl => "graphml",
            Format::Graphology => "graphology",
            Format::GephiCsv => "gephi-csv",
        }
    }

    /// The format with this name (see [`Format::name`]); also accepts `xlsx`, `csv`, `json`.
    pub fn from_name(name: &str) -> Option<Format> {
        let n = name.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == n)
            .or(match n.as_str() {
                "json" => Some(Format::Caremap),
                "xlsx" | "kumu" => Some(Format::KumuXlsx),
                "csv" => Some(Format::KumuCsv),
                _ => None,
            })
    }

    /// The format a file name implies by its extension: `.json` is caremap's own (but see
    /// [`detect`], which looks inside), `.xlsx` Kumu, `.csv` Kumu CSV, `.gexf`, `.graphml`.
    pub fn from_extension(file_name: &str) -> Option<Format> {
        let lower = file_name.to_ascii_lowercase();
        let ext = lower.rsplit('.').next()?;
        match ext {
            "json" => Some(Format::Caremap),
            "xlsx" => Some(Format::KumuXlsx),
            "csv" => Some(Format::KumuCsv),
            "gexf" => Some(Format::Gexf),
            "graphml" | "xml" => Some(Format::GraphMl),
            _ => None,
        }
    }
}

/// One input file: its name (for messages and to tell sheets apart) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file's name, as the user gave it.
    pub name: &'a str,
    /// The whole file.
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    /// An input file.
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        Input { name, bytes }
    }
}

/// One output file: a suggested name suffix (empty for single-file formats, `-elements.csv`
/// style for formats written as several files) and the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Appended to the stem of the requested file name; empty when the format is one file.
    pub suffix: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What a reader returns: the map and what it noticed along the way.
#[derive(Debug, Clone)]
pub struct ReadOutcome {
    /// The map read.
    pub network: Network,
    /// Every odd thing found, with its row or line, and what was done about it.
    pub warnings: Vec<Warning>,
}

/// Reads `inputs` as `format` with the default [`Limits`].
pub fn read(format: Format, inputs: &[Input]) -> Result<ReadOutcome, FormatError> {
    read_with(format, inputs, &Limits::default())
}

/// Reads `inputs` as `format` within `limits`.
pub fn read_with(
    format: Format,
    inputs: &[Input],
    limits: &Limits,
) -> Result<ReadOutcome, FormatError> {
    if inputs.is_empty() {
        return Err(FormatError::invalid("", "no file was given"));
    }
    for input in inputs {
        limits.check_size(input.name, input.bytes.len())?;
    }
    match format {
        Format::Caremap => caremap_json::read(inputs, limits),
        Format::KumuXlsx => kumu_xlsx::read(inputs, limits),
        Format::KumuCsv => kumu_csv::read(inputs, limits),
        Format::KumuJson => kumu_json::read(inputs, limits),
        Format::Gexf => gexf::read(inputs, limits),
        Format::GraphMl => graphml::read(inputs, limits),
        Format::Graphology => graphology::read(inputs, limits),
        Format::GephiCsv => gephi_csv::read(inputs, limits),
    }
}

/// Writes `network` as `format`: one or more files.
pub fn write(format: Format, network: &Network) -> Result<Vec<Output>, FormatError> {
    match format {
        Format::Caremap => caremap_json::write(network),
        Format::KumuXlsx => kumu_xlsx::write(network),
        Format::KumuCsv => kumu_csv::write(network),
        Format::KumuJson => kumu_json::write(network),
        Format::Gexf => gexf::write(network),
        Format::GraphMl => graphml::write(network),
        Format::Graphology => graphology::write(network),
        Format::GephiCsv => gephi_csv::write(network),
    }
}

/// Guesses the format of a file from its name and first bytes: tells the JSON formats apart
/// (caremap, Kumu blueprint or backup, graphology) and CSV kinds (Kumu or Gephi) by their keys
/// and headers.
pub fn detect(name: &str, bytes: &[u8]) -> Option<Format> {
    let by_ext = Format::from_extension(name);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
    match by_ext {
        Some(Format::Caremap) => Some(if head.contains("\"caremap\"") {
            Format::Caremap
        } else if head.contains("\"nodes\"") {
            Format::Graphology
        } else if head.contains("\"elements\"") {
            Format::KumuJson
        } else {
            Format::Caremap
        }),
        Some(Format::KumuCsv) => Some(csv_kind(name, &head)),
        Some(f) => Some(f),
        None => {
            let t = head.trim_start();
            if t.starts_with("PK") {
                Some(Format::KumuXlsx)
            } else if t.contains("<gexf") {
                Some(Format::Gexf)
            } else if t.contains("<graphml") {
                Some(Format::GraphMl)
            } else {
                None
            }
        }
    }
}

/// Tells Gephi's node and edge tables from Kumu's sheets by file name and header: `Source` and
/// `Target` columns, caremap's `-nodes.csv`/`-edges.csv` names and its `field:`/`list:`/
/// `category_sector` columns are Gephi's; `From`/`To`, and anything else, Kumu's.
fn csv_kind(name: &str, head: &str) -> Format {
    let lower_name = name.to_ascii_lowercase();
    if lower_name.ends_with("-nodes.csv") || lower_name.ends_with("-edges.csv") {
        return Format::GephiCsv;
    }
    let first = head.lines().next().unwrap_or("").to_ascii_lowercase();
    let separator = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let cells: Vec<&str> = first
        .split(separator)
        .map(|c| c.trim().trim_matches('"').trim())
        .collect();
    let has = |wanted: &str| cells.contains(&wanted);
    if has("from") && has("to") {
        return Format::KumuCsv;
    }
    if has("source")
        || has("target")
        || has("category_sector")
        || cells
            .iter()
            .any(|c| c.starts_with("field:") || c.starts_with("list:"))
    {
        return Format::GephiCsv;
    }
    Format::KumuCsv
}
