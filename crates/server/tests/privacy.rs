//! Privacy as a user of the server meets it: public and embedded views never send a private
//! value (the JSON the browser app reads, the report page, the embed page, and the app's page,
//! which holds no data at all), a change of consent reaches public views at once despite their
//! cache, an unpublished map is gone from every public address, only the embed page may be
//! framed, a person can get everything the map holds about them, and erasing a person removes
//! them from the map, its history, its snapshots, every export and the database's bytes.

mod common;

use std::io::Read;

use caremap_core::model::{Connection, Consent, Element, FieldValue, Location};
use caremap_core::privacy::leaked_private_values;
use caremap_core::Network;
use caremap_store::{Change, MapId, Role, Store};
use common::{Answer, Client, TestServer};
use serde_json::{json, Value};

// The planted person, who has not consented to appear by name, and what the map holds on them.
const LABEL: &str = "Zebulon Quartermaine-PLANTED";
const EMAIL: &str = "planted.contact@example.invalid";
const MEDICAL: &str = "PLANTED-MEDICAL-42";
const ADDRESS: &str = "77 Planted Row";
const RECORDER: &str = "Recorder Planted";
const ID: &str = "zebulon-planted";
const CONN_NOTE: &str = "PLANTED-CONN-9";
/// Every planted value; none may reach a public view.
const PLANTED: [&str; 7] = [LABEL, EMAIL, MEDICAL, ADDRESS, RECORDER, ID, CONN_NOTE];
/// A person who consented: their full name is public.
const CONSENTING: &str = "Marigold Fairweather";
const SLUG: &str = "thistle-row-map";

both_backends!(
    public_views_never_send_private_values,
    a_withdrawn_consent_reaches_public_views_at_once,
    an_unpublished_map_is_gone_from_every_public_address,
    only_the_embed_page_may_be_framed,
    a_person_export_holds_everything_about_them,
    an_erased_person_is_nowhere,
);

/// A demo map with the planted person, a consenting person, an organisation whose description
/// names the planted person, and their connections; owned by a user signed in with a cookie.
async fn planted_map(s: &TestServer) -> (MapId, Client) {
    let map = s.demo_map().await;
    let (owner, client) = s.login_new("owner@example.org", false).await;
    s.grant(map, &owner, Role::Owner).await;

    let mut zebulon = Element::new(ID, LABEL, "individual active citizen");
    zebulon.email = Some(EMAIL.into());
    zebulon
        .fields
        .insert("Medical note".into(), FieldValue::Text(MEDICAL.into()));
    zebulon.location = Some(Location {
        address: Some(ADDRESS.into()),
        latitude: Some(51.52),
        longitude: Some(-0.07),
    });
    zebulon.consent = Some(Consent {
        given: false,
        date: None,
        recorded_by: Some(RECORDER.into()),
    });
    zebulon.description = format!("{LABEL} lives alone since the winter");
    zebulon.care_types = vec!["Befriending & Companionship".into()];

    let mut marigold = Element::new("marigold", CONSENTING, "individual active citizen");
    marigold.consent = Some(Consent {
        given: true,
        date: None,
        recorded_by: Some("Circle coordinator".into()),
    });

    let mut club = Element::new(
        "thistle-lunch-club",
        "Thistle Row Lunch Club",
        "community hub or voluntary organisation",
    );
    club.description = format!(
        "Hot lunches on Thursdays. {LABEL} comes every week; Zebulon's daughter asks us to write to {EMAIL}."
    );
    club.care_types = vec!["Food & Shared Meals".into()];

    let mut visit = Connection::new("tie-lunch-visits", ID, "thistle-lunch-club");
    visit
        .fields
        .insert("Private note".into(), FieldValue::Text(CONN_NOTE.into()));
    visit.description = format!("{LABEL} is collected by a volunteer driver");
    visit.care_flowing = vec!["Food & Shared Meals".into()];
    let helps = Connection::new("tie-marigold-club", "marigold", "thistle-lunch-club");
    let to_circle = Connection::new("tie-club-circle", "thistle-lunch-club", "e-circle");

    let changes = vec![
        Change::CreateElement { element: zebulon },
        Change::CreateElement { element: marigold },
        Change::CreateElement { element: club },
        Change::CreateConnection { connection: visit },
        Change::CreateConnection { connection: helps },
        Change::CreateConnection {
            connection: to_circle,
        },
    ];
    s.store.apply(map, changes, "test").await.unwrap();
    (map, client)
}

/// The public GET addresses of the published map `slug`, read from the OpenAPI document (so a
/// new public route is covered without editing this test), with the pages named too, and each
/// network also as the browser app asks for it (`?layout=auto`, positions added).
async fn public_addresses(s: &TestServer, slug: &str) -> Vec<String> {
    let doc = s
        .anonymous()
        .get("/api/v1/openapi.json")
        .await
        .expect(200)
        .json();
    let mut paths: Vec<String> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(op) = item.get("get") else { continue };
        if op["x-caremap-access"] == "public" && path.contains("{slug}") {
            paths.push(path.clone());
        }
    }
    for page in [
        "/public/{slug}",
        "/public/{slug}/report",
        "/embed/{slug}",
        "/api/v1/public/{slug}/network",
    ] {
        if !paths.iter().any(|p| p == page) {
            paths.push(page.to_string());
        }
    }
    assert!(
        paths.len() >= 6,
        "the document lists too few public routes: {paths:?}"
    );
    let mut out: Vec<String> = paths.iter().map(|p| p.replace("{slug}", slug)).collect();
    let laid_out: Vec<String> = out
        .iter()
        .filter(|p| p.ends_with("/network"))
        .map(|p| format!("{p}?layout=auto"))
        .collect();
    out.extend(laid_out);
    out
}

/// The browser app's page as it answers an address that names no map: the page every app
/// address gets. A public address that answers exactly this holds nothing of any map.
async fn app_shell(s: &TestServer) -> Answer {
    let shell = s
        .anonymous()
        .get("/public/no-map-was-ever-published-here")
        .await
        .expect(200);
    assert!(
        header(&shell, "content-type").is_some_and(|t| t.starts_with("text/html")),
        "the app's page is not HTML: {:?}",
        shell.headers
    );
    shell
}

/// Planted values found in `text` as raw text, whatever the case.
fn raw_planted(text: &str) -> Vec<&'static str> {
    let text = text.to_lowercase();
    PLANTED
        .iter()
        .copied()
        .chain(["zebulon", "quartermaine", "planted"])
        .filter(|p| text.contains(&p.to_lowercase()))
        .collect()
}

/// What an HTML page tells a reader: its text (entities decoded), and the values of the
/// attributes that carry text for people (title, alt, aria-*, data-*, href, content, label,
/// value, placeholder); not the names and values of presentation attributes.
fn html_text(html: &str) -> String {
    const TEXT_ATTRIBUTES: [&str; 7] = [
        "title",
        "alt",
        "href",
        "content",
        "label",
        "value",
        "placeholder",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..tag_end];
        // name="value" pairs of the tag.
        let mut t = tag;
        while let Some(eq) = t.find("=\"") {
            let name = t[..eq]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let value_start = eq + 2;
            let value_end = t[value_start..]
                .find('"')
                .map_or(t.len(), |i| value_start + i);
            if TEXT_ATTRIBUTES.contains(&name.as_str())
                || name.starts_with("aria-")
                || name.starts_with("data-")
            {
                out.push_str(&t[value_start..value_end]);
                out.push(' ');
            }
            t = &t[(value_end + 1).min(t.len())..];
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

async fn publish(client: &Client, map: MapId) {
    let a = client
        .put(
            &format!("/api/v1/maps/{map}/sharing"),
            json!({ "slug": SLUG }),
        )
        .await
        .expect(200);
    assert_eq!(a.json()["slug"], SLUG);
}

async fn public_views_never_send_private_values(s: &TestServer) {
    let (map, owner) = planted_map(s).await;
    let original: Network = s.store.load_network(map).await.unwrap();
    publish(&owner, map).await;

    // The check can fail: the owner's own view of the map holds every planted value.
    let own = owner
        .get(&format!("/api/v1/maps/{map}/network"))
        .await
        .expect(200);
    let found = leaked_private_values(&original, &own.text());
    for value in PLANTED {
        assert!(
            found.iter().any(|v| v == value),
            "the check does not find '{value}' in the owner's view: {found:?}"
        );
    }

    let anonymous = s.anonymous();
    let shell = app_shell(s).await;
    let mut readable_of = std::collections::HashMap::new();
    let mut shells = Vec::new();
    for address in public_addresses(s, SLUG).await {
        let a = anonymous.get(&address).await;
        assert_eq!(a.status, 200, "{address}: {}", a.text());
        if a.bytes == shell.bytes {
            // The browser app's page: the same bytes for every map, so it holds nothing of this
            // one; the app reads the map from the JSON addresses checked here too.
            shells.push(address);
            continue;
        }
        let text = a.text();
        let is_html = header(&a, "content-type").is_some_and(|t| t.starts_with("text/html"));
        // A page is checked for what it tells a reader: its text and text-bearing attributes.
        // Its markup's own words ("dominant-baseline=central") would collide with the demo's
        // custom field values ("Ward: Central"). The planted values are checked in the raw
        // markup below, attributes and all.
        let readable = if is_html {
            html_text(&text)
        } else {
            text.clone()
        };
        let leaked = leaked_private_values(&original, &readable);
        assert!(leaked.is_empty(), "{address} sends {leaked:?}");
        let raw = raw_planted(&text);
        assert!(raw.is_empty(), "{address} sends {raw:?}");
        readable_of.insert(address, readable);
    }
    // The map's public page is the browser app's page, which holds no data of its own.
    assert_eq!(
        shells,
        [format!("/public/{SLUG}")],
        "only the app's page may answer the app's page"
    );
    let page = html_text(&shell.text());
    assert!(
        !page.contains(CONSENTING) && !page.contains("Z. Q.") && !page.contains("Thistle Row"),
        "the app's page holds map data: {page}"
    );
    // The app's script and stylesheet are the same for everyone and hold no map either.
    for asset in ["/assets/app.js", "/assets/app.css", "/"] {
        let a = anonymous.get(asset).await.expect(200);
        let raw = raw_planted(&a.text());
        assert!(raw.is_empty(), "{asset} sends {raw:?}");
    }

    // The views that show the people show them by the name they agreed to: the consenting
    // person by full name, the planted one by initials.
    for view in [
        "/api/v1/public/{slug}/network",
        "/api/v1/public/{slug}/network?layout=auto",
        "/api/v1/public/{slug}/analysis",
        "/public/{slug}/report",
        "/embed/{slug}",
    ] {
        let address = view.replace("{slug}", SLUG);
        let readable = &readable_of[&address];
        assert!(
            readable.contains(CONSENTING),
            "{address} does not name {CONSENTING}"
        );
        assert!(readable.contains("Z. Q."), "{address} does not show Z. Q.");
    }

    // The organisation is shown by its name, and its description names nobody.
    let network = anonymous
        .get(&format!("/api/v1/public/{SLUG}/network"))
        .await
        .expect(200)
        .json();
    let club = network["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "Thistle Row Lunch Club")
        .expect("the organisation is shown by its name");
    assert_eq!(
        club["description"],
        "Hot lunches on Thursdays. Z. Q. comes every week; Z. Q.'s daughter asks us to write to [private]."
    );
    // The app asks for positions: every element gets one, and nothing else is added.
    let laid_out = anonymous
        .get(&format!("/api/v1/public/{SLUG}/network?layout=auto"))
        .await
        .expect(200)
        .json();
    let elements = laid_out["elements"].as_array().unwrap();
    assert_eq!(
        elements.len(),
        network["elements"].as_array().unwrap().len()
    );
    for (placed, plain) in elements.iter().zip(network["elements"].as_array().unwrap()) {
        assert!(placed["position"]["x"].is_number(), "{placed}");
        let mut placed = placed.clone();
        placed.as_object_mut().unwrap().remove("position");
        let mut plain = plain.clone();
        plain.as_object_mut().unwrap().remove("position");
        assert_eq!(placed, plain, "layout=auto changed more than the position");
    }
}

/// Public networks are cached and answered `304` while the map is unchanged: a person who
/// withdraws consent must leave every public view at the next request all the same, whatever
/// the client holds or the server kept.
async fn a_withdrawn_consent_reaches_public_views_at_once(s: &TestServer) {
    let (map, owner) = planted_map(s).await;
    publish(&owner, map).await;
    let anonymous = s.anonymous();
    let views = [
        format!("/api/v1/public/{SLUG}/network"),
        format!("/api/v1/public/{SLUG}/network?layout=auto"),
    ];
    let mut tags = Vec::new();
    for view in &views {
        let a = anonymous.get(view).await.expect(200);
        assert!(
            a.text().contains(CONSENTING),
            "{view} does not name {CONSENTING}"
        );
        let tag = header(&a, "etag")
            .expect("a public network has an ETag")
            .to_string();
        // The same request with the ETag: nothing changed, nothing sent.
        let again = Client::answer(
            anonymous
                .request(reqwest::Method::GET, view)
                .header("if-none-match", &tag),
        )
        .await
        .expect(304);
        assert!(again.bytes.is_empty(), "{view}: a 304 with a body");
        tags.push(tag);
    }
    assert_ne!(tags[0], tags[1], "the two views share an ETag");

    edit_element(&owner, map, "marigold", |e| {
        e["consent"]["given"] = json!(false);
    })
    .await;

    for (view, tag) in views.iter().zip(&tags) {
        let a = Client::answer(
            anonymous
                .request(reqwest::Method::GET, view)
                .header("if-none-match", tag),
        )
        .await
        .expect(200);
        let text = a.text();
        assert!(
            !text.contains(CONSENTING),
            "{view} still names {CONSENTING}"
        );
        assert!(
            !text.contains("Fairweather"),
            "{view} still names Fairweather"
        );
        assert!(text.contains("M. F."), "{view} does not show M. F.");
        assert_ne!(
            header(&a, "etag"),
            Some(tag.as_str()),
            "{view}: the same ETag"
        );
    }
    for page in [
        format!("/api/v1/public/{SLUG}/analysis"),
        format!("/public/{SLUG}/report"),
        format!("/embed/{SLUG}"),
    ] {
        let text = anonymous.get(&page).await.expect(200).text();
        assert!(
            !text.contains("Fairweather"),
            "{page} still names Fairweather"
        );
    }
}

async fn an_unpublished_map_is_gone_from_every_public_address(s: &TestServer) {
    let (map, owner) = planted_map(s).await;
    publish(&owner, map).await;
    let anonymous = s.anonymous();
    let shell = app_shell(s).await;
    let addresses = public_addresses(s, SLUG).await;
    let mut tags = std::collections::HashMap::new();
    for address in &addresses {
        let a = anonymous.get(address).await.expect(200);
        if let Some(tag) = header(&a, "etag") {
            tags.insert(address.clone(), tag.to_string());
        }
    }
    assert!(
        tags.len() >= 2,
        "the public networks have no ETag: {tags:?}"
    );
    owner
        .delete(&format!("/api/v1/maps/{map}/sharing"))
        .await
        .expect(204);
    let detail = owner.get(&format!("/api/v1/maps/{map}")).await.expect(200);
    assert_eq!(detail.json()["public_slug"], Value::Null);
    for address in &addresses {
        let a = anonymous.get(address).await;
        if a.bytes == shell.bytes {
            // The browser app's page answers any address and holds no data; the app then
            // finds the JSON addresses gone (checked here too).
            assert_eq!(a.status, 200, "{address}");
            continue;
        }
        assert_eq!(a.status, 404, "{address} still answers: {}", a.text());
        assert!(raw_planted(&a.text()).is_empty(), "{address}: {}", a.text());
    }
    // A client holding an ETag from before is not told its copy is still good.
    for (address, tag) in &tags {
        let a = Client::answer(
            anonymous
                .request(reqwest::Method::GET, address)
                .header("if-none-match", tag),
        )
        .await;
        assert_eq!(a.status, 404, "{address} with If-None-Match still answers");
    }
}

fn header<'a>(a: &'a Answer, name: &str) -> Option<&'a str> {
    a.headers.get(name).and_then(|v| v.to_str().ok())
}

async fn only_the_embed_page_may_be_framed(s: &TestServer) {
    let (map, owner) = planted_map(s).await;
    publish(&owner, map).await;
    let anonymous = s.anonymous();

    let embed = anonymous.get(&format!("/embed/{SLUG}")).await.expect(200);
    assert_eq!(header(&embed, "x-frame-options"), None);
    let csp = header(&embed, "content-security-policy").unwrap_or("");
    assert!(csp.contains("frame-ancestors *"), "embed CSP: {csp}");

    let others = [
        anonymous.get(&format!("/public/{SLUG}")).await.expect(200),
        anonymous
            .get(&format!("/public/{SLUG}/report"))
            .await
            .expect(200),
        anonymous.get("/").await.expect(200),
        anonymous.get(&format!("/maps/{map}")).await.expect(200),
        anonymous.get("/assets/app.js").await.expect(200),
        anonymous.get("/health").await.expect(200),
        anonymous
            .get(&format!("/api/v1/public/{SLUG}/network"))
            .await
            .expect(200),
        anonymous.get("/api/v1/health").await.expect(200),
        owner.get(&format!("/api/v1/maps/{map}")).await.expect(200),
        anonymous
            .get(&format!("/api/v1/maps/{map}"))
            .await
            .expect(401),
        anonymous.get("/no/such/page").await.expect(404),
    ];
    for a in &others {
        assert_eq!(
            header(a, "x-frame-options"),
            Some("DENY"),
            "{} {:?}",
            a.status,
            a.headers
        );
        let csp = header(a, "content-security-policy").unwrap_or("");
        assert!(
            csp.contains("frame-ancestors 'none'"),
            "{} CSP: {csp}",
            a.status
        );
    }
}

/// Updates the planted element through the API, as the owner would: read, change, send back
/// with the version read.
async fn edit_element(client: &Client, map: MapId, id: &str, change: impl Fn(&mut Value)) {
    let path = format!("/api/v1/maps/{map}/elements/{id}");
    let read = client.get(&path).await.expect(200);
    let etag = header(&read, "etag").expect("an ETag").to_string();
    let mut element = read.json()["item"].clone();
    change(&mut element);
    let req = client
        .request(reqwest::Method::PUT, &path)
        .header("if-match", etag)
        .json(&element);
    Client::answer(req).await.expect(200);
}

async fn a_person_export_holds_everything_about_them(s: &TestServer) {
    let (map, owner) = planted_map(s).await;
    owner
        .post(
            &format!("/api/v1/maps/{map}/snapshots"),
            json!({"name": "spring survey"}),
        )
        .await
        .expect(201);
    for n in 1..=2 {
        edit_element(&owner, map, ID, |e| {
            e["description"] = json!(format!("visit {n}: much brighter"));
        })
        .await;
    }
    owner
        .post(
            &format!("/api/v1/maps/{map}/snapshots"),
            json!({"name": "summer survey"}),
        )
        .await
        .expect(201);

    let export = owner
        .get(&format!("/api/v1/maps/{map}/people/{ID}/export"))
        .await
        .expect(200)
        .json();
    // The element as it is now, with its private fields: this is for the person themself.
    assert_eq!(export["element"]["id"], ID);
    assert_eq!(export["element"]["label"], LABEL);
    assert_eq!(export["element"]["email"], EMAIL);
    assert_eq!(export["element"]["fields"]["Medical note"], MEDICAL);
    assert_eq!(export["element"]["description"], "visit 2: much brighter");
    // Its connections, and only its own.
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&export["connections"]), ["tie-lunch-visits"]);
    assert_eq!(
        export["connections"][0]["fields"]["Private note"],
        CONN_NOTE
    );
    // Its history: the creation and both edits of the element, the creation of its connection,
    // and no row about anyone else.
    let history = export["history"].as_array().unwrap();
    let rows = |kind: &str, item: &str| {
        history
            .iter()
            .filter(|h| h["kind"] == kind && h["item_id"] == item)
            .count()
    };
    assert_eq!(rows("create", ID), 1, "{history:?}");
    assert_eq!(rows("update", ID), 2, "{history:?}");
    assert_eq!(rows("create", "tie-lunch-visits"), 1, "{history:?}");
    for h in history {
        let about = h["item_id"] == ID
            || [&h["before"], &h["after"]]
                .iter()
                .any(|v| v["from"] == ID || v["to"] == ID);
        assert!(about, "a history row about someone else: {h}");
    }
    // Both snapshots it appears in, each with the element and its connection as saved.
    let snapshots = export["snapshots"].as_array().unwrap();
    let names: Vec<&str> = snapshots
        .iter()
        .map(|x| x["snapshot"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["spring survey", "summer survey"]);
    assert_eq!(
        snapshots[0]["element"]["description"],
        format!("{LABEL} lives alone since the winter")
    );
    assert_eq!(
        snapshots[1]["element"]["description"],
        "visit 2: much brighter"
    );
    for snap in snapshots {
        assert_eq!(ids(&snap["connections"]), ["tie-lunch-visits"]);
    }
    // Nothing about the other people of the map.
    let text = export.to_string();
    assert!(!text.contains(CONSENTING), "the export names someone else");
    assert!(
        !text.contains("e-citizen-cm"),
        "the export names someone else"
    );
}

/// The text of an export: the file itself, or every file inside a zip (xlsx and two-file
/// formats are zips).
fn export_text(bytes: &[u8]) -> String {
    if !bytes.starts_with(b"PK\x03\x04") {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a readable zip");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut inner = Vec::new();
        file.read_to_end(&mut inner).unwrap();
        out.push_str(&export_text(&inner));
        out.push('\n');
    }
    out
}

const NEEDLE: &str = "Ottoline-Brackenbury-7c4e";
const ERASE_ID: &str = "person-7c4e91";
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

/// Every address of the owner's API that shows the map's content, in every version: the map
/// now and at `at`, its history, its analysis, and each snapshot, each in every export format.
async fn content_addresses(client: &Client, map: MapId, at: &str) -> Vec<String> {
    let snapshots = client
        .get(&format!("/api/v1/maps/{map}/snapshots"))
        .await
        .expect(200)
        .json();
    let names: Vec<String> = snapshots["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap().replace(' ', "%20"))
        .collect();
    assert_eq!(names.len(), 2, "{snapshots}");
    let base = format!("/api/v1/maps/{map}");
    let mut out = vec![
        format!("{base}/network"),
        format!("{base}/network?at={at}"),
        format!("{base}/elements"),
        format!("{base}/connections"),
        format!("{base}/history?limit=10000"),
        format!("{base}/analysis"),
    ];
    let views = std::iter::once(String::new())
        .chain(names.iter().map(|n| format!("&snapshot={n}")))
        .chain([format!("&at={at}")]);
    for view in views {
        for format in FORMATS {
            out.push(format!("{base}/export?format={format}{view}"));
        }
    }
    for n in &names {
        out.push(format!("{base}/network?snapshot={n}"));
        out.push(format!("{base}/analysis?snapshot={n}"));
    }
    out
}

async fn an_erased_person_is_nowhere(s: &TestServer) {
    let map = s.demo_map().await;
    let before_network = s.store.load_network(map).await.unwrap();
    let (owner_user, owner) = s.login_new("owner@example.org", false).await;
    s.grant(map, &owner_user, Role::Owner).await;
    let base = format!("/api/v1/maps/{map}");

    // The person arrives through the API, is edited, and is saved in snapshots.
    let person = json!({
        "id": ERASE_ID,
        "label": format!("{NEEDLE} (neighbour)"),
        "category": "individual active citizen",
        "email": "ob7c4e@example.invalid",
        "fields": {"Phone note": format!("ask for {NEEDLE} after six")},
        "care_types": ["Befriending & Companionship"],
    });
    owner
        .post(&format!("{base}/elements"), person)
        .await
        .expect(201);
    let tie = json!({"id": "tie-7c4e91", "from": ERASE_ID, "to": "e-circle", "status": "engaged", "description": format!("{NEEDLE} phones the circle")});
    owner
        .post(&format!("{base}/connections"), tie)
        .await
        .expect(201);
    owner
        .post(
            &format!("{base}/snapshots"),
            json!({"name": "before the visits"}),
        )
        .await
        .expect(201);
    for n in 1..=3 {
        edit_element(&owner, map, ERASE_ID, |e| {
            e["description"] = json!(format!("{NEEDLE} visit {n}"));
        })
        .await;
    }
    common::db::tick().await;
    let at = chrono::Utc::now()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        .replace('+', "%2B");
    common::db::tick().await;
    owner
        .post(
            &format!("{base}/snapshots"),
            json!({"name": "after the visits"}),
        )
        .await
        .expect(201);

    // Every address shows the person now, so the checks below can fail.
    let addresses = content_addresses(&owner, map, &at).await;
    for address in &addresses {
        let a = owner.get(address).await.expect(200);
        let text = export_text(&a.bytes).to_lowercase();
        assert!(
            text.contains(&NEEDLE.to_lowercase()),
            "{address} does not show the person before erasure"
        );
    }
    assert!(!s.store.tables_containing(NEEDLE).await.unwrap().is_empty());

    let erased = owner
        .send(
            reqwest::Method::POST,
            &format!("{base}/people/{ERASE_ID}/erase"),
            None,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(erased["erased"]["elements"], 1, "{erased}");
    assert_eq!(erased["erased"]["connections"], 1, "{erased}");
    assert_eq!(erased["erased"]["snapshots"], 2, "{erased}");
    assert!(
        erased["erased"]["history_rows"].as_u64().unwrap() >= 5,
        "{erased}"
    );

    for address in &addresses {
        let a = owner.get(address).await.expect(200);
        let text = export_text(&a.bytes).to_lowercase();
        for needle in [NEEDLE, ERASE_ID, "ob7c4e@example.invalid"] {
            assert!(
                !text.contains(&needle.to_lowercase()),
                "{address} still shows '{needle}' after erasure"
            );
        }
    }
    for address in [
        format!("{base}/elements/{ERASE_ID}"),
        format!("{base}/people/{ERASE_ID}/export"),
        format!("{base}/people/{ERASE_ID}/care-map"),
    ] {
        owner.get(&address).await.expect(404);
    }
    for needle in [NEEDLE, ERASE_ID, "ob7c4e@example.invalid"] {
        let found = s.store.tables_containing(needle).await.unwrap();
        assert!(found.is_empty(), "'{needle}' is still in {found:?}");
    }
    // The rest of the map is as it was.
    assert_eq!(s.store.load_network(map).await.unwrap(), before_network);

    // The database file itself, once vacuumed, holds no byte of the person.
    if let (Store::Sqlite(db), Some(file)) = (&s.store, &s.harness.file) {
        sqlx::query("VACUUM").execute(db.pool()).await.unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(db.pool())
            .await
            .unwrap();
        for suffix in ["", "-wal"] {
            let path = format!("{}{suffix}", file.display());
            let bytes = std::fs::read(&path).unwrap_or_default();
            for needle in [NEEDLE, ERASE_ID] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "'{needle}' is still in the bytes of {path}"
                );
            }
        }
    }
}
