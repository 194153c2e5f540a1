//! The caremap side of the benchmark harness in `bench/` (see `docs/benchmarks.md`).
//!
//! ```text
//! # write NAME.edges (one "u v" line per edge, nodes 0..n) and NAME.json (caremap JSON)
//! cargo run --release -p caremap-core --example bench_tasks -- gen sbm|ba N M DIR NAME
//! # time one task on an edge list of N nodes; prints one JSON line
//! cargo run --release -p caremap-core --example bench_tasks -- TASK FILE N [options]
//! ```
//!
//! Tasks: `load` (parse the file and build the analysis graph), `components`, `pagerank`,
//! `louvain`, `betweenness_exact`, `betweenness_sampled`. Every task but `load` excludes loading.
//! Options: `--save DIR` writes the PageRank and exact betweenness values there (little-endian
//! `f64`, node by node) for the peers to compare with; `--reference DIR` reads them back to
//! report the largest difference; `--target-error E`, `--confidence C`, `--seed S` set the
//! sampling of betweenness (defaults 0.05, 0.95, 42, as the analysis). Threads: rayon's default
//! (one per core; `RAYON_NUM_THREADS` to change).

use std::path::{Path, PathBuf};
use std::time::Instant;

use caremap_core::generate::{barabasi_albert, planted_communities};
use caremap_core::graph::centrality::betweenness::{
    betweenness, betweenness_exact, BetweennessOptions, Estimate,
};
use caremap_core::graph::centrality::pagerank::{pagerank, PageRankOptions};
use caremap_core::graph::community::louvain::{louvain, LouvainOptions};
use caremap_core::graph::components::connected_components;
use caremap_core::graph::rng::SplitMix64;
use caremap_core::graph::Graph;
use caremap_core::model::status::{Direction, Status};
use caremap_core::{Connection, Element, Network};
use rayon::prelude::*;
use serde_json::{json, Value};

/// The tasks timed, in the order the harness runs them.
pub const TASKS: [&str; 6] = [
    "load",
    "components",
    "pagerank",
    "louvain",
    "betweenness_exact",
    "betweenness_sampled",
];

/// Seed of the generated networks (the same as `gen_bench`).
pub const GRAPH_SEED: u64 = 2024;

/// What a task run is given besides the file.
#[derive(Debug, Clone)]
pub struct TaskOptions {
    /// Where to write reference values (PageRank, exact betweenness).
    pub save: Option<PathBuf>,
    /// Where to read reference values from.
    pub reference: Option<PathBuf>,
    /// Betweenness sampling: error bound aimed at.
    pub target_error: f64,
    /// Betweenness sampling: probability the bound holds.
    pub confidence: f64,
    /// Seed of sampling and Louvain.
    pub seed: u64,
}

impl Default for TaskOptions {
    fn default() -> Self {
        TaskOptions {
            save: None,
            reference: None,
            target_error: 0.05,
            confidence: 0.95,
            seed: 42,
        }
    }
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_tasks gen sbm|ba N M DIR NAME | bench_tasks TASK FILE N [--save DIR] [--reference DIR] [--target-error E] [--confidence C] [--seed S]";
    if args.len() < 3 {
        eprintln!("{usage}");
        std::process::exit(2);
    }
    let number = |s: &str| -> usize {
        s.parse().unwrap_or_else(|_| {
            eprintln!("not a number: {s}\n{usage}");
            std::process::exit(2)
        })
    };
    if args[0] == "gen" {
        if args.len() != 6 {
            eprintln!("{usage}");
            std::process::exit(2);
        }
        let (n, m) = (number(&args[2]), number(&args[3]));
        let line = generate_files(&args[1], n, m, Path::new(&args[4]), &args[5])
            .unwrap_or_else(|e| fail(&e));
        println!("{line}");
        return;
    }
    let mut options = TaskOptions::default();
    let mut rest = args[3..].iter();
    while let Some(flag) = rest.next() {
        let Some(value) = rest.next() else {
            fail(&format!("{flag} needs a value\n{usage}"))
        };
        let float = |s: &str| -> f64 { s.parse().unwrap_or_else(|_| fail(&format!("{flag} {s}"))) };
        match flag.as_str() {
            "--save" => options.save = Some(PathBuf::from(value)),
            "--reference" => options.reference = Some(PathBuf::from(value)),
            "--target-error" => options.target_error = float(value),
            "--confidence" => options.confidence = float(value),
            "--seed" => options.seed = number(value) as u64,
            _ => fail(&format!("unknown option {flag}\n{usage}")),
        }
    }
    let line = run_task(&args[0], Path::new(&args[1]), number(&args[2]), &options)
        .unwrap_or_else(|e| fail(&e));
    println!("{line}");
}

fn fail(message: &str) -> ! {
    eprintln!("bench_tasks: {message}");
    std::process::exit(1)
}

/// Writes `DIR/NAME.edges` and `DIR/NAME.json` for a generated network; returns a JSON summary.
pub fn generate_files(
    kind: &str,
    n: usize,
    m: usize,
    dir: &Path,
    name: &str,
) -> Result<Value, String> {
    let mut rng = SplitMix64::new(GRAPH_SEED);
    let edges = match kind {
        "ba" => barabasi_albert(n, m, &mut rng),
        "sbm" => planted_communities(n, m, 50, &mut rng),
        _ => return Err(format!("unknown kind {kind} (sbm or ba)")),
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut text = String::with_capacity(edges.len() * 14);
    for &(u, v) in &edges {
        text.push_str(&format!("{u} {v}\n"));
    }
    let edge_path = dir.join(format!("{name}.edges"));
    std::fs::write(&edge_path, text).map_err(|e| format!("{}: {e}", edge_path.display()))?;
    let map = network_of(&format!("{kind} {n}/{m}"), n, &edges, &mut rng);
    let doc = json!({ "caremap": 1, "network": map });
    let json_path = dir.join(format!("{name}.json"));
    let bytes = serde_json::to_vec(&doc).map_err(|e| e.to_string())?;
    std::fs::write(&json_path, bytes).map_err(|e| format!("{}: {e}", json_path.display()))?;
    Ok(json!({
        "name": name, "kind": kind, "nodes": n, "edges": edges.len(), "seed": GRAPH_SEED,
    }))
}

/// A caremap map with the given edges: categories, statuses and directions drawn as
/// `caremap generate` draws them, so that every chapter of the analysis has something to do.
fn network_of(name: &str, n: usize, edges: &[(usize, usize)], rng: &mut SplitMix64) -> Network {
    let mut map = Network::new(name);
    let categories: Vec<String> = map.categories.iter().map(|c| c.name.clone()).collect();
    let care_types: Vec<String> = map.care_types.iter().map(|t| t.name.clone()).collect();
    for i in 0..n {
        let category = categories[rng.below(categories.len())].clone();
        let mut e = Element::new(format!("e{i}"), format!("Element {i}"), category);
        if rng.below(2) == 0 {
            e.care_types
                .push(care_types[rng.below(care_types.len())].clone());
        }
        map.elements.push(e);
    }
    let statuses = [
        Status::Generative,
        Status::Engaged,
        Status::LooselyEngaged,
        Status::Inactive,
        Status::Unclassified,
    ];
    for (k, &(u, v)) in edges.iter().enumerate() {
        let mut c = Connection::new(format!("c{k}"), format!("e{u}"), format!("e{v}"));
        c.status = statuses[rng.below(statuses.len())];
        c.direction = match rng.below(10) {
            0..=5 => Direction::Directed,
            6..=8 => Direction::Mutual,
            _ => Direction::Undirected,
        };
        if c.status.is_active() {
            c.care_flowing
                .push(care_types[rng.below(care_types.len())].clone());
            c.paid = Some(rng.below(4) == 0);
        }
        map.connections.push(c);
    }
    map
}

/// Parses an edge list ("u v" per line, `#` comments) on every thread.
pub fn parse_edges(bytes: &[u8]) -> Result<Vec<(usize, usize)>, String> {
    let threads = rayon::current_num_threads().max(1);
    let mut cuts = vec![0];
    for t in 1..threads {
        let mut at = (bytes.len() * t / threads).max(*cuts.last().unwrap_or(&0));
        while at < bytes.len() && bytes[at - 1] != b'\n' {
            at += 1;
        }
        cuts.push(at);
    }
    cuts.push(bytes.len());
    let parts: Result<Vec<Vec<(usize, usize)>>, String> = cuts
        .par_windows(2)
        .map(|w| parse_chunk(&bytes[w[0]..w[1]]))
        .collect();
    Ok(parts?.concat())
}

fn parse_chunk(bytes: &[u8]) -> Result<Vec<(usize, usize)>, String> {
    let mut edges = Vec::with_capacity(bytes.len() / 12);
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        let mut fields = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|f| !f.is_empty())
            .map(|f| {
                f.iter().try_fold(0usize, |acc, &d| {
                    d.is_ascii_digit().then(|| acc * 10 + usize::from(d - b'0'))
                })
            });
        match (fields.next(), fields.next()) {
            (Some(Some(u)), Some(Some(v))) => edges.push((u, v)),
            (None, _) => {}
            _ => return Err(format!("bad edge line: {}", String::from_utf8_lossy(line))),
        }
    }
    Ok(edges)
}

/// Reads the edge list at `path` into the analysis graph of `n` nodes (at least one more than
/// the largest node named).
pub fn load(path: &Path, n: usize) -> Result<Graph, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let edges = parse_edges(&bytes)?;
    let top = edges
        .par_iter()
        .map(|&(u, v)| u.max(v) + 1)
        .max()
        .unwrap_or(0);
    Ok(Graph::from_undirected_edges(n.max(top), &edges))
}

/// Times `task` on the edge list at `path` and returns the JSON line to print.
pub fn run_task(task: &str, path: &Path, n: usize, options: &TaskOptions) -> Result<Value, String> {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let start = Instant::now();
    let graph = load(path, n)?;
    let load_seconds = start.elapsed().as_secs_f64();
    let (seconds, result) = match task {
        "load" => (
            load_seconds,
            json!({ "nodes": graph.node_count(), "edges": graph.edge_count() }),
        ),
        "components" => {
            let t = Instant::now();
            let c = connected_components(&graph);
            let s = t.elapsed().as_secs_f64();
            (
                s,
                json!({ "count": c.len(), "largest": c.first().map_or(0, Vec::len) }),
            )
        }
        "pagerank" => {
            let t = Instant::now();
            let p = pagerank(&graph, &PageRankOptions::default());
            let s = t.elapsed().as_secs_f64();
            save(options, &stem, "pagerank", &p)?;
            let mut r = json!({
                "sum": p.iter().sum::<f64>(),
                "max": p.iter().copied().fold(0.0, f64::max),
            });
            compare(options, &stem, "pagerank", &p, 1.0, &mut r)?;
            (s, r)
        }
        "louvain" => {
            let t = Instant::now();
            let l = louvain(
                &graph,
                &LouvainOptions {
                    seed: options.seed,
                    ..LouvainOptions::default()
                },
            );
            let s = t.elapsed().as_secs_f64();
            (
                s,
                json!({ "modularity": l.modularity, "communities": l.count, "levels": l.levels }),
            )
        }
        "betweenness_exact" => {
            let t = Instant::now();
            let b = betweenness_exact(graph.view(false));
            let s = t.elapsed().as_secs_f64();
            save(options, &stem, "betweenness", &b.normalized)?;
            let mut r = json!({
                "max": b.normalized.iter().copied().fold(0.0, f64::max),
                "sum": b.normalized.iter().sum::<f64>(),
            });
            compare(options, &stem, "betweenness", &b.normalized, 1.0, &mut r)?;
            (s, r)
        }
        "betweenness_sampled" => {
            let t = Instant::now();
            let b = betweenness(
                graph.view(false),
                &BetweennessOptions {
                    exact_limit: 0,
                    target_error: options.target_error,
                    confidence: options.confidence,
                    seed: options.seed,
                },
            );
            let s = t.elapsed().as_secs_f64();
            let mut r = match b.estimate {
                Estimate::Sampled {
                    sources,
                    error_bound,
                    confidence,
                    ..
                } => json!({
                    "sources": sources, "error_bound": error_bound, "confidence": confidence,
                }),
                Estimate::Exact => json!({ "sources": n, "error_bound": 0.0, "confidence": 1.0 }),
            };
            r["max"] = json!(b.normalized.iter().copied().fold(0.0, f64::max));
            compare(options, &stem, "betweenness", &b.normalized, 1.0, &mut r)?;
            (s, r)
        }
        _ => return Err(format!("unknown task {task} (one of {})", TASKS.join(", "))),
    };
    Ok(json!({
        "tool": "caremap",
        "task": task,
        "graph": stem,
        "seconds": seconds,
        "threads": rayon::current_num_threads(),
        "result": result,
    }))
}

fn reference_path(dir: &Path, stem: &str, what: &str) -> PathBuf {
    dir.join(format!("{stem}.{what}.f64"))
}

fn save(options: &TaskOptions, stem: &str, what: &str, values: &[f64]) -> Result<(), String> {
    let Some(dir) = &options.save else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let bytes: Vec<u8> = values.iter().flat_map(|x| x.to_le_bytes()).collect();
    let path = reference_path(dir, stem, what);
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Adds `max_abs_error` (largest difference from the saved reference) to `result` when a
/// reference of the same length is there.
fn compare(
    options: &TaskOptions,
    stem: &str,
    what: &str,
    values: &[f64],
    scale: f64,
    result: &mut Value,
) -> Result<(), String> {
    let Some(dir) = &options.reference else {
        return Ok(());
    };
    let Ok(bytes) = std::fs::read(reference_path(dir, stem, what)) else {
        return Ok(());
    };
    if bytes.len() != values.len() * 8 {
        return Ok(());
    }
    let error = bytes
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
        .zip(values)
        .map(|(r, x)| (r - x * scale).abs())
        .fold(0.0, f64::max);
    result["max_abs_error"] = json!(error);
    Ok(())
}
