//! Builds the browser app (`web/`, TypeScript bundled by esbuild) into `OUT_DIR/web`, where
//! `src/web.rs` embeds it: `cargo build` is all it takes, no separate front-end step.
//!
//! The first build runs `npm ci` in `web/` (the npm registry must be reachable once); later
//! builds rerun only when a file of the app changes. `CAREMAP_SKIP_WEB=1` skips the app and
//! embeds a page saying so (for machines without Node.js; the API still works).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let web = manifest.join("../../web");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("web");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/web");
    println!("cargo:rerun-if-env-changed=CAREMAP_SKIP_WEB");
    for path in [
        "src",
        "package.json",
        "package-lock.json",
        "build.mjs",
        "tsconfig.json",
    ] {
        println!("cargo:rerun-if-changed={}", web.join(path).display());
    }
    if std::env::var_os("CAREMAP_SKIP_WEB").is_some() {
        placeholder(&out);
        return;
    }
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let installed = web.join("node_modules/.package-lock.json");
    let lock = web.join("package-lock.json");
    if is_older(&installed, &lock) {
        run(
            Command::new(npm)
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&web),
            "npm ci (installing the browser app's packages)",
        );
    }
    run(
        Command::new("node")
            .arg("build.mjs")
            .env("CAREMAP_WEB_OUT", &out)
            .current_dir(&web),
        "node build.mjs (bundling the browser app)",
    );
}

/// True when `a` is missing or older than `b`.
fn is_older(a: &Path, b: &Path) -> bool {
    let time = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (time(a), time(b)) {
        (Some(a), Some(b)) => a < b,
        _ => true,
    }
}

fn run(command: &mut Command, what: &str) {
    match command.status() {
        Ok(status) if status.success() => {}
        Ok(status) => panic!(
            "{what} failed ({status}). The browser app needs Node.js and npm (Debian: apt-get install nodejs npm) and the npm registry once; set CAREMAP_SKIP_WEB=1 to build without it"
        ),
        Err(e) => panic!(
            "{what} could not start: {e}. The browser app needs Node.js and npm (Debian: apt-get install nodejs npm); set CAREMAP_SKIP_WEB=1 to build without it"
        ),
    }
}

fn placeholder(out: &Path) {
    let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>caremap</title></head><body><h1>caremap</h1><p>This caremap was built without its browser app (CAREMAP_SKIP_WEB). The API under /api/v1 works; rebuild without CAREMAP_SKIP_WEB for the map.</p></body></html>";
    std::fs::write(out.join("index.html"), page).expect("write placeholder");
    std::fs::write(out.join("app.js"), "").expect("write placeholder");
    std::fs::write(out.join("app.css"), "").expect("write placeholder");
}
