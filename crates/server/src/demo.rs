//! The demo map a new deployment starts with, so that a newcomer sees something at once: the
//! invented Larkspur Vale network as surveyed in 2025 and in 2026, with a snapshot of each year
//! and a public link.

use caremap_core::Network;
use caremap_store::{ImportMode, MapId, Store};

/// The public link name of the demo map.
pub const DEMO_SLUG: &str = "larkspur-vale-demo";

const Y2025: &str = include_str!("../../../examples/larkspur-vale-2025.json");
const Y2026: &str = include_str!("../../../examples/larkspur-vale-2026.json");

fn parse(text: &str) -> anyhow::Result<Network> {
    let input = caremap_formats::Input::new("larkspur-vale.json", text.as_bytes());
    Ok(caremap_formats::read(caremap_formats::Format::Caremap, &[input])?.network)
}

/// Loads the demo map when the deployment has no map at all; returns its id when it did.
pub async fn ensure(store: &Store) -> anyhow::Result<Option<MapId>> {
    if !store.list_maps().await?.is_empty() {
        return Ok(None);
    }
    let (old, new) = (parse(Y2025)?, parse(Y2026)?);
    let actor = "demo";
    let map = store.create_map(&new.name, actor).await?;
    store
        .import_network(map.id, &old, ImportMode::Replace, actor)
        .await?;
    store.create_snapshot(map.id, "2025 survey", actor).await?;
    store
        .import_network(map.id, &new, ImportMode::Replace, actor)
        .await?;
    store.create_snapshot(map.id, "2026 survey", actor).await?;
    store.set_public_slug(map.id, Some(DEMO_SLUG)).await?;
    Ok(Some(map.id))
}
