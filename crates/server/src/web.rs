//! The browser app, built from `web/` by `build.rs` and embedded in the binary: one page, one
//! script, one stylesheet, all served by caremap itself (no request leaves for another host).

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

const INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/web/index.html"));
const APP_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/web/app.js"));
const APP_CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/web/app.css"));

/// What the app's page may do: its own script, style and API, WebGL canvases, nothing else.
const APP_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn asset(bytes: &'static [u8], content_type: &'static str, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(APP_CSP),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The app's page: every address of the app answers it, the script routes on the address.
pub async fn index() -> Response {
    asset(INDEX, "text/html; charset=utf-8", "no-cache")
}

/// `GET /assets/app.js`.
pub async fn script() -> Response {
    asset(APP_JS, "text/javascript; charset=utf-8", "no-cache")
}

/// `GET /assets/app.css`.
pub async fn style() -> Response {
    asset(APP_CSS, "text/css; charset=utf-8", "no-cache")
}
