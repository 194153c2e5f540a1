//! The pages the server makes itself (the browser app is `web.rs`): the public report and the
//! embeddable picture of a published map. Both public pages are made from the redacted network and are self-contained
//! (inline CSS and SVG, no scripts, no requests to other sites).

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use caremap_core::analysis::{analyse, AnalysisOptions};

use crate::api::public::published;
use crate::api::views::blocking;
use crate::extract::Path;
use crate::state::AppState;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2a2f}}code{{background:#eef2f3;padding:0 .25rem}}a{{color:#0b5f73}}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

/// An error as a page (public pages are read by people, not scripts).
fn error_page(status: StatusCode, message: &str) -> Response {
    (
        status,
        Html(page(
            "caremap",
            &format!("<h1>Not available</h1><p>{}</p>", escape(message)),
        )),
    )
        .into_response()
}

/// `GET /public/{slug}/report`: the analysis report of the redacted map.
pub async fn public_report(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let network = match published(&state, &slug).await {
        Ok(n) => n,
        Err(e) => return error_page(e.status, &e.message),
    };
    match blocking(move || {
        let analysis = analyse(&network, &AnalysisOptions::default());
        caremap_report::render_html(&analysis, &network)
    })
    .await
    {
        Ok(html) => Html(html).into_response(),
        Err(e) => error_page(e.status, &e.message),
    }
}

/// `GET /embed/{slug}`: the redacted map's picture, for an iframe on any site.
pub async fn embed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let network = match published(&state, &slug).await {
        Ok(n) => n,
        Err(e) => return error_page(e.status, &e.message),
    };
    let title = escape(&network.name);
    let svg = caremap_report::network_svg(&network);
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>html,body{{margin:0;height:100%;font-family:system-ui,sans-serif}}svg{{width:100%;height:calc(100% - 2rem)}}p{{margin:.3rem .6rem;font-size:.85rem;color:#444}}</style></head>\
         <body>{svg}<p>{title}: a care map shared with caremap. People appear by the name they agreed to.</p></body></html>"
    );
    let mut response = Html(html).into_response();
    // Any site may frame this page (and only this one: others are refused in frames).
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors *",
        ),
    );
    response
}
