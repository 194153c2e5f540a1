//! GEXF, Gephi's own format: reads versions 1.2 and 1.3, writes 1.3.
//!
//! Every caremap field travels as a GEXF attribute (`<attributes class="node|edge">`, values in
//! `<attvalues>`) named by the rule of [`crate::attrs`]; id, label, direction, weight, kind and
//! the edge label use GEXF's own markup; start and end dates are GEXF dynamics (`start`/`end`,
//! `timeformat="date"`), so Gephi's timeline shows the map's history; positions are
//! `viz:position`. The map's name and description are the `<meta>` title and description, its
//! date and vocabularies caremap's block in `<meta>` (see [`crate::xml`]).
//!
//! Reading accepts the namespaces in [`NAMESPACES`] (and none), matches elements by local name,
//! reads `<spells>` as one period from the first start to the last end, and keeps every
//! attribute of files made by other tools as a custom field. A file whose root element is not
//! `<gexf>` (a CSV, JSON, an HTML page, empty text) is refused, saying what it holds instead:
//! it is never read as an empty map.
//!
//! ```
//! use caremap_core::Network;
//! use caremap_formats::{gexf, Input, Limits};
//!
//! let mut map = Network::new("Elm Street");
//! map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! let files = gexf::write(&map).unwrap();
//! let back = gexf::read(&[Input::new("map.gexf", &files[0].bytes)], &Limits::default()).unwrap();
//! assert_eq!(back.network.elements[0].label, "Elm Street Pantry");
//! ```

mod read;
mod write;

use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::Network;

/// The GEXF namespaces read: 1.3 and 1.2draft, each with and without `www.`.
pub const NAMESPACES: [&str; 4] = [
    "http://gexf.net/1.3",
    "http://www.gexf.net/1.3",
    "http://www.gexf.net/1.2draft",
    "http://gexf.net/1.2draft",
];

/// Reads one GEXF file (a second file is ignored, with a warning).
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    read::read(inputs, limits)
}

/// Writes the map as one GEXF 1.3 file.
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    write::write(network)
}
