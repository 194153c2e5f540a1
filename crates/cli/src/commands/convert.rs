//! `caremap convert` and `caremap generate`.

use anyhow::{bail, Result};
use std::path::PathBuf;

use crate::cli::ReadArgs;
use crate::input::{read_map, write_map};

/// Converts the input file(s) to the last file named.
pub fn convert(files: &[PathBuf], to: Option<&str>, read: &ReadArgs) -> Result<()> {
    let Some((output, inputs)) = files.split_last() else {
        bail!("name an input file and an output file");
    };
    if inputs.iter().any(|i| i == output) {
        bail!(
            "{}: the output would overwrite an input; choose another name",
            output.display()
        );
    }
    let network = read_map(inputs, read)?;
    for path in write_map(&network, output, to)? {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
