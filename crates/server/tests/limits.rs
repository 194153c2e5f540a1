//! Limits and sessions: body and upload sizes, the login rate limit, session lifetimes and the
//! request time limit. Each test starts a server over SQLite with small limits or short
//! lifetimes.

mod common;

use std::time::Duration;

use caremap_core::generate::{generate, GenerateOptions};
use caremap_server::Settings;
use caremap_store::{ImportMode, MapId, Role};
use common::{Answer, Client, Harness, TestServer, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

const XLSX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/larkspur-vale-2026.xlsx"
);

async fn server(settings: Settings) -> TestServer {
    TestServer::start(Harness::sqlite().await, settings).await
}

/// Asserts the API's error shape with this status and code.
#[track_caller]
fn assert_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.status.as_u16(), status, "body: {}", a.text());
    let body: Value = a.json();
    assert_eq!(body["error"]["status"], status, "{}", a.text());
    assert_eq!(body["error"]["code"], code, "{}", a.text());
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.len() > 10),
        "{}",
        a.text()
    );
}

fn m(map: MapId, rest: &str) -> String {
    format!("/api/v1/maps/{map}{rest}")
}

/// A login attempt; the answer whatever it is.
async fn try_login(s: &TestServer, email: &str, password: &str) -> Answer {
    s.anonymous()
        .post(
            "/api/v1/login",
            json!({"email": email, "password": password}),
        )
        .await
}

/// Logs in and returns the session token of the cookie the server set.
async fn session_token(s: &TestServer, email: &str) -> (Answer, String) {
    let a = try_login(s, email, PASSWORD).await.expect(200);
    let (_, token) = common::session_cookie(&a);
    (a, token)
}

/// A call carrying this session cookie, whether or not a browser would still send it.
async fn with_cookie(s: &TestServer, path: &str, token: &str) -> Answer {
    Client::answer(
        reqwest::Client::new()
            .request(Method::GET, s.url(path))
            .header("cookie", format!("caremap_session={token}")),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_and_uploads_over_the_limits_are_refused_with_413() {
    let s = server(Settings {
        body_limit: 8 << 10,
        upload_limit: 64 << 10,
        ..Settings::default()
    })
    .await;
    let map = s.demo_map().await;
    let (user, c) = s.script_user("big@example.org").await;
    s.grant(map, &user, Role::Owner).await;
    let before = c.get(&m(map, "/network")).await.expect(200).bytes;

    // An ordinary call over the body limit.
    let long = "x".repeat(10 << 10);
    let a = c
        .post(
            &m(map, "/elements"),
            json!({"id": "e-long", "label": "Long", "category": "", "description": long}),
        )
        .await;
    assert_error(&a, 413, "too_large");
    let a = c
        .post(
            &m(map, "/changes"),
            json!({"changes": [{"op": "create_element", "element": {"id": "e-long", "label": "Long", "category": "", "description": long}}]}),
        )
        .await;
    assert_error(&a, 413, "too_large");
    // Under it, the same call works.
    c.post(
        &m(map, "/elements"),
        json!({"id": "e-short", "label": "Short", "category": "", "description": "x".repeat(4 << 10)}),
    )
    .await
    .expect(201);

    // An upload over the body limit but under the upload limit is taken (the workbook is ~20 KB).
    let xlsx = std::fs::read(XLSX).unwrap();
    assert!(xlsx.len() > 8 << 10 && xlsx.len() < 64 << 10);
    // Its check before an import takes it too.
    let a = Client::answer(
        c.request(
            Method::POST,
            "/api/v1/import/check?filename=larkspur-vale-2026.xlsx",
        )
        .body(xlsx.clone()),
    )
    .await
    .expect(200);
    assert_eq!(a.json()["elements"], 45);
    let a = Client::answer(
        c.request(
            Method::POST,
            &m(map, "/import?filename=larkspur-vale-2026.xlsx"),
        )
        .body(xlsx),
    )
    .await
    .expect(200);
    assert_eq!(a.json()["elements"], 45);
    let before_upload = c.get(&m(map, "/network")).await.expect(200).bytes;
    assert_ne!(before, before_upload, "the import replaced e-short");

    // Over the upload limit: raw and multipart.
    let big = vec![b'a'; 100 << 10];
    let a = Client::answer(
        c.request(Method::POST, &m(map, "/import?filename=big.csv"))
            .body(big.clone()),
    )
    .await;
    assert_error(&a, 413, "too_large");
    assert!(a.text().contains("64 KiB"), "names the limit: {}", a.text());
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(big).file_name("big.csv"),
    );
    let a = Client::answer(c.request(Method::POST, &m(map, "/import")).multipart(form)).await;
    assert_error(&a, 413, "too_large");
    let a = Client::answer(
        c.request(Method::POST, "/api/v1/import/check?filename=big.csv")
            .body(vec![b'a'; 100 << 10]),
    )
    .await;
    assert_error(&a, 413, "too_large");
    assert_eq!(
        c.get(&m(map, "/network")).await.expect(200).bytes,
        before_upload,
        "a refused upload changed the map"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_limited_per_account_even_with_the_right_password() {
    let s = server(Settings {
        login_failures_per_account: 3,
        login_window: Duration::from_secs(600),
        ..Settings::default()
    })
    .await;
    s.account("target@example.org", false).await;
    s.account("bystander@example.org", false).await;
    for _ in 0..3 {
        let a = try_login(&s, "target@example.org", "not the password at all").await;
        assert_error(&a, 401, "unauthorized");
    }
    let a = try_login(&s, "TARGET@example.org", PASSWORD).await;
    assert_error(&a, 429, "rate_limited");
    assert_eq!(
        a.headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("600"),
        "Retry-After says how long to wait"
    );
    assert!(a.text().contains("10 minutes"), "{}", a.text());
    assert!(
        a.headers.get("set-cookie").is_none(),
        "no session while limited"
    );
    // Another account is not locked out by someone guessing at this one.
    try_login(&s, "bystander@example.org", PASSWORD)
        .await
        .expect(200);
    s.stop().await;
}

/// A login attempt as if from `forwarded` (an X-Forwarded-For header).
async fn try_login_from(s: &TestServer, forwarded: &str, email: &str, password: &str) -> Answer {
    Client::answer(
        s.anonymous()
            .request(Method::POST, "/api/v1/login")
            .header("x-forwarded-for", forwarded)
            .json(&json!({"email": email, "password": password})),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_limited_per_address_and_only_a_trusted_proxy_names_it() {
    let limits = Settings {
        login_failures_per_account: 100,
        login_failures_per_address: 3,
        login_window: Duration::from_secs(600),
        ..Settings::default()
    };
    // Directly reached: every attempt is from the peer's address, whatever a header says.
    let s = server(limits.clone()).await;
    s.account("someone@example.org", false).await;
    for (i, forwarded) in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
        .iter()
        .enumerate()
    {
        let a = try_login_from(&s, forwarded, &format!("guess{i}@example.org"), "wrong").await;
        assert_error(&a, 401, "unauthorized");
    }
    let a = try_login_from(&s, "198.51.100.9", "someone@example.org", PASSWORD).await;
    assert_error(&a, 429, "rate_limited");
    s.stop().await;

    // Behind a proxy: the address the proxy appended (the last one) is the client's.
    let s = server(Settings {
        behind_proxy: true,
        ..limits
    })
    .await;
    s.account("someone@example.org", false).await;
    for i in 0..3 {
        // The client's own claim (first) changes; the proxy's entry (last) does not.
        let forwarded = format!("10.0.0.{i}, 203.0.113.7");
        let a = try_login_from(&s, &forwarded, &format!("guess{i}@example.org"), "wrong").await;
        assert_error(&a, 401, "unauthorized");
    }
    let a = try_login_from(&s, "203.0.113.7", "someone@example.org", PASSWORD).await;
    assert_error(&a, 429, "rate_limited");
    // Someone else behind the same proxy still signs in.
    try_login_from(&s, "203.0.113.8", "someone@example.org", PASSWORD)
        .await
        .expect(200);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successful_login_clears_the_failure_count() {
    let s = server(Settings {
        login_failures_per_account: 3,
        ..Settings::default()
    })
    .await;
    s.account("forgetful@example.org", false).await;
    for round in 0..2 {
        for _ in 0..2 {
            let a = try_login(&s, "forgetful@example.org", "wrong password here").await;
            assert_error(&a, 401, "unauthorized");
        }
        let a = try_login(&s, "forgetful@example.org", PASSWORD).await;
        assert_eq!(a.status, 200, "round {round}: {}", a.text());
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_ends() {
    let s = server(Settings {
        session_idle: Duration::from_secs(1),
        ..Settings::default()
    })
    .await;
    s.account("idle@example.org", false).await;
    let (_, token) = session_token(&s, "idle@example.org").await;
    with_cookie(&s, "/api/v1/me", &token).await.expect(200);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_error(
        &with_cookie(&s, "/api/v1/me", &token).await,
        401,
        "unauthorized",
    );
    // It stays ended: the session was removed, not merely refused once.
    assert_error(
        &with_cookie(&s, "/api/v1/maps", &token).await,
        401,
        "unauthorized",
    );
    // A new login works.
    session_token(&s, "idle@example.org").await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_at_its_absolute_lifetime_even_while_used() {
    let s = server(Settings {
        session_absolute: Duration::from_secs(2),
        ..Settings::default()
    })
    .await;
    s.account("busy@example.org", false).await;
    let (a, token) = session_token(&s, "busy@example.org").await;
    let cookie = a.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("Max-Age=2"), "{cookie}");
    for _ in 0..3 {
        with_cookie(&s, "/api/v1/me", &token).await.expect(200);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;
    // The cookie is sent anyway (as a client ignoring Max-Age would): the server refuses it.
    assert_error(
        &with_cookie(&s, "/api/v1/me", &token).await,
        401,
        "unauthorized",
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_request_times_out_with_503_and_the_server_keeps_serving() {
    let s = server(Settings {
        request_timeout: Duration::from_millis(100),
        ..Settings::default()
    })
    .await;
    // A map big enough that its analysis takes far longer than 100 ms (about 1 s in a debug
    // build), loaded through the store so that loading is not timed.
    let network = generate(&GenerateOptions {
        elements: 1000,
        connections: 3000,
        seed: 3,
    });
    let map = s.store.create_map("Big", "test").await.unwrap().id;
    s.store
        .import_network(map, &network, ImportMode::Replace, "test")
        .await
        .unwrap();
    let (user, c) = s.script_user("patient@example.org").await;
    s.grant(map, &user, Role::Viewer).await;

    let started = std::time::Instant::now();
    let a = c.get(&m(map, "/analysis")).await;
    assert_error(&a, 503, "timeout");
    assert!(a.text().contains("100 ms"), "names the limit: {}", a.text());
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "the answer came only after {:?}",
        started.elapsed()
    );
    // The server still answers, while the abandoned work finishes in the background.
    c.get("/api/v1/health").await.expect(200);
    let one = c.get(&m(map, "/elements/g0")).await.expect(200).json();
    assert_eq!(one["item"]["label"], "Element 0");
    s.stop().await;
}
