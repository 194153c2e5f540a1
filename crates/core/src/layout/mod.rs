//! Layouts: positions for the elements of a map, computed before the map reaches the browser.
//!
//! [`forceatlas2`] is ForceAtlas2 with a Barnes-Hut quadtree ([`barnes_hut`]), run in parallel
//! and deterministic for a seed; [`quality`] measures how well a layout shows a network's
//! communities.
//!
//! ```
//! use caremap_core::layout::{apply_layout, ForceAtlas2Options};
//! use caremap_core::Network;
//!
//! let mut map = Network::new("Elm Street");
//! let ann = map.add_element("A. N.", "individual active citizen");
//! let pantry = map.add_element("Elm Street Pantry", "grassroots or mutual-aid group");
//! map.connect(&ann, &pantry);
//! apply_layout(&mut map, &ForceAtlas2Options::default());
//! assert!(map.elements.iter().all(|e| e.position.is_some()));
//! ```

pub mod barnes_hut;
pub mod forceatlas2;
mod kernel;
pub mod quality;
pub mod weighted;

pub use forceatlas2::{forceatlas2, ForceAtlas2Options};
pub use weighted::LayoutGraph;

use crate::graph::rng::SplitMix64;
use crate::model::{Network, Position};

/// Positions for every element of `network` by ForceAtlas2 (element `i` gets entry `i`).
pub fn layout_network(network: &Network, options: &ForceAtlas2Options) -> Vec<Position> {
    layout_network_with_progress(network, options, &mut |_| {})
}

/// [`layout_network`], calling `progress` with the number of iterations done after each one.
pub fn layout_network_with_progress(
    network: &Network,
    options: &ForceAtlas2Options,
    progress: &mut dyn FnMut(usize),
) -> Vec<Position> {
    let graph = LayoutGraph::from_network(network);
    let mut start = random_positions(network.elements.len(), options.seed);
    let mut fixed = Vec::new();
    if options.keep_existing {
        fixed = network
            .elements
            .iter()
            .map(|e| e.position.is_some())
            .collect();
        for (p, e) in start.iter_mut().zip(&network.elements) {
            if let Some(pos) = e.position {
                *p = [pos.x, pos.y];
            }
        }
    }
    forceatlas2(&graph, &start, &fixed, options, progress)
        .into_iter()
        .map(|[x, y]| Position { x, y })
        .collect()
}

/// Lays `network` out with ForceAtlas2 and stores the positions in its elements.
pub fn apply_layout(network: &mut Network, options: &ForceAtlas2Options) {
    let positions = layout_network(network, options);
    apply_positions(network, positions);
}

/// Stores `positions` in the elements of `network` (entry `i` in element `i`).
pub fn apply_positions(network: &mut Network, positions: Vec<Position>) {
    for (e, p) in network.elements.iter_mut().zip(positions) {
        e.position = Some(p);
    }
}

/// `n` seeded random positions, uniform in a square of side `sqrt(n)` centred on the origin
/// (about one node per unit of area, the density ForceAtlas2 settles near).
pub fn random_positions(n: usize, seed: u64) -> Vec<[f64; 2]> {
    let mut rng = SplitMix64::new(seed);
    let side = (n.max(1) as f64).sqrt();
    let mut unit = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
    (0..n).map(|_| [unit() * side, unit() * side]).collect()
}

#[cfg(test)]
mod tests;
