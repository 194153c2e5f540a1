//! Reading maps from files and writing them out, with the readers' warnings on stderr.

use anyhow::{anyhow, bail, Context, Result};
use caremap_core::Network;
use caremap_formats::{detect, read, write, Format, Input};
use std::path::{Path, PathBuf};

use crate::cli::ReadArgs;

/// Reads one map from one or more files (several files must be of one format, for example Kumu
/// elements and connections CSV). Prints warnings unless quiet; fails on a map with errors.
pub fn read_map(files: &[PathBuf], args: &ReadArgs) -> Result<Network> {
    let mut contents = Vec::with_capacity(files.len());
    for path in files {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        contents.push((display_name(path), bytes));
    }
    let format = match &args.from {
        Some(name) => parse_format(name)?,
        None => {
            let (name, bytes) = &contents[0];
            detect(name, bytes).ok_or_else(|| {
                anyhow!("{name}: cannot tell the format from the name; say it with --from (caremap, kumu-xlsx, kumu-csv, kumu-json, gexf, graphml, graphology, gephi-csv)")
            })?
        }
    };
    let inputs: Vec<Input> = contents
        .iter()
        .map(|(name, bytes)| Input::new(name, bytes))
        .collect();
    let outcome = read(format, &inputs).map_err(|e| anyhow!("{e}"))?;
    if !args.quiet {
        for w in &outcome.warnings {
            eprintln!("warning: {w}");
        }
    }
    let findings = outcome.network.validate();
    let errors: Vec<String> = findings
        .errors()
        .map(|f| format!("  {}: {}", f.place, f.message))
        .collect();
    if !errors.is_empty() {
        bail!(
            "{}: the map has {} problem(s) to fix first:\n{}",
            files[0].display(),
            errors.len(),
            errors.join("\n")
        );
    }
    Ok(outcome.network)
}

/// Writes `network` to `path` as `format` (or by the path's extension). Formats written as
/// several files put their suffix after the path's stem: `map.csv` -> `map-nodes.csv`.
/// Returns the files written.
pub fn write_map(network: &Network, path: &Path, to: Option<&str>) -> Result<Vec<PathBuf>> {
    let format = match to {
        Some(name) => parse_format(name)?,
        None => Format::from_extension(&path.to_string_lossy()).ok_or_else(|| {
            anyhow!(
                "{}: cannot tell the format from the extension; say it with --to",
                path.display()
            )
        })?,
    };
    let outputs = write(format, network).map_err(|e| anyhow!("{e}"))?;
    let mut written = Vec::new();
    for out in outputs {
        let target = if out.suffix.is_empty() {
            path.to_path_buf()
        } else {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "map".into());
            path.with_file_name(format!("{stem}{}", out.suffix))
        };
        std::fs::write(&target, &out.bytes)
            .with_context(|| format!("cannot write {}", target.display()))?;
        written.push(target);
    }
    Ok(written)
}

/// The format with this name, or an error listing the names.
pub fn parse_format(name: &str) -> Result<Format> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        anyhow!("unknown format '{name}': use one of {}", names.join(", "))
    })
}

fn display_name(path: &Path) -> String {
    path.to_string_lossy().to_string()
}
