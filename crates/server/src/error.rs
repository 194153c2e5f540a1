//! The one error shape of the API.
//!
//! Every failure, from a handler, an extractor, the body limit, the time limit or a panic, is
//! answered with the same JSON:
//!
//! ```json
//! {"error": {"status": 409, "code": "conflict", "message": "…", "details": {…}}}
//! ```
//!
//! `code` is stable (scripts branch on it), `message` is written for a person and says what to
//! do, `details` is optional and machine-readable.

use axum::extract::rejection::{BytesRejection, JsonRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use caremap_store::StoreError;
use serde_json::{json, Value};

/// An API error: a status, a stable code, a message for people and optional details.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable, machine-readable code (`not_found`, `conflict`, ...).
    pub code: &'static str,
    /// What went wrong and what to do about it.
    pub message: String,
    /// Extra machine-readable facts (the current version of a conflict, the problems of a file).
    pub details: Option<Box<Value>>,
    /// Seconds to wait before trying again (rate limits).
    pub retry_after: Option<u32>,
}

/// The API's result type.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with a status, a code and a message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: None,
            retry_after: None,
        }
    }

    /// Adds machine-readable details.
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(Box::new(details));
        self
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401: no valid session or token.
    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "log in first (POST /api/v1/login) or send an API token as 'Authorization: Bearer TOKEN'",
        )
    }

    /// 403: signed in, but the role does not allow this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404.
    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{} not found", what.into()),
        )
    }

    /// 404 with a hint of what to do: "{what} not found: {hint}".
    pub fn not_found_hint(what: impl Into<String>, hint: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{} not found: {hint}", what.into()),
        )
    }

    /// 422: the content cannot be taken (an invalid map, a file with problems).
    pub fn unprocessable(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
    }

    /// 500: logged, not shown.
    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed to do this; the error is in its log. Nothing was changed.",
        )
    }

    /// 413.
    pub fn too_large(limit: usize) -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the request body is larger than this server accepts ({}); send a smaller file or ask the operator to raise the limit",
                human_bytes(limit)
            ),
        )
    }
}

/// "2 MiB", "50 MiB", "900 bytes".
pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "status": self.status.as_u16(),
            "code": self.code,
            "message": self.message,
        });
        if let Some(details) = self.details {
            body["details"] = *details;
        }
        let mut response = (self.status, axum::Json(json!({ "error": body }))).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { what } => ApiError::not_found(what),
            StoreError::Conflict { current_version } => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                if current_version == 0 {
                    "someone else deleted this since you read it; reload before changing it"
                        .to_string()
                } else {
                    format!(
                        "someone else changed this since you read it (it is now at version {current_version}); reload, redo your change and send it with the new version"
                    )
                },
            )
            .with_details(json!({ "current_version": current_version })),
            StoreError::Duplicate { field } => ApiError::new(
                StatusCode::CONFLICT,
                "duplicate",
                format!("that {field} is already taken; choose another"),
            )
            .with_details(json!({ "field": field })),
            StoreError::Invalid(message) => ApiError::unprocessable(message),
            StoreError::Database(e) => {
                tracing::error!(error = %e, "database error");
                ApiError::internal()
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::BytesRejection(b) => ApiError::from(b),
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with 'Content-Type: application/json'",
            ),
            other => {
                ApiError::bad_request(format!("the JSON body is not right: {}", other.body_text()))
            }
        }
    }
}

impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the request body is larger than this server accepts; send a smaller file or ask the operator to raise the limit",
            )
        } else {
            ApiError::bad_request(format!(
                "the request body could not be read: {}",
                r.body_text()
            ))
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::bad_request(format!("the query string is not right: {}", r.body_text()))
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(r: axum::extract::rejection::PathRejection) -> Self {
        ApiError::bad_request(format!("the address is not right: {}", r.body_text()))
    }
}
