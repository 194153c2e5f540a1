//! GraphML, read and written the way Gephi does, with caremap's fields as `<key>`s.
//!
//! Keys are declared before `<graph>` (`<key id for attr.name attr.type>`) and values given as
//! `<data key>`. Gephi's own keys are used for the label (`label`), the drawn position (`x`,
//! `y`), colour (`r`, `g`, `b`), size (`size`), the edge label (`edgelabel`) and the weight
//! (`weight`); every other caremap field is a key named by the rule of [`crate::attrs`].
//! GraphML has no list type: several values are written joined with `|` (a `|` or `\` inside a
//! value as `\|` or `\\`), in caremap's list fields and in custom fields named `list:NAME`, and
//! the graph's `<desc>` says so. Directions use `edgedefault` and each edge's `directed`; a
//! mutual connection is undirected with `direction` = `mutual`. The map's name and description
//! are graph data; its date and vocabularies are caremap's block (see [`crate::xml`]) inside a
//! graph `<data>`.
//!
//! Reading keeps every key of other tools' files as a custom field, and ignores elements in
//! other namespaces (such as yEd's graphics) with one warning, taking a yEd node label or
//! position when the node has no other. A file whose root element is not `<graphml>` (a CSV,
//! JSON, an HTML page, empty text) is refused, saying what it holds instead: it is never read as
//! an empty map.
//!
//! ```
//! use caremap_core::Network;
//! use caremap_formats::{graphml, Input, Limits};
//!
//! let mut map = Network::new("Elm Street");
//! map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! let files = graphml::write(&map).unwrap();
//! let back = graphml::read(&[Input::new("map.graphml", &files[0].bytes)], &Limits::default())
//!     .unwrap();
//! assert_eq!(back.network.elements[0].label, "Elm Street Pantry");
//! ```

mod read;
mod write;

use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::Network;

/// GraphML's namespace.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// Reads one GraphML file (a second file is ignored, with a warning).
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    read::read(inputs, limits)
}

/// Writes the map as one GraphML file.
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    write::write(network)
}
