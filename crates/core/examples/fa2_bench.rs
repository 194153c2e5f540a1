//! ForceAtlas2: caremap against graphology-layout-forceatlas2, in time and in layout quality.
//!
//! ```text
//! cargo run --release -p caremap-core --example fa2_bench -- 10000 50000 [BLOCKS] [--node] [--curve]
//! ```
//!
//! Generates a network with planted communities (seeded), writes it with the random start
//! positions to `bench/layout/data/sbm-N.txt`, times our 100 iterations from those positions
//! and measures the layout's quality (see `caremap_core::layout::quality`). With `--node` it
//! also runs `bench/layout/fa2-graphology.mjs` on the same file and measures graphology's
//! positions the same way. With `--curve`, our quality after 25 to 400 iterations, to compare
//! time to reach a quality rather than time per iteration.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use caremap_core::generate::planted_communities;
use caremap_core::graph::rng::SplitMix64;
use caremap_core::layout::quality::{
    community_distance_ratio, edge_length_ratio, neighbour_purity,
};
use caremap_core::layout::{forceatlas2, random_positions, ForceAtlas2Options, LayoutGraph};

const SEED: u64 = 42;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let n = numbers.first().copied().unwrap_or(10_000);
    let m = numbers.get(1).copied().unwrap_or(5 * n);
    let blocks = numbers.get(2).copied().unwrap_or((n / 1000).clamp(2, 100));
    let with_node = args.iter().any(|a| a == "--node");
    let curve = args.iter().any(|a| a == "--curve");

    let mut rng = SplitMix64::new(SEED);
    let edges = planted_communities(n, m, blocks, &mut rng);
    let size = n.div_ceil(blocks);
    let community: Vec<usize> = (0..n).map(|i| i / size).collect();
    let graph = LayoutGraph::from_edges(n, &edges);
    let start = random_positions(n, SEED);
    let threads = rayon::current_num_threads();
    println!("SBM: {n} nodes, {} edges, {blocks} planted communities (80% of edges inside), {threads} threads", edges.len());
    report("random start", &start, &community, &edges);

    let options = ForceAtlas2Options::default();
    let t = Instant::now();
    let ours = forceatlas2(&graph, &start, &[], &options, &mut |_| {});
    let ours_s = t.elapsed().as_secs_f64();
    report(
        &format!("caremap, 100 iterations, {ours_s:.2} s"),
        &ours,
        &community,
        &edges,
    );

    if with_node {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/layout");
        let input = dir.join(format!("data/sbm-{n}.txt"));
        write_network(&input, &start, &edges);
        let output = dir.join(format!("data/graphology-{n}.txt"));
        let theirs_s = run_node(&dir, &input, &output);
        let theirs = read_positions(&output);
        report(
            &format!("graphology, 100 iterations, {theirs_s:.2} s"),
            &theirs,
            &community,
            &edges,
        );
        println!("time ratio caremap / graphology: {:.3}", ours_s / theirs_s);
    }
    if curve {
        for iterations in [25, 50, 200, 400] {
            let options = ForceAtlas2Options {
                iterations,
                ..Default::default()
            };
            let t = Instant::now();
            let p = forceatlas2(&graph, &start, &[], &options, &mut |_| {});
            let s = t.elapsed().as_secs_f64();
            report(
                &format!("caremap, {iterations} iterations, {s:.2} s"),
                &p,
                &community,
                &edges,
            );
        }
    }
}

/// Prints the three quality measures of `positions`.
fn report(what: &str, positions: &[[f64; 2]], community: &[usize], edges: &[(usize, usize)]) {
    let ratio = community_distance_ratio(positions, community, 200_000, 7).unwrap_or(f64::NAN);
    let purity = neighbour_purity(positions, community, 10, 500, 7).unwrap_or(f64::NAN);
    let edge = edge_length_ratio(positions, edges, 200_000, 7).unwrap_or(f64::NAN);
    println!("{what}: same/different distance {ratio:.3}, 10-NN purity {purity:.3}, edge/random length {edge:.3}");
}

/// The file `fa2-graphology.mjs` reads: "n m", n start positions, m edges.
fn write_network(path: &Path, start: &[[f64; 2]], edges: &[(usize, usize)]) {
    let mut text = format!("{} {}\n", start.len(), edges.len());
    for [x, y] in start {
        writeln!(text, "{x} {y}").expect("writing to a string");
    }
    for (u, v) in edges {
        writeln!(text, "{u} {v}").expect("writing to a string");
    }
    std::fs::create_dir_all(path.parent().expect("a data folder"))
        .expect("create bench/layout/data");
    std::fs::write(path, text).expect("write the network file");
}

/// Runs graphology on `input` and returns its reported layout time in seconds.
fn run_node(dir: &Path, input: &Path, output: &Path) -> f64 {
    let out = Command::new("node")
        .arg("--max-old-space-size=4096")
        .arg(dir.join("fa2-graphology.mjs"))
        .arg(input)
        .arg(output)
        .output()
        .expect("node runs (install it, then `npm ci` in bench/layout)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("node prints JSON");
    json["seconds"].as_f64().expect("a time in seconds")
}

fn read_positions(path: &Path) -> Vec<[f64; 2]> {
    std::fs::read_to_string(path)
        .expect("graphology's positions")
        .lines()
        .map(|l| {
            let mut it = l.split(' ').map(|v| v.parse::<f64>().expect("a number"));
            [it.next().expect("x"), it.next().expect("y")]
        })
        .collect()
}
