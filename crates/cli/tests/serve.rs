//! `caremap serve` and `caremap user` as an operator runs them: the real binary on a real port of
//! 127.0.0.1, over an SQLite data directory or a PostgreSQL database, called over HTTP like a
//! browser (session cookie and CSRF header) or a script (API token).
//!
//! The PostgreSQL tests make a fresh database per test on the server named by
//! `CAREMAP_TEST_POSTGRES_URL` (`scripts/with-postgres cargo test -p caremap --test serve`).
//! Without it they are skipped, except when `CI` is set: then they fail.
//!
//! Every child process is owned by a [`Proc`], which kills it when dropped, so a failing test
//! leaves nothing running. Waits are retry loops with generous deadlines (a loaded
//! two-core machine builds other crates meanwhile), never a fixed sleep alone.

use std::collections::HashSet;
use std::ffi::OsString;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Barrier, Condvar, Mutex, MutexGuard, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, RequestBuilder};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_caremap");
/// The password of every account the tests make.
const PASSWORD: &str = "a long operator passphrase";
/// How long a server may take to answer its first `/health`.
const STARTUP: Duration = Duration::from_secs(90);
/// How long a stopped server may take to exit.
const STOPPING: Duration = Duration::from_secs(15);
/// The variable naming a PostgreSQL server the tests may create databases on.
const PG_VAR: &str = "CAREMAP_TEST_POSTGRES_URL";
/// The public link of the demo map.
const DEMO: &str = "/api/v1/public/larkspur-vale-demo";

// ---------------------------------------------------------------------------------------------
// Processes

/// Locks a mutex even when a panicking thread poisoned it (the data is still what we want).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The caremap binary, inheriting none of the environment's `CAREMAP_*` settings.
fn caremap() -> Command {
    let mut command = Command::new(BIN);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("CAREMAP_") {
            command.env_remove(name);
        }
    }
    command
}

/// A port of 127.0.0.1 that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind a free port")
        .port()
}

/// Everything a child writes to one stream, collected by a thread as it comes.
#[derive(Clone, Default)]
struct Log(Arc<(Mutex<String>, Condvar)>);

impl Log {
    fn capture(mut stream: impl Read + Send + 'static) -> Log {
        let log = Log::default();
        let sink = log.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = stream.read(&mut buf) {
                let (text, changed) = &*sink.0;
                lock(text).push_str(&String::from_utf8_lossy(&buf[..n]));
                changed.notify_all();
            }
        });
        log
    }

    fn text(&self) -> String {
        lock(&self.0 .0).clone()
    }

    /// Waits until a line satisfies `wanted`; false at the deadline.
    fn wait_for_line(&self, within: Duration, wanted: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + within;
        let (text, changed) = &*self.0;
        let mut guard = lock(text);
        loop {
            if guard.lines().any(&wanted) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            guard = changed
                .wait_timeout(guard, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn wait_for(&self, needle: &str, within: Duration) -> bool {
        self.wait_for_line(within, |line| line.contains(needle))
    }
}

/// A child process that is killed when this is dropped, with its output captured.
struct Proc {
    child: Child,
    stdout: Log,
    stderr: Log,
}

impl Proc {
    fn spawn(command: Command) -> Proc {
        Proc::spawn_with_input(command, None)
    }

    /// Starts the command with `input` (then end of file) on its standard input.
    fn spawn_with_input(mut command: Command, input: Option<&str>) -> Proc {
        command
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start the caremap binary");
        if let Some(input) = input {
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(input.as_bytes()).expect("write to stdin");
        }
        let stdout = Log::capture(child.stdout.take().expect("stdout"));
        let stderr = Log::capture(child.stderr.take().expect("stderr"));
        Proc {
            child,
            stdout,
            stderr,
        }
    }

    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the process to exit; panics (and the drop kills it) at the deadline.
    fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for caremap") {
                // Let the capturing threads take the last lines.
                thread::sleep(Duration::from_millis(50));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "caremap did not exit within {within:?}; its log:\n{}",
                self.stderr.text()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn sigterm(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a command that ran to its end did.
struct Ran {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs a caremap command to its end, with `input` on its standard input (killed and failed
/// after `within`).
fn run(command: Command, input: Option<&str>, within: Duration) -> Ran {
    let mut p = Proc::spawn_with_input(command, input);
    let status = p.wait_exit(within);
    Ran {
        status,
        stdout: p.stdout.text(),
        stderr: p.stderr.text(),
    }
}

/// Where a server keeps its data.
#[derive(Clone, Debug)]
enum Db {
    /// `--data DIR`: SQLite in `DIR/caremap.db`.
    Dir(PathBuf),
    /// `--database URL`.
    Url(String),
}

impl Db {
    fn args(&self) -> Vec<OsString> {
        match self {
            Db::Dir(dir) => vec!["--data".into(), dir.into()],
            Db::Url(url) => vec!["--database".into(), url.into()],
        }
    }
}

/// A running `caremap serve`.
struct Server {
    proc: Proc,
    /// `http://127.0.0.1:PORT`.
    base: String,
    port: u16,
}

impl Server {
    /// `caremap serve --bind 127.0.0.1:PORT` over `db` with `extra` options, on a free port.
    fn start(db: &Db, extra: &[&str]) -> Server {
        Server::start_on(None, db, extra, &[])
    }

    /// The same on `port` when given (other free ports if it is taken), with `env` set.
    fn start_on(port: Option<u16>, db: &Db, extra: &[&str], env: &[(&str, &str)]) -> Server {
        Server::launch(port, |command, addr| {
            command
                .args(["serve", "--bind", addr])
                .args(db.args())
                .args(extra)
                .envs(env.iter().copied());
        })
    }

    /// Starts the server `configure` makes for an address, on `port` or a free one, trying
    /// other free ports when that one was taken meanwhile; returns once `/health` answers.
    fn launch(port: Option<u16>, configure: impl Fn(&mut Command, &str)) -> Server {
        let mut port = port.unwrap_or_else(free_port);
        let mut attempt = 1;
        loop {
            let addr = format!("127.0.0.1:{port}");
            let mut command = caremap();
            configure(&mut command, &addr);
            let mut server = Server {
                proc: Proc::spawn(command),
                base: format!("http://{addr}"),
                port,
            };
            match server.wait_healthy() {
                Ok(()) => return server,
                Err(log) if log.contains("cannot listen on") && attempt < 5 => {
                    attempt += 1;
                    port = free_port();
                }
                Err(log) => panic!("caremap serve did not start: {log}"),
            }
        }
    }

    /// Waits until this process says it serves and `GET /health` answers 200; the reason and
    /// the log when the process ends first or the deadline passes.
    fn wait_healthy(&mut self) -> Result<(), String> {
        let client = Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("HTTP client");
        // The line is printed just before serving: it tells our server from another process
        // that might have taken the port.
        let serving = format!("caremap is serving on {}/", self.base);
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Ok(Some(status)) = self.proc.child.try_wait() {
                thread::sleep(Duration::from_millis(50));
                return Err(format!(
                    "it exited with {status}; its log:\n{}",
                    self.proc.stderr.text()
                ));
            }
            if self.proc.stderr.text().contains(&serving) {
                if let Ok(r) = client.get(self.url("/health")).send() {
                    if r.status() == StatusCode::OK {
                        return Ok(());
                    }
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no answer from /health within {STARTUP:?}; its log:\n{}",
                    self.proc.stderr.text()
                ));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn log(&self) -> String {
        self.proc.stderr.text()
    }

    /// An anonymous API client of this server.
    fn api(&self) -> Api {
        Api::new(&self.base, Auth::Nobody)
    }

    /// SIGTERM, then the exit status (it must stop within [`STOPPING`]).
    fn stop(&mut self) -> ExitStatus {
        self.proc.sigterm();
        self.proc.wait_exit(STOPPING)
    }

    /// SIGKILL: the process dies at once, whatever it was doing.
    fn crash(&mut self) {
        assert!(
            self.proc.running(),
            "the server died before it was killed; its log:\n{}",
            self.log()
        );
        self.proc.child.kill().expect("SIGKILL the server");
        self.proc.child.wait().expect("reap the server");
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP

/// How a client proves who it is.
#[derive(Clone, Debug)]
enum Auth {
    Nobody,
    Token(String),
    /// The session cookie (`caremap_session=...`) and its CSRF token.
    Session {
        cookie: String,
        csrf: String,
    },
}

/// A whole answer: status, ETag and body (JSON, or `Null` with the text kept).
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    etag: Option<String>,
    set_cookie: Option<String>,
    content_type: String,
    json: Value,
    text: String,
}

/// An API client of one server, as one caller.
#[derive(Clone)]
struct Api {
    client: Client,
    base: String,
    auth: Auth,
}

impl Api {
    fn new(base: &str, auth: Auth) -> Api {
        Api {
            client: Client::builder()
                .timeout(Duration::from_secs(300))
                .build()
                .expect("HTTP client"),
            base: base.to_string(),
            auth,
        }
    }

    /// The same caller on another server.
    fn on(&self, server: &Server) -> Api {
        Api::new(&server.base, self.auth.clone())
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let write = method != Method::GET;
        let r = self.client.request(method, format!("{}{path}", self.base));
        match &self.auth {
            Auth::Nobody => r,
            Auth::Token(t) => r.bearer_auth(t),
            Auth::Session { cookie, csrf } => {
                let r = r.header("cookie", cookie);
                if write {
                    r.header("x-csrf-token", csrf)
                } else {
                    r
                }
            }
        }
    }

    fn send(r: RequestBuilder) -> Answer {
        let response = r.send().expect("the server answers");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status();
        let etag = header("etag");
        let set_cookie = header("set-cookie");
        let content_type = header("content-type").unwrap_or_default();
        let text = response.text().expect("read the answer");
        Answer {
            status,
            etag,
            set_cookie,
            content_type,
            json: serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
        }
    }

    fn get(&self, path: &str) -> Answer {
        Api::send(self.request(Method::GET, path))
    }

    fn post(&self, path: &str, body: &Value) -> Answer {
        Api::send(self.request(Method::POST, path).json(body))
    }

    fn put(&self, path: &str, body: &Value, version: i64) -> Answer {
        Api::send(
            self.request(Method::PUT, path)
                .header("if-match", format!("\"{version}\""))
                .json(body),
        )
    }
}

/// Asserts the status, showing the answer when it differs.
#[track_caller]
fn expect(answer: &Answer, status: u16) -> &Value {
    assert_eq!(
        answer.status.as_u16(),
        status,
        "unexpected answer: {}",
        answer.text
    );
    &answer.json
}

// ---------------------------------------------------------------------------------------------
// Accounts

/// `caremap user add` with the password on standard input.
fn user_add(db: &Db, email: &str, name: &str, password: &str, admin: bool) -> Ran {
    let mut command = caremap();
    command
        .args([
            "user",
            "add",
            "--email",
            email,
            "--name",
            name,
            "--password-stdin",
        ])
        .args(db.args());
    if admin {
        command.arg("--admin");
    }
    run(command, Some(&format!("{password}\n")), STARTUP)
}

/// `caremap user list`: one line per account.
fn user_list(db: &Db) -> Vec<String> {
    let mut command = caremap();
    command.args(["user", "list"]).args(db.args());
    let ran = run(command, None, STARTUP);
    assert!(
        ran.status.success(),
        "caremap user list failed: {}",
        ran.stderr
    );
    ran.stdout.lines().map(str::to_string).collect()
}

/// Makes an administrator with `caremap user add --admin`.
fn add_admin(db: &Db, email: &str) {
    let out = user_add(db, email, "Ada Admin", PASSWORD, true);
    assert!(
        out.status.success(),
        "caremap user add --admin failed: {}",
        out.stderr
    );
}

/// Logs in through the API, as the browser does: the session cookie and its CSRF token.
fn login(server: &Server, email: &str, password: &str) -> Api {
    let answer = server.api().post(
        "/api/v1/login",
        &json!({ "email": email, "password": password }),
    );
    let body = expect(&answer, 200);
    let cookie = answer
        .set_cookie
        .as_deref()
        .and_then(|c| c.split(';').next())
        .expect("login sets the session cookie")
        .to_string();
    assert!(cookie.starts_with("caremap_session="), "{cookie}");
    let csrf = body["csrf_token"]
        .as_str()
        .expect("login gives the CSRF token")
        .to_string();
    Api::new(&server.base, Auth::Session { cookie, csrf })
}

/// Makes an API token with a session and returns a client that uses it.
fn token_client(session: &Api, name: &str) -> Api {
    let answer = session.post("/api/v1/tokens", &json!({ "name": name }));
    let token = expect(&answer, 201)["token"]
        .as_str()
        .expect("the new token")
        .to_string();
    Api::new(&session.base, Auth::Token(token))
}

/// The id of the map the signed-in user has under `name`.
fn map_id(api: &Api, name: &str) -> i64 {
    let answer = api.get("/api/v1/maps");
    expect(&answer, 200)["maps"]
        .as_array()
        .expect("maps")
        .iter()
        .find(|m| m["name"] == name)
        .and_then(|m| m["id"].as_i64())
        .unwrap_or_else(|| panic!("no map '{name}' in {}", answer.text))
}

/// The ids of every element of a map.
fn element_ids(api: &Api, map: i64) -> Vec<String> {
    let answer = api.get(&format!("/api/v1/maps/{map}/elements"));
    expect(&answer, 200)["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .map(|e| e["item"]["id"].as_str().expect("element id").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Databases

/// Runs a future on a small runtime of its own (the database checks are async).
fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(future)
}

/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` of an SQLite file, read-only (the
/// server may be writing to it meanwhile).
fn sqlite_checks(file: &Path) -> (Vec<String>, Vec<String>) {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
    use sqlx::{Connection, Row};
    block_on(async {
        let options = SqliteConnectOptions::new()
            .filename(file)
            .read_only(true)
            .busy_timeout(Duration::from_secs(30));
        let mut db = SqliteConnection::connect_with(&options)
            .await
            .expect("open the SQLite file");
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut db)
            .await
            .expect("PRAGMA integrity_check");
        let foreign: Vec<String> = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut db)
            .await
            .expect("PRAGMA foreign_key_check")
            .iter()
            .map(|row| {
                format!(
                    "{} row {:?} points to a missing {}",
                    row.get::<String, _>(0),
                    row.get::<Option<i64>, _>(1),
                    row.get::<String, _>(2)
                )
            })
            .collect();
        db.close().await.ok();
        (integrity, foreign)
    })
}

/// A fresh database on the test PostgreSQL server, dropped with this.
struct PgDatabase {
    server: String,
    name: String,
    url: String,
}

impl PgDatabase {
    /// A new database, or `None` (the test is skipped) when no server is configured; under
    /// CI the variable must be set, since a skipped PostgreSQL test would hide a gap.
    fn fresh() -> Option<PgDatabase> {
        let Ok(server) = std::env::var(PG_VAR) else {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "{PG_VAR} is not set, and CI must run the PostgreSQL tests: run them through \
                     scripts/with-postgres (`scripts/with-postgres cargo test -p caremap --test serve`), \
                     or set {PG_VAR}=postgres://USER:PASSWORD@HOST:PORT/DB for a role that may CREATE DATABASE"
                );
            }
            eprintln!("skipped: {PG_VAR} is not set (see docs/storage.md)");
            return None;
        };
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "caremap_cli_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        block_on(async {
            use sqlx::Connection;
            let mut admin = sqlx::PgConnection::connect(&server)
                .await
                .unwrap_or_else(|e| {
                    panic!("connect to the PostgreSQL test server ({PG_VAR}): {e}")
                });
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&mut admin)
                .await
                .expect("create a test database");
            admin.close().await.ok();
        });
        let url = with_database(&server, &name);
        Some(PgDatabase { server, name, url })
    }

    fn db(&self) -> Db {
        Db::Url(self.url.clone())
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        // Its own thread: a panicking test may be unwinding inside anything.
        let _ = thread::spawn(move || {
            block_on(async {
                use sqlx::Connection;
                if let Ok(mut admin) = sqlx::PgConnection::connect(&server).await {
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    sqlx::query(&sql).execute(&mut admin).await.ok();
                }
            })
        })
        .join();
    }
}

/// `base` with its database name replaced by `name`.
fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let authority_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let head = match head[authority_end..].find('/') {
        Some(i) => &head[..authority_end + i],
        None => head,
    };
    format!("{head}/{name}{query}")
}

// ---------------------------------------------------------------------------------------------
// 1. First run

#[test]
fn first_run_creates_the_database_and_publishes_the_demo_map_once() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // A data directory that does not exist yet: serve creates it.
    let data = dir.path().join("var").join("caremap");
    let db = Db::Dir(data.clone());
    let mut server = Server::start(&db, &[]);
    assert!(
        data.join("caremap.db").is_file(),
        "no caremap.db in {data:?}"
    );

    let anonymous = server.api();
    for path in ["/health", "/api/v1/health"] {
        let health = anonymous.get(path);
        let body = expect(&health, 200);
        assert_eq!(body["status"], "ok", "{path}");
        assert_eq!(body["database"], "sqlite", "{path}");
        assert_eq!(body["maps"], 1, "{path}");
    }
    let public = anonymous.get(DEMO);
    let info = expect(&public, 200);
    assert_eq!(info["elements"], 45, "{}", public.text);
    assert_eq!(info["connections"], 90, "{}", public.text);
    let network = anonymous.get(&format!("{DEMO}/network"));
    assert_eq!(
        expect(&network, 200)["elements"].as_array().map(Vec::len),
        Some(45)
    );
    let page = anonymous.get("/public/larkspur-vale-demo");
    expect(&page, 200);
    assert!(page.content_type.starts_with("text/html"), "{page:?}");
    assert!(
        server.log().contains("loaded the demo map"),
        "{}",
        server.log()
    );
    // No account yet: the log says how to make the first administrator.
    assert!(server.log().contains("caremap user add --admin"));
    assert!(server.stop().success(), "{}", server.log());

    // The second run over the same directory finds the map and does not load it again.
    let mut again = Server::start(&db, &[]);
    let anonymous = again.api();
    assert_eq!(expect(&anonymous.get("/health"), 200)["maps"], 1);
    assert_eq!(expect(&anonymous.get(DEMO), 200)["elements"], 45);
    assert!(
        !again.log().contains("loaded the demo map"),
        "{}",
        again.log()
    );
    assert!(again.stop().success(), "{}", again.log());
}

// ---------------------------------------------------------------------------------------------
// 2. Accounts

#[test]
fn user_add_makes_the_first_administrator_and_refuses_bad_accounts() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = Db::Dir(dir.path().join("data"));
    let mut server = Server::start(&db, &[]);

    // Made while the server runs, as an operator does after the first start.
    let out = user_add(&db, "ada@example.org", "Ada Lovelace", PASSWORD, true);
    let stdout = &out.stdout;
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        stdout.contains("administrator") && stdout.contains("ada@example.org"),
        "{stdout}"
    );
    assert!(
        stdout.contains("owner of 'Larkspur Vale care network'"),
        "{stdout}"
    );

    // The administrator logs in (the email's case does not matter) and owns the demo map.
    let ada = login(&server, "Ada@Example.org", PASSWORD);
    let me = ada.get("/api/v1/me");
    let me = expect(&me, 200);
    assert_eq!(me["user"]["email"], "ada@example.org");
    assert_eq!(me["user"]["display_name"], "Ada Lovelace");
    let maps = me["maps"].as_array().expect("maps");
    assert_eq!(maps.len(), 1, "{me}");
    assert_eq!(maps[0]["name"], "Larkspur Vale care network");
    assert_eq!(maps[0]["role"], "owner");
    expect(&ada.get("/api/v1/users"), 200);
    // As owner she may take the public link down, which only an owner may do.
    let demo = maps[0]["id"].as_i64().expect("map id");
    let unpublish = Api::send(ada.request(Method::DELETE, &format!("/api/v1/maps/{demo}/sharing")));
    expect(&unpublish, 204);
    assert_eq!(server.api().get(DEMO).status, StatusCode::NOT_FOUND);

    // A short password is refused, with the rule, and no account is made.
    let out = user_add(&db, "sam@example.org", "Sam", "short", false);
    let stderr = &out.stderr;
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("at least 10 characters"), "{stderr}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(
        server
            .api()
            .post(
                "/api/v1/login",
                &json!({"email": "sam@example.org", "password": "short"})
            )
            .status,
        StatusCode::UNAUTHORIZED
    );

    // The same email again (in other letters' case) is refused and changes nothing.
    let out = user_add(
        &db,
        "ADA@example.org",
        "Another Ada",
        "another long passphrase",
        false,
    );
    let stderr = &out.stderr;
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("already taken"), "{stderr}");
    let accounts = user_list(&db);
    assert_eq!(accounts.len(), 1, "{accounts:?}");
    assert!(
        accounts[0].contains("ada@example.org")
            && accounts[0].contains("Ada Lovelace")
            && accounts[0].contains("administrator"),
        "{accounts:?}"
    );
    login(&server, "ada@example.org", PASSWORD);
    assert!(server.stop().success(), "{}", server.log());
}

// ---------------------------------------------------------------------------------------------
// 3. Stopping

#[test]
fn sigterm_stops_an_idle_server_at_once() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut server = Server::start(&Db::Dir(dir.path().into()), &["--no-demo"]);
    // A client that keeps its connection open (keep-alive), as browsers do: the server must
    // not wait for it.
    let keep_alive = server.api();
    assert_eq!(expect(&keep_alive.get("/health"), 200)["maps"], 0);
    let started = Instant::now();
    let status = server.stop();
    assert!(status.success(), "{status}; log:\n{}", server.log());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it took {:?} to stop",
        started.elapsed()
    );
    let log = server.log();
    assert!(
        log.contains("shutting down") && log.contains("stopped"),
        "{log}"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", server.port)).is_err(),
        "the port still accepts connections"
    );
}

#[test]
fn sigterm_lets_requests_in_flight_finish() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = Db::Dir(dir.path().join("data"));
    // Debug logs of the HTTP layer say when a request has reached the server.
    let mut server = Server::start_on(
        None,
        &db,
        &["--no-demo", "--request-timeout", "600"],
        &[("CAREMAP_LOG", "info,tower_http=debug")],
    );
    add_admin(&db, "ada@example.org");
    let api = token_client(&login(&server, "ada@example.org", PASSWORD), "tests");
    let map = expect(&api.post("/api/v1/maps", &json!({"name": "Big"})), 201)["id"]
        .as_i64()
        .expect("map id");

    // A map big enough that its analysis takes a while.
    let big = dir.path().join("big.json");
    let mut generate = caremap();
    generate.args([
        "generate",
        "--elements",
        "2500",
        "--connections",
        "10000",
        "-o",
    ]);
    generate.arg(&big);
    let ran = run(generate, None, STARTUP);
    assert!(
        ran.status.success(),
        "caremap generate failed: {}",
        ran.stderr
    );
    let file = std::fs::read(&big).expect("read the generated map");
    let import = Api::send(
        api.request(
            Method::POST,
            &format!("/api/v1/maps/{map}/import?format=caremap&filename=big.json"),
        )
        .body(file),
    );
    expect(&import, 200);

    let started_line = |path: String| {
        move |line: &str| {
            line.contains(&format!("uri={path} ")) && line.contains("started processing request")
        }
    };

    // 1. A slow analysis.
    let analysis_path = format!("/api/v1/maps/{map}/analysis");
    let analysis = {
        let api = api.clone();
        let path = analysis_path.clone();
        thread::spawn(move || {
            let answer = api.get(&path);
            (answer, Instant::now())
        })
    };
    // 2. An element whose upload is half sent: the server has its headers, not all its body.
    let token = match &api.auth {
        Auth::Token(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    let body = json!({"id": "e-in-flight", "label": "Sent while the server stopped"}).to_string();
    let (head, tail) = body.split_at(body.len() / 2);
    let mut upload = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        upload,
        "POST /api/v1/maps/{map}/elements HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{head}",
        body.len()
    )
    .expect("send the first half");
    upload.flush().expect("flush");

    let log = server.proc.stderr.clone();
    for path in [analysis_path, format!("/api/v1/maps/{map}/elements")] {
        assert!(
            log.wait_for_line(STARTUP, started_line(path.clone())),
            "the server never started {path}; its log:\n{}",
            log.text()
        );
    }
    let sigterm = Instant::now();
    server.proc.sigterm();
    assert!(
        log.wait_for("shutting down", STOPPING),
        "no shutdown in the log:\n{}",
        log.text()
    );

    // The upload completes after the signal, and is answered and kept.
    upload.write_all(tail.as_bytes()).expect("send the rest");
    upload
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    let mut response = String::new();
    upload
        .read_to_string(&mut response)
        .expect("read the answer");
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");

    let (answer, finished) = analysis.join().expect("the analysis thread");
    let body = expect(&answer, 200);
    assert!(body["health"].is_object(), "{}", answer.text);
    assert!(
        finished > sigterm,
        "the analysis finished before the signal: this test needs a slower request"
    );

    let status = server.proc.wait_exit(STOPPING);
    assert!(status.success(), "{status}; log:\n{}", server.log());

    let again = Server::start(&db, &["--no-demo"]);
    let stored = api
        .on(&again)
        .get(&format!("/api/v1/maps/{map}/elements/e-in-flight"));
    assert_eq!(
        expect(&stored, 200)["item"]["label"],
        "Sent while the server stopped"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Settings

#[test]
fn bind_and_data_directory_come_from_the_environment() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let data = dir.path().join("from-env");
    let data_text = data.to_str().expect("UTF-8 path").to_string();
    let mut server = Server::launch(None, |command, addr| {
        command
            .arg("serve")
            .env("CAREMAP_BIND", addr)
            .env("CAREMAP_DATA", &data_text)
            .current_dir(dir.path());
    });
    assert_eq!(expect(&server.api().get("/health"), 200)["maps"], 1);
    assert!(data.join("caremap.db").is_file());
    assert!(
        !dir.path().join("caremap-data").exists(),
        "the default directory was used"
    );
    // `caremap user` reads the same variable.
    let mut command = caremap();
    command
        .args(["user", "list"])
        .env("CAREMAP_DATA", &data_text);
    let ran = run(command, None, STARTUP);
    assert!(ran.status.success(), "{}", ran.stderr);
    assert!(ran.stdout.is_empty(), "{}", ran.stdout);
    assert!(server.stop().success());

    // An option on the command line wins over the environment.
    let mut server = Server::launch(None, |command, addr| {
        command
            .args(["serve", "--bind", addr])
            .env("CAREMAP_BIND", "127.0.0.1:1")
            .env("CAREMAP_DATA", &data_text)
            .current_dir(dir.path());
    });
    assert_eq!(expect(&server.api().get("/health"), 200)["maps"], 1);
    assert!(server.stop().success());
}

#[test]
fn data_directory_may_have_any_name() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for name in ["with space", "100%41 done", "what?mode=ro", "hash#tag"] {
        let data = dir.path().join(name);
        let db = Db::Dir(data.clone());
        let mut server = Server::start(&db, &["--no-demo"]);
        add_admin(&db, "ada@example.org");
        assert!(
            data.join("caremap.db").is_file(),
            "no caremap.db in {data:?}; found {:?}",
            std::fs::read_dir(dir.path())
                .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
        );
        assert_eq!(user_list(&db).len(), 1, "{name}");
        login(&server, "ada@example.org", PASSWORD);
        assert!(server.stop().success());
    }
}

#[test]
fn bad_database_url_or_busy_port_exits_1_saying_why() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let port = free_port().to_string();
    let bind = format!("127.0.0.1:{port}");

    let mut command = caremap();
    command
        .args(["serve", "--database", "notadb://x", "--bind", &bind])
        .current_dir(dir.path());
    let Ran {
        status,
        stderr: err,
        ..
    } = run(command, None, STARTUP);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("notadb://x"), "{err}");

    let mut command = caremap();
    command
        .args(["user", "list", "--database", "notadb://x"])
        .current_dir(dir.path());
    let Ran {
        status,
        stderr: err,
        ..
    } = run(command, None, STARTUP);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("notadb://x"), "{err}");

    // The port is taken by another program.
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let bind = taken.local_addr().expect("address").to_string();
    let mut command = caremap();
    command
        .args(["serve", "--bind", &bind, "--data"])
        .arg(dir.path().join("data"))
        .current_dir(dir.path());
    let Ran {
        status,
        stderr: err,
        ..
    } = run(command, None, STARTUP);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("cannot listen on {bind}")), "{err}");
}

// ---------------------------------------------------------------------------------------------
// 5. Several servers on one PostgreSQL database

#[test]
fn postgres_two_servers_share_one_database() {
    let Some(pg) = PgDatabase::fresh() else {
        return;
    };
    let db = pg.db();
    // One after the other (started together, see the next test).
    let mut a = Server::start(&db, &[]);
    let mut b = Server::start(&db, &[]);
    for server in [&a, &b] {
        let health = server.api().get("/health");
        let health = expect(&health, 200);
        assert_eq!(health["database"], "postgres");
        assert_eq!(health["maps"], 1, "the demo map was loaded twice");
        assert_eq!(expect(&server.api().get(DEMO), 200)["elements"], 45);
    }

    add_admin(&db, "ada@example.org");
    let session_a = login(&a, "ada@example.org", PASSWORD);
    let token_a = token_client(&session_a, "script");
    let token_b = token_a.on(&b);
    let demo = map_id(&token_a, "Larkspur Vale care network");

    // Written through A, read through B.
    let elements = format!("/api/v1/maps/{demo}/elements");
    let created = token_a.post(
        &elements,
        &json!({"id": "e-shared", "label": "Written on A"}),
    );
    expect(&created, 201);
    let read = token_b.get(&format!("{elements}/e-shared"));
    assert_eq!(expect(&read, 200)["item"]["label"], "Written on A");
    assert_eq!(read.etag.as_deref(), Some("\"1\""));

    // Both change it from the same version at the same moment: one wins, the other is told.
    for round in 1..=5i64 {
        let barrier = Barrier::new(2);
        let answers: Vec<Answer> = thread::scope(|s| {
            let handles: Vec<_> = [(&token_a, "A"), (&token_b, "B")]
                .into_iter()
                .map(|(api, name)| {
                    let barrier = &barrier;
                    let elements = &elements;
                    s.spawn(move || {
                        let body =
                            json!({"id": "e-shared", "label": format!("Round {round} by {name}")});
                        barrier.wait();
                        api.put(&format!("{elements}/e-shared"), &body, round)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("update thread"))
                .collect()
        });
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            [200, 409],
            "round {round}: {:?}",
            answers.iter().map(|a| &a.text).collect::<Vec<_>>()
        );
        let winner = answers.iter().find(|a| a.status == 200).expect("a winner");
        let loser = answers.iter().find(|a| a.status == 409).expect("a loser");
        assert_eq!(loser.json["error"]["details"]["current_version"], round + 1);
        // Both servers now show the winner's change.
        for api in [&token_a, &token_b] {
            let now = api.get(&format!("{elements}/e-shared"));
            assert_eq!(expect(&now, 200)["item"], winner.json["item"]);
            assert_eq!(now.json["version"], round + 1);
        }
    }

    // A session made on A works on B, writes included (the CSRF token too), and logging out
    // on B ends it on A.
    let session_b = session_a.on(&b);
    let me = session_b.get("/api/v1/me");
    assert_eq!(expect(&me, 200)["user"]["email"], "ada@example.org");
    let created = session_b.post(&elements, &json!({"id": "e-by-cookie", "label": "Via B"}));
    expect(&created, 201);
    assert_eq!(
        expect(&session_a.get(&format!("{elements}/e-by-cookie")), 200)["item"]["label"],
        "Via B"
    );
    expect(&session_b.post("/api/v1/logout", &json!({})), 204);
    assert_eq!(
        session_a.get("/api/v1/me").status,
        StatusCode::UNAUTHORIZED,
        "the session still works on A after logging out on B"
    );

    assert!(a.stop().success(), "{}", a.log());
    assert!(b.stop().success(), "{}", b.log());
}

#[test]
fn postgres_servers_started_together_both_serve_one_demo_map() {
    let Some(pg) = PgDatabase::fresh() else {
        return;
    };
    let db = pg.db();
    // Started at the same moment on an empty database, as an orchestrator starts replicas:
    // both are spawned before either is waited for.
    let mut servers: Vec<Server> = (0..4)
        .map(|_| {
            let port = free_port();
            let mut command = caremap();
            command
                .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
                .args(db.args());
            Server {
                proc: Proc::spawn(command),
                base: format!("http://127.0.0.1:{port}"),
                port,
            }
        })
        .collect();
    for server in &mut servers {
        if let Err(why) = server.wait_healthy() {
            panic!("a server did not start: {why}");
        }
    }
    for server in &servers {
        let health = server.api().get("/health");
        assert_eq!(
            expect(&health, 200)["maps"],
            1,
            "the demo map was loaded twice"
        );
        assert_eq!(expect(&server.api().get(DEMO), 200)["elements"], 45);
    }
}

/// Polls the SQLite file until the demo map exists but is not complete yet (true), or is
/// complete already (false): the moment in the middle of loading it.
fn caught_demo_half_loaded(file: &Path, within: Duration) -> bool {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
    use sqlx::Connection;
    block_on(async {
        let deadline = Instant::now() + within;
        let options = SqliteConnectOptions::new().filename(file).read_only(true);
        let mut db = None;
        while Instant::now() < deadline {
            if db.is_none() {
                db = SqliteConnection::connect_with(&options).await.ok();
            }
            if let Some(conn) = db.as_mut() {
                // Complete once published with its last snapshot saved.
                let counts: Result<(i64, i64), _> = sqlx::query_as(
                    "SELECT (SELECT count(*) FROM maps),
                            (SELECT count(*) FROM maps m JOIN snapshots s ON s.map_id = m.id
                             WHERE m.public_slug IS NOT NULL AND s.name = '2026 survey')",
                )
                .fetch_one(conn)
                .await;
                match counts {
                    Ok((maps, complete)) if maps > 0 => return complete == 0,
                    _ => {}
                }
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        panic!("the demo map never appeared in {file:?}");
    })
}

#[test]
fn a_crash_during_the_first_start_leaves_no_half_loaded_demo_map() {
    for _attempt in 1..=10 {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = Db::Dir(dir.path().join("data"));
        let mut command = caremap();
        command
            .args(["serve", "--bind", &format!("127.0.0.1:{}", free_port())])
            .args(db.args());
        let mut first = Proc::spawn(command);
        let caught = caught_demo_half_loaded(&dir.path().join("data/caremap.db"), STARTUP);
        // Killed while loading the demo, as a power cut or an impatient supervisor would.
        first.child.kill().expect("SIGKILL");
        first.child.wait().expect("reap");
        if !caught {
            continue; // it finished before we looked: try again
        }
        let mut server = Server::start(&db, &[]);
        let anonymous = server.api();
        assert_eq!(expect(&anonymous.get("/health"), 200)["maps"], 1);
        let public = anonymous.get(DEMO);
        assert_eq!(expect(&public, 200)["elements"], 45, "{}", public.text);
        assert!(server.stop().success());
        return;
    }
    panic!("the demo map was always loaded before the test could look: kill moment not reached");
}

// ---------------------------------------------------------------------------------------------
// 6. Crashes

/// A small, seeded random generator (SplitMix64): the kill moments of a run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

/// What the writing clients share.
#[derive(Default)]
struct Writes {
    /// Ids sent (answered or not).
    attempted: Mutex<HashSet<String>>,
    /// Ids answered 201: these must never be lost.
    acknowledged: Mutex<Vec<String>>,
    /// Answers other than 201 (a refusal a client would see).
    unexpected: Mutex<Vec<String>>,
    stop: AtomicBool,
}

/// Several clients create elements in a loop while the server is killed with SIGKILL at
/// random moments and restarted on the same database, `rounds` times. After each restart,
/// every element whose creation was acknowledged is there, and `check` (the database's own
/// checks) passes.
fn crash_and_restart(db: &Db, rounds: usize, check: impl Fn(usize)) {
    const WRITERS: usize = 4;
    let seed = std::env::var("CAREMAP_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_630u64);
    eprintln!("crash test seed {seed} (set CAREMAP_CRASH_SEED to replay the kill moments)");
    let mut rng = Rng(seed);

    let mut server = Server::start(db, &["--no-demo"]);
    add_admin(db, "ada@example.org");
    let admin = token_client(&login(&server, "ada@example.org", PASSWORD), "checks");
    let token = match &admin.auth {
        Auth::Token(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    let map = expect(&admin.post("/api/v1/maps", &json!({"name": "Crash"})), 201)["id"]
        .as_i64()
        .expect("map id");

    let base = Arc::new(RwLock::new(server.base.clone()));
    let writes = Arc::new(Writes::default());
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (base, writes, token) = (base.clone(), writes.clone(), token.clone());
            thread::spawn(move || {
                let client = Client::builder()
                    .timeout(Duration::from_secs(30))
                    .connect_timeout(Duration::from_secs(2))
                    .build()
                    .expect("HTTP client");
                for n in 0.. {
                    if writes.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let id = format!("w{w}-{n}");
                    lock(&writes.attempted).insert(id.clone());
                    let url = format!(
                        "{}/api/v1/maps/{map}/elements",
                        base.read().unwrap_or_else(|e| e.into_inner())
                    );
                    let sent = client
                        .post(url)
                        .bearer_auth(&token)
                        .json(&json!({"id": id, "label": format!("Neighbour {id}")}))
                        .send();
                    match sent {
                        // The status line is the acknowledgement: the server answers 201
                        // only after the transaction committed.
                        Ok(r) if r.status() == StatusCode::CREATED => {
                            lock(&writes.acknowledged).push(id);
                        }
                        Ok(r) => {
                            let status = r.status();
                            let text = r.text().unwrap_or_default();
                            lock(&writes.unexpected).push(format!("{id}: {status} {text}"));
                        }
                        // Killed mid-request, or down: the write may or may not be there.
                        Err(_) => thread::sleep(Duration::from_millis(10)),
                    }
                }
            })
        })
        .collect();

    // Stops the writers however the test ends.
    struct StopWriters(Arc<Writes>);
    impl Drop for StopWriters {
        fn drop(&mut self) {
            self.0.stop.store(true, Ordering::SeqCst);
        }
    }
    let stop_writers = StopWriters(writes.clone());

    let verify = |server: &Server, acknowledged: &[String], when: &str| {
        let present: HashSet<String> = element_ids(&admin.on(server), map).into_iter().collect();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|id| !present.contains(*id))
            .collect();
        assert!(
            lost.is_empty(),
            "{when}: {} acknowledged element(s) lost (seed {seed}): {lost:?}",
            lost.len()
        );
        let attempted = lock(&writes.attempted);
        let phantom: Vec<&String> = present
            .iter()
            .filter(|id| !attempted.contains(*id))
            .collect();
        assert!(
            phantom.is_empty(),
            "{when}: elements nobody sent: {phantom:?}"
        );
    };

    let mut previous = 0;
    for round in 1..=rounds {
        thread::sleep(Duration::from_millis(rng.between(50, 400)));
        server.crash();
        let acknowledged = lock(&writes.acknowledged).clone();
        let port = server.port;
        // Restarted on the same port where possible, as a supervisor would.
        server = Server::start_on(Some(port), db, &["--no-demo"], &[]);
        *base.write().unwrap_or_else(|e| e.into_inner()) = server.base.clone();
        verify(&server, &acknowledged, &format!("after crash {round}"));
        check(round);
        eprintln!(
            "crash {round}: {} acknowledged before it ({} new)",
            acknowledged.len(),
            acknowledged.len() - previous
        );
        previous = acknowledged.len();
    }

    drop(stop_writers);
    for w in writers {
        w.join().expect("a writer panicked");
    }
    let acknowledged = lock(&writes.acknowledged).clone();
    verify(&server, &acknowledged, "at the end");
    let unexpected = lock(&writes.unexpected).clone();
    assert!(
        unexpected.is_empty(),
        "writes refused (not by the crash): {unexpected:?}"
    );
    assert!(
        acknowledged.len() >= 4 * rounds,
        "only {} writes were acknowledged in {rounds} rounds: the test proved little",
        acknowledged.len()
    );
    assert!(server.stop().success(), "{}", server.log());
}

#[test]
fn sqlite_keeps_every_acknowledged_write_through_sigkill() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temporary directory");
    let data = dir.path().join("data");
    let file = data.join("caremap.db");
    crash_and_restart(&Db::Dir(data), 12, |round| {
        let (integrity, foreign) = sqlite_checks(&file);
        assert_eq!(
            integrity,
            ["ok"],
            "after crash {round}: integrity_check found damage"
        );
        assert!(
            foreign.is_empty(),
            "after crash {round}: foreign_key_check: {foreign:?}"
        );
    });
    let (integrity, foreign) = sqlite_checks(&file);
    assert_eq!(integrity, ["ok"]);
    assert!(foreign.is_empty(), "{foreign:?}");
    eprintln!("SQLite crash test took {:?}", started.elapsed());
}

#[test]
fn postgres_keeps_every_acknowledged_write_through_sigkill() {
    let Some(pg) = PgDatabase::fresh() else {
        return;
    };
    let started = Instant::now();
    crash_and_restart(&pg.db(), 5, |_| {});
    eprintln!("PostgreSQL crash test took {:?}", started.elapsed());
}
