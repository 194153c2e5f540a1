//! The command line as a user runs it: the real binary, real files, exit codes and messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn caremap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caremap"))
        .args(args)
        .output()
        .expect("the caremap binary runs")
}

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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn help_lists_every_command_and_each_has_examples() {
    let o = caremap(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    for cmd in ["analyse", "report", "diff", "person", "convert", "generate"] {
        assert!(help.contains(cmd), "--help does not list {cmd}");
        let sub = caremap(&[cmd, "--help"]);
        assert!(sub.status.success(), "{cmd} --help failed");
        assert!(
            stdout(&sub).contains("Examples:"),
            "{cmd} --help has no examples"
        );
    }
}

#[test]
fn usage_errors_exit_2_and_bad_input_exits_1_naming_the_file() {
    let o = caremap(&["analyse"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = caremap(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = caremap(&["analyse", "no-such-file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.json"), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        "{\"caremap\": 1, \"network\": {\"name\": \"x\",\n  \"elements\": [oops]}}",
    )
    .unwrap();
    let o = caremap(&["analyse", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("broken.json") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn analyse_the_demo_reads_as_sentences_and_as_complete_json() {
    let o = caremap(&["analyse", &example("larkspur-vale-2026.xlsx")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("elements"), "{text}");
    assert!(text.contains('%'));
    // Piped stderr gets no progress bar.
    assert!(!stderr(&o).contains('\u{2800}') && !stderr(&o).contains("analysing:"));

    let o = caremap(&[
        "analyse",
        &example("larkspur-vale-2026.json"),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("analysis JSON parses");
    for chapter in [
        "membership",
        "care_wealth",
        "health",
        "teams",
        "bridging",
        "structure",
        "elements",
    ] {
        assert!(json.get(chapter).is_some(), "no {chapter} in the JSON");
    }
    let demo: serde_json::Value =
        serde_json::from_slice(&std::fs::read(example("larkspur-vale-2026.json")).unwrap())
            .unwrap();
    let elements = demo["network"]["elements"].as_array().unwrap().len();
    assert_eq!(json["elements"].as_array().unwrap().len(), elements);
    assert_eq!(
        json["membership"]["elements"].as_u64().unwrap() as usize,
        elements
    );

    let md = caremap(&[
        "analyse",
        &example("larkspur-vale-2026.json"),
        "-f",
        "markdown",
    ]);
    assert!(
        stdout(&md).starts_with('#'),
        "markdown starts with a heading"
    );
}

#[test]
fn report_writes_one_self_contained_html_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let o = caremap(&[
        "report",
        &example("larkspur-vale-2026.xlsx"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("<svg"),
        "the report draws its pictures as SVG"
    );
    for needle in [
        "src=\"http",
        "href=\"http",
        "url(http",
        "src='http",
        "@import",
    ] {
        assert!(!html.contains(needle), "the report would fetch {needle}…");
    }
}

#[test]
fn diff_of_the_two_demo_years_says_who_joined_and_what_changed() {
    let o = caremap(&[
        "diff",
        &example("larkspur-vale-2025.json"),
        &example("larkspur-vale-2026.json"),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let change: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!change["joined"].as_array().unwrap().is_empty());
    assert!(!change["left"].as_array().unwrap().is_empty());
    assert!(!change["transitions"].as_array().unwrap().is_empty());
    let then = change["generative_then"]["share"].as_f64().unwrap();
    let now = change["generative_now"]["share"].as_f64().unwrap();
    assert!(
        now > then,
        "the demo's generative share rises ({then} -> {now})"
    );
    let text = caremap(&[
        "diff",
        &example("larkspur-vale-2025.json"),
        &example("larkspur-vale-2026.json"),
    ]);
    assert!(text.status.success());
    assert!(!stdout(&text).is_empty());
}

#[test]
fn person_map_of_a_team_as_text_json_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("maple.svg");
    let o = caremap(&[
        "person",
        &example("larkspur-vale-2026.json"),
        "team maple",
        "--against",
        &example("larkspur-vale-2025.json"),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Team Maple"));
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<svg") || picture.starts_with("<?xml"));
    assert!(picture.contains("Team Maple"));

    let o = caremap(&[
        "person",
        &example("larkspur-vale-2026.json"),
        "Team Maple",
        "-f",
        "json",
    ]);
    let map: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(map["person"]["label"], "Team Maple");
    assert!(!map["inner"].as_array().unwrap().is_empty());

    let o = caremap(&["person", &example("larkspur-vale-2026.json"), "Team Mapel"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no element is labelled 'Team Mapel'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn convert_carries_the_demo_through_every_format_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let original = example("larkspur-vale-2026.json");
    let reference = dir.path().join("reference.json");
    let o = caremap(&["convert", &original, reference.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&reference).unwrap()).unwrap();
    for (to, file) in [
        ("kumu-xlsx", "m.xlsx"),
        ("kumu-json", "m.kumu.json"),
        ("gexf", "m.gexf"),
        ("graphml", "m.graphml"),
        ("graphology", "m.graphology.json"),
    ] {
        let path = dir.path().join(file);
        let o = caremap(&["convert", &original, path.to_str().unwrap(), "--to", to]);
        assert!(o.status.success(), "{to}: {}", stderr(&o));
        let back = dir.path().join(format!("{file}.back.json"));
        assert_reads_back(&[&path], &back, to, &want);
    }
    for (to, stem, parts) in [
        ("kumu-csv", "k.csv", ["k-elements.csv", "k-connections.csv"]),
        ("gephi-csv", "g.csv", ["g-nodes.csv", "g-edges.csv"]),
    ] {
        let o = caremap(&[
            "convert",
            &original,
            dir.path().join(stem).to_str().unwrap(),
            "--to",
            to,
        ]);
        assert!(o.status.success(), "{to}: {}", stderr(&o));
        let back = dir.path().join(format!("{stem}.back.json"));
        let (a, b) = (dir.path().join(parts[0]), dir.path().join(parts[1]));
        assert_reads_back(&[&a, &b], &back, to, &want);
    }
}

/// Converts `files` (written as `format`) back to caremap JSON at `back` and asserts that every
/// element and connection is as in `want`.
fn assert_reads_back(files: &[&Path], back: &Path, format: &str, want: &serde_json::Value) {
    let mut args: Vec<&str> = vec!["convert"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    args.extend([back.to_str().unwrap(), "--from", format, "--to", "caremap"]);
    let o = caremap(&args);
    assert!(o.status.success(), "{format} back: {}", stderr(&o));
    let got: serde_json::Value = serde_json::from_slice(&std::fs::read(back).unwrap()).unwrap();
    assert_eq!(
        got["network"]["elements"], want["network"]["elements"],
        "{format}: elements changed"
    );
    assert_eq!(
        got["network"]["connections"], want["network"]["connections"],
        "{format}: connections changed"
    );
}

#[test]
fn convert_refuses_to_overwrite_its_input_and_unknown_formats() {
    let o = caremap(&[
        "convert",
        &example("larkspur-vale-2026.json"),
        &example("larkspur-vale-2026.json"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("overwrite"));
    let dir = tempfile::tempdir().unwrap();
    let o = caremap(&[
        "convert",
        &example("larkspur-vale-2026.json"),
        dir.path().join("x.out").to_str().unwrap(),
        "--to",
        "pdf",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown format 'pdf'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn generate_makes_a_network_of_the_asked_size_that_analyses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen.json");
    let o = caremap(&[
        "generate",
        "--elements",
        "300",
        "--connections",
        "900",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = caremap(&["analyse", out.to_str().unwrap(), "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["structure"]["elements"], 300);
    assert_eq!(json["structure"]["connections"], 900);
}
