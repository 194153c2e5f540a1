//! The OpenAPI 3.1 document, made from the route table (`routes::all`) and the schemas below.
//! Written by hand rather than derived: the core's types are plain serde types, and deriving
//! would tie the core to an OpenAPI crate; a test checks every referenced schema exists.

use axum::http::Method;
use serde_json::{json, Map, Value};

use crate::extract::Json;
use crate::routes::{self, Access, Body};

/// `GET /api/v1/openapi.json`.
pub async fn serve() -> Json<Value> {
    Json(document())
}

fn param_names(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

fn path_param(name: &str) -> Value {
    let (schema, description) = match name {
        "map" => (json!({"type": "integer"}), "the map's id"),
        "user" => (json!({"type": "integer"}), "the account's id"),
        "token" => (json!({"type": "integer"}), "the API token's id"),
        "seq" => (
            json!({"type": "integer"}),
            "the change's place in the history",
        ),
        "slug" => (json!({"type": "string"}), "the published map's link name"),
        "element" => (json!({"type": "string"}), "the element's id"),
        "connection" => (json!({"type": "string"}), "the connection's id"),
        _ => (json!({"type": "string"}), ""),
    };
    json!({"name": name, "in": "path", "required": true, "description": description, "schema": schema})
}

fn content(body: Body) -> Option<Value> {
    match body {
        Body::None => None,
        Body::Json(name) => Some(
            json!({"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}),
        ),
        Body::File => Some(json!({
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
        })),
        Body::Html => Some(json!({"text/html": {"schema": {"type": "string"}}})),
    }
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The whole document.
pub fn document() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for r in routes::all() {
        let mut op = json!({
            "summary": r.summary,
            "tags": [r.tag],
            "operationId": operation_id(&r.method, r.path),
            "description": format!("Who may call it: {}.", r.access.describe()),
            "x-caremap-access": access_code(r.access),
        });
        let mut parameters: Vec<Value> = param_names(r.path).into_iter().map(path_param).collect();
        for (name, description) in r.query {
            parameters.push(json!({"name": name, "in": "query", "required": false, "description": description, "schema": {"type": "string"}}));
        }
        let item_path = r.path.contains("/elements/{") || r.path.contains("/connections/{");
        if item_path && matches!(r.method, Method::PUT | Method::DELETE) {
            parameters.push(json!({"name": "If-Match", "in": "header", "required": true, "description": "the version read (the ETag of the GET)", "schema": {"type": "string"}}));
        }
        if !parameters.is_empty() {
            op["parameters"] = Value::Array(parameters);
        }
        if let Some(c) = content(r.body) {
            op["requestBody"] = json!({"required": true, "content": c});
        }
        let mut responses = Map::new();
        let mut ok = json!({"description": "done"});
        if let Some(c) = content(r.response) {
            ok["content"] = c;
        }
        responses.insert(r.success.to_string(), ok);
        if r.access != Access::Public {
            responses.insert("401".into(), error_response("not signed in"));
            responses.insert(
                "403".into(),
                error_response(
                    "the role does not allow this, or a cookie write without X-CSRF-Token",
                ),
            );
        }
        if r.path.contains('{') {
            responses.insert(
                "404".into(),
                error_response("no such thing, or not visible to the caller"),
            );
        }
        if r.body != Body::None || !r.query.is_empty() {
            responses.insert("400".into(), error_response("the request is malformed"));
            responses.insert(
                "422".into(),
                error_response("the content cannot be taken; the message says why"),
            );
        }
        if matches!(r.method, Method::PUT | Method::DELETE | Method::POST)
            && r.path.starts_with("/api/v1/maps/{map}")
        {
            responses.insert(
                "409".into(),
                error_response(
                    "changed by someone else since read (details.current_version), or a duplicate",
                ),
            );
        }
        if r.path == "/api/v1/login" {
            responses.insert(
                "429".into(),
                error_response("too many failed logins; see Retry-After"),
            );
        }
        op["responses"] = Value::Object(responses);
        if r.access != Access::Public {
            op["security"] = json!([{"session": []}, {"token": []}]);
        }
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[r.method.as_str().to_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "caremap API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Maps of the care wealth of a community: elements, connections, history, sharing and analysis. Errors always have the shape of the Error schema. See docs/api.md for a guide with examples.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "caremap_session", "description": "set by POST /api/v1/login; writes also need the X-CSRF-Token header"},
                "token": {"type": "http", "scheme": "bearer", "description": "an API token made by POST /api/v1/tokens"},
            },
            "schemas": schemas(),
        },
    })
}

fn operation_id(method: &Method, path: &str) -> String {
    let mut id = method.as_str().to_lowercase();
    for part in path
        .split('/')
        .filter(|p| !p.is_empty() && *p != "api" && *p != "v1")
    {
        let part = part.trim_start_matches('{').trim_end_matches('}');
        id.push('_');
        id.push_str(&part.replace(['.', '-'], "_"));
    }
    id
}

/// `public`, `user`, `admin`, `viewer`, `editor` or `owner`.
pub fn access_code(access: Access) -> &'static str {
    match access {
        Access::Public => "public",
        Access::User => "user",
        Access::Admin => "admin",
        Access::Map(role) => role.name(),
    }
}

fn obj(properties: Value, required: &[&str]) -> Value {
    json!({"type": "object", "properties": properties, "required": required})
}

fn list_of(key: &str, item: &str) -> Value {
    obj(
        json!({ key: {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}} }),
        &[key],
    )
}

fn schemas() -> Value {
    let s = |t: &str| json!({"type": t});
    let date = json!({"type": ["string", "null"], "format": "date"});
    let time = json!({"type": "string", "format": "date-time"});
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let analysis_doc = "The JSON of `caremap analyse --format json`, documented field by field in docs/analysis-json.md.";
    json!({
        "Error": obj(json!({"error": obj(json!({
            "status": s("integer"), "code": {"type": "string", "description": "stable: bad_request, unauthorized, forbidden, csrf, not_found, method_not_allowed, conflict, duplicate, version_required, invalid, too_large, unsupported_media_type, rate_limited, timeout, unavailable, internal"},
            "message": {"type": "string", "description": "what went wrong and what to do, for a person"},
            "details": {"type": "object"},
        }), &["status", "code", "message"])}), &["error"]),
        "Health": obj(json!({"status": s("string"), "version": s("string"), "database": s("string"), "maps": s("integer")}), &["status"]),
        "OpenApi": {"type": "object", "description": "this document"},
        "Login": obj(json!({"email": s("string"), "password": s("string")}), &["email", "password"]),
        "SessionInfo": obj(json!({"user": {"$ref": "#/components/schemas/User"}, "csrf_token": {"type": ["string", "null"], "description": "send as X-CSRF-Token with every cookie-authenticated write"}, "maps": {"type": "array", "items": obj(json!({"id": s("integer"), "name": s("string"), "role": {"$ref": "#/components/schemas/Role"}}), &[])}}), &["user"]),
        "PasswordChange": obj(json!({"current_password": s("string"), "new_password": {"type": "string", "minLength": 10}}), &["current_password", "new_password"]),
        "ApiTokenList": obj(json!({"tokens": {"type": "array", "items": obj(json!({"id": s("integer"), "name": s("string"), "created": time, "last_used": {"type": ["string", "null"], "format": "date-time", "description": "when the token was last used (recorded at most once a minute); null if never"}}), &[])}}), &["tokens"]),
        "NewApiToken": obj(json!({"name": s("string")}), &["name"]),
        "ApiTokenCreated": obj(json!({"id": s("integer"), "name": s("string"), "created": time, "token": {"type": "string", "description": "shown only this once"}}), &["id", "token"]),
        "User": obj(json!({"id": s("integer"), "email": s("string"), "display_name": s("string"), "created": time, "is_admin": s("boolean")}), &["id", "email", "display_name"]),
        "UserList": list_of("users", "User"),
        "NewUser": obj(json!({"email": s("string"), "display_name": s("string"), "password": {"type": "string", "minLength": 10}, "admin": s("boolean")}), &["email", "display_name", "password"]),
        "Role": {"type": "string", "enum": ["viewer", "editor", "owner"]},
        "MapList": obj(json!({"maps": {"type": "array", "items": obj(json!({"id": s("integer"), "name": s("string"), "created": time, "role": {"$ref": "#/components/schemas/Role"}, "public_slug": {"type": ["string", "null"]}}), &[])}}), &["maps"]),
        "NewMap": obj(json!({"name": s("string"), "description": s("string"), "as_of": date, "from": {"type": "string", "enum": ["empty", "demo"], "description": "demo: start from a copy of the demo map (its 2025 and 2026 surveys, with a snapshot of each); default empty"}}), &["name"]),
        "MapPatch": obj(json!({"name": s("string"), "description": s("string"), "as_of": date}), &[]),
        "MapDetail": obj(json!({"id": s("integer"), "name": s("string"), "description": s("string"), "as_of": date, "created": time, "role": {"$ref": "#/components/schemas/Role"}, "elements": s("integer"), "connections": s("integer"), "public_slug": {"type": ["string", "null"]}, "public_url": {"type": ["string", "null"]}, "embed_url": {"type": ["string", "null"]}}), &["id", "name", "role"]),
        "Category": obj(json!({"name": s("string"), "sector": {"type": "string", "enum": ["informal", "voluntary", "formal", "unknown"]}, "description": s("string")}), &["name"]),
        "CareType": obj(json!({"name": s("string"), "definition": s("string")}), &["name"]),
        "Vocabulary": obj(json!({"categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}}, "care_types": {"type": "array", "items": {"$ref": "#/components/schemas/CareType"}}}), &["categories", "care_types"]),
        "MemberList": obj(json!({"members": {"type": "array", "items": obj(json!({"user": s("integer"), "email": s("string"), "display_name": s("string"), "role": {"$ref": "#/components/schemas/Role"}}), &[])}}), &["members"]),
        "MemberSet": obj(json!({"email": s("string"), "role": {"$ref": "#/components/schemas/Role"}}), &["email", "role"]),
        "Sharing": obj(json!({"slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$"}}), &["slug"]),
        "SharingInfo": obj(json!({"slug": s("string"), "public_url": s("string"), "embed_url": s("string"), "embed_html": s("string")}), &["slug"]),
        "Element": obj(json!({
            "id": {"type": "string", "description": "unique in the map; empty on create to have one made"},
            "label": s("string"), "category": s("string"), "sector": {"type": "string", "enum": ["informal", "voluntary", "formal", "unknown"]},
            "description": s("string"), "tags": strings, "care_types": strings,
            "location": obj(json!({"address": s("string"), "latitude": s("number"), "longitude": s("number")}), &[]),
            "email": {"type": "string", "description": "private: never in public views"}, "url": s("string"), "image": s("string"),
            "start": date, "end": date,
            "consent": obj(json!({"given": s("boolean"), "date": date, "recorded_by": s("string")}), &["given"]),
            "display_name": {"type": "string", "description": "for people: the name public views show (initials by default)"},
            "position": obj(json!({"x": s("number"), "y": s("number")}), &["x", "y"]),
            "fields": {"type": "object", "description": "custom fields: text, or lists of text; private in public views"},
        }), &["id", "label"]),
        "Connection": obj(json!({
            "id": s("string"), "from": s("string"), "to": s("string"),
            "direction": {"type": "string", "enum": ["directed", "mutual", "undirected"]},
            "status": {"type": "string", "enum": ["generative", "engaged", "loosely_engaged", "inactive", "unclassified"]},
            "care_flowing": strings, "paid": {"type": ["boolean", "null"]}, "kind": s("string"), "label": s("string"), "weight": s("number"),
            "start": date, "end": date, "description": s("string"), "tags": strings, "fields": {"type": "object"},
        }), &["id", "from", "to"]),
        "VersionedElement": obj(json!({"item": {"$ref": "#/components/schemas/Element"}, "version": s("integer")}), &["item", "version"]),
        "VersionedConnection": obj(json!({"item": {"$ref": "#/components/schemas/Connection"}, "version": s("integer")}), &["item", "version"]),
        "VersionedElementList": list_of("elements", "VersionedElement"),
        "VersionedConnectionList": list_of("connections", "VersionedConnection"),
        "Network": obj(json!({
            "name": s("string"), "description": s("string"), "as_of": date,
            "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
            "care_types": {"type": "array", "items": {"$ref": "#/components/schemas/CareType"}},
            "elements": {"type": "array", "items": {"$ref": "#/components/schemas/Element"}},
            "connections": {"type": "array", "items": {"$ref": "#/components/schemas/Connection"}},
        }), &["name", "elements", "connections"]),
        "Change": {"type": "object", "description": "one edit, tagged by op: create_element {element}, update_element {element, expected_version}, delete_element {id, expected_version}, create_connection {connection}, update_connection {connection, expected_version}, delete_connection {id, expected_version}", "properties": {"op": {"type": "string", "enum": ["create_element", "update_element", "delete_element", "create_connection", "update_connection", "delete_connection"]}}, "required": ["op"]},
        "ChangeBatch": list_of("changes", "Change"),
        "Applied": obj(json!({"item_kind": {"type": "string", "enum": ["element", "connection", "map"]}, "item_id": s("string"), "version": {"type": ["integer", "null"]}, "seq": s("integer")}), &["item_kind", "item_id", "seq"]),
        "AppliedList": list_of("applied", "Applied"),
        "ImportResult": obj(json!({"format": s("string"), "mode": {"type": "string", "enum": ["replace", "merge"]}, "summary": obj(json!({"created": s("integer"), "updated": s("integer"), "deleted": s("integer"), "map_changed": s("boolean")}), &[]), "elements": s("integer"), "connections": s("integer"), "warnings": {"type": "array", "items": obj(json!({"place": s("string"), "message": s("string")}), &[])}}), &["format", "summary", "warnings"]),
        "ImportCheck": obj(json!({"format": s("string"), "name": s("string"), "elements": s("integer"), "connections": s("integer"), "warnings": {"type": "array", "items": obj(json!({"place": s("string"), "message": s("string")}), &[])}, "problems": {"type": "array", "items": obj(json!({"place": s("string"), "message": s("string")}), &[])}}), &["format", "elements", "connections", "warnings", "problems"]),
        "Analysis": {"type": "object", "description": analysis_doc},
        "ChangeChapter": {"type": "object", "description": "Chapter 7, what changed: the JSON of `caremap diff --format json` (docs/analysis-json.md)."},
        "PersonCareMap": {"type": "object", "description": "The JSON of `caremap person --format json` (docs/analysis-json.md); with ?against=, {care_map, change}."},
        "HistoryEntry": obj(json!({"seq": s("integer"), "map": s("integer"), "at": time, "actor": s("string"), "kind": {"type": "string", "enum": ["create", "update", "delete", "erase"]}, "item_kind": {"type": "string", "enum": ["element", "connection", "map"]}, "item_id": s("string"), "before": {"type": ["object", "null"]}, "after": {"type": ["object", "null"]}}), &["seq", "at", "actor", "kind"]),
        "HistoryList": list_of("history", "HistoryEntry"),
        "Snapshot": obj(json!({"id": s("integer"), "map": s("integer"), "name": s("string"), "at": time, "actor": s("string")}), &["id", "name", "at"]),
        "SnapshotList": list_of("snapshots", "Snapshot"),
        "NewSnapshot": obj(json!({"name": s("string")}), &["name"]),
        "PersonExport": obj(json!({"map": s("integer"), "element": {"$ref": "#/components/schemas/Element"}, "connections": {"type": "array", "items": {"$ref": "#/components/schemas/Connection"}}, "history": {"type": "array", "items": {"$ref": "#/components/schemas/HistoryEntry"}}, "snapshots": {"type": "array", "items": {"type": "object"}}, "exported": time}), &["map"]),
        "EraseResult": obj(json!({"erased": obj(json!({"elements": s("integer"), "connections": s("integer"), "history_rows": s("integer"), "snapshots": s("integer")}), &[]), "mentions": {"type": "array", "items": {"type": "object"}}, "note": s("string")}), &["erased"]),
        "PublicMap": obj(json!({"slug": s("string"), "name": s("string"), "description": s("string"), "as_of": date, "elements": s("integer"), "connections": s("integer"), "network_url": s("string"), "analysis_url": s("string"), "page_url": s("string"), "embed_url": s("string")}), &["slug", "name"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "$ref" {
                        out.push(x.as_str().unwrap_or("").to_string());
                    }
                    refs(x, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }

    #[test]
    fn every_referenced_schema_exists() {
        let doc = document();
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(found.len() > 50);
        for r in found {
            let name = r.trim_start_matches("#/components/schemas/");
            assert!(
                doc["components"]["schemas"].get(name).is_some(),
                "schema {name} is referenced but not defined"
            );
        }
    }

    #[test]
    fn every_route_is_in_the_document_once() {
        let doc = document();
        for r in routes::all() {
            let op = &doc["paths"][r.path][r.method.as_str().to_lowercase()];
            assert!(op.is_object(), "{} {} missing", r.method, r.path);
            assert_eq!(op["x-caremap-access"], access_code(r.access));
        }
    }
}
