//! The role table: who may call each route, written out by hand below and checked against the
//! running server.
//!
//! The test reads the server's OpenAPI document and fails when a route in it has no row in
//! [`ROLE_TABLE`] (a new route must be placed in the table on purpose), or when the table names
//! a route the document lacks, or when the document's `x-caremap-access` disagrees with the row.
//! Then it calls every route as each of six callers, with bodies and ids that make an allowed
//! call succeed, and checks the answer: an allowed call gets the documented success status; a
//! refused one gets 401 (anonymous), 404 (a map the caller has no role in: the map stays
//! invisible) or 403 (a role too low, or not an administrator). Calls that change or delete
//! something are also checked for their effect: done when allowed, not done when refused.
//!
//! Callers sign in both ways: some with a cookie session from a real login (writes carry the
//! CSRF header), others with an API token; the two backends swap which callers use which.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use caremap_core::model::{Connection, Element};
use caremap_server::auth;
use caremap_store::{Change, MapId, Role, StoreError, User};
use common::{Answer, Client, TestServer, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

const Y: bool = true;
const N: bool = false;

/// The callers, in the order of the table's columns.
const CALLERS: [&str; 6] = [
    "anonymous",
    "signed-in non-member",
    "viewer",
    "editor",
    "owner",
    "admin (no role in the map)",
];
const ANONYMOUS: usize = 0;
const NON_MEMBER: usize = 1;
const VIEWER: usize = 2;
const EDITOR: usize = 3;
const OWNER: usize = 4;
const ADMIN: usize = 5;

/// Every route, and who may call it: anonymous, signed-in non-member, viewer, editor, owner,
/// admin. Written by hand: it is the statement of the access rules that the server is held to.
#[rustfmt::skip]
const ROLE_TABLE: &[(&str, &str, [bool; 6])] = &[
    //                                                            anon non  view edit own  admin
    ("GET",    "/api/v1/health",                                  [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/openapi.json",                            [Y,   Y,   Y,   Y,   Y,   Y]),
    ("POST",   "/api/v1/login",                                   [Y,   Y,   Y,   Y,   Y,   Y]),
    ("POST",   "/api/v1/logout",                                  [N,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/me",                                      [N,   Y,   Y,   Y,   Y,   Y]),
    ("PUT",    "/api/v1/me/password",                             [N,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/tokens",                                  [N,   Y,   Y,   Y,   Y,   Y]),
    ("POST",   "/api/v1/tokens",                                  [N,   Y,   Y,   Y,   Y,   Y]),
    ("DELETE", "/api/v1/tokens/{token}",                          [N,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/users",                                   [N,   N,   N,   N,   N,   Y]),
    ("POST",   "/api/v1/users",                                   [N,   N,   N,   N,   N,   Y]),
    ("GET",    "/api/v1/maps",                                    [N,   Y,   Y,   Y,   Y,   Y]),
    ("POST",   "/api/v1/maps",                                    [N,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/maps/{map}",                              [N,   N,   Y,   Y,   Y,   N]),
    ("PATCH",  "/api/v1/maps/{map}",                              [N,   N,   N,   Y,   Y,   N]),
    ("DELETE", "/api/v1/maps/{map}",                              [N,   N,   N,   N,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/vocabulary",                   [N,   N,   Y,   Y,   Y,   N]),
    ("PUT",    "/api/v1/maps/{map}/vocabulary",                   [N,   N,   N,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/members",                      [N,   N,   Y,   Y,   Y,   N]),
    ("PUT",    "/api/v1/maps/{map}/members",                      [N,   N,   N,   N,   Y,   N]),
    ("DELETE", "/api/v1/maps/{map}/members/{user}",               [N,   N,   N,   N,   Y,   N]),
    ("PUT",    "/api/v1/maps/{map}/sharing",                      [N,   N,   N,   N,   Y,   N]),
    ("DELETE", "/api/v1/maps/{map}/sharing",                      [N,   N,   N,   N,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/network",                      [N,   N,   Y,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/elements",                     [N,   N,   Y,   Y,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/elements",                     [N,   N,   N,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/elements/{element}",           [N,   N,   Y,   Y,   Y,   N]),
    ("PUT",    "/api/v1/maps/{map}/elements/{element}",           [N,   N,   N,   Y,   Y,   N]),
    ("DELETE", "/api/v1/maps/{map}/elements/{element}",           [N,   N,   N,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/connections",                  [N,   N,   Y,   Y,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/connections",                  [N,   N,   N,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/connections/{connection}",     [N,   N,   Y,   Y,   Y,   N]),
    ("PUT",    "/api/v1/maps/{map}/connections/{connection}",     [N,   N,   N,   Y,   Y,   N]),
    ("DELETE", "/api/v1/maps/{map}/connections/{connection}",     [N,   N,   N,   Y,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/changes",                      [N,   N,   N,   Y,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/import",                       [N,   N,   N,   Y,   Y,   N]),
    ("POST",   "/api/v1/import/check",                            [N,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/maps/{map}/export",                       [N,   N,   Y,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/analysis",                     [N,   N,   Y,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/change",                       [N,   N,   Y,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/people/{element}/care-map",    [N,   N,   Y,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/history",                      [N,   N,   Y,   Y,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/history/{seq}/undo",           [N,   N,   N,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/snapshots",                    [N,   N,   Y,   Y,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/snapshots",                    [N,   N,   N,   Y,   Y,   N]),
    ("GET",    "/api/v1/maps/{map}/people/{element}/export",      [N,   N,   N,   N,   Y,   N]),
    ("POST",   "/api/v1/maps/{map}/people/{element}/erase",       [N,   N,   N,   N,   Y,   N]),
    ("GET",    "/api/v1/public/{slug}",                           [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/public/{slug}/network",                   [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/api/v1/public/{slug}/analysis",                  [Y,   Y,   Y,   Y,   Y,   Y]),
    // The browser app's page answers anyone at every address (it holds no data: the app reads
    // the map through the API above, as the caller); its script and stylesheet too.
    ("GET",    "/",                                               [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/maps/{map}",                                     [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/assets/app.js",                                  [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/assets/app.css",                                 [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/health",                                         [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/public/{slug}",                                  [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/public/{slug}/report",                           [Y,   Y,   Y,   Y,   Y,   Y]),
    ("GET",    "/embed/{slug}",                                   [Y,   Y,   Y,   Y,   Y,   Y]),
];

both_backends!(every_route_answers_each_caller_as_the_role_table_says);

async fn every_route_answers_each_caller_as_the_role_table_says(s: &TestServer) {
    // On SQLite the viewer, the owner and the admin use cookie sessions and the others API
    // tokens; on PostgreSQL the other way round, so each caller is tried both ways.
    let cookie = |who: usize| {
        (who == VIEWER || who == OWNER || who == ADMIN) == (s.store.backend() == "sqlite")
    };
    let mut ctx = Ctx::new(s, cookie).await;

    let doc = ctx.callers[ANONYMOUS]
        .client
        .get("/api/v1/openapi.json")
        .await
        .expect(200)
        .json();
    let documented = documented_operations(&doc);
    check_table_against_document(&documented);

    let mut failures = Vec::new();
    for who in 0..CALLERS.len() {
        for (method, template, allowed) in ROLE_TABLE {
            if *template == "/api/v1/logout" {
                continue; // last, below: it ends the caller's session
            }
            let allowed = allowed[who];
            let success = documented[&(method.to_string(), template.to_string())].1;
            let answer = ctx.call(who, method, template, allowed).await;
            if let Some(problem) = judge(who, method, template, allowed, success, &answer) {
                failures.push(problem);
            }
        }
    }
    for who in 0..CALLERS.len() {
        let allowed = row("POST", "/api/v1/logout")[who];
        let success = documented[&("POST".to_string(), "/api/v1/logout".to_string())].1;
        let answer = ctx.call(who, "POST", "/api/v1/logout", allowed).await;
        if let Some(problem) = judge(who, "POST", "/api/v1/logout", allowed, success, &answer) {
            failures.push(problem);
        }
    }
    assert!(
        failures.is_empty(),
        "{} call(s) did not answer as the role table says ({}):\n{}",
        failures.len(),
        s.store.backend(),
        failures.join("\n")
    );
}

fn row(method: &str, template: &str) -> [bool; 6] {
    ROLE_TABLE
        .iter()
        .find(|(m, t, _)| *m == method && *t == template)
        .map(|r| r.2)
        .unwrap_or_else(|| panic!("{method} {template} is not in the role table"))
}

/// The documented operations: (METHOD, path) -> (x-caremap-access, success status).
fn documented_operations(doc: &Value) -> BTreeMap<(String, String), (String, u16)> {
    let mut out = BTreeMap::new();
    let paths = doc["paths"].as_object().expect("the document has paths");
    for (path, item) in paths {
        let item = item.as_object().expect("a path item is an object");
        for (method, op) in item {
            if ![
                "get", "put", "post", "patch", "delete", "head", "options", "trace",
            ]
            .contains(&method.as_str())
            {
                continue;
            }
            let access = op["x-caremap-access"].as_str().unwrap_or_else(|| {
                panic!("{method} {path} has no x-caremap-access in the OpenAPI document")
            });
            let success = op["responses"]
                .as_object()
                .and_then(|r| r.keys().find(|k| k.starts_with('2')))
                .and_then(|k| k.parse().ok())
                .unwrap_or_else(|| panic!("{method} {path} documents no success status"));
            out.insert(
                (method.to_uppercase(), path.clone()),
                (access.to_string(), success),
            );
        }
    }
    out
}

/// Fails when a documented route has no row, a row has no documented route, a row is doubled,
/// or the document's access code says something else than the row.
fn check_table_against_document(documented: &BTreeMap<(String, String), (String, u16)>) {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (method, template, _) in ROLE_TABLE {
        if !seen.insert((method.to_string(), template.to_string())) {
            problems.push(format!("the role table has {method} {template} twice"));
        }
    }
    for ((method, path), (access, _)) in documented {
        let Some((_, _, allowed)) = ROLE_TABLE.iter().find(|(m, t, _)| m == method && t == path)
        else {
            problems.push(format!(
                "new route {method} {path} has no entry in the role table: add one"
            ));
            continue;
        };
        let says: [bool; 6] = match access.as_str() {
            "public" => [Y, Y, Y, Y, Y, Y],
            "user" => [N, Y, Y, Y, Y, Y],
            "admin" => [N, N, N, N, N, Y],
            "viewer" => [N, N, Y, Y, Y, N],
            "editor" => [N, N, N, Y, Y, N],
            "owner" => [N, N, N, N, Y, N],
            other => {
                problems.push(format!(
                    "{method} {path}: unknown x-caremap-access '{other}'"
                ));
                continue;
            }
        };
        if says != *allowed {
            problems.push(format!(
                "{method} {path}: the document says '{access}' ({}), the role table says {}",
                who_list(&says),
                who_list(allowed)
            ));
        }
    }
    for (method, template, _) in ROLE_TABLE {
        if !documented.contains_key(&(method.to_string(), template.to_string())) {
            problems.push(format!(
                "the role table has {method} {template}, which the OpenAPI document lacks: remove the row (or restore the route)"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn who_list(allowed: &[bool; 6]) -> String {
    let names: Vec<&str> = (0..6).filter(|&i| allowed[i]).map(|i| CALLERS[i]).collect();
    if names.is_empty() {
        "nobody".to_string()
    } else {
        names.join(", ")
    }
}

/// What a refused call must answer: 401 without a user, 404 for a map the caller has no role
/// in (maps of others stay invisible), 403 otherwise.
fn refusal(who: usize, template: &str) -> (u16, &'static str) {
    if who == ANONYMOUS {
        (401, "unauthorized")
    } else if template.starts_with("/api/v1/maps/{map}") && (who == NON_MEMBER || who == ADMIN) {
        (404, "not_found")
    } else {
        (403, "forbidden")
    }
}

/// `None` when the answer is right, else a line saying what was wrong.
fn judge(
    who: usize,
    method: &str,
    template: &str,
    allowed: bool,
    success: u16,
    answer: &Answer,
) -> Option<String> {
    let got = answer.status.as_u16();
    let body: String = answer.text().chars().take(300).collect();
    if allowed {
        (got != success).then(|| {
            format!(
                "{method} {template} as {}: allowed, so {success} was expected, got {got}: {body}",
                CALLERS[who]
            )
        })
    } else {
        let (status, code) = refusal(who, template);
        (got != status || answer.code() != code).then(|| {
            format!(
                "{method} {template} as {}: not allowed, so {status} {code} was expected, got {got}: {body}",
                CALLERS[who]
            )
        })
    }
}

/// One caller: their account (none when anonymous) and their client.
struct Caller {
    user: Option<User>,
    client: Client,
    cookie: bool,
}

/// What the calls need: the callers, the shared map they have their roles in, a published
/// map, and counters for fresh names.
struct Ctx<'a> {
    s: &'a TestServer,
    callers: Vec<Caller>,
    /// The password hash every account starts with (one argon2 run for all of them).
    hash: String,
    /// The demo map in which the viewer, editor and owner have their roles.
    map: MapId,
    /// A published demo map, for the public routes.
    slug: String,
    /// An account that only the member routes use.
    target: User,
    /// The shared map exported as a caremap file, for imports.
    file: Value,
    n: u32,
}

impl<'a> Ctx<'a> {
    async fn new(s: &'a TestServer, cookie: impl Fn(usize) -> bool) -> Ctx<'a> {
        let hash = auth::hash_password(PASSWORD).unwrap();
        let mut callers = vec![Caller {
            user: None,
            client: s.anonymous(),
            cookie: false,
        }];
        for (who, name) in CALLERS.iter().enumerate().skip(1) {
            let email = format!("{}@example.org", name.split(' ').next().unwrap());
            let user = s
                .store
                .create_user(&email, name, Some(&hash))
                .await
                .unwrap();
            if who == ADMIN {
                s.store.set_admin(user.id, true).await.unwrap();
            }
            let user = s.store.user(user.id).await.unwrap();
            let client = if cookie(who) {
                let mut c = s.anonymous();
                c.login(&email, PASSWORD).await;
                assert!(c.csrf.is_some(), "a login gives a CSRF token");
                c
            } else {
                let token = auth::new_secret("cmt_");
                s.store
                    .create_api_token(user.id, "roles test", &auth::secret_hash(&token))
                    .await
                    .unwrap();
                Client::with_token(&s.base, &token)
            };
            callers.push(Caller {
                user: Some(user),
                client,
                cookie: cookie(who),
            });
        }
        let target = s
            .store
            .create_user("target@example.org", "Member Target", Some(&hash))
            .await
            .unwrap();
        let mut ctx = Ctx {
            s,
            callers,
            hash,
            map: 0,
            slug: "roles-public-demo".to_string(),
            target,
            file: Value::Null,
            n: 0,
        };
        ctx.map = ctx.fresh_map().await;
        s.store
            .create_snapshot(ctx.map, "baseline", "test")
            .await
            .unwrap();
        let public = s.demo_map().await;
        s.store
            .set_public_slug(public, Some(&ctx.slug))
            .await
            .unwrap();
        let network = s.store.load_network(ctx.map).await.unwrap();
        let written = caremap_formats::write(caremap_formats::Format::Caremap, &network).unwrap();
        ctx.file = serde_json::from_slice(&written[0].bytes).unwrap();
        ctx
    }

    fn next(&mut self) -> u32 {
        self.n += 1;
        self.n
    }

    fn user(&self, who: usize) -> Option<&User> {
        self.callers[who].user.as_ref()
    }

    /// A demo map in which the viewer, editor and owner have their roles.
    async fn fresh_map(&self) -> MapId {
        let map = self.s.demo_map().await;
        for (who, role) in [
            (VIEWER, Role::Viewer),
            (EDITOR, Role::Editor),
            (OWNER, Role::Owner),
        ] {
            self.s.grant(map, self.user(who).unwrap(), role).await;
        }
        map
    }

    /// A new group in the shared map (version 1); returns its id and the history seq.
    async fn plant_element(&mut self) -> (String, i64) {
        let id = format!("roles-planted-{}", self.next());
        let element = Element::new(
            id.as_str(),
            "Hawthorn Court residents' group",
            "grassroots or mutual-aid group",
        );
        let applied = self
            .s
            .store
            .apply(self.map, vec![Change::CreateElement { element }], "test")
            .await
            .unwrap();
        (id, applied[0].seq)
    }

    /// A new connection in the shared map (version 1).
    async fn plant_connection(&mut self) -> String {
        let id = format!("roles-tie-{}", self.next());
        let connection = Connection::new(id.as_str(), "e-circle", "e-team-maple");
        self.s
            .store
            .apply(
                self.map,
                vec![Change::CreateConnection { connection }],
                "test",
            )
            .await
            .unwrap();
        id
    }

    async fn element_exists(&self, map: MapId, id: &str) -> bool {
        match self.s.store.element(map, id).await {
            Ok(_) => true,
            Err(StoreError::NotFound { .. }) => false,
            Err(e) => panic!("{e}"),
        }
    }

    async fn connection_exists(&self, id: &str) -> bool {
        match self.s.store.connection(self.map, id).await {
            Ok(_) => true,
            Err(StoreError::NotFound { .. }) => false,
            Err(e) => panic!("{e}"),
        }
    }

    /// Calls one route as `who`, with what an allowed call needs to succeed, and checks the
    /// effect of calls that change something: done when allowed, not done when refused.
    async fn call(&mut self, who: usize, method: &str, template: &str, allowed: bool) -> Answer {
        let c = self.callers[who].client.clone();
        let m = self.map;
        let route = format!("{method} {template} as {}", CALLERS[who]);
        let effect = |a: &Answer, done: bool| {
            assert_eq!(
                done,
                allowed,
                "{route}: the change was {} although the call was {} (answer {}: {})",
                if done { "made" } else { "not made" },
                if allowed { "allowed" } else { "refused" },
                a.status,
                a.text().chars().take(300).collect::<String>()
            );
        };
        match (method, template) {
            ("POST", "/api/v1/login") => {
                // Anonymous logs in as someone; a signed-in caller logs in again as themself.
                let email = match self.user(who) {
                    Some(u) => u.email.clone(),
                    None => self.target.email.clone(),
                };
                let body = json!({"email": email, "password": PASSWORD});
                if self.callers[who].cookie {
                    let a = c.post("/api/v1/login", body).await;
                    // The new session replaces the old one in the cookie jar.
                    if let Some(csrf) = a.json()["csrf_token"].as_str() {
                        self.callers[who].client.csrf = Some(csrf.to_string());
                    }
                    a
                } else {
                    // A fresh cookie jar, so an anonymous caller stays anonymous.
                    let mut fresh = Client::new(&self.s.base);
                    fresh.token = c.token.clone();
                    fresh.post("/api/v1/login", body).await
                }
            }
            ("POST", "/api/v1/logout") => {
                let a = c.send(Method::POST, "/api/v1/logout", None).await;
                let me = c.get("/api/v1/me").await.status.as_u16();
                if self.callers[who].cookie && allowed {
                    assert_eq!(me, 401, "{route}: the session still works after logout");
                } else if who != ANONYMOUS {
                    assert_eq!(me, 200, "{route}: an API token stops working after logout");
                }
                a
            }
            ("PUT", "/api/v1/me/password") => {
                let before = self.password_hash(who).await;
                let body = json!({"current_password": PASSWORD, "new_password": "another long passphrase"});
                let a = c.put("/api/v1/me/password", body).await;
                if let Some(user) = self.user(who) {
                    effect(&a, self.password_hash(who).await != before);
                    self.s.store.set_password_hash(user.id, &self.hash).await.unwrap();
                }
                a
            }
            ("POST", "/api/v1/tokens") => {
                let n = self.next();
                c.post("/api/v1/tokens", json!({"name": format!("nightly script {n}")}))
                    .await
            }
            ("DELETE", "/api/v1/tokens/{token}") => {
                let owner = self.user(who).or(self.user(OWNER)).unwrap().clone();
                let n = self.next();
                let token = self
                    .s
                    .store
                    .create_api_token(owner.id, &format!("to revoke {n}"), &auth::secret_hash(&auth::new_secret("cmt_")))
                    .await
                    .unwrap();
                let a = c.delete(&format!("/api/v1/tokens/{}", token.id)).await;
                let left = self.s.store.list_api_tokens(owner.id).await.unwrap();
                effect(&a, !left.iter().any(|t| t.id == token.id));
                a
            }
            ("POST", "/api/v1/users") => {
                let email = format!("made-{}@example.org", self.next());
                let body = json!({"email": email, "display_name": "Made By Admin", "password": PASSWORD});
                let a = c.post("/api/v1/users", body).await;
                effect(&a, self.s.store.user_by_email(&email).await.is_ok());
                a
            }
            ("POST", "/api/v1/maps") => {
                c.post("/api/v1/maps", json!({"name": "Thistle Row care circle", "description": "made by the role test"}))
                    .await
            }
            ("PATCH", "/api/v1/maps/{map}") => {
                c.patch(&format!("/api/v1/maps/{m}"), json!({"description": format!("edited by {}", CALLERS[who])}))
                    .await
            }
            ("DELETE", "/api/v1/maps/{map}") => {
                let fresh = self.fresh_map().await;
                let a = c.delete(&format!("/api/v1/maps/{fresh}")).await;
                effect(&a, self.s.store.map(fresh).await.is_err());
                a
            }
            ("PUT", "/api/v1/maps/{map}/vocabulary") => {
                let meta = self.s.store.meta(m).await.unwrap();
                let mut body = json!({"categories": meta.categories, "care_types": meta.care_types});
                let n = self.next();
                body["care_types"].as_array_mut().unwrap().push(
                    json!({"name": format!("Seed swapping {n}"), "definition": "sharing seeds and cuttings"}),
                );
                let a = c.put(&format!("/api/v1/maps/{m}/vocabulary"), body).await;
                let meta = self.s.store.meta(m).await.unwrap();
                effect(&a, meta.care_types.iter().any(|t| t.name == format!("Seed swapping {n}")));
                a
            }
            ("PUT", "/api/v1/maps/{map}/members") => {
                let n = self.next();
                let email = format!("member-{n}@example.org");
                let user = self.s.store.create_user(&email, "New Member", None).await.unwrap();
                let a = c
                    .put(&format!("/api/v1/maps/{m}/members"), json!({"email": email, "role": "viewer"}))
                    .await;
                effect(&a, self.s.store.member_role(m, user.id).await.unwrap() == Some(Role::Viewer));
                a
            }
            ("DELETE", "/api/v1/maps/{map}/members/{user}") => {
                let n = self.next();
                let user = self
                    .s
                    .store
                    .create_user(&format!("leaving-{n}@example.org"), "Leaving Member", None)
                    .await
                    .unwrap();
                self.s.grant(m, &user, Role::Viewer).await;
                let a = c.delete(&format!("/api/v1/maps/{m}/members/{}", user.id)).await;
                effect(&a, self.s.store.member_role(m, user.id).await.unwrap().is_none());
                a
            }
            ("PUT", "/api/v1/maps/{map}/sharing") => {
                self.s.store.set_public_slug(m, None).await.unwrap();
                let a = c
                    .put(&format!("/api/v1/maps/{m}/sharing"), json!({"slug": "roles-shared-map"}))
                    .await;
                effect(&a, self.s.store.map(m).await.unwrap().public_slug.is_some());
                a
            }
            ("DELETE", "/api/v1/maps/{map}/sharing") => {
                self.s.store.set_public_slug(m, Some("roles-shared-map")).await.unwrap();
                let a = c.delete(&format!("/api/v1/maps/{m}/sharing")).await;
                effect(&a, self.s.store.map(m).await.unwrap().public_slug.is_none());
                self.s.store.set_public_slug(m, None).await.unwrap();
                a
            }
            ("POST", "/api/v1/maps/{map}/elements") => {
                let id = format!("roles-new-{}", self.next());
                let body = json!({"id": id, "label": "Kestrel Road allotment society", "category": "grassroots or mutual-aid group", "care_types": ["Gardening & Green Space"]});
                let a = c.post(&format!("/api/v1/maps/{m}/elements"), body).await;
                effect(&a, self.element_exists(m, &id).await);
                a
            }
            ("PUT", "/api/v1/maps/{map}/elements/{element}") => {
                let (id, _) = self.plant_element().await;
                let body = json!({"id": id, "label": "Hawthorn Court residents' association", "category": "grassroots or mutual-aid group", "description": "Meets on Mondays"});
                let req = c
                    .request(Method::PUT, &format!("/api/v1/maps/{m}/elements/{id}"))
                    .header("if-match", "\"1\"")
                    .json(&body);
                let a = Client::answer(req).await;
                effect(&a, self.s.store.element(m, &id).await.unwrap().version == 2);
                a
            }
            ("DELETE", "/api/v1/maps/{map}/elements/{element}") => {
                let (id, _) = self.plant_element().await;
                let req = c
                    .request(Method::DELETE, &format!("/api/v1/maps/{m}/elements/{id}"))
                    .header("if-match", "\"1\"");
                let a = Client::answer(req).await;
                effect(&a, !self.element_exists(m, &id).await);
                a
            }
            ("POST", "/api/v1/maps/{map}/connections") => {
                let id = format!("roles-new-tie-{}", self.next());
                let body = json!({"id": id, "from": "e-circle", "to": "e-team-rowan", "status": "engaged", "care_flowing": ["Peer Support"]});
                let a = c.post(&format!("/api/v1/maps/{m}/connections"), body).await;
                effect(&a, self.connection_exists(&id).await);
                a
            }
            ("PUT", "/api/v1/maps/{map}/connections/{connection}") => {
                let id = self.plant_connection().await;
                let body = json!({"id": id, "from": "e-circle", "to": "e-team-maple", "status": "generative", "description": "Weekly check-in"});
                let req = c
                    .request(Method::PUT, &format!("/api/v1/maps/{m}/connections/{id}"))
                    .header("if-match", "\"1\"")
                    .json(&body);
                let a = Client::answer(req).await;
                effect(&a, self.s.store.connection(m, &id).await.unwrap().version == 2);
                a
            }
            ("DELETE", "/api/v1/maps/{map}/connections/{connection}") => {
                let id = self.plant_connection().await;
                let req = c
                    .request(Method::DELETE, &format!("/api/v1/maps/{m}/connections/{id}"))
                    .header("if-match", "\"1\"");
                let a = Client::answer(req).await;
                effect(&a, !self.connection_exists(&id).await);
                a
            }
            ("POST", "/api/v1/maps/{map}/changes") => {
                let id = format!("roles-batch-{}", self.next());
                let body = json!({"changes": [
                    {"op": "create_element", "element": {"id": id, "label": "Wren Lane tool library", "category": "grassroots or mutual-aid group"}},
                    {"op": "create_connection", "connection": {"id": format!("{id}-tie"), "from": id, "to": "e-circle"}},
                ]});
                let a = c.post(&format!("/api/v1/maps/{m}/changes"), body).await;
                effect(&a, self.element_exists(m, &id).await);
                a
            }
            ("POST", "/api/v1/maps/{map}/import") => {
                let id = format!("roles-imported-{}", self.next());
                let mut file = self.file.clone();
                file["network"]["elements"].as_array_mut().unwrap().push(
                    json!({"id": id, "label": "Larkspur repair café", "category": "grassroots or mutual-aid group"}),
                );
                let req = c
                    .request(Method::POST, &format!("/api/v1/maps/{m}/import?format=caremap&mode=merge&filename=map.json"))
                    .header("content-type", "application/json")
                    // A refused upload is answered before its body is read, and the server then
                    // closes the connection: do not put it back in the pool.
                    .header("connection", "close")
                    .body(serde_json::to_vec(&file).unwrap());
                let a = Client::answer(req).await;
                effect(&a, self.element_exists(m, &id).await);
                a
            }
            ("POST", "/api/v1/import/check") => {
                let req = c
                    .request(Method::POST, "/api/v1/import/check?format=caremap&filename=map.json")
                    .header("content-type", "application/json")
                    .header("connection", "close")
                    .body(serde_json::to_vec(&self.file).unwrap());
                Client::answer(req).await
            }
            ("GET", "/api/v1/maps/{map}/change") => {
                c.get(&format!("/api/v1/maps/{m}/change?from=snapshot:baseline")).await
            }
            ("GET", "/api/v1/maps/{map}/history") => {
                c.get(&format!("/api/v1/maps/{m}/history?limit=5")).await
            }
            ("POST", "/api/v1/maps/{map}/history/{seq}/undo") => {
                let (id, seq) = self.plant_element().await;
                let a = c.send(Method::POST, &format!("/api/v1/maps/{m}/history/{seq}/undo"), None).await;
                effect(&a, !self.element_exists(m, &id).await);
                a
            }
            ("POST", "/api/v1/maps/{map}/snapshots") => {
                let name = format!("end of pilot {}", self.next());
                let a = c.post(&format!("/api/v1/maps/{m}/snapshots"), json!({"name": name})).await;
                let list = self.s.store.list_snapshots(m).await.unwrap();
                effect(&a, list.iter().any(|x| x.name == name));
                a
            }
            ("POST", "/api/v1/maps/{map}/people/{element}/erase") => {
                let fresh = self.fresh_map().await;
                let a = c
                    .send(Method::POST, &format!("/api/v1/maps/{fresh}/people/e-citizen-cm/erase"), None)
                    .await;
                effect(&a, !self.element_exists(fresh, "e-citizen-cm").await);
                a
            }
            ("GET", _) => c.get(&self.fill(template)).await,
            _ => panic!(
                "the role test does not know how to call {method} {template}: teach Ctx::call"
            ),
        }
    }

    async fn password_hash(&self, who: usize) -> Option<String> {
        let user = self.user(who)?;
        self.s.store.user(user.id).await.unwrap().password_hash
    }

    /// A path with its parameters filled for a read of the shared or published map.
    fn fill(&self, template: &str) -> String {
        let path = template
            .replace("{map}", &self.map.to_string())
            .replace("{element}", "e-circle")
            .replace("{connection}", "c-001")
            .replace("{slug}", &self.slug);
        assert!(
            !path.contains('{'),
            "the role test does not know how to fill {template}: teach Ctx::fill or Ctx::call"
        );
        path
    }
}
