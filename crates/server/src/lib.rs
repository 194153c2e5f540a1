//! `caremap serve`: the HTTP API under `/api/v1`, accounts and roles, sharing with redacted
//! public views, and the pages, over one [`caremap_store::Store`].
//!
//! The server holds no state between requests: sessions, rate-limit counts and everything else
//! live in the database, so several processes can serve one PostgreSQL database.
//!
//! - [`routes`]: the table of every route (method, path, access, handler), from which both the
//!   router and the OpenAPI document ([`openapi`]) are made.
//! - [`auth`]: sessions, API tokens, CSRF and roles; [`error`]: the one error shape.
//! - [`api`]: the handlers; [`pages`]: the HTML pages; [`demo`]: the demo map of a new deployment.

#![recursion_limit = "512"]

pub mod api;
pub mod auth;
pub mod cache;
pub mod demo;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod pages;
pub mod routes;
pub mod state;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use caremap_store::Store;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};

pub use error::{ApiError, ApiResult};
pub use state::{AppState, Settings};

/// The router of every route, with limits, security headers, logs and panic recovery.
pub fn app(state: AppState) -> Router {
    let mut router = Router::new();
    for route in routes::all() {
        // Routes that take a file (import and its check) take up to the upload limit.
        let handler = if route.body == routes::Body::File {
            route
                .handler
                .layer(DefaultBodyLimit::max(state.settings.upload_limit))
        } else {
            route.handler
        };
        router = router.route(route.path, handler);
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(state.settings.body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .layer(middleware::from_fn(security_headers))
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("a request handler panicked");
            ApiError::internal().into_response()
        }))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

async fn not_found(request: Request) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!(
            "there is nothing at {}; GET /api/v1/openapi.json lists every address",
            request.uri().path()
        ),
    )
}

async fn method_not_allowed(request: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{} is not allowed at {}; GET /api/v1/openapi.json lists what is",
            request.method(),
            request.uri().path()
        ),
    )
}

/// Answers 503 when a request takes longer than the settings allow.
async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.settings.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "the request took longer than {} and was stopped; nothing half-done was kept. Try a smaller map or file",
                human_duration(limit)
            ),
        )
        .into_response(),
    }
}

/// "500 ms", "60 s", "1.5 s": a limit as people read it (a limit under a second is not "0 s").
fn human_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Headers every answer carries unless the handler set its own: no sniffing, no referrer, no
/// framing (except the embed page, which allows it), and no caching of API answers.
async fn security_headers(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    h.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("no-referrer"));
    let framable = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("frame-ancestors *"));
    if !framable {
        h.entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        ));
        h.entry(header::X_FRAME_OPTIONS)
            .or_insert(HeaderValue::from_static("DENY"));
    }
    if is_api {
        h.entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

/// Serves `state` on `listener` until `shutdown` completes; requests in flight are finished.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sweeper = tokio::spawn(sweep_sessions(state.clone()));
    let result = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    sweeper.abort();
    result
}

/// Deletes expired and idle sessions now and every hour.
async fn sweep_sessions(state: AppState) {
    loop {
        let now = chrono::Utc::now();
        let idle = chrono::Duration::from_std(state.settings.session_idle)
            .unwrap_or(chrono::Duration::hours(8));
        match state.store.delete_stale_sessions(now, now - idle).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "ended stale sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not sweep sessions"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Opens the store, loads the demo map into an empty deployment (when `demo`), and serves
/// on `bind` until Ctrl-C or SIGTERM.
pub async fn run(
    bind: &str,
    database_url: &str,
    settings: Settings,
    demo: bool,
) -> anyhow::Result<()> {
    let store = Store::open(database_url).await.map_err(|e| {
        anyhow::anyhow!(
            "cannot open the database {}: {e}",
            caremap_store::without_password(database_url)
        )
    })?;
    if demo {
        if let Some(id) = demo::ensure(&store).await? {
            tracing::info!(map = id, slug = demo::DEMO_SLUG, "loaded the demo map");
        }
    }
    let listener = TcpListener::bind(bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    let addr = listener.local_addr()?;
    tracing::info!(address = %addr, database = store.backend(), "caremap is serving");
    if store.list_users().await?.is_empty() {
        tracing::info!(
            "no accounts yet: create the first administrator with `caremap user add --admin --email EMAIL --name NAME`"
        );
    }
    eprintln!("caremap is serving on http://{addr}/ (Ctrl-C to stop)");
    serve_on(listener, AppState::new(store, settings), shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}
