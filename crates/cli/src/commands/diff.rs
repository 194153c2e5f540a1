//! `caremap diff`.

use anyhow::Result;
use caremap_core::analysis::diff as compare;
use std::io::Write;
use std::path::Path;

use crate::cli::{OutputFormat, ReadArgs};
use crate::input::read_map;

/// Prints the change chapter between two versions.
pub fn diff(old: &Path, new: &Path, format: OutputFormat, read: &ReadArgs) -> Result<()> {
    let before = read_map(&[old.to_path_buf()], read)?;
    let after = read_map(&[new.to_path_buf()], read)?;
    let change = compare(&before, &after);
    let text = match format {
        OutputFormat::Text => caremap_report::render_change_text(&change),
        OutputFormat::Markdown => caremap_report::render_change_markdown(&change),
        OutputFormat::Json => serde_json::to_string_pretty(&change)? + "\n",
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}
