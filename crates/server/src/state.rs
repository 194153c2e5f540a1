//! The server's settings and the state every handler shares.
//!
//! The state is the store (a connection pool) and the settings: nothing about users, sessions or
//! maps is kept in memory between requests, so any number of servers can share one database.

use std::sync::Arc;
use std::time::Duration;

use caremap_store::Store;

/// How the server behaves: limits and session lifetimes.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Largest request body for ordinary API calls, in bytes.
    pub body_limit: usize,
    /// Largest uploaded file (imports), in bytes.
    pub upload_limit: usize,
    /// Longest time a request may take before it is answered with 503.
    pub request_timeout: Duration,
    /// A session ends after this long without use.
    pub session_idle: Duration,
    /// A session ends this long after login, used or not.
    pub session_absolute: Duration,
    /// Mark the session cookie `Secure` (set when the server is behind HTTPS).
    pub secure_cookies: bool,
    /// Failed logins allowed per account in `login_window` before logins are refused.
    pub login_failures_per_account: i64,
    /// Failed logins allowed per client address in `login_window`.
    pub login_failures_per_address: i64,
    /// The window of the login rate limit.
    pub login_window: Duration,
    /// The server is reached through a reverse proxy that appends the client's address to
    /// `X-Forwarded-For`: the last address of that header is the client's (for the login
    /// limit per address). Off, the header is ignored, since any client can send it.
    pub behind_proxy: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            body_limit: 2 << 20,
            upload_limit: 50 << 20,
            request_timeout: Duration::from_secs(60),
            session_idle: Duration::from_secs(8 * 3600),
            session_absolute: Duration::from_secs(14 * 24 * 3600),
            secure_cookies: false,
            login_failures_per_account: 5,
            login_failures_per_address: 50,
            login_window: Duration::from_secs(15 * 60),
            behind_proxy: false,
        }
    }
}

/// What every handler gets: the store and the settings. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Limits and lifetimes.
    pub settings: Arc<Settings>,
    /// Whole networks as JSON, checked against the map's revision at each use.
    pub networks: Arc<crate::cache::NetworkCache>,
}

impl AppState {
    /// State over a store with these settings.
    pub fn new(store: Store, settings: Settings) -> Self {
        AppState {
            store,
            settings: Arc::new(settings),
            networks: Arc::default(),
        }
    }
}
