//! `caremap layout`: positions for every element, then the map written like `convert` does.

use anyhow::{bail, Result};
use caremap_core::layout::{apply_positions, layout_network_with_progress, ForceAtlas2Options};
use std::path::PathBuf;

use crate::cli::{LayoutArgs, ReadArgs};
use crate::input::{read_map, write_map};
use crate::progress::Progress;

/// Lays out the map read from the input file(s) and writes it to the last file named.
pub fn layout(
    files: &[PathBuf],
    to: Option<&str>,
    args: &LayoutArgs,
    read: &ReadArgs,
) -> Result<()> {
    let Some((output, inputs)) = files.split_last() else {
        bail!("name an input file and an output file");
    };
    if inputs.iter().any(|i| i == output) {
        bail!(
            "{}: the output would overwrite an input; choose another name",
            output.display()
        );
    }
    for (name, value) in [("--gravity", args.gravity), ("--scaling", args.scaling)] {
        if !(value.is_finite() && value >= 0.0) {
            bail!("{name} {value}: give a number of zero or more");
        }
    }
    let mut network = read_map(inputs, read)?;
    let options = ForceAtlas2Options {
        iterations: args.iterations,
        seed: args.seed,
        lin_log: args.lin_log,
        gravity: args.gravity,
        scaling: args.scaling,
        prevent_overlap: args.prevent_overlap,
        keep_existing: args.keep_existing,
        ..Default::default()
    };
    let positions = {
        let progress = Progress::new("layout");
        layout_network_with_progress(&network, &options, &mut |done| {
            progress.step(&format!("iteration {done} of {}", options.iterations));
        })
    };
    apply_positions(&mut network, positions);
    eprintln!(
        "laid out {} elements ({} iterations, seed {})",
        network.elements.len(),
        options.iterations,
        options.seed
    );
    for path in write_map(&network, output, to)? {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
