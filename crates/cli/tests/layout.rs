//! `caremap layout` as a user runs it: positions for every element, the same for a seed.

use std::path::Path;
use std::process::{Command, Output};

fn caremap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caremap"))
        .args(args)
        .output()
        .expect("the caremap binary runs")
}

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/larkspur-vale-2026.json")
        .to_string_lossy()
        .to_string()
}

/// Lays `input` out into `dir/name` and returns the written map as JSON.
fn layout(input: &str, dir: &Path, name: &str, extra: &[&str]) -> serde_json::Value {
    let out = dir.join(name);
    let out_arg = out.to_string_lossy().to_string();
    let mut args = vec!["layout", input, &out_arg]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = caremap(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn positions(map: &serde_json::Value) -> Vec<(f64, f64)> {
    map["network"]["elements"]
        .as_array()
        .expect("a list of elements")
        .iter()
        .map(|e| {
            let p = &e["position"];
            (p["x"].as_f64().unwrap(), p["y"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn every_element_gets_a_position_the_same_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = positions(&layout(&example(), dir.path(), "a.json", &["--seed", "3"]));
    let b = positions(&layout(&example(), dir.path(), "b.json", &["--seed", "3"]));
    let c = positions(&layout(
        &example(),
        dir.path(),
        "c.json",
        &["--seed", "4", "--lin-log"],
    ));
    assert!(!a.is_empty());
    assert!(a.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn kept_positions_stay_put() {
    let dir = tempfile::tempdir().unwrap();
    let first = layout(&example(), dir.path(), "first.json", &["--iterations", "5"]);
    let first_path = dir.path().join("first.json").to_string_lossy().to_string();
    let kept = layout(
        &first_path,
        dir.path(),
        "kept.json",
        &["--keep-existing", "--seed", "9"],
    );
    let moved = layout(&first_path, dir.path(), "moved.json", &["--seed", "9"]);
    assert_eq!(positions(&kept), positions(&first));
    assert_ne!(positions(&moved), positions(&first));
}

#[test]
fn help_has_examples_and_bad_numbers_are_refused() {
    let o = caremap(&["layout", "--help"]);
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("Examples:") && help.contains("--lin-log"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json").to_string_lossy().to_string();
    let o = caremap(&["layout", &example(), &out, "--gravity=-1"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--gravity"));
}
