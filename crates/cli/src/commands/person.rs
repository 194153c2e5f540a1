//! `caremap person`: the person-centred care map.

use anyhow::{bail, Context, Result};
use caremap_core::analysis::{compare_person_maps, person_map};
use caremap_core::{ElementId, Network};
use std::io::Write;
use std::path::Path;

use crate::cli::{OutputFormat, ReadArgs};
use crate::input::read_map;

/// Prints the care map of one element, compared with an older version when asked, and draws it.
pub fn person(
    file: &Path,
    label: &str,
    against: Option<&Path>,
    format: OutputFormat,
    svg: Option<&Path>,
    read: &ReadArgs,
) -> Result<()> {
    let network = read_map(&[file.to_path_buf()], read)?;
    let id = find(&network, label).with_context(|| file.display().to_string())?;
    let Some(map) = person_map(&network, &id) else {
        bail!("no element '{label}'");
    };
    let change = match against {
        Some(old_file) => {
            let old = read_map(&[old_file.to_path_buf()], read)?;
            let before = person_map(&old, &id).with_context(|| {
                format!(
                    "{}: '{label}' (id {id}) is not in the older version, so there is nothing to compare",
                    old_file.display()
                )
            })?;
            Some(compare_person_maps(&before, &map))
        }
        None => None,
    };
    let text = match format {
        OutputFormat::Text => caremap_report::render_person_text(&map, change.as_ref()),
        OutputFormat::Markdown => caremap_report::render_person_markdown(&map, change.as_ref()),
        OutputFormat::Json => match &change {
            Some(c) => serde_json::to_string_pretty(c)? + "\n",
            None => serde_json::to_string_pretty(&map)? + "\n",
        },
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    if let Some(path) = svg {
        std::fs::write(path, caremap_report::person_svg(&map))
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The element named by `wanted`: its exact label, its label in any case, or its id. Several
/// matches or none are errors that list what there is.
fn find(network: &Network, wanted: &str) -> Result<ElementId> {
    let exact: Vec<_> = network
        .elements
        .iter()
        .filter(|e| e.label == wanted)
        .collect();
    let matches = if exact.is_empty() {
        let folded = wanted.trim().to_lowercase();
        let loose: Vec<_> = network
            .elements
            .iter()
            .filter(|e| e.label.trim().to_lowercase() == folded || e.id.as_str() == wanted)
            .collect();
        loose
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => {
            let folded = wanted.to_lowercase();
            let mut near: Vec<&str> = network
                .elements
                .iter()
                .filter(|e| {
                    let l = e.label.to_lowercase();
                    l.contains(&folded) || folded.contains(&l)
                })
                .map(|e| e.label.as_str())
                .take(5)
                .collect();
            near.sort_unstable();
            if near.is_empty() {
                bail!("no element is labelled '{wanted}' (give the label or the id)")
            }
            bail!(
                "no element is labelled '{wanted}'; did you mean: {}?",
                near.join(", ")
            )
        }
        many => {
            let ids: Vec<String> = many
                .iter()
                .map(|e| format!("'{}' (id {})", e.label, e.id))
                .collect();
            bail!(
                "{} elements are labelled '{wanted}': {}; give the id instead",
                many.len(),
                ids.join(", ")
            )
        }
    }
}
