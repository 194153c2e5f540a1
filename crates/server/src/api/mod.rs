//! The handlers of `/api/v1`, one module per group of the reference.

pub mod files;
pub mod items;
pub mod maps;
pub mod people;
pub mod public;
pub mod session;
pub mod views;
