//! `caremap generate`.

use anyhow::Result;
use caremap_core::generate::{generate as make, GenerateOptions};
use std::path::Path;

use crate::input::write_map;

/// Generates a synthetic network and writes it.
pub fn generate(
    elements: usize,
    connections: usize,
    seed: u64,
    output: &Path,
    to: Option<&str>,
) -> Result<()> {
    let network = make(&GenerateOptions {
        elements,
        connections,
        seed,
    });
    for path in write_map(&network, output, to)? {
        eprintln!(
            "wrote {} ({} elements, {} connections)",
            path.display(),
            network.elements.len(),
            network.connections.len()
        );
    }
    Ok(())
}
