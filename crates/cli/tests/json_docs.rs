//! Every key of the JSON that `caremap analyse`, `caremap diff` and `caremap person` print is
//! documented in docs/analysis-json.md: the real binary runs on the demo maps, every object key
//! found anywhere in its output (recursively, through arrays) must appear on that page as a
//! backticked name (`key`). A field added without documentation fails here, naming it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    root()
        .join("examples")
        .join(name)
        .to_string_lossy()
        .to_string()
}

fn docs() -> String {
    let path = root().join("docs").join("analysis-json.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The JSON that `caremap ARGS` prints.
fn json_of(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_caremap"))
        .args(args)
        .output()
        .expect("the caremap binary runs");
    assert!(
        out.status.success(),
        "caremap {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "caremap {} did not print JSON: {e}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Every object key anywhere in `value`, through objects and arrays.
fn collect_keys(value: &Value, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                collect_keys(v, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}

/// Fails, listing them all, when some key of the output of `caremap ARGS` is not documented.
/// `expected` are a few keys that must be among those found, so that an output that lost its
/// content cannot pass by having no keys to check.
fn assert_documented(args: &[&str], expected: &[&str]) {
    let mut keys = BTreeSet::new();
    collect_keys(&json_of(args), &mut keys);
    for k in expected {
        assert!(
            keys.contains(*k),
            "caremap {}: expected key `{k}` in the output; found {keys:?}",
            args.join(" ")
        );
    }
    let doc = docs();
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "caremap {}: {} of {} keys are not documented in docs/analysis-json.md (as `key`): {}",
        args.join(" "),
        missing.len(),
        keys.len(),
        missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[test]
fn every_key_of_the_analysis_json_is_documented() {
    let map = example("larkspur-vale-2026.json");
    assert_documented(
        &["analyse", &map, "-f", "json"],
        &[
            "schema_version",
            "membership",
            "care_wealth",
            "health",
            "teams",
            "bridging",
            "structure",
            "elements",
            "introductions",
            "share",
        ],
    );
}

#[test]
fn every_key_of_the_diff_json_is_documented() {
    let (old, new) = (
        example("larkspur-vale-2025.json"),
        example("larkspur-vale-2026.json"),
    );
    assert_documented(
        &["diff", &old, &new, "-f", "json"],
        &[
            "joined",
            "transitions",
            "transition_table",
            "kept",
            "before",
        ],
    );
}

#[test]
fn every_key_of_the_person_json_is_documented() {
    let (old, new) = (
        example("larkspur-vale-2025.json"),
        example("larkspur-vale-2026.json"),
    );
    assert_documented(
        &[
            "person",
            &new,
            "Team Maple",
            "--against",
            &old,
            "-f",
            "json",
        ],
        &[
            "before", "after", "inner", "outer", "relation", "evenness", "findings",
        ],
    );
}

#[test]
fn keys_are_collected_through_objects_and_arrays() {
    let value = serde_json::json!({
        "top": [{"in_array": 1}, [[{"deep": {"inner": null}}]]],
        "pair": ["not_a_key", 2]
    });
    let mut keys = BTreeSet::new();
    collect_keys(&value, &mut keys);
    let found: Vec<&str> = keys.iter().map(String::as_str).collect();
    assert_eq!(found, vec!["deep", "in_array", "inner", "pair", "top"]);
}
