//! The care network model of caremap and every analysis of it.
//!
//! This crate does no IO: no files, no network, no database, no JSON. Readers and writers live in
//! `caremap-formats`, rendering in `caremap-report`, the command line in `caremap`.
//!
//! ```
//! use caremap_core::{Network, Status};
//!
//! let mut map = Network::new("Elm Street");
//! let ann = map.add_element("A. N.", "individual active citizen");
//! let pantry = map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! let link = map.connect(&ann, &pantry);
//! map.connection_mut(&link).unwrap().status = Status::Generative;
//! assert_eq!(map.sector_of(map.element(&pantry).unwrap()).name(), "informal");
//! assert!(map.validate().errors().next().is_none());
//! ```

pub mod model;
pub mod warning;

pub use model::care_type::{default_care_types, CareType};
pub use model::category::{default_categories, Category, CategoryMatch, Sector};
pub use model::status::{Direction, Status};
pub use model::validate::{Finding, Findings, Severity};
pub use model::{
    Connection, ConnectionId, Consent, Element, ElementId, FieldValue, Location, Network, Position,
};
pub use warning::Warning;
pub mod analysis;
pub mod generate;
pub mod graph;
pub mod layout;
pub mod privacy;
