//! Behaviour of the HTTP API as a script author or the browser app meets it, each test run on
//! a real SQLite file and a real PostgreSQL database (`both_backends!`).

mod common;

use caremap_core::analysis::person::person_map;
use caremap_core::analysis::{analyse, AnalysisOptions};
use caremap_core::model::ElementId;
use caremap_core::Network;
use caremap_server::Settings;
use caremap_store::{MapId, Role};
use common::{Answer, Client, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    every_error_answers_in_one_json_shape,
    elements_and_connections_are_created_read_updated_and_deleted,
    two_clients_saving_the_same_version_get_one_success_and_one_conflict,
    a_batch_of_changes_applies_all_or_nothing,
    imports_read_files_and_a_rejected_file_changes_nothing,
    every_format_exports_and_the_export_imports_back,
    the_analysis_is_the_core_analysis_of_the_stored_network,
    history_as_of_snapshots_change_and_undo,
    the_person_care_map_shows_rings_and_compares_with_a_snapshot,
    members_have_roles_and_maps_of_others_are_invisible,
    api_tokens_are_shown_once_need_no_csrf_and_can_be_revoked,
    cookie_writes_need_the_csrf_header_and_logout_ends_the_session,
    two_servers_on_one_database_see_each_others_writes,
    a_password_change_signs_out_the_other_sessions,
    new_care_types_and_categories_join_the_vocabulary,
    the_network_is_cached_but_never_stale,
    an_import_that_would_empty_the_map_is_refused,
    a_file_is_checked_before_anything_is_stored,
    a_new_map_can_start_as_a_copy_of_the_demo,
    an_items_history_is_its_own_story,
);

const XLSX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/larkspur-vale-2026.xlsx"
);

const FORMATS: [&str; 8] = [
    "caremap",
    "kumu-xlsx",
    "kumu-csv",
    "kumu-json",
    "gexf",
    "graphml",
    "graphology",
    "gephi-csv",
];

/// `/api/v1/maps/{map}{rest}`.
fn m(map: MapId, rest: &str) -> String {
    format!("/api/v1/maps/{map}{rest}")
}

/// Asserts the one error shape: a JSON body `{"error": {"status", "code", "message"}}` whose
/// status is the answer's, with this code and a message for people.
#[track_caller]
fn assert_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(
        a.status.as_u16(),
        status,
        "unexpected status; body: {}",
        a.text()
    );
    let content_type = a
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        content_type.starts_with("application/json"),
        "an error of status {status} is not JSON but '{content_type}': {}",
        a.text()
    );
    let body = a.json();
    let error = &body["error"];
    assert!(error.is_object(), "no 'error' object in {}", a.text());
    assert_eq!(
        error["status"],
        status,
        "error.status differs: {}",
        a.text()
    );
    assert_eq!(error["code"], code, "error.code differs: {}", a.text());
    let message = error["message"].as_str().unwrap_or("");
    assert!(message.len() > 10, "the message says nothing: {}", a.text());
    for key in error.as_object().unwrap().keys() {
        assert!(
            ["status", "code", "message", "details"].contains(&key.as_str()),
            "unexpected key '{key}' in {}",
            a.text()
        );
    }
}

/// The ETag header of an answer.
fn etag(a: &Answer) -> String {
    a.headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

async fn put_if(c: &Client, path: &str, version: i64, body: Value) -> Answer {
    Client::answer(
        c.request(Method::PUT, path)
            .header("if-match", format!("\"{version}\""))
            .json(&body),
    )
    .await
}

async fn delete_if(c: &Client, path: &str, version: i64) -> Answer {
    Client::answer(
        c.request(Method::DELETE, path)
            .header("if-match", format!("\"{version}\"")),
    )
    .await
}

/// The map's network exactly as the API gives it.
async fn network_bytes(c: &Client, map: MapId) -> Vec<u8> {
    c.get(&m(map, "/network")).await.expect(200).bytes
}

/// The map's network now.
async fn network(c: &Client, map: MapId) -> Network {
    serde_json::from_slice(&network_bytes(c, map).await).expect("the network is a Network")
}

/// The elements' ids of a network answer, in order.
fn element_ids(network: &Value) -> Vec<String> {
    network["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// A new empty map made through the API by `c`, who becomes its owner.
async fn new_map(c: &Client, name: &str) -> MapId {
    let a = c
        .post("/api/v1/maps", json!({ "name": name }))
        .await
        .expect(201);
    a.json()["id"].as_i64().expect("map id")
}

/// The demo map with a token-only owner calling as a script.
async fn demo_with_owner(s: &TestServer, email: &str) -> (MapId, Client) {
    let map = s.demo_map().await;
    let (user, c) = s.script_user(email).await;
    s.grant(map, &user, Role::Owner).await;
    (map, c)
}

/// Uploads a file raw, with its name in the query.
async fn import_raw(c: &Client, map: MapId, query: &str, bytes: Vec<u8>) -> Answer {
    Client::answer(
        c.request(Method::POST, &m(map, &format!("/import?{query}")))
            .header("content-type", "application/octet-stream")
            .body(bytes),
    )
    .await
}

/// Uploads files as one multipart form.
async fn import_multipart(
    c: &Client,
    map: MapId,
    query: &str,
    files: Vec<(String, Vec<u8>)>,
) -> Answer {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name),
        );
    }
    Client::answer(
        c.request(Method::POST, &m(map, &format!("/import?{query}")))
            .multipart(form),
    )
    .await
}

/// The files of a zip.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_string(), out)
        })
        .collect()
}

// 1. ---------------------------------------------------------------------------------------

async fn every_error_answers_in_one_json_shape(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "shape@example.org").await;
    let elements = m(map, "/elements");

    let a = c.get("/api/v1/no/such/address").await;
    assert_error(&a, 404, "not_found");
    assert!(a.text().contains("/api/v1/no/such/address"));
    assert_error(&c.get("/nothing-here").await, 404, "not_found");

    let a = c.send(Method::DELETE, "/api/v1/health", None).await;
    assert_error(&a, 405, "method_not_allowed");
    let a = c.send(Method::PATCH, &elements, Some(json!({}))).await;
    assert_error(&a, 405, "method_not_allowed");

    let a = Client::answer(
        c.request(Method::POST, &elements)
            .header("content-type", "application/json")
            .body(r#"{"id": "e-x", "label": "#),
    )
    .await;
    assert_error(&a, 400, "bad_request");

    let a = c.post(&elements, json!({ "id": "e-x" })).await;
    assert!(
        [400, 422].contains(&a.status.as_u16()),
        "a missing label: {}",
        a.text()
    );
    assert_error(&a, a.status.as_u16(), a.code().as_str());
    assert!(
        a.text().contains("label"),
        "the message names the field: {}",
        a.text()
    );

    let a = c.post(&elements, json!({ "id": "e-x", "label": "" })).await;
    assert_error(&a, 422, "invalid");

    let a = Client::answer(
        c.request(Method::POST, &elements)
            .header("content-type", "text/plain")
            .body(r#"{"id": "e-x", "label": "X"}"#),
    )
    .await;
    assert_error(&a, 415, "unsupported_media_type");
    let a = Client::answer(
        c.request(Method::POST, &elements)
            .body(r#"{"id": "e-x", "label": "X"}"#),
    )
    .await;
    assert_error(&a, 415, "unsupported_media_type");

    assert_error(
        &c.get("/api/v1/maps/not-a-number").await,
        400,
        "bad_request",
    );
    assert_error(
        &c.get(&m(map, "/elements/e-nobody")).await,
        404,
        "not_found",
    );
    assert_error(
        &c.get(&m(map, "/network?at=yesterday")).await,
        400,
        "bad_request",
    );
    assert_error(
        &c.get(&m(map, "/export?format=pdf")).await,
        400,
        "bad_request",
    );
    assert_error(&s.anonymous().get(&m(map, "")).await, 401, "unauthorized");
    let a = Client::with_token(&s.base, "cmt_not-a-token")
        .get(&m(map, ""))
        .await;
    assert_error(&a, 401, "unauthorized");

    // None of the refused writes stored anything.
    let n: Network = network(&c, map).await;
    assert_eq!(n.elements.len(), 45);
    assert!(!n.elements.iter().any(|e| e.id.as_str() == "e-x"));
}

// 2. ---------------------------------------------------------------------------------------

async fn elements_and_connections_are_created_read_updated_and_deleted(s: &TestServer) {
    let map = s.demo_map().await;
    let (user, c) = s.login_new("editor@example.org", false).await;
    s.grant(map, &user, Role::Editor).await;

    // Create: 201, the ETag is the quoted version.
    let a = c
        .post(
            &m(map, "/elements"),
            json!({"id": "e-quince", "label": "Quince Hall", "category": "community hub or voluntary organisation"}),
        )
        .await
        .expect(201);
    assert_eq!(etag(&a), "\"1\"");
    assert_eq!(a.json()["version"], 1);
    assert_eq!(a.json()["item"]["label"], "Quince Hall");

    // An empty id gets one made up.
    let a = c
        .post(
            &m(map, "/elements"),
            json!({"id": "", "label": "No Id Yet", "category": "individual active citizen"}),
        )
        .await
        .expect(201);
    let made_up = a.json()["item"]["id"].as_str().unwrap().to_string();
    assert!(made_up.starts_with("e-") && made_up.len() > 4, "{made_up}");
    c.get(&m(map, &format!("/elements/{made_up}")))
        .await
        .expect(200);

    // Get and list.
    let a = c.get(&m(map, "/elements/e-quince")).await.expect(200);
    assert_eq!(etag(&a), "\"1\"");
    assert_eq!(
        a.json()["item"]["category"],
        "community hub or voluntary organisation"
    );
    let list = c.get(&m(map, "/elements")).await.expect(200).json();
    let list = list["elements"].as_array().unwrap();
    assert_eq!(list.len(), 47);
    let quince = list
        .iter()
        .find(|v| v["item"]["id"] == "e-quince")
        .expect("listed");
    assert_eq!(quince["version"], 1);

    // Update with If-Match: the version goes up.
    let renamed = json!({"id": "e-quince", "label": "Quince Hall Hub", "category": "community hub or voluntary organisation"});
    let a = put_if(&c, &m(map, "/elements/e-quince"), 1, renamed.clone())
        .await
        .expect(200);
    assert_eq!(a.json()["version"], 2);
    assert_eq!(etag(&a), "\"2\"");
    assert_eq!(a.json()["item"]["label"], "Quince Hall Hub");

    // Without If-Match: 428; with a stale version: 409 and the stored item is unchanged.
    let a = c
        .put(
            &m(map, "/elements/e-quince"),
            json!({"id": "e-quince", "label": "Overwritten", "category": "community hub or voluntary organisation"}),
        )
        .await;
    assert_error(&a, 428, "version_required");
    let a = put_if(
        &c,
        &m(map, "/elements/e-quince"),
        1,
        json!({"id": "e-quince", "label": "Stale", "category": "community hub or voluntary organisation"}),
    )
    .await;
    assert_error(&a, 409, "conflict");
    assert_eq!(a.json()["error"]["details"]["current_version"], 2);
    let a = c.get(&m(map, "/elements/e-quince")).await.expect(200);
    assert_eq!(a.json()["item"]["label"], "Quince Hall Hub");
    assert_eq!(a.json()["version"], 2);

    // The id in the body cannot differ from the address.
    let a = put_if(
        &c,
        &m(map, "/elements/e-quince"),
        2,
        json!({"id": "e-other", "label": "X", "category": ""}),
    )
    .await;
    assert_error(&a, 422, "invalid");

    // Connections.
    let a = c
        .post(
            &m(map, "/connections"),
            json!({"id": "c-quince", "from": "e-quince", "to": "e-circle", "status": "engaged"}),
        )
        .await
        .expect(201);
    assert_eq!(etag(&a), "\"1\"");
    let a = c.get(&m(map, "/connections/c-quince")).await.expect(200);
    assert_eq!(a.json()["item"]["status"], "engaged");
    let a = put_if(
        &c,
        &m(map, "/connections/c-quince"),
        1,
        json!({"id": "c-quince", "from": "e-quince", "to": "e-circle", "status": "generative"}),
    )
    .await
    .expect(200);
    assert_eq!(a.json()["version"], 2);
    assert_eq!(etag(&a), "\"2\"");
    let list = c.get(&m(map, "/connections")).await.expect(200).json();
    assert_eq!(list["connections"].as_array().unwrap().len(), 91);

    // A connection to a missing element is refused and nothing is stored.
    let a = c
        .post(
            &m(map, "/connections"),
            json!({"id": "c-ghost", "from": "e-quince", "to": "e-nobody"}),
        )
        .await;
    assert!(
        a.status.is_client_error(),
        "a connection to nobody: {}",
        a.text()
    );
    assert_error(&a, a.status.as_u16(), a.code().as_str());
    assert_error(
        &c.get(&m(map, "/connections/c-ghost")).await,
        404,
        "not_found",
    );
    let list = c.get(&m(map, "/connections")).await.expect(200).json();
    assert_eq!(list["connections"].as_array().unwrap().len(), 91);

    // Deleting an element with connections is refused unless cascading.
    assert_error(
        &c.delete(&m(map, "/elements/e-quince")).await,
        428,
        "version_required",
    );
    let a = delete_if(&c, &m(map, "/elements/e-quince"), 2).await;
    assert_error(&a, 422, "invalid");
    assert_eq!(
        a.json()["error"]["details"]["connections"],
        json!(["c-quince"])
    );
    c.get(&m(map, "/elements/e-quince")).await.expect(200);
    c.get(&m(map, "/connections/c-quince")).await.expect(200);
    let a = delete_if(&c, &m(map, "/elements/e-quince?cascade=true"), 1).await;
    assert_error(&a, 409, "conflict");
    c.get(&m(map, "/connections/c-quince")).await.expect(200);
    delete_if(&c, &m(map, "/elements/e-quince?cascade=true"), 2)
        .await
        .expect(204);
    assert_error(
        &c.get(&m(map, "/elements/e-quince")).await,
        404,
        "not_found",
    );
    assert_error(
        &c.get(&m(map, "/connections/c-quince")).await,
        404,
        "not_found",
    );

    // Deleting a connection: stale version refused, right version deletes.
    let a = delete_if(&c, &m(map, "/connections/c-001"), 7).await;
    assert_error(&a, 409, "conflict");
    assert_eq!(a.json()["error"]["details"]["current_version"], 1);
    delete_if(&c, &m(map, "/connections/c-001"), 1)
        .await
        .expect(204);
    let n = network(&c, map).await;
    assert_eq!((n.elements.len(), n.connections.len()), (46, 89));
}

// 3. ---------------------------------------------------------------------------------------

async fn two_clients_saving_the_same_version_get_one_success_and_one_conflict(s: &TestServer) {
    let map = s.demo_map().await;
    let (alice, a) = s.script_user("alice@example.org").await;
    let (bob, b) = s.script_user("bob@example.org").await;
    s.grant(map, &alice, Role::Editor).await;
    s.grant(map, &bob, Role::Editor).await;
    let path = m(map, "/elements/e-circle");
    for round in 0..4 {
        let read_a = a.get(&path).await.expect(200).json();
        let read_b = b.get(&path).await.expect(200).json();
        assert_eq!(read_a, read_b);
        let version = read_a["version"].as_i64().unwrap();
        let mut mine = read_a["item"].clone();
        mine["label"] = json!(format!("Alice's circle {round}"));
        let mut theirs = read_b["item"].clone();
        theirs["label"] = json!(format!("Bob's circle {round}"));
        let (ra, rb) = tokio::join!(
            put_if(&a, &path, version, mine),
            put_if(&b, &path, version, theirs)
        );
        let mut statuses = [ra.status.as_u16(), rb.status.as_u16()];
        statuses.sort();
        assert_eq!(
            statuses,
            [200, 409],
            "round {round}: {} / {}",
            ra.text(),
            rb.text()
        );
        let (winner, loser) = if ra.status == 200 { (ra, rb) } else { (rb, ra) };
        assert_error(&loser, 409, "conflict");
        assert_eq!(
            loser.json()["error"]["details"]["current_version"],
            version + 1
        );
        let now = a.get(&path).await.expect(200).json();
        assert_eq!(now["version"], version + 1);
        assert_eq!(now["item"]["label"], winner.json()["item"]["label"]);
    }
}

// 4. ---------------------------------------------------------------------------------------

async fn a_batch_of_changes_applies_all_or_nothing(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "batch@example.org").await;
    let before = network_bytes(&c, map).await;
    let history_before = c.get(&m(map, "/history")).await.expect(200).json();

    let failing = json!({"changes": [
        {"op": "create_element", "element": {"id": "e-b1", "label": "First", "category": "individual active citizen"}},
        {"op": "create_connection", "connection": {"id": "c-b1", "from": "e-b1", "to": "e-circle"}},
        {"op": "create_element", "element": {"id": "e-circle", "label": "A second circle", "category": "care circle"}},
        {"op": "create_element", "element": {"id": "e-b4", "label": "Fourth", "category": "individual active citizen"}},
    ]});
    let a = c.post(&m(map, "/changes"), failing).await;
    assert_error(&a, 409, "duplicate");
    assert!(a.text().contains("not applied"), "{}", a.text());
    assert_eq!(
        network_bytes(&c, map).await,
        before,
        "a failed batch changed the map"
    );
    assert_eq!(
        c.get(&m(map, "/history")).await.expect(200).json(),
        history_before,
        "a failed batch left history rows"
    );

    // A stale version in the middle fails the same way.
    let stale = json!({"changes": [
        {"op": "create_element", "element": {"id": "e-b1", "label": "First", "category": "individual active citizen"}},
        {"op": "update_element", "expected_version": 5, "element": {"id": "e-circle", "label": "Renamed", "category": "care circle"}},
    ]});
    assert_error(&c.post(&m(map, "/changes"), stale).await, 409, "conflict");
    assert_eq!(network_bytes(&c, map).await, before);

    // An invalid change is caught before anything is tried.
    let invalid = json!({"changes": [
        {"op": "create_element", "element": {"id": "e-b1", "label": "First", "category": "individual active citizen"}},
        {"op": "create_element", "element": {"id": "e-b2", "label": " ", "category": "individual active citizen"}},
    ]});
    let a = c.post(&m(map, "/changes"), invalid).await;
    assert_error(&a, 422, "invalid");
    assert!(a.text().contains("change 2"), "{}", a.text());
    assert_eq!(network_bytes(&c, map).await, before);

    // A good batch applies every change, in order.
    let good = json!({"changes": [
        {"op": "create_element", "element": {"id": "e-b1", "label": "First", "category": "individual active citizen"}},
        {"op": "create_connection", "connection": {"id": "c-b1", "from": "e-b1", "to": "e-circle"}},
        {"op": "update_element", "expected_version": 1, "element": {"id": "e-circle", "label": "Renamed circle", "category": "care circle"}},
        {"op": "delete_connection", "id": "c-002", "expected_version": 1},
    ]});
    let a = c.post(&m(map, "/changes"), good).await.expect(200);
    let applied = a.json()["applied"].as_array().unwrap().clone();
    assert_eq!(applied.len(), 4);
    assert_eq!(applied[0]["item_id"], "e-b1");
    assert_eq!(applied[2]["version"], 2);
    assert_eq!(applied[3]["version"], Value::Null);
    let n = network(&c, map).await;
    assert_eq!((n.elements.len(), n.connections.len()), (46, 90));
    assert!(n.connections.iter().all(|c| c.id.as_str() != "c-002"));
    assert_eq!(
        n.elements
            .iter()
            .find(|e| e.id.as_str() == "e-circle")
            .unwrap()
            .label,
        "Renamed circle"
    );
    assert_error(
        &c.post(&m(map, "/changes"), json!({"changes": []})).await,
        422,
        "invalid",
    );
}

// 5. ---------------------------------------------------------------------------------------

async fn imports_read_files_and_a_rejected_file_changes_nothing(s: &TestServer) {
    let (user, c) = s.script_user("importer@example.org").await;
    let _ = user;
    let xlsx = std::fs::read(XLSX).expect("the example workbook");

    // Raw upload into a new map.
    let map = new_map(&c, "Imported").await;
    let a = import_raw(&c, map, "filename=larkspur-vale-2026.xlsx", xlsx.clone())
        .await
        .expect(200);
    let body = a.json();
    assert_eq!(body["format"], "kumu-xlsx");
    assert_eq!(body["elements"], 45);
    assert_eq!(body["connections"], 90);
    assert!(body["warnings"].is_array(), "{}", a.text());
    let detail = c.get(&m(map, "")).await.expect(200).json();
    assert_eq!(
        (detail["elements"].as_i64(), detail["connections"].as_i64()),
        (Some(45), Some(90))
    );

    // Multipart upload into another new map.
    let map2 = new_map(&c, "Imported by form").await;
    let a = import_multipart(
        &c,
        map2,
        "",
        vec![("larkspur-vale-2026.xlsx".to_string(), xlsx.clone())],
    )
    .await
    .expect(200);
    assert_eq!(a.json()["elements"], 45);
    assert_eq!(a.json()["connections"], 90);
    let by_form: Network = network(&c, map2).await;
    let raw: Network = network(&c, map).await;
    assert_eq!(
        (by_form.elements, by_form.connections),
        (raw.elements, raw.connections),
        "the form's file was stored as the raw upload was"
    );

    // Broken files: 422 naming the place, and the map is unchanged.
    let before = network_bytes(&c, map).await;
    let truncated = xlsx[..xlsx.len() / 2].to_vec();
    let a = import_raw(&c, map, "filename=broken.xlsx", truncated).await;
    assert_error(&a, 422, "invalid");
    assert!(
        a.text().contains("broken.xlsx"),
        "names the file: {}",
        a.text()
    );
    assert!(a.text().contains("unchanged"), "{}", a.text());
    let garbage = b"<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n<graph>\n<nodes>\n<node id=\"a\" label=\"A\"/>\n<node id=\"b\" label=\"B\">\n</edges>\n".to_vec();
    let a = import_raw(&c, map, "filename=garbage.gexf", garbage).await;
    assert_error(&a, 422, "invalid");
    let place = a.json()["error"]["details"]["place"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        place.contains("garbage.gexf"),
        "the place names the file: {}",
        a.text()
    );
    assert!(
        a.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&place),
        "{}",
        a.text()
    );
    let a = import_raw(&c, map, "filename=notes.txt", b"hello".to_vec()).await;
    assert_error(&a, 400, "bad_request");
    assert_eq!(
        network_bytes(&c, map).await,
        before,
        "a rejected import changed the map"
    );

    // Merge keeps what the file does not hold; replace does not.
    c.post(
        &m(map, "/elements"),
        json!({"id": "e-extra", "label": "Not In The File", "category": "individual active citizen"}),
    )
    .await
    .expect(201);
    let a = import_raw(&c, map, "filename=lv.xlsx&mode=merge", xlsx.clone())
        .await
        .expect(200);
    assert_eq!(a.json()["mode"], "merge");
    let n = network(&c, map).await;
    assert_eq!(n.elements.len(), 46);
    assert!(n.elements.iter().any(|e| e.id.as_str() == "e-extra"));
    import_raw(&c, map, "filename=lv.xlsx&mode=replace", xlsx.clone())
        .await
        .expect(200);
    let n = network(&c, map).await;
    assert_eq!(n.elements.len(), 45);
    assert!(!n.elements.iter().any(|e| e.id.as_str() == "e-extra"));
    assert_error(
        &import_raw(&c, map, "filename=lv.xlsx&mode=mix", xlsx.clone()).await,
        400,
        "bad_request",
    );

    // Files made by exporting import back: GEXF and GraphML.
    let original: Value = serde_json::from_slice(&network_bytes(&c, map).await).unwrap();
    for (format, file) in [("gexf", "map.gexf"), ("graphml", "map.graphml")] {
        let exported = c
            .get(&m(map, &format!("/export?format={format}")))
            .await
            .expect(200)
            .bytes;
        let fresh = new_map(&c, &format!("From {format}")).await;
        let a = import_raw(&c, fresh, &format!("filename={file}"), exported)
            .await
            .expect(200);
        assert_eq!(a.json()["format"], format);
        let back: Value = serde_json::from_slice(&network_bytes(&c, fresh).await).unwrap();
        assert_eq!(element_ids(&back), element_ids(&original), "{format}");
        assert_eq!(
            back["connections"].as_array().unwrap().len(),
            90,
            "{format}"
        );
    }
}

// 6. ---------------------------------------------------------------------------------------

async fn every_format_exports_and_the_export_imports_back(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "exporter@example.org").await;
    let original: Value = serde_json::from_slice(&network_bytes(&c, map).await).unwrap();
    for format in FORMATS {
        let a = c
            .get(&m(map, &format!("/export?format={format}")))
            .await
            .expect(200);
        let disposition = a
            .headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert!(
            disposition.starts_with("attachment; filename=\"larkspur-vale"),
            "{format}: {disposition}"
        );
        let content_type = a
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let two_files = format.ends_with("-csv");
        let files = if two_files {
            assert!(a.bytes.starts_with(b"PK"), "{format} is not a zip");
            assert_eq!(content_type, "application/zip", "{format}");
            assert!(disposition.ends_with(".zip\""), "{format}: {disposition}");
            let files = unzip(&a.bytes);
            assert_eq!(files.len(), 2, "{format}");
            files
        } else {
            assert!(!a.bytes.is_empty());
            if format == "kumu-xlsx" {
                assert!(a.bytes.starts_with(b"PK"));
                assert!(disposition.ends_with(".xlsx\""), "{disposition}");
            } else {
                assert_ne!(content_type, "application/zip", "{format}");
            }
            let name = disposition
                .trim_start_matches("attachment; filename=\"")
                .trim_end_matches('"')
                .to_string();
            vec![(name, a.bytes.clone())]
        };
        // Every export reads back into a fresh map with the same elements.
        let fresh = new_map(&c, &format!("Back from {format}")).await;
        let a = import_multipart(&c, fresh, &format!("format={format}"), files)
            .await
            .expect(200);
        assert_eq!(a.json()["elements"], 45, "{format}");
        assert_eq!(a.json()["connections"], 90, "{format}");
        let back: Value = serde_json::from_slice(&network_bytes(&c, fresh).await).unwrap();
        assert_eq!(element_ids(&back), element_ids(&original), "{format}");
        // The import placed every element the file left unplaced (the demo has no positions).
        let mut back = back;
        for e in back["elements"].as_array_mut().unwrap() {
            let placed = e.as_object_mut().unwrap().remove("position");
            assert!(
                placed.is_some(),
                "{format}: an imported element has no position"
            );
        }
        if format == "caremap" {
            assert_eq!(back, original, "the caremap export is not lossless");
        }
    }
    // The default is caremap, and a past moment exports what was there then.
    let a = c.get(&m(map, "/export")).await.expect(200);
    assert_eq!(a.json()["caremap"], 1);
    let a = c
        .get(&m(map, "/export?format=graphology&at=2000-01-01"))
        .await
        .expect(200);
    assert_eq!(
        a.json()["nodes"].as_array().map(Vec::len),
        Some(0),
        "{}",
        a.text()
    );
}

// 7. ---------------------------------------------------------------------------------------

async fn the_analysis_is_the_core_analysis_of_the_stored_network(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "analyst@example.org").await;
    let net = network(&c, map).await;
    let a = c.get(&m(map, "/analysis")).await.expect(200);
    let body = a.json();
    for chapter in [
        "membership",
        "care_wealth",
        "health",
        "teams",
        "bridging",
        "structure",
        "elements",
    ] {
        assert!(
            body.get(chapter).is_some_and(|v| !v.is_null()),
            "no chapter '{chapter}'"
        );
    }
    // Parse both sides with the same parser, so floats compare exactly.
    let local = serde_json::to_string(&analyse(&net, &AnalysisOptions::default())).unwrap();
    let local: Value = serde_json::from_str(&local).unwrap();
    assert!(
        body == local,
        "the server's analysis differs from the core's"
    );
    assert_eq!(body["structure"]["elements"], 45);
    assert_eq!(body["elements"].as_array().unwrap().len(), 45);

    let seeded = c.get(&m(map, "/analysis?seed=7")).await.expect(200).json();
    assert_eq!(seeded["options"]["seed"], 7);
    for key in [
        "elements",
        "connections",
        "linked_pairs",
        "diameter",
        "density",
    ] {
        assert_eq!(seeded["structure"][key], body["structure"][key], "{key}");
    }
    assert_eq!(
        seeded["structure"]["components"].as_array().unwrap().len(),
        body["structure"]["components"].as_array().unwrap().len()
    );
    let options = AnalysisOptions {
        seed: 7,
        ..AnalysisOptions::default()
    };
    let local: Value =
        serde_json::from_str(&serde_json::to_string(&analyse(&net, &options)).unwrap()).unwrap();
    assert!(
        seeded == local,
        "the seeded analysis differs from the core's"
    );

    let empty = c
        .get(&m(map, "/analysis?at=2000-01-01"))
        .await
        .expect(200)
        .json();
    assert_eq!(empty["structure"]["elements"], 0);
    assert_eq!(empty["structure"]["connections"], 0);
    assert_eq!(empty["elements"], json!([]));
    assert_error(
        &c.get(&m(map, "/analysis?seed=minus-one")).await,
        400,
        "bad_request",
    );
    assert_error(
        &c.get(&m(map, "/analysis?snapshot=nope")).await,
        404,
        "not_found",
    );
}

// 8. ---------------------------------------------------------------------------------------

async fn history_as_of_snapshots_change_and_undo(s: &TestServer) {
    let (user, c) = s.login_new("historian@example.org", false).await;
    let map = new_map(&c, "Ash Lane").await;
    let ash = |label: &str| json!({"id": "e-ash", "label": label, "category": "individual active citizen"});
    c.post(&m(map, "/elements"), ash("Ash")).await.expect(201);
    common::db::tick().await;
    put_if(&c, &m(map, "/elements/e-ash"), 1, ash("Ash Grove"))
        .await
        .expect(200);

    let history = c.get(&m(map, "/history")).await.expect(200).json();
    let rows = history["history"].as_array().unwrap();
    let (update, create) = (&rows[0], &rows[1]);
    assert_eq!(update["kind"], "update");
    assert_eq!(update["item_id"], "e-ash");
    assert_eq!(update["before"]["label"], "Ash");
    assert_eq!(update["after"]["label"], "Ash Grove");
    assert_eq!(create["kind"], "create");
    assert_eq!(create["before"], Value::Null);
    assert_eq!(create["after"]["label"], "Ash");
    let actor = update["actor"].as_str().unwrap();
    assert!(actor.contains(&user.email), "actor names the user: {actor}");
    assert!(update["seq"].as_i64() > create["seq"].as_i64());
    let limited = c.get(&m(map, "/history?limit=1")).await.expect(200).json();
    assert_eq!(limited["history"].as_array().unwrap().len(), 1);
    assert_eq!(limited["history"][0], *update);

    // The map between the two edits.
    let t1: chrono::DateTime<chrono::Utc> = create["at"].as_str().unwrap().parse().unwrap();
    let t2: chrono::DateTime<chrono::Utc> = update["at"].as_str().unwrap().parse().unwrap();
    assert!(t1 < t2);
    let between = t1 + (t2 - t1) / 2;
    let at = between.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let then = c
        .get(&m(map, &format!("/network?at={at}")))
        .await
        .expect(200)
        .json();
    assert_eq!(then["elements"][0]["label"], "Ash");
    let now = c.get(&m(map, "/network")).await.expect(200).json();
    assert_eq!(now["elements"][0]["label"], "Ash Grove");

    // Snapshots.
    let a = c
        .post(&m(map, "/snapshots"), json!({"name": "before birch"}))
        .await
        .expect(201);
    assert_eq!(a.json()["name"], "before birch");
    let a = c
        .post(&m(map, "/snapshots"), json!({"name": "before birch"}))
        .await;
    assert_error(&a, 409, "duplicate");
    c.post(
        &m(map, "/elements"),
        json!({"id": "e-birch", "label": "Birch", "category": "individual active citizen"}),
    )
    .await
    .expect(201);
    let snap = c
        .get(&m(map, "/network?snapshot=before%20birch"))
        .await
        .expect(200)
        .json();
    assert_eq!(element_ids(&snap), ["e-ash"]);
    let list = c.get(&m(map, "/snapshots")).await.expect(200).json();
    assert_eq!(list["snapshots"].as_array().unwrap().len(), 1);
    let change = c
        .get(&m(map, "/change?from=snapshot:before%20birch&to=now"))
        .await
        .expect(200)
        .json();
    let joined: Vec<&str> = change["joined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(joined, ["e-birch"]);
    assert_eq!(change["left"], json!([]));
    assert_error(
        &c.get(&m(map, "/change?from=snapshot:never")).await,
        404,
        "not_found",
    );
    assert_error(&c.get(&m(map, "/change")).await, 400, "bad_request");
    // Before the map was made it was empty: everyone has joined since.
    let change = c
        .get(&m(map, "/change?from=2000-01-01"))
        .await
        .expect(200)
        .json();
    assert_eq!(change["joined"].as_array().unwrap().len(), 2);

    // Undo of the update restores the before, as a new change.
    let seq = update["seq"].as_i64().unwrap();
    let a = c
        .post(&m(map, &format!("/history/{seq}/undo")), json!({}))
        .await
        .expect(200);
    assert_eq!(a.json()["version"], 3);
    let e = c.get(&m(map, "/elements/e-ash")).await.expect(200).json();
    assert_eq!(e["item"]["label"], "Ash");
    assert_eq!(e["version"], 3);

    // Undo of a change made obsolete by a later one is refused and changes nothing.
    let a = put_if(&c, &m(map, "/elements/e-ash"), 3, ash("Ash Tree"))
        .await
        .expect(200);
    assert_eq!(a.json()["version"], 4);
    let rows = c.get(&m(map, "/history")).await.expect(200).json();
    let older = rows["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item_id"] == "e-ash" && r["kind"] == "update" && r["after"]["label"] == "Ash")
        .expect("the undo's own row")["seq"]
        .as_i64()
        .unwrap();
    let a = c
        .post(&m(map, &format!("/history/{older}/undo")), json!({}))
        .await;
    assert_error(&a, 409, "conflict");
    let e = c.get(&m(map, "/elements/e-ash")).await.expect(200).json();
    assert_eq!(
        (e["item"]["label"].as_str(), e["version"].as_i64()),
        (Some("Ash Tree"), Some(4))
    );
}

// 9. ---------------------------------------------------------------------------------------

async fn the_person_care_map_shows_rings_and_compares_with_a_snapshot(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "carer@example.org").await;
    let net = network(&c, map).await;
    let a = c
        .get(&m(map, "/people/e-team-maple/care-map"))
        .await
        .expect(200);
    let body = a.json();
    assert_eq!(body["person"]["id"], "e-team-maple");
    let inner = body["inner"].as_array().unwrap();
    assert!(!inner.is_empty() && body["outer"].is_array());
    let jo = inner
        .iter()
        .find(|e| e["element"]["id"] == "e-worker-jo")
        .expect("J. O. cares for Team Maple");
    assert_eq!(jo["ring"], 1);
    assert_eq!(jo["relation"], "cares_for_person");
    assert_eq!(jo["carer"], true);
    assert!(body["carers"].as_u64().unwrap() >= 1);
    let local = person_map(&net, &ElementId("e-team-maple".into())).unwrap();
    let local: Value = serde_json::from_str(&serde_json::to_string(&local).unwrap()).unwrap();
    assert!(
        body == local,
        "the server's care map differs from the core's"
    );

    assert_error(
        &c.get(&m(map, "/people/e-nobody/care-map")).await,
        404,
        "not_found",
    );

    // Against a snapshot: a new tie shows as new.
    c.post(&m(map, "/snapshots"), json!({"name": "spring"}))
        .await
        .expect(201);
    c.post(
        &m(map, "/connections"),
        json!({"id": "c-new-tie", "from": "e-citizen-is", "to": "e-team-maple", "status": "engaged", "care_flowing": ["Befriending & Companionship"]}),
    )
    .await
    .expect(201);
    let a = c
        .get(&m(
            map,
            "/people/e-team-maple/care-map?against=snapshot:spring",
        ))
        .await
        .expect(200);
    let body = a.json();
    assert!(body["care_map"]["inner"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["element"]["id"] == "e-citizen-is"));
    let new_ties: Vec<&str> = body["change"]["new_ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(new_ties, ["e-citizen-is"]);
    assert_eq!(body["change"]["lost_ties"], json!([]));
    // The snapshot itself still shows the old map.
    let old = c
        .get(&m(map, "/people/e-team-maple/care-map?snapshot=spring"))
        .await
        .expect(200)
        .json();
    assert_eq!(old, body["change"]["before"]);
    assert_error(
        &c.get(&m(
            map,
            "/people/e-team-maple/care-map?against=snapshot:autumn",
        ))
        .await,
        404,
        "not_found",
    );
}

// 10. --------------------------------------------------------------------------------------

async fn members_have_roles_and_maps_of_others_are_invisible(s: &TestServer) {
    let (owner, c) = s.login_new("owner@example.org", false).await;
    let map = new_map(&c, "Members only").await;
    let (editor, e) = s.script_user("editor@example.org").await;
    let (_viewer, v) = s.script_user("viewer@example.org").await;
    let (_outsider, o) = s.script_user("outsider@example.org").await;

    // Before being added the editor cannot see the map at all.
    assert_error(&e.get(&m(map, "")).await, 404, "not_found");

    let a = c
        .put(
            &m(map, "/members"),
            json!({"email": "Editor@Example.org", "role": "editor"}),
        )
        .await
        .expect(200);
    let members = a.json()["members"].as_array().unwrap().clone();
    assert!(members
        .iter()
        .any(|x| x["email"] == "editor@example.org" && x["role"] == "editor"));
    c.put(
        &m(map, "/members"),
        json!({"email": "viewer@example.org", "role": "viewer"}),
    )
    .await
    .expect(200);
    assert_error(
        &c.put(
            &m(map, "/members"),
            json!({"email": "nobody@example.org", "role": "viewer"}),
        )
        .await,
        404,
        "not_found",
    );

    // The editor edits but cannot manage members or delete the map.
    assert_eq!(
        e.get(&m(map, "")).await.expect(200).json()["role"],
        "editor"
    );
    e.post(
        &m(map, "/elements"),
        json!({"id": "e-by-editor", "label": "Added By Editor", "category": "individual active citizen"}),
    )
    .await
    .expect(201);
    assert_error(
        &e.put(
            &m(map, "/members"),
            json!({"email": "outsider@example.org", "role": "owner"}),
        )
        .await,
        403,
        "forbidden",
    );
    assert_error(&e.delete(&m(map, "")).await, 403, "forbidden");

    // The viewer reads but cannot edit.
    v.get(&m(map, "/network")).await.expect(200);
    assert_error(
        &v.post(
            &m(map, "/elements"),
            json!({"id": "e-by-viewer", "label": "Viewer", "category": ""}),
        )
        .await,
        403,
        "forbidden",
    );

    // The last owner can be neither removed nor demoted.
    assert_error(
        &c.delete(&m(map, &format!("/members/{}", owner.id))).await,
        422,
        "invalid",
    );
    assert_error(
        &c.put(
            &m(map, "/members"),
            json!({"email": "owner@example.org", "role": "editor"}),
        )
        .await,
        422,
        "invalid",
    );
    assert_eq!(c.get(&m(map, "")).await.expect(200).json()["role"], "owner");

    // A non-member gets the same 404 as for a map that does not exist, read or write.
    let missing = o.get("/api/v1/maps/987654").await;
    assert_error(&missing, 404, "not_found");
    for a in [
        o.get(&m(map, "")).await,
        o.get(&m(map, "/network")).await,
        o.get(&m(map, "/members")).await,
        o.post(
            &m(map, "/elements"),
            json!({"id": "e-intruder", "label": "Intruder", "category": ""}),
        )
        .await,
        o.delete(&m(map, "")).await,
    ] {
        assert_error(&a, 404, "not_found");
    }
    let listed = o.get("/api/v1/maps").await.expect(200).json();
    assert_eq!(listed["maps"], json!([]));

    // Removing the editor takes the map away from them.
    c.delete(&m(map, &format!("/members/{}", editor.id)))
        .await
        .expect(204);
    assert_error(&e.get(&m(map, "")).await, 404, "not_found");
    let n = network(&c, map).await;
    assert_eq!(
        element_ids(&serde_json::to_value(&n).unwrap()),
        ["e-by-editor"]
    );
}

// 11. --------------------------------------------------------------------------------------

async fn api_tokens_are_shown_once_need_no_csrf_and_can_be_revoked(s: &TestServer) {
    let (_user, c) = s.login_new("scripter@example.org", false).await;
    let a = c
        .post("/api/v1/tokens", json!({"name": "nightly export"}))
        .await
        .expect(201);
    let token = a.json()["token"].as_str().unwrap().to_string();
    let id = a.json()["id"].as_i64().unwrap();
    assert!(token.starts_with("cmt_") && token.len() > 40, "{token}");
    assert_error(
        &c.post("/api/v1/tokens", json!({"name": "nightly export"}))
            .await,
        409,
        "duplicate",
    );

    let list = c.get("/api/v1/tokens").await.expect(200);
    assert!(!list.text().contains(&token), "the list shows the token");
    let tokens = list.json()["tokens"].as_array().unwrap().clone();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["name"], "nightly export");
    assert!(tokens[0].get("token").is_none());
    assert_eq!(tokens[0]["last_used"], Value::Null, "a token not used yet");

    // A script calls with the bearer token only: no cookie, no CSRF header.
    let script = Client::with_token(&s.base, &token);
    assert_eq!(
        script.get("/api/v1/me").await.expect(200).json()["user"]["email"],
        "scripter@example.org"
    );
    let used = c.get("/api/v1/tokens").await.expect(200).json();
    let last: chrono::DateTime<chrono::Utc> = used["tokens"][0]["last_used"]
        .as_str()
        .expect("the list says when the token was last used")
        .parse()
        .unwrap();
    assert!(
        chrono::Utc::now() - last < chrono::Duration::minutes(1),
        "{last}"
    );
    let map = new_map(&script, "Made by a script").await;
    script
        .post(
            &m(map, "/elements"),
            json!({"id": "e-script", "label": "Scripted", "category": ""}),
        )
        .await
        .expect(201);
    assert_eq!(
        c.get(&m(map, "")).await.expect(200).json()["elements"],
        1,
        "the session sees the script's map"
    );

    // Revoked: 401, and the script can no longer change anything.
    c.delete(&format!("/api/v1/tokens/{id}")).await.expect(204);
    assert_error(&script.get("/api/v1/me").await, 401, "unauthorized");
    assert_error(
        &script
            .post(
                &m(map, "/elements"),
                json!({"id": "e-late", "label": "Too Late", "category": ""}),
            )
            .await,
        401,
        "unauthorized",
    );
    assert_eq!(c.get(&m(map, "")).await.expect(200).json()["elements"], 1);
    assert_eq!(
        c.get("/api/v1/tokens").await.expect(200).json()["tokens"],
        json!([])
    );
}

// 12. --------------------------------------------------------------------------------------

/// Logs in through the API and returns the client with the session token of its cookie.
async fn login_with_token(s: &TestServer, email: &str) -> (Client, String) {
    let mut c = s.anonymous();
    let a = Client::answer(
        c.request(Method::POST, "/api/v1/login")
            .json(&json!({"email": email, "password": common::PASSWORD})),
    )
    .await
    .expect(200);
    c.csrf = a.json()["csrf_token"].as_str().map(str::to_string);
    let (cookie, token) = common::session_cookie(&a);
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    (c, token)
}

/// A call with this session token as the cookie, whatever a browser would have kept.
async fn with_cookie(s: &TestServer, method: Method, path: &str, token: &str) -> Answer {
    Client::answer(
        reqwest::Client::new()
            .request(method, s.url(path))
            .header("cookie", format!("caremap_session={token}")),
    )
    .await
}

async fn cookie_writes_need_the_csrf_header_and_logout_ends_the_session(s: &TestServer) {
    let user = s.account("browser@example.org", false).await;
    let (c, session) = login_with_token(s, "browser@example.org").await;
    let map = new_map(&c, "Browser map").await;
    let _ = user;
    let element = json!({"id": "e-csrf", "label": "Forged", "category": ""});

    let mut no_csrf = c.clone();
    no_csrf.csrf = None;
    assert_error(
        &no_csrf.post(&m(map, "/elements"), element.clone()).await,
        403,
        "csrf",
    );
    let mut wrong = c.clone();
    wrong.csrf = Some("0".repeat(64));
    assert_error(
        &wrong.post(&m(map, "/elements"), element.clone()).await,
        403,
        "csrf",
    );
    assert_error(&no_csrf.delete(&m(map, "")).await, 403, "csrf");
    assert_error(
        &no_csrf
            .post("/api/v1/tokens", json!({"name": "stolen"}))
            .await,
        403,
        "csrf",
    );
    // Reads need no CSRF header; nothing was changed by the refused writes.
    let n = no_csrf.get(&m(map, "/network")).await.expect(200).json();
    assert_eq!(n["elements"], json!([]));
    assert_eq!(
        no_csrf.get("/api/v1/tokens").await.expect(200).json()["tokens"],
        json!([])
    );
    // The token from GET /me is the one that works.
    let me = c.get("/api/v1/me").await.expect(200).json();
    assert_eq!(me["csrf_token"].as_str(), c.csrf.as_deref());
    c.post(&m(map, "/elements"), element).await.expect(201);

    // Logout ends the session on the server, not only in the browser.
    assert_error(
        &no_csrf.send(Method::POST, "/api/v1/logout", None).await,
        403,
        "csrf",
    );
    with_cookie(s, Method::GET, "/api/v1/me", &session)
        .await
        .expect(200);
    c.send(Method::POST, "/api/v1/logout", None)
        .await
        .expect(204);
    assert_error(&c.get("/api/v1/me").await, 401, "unauthorized");
    assert_error(
        &with_cookie(s, Method::GET, "/api/v1/me", &session).await,
        401,
        "unauthorized",
    );
    assert_error(
        &with_cookie(s, Method::GET, &m(map, ""), &session).await,
        401,
        "unauthorized",
    );
}

// 13. --------------------------------------------------------------------------------------

async fn two_servers_on_one_database_see_each_others_writes(s: &TestServer) {
    let other = s.another_server(Settings::default()).await;
    let map = s.demo_map().await;
    let (user, one) = s.script_user("twin@example.org").await;
    s.grant(map, &user, Role::Editor).await;
    let two = one.at(&other.base);
    assert_ne!(one.base(), two.base());

    // Written through server 1, read through server 2.
    one.post(
        &m(map, "/elements"),
        json!({"id": "e-twin", "label": "Written On One", "category": "individual active citizen"}),
    )
    .await
    .expect(201);
    let a = two.get(&m(map, "/elements/e-twin")).await.expect(200);
    assert_eq!(a.json()["item"]["label"], "Written On One");
    assert_eq!(etag(&a), "\"1\"");

    // Updated on server 2; a stale edit on server 1 and then on server 2 is a conflict.
    put_if(
        &two,
        &m(map, "/elements/e-twin"),
        1,
        json!({"id": "e-twin", "label": "Changed On Two", "category": "individual active citizen"}),
    )
    .await
    .expect(200);
    let stale = json!({"id": "e-twin", "label": "Stale", "category": "individual active citizen"});
    assert_error(
        &put_if(&one, &m(map, "/elements/e-twin"), 1, stale.clone()).await,
        409,
        "conflict",
    );
    put_if(
        &one,
        &m(map, "/elements/e-twin"),
        2,
        json!({"id": "e-twin", "label": "Changed On One", "category": "individual active citizen"}),
    )
    .await
    .expect(200);
    let a = put_if(&two, &m(map, "/elements/e-twin"), 2, stale).await;
    assert_error(&a, 409, "conflict");
    assert_eq!(a.json()["error"]["details"]["current_version"], 3);
    assert_eq!(
        two.get(&m(map, "/elements/e-twin"))
            .await
            .expect(200)
            .json()["item"]["label"],
        "Changed On One"
    );

    // A session made on server 1 works on server 2, and logging out on 2 ends it on 1.
    let owner = s.account("twin-owner@example.org", false).await;
    s.grant(map, &owner, Role::Owner).await;
    let (browser, session) = login_with_token(s, "twin-owner@example.org").await;
    let browser_two = browser.at(&other.base);
    let history = browser_two
        .get(&m(map, "/history"))
        .await
        .expect(200)
        .json();
    assert_eq!(history["history"][0]["after"]["label"], "Changed On One");
    browser_two
        .send(Method::POST, "/api/v1/logout", None)
        .await
        .expect(204);
    assert_error(
        &with_cookie(s, Method::GET, "/api/v1/me", &session).await,
        401,
        "unauthorized",
    );
    other.stop().await;
}

async fn a_password_change_signs_out_the_other_sessions(s: &TestServer) {
    let (_user, mut laptop) = s.login_new("pat@example.org", false).await;
    let mut phone = s.anonymous();
    phone.login("pat@example.org", common::PASSWORD).await;
    phone.get("/api/v1/me").await.expect(200);
    laptop
        .put(
            "/api/v1/me/password",
            json!({"current_password": common::PASSWORD, "new_password": "a brand new passphrase"}),
        )
        .await
        .expect(204);
    // The session that changed it goes on; the other one (a lost phone) is signed out.
    laptop.get("/api/v1/me").await.expect(200);
    phone.get("/api/v1/me").await.expect(401);
    // The old password no longer works, the new one does.
    let old = s
        .anonymous()
        .post(
            "/api/v1/login",
            json!({"email": "pat@example.org", "password": common::PASSWORD}),
        )
        .await;
    assert_error(&old, 401, "unauthorized");
    laptop
        .login("pat@example.org", "a brand new passphrase")
        .await;
    // A wrong current password changes nothing.
    let wrong = laptop
        .put(
            "/api/v1/me/password",
            json!({"current_password": "not the password", "new_password": "another passphrase"}),
        )
        .await;
    assert_error(&wrong, 403, "forbidden");
}

async fn new_care_types_and_categories_join_the_vocabulary(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "vocab@example.org").await;
    let before = c.get(&m(map, "/vocabulary")).await.expect(200).json();
    let care_types = before["care_types"].as_array().unwrap().len();
    let categories = before["categories"].as_array().unwrap().len();
    // "Charity" is a common spelling of a default category; "Chess club" and "Dog walking" are new.
    c.post(
        &m(map, "/elements"),
        json!({"id": "new-1", "label": "Vale chess players", "category": "Chess club", "care_types": ["Dog walking"]}),
    )
    .await
    .expect(201);
    let charity = c
        .post(
            &m(map, "/elements"),
            json!({"id": "new-2", "label": "Vale food share", "category": "Charity"}),
        )
        .await
        .expect(201)
        .json();
    assert_ne!(charity["item"]["category"], "Charity");
    assert!(charity["item"]["category"]
        .as_str()
        .unwrap()
        .contains("charity"));
    let after = c.get(&m(map, "/vocabulary")).await.expect(200).json();
    assert_eq!(
        after["care_types"].as_array().unwrap().len(),
        care_types + 1
    );
    assert_eq!(
        after["categories"].as_array().unwrap().len(),
        categories + 1
    );
    // The map's own vocabulary can be saved back as it is.
    c.put(&m(map, "/vocabulary"), after.clone())
        .await
        .expect(200);
    // A refused batch adds nothing to the vocabulary.
    let refused = c
        .post(
            &m(map, "/changes"),
            json!({"changes": [
                {"op": "create_element", "element": {"id": "new-3", "label": "Knitters", "category": "Knitting circle"}},
                {"op": "create_element", "element": {"id": "new-1", "label": "Duplicate", "category": ""}},
            ]}),
        )
        .await;
    assert_eq!(refused.status.as_u16(), 409, "{}", refused.text());
    let unchanged = c.get(&m(map, "/vocabulary")).await.expect(200).json();
    assert_eq!(unchanged, after);

    // Edits made at the same moment, each bringing its own new care type, all keep theirs.
    let adds: Vec<_> = (0..8)
        .map(|i| {
            let c = c.clone();
            let path = m(map, "/elements");
            tokio::spawn(async move {
                c.post(
                    &path,
                    json!({"id": format!("busy-{i}"), "label": format!("Busy {i}"), "category": "",
                           "care_types": [format!("Errand run {i}")]}),
                )
                .await
                .expect(201);
            })
        })
        .collect();
    for add in adds {
        add.await.unwrap();
    }
    let vocabulary = c.get(&m(map, "/vocabulary")).await.expect(200).json();
    let names: Vec<&str> = vocabulary["care_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for i in 0..8 {
        assert!(
            names.contains(&format!("Errand run {i}").as_str()),
            "a concurrent edit lost its care type 'Errand run {i}': {names:?}"
        );
    }
}

async fn the_network_is_cached_but_never_stale(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "cache@example.org").await;
    c.put(&m(map, "/sharing"), json!({"slug": "cache-test"}))
        .await
        .expect(200);
    let first = c.get(&m(map, "/network")).await.expect(200);
    let tag = first.headers["etag"].to_str().unwrap().to_string();
    // The same version again: 304 without a body.
    let again = Client::answer(
        c.request(Method::GET, &m(map, "/network"))
            .header("if-none-match", &tag),
    )
    .await
    .expect(304);
    assert!(again.bytes.is_empty());
    let public_tag = s
        .anonymous()
        .get("/api/v1/public/cache-test/network")
        .await
        .expect(200)
        .headers["etag"]
        .to_str()
        .unwrap()
        .to_string();
    // A change made through another server, on the same database.
    let other = s.another_server(Settings::default()).await;
    let element = c.get(&m(map, "/elements")).await.expect(200).json()["elements"][0].clone();
    let id = element["item"]["id"].as_str().unwrap().to_string();
    let mut item = element["item"].clone();
    item["label"] = json!("Renamed through the other server");
    item["consent"] = json!({"given": true});
    put_if(
        &c.at(&other.base),
        &m(map, &format!("/elements/{id}")),
        element["version"].as_i64().unwrap(),
        item,
    )
    .await
    .expect(200);
    let fresh = Client::answer(
        c.request(Method::GET, &m(map, "/network"))
            .header("if-none-match", &tag),
    )
    .await
    .expect(200);
    assert_ne!(fresh.headers["etag"].to_str().unwrap(), tag);
    assert!(fresh.text().contains("Renamed through the other server"));
    let public = Client::answer(
        s.anonymous()
            .request(Method::GET, "/api/v1/public/cache-test/network")
            .header("if-none-match", &public_tag),
    )
    .await
    .expect(200);
    assert!(public.text().contains("Renamed through the other server"));
    other.stop().await;
}

async fn an_import_that_would_empty_the_map_is_refused(s: &TestServer) {
    let (map, c) = demo_with_owner(s, "empty@example.org").await;
    let before = network_bytes(&c, map).await;
    // An empty caremap file, as a mistaken export of another map would be.
    let empty = json!({"caremap": 1, "network": {"name": "", "categories": [], "care_types": [], "elements": [], "connections": []}});
    let refused = import_raw(
        &c,
        map,
        "format=caremap",
        serde_json::to_vec(&empty).unwrap(),
    )
    .await;
    assert_error(&refused, 422, "invalid");
    assert!(refused.text().contains("allow_empty"), "{}", refused.text());
    assert_eq!(network_bytes(&c, map).await, before);
    import_raw(
        &c,
        map,
        "format=caremap&allow_empty=true",
        serde_json::to_vec(&empty).unwrap(),
    )
    .await
    .expect(200);
    assert!(network(&c, map).await.elements.is_empty());
    // An element sent without an id gets one.
    let made = c
        .post(
            &m(map, "/elements"),
            json!({"label": "Walking group", "category": "grassroots or mutual-aid group"}),
        )
        .await
        .expect(201)
        .json();
    assert!(!made["item"]["id"].as_str().unwrap().is_empty());
}

async fn a_file_is_checked_before_anything_is_stored(s: &TestServer) {
    let (_, c) = s.script_user("checker@example.org").await;
    let maps_before = c.get("/api/v1/maps").await.expect(200).json();
    let versions_before = s.store.list_maps().await.unwrap().len();
    let check = |query: &'static str, body: Vec<u8>| {
        let c = &c;
        async move {
            Client::answer(
                c.request(Method::POST, &format!("/api/v1/import/check?{query}"))
                    .header("content-type", "application/octet-stream")
                    .body(body),
            )
            .await
        }
    };

    // A spreadsheet read whole: what it holds, no warning.
    let xlsx = std::fs::read(XLSX).unwrap();
    let a = check("filename=larkspur-vale-2026.xlsx", xlsx)
        .await
        .expect(200)
        .json();
    assert_eq!(a["format"], "kumu-xlsx");
    assert_eq!(a["elements"], 45);
    assert_eq!(a["connections"], 90);
    assert_eq!(a["problems"], json!([]));

    // A connections CSV (its elements are not in it) with a row missing its "To": each row
    // that was left out is named, with why.
    let csv = "From,To,Status\nAsha,Ben,engaged\nBen,,engaged\n";
    let a = check("format=kumu-csv&filename=ties.csv", csv.as_bytes().to_vec())
        .await
        .expect(200)
        .json();
    assert_eq!(a["connections"], 0, "{a}");
    let warnings = a["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["place"] == "ties.csv, line 3"
            && w["message"].as_str().unwrap().contains("no To")),
        "the bad row is not named: {a}"
    );
    assert!(
        warnings.iter().any(|w| w["place"] == "ties.csv, line 2"
            && w["message"]
                .as_str()
                .unwrap()
                .contains("no element labelled 'Asha'")),
        "{a}"
    );

    // A file with problems lists them; one that cannot be read at all is refused with where.
    let broken = json!({"caremap": 1, "network": {"name": "x", "categories": [], "care_types": [], "elements": [
        {"id": "a", "label": "Asha", "category": "individual active citizen"}],
        "connections": [{"id": "t", "from": "a", "to": "nobody"}]}});
    let a = check("format=caremap", serde_json::to_vec(&broken).unwrap())
        .await
        .expect(200)
        .json();
    assert!(
        a["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nobody"),
        "{a}"
    );
    let refused = check("format=gexf&filename=map.gexf", b"<graphml/>".to_vec()).await;
    assert_error(&refused, 422, "invalid");
    let unknown = check("filename=notes.txt", b"hello".to_vec()).await;
    assert_error(&unknown, 400, "bad_request");

    // Nothing was stored by any of it.
    assert_eq!(c.get("/api/v1/maps").await.expect(200).json(), maps_before);
    assert_eq!(s.store.list_maps().await.unwrap().len(), versions_before);
    // Signed-in users only.
    let anonymous = s.anonymous();
    let a = Client::answer(
        anonymous
            .request(Method::POST, "/api/v1/import/check?format=kumu-csv")
            .body(csv.as_bytes().to_vec()),
    )
    .await;
    assert_error(&a, 401, "unauthorized");
}

async fn a_new_map_can_start_as_a_copy_of_the_demo(s: &TestServer) {
    let (_, c) = s.script_user("copier@example.org").await;
    let made = c
        .post(
            "/api/v1/maps",
            json!({"name": "Our practice map", "from": "demo"}),
        )
        .await
        .expect(201)
        .json();
    assert_eq!(made["name"], "Our practice map");
    assert_eq!(made["elements"], 45);
    assert_eq!(made["connections"], 90);
    assert_eq!(made["role"], "owner");
    let map = made["id"].as_i64().unwrap();
    let snapshots = c.get(&m(map, "/snapshots")).await.expect(200).json();
    let names: Vec<&str> = snapshots["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2025 survey", "2026 survey"]);
    // Laid out, so it opens arranged; and it is the person's own copy, not published.
    let net = network(&c, map).await;
    assert!(net.elements.iter().all(|e| e.position.is_some()));
    assert_eq!(made["public_slug"], Value::Null);
    let history = c.get(&m(map, "/history?limit=1")).await.expect(200).json();
    let actor = history["history"][0]["actor"].as_str().unwrap().to_string();
    assert!(actor.contains("copier@example.org"), "{actor}");

    let refused = c
        .post("/api/v1/maps", json!({"name": "Odd", "from": "template-9"}))
        .await;
    assert_error(&refused, 422, "invalid");
    assert!(refused.text().contains("template-9"), "{}", refused.text());
    // An empty map stays the default.
    let empty = c
        .post("/api/v1/maps", json!({"name": "Blank"}))
        .await
        .expect(201)
        .json();
    assert_eq!(empty["elements"], 0);
}

async fn an_items_history_is_its_own_story(s: &TestServer) {
    let (_, c) = s.login_new("storyteller@example.org", false).await;
    let map = new_map(&c, "Elm Row").await;
    let person = |id: &str, label: &str| json!({"id": id, "label": label, "category": "individual active citizen"});
    c.post(&m(map, "/elements"), person("e-ash", "Ash"))
        .await
        .expect(201);
    c.post(&m(map, "/elements"), person("e-elm", "Elm"))
        .await
        .expect(201);
    put_if(
        &c,
        &m(map, "/elements/e-ash"),
        1,
        person("e-ash", "Ash Grove"),
    )
    .await
    .expect(200);
    c.post(
        &m(map, "/connections"),
        json!({"id": "t-1", "from": "e-ash", "to": "e-elm", "status": "engaged"}),
    )
    .await
    .expect(201);

    let own = c
        .get(&m(map, "/history?element=e-ash"))
        .await
        .expect(200)
        .json();
    let rows = own["history"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap(),
                r["after"]["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("update", "Ash Grove"), ("create", "Ash")], "{own}");
    assert!(rows
        .iter()
        .all(|r| r["item_id"] == "e-ash" && r["item_kind"] == "element"));
    let tie = c
        .get(&m(map, "/history?connection=t-1"))
        .await
        .expect(200)
        .json();
    assert_eq!(tie["history"].as_array().unwrap().len(), 1);
    assert_eq!(tie["history"][0]["after"]["status"], "engaged");
    let limited = c
        .get(&m(map, "/history?element=e-ash&limit=1"))
        .await
        .expect(200)
        .json();
    assert_eq!(limited["history"].as_array().unwrap(), &rows[..1]);
    let none = c
        .get(&m(map, "/history?connection=e-ash"))
        .await
        .expect(200)
        .json();
    assert_eq!(none["history"], json!([]));
    let both = c
        .get(&m(map, "/history?element=e-ash&connection=t-1"))
        .await;
    assert_error(&both, 400, "bad_request");
}
