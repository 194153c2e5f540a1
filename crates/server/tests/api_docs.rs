//! The API reference, `docs/api.md`, documents every route of the server: each route of
//! `caremap_server::routes::all()` must have a heading there naming its method and path exactly
//! (`### GET /api/v1/maps/{map}/network`), and every such heading must name a route that exists,
//! so the reference can neither miss a new route nor keep a removed one.

use std::collections::BTreeSet;
use std::path::Path;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn reference() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/api.md");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the API reference {}: {e}", path.display()))
}

/// The `METHOD /path` a Markdown heading names, if it names one:
/// `### GET /api/v1/maps/{map}` gives `GET /api/v1/maps/{map}`. Backticks around it are allowed.
fn heading_route(line: &str) -> Option<String> {
    let title = line.strip_prefix('#')?.trim_start_matches('#').trim();
    let title = title.trim_matches('`').trim();
    let mut words = title.split_whitespace();
    let method = words.next()?;
    let path = words.next()?.trim_matches('`');
    (METHODS.contains(&method) && path.starts_with('/')).then(|| format!("{method} {path}"))
}

/// Every `METHOD /path` named by a heading of `markdown`, outside fenced code blocks, in order.
fn documented(markdown: &str) -> Vec<String> {
    let mut in_code = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.extend(heading_route(line));
        }
    }
    out
}

fn routes() -> Vec<String> {
    caremap_server::routes::all()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

#[test]
fn every_route_has_a_heading_in_the_api_reference() {
    let headings: BTreeSet<String> = documented(&reference()).into_iter().collect();
    let missing: Vec<String> = routes()
        .into_iter()
        .filter(|r| !headings.contains(r))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/api.md does not document {} route(s); add a heading such as `### {}` with who may \
         call it, its query, body, answer and a curl example, for each of:\n  {}",
        missing.len(),
        missing[0],
        missing.join("\n  ")
    );
}

#[test]
fn every_route_heading_of_the_api_reference_names_a_route_once() {
    let routes: BTreeSet<String> = routes().into_iter().collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for heading in documented(&reference()) {
        if !routes.contains(&heading) {
            problems.push(format!(
                "{heading}: no such route in caremap_server::routes::all()"
            ));
        } else if !seen.insert(heading.clone()) {
            problems.push(format!("{heading}: documented twice"));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/api.md has route headings to fix:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn a_heading_documents_its_exact_path_only() {
    let doc = "## Content\n### GET /api/v1/maps/{map}/network\n\
               ```sh\n# GET /api/v1/maps/{map}\n```\n### `DELETE /api/v1/maps/{map}` \n\
               Text naming GET /api/v1/health is not a heading.\n";
    assert_eq!(
        documented(doc),
        vec![
            "GET /api/v1/maps/{map}/network".to_string(),
            "DELETE /api/v1/maps/{map}".to_string(),
        ]
    );
    assert_eq!(heading_route("## Maps"), None);
    assert_eq!(heading_route("### GET /"), Some("GET /".to_string()));
}
