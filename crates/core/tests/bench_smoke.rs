//! Smoke run of the caremap side of the benchmark harness (`bench/run`, `docs/benchmarks.md`):
//! every task of `examples/bench_tasks.rs` on a tiny generated network, checking that each
//! prints a JSON line with sane results. No Python, no network, a few seconds.

#[allow(dead_code)]
#[path = "../examples/bench_tasks.rs"]
mod bench_tasks;

use std::path::PathBuf;

use bench_tasks::{generate_files, run_task, TaskOptions, TASKS};
use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("caremap-bench-smoke-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_task_prints_a_sane_json_line() {
    for kind in ["sbm", "ba"] {
        let dir = scratch(kind);
        let name = format!("{kind}-300");
        let meta = generate_files(kind, 300, 900, &dir, &name).unwrap();
        let edges = meta["edges"].as_u64().unwrap();
        assert!((850..=900).contains(&edges), "{meta}");
        // The caremap JSON of the same graph is there for `caremap analyse`.
        let doc: Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{name}.json"))).unwrap())
                .unwrap();
        assert_eq!(doc["caremap"], 1);
        assert_eq!(doc["network"]["elements"].as_array().unwrap().len(), 300);
        assert_eq!(
            doc["network"]["connections"].as_array().unwrap().len() as u64,
            edges
        );

        let file = dir.join(format!("{name}.edges"));
        let options = TaskOptions {
            save: Some(dir.join("ref")),
            reference: Some(dir.join("ref")),
            // Large enough that 300 nodes are sampled rather than all searched.
            target_error: 0.2,
            ..TaskOptions::default()
        };
        for task in TASKS {
            let line = run_task(task, &file, 300, &options).unwrap().to_string();
            let v: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["tool"], "caremap");
            assert_eq!(v["task"], task);
            assert_eq!(v["graph"], name.as_str());
            let seconds = v["seconds"].as_f64().unwrap();
            assert!((0.0..30.0).contains(&seconds), "{line}");
            let r = &v["result"];
            match task {
                "load" => {
                    assert_eq!(r["nodes"], 300);
                    assert_eq!(r["edges"].as_u64().unwrap(), edges);
                }
                "components" => {
                    let count = r["count"].as_u64().unwrap();
                    assert!((1..=300).contains(&count), "{line}");
                    assert!(r["largest"].as_u64().unwrap() >= 300 / count, "{line}");
                }
                "pagerank" => {
                    assert!((r["sum"].as_f64().unwrap() - 1.0).abs() < 1e-9, "{line}");
                    assert!(r["max"].as_f64().unwrap() > 1.0 / 300.0, "{line}");
                    // Compared with itself, saved a moment ago.
                    assert!(r["max_abs_error"].as_f64().unwrap() < 1e-15, "{line}");
                }
                "louvain" => {
                    let q = r["modularity"].as_f64().unwrap();
                    assert!((-0.5..=1.0).contains(&q), "{line}");
                    assert!(r["communities"].as_u64().unwrap() >= 1, "{line}");
                    if kind == "sbm" {
                        // 50 planted groups of 6 with 80% of edges inside: clearly modular.
                        assert!(q > 0.3, "{line}");
                    }
                }
                "betweenness_exact" => {
                    let max = r["max"].as_f64().unwrap();
                    assert!(max > 0.0 && max <= 1.0, "{line}");
                }
                "betweenness_sampled" => {
                    let sources = r["sources"].as_u64().unwrap();
                    assert!(sources > 0 && sources < 300, "{line}");
                    let bound = r["error_bound"].as_f64().unwrap();
                    assert!(bound > 0.0 && bound <= 0.2 + 1e-9, "{line}");
                    let error = r["max_abs_error"].as_f64().unwrap();
                    assert!(error <= bound, "{line}");
                }
                _ => unreachable!(),
            }
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn a_bad_edge_line_is_an_error_not_a_panic() {
    let dir = scratch("bad");
    let file = dir.join("bad.edges");
    std::fs::write(&file, "# comment\n0 1\n1 x\n").unwrap();
    let err = run_task("load", &file, 2, &TaskOptions::default()).unwrap_err();
    assert!(err.contains("bad edge line"), "{err}");
    assert!(run_task(
        "nonsense",
        &dir.join("missing.edges"),
        2,
        &TaskOptions::default()
    )
    .is_err());
    std::fs::remove_dir_all(&dir).ok();
}
