//! Import of any format the core reads, and export to any format it writes.
//!
//! An import is read and checked completely before anything is stored, then applied in one
//! transaction: a rejected file leaves the map exactly as it was.

use std::io::Write;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use caremap_core::Network;
use caremap_formats::{detect, read_with, write, Format, FormatError, Input, Limits};
use caremap_store::{ImportMode, MapId, Role};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::views::{blocking, load_view, ViewQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct ImportQuery {
    format: Option<String>,
    filename: Option<String>,
    mode: Option<String>,
    #[serde(default)]
    allow_empty: bool,
}

fn parse_format(name: &str) -> ApiResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        ApiError::bad_request(format!(
            "'{name}' is not a format caremap knows: use caremap, kumu-xlsx, kumu-csv, kumu-json, gexf, graphml, graphology or gephi-csv"
        ))
    })
}

/// The uploaded files: the parts of a multipart form, or the raw body as one file.
async fn uploaded(
    state: &AppState,
    request: Request,
    filename: &str,
) -> ApiResult<Vec<(String, Bytes)>> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let limit = state.settings.upload_limit;
    if is_multipart {
        let mut form = Multipart::from_request(request, state)
            .await
            .map_err(|e| ApiError::bad_request(format!("the form could not be read: {e}")))?;
        let mut files = Vec::new();
        loop {
            let field = match form.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(ApiError::too_large(limit))
                }
                Err(e) => {
                    return Err(ApiError::bad_request(format!(
                        "the form could not be read: {e}"
                    )))
                }
            };
            let name = field
                .file_name()
                .map(str::to_string)
                .unwrap_or_else(|| filename.to_string());
            let bytes = field.bytes().await.map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::too_large(limit)
                } else {
                    ApiError::bad_request(format!("the file '{name}' could not be read: {e}"))
                }
            })?;
            files.push((name, bytes));
        }
        if files.is_empty() {
            return Err(ApiError::bad_request(
                "the form has no file: send the file in a 'file' field",
            ));
        }
        Ok(files)
    } else {
        let bytes = Bytes::from_request(request, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large(limit)
            } else {
                ApiError::from(e)
            }
        })?;
        if bytes.is_empty() {
            return Err(ApiError::bad_request(
                "the request has no file: send the file as the body, or as a multipart form",
            ));
        }
        Ok(vec![(filename.to_string(), bytes)])
    }
}

fn format_error(e: FormatError) -> ApiError {
    match &e {
        FormatError::TooLarge { .. } => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", e.to_string())
        }
        FormatError::Invalid { place, .. } => ApiError::unprocessable(format!(
            "the file was not imported, the map is unchanged: {e}"
        ))
        .with_details(json!({ "place": place })),
        _ => ApiError::unprocessable(format!(
            "the file was not imported, the map is unchanged: {e}"
        )),
    }
}

/// A file read and checked, not stored yet.
struct Checked {
    format: Format,
    network: Network,
    /// Problems that stop the import: place and message.
    problems: Vec<Value>,
    /// What was read with a change or a guess: place and message.
    warnings: Vec<Value>,
}

/// Reads the uploaded file(s) of `request` in the format of `q` (or the detected one) and
/// validates the network. A file that cannot be read at all is an error; a file with problems
/// comes back with them listed in `problems`.
async fn read_upload(state: &AppState, q: &ImportQuery, request: Request) -> ApiResult<Checked> {
    let explicit = q.format.as_deref().map(parse_format).transpose()?;
    let filename = q.filename.clone().unwrap_or_else(|| "upload".to_string());
    let files = uploaded(state, request, &filename).await?;
    let format = match explicit {
        Some(f) => f,
        None => detect(&files[0].0, &files[0].1).ok_or_else(|| {
            ApiError::bad_request(format!(
                "cannot tell the format of '{}': give ?format= (caremap, kumu-xlsx, kumu-csv, kumu-json, gexf, graphml, graphology, gephi-csv) or a file name with its extension",
                files[0].0
            ))
        })?,
    };
    let limits = Limits {
        max_file_bytes: state.settings.upload_limit,
        ..Limits::default()
    };
    let outcome = blocking(move || {
        let inputs: Vec<Input> = files.iter().map(|(n, b)| Input::new(n, b)).collect();
        read_with(format, &inputs, &limits)
    })
    .await?
    .map_err(format_error)?;
    let network = outcome.network;
    let findings = network.validate();
    let place_message = |place: &str, message: &str| json!({"place": place, "message": message});
    let problems = findings
        .errors()
        .map(|f| place_message(&f.place, &f.message))
        .collect();
    let warnings = outcome
        .warnings
        .iter()
        .map(|w| place_message(&w.place, &w.message))
        .chain(
            findings
                .warnings()
                .map(|f| place_message(&f.place, &f.message)),
        )
        .collect();
    Ok(Checked {
        format,
        network,
        problems,
        warnings,
    })
}

/// `POST /api/v1/import/check`: reads and checks a file as an import would, and says what it
/// holds, its warnings and its problems, storing nothing (the preview before a map is made).
pub async fn check(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ImportQuery>,
    request: Request,
) -> ApiResult<Json<Value>> {
    caller.user()?;
    let checked = read_upload(&state, &q, request).await?;
    Ok(Json(json!({
        "format": checked.format.name(),
        "name": checked.network.name,
        "elements": checked.network.elements.len(),
        "connections": checked.network.connections.len(),
        "warnings": checked.warnings,
        "problems": checked.problems,
    })))
}

/// `POST /api/v1/maps/{map}/import`.
pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Query(q): Query<ImportQuery>,
    request: Request,
) -> ApiResult<Json<Value>> {
    caller.role_in(&state, map, Role::Editor).await?;
    let mode = match q.mode.as_deref().unwrap_or("replace") {
        "replace" => ImportMode::Replace,
        "merge" => ImportMode::Merge,
        other => {
            return Err(ApiError::bad_request(format!(
                "mode '{other}' is not known: use replace or merge"
            )))
        }
    };
    let Checked {
        format,
        mut network,
        problems,
        warnings,
    } = read_upload(&state, &q, request).await?;
    if !problems.is_empty() {
        return Err(ApiError::unprocessable(format!(
            "the file was not imported, the map is unchanged: it has {} problem(s) to fix first",
            problems.len()
        ))
        .with_details(json!({ "problems": problems })));
    }
    if mode == ImportMode::Replace && network.elements.is_empty() && !q.allow_empty {
        let versions = state.store.versions(map).await?;
        if !versions.is_empty() {
            return Err(ApiError::unprocessable(format!(
                "the file has no elements, and importing it would empty the map of its {} items; nothing was changed. Check that it is the right file and format, or send ?allow_empty=true to empty the map",
                versions.len()
            )));
        }
    }
    if network.name.trim().is_empty() {
        network.name = state.store.meta(map).await?.name;
    }
    // Elements the file did not place get a position now, stored with the map, so the map
    // keeps its arrangement from one visit to the next (placed ones stay where they are).
    let network = if network.elements.iter().any(|e| e.position.is_none()) {
        crate::api::views::with_layout(network, true).await?
    } else {
        network
    };
    let summary = state
        .store
        .import_network(map, &network, mode, &caller.actor())
        .await?;
    tracing::info!(
        map,
        format = format.name(),
        elements = network.elements.len(),
        "import"
    );
    Ok(Json(json!({
        "format": format.name(),
        "mode": mode,
        "summary": summary,
        "elements": network.elements.len(),
        "connections": network.connections.len(),
        "warnings": warnings,
    })))
}

#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
    at: Option<String>,
    snapshot: Option<String>,
}

/// The file (or zip of files) of a network in a format, as a download.
pub async fn download(network: Network, format: Format) -> ApiResult<Response> {
    let stem = file_stem(&network.name);
    let outputs = blocking(move || write(format, &network))
        .await?
        .map_err(|e| ApiError::unprocessable(format!("cannot export: {e}")))?;
    let ext = extension(format);
    let (name, content_type, bytes) = if outputs.len() == 1 {
        let out = outputs.into_iter().next().unwrap_or_else(|| unreachable!());
        (
            file_name(&stem, &out.suffix, ext),
            content_type(format),
            out.bytes,
        )
    } else {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for out in &outputs {
            zip.start_file(file_name(&stem, &out.suffix, ext), options)
                .and_then(|_| zip.write_all(&out.bytes).map_err(Into::into))
                .map_err(|e| {
                    tracing::error!(error = %e, "zip");
                    ApiError::internal()
                })?;
        }
        let bytes = zip.finish().map_err(|_| ApiError::internal())?.into_inner();
        (
            format!("{stem}-{}.zip", format.name()),
            "application/zip",
            bytes,
        )
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `GET /api/v1/maps/{map}/export`.
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(map): Path<MapId>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<Response> {
    caller.role_in(&state, map, Role::Viewer).await?;
    let format = parse_format(q.format.as_deref().unwrap_or("caremap"))?;
    let view = ViewQuery {
        at: q.at,
        snapshot: q.snapshot,
        layout: None,
    };
    let network = load_view(&state, map, &view).await?;
    download(network, format).await
}

/// The name of one written file: the stem, the writer's suffix, and the extension unless the
/// suffix has one.
fn file_name(stem: &str, suffix: &str, ext: &str) -> String {
    if suffix.contains('.') {
        format!("{stem}{suffix}")
    } else {
        format!("{stem}{suffix}.{ext}")
    }
}

/// A file name from a map name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let mut stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while stem.contains("--") {
        stem = stem.replace("--", "-");
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "map".to_string()
    } else {
        stem.chars().take(60).collect()
    }
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::KumuXlsx => "xlsx",
        Format::KumuCsv | Format::GephiCsv => "csv",
        Format::Gexf => "gexf",
        Format::GraphMl => "graphml",
        Format::Caremap | Format::KumuJson | Format::Graphology => "json",
    }
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::KumuXlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::KumuCsv | Format::GephiCsv => "text/csv; charset=utf-8",
        Format::Gexf | Format::GraphMl => "application/xml",
        Format::Caremap | Format::KumuJson | Format::Graphology => "application/json",
    }
}
