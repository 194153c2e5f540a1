//! The server test harness: a real server on a real port of 127.0.0.1, over a fresh SQLite file
//! or a fresh PostgreSQL database (the store's harness), and an HTTP client that logs in like a
//! browser (cookie and CSRF header) or calls with an API token like a script.

// Each test file uses a different part of the harness.
#![allow(dead_code)]

#[path = "../../../store/tests/common/mod.rs"]
pub mod db;

use caremap_server::{AppState, Settings};
use caremap_store::{MapId, Role, Store, User};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub use db::{demo, Harness};

/// The password of every account the harness makes.
pub const PASSWORD: &str = "a long test passphrase";

/// A running server and its database.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's store (for planting data and checking what is stored).
    pub store: Store,
    pub harness: Harness,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// Runs a behaviour against both backends, as `sqlite::NAME` and `postgres::NAME`; each test
/// function takes `&TestServer`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let s = $crate::common::TestServer::sqlite().await;
                    super::$name(&s).await;
                    s.stop().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(s) = $crate::common::TestServer::postgres().await else { return };
                    super::$name(&s).await;
                    s.stop().await;
                }
            )*
        }
    };
}

impl TestServer {
    /// A server over a fresh SQLite file, with default settings.
    pub async fn sqlite() -> TestServer {
        Self::start(Harness::sqlite().await, Settings::default()).await
    }

    /// A server over a fresh PostgreSQL database, or `None` when no server is configured
    /// (outside CI).
    pub async fn postgres() -> Option<TestServer> {
        Some(Self::start(Harness::postgres().await?, Settings::default()).await)
    }

    /// A server over `harness` with `settings`, on a free port.
    pub async fn start(harness: Harness, settings: Settings) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let store = harness.store.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state = AppState::new(store.clone(), settings);
        let task = tokio::spawn(async move {
            caremap_server::serve_on(listener, state, async {
                let _ = rx.await;
            })
            .await
            .expect("serve");
        });
        TestServer {
            base,
            store,
            harness,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Stops the server (gracefully) and drops a PostgreSQL test database.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        self.harness.finish().await;
    }

    /// The full address of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client that is not signed in.
    pub fn anonymous(&self) -> Client {
        Client::new(&self.base)
    }

    /// Makes an account (admin or not) directly in the store.
    pub async fn account(&self, email: &str, admin: bool) -> User {
        caremap_server::api::session::create_account(
            &self.store,
            email,
            "Test User",
            PASSWORD,
            admin,
        )
        .await
        .expect("create account")
    }

    /// A new account, logged in with a cookie session (CSRF header set).
    pub async fn login_new(&self, email: &str, admin: bool) -> (User, Client) {
        let user = self.account(email, admin).await;
        let mut c = self.anonymous();
        c.login(email, PASSWORD).await;
        (user, c)
    }

    /// A map loaded with the demo network, owned by nobody yet.
    pub async fn demo_map(&self) -> MapId {
        let map = self
            .store
            .create_map("Larkspur Vale", "test")
            .await
            .unwrap();
        self.store
            .import_network(map.id, &demo(), caremap_store::ImportMode::Replace, "test")
            .await
            .unwrap();
        map.id
    }

    /// Gives `user` `role` in `map`.
    pub async fn grant(&self, map: MapId, user: &User, role: Role) {
        self.store.set_member(map, user.id, role).await.unwrap();
    }
}

/// What a call answered.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Answer {
    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The error code of an error answer (`error.code`).
    pub fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Answer {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text()
        );
        self
    }
}

/// An HTTP client: anonymous, a cookie session (with its CSRF token), or an API token.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    /// The CSRF token of the session, sent with writes.
    pub csrf: Option<String>,
    /// An API token, sent as a bearer header.
    pub token: Option<String>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_string(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .expect("client"),
            csrf: None,
            token: None,
        }
    }

    /// A client calling with an API token only.
    pub fn with_token(base: &str, token: &str) -> Client {
        let mut c = Client::new(base);
        c.token = Some(token.to_string());
        c
    }

    /// Logs in; panics unless it succeeds.
    pub async fn login(&mut self, email: &str, password: &str) -> Value {
        let a = self
            .send(
                Method::POST,
                "/api/v1/login",
                Some(serde_json::json!({"email": email, "password": password})),
            )
            .await
            .expect(200);
        let body = a.json();
        self.csrf = body["csrf_token"].as_str().map(str::to_string);
        body
    }

    /// Sends a request with an optional JSON body; writes carry the CSRF header when known.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(csrf) = &self.csrf {
            req = req.header("x-csrf-token", csrf);
        }
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        Self::answer(req).await
    }

    /// Sends a prepared request builder made from this client's connection.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(csrf) = &self.csrf {
            req = req.header("x-csrf-token", csrf);
        }
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        req
    }

    /// Runs a request built with [`Client::request`].
    pub async fn answer(req: reqwest::RequestBuilder) -> Answer {
        let response = req.send().await.expect("the server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("read the body").to_vec();
        Answer {
            status,
            headers,
            bytes,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Answer {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(Method::DELETE, path, None).await
    }
}

// ---- Added for api.rs and limits.rs: token-only accounts, a second server, clients moved
// ---- between servers.

impl TestServer {
    /// A token-only account (no password, so no argon2 hashing) and a client that calls with a
    /// fresh API token of it, as a script would.
    pub async fn script_user(&self, email: &str) -> (User, Client) {
        let user = self
            .store
            .create_user(email, "Script User", None)
            .await
            .expect("create token-only account");
        let token = caremap_server::auth::new_secret("cmt_");
        self.store
            .create_api_token(
                user.id,
                "test script",
                &caremap_server::auth::secret_hash(&token),
            )
            .await
            .expect("create API token");
        (user, Client::with_token(&self.base, &token))
    }

    /// A second server on another port over the same database, through its own store (its own
    /// connection pool), as a second `caremap serve` process would be.
    pub async fn another_server(&self, settings: Settings) -> OtherServer {
        let store = self.harness.reopen().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state = AppState::new(store.clone(), settings);
        let task = tokio::spawn(async move {
            caremap_server::serve_on(listener, state, async {
                let _ = rx.await;
            })
            .await
            .expect("serve");
        });
        OtherServer {
            base,
            store,
            shutdown: Some(tx),
            task: Some(task),
        }
    }
}

/// A second server over a [`TestServer`]'s database (see [`TestServer::another_server`]).
pub struct OtherServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its own store on the shared database.
    pub store: Store,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl OtherServer {
    /// Stops the server and closes its connections (before the database is dropped).
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        match &self.store {
            Store::Sqlite(s) => s.pool().close().await,
            Store::Postgres(s) => s.pool().close().await,
        }
    }
}

impl Client {
    /// The same client (cookies, CSRF token, API token) calling another server.
    pub fn at(&self, base: &str) -> Client {
        let mut c = self.clone();
        c.base = base.to_string();
        c
    }

    /// This client's address (`http://127.0.0.1:PORT`).
    pub fn base(&self) -> &str {
        &self.base
    }
}

/// The `Set-Cookie` header of a login answer and the session token in it.
pub fn session_cookie(a: &Answer) -> (String, String) {
    let cookie = a
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let token = cookie
        .strip_prefix("caremap_session=")
        .and_then(|rest| rest.split(';').next())
        .expect("a session cookie")
        .to_string();
    (cookie, token)
}
