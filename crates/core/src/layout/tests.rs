//! ForceAtlas2 end to end: separation of planted groups, determinism, degenerate inputs.

use super::quality::{community_distance_ratio, edge_length_ratio, neighbour_purity};
use super::*;
use crate::graph::rng::SplitMix64;

fn run(graph: &LayoutGraph, options: &ForceAtlas2Options) -> Vec<[f64; 2]> {
    let start = random_positions(graph.node_count(), options.seed);
    forceatlas2(graph, &start, &[], options, &mut |_| {})
}

fn all_finite(positions: &[[f64; 2]]) -> bool {
    positions.iter().flatten().all(|c| c.is_finite())
}

/// Two 10-cliques joined by the single edge 0-10.
fn two_cliques() -> (LayoutGraph, Vec<usize>) {
    let mut edges = vec![(0, 10)];
    for base in [0, 10] {
        for u in base..base + 10 {
            edges.extend((u + 1..base + 10).map(|v| (u, v)));
        }
    }
    (
        LayoutGraph::from_edges(20, &edges),
        (0..20).map(|i| i / 10).collect(),
    )
}

/// `groups` groups of `size` nodes; each node links to `inside` random members of its group and
/// one random node anywhere.
fn planted(
    groups: usize,
    size: usize,
    inside: usize,
    seed: u64,
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let n = groups * size;
    let mut rng = SplitMix64::new(seed);
    let mut edges = Vec::new();
    for u in 0..n {
        let base = u / size * size;
        edges.extend((0..inside).map(|_| (u, base + rng.below(size))));
        edges.push((u, rng.below(n)));
    }
    (edges, (0..n).map(|i| i / size).collect())
}

#[test]
fn two_cliques_joined_by_one_edge_are_drawn_apart() {
    let (graph, community) = two_cliques();
    let positions = run(&graph, &ForceAtlas2Options::default());
    assert!(all_finite(&positions));
    let ratio = community_distance_ratio(&positions, &community, 2000, 1).unwrap();
    assert!(ratio < 0.5, "same/different distance ratio {ratio}");
    assert_eq!(
        neighbour_purity(&positions, &community, 5, 20, 1),
        Some(1.0)
    );
}

#[test]
fn barnes_hut_separates_planted_communities() {
    let (edges, community) = planted(8, 100, 6, 3);
    let graph = LayoutGraph::from_edges(800, &edges);
    let options = ForceAtlas2Options {
        barnes_hut_above: 0,
        ..Default::default()
    };
    let positions = run(&graph, &options);
    let ratio = community_distance_ratio(&positions, &community, 5000, 2).unwrap();
    assert!(ratio < 0.6, "same/different distance ratio {ratio}");
    assert!(neighbour_purity(&positions, &community, 10, 100, 2).unwrap() > 0.7);
    assert!(edge_length_ratio(&positions, &edges, 5000, 2).unwrap() < 0.6);
    let start = random_positions(800, 42);
    let ratio_at_start = community_distance_ratio(&start, &community, 5000, 2).unwrap();
    assert!(ratio_at_start > 0.9, "random start ratio {ratio_at_start}");
}

#[test]
fn the_same_seed_gives_the_same_bits_on_any_number_of_threads() {
    let (edges, _) = planted(4, 200, 4, 9);
    let graph = LayoutGraph::from_edges(800, &edges);
    for barnes_hut_above in [0, usize::MAX] {
        let options = ForceAtlas2Options {
            barnes_hut_above,
            iterations: 30,
            lin_log: true,
            ..Default::default()
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| run(&graph, &options));
        let many = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap()
            .install(|| run(&graph, &options));
        assert_eq!(one, many);
        let other_seed = run(&graph, &ForceAtlas2Options { seed: 7, ..options });
        assert_ne!(one, other_seed);
    }
}

#[test]
fn degenerate_inputs_give_finite_positions() {
    let options = ForceAtlas2Options::default();
    assert!(run(&LayoutGraph::from_edges(0, &[]), &options).is_empty());
    assert!(all_finite(&run(&LayoutGraph::from_edges(1, &[]), &options)));
    assert!(all_finite(&run(&LayoutGraph::from_edges(5, &[]), &options)));
    for barnes_hut_above in [0, usize::MAX] {
        for prevent_overlap in [false, true] {
            let options = ForceAtlas2Options {
                barnes_hut_above,
                prevent_overlap,
                ..Default::default()
            };
            let graph = LayoutGraph::from_edges(30, &[(0, 1), (1, 2), (5, 6)]);
            let positions = forceatlas2(&graph, &[[1.0, 1.0]; 30], &[], &options, &mut |_| {});
            assert!(all_finite(&positions));
            assert_ne!(positions[3], positions[4], "coincident nodes stay stuck");
        }
    }
}

#[test]
fn kept_positions_do_not_move_and_progress_counts_iterations() {
    let mut map = Network::new("Pinned");
    let a = map.add_element("A", "individual active citizen");
    let b = map.add_element("B", "individual active citizen");
    map.add_element("C", "individual active citizen");
    map.connect(&a, &b);
    map.elements[0].position = Some(Position { x: 100.0, y: -5.0 });
    let options = ForceAtlas2Options {
        keep_existing: true,
        iterations: 12,
        ..Default::default()
    };
    let mut calls = Vec::new();
    let positions = layout_network_with_progress(&map, &options, &mut |i| calls.push(i));
    assert_eq!(positions[0], Position { x: 100.0, y: -5.0 });
    assert_eq!(calls, (1..=12).collect::<Vec<_>>());
    apply_layout(&mut map, &options);
    assert!(map.elements.iter().all(|e| e.position.is_some()));
}

#[test]
fn quality_measures_refuse_what_they_cannot_measure() {
    assert_eq!(
        community_distance_ratio(&[[0.0, 0.0]; 3], &[0, 0, 0], 10, 1),
        None
    );
    assert_eq!(
        neighbour_purity(&[[0.0, 0.0]; 3], &[0, 1, 1], 5, 10, 1),
        None
    );
    assert_eq!(edge_length_ratio(&[[0.0, 0.0]; 3], &[(0, 1)], 10, 1), None);
}
