//! The browser app in real Chromium: a server over SQLite with the demo map (as `caremap serve`
//! loads it on first run), an owner with a password, and `web/tests/e2e.mjs` driving headless
//! Chromium through playwright-core: signing in, the demo map drawn with every element, search
//! and profile, and the public page, which must not receive a private value the member sees.
//! Every request for another host than the test server fails the run. The screenshots go to
//! `docs/screenshots/` (the README links them); the time to first paint is printed.
//!
//! Needs Chromium (`apt-get install chromium`, or CAREMAP_CHROMIUM=/path) and Node.js with the
//! app's packages (`web/node_modules`, installed by the build). Skipped with a message without
//! them, except under CI, where it fails.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caremap_core::model::{Consent, Element, FieldValue};
use caremap_store::{Change, Role};
use common::TestServer;

/// What the e2e script looks for: an element without consent whose label, email and custom
/// field the member view shows and no public response may hold.
const PLANTED_LABEL: &str = "Quentin Privateperson";
const PLANTED_EMAIL: &str = "e2e.private@example.invalid";
const PLANTED_FIELD: &str = "E2E-PRIVATE-31";
const OWNER_EMAIL: &str = "owner.e2e@example.org";
const OWNER_PASSWORD: &str = "a long e2e passphrase";
const VIEWER_EMAIL: &str = "viewer.e2e@example.org";
const VIEWER_PASSWORD: &str = "a long viewer passphrase";
/// The longest the browser run may take before it is stopped.
const LIMIT: Duration = Duration::from_secs(240);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Chromium: CAREMAP_CHROMIUM, else /usr/bin/chromium, else `chromium` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CAREMAP_CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    })
}

/// Skips the test with `why`, or fails it under CI, which must run it.
fn skip(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{why}, and CI must run the browser test (.ci/run installs what it needs)"
    );
    eprintln!("skipped: {why}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_works_in_chromium_and_its_public_page_leaks_nothing() {
    let Some(browser) = chromium() else {
        skip("Chromium is not installed (apt-get install chromium, or set CAREMAP_CHROMIUM)");
        return;
    };
    let script = repo().join("web/tests/e2e.mjs");
    if !repo().join("web/node_modules/playwright-core").is_dir() {
        skip("web/node_modules has no playwright-core (cargo build runs npm ci in web/)");
        return;
    }

    let s = TestServer::sqlite().await;
    // The app must be built into the binary (not the CAREMAP_SKIP_WEB placeholder).
    let app = s.anonymous().get("/assets/app.js").await.expect(200);
    if app.bytes.is_empty() {
        skip("the server was built without its browser app (CAREMAP_SKIP_WEB)");
        s.stop().await;
        return;
    }

    let map = caremap_server::demo::ensure(&s.store)
        .await
        .expect("load the demo map")
        .expect("a new database gets the demo map");
    let owner = caremap_server::api::session::create_account(
        &s.store,
        OWNER_EMAIL,
        "E2E Owner",
        OWNER_PASSWORD,
        false,
    )
    .await
    .expect("create the owner");
    s.grant(map, &owner, Role::Owner).await;
    let viewer = caremap_server::api::session::create_account(
        &s.store,
        VIEWER_EMAIL,
        "E2E Viewer",
        VIEWER_PASSWORD,
        false,
    )
    .await
    .expect("create the viewer");
    s.grant(map, &viewer, Role::Viewer).await;

    // The planted person: no consent, an email, a custom field.
    let mut planted = Element::new(
        "e2e-planted-person",
        PLANTED_LABEL,
        "individual active citizen",
    );
    planted.email = Some(PLANTED_EMAIL.into());
    planted.fields.insert(
        "Private note".into(),
        FieldValue::Text(PLANTED_FIELD.into()),
    );
    planted.consent = Some(Consent {
        given: false,
        date: None,
        recorded_by: None,
    });
    planted.care_types = vec!["Befriending & Companionship".into()];
    s.store
        .apply(
            map,
            vec![Change::CreateElement { element: planted }],
            "test",
        )
        .await
        .expect("plant the private element");
    let elements = s.store.load_network(map).await.unwrap().elements.len();
    assert_eq!(
        elements, 46,
        "the demo map has 45 elements, and the planted one"
    );

    // The demo's history as it would be after real surveys: the 2025 survey recorded 400 days
    // ago, the 2026 one 30 days ago (the planted person today), so the date slider has a past
    // to show.
    backdate_demo(&s, map).await;

    // A Kumu spreadsheet with a bad row (a connection without its "To"), for the import step.
    let fixtures = tempfile::tempdir().expect("temporary directory");
    let spreadsheet = fixtures.path().join("hollybank-survey.xlsx");
    write_spreadsheet_with_a_bad_row(&spreadsheet);

    let shots = repo().join("docs/screenshots");
    let base = s.base.clone();
    let run = tokio::task::spawn_blocking(move || {
        let mut command = Command::new("node");
        command
            .arg(&script)
            .args([base.as_str(), OWNER_EMAIL, OWNER_PASSWORD])
            .arg(&shots)
            .env("CAREMAP_CHROMIUM", &browser)
            .env("CAREMAP_E2E_ELEMENTS", elements.to_string())
            .env("CAREMAP_E2E_ELEMENTS_2025", ELEMENTS_2025.to_string())
            .env("CAREMAP_E2E_SPREADSHEET", &spreadsheet)
            .env(
                "CAREMAP_E2E_VIEWER",
                format!("{VIEWER_EMAIL}:{VIEWER_PASSWORD}"),
            );
        run_with_limit(command, LIMIT)
    })
    .await
    .unwrap();
    s.stop().await;

    let (status, output) = match run {
        Ok(done) => done,
        Err(why) if why.kind() == std::io::ErrorKind::NotFound => {
            skip("Node.js is not installed (apt-get install nodejs)");
            return;
        }
        Err(why) => panic!("node web/tests/e2e.mjs could not run: {why}"),
    };
    // Shown with --nocapture, and on failure.
    println!("{output}");
    assert!(
        status == Some(0),
        "web/tests/e2e.mjs failed (exit {status:?}); its output:\n{output}"
    );
    assert!(
        output.contains("first paint of the demo map:"),
        "the e2e run printed no first paint:\n{output}"
    );
}

/// Elements of the demo's 2025 survey (examples/larkspur-vale-2025.json).
const ELEMENTS_2025: usize = 42;
const DAY_US: i64 = 86_400_000_000;

/// Moves the demo map's history into the past: what the first import and the "2025 survey"
/// snapshot wrote to 400 days ago, what the second import and "2026 survey" wrote to 30 days
/// ago. The planted person, added after, stays today. The map itself was made 400 days ago.
async fn backdate_demo(s: &TestServer, map: caremap_store::MapId) {
    let caremap_store::Store::Sqlite(db) = &s.store else {
        panic!("the browser test runs on SQLite")
    };
    let at = |name: &str| {
        let name = name.to_string();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT at_us FROM snapshots WHERE map_id = $1 AND name = $2",
            )
            .bind(map)
            .bind(name)
            .fetch_one(db.pool())
            .await
            .expect("the demo's snapshot")
        }
    };
    let (first, second) = (at("2025 survey").await, at("2026 survey").await);
    for (table, until, shift) in [
        ("history", first, 400),
        ("snapshots", first, 400),
        ("history", second, 30),
        ("snapshots", second, 30),
    ] {
        // Rows already moved are far below `until`; the 30-day shift only takes the rows
        // written after the first snapshot.
        let sql = format!(
            "UPDATE {table} SET at_us = at_us - $1 WHERE map_id = $2 AND at_us <= $3 AND at_us > $4"
        );
        let after = if shift == 400 { i64::MIN } else { first };
        sqlx::query(&sql)
            .bind(shift * DAY_US)
            .bind(map)
            .bind(until)
            .bind(after)
            .execute(db.pool())
            .await
            .expect("backdate the demo");
    }
    sqlx::query("UPDATE maps SET created_us = created_us - $1 WHERE id = $2")
        .bind(400 * DAY_US)
        .bind(map)
        .execute(db.pool())
        .await
        .expect("backdate the demo map");
}

/// A Kumu-style workbook (invented people and groups): four elements, two good connections and
/// one connection row without its "To", which the import must report and skip.
fn write_spreadsheet_with_a_bad_row(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let elements = book.add_worksheet().set_name("Elements").unwrap();
    let rows = [
        ["Label", "Type", "Care Types"],
        [
            "Hollybank Lunch Club",
            "grassroots or mutual-aid group",
            "Food & Shared Meals",
        ],
        [
            "Oriel Fenwick",
            "individual active citizen",
            "Befriending & Companionship",
        ],
        ["Hollybank Surgery", "statutory service", ""],
        [
            "Hollybank Community Hub",
            "community hub or voluntary organisation",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            elements.write(r as u32, c as u16, *text).unwrap();
        }
    }
    let connections = book.add_worksheet().set_name("Connections").unwrap();
    let rows = [
        ["From", "To", "Status"],
        ["Oriel Fenwick", "Hollybank Lunch Club", "generative"],
        ["Hollybank Community Hub", "Hollybank Surgery", "engaged"],
        ["Hollybank Lunch Club", "", "engaged"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            connections.write(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(path).expect("write the spreadsheet");
}

/// Runs `command`, its output gathered (stdout then stderr); stops it after `limit`. The status
/// is `None` when it was stopped or killed by a signal.
fn run_with_limit(mut command: Command, limit: Duration) -> std::io::Result<(Option<i32>, String)> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status.code();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut output = out.join().unwrap_or_default();
    let errors = err.join().unwrap_or_default();
    if !errors.is_empty() {
        output.push_str("\n--- stderr ---\n");
        output.push_str(&errors);
    }
    if status.is_none() && started.elapsed() > limit {
        output.push_str(&format!("\n(stopped after {} s)", limit.as_secs()));
    }
    Ok((status, output))
}
