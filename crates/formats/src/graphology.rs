//! graphology's serialised JSON: what the browser map (graphology and sigma.js) loads directly
//! and Gephi Lite opens.
//!
//! ```json
//! {"attributes": {"name": "Elm Street", "categories": [...], "care_types": [...]},
//!  "options": {"type": "mixed", "multi": true, "allowSelfLoops": true},
//!  "nodes": [{"key": "e1", "attributes": {"label": "Rosa", "x": 1.5, "y": -2, "size": 9,
//!             "color": "#009e73", "category": "individual active citizen", ...}}],
//!  "edges": [{"key": "c1", "source": "e1", "target": "e2", "undirected": true,
//!             "attributes": {"status": "generative", ...}}]}
//! ```
//!
//! Node attributes hold what sigma.js draws (`label`, `size`, `color` by sector, and `x`, `y`
//! when the element has a position) and every caremap field under the names of
//! [`crate::attrs`]; several values are JSON arrays, numbers and yes/no are JSON numbers and
//! booleans. sigma.js needs `x` and `y` on every node: the browser must lay out the elements
//! that have no position (for example with a force layout) before drawing. Graph attributes
//! hold the map's name, description, date and vocabularies.
//!
//! ```
//! use caremap_core::Network;
//! use caremap_formats::{graphology, Input, Limits};
//!
//! let mut map = Network::new("Elm Street");
//! map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! let files = graphology::write(&map).unwrap();
//! let back = graphology::read(&[Input::new("map.json", &files[0].bytes)], &Limits::default())
//!     .unwrap();
//! assert_eq!(back.network.elements[0].label, "Elm Street Pantry");
//! ```

mod read;
mod write;

use crate::{FormatError, Input, Limits, Output, ReadOutcome};
use caremap_core::Network;

/// Reads one graphology JSON file (a second file is ignored, with a warning).
pub fn read(inputs: &[Input], limits: &Limits) -> Result<ReadOutcome, FormatError> {
    read::read(inputs, limits)
}

/// Writes the map as one graphology JSON file.
pub fn write(network: &Network) -> Result<Vec<Output>, FormatError> {
    write::write(network)
}
