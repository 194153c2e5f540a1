//! The demo map a new deployment starts with, so that a newcomer sees something at once: the
//! invented Larkspur Vale network as surveyed in 2025 and in 2026, with a snapshot of each year
//! and a public link.

use caremap_core::Network;
use std::time::Duration;

use caremap_store::{ImportMode, MapId, Store, StoreError};

/// The public link name of the demo map.
pub const DEMO_SLUG: &str = "larkspur-vale-demo";

const Y2025: &str = include_str!("../../../examples/larkspur-vale-2025.json");
const Y2026: &str = include_str!("../../../examples/larkspur-vale-2026.json");

fn parse(text: &str) -> anyhow::Result<Network> {
    let input = caremap_formats::Input::new("larkspur-vale.json", text.as_bytes());
    Ok(caremap_formats::read(caremap_formats::Format::Caremap, &[input])?.network)
}

/// The snapshot saved last: a demo map that has it was loaded completely.
const COMPLETE: &str = "2026 survey";

/// How long to wait for another server that is loading the demo map right now before taking
/// an unfinished demo map for the remnant of a crash.
const LOADING_GRACE: Duration = Duration::from_secs(5);

/// Loads the demo map into a deployment that has none, and returns its id when this call
/// loaded it.
///
/// The load takes several transactions (two imports and two snapshots, so that the demo has a
/// history and something to compare), so it is made safe another way:
/// - the public link name is claimed first, right after the map is made: of several servers
///   starting together on one empty database, one wins the name and the others remove their
///   empty map and wait for the winner;
/// - the last snapshot marks a complete load. An unfinished demo map that stays unfinished for
///   a few seconds, or an unpublished map of the demo's name with no members, is the remnant of
///   a crash: it is removed and the demo loaded again.
///
/// A deployment whose people have started their own maps, or given the demo map an owner, is
/// never touched.
pub async fn ensure(store: &Store) -> anyhow::Result<Option<MapId>> {
    let (old, new) = surveys()?;
    for _attempt in 0..5 {
        match store.map_by_slug(DEMO_SLUG).await {
            Ok(info) => {
                if is_complete(store, info.id).await? || !store.members(info.id).await?.is_empty() {
                    return Ok(None);
                }
                // Another server may be loading it at this moment: give it time, for as long
                // as the map keeps changing (a loaded machine may take long over each step).
                let mut deadline = tokio::time::Instant::now() + LOADING_GRACE;
                let mut seen = progress(store, info.id).await?;
                while tokio::time::Instant::now() < deadline {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    match store.map(info.id).await {
                        Ok(_) if is_complete(store, info.id).await? => return Ok(None),
                        Ok(_) => {
                            let now = progress(store, info.id).await?;
                            if now != seen {
                                seen = now;
                                deadline = tokio::time::Instant::now() + LOADING_GRACE;
                            }
                        }
                        Err(StoreError::NotFound { .. }) => break,
                        Err(e) => return Err(e.into()),
                    }
                }
                tracing::warn!(
                    map = info.id,
                    "removing a demo map left unfinished by a crash"
                );
                remove(store, info.id).await;
                continue;
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        let maps = store.list_maps().await?;
        let remnants: Vec<MapId> = maps
            .iter()
            .filter(|m| m.name == new.name && m.public_slug.is_none())
            .map(|m| m.id)
            .collect();
        if maps.len() != remnants.len() {
            return Ok(None); // the deployment is in use
        }
        for id in remnants {
            if store.members(id).await?.is_empty() {
                remove(store, id).await;
            } else {
                return Ok(None);
            }
        }
        let map = store.create_map(&new.name, ACTOR).await?;
        match store.set_public_slug(map.id, Some(DEMO_SLUG)).await {
            Ok(()) => {}
            Err(StoreError::Duplicate { .. }) | Err(StoreError::NotFound { .. }) => {
                // Another server claimed the demo first.
                remove(store, map.id).await;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
        match load(store, map.id, &old, &new, ACTOR).await {
            Ok(()) => return Ok(Some(map.id)),
            // Removed by another server that took it for a crash's remnant (its load may then
            // fail on any of its steps): start again, and find that server's load.
            Err(_) if matches!(store.map(map.id).await, Err(StoreError::NotFound { .. })) => {
                continue
            }
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!("could not load the demo map: other servers kept changing it; start again or pass --no-demo")
}

const ACTOR: &str = "demo";

/// The two surveys of the demo, laid out once so the map opens arranged and keeps its
/// arrangement; the 2025 map takes the 2026 positions of the elements it shares, so comparing
/// the years moves nothing.
fn surveys() -> anyhow::Result<(Network, Network)> {
    let (mut old, mut new) = (parse(Y2025)?, parse(Y2026)?);
    caremap_core::layout::apply_layout(&mut new, &Default::default());
    for e in old.elements.iter_mut() {
        e.position = new.element(&e.id).and_then(|n| n.position);
    }
    let options = caremap_core::layout::ForceAtlas2Options {
        keep_existing: true,
        ..Default::default()
    };
    caremap_core::layout::apply_layout(&mut old, &options);
    Ok((old, new))
}

/// Fills the (empty) map `map` with a copy of the demo: both surveys, with a snapshot of each,
/// recorded as done by `actor`. For a person who asks for a map "from the demo".
pub async fn copy_into(store: &Store, map: MapId, actor: &str) -> anyhow::Result<()> {
    let (mut old, mut new) = surveys()?;
    // The copy keeps the name its owner gave it.
    let name = store.meta(map).await?.name;
    (old.name, new.name) = (name.clone(), name);
    load(store, map, &old, &new, actor).await?;
    Ok(())
}

async fn load(
    store: &Store,
    map: MapId,
    old: &Network,
    new: &Network,
    actor: &str,
) -> Result<(), StoreError> {
    store
        .import_network(map, old, ImportMode::Replace, actor)
        .await?;
    store.create_snapshot(map, "2025 survey", actor).await?;
    store
        .import_network(map, new, ImportMode::Replace, actor)
        .await?;
    store.create_snapshot(map, COMPLETE, actor).await?;
    Ok(())
}

/// What shows a load going on: the map's revision and its number of snapshots.
async fn progress(store: &Store, map: MapId) -> Result<((i64, i64), usize), StoreError> {
    let revision = store.revision(map).await?;
    let snapshots = match store.list_snapshots(map).await {
        Ok(list) => list.len(),
        Err(StoreError::NotFound { .. }) => 0,
        Err(e) => return Err(e),
    };
    Ok((revision, snapshots))
}

async fn is_complete(store: &Store, map: MapId) -> Result<bool, StoreError> {
    match store.list_snapshots(map).await {
        Ok(snapshots) => Ok(snapshots.iter().any(|s| s.name == COMPLETE)),
        Err(StoreError::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

async fn remove(store: &Store, map: MapId) {
    if let Err(e) = store.delete_map(map).await {
        tracing::debug!(map, error = %e, "could not remove an unfinished demo map");
    }
}
