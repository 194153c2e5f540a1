//! The HTML report in a real browser: headless Chromium opens it with every network request
//! refused, renders every chapter, and takes a screenshot.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    })
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Any request for another host fails: the report must not need one.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn the_report_opens_in_chromium_without_network() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is not installed, and CI must run the browser test (.ci/run installs it)"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/larkspur-vale-2026.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_caremap"))
        .args([
            "report",
            demo.to_str().unwrap(),
            "-o",
            report.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let url = format!("file://{}", report.display());

    let dom = headless(&browser, &dir.path().join("profile-a"))
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    for heading in [
        "Care wealth",
        "Relationship health",
        "Care teams",
        "Bridging",
        "structure",
    ] {
        assert!(
            dom.to_lowercase().contains(&heading.to_lowercase()),
            "the rendered report has no '{heading}'"
        );
    }

    let shot = dir.path().join("report.png");
    let o = headless(&browser, &dir.path().join("profile-b"))
        .args(["--window-size=1280,1600", "--hide-scrollbars"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).expect("Chromium wrote a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "the screenshot is empty"
    );
    if let Some(keep) = std::env::var_os("CAREMAP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
