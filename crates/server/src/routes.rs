//! Every route of the server in one table: method, path, who may call it, what it takes and
//! gives, and its handler. The router and the OpenAPI document are both made from this table,
//! so a route cannot exist without being documented, and the role test walks the document.

use axum::http::Method;
use axum::routing::{delete, get, patch, post, put, MethodRouter};
use caremap_store::Role;

use crate::api::{files, items, maps, people, public, session, views};
use crate::state::AppState;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user.
    User,
    /// An administrator of the deployment.
    Admin,
    /// A member of the map with at least this role.
    Map(Role),
}

impl Access {
    /// The words used in the OpenAPI document and the API reference.
    pub fn describe(self) -> &'static str {
        match self {
            Access::Public => "anyone",
            Access::User => "any signed-in user",
            Access::Admin => "an administrator",
            Access::Map(Role::Viewer) => "a viewer, editor or owner of the map",
            Access::Map(Role::Editor) => "an editor or owner of the map",
            Access::Map(Role::Owner) => "an owner of the map",
        }
    }
}

/// What a route's body or answer is, for the OpenAPI document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Nothing.
    None,
    /// JSON of a schema in the document's components.
    Json(&'static str),
    /// A file of one of the formats (bytes).
    File,
    /// An HTML page.
    Html,
}

/// One route.
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path, with `{name}` parameters.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// The group it belongs to in the reference.
    pub tag: &'static str,
    /// One line on what it does.
    pub summary: &'static str,
    /// Query parameters: name and meaning.
    pub query: &'static [(&'static str, &'static str)],
    /// The request body.
    pub body: Body,
    /// The answer on success.
    pub response: Body,
    /// The status of a successful answer.
    pub success: u16,
    /// The handler.
    pub handler: MethodRouter<AppState>,
}

const VIEW: &[(&str, &str)] = &[
    ("at", "read the map as it was at this moment: a date (YYYY-MM-DD, the end of that day, UTC) or an RFC 3339 time"),
    ("snapshot", "read the map as saved in this named snapshot"),
    ("layout", "auto: elements without a position get one (ForceAtlas2, seeded; placed ones stay), so the map opens arranged"),
];
const ANALYSIS: &[(&str, &str)] = &[
    (
        "at",
        "analyse the map as it was at this moment (date or RFC 3339 time)",
    ),
    (
        "snapshot",
        "analyse the map as saved in this named snapshot",
    ),
    (
        "seed",
        "seed of the randomised steps (default 42), for reproducible results",
    ),
];

#[allow(clippy::too_many_arguments)]
fn route(
    method: Method,
    path: &'static str,
    access: Access,
    tag: &'static str,
    summary: &'static str,
    body: Body,
    response: Body,
    handler: MethodRouter<AppState>,
) -> Route {
    let success = if method == Method::POST && matches!(response, Body::Json(_)) {
        200
    } else if response == Body::None {
        204
    } else {
        200
    };
    Route {
        method,
        path,
        access,
        tag,
        summary,
        query: &[],
        body,
        response,
        success,
        handler,
    }
}

impl Route {
    fn query(mut self, query: &'static [(&'static str, &'static str)]) -> Self {
        self.query = query;
        self
    }

    fn created(mut self) -> Self {
        self.success = 201;
        self
    }
}

/// Every route of the API and the pages.
pub fn all() -> Vec<Route> {
    use Access::*;
    use Body::{File, Html, Json, None as Empty};
    let (viewer, editor, owner) = (Map(Role::Viewer), Map(Role::Editor), Map(Role::Owner));
    vec![
        // Service.
        route(Method::GET, "/api/v1/health", Public, "service", "Is the server up and its database reachable", Empty, Json("Health"), get(session::health)),
        route(Method::GET, "/api/v1/openapi.json", Public, "service", "This API's OpenAPI 3.1 document", Empty, Json("OpenApi"), get(crate::openapi::serve)),
        // Accounts.
        route(Method::POST, "/api/v1/login", Public, "accounts", "Log in with email and password: sets the session cookie, returns the CSRF token", Json("Login"), Json("SessionInfo"), post(session::login)),
        route(Method::POST, "/api/v1/logout", User, "accounts", "End this session", Empty, Empty, post(session::logout)),
        route(Method::GET, "/api/v1/me", User, "accounts", "Who is signed in, their maps, and the CSRF token of a cookie session", Empty, Json("SessionInfo"), get(session::me)),
        route(Method::PUT, "/api/v1/me/password", User, "accounts", "Change your password (ends your other sessions)", Json("PasswordChange"), Empty, put(session::change_password)),
        route(Method::GET, "/api/v1/tokens", User, "accounts", "Your API tokens (names and dates, never the tokens)", Empty, Json("ApiTokenList"), get(session::list_tokens)),
        route(Method::POST, "/api/v1/tokens", User, "accounts", "Make an API token for scripts; the token is shown once", Json("NewApiToken"), Json("ApiTokenCreated"), post(session::create_token)).created(),
        route(Method::DELETE, "/api/v1/tokens/{token}", User, "accounts", "Revoke one of your API tokens", Empty, Empty, delete(session::delete_token)),
        route(Method::GET, "/api/v1/users", Admin, "accounts", "Every account of this caremap", Empty, Json("UserList"), get(session::list_users)),
        route(Method::POST, "/api/v1/users", Admin, "accounts", "Make an account", Json("NewUser"), Json("User"), post(session::create_user)).created(),
        // Maps.
        route(Method::GET, "/api/v1/maps", User, "maps", "The maps you belong to, with your role", Empty, Json("MapList"), get(maps::list)),
        route(Method::POST, "/api/v1/maps", User, "maps", "Make a map, empty or from the demo; you become its owner", Json("NewMap"), Json("MapDetail"), post(maps::create)).created(),
        route(Method::GET, "/api/v1/maps/{map}", viewer, "maps", "A map: name, description, date, counts, your role, its public link", Empty, Json("MapDetail"), get(maps::detail)),
        route(Method::PATCH, "/api/v1/maps/{map}", editor, "maps", "Change the map's name, description or date", Json("MapPatch"), Json("MapDetail"), patch(maps::update)),
        route(Method::DELETE, "/api/v1/maps/{map}", owner, "maps", "Delete the map with its history and snapshots", Empty, Empty, delete(maps::remove)),
        route(Method::GET, "/api/v1/maps/{map}/vocabulary", viewer, "maps", "The map's categories (with sectors) and care types", Empty, Json("Vocabulary"), get(maps::vocabulary)),
        route(Method::PUT, "/api/v1/maps/{map}/vocabulary", editor, "maps", "Replace the map's categories and care types", Json("Vocabulary"), Json("Vocabulary"), put(maps::set_vocabulary)),
        route(Method::GET, "/api/v1/maps/{map}/members", viewer, "members", "The map's members and their roles", Empty, Json("MemberList"), get(maps::members)),
        route(Method::PUT, "/api/v1/maps/{map}/members", owner, "members", "Give an account (by email) a role in the map", Json("MemberSet"), Json("MemberList"), put(maps::set_member)),
        route(Method::DELETE, "/api/v1/maps/{map}/members/{user}", owner, "members", "Take an account's role in the map away", Empty, Empty, delete(maps::remove_member)),
        route(Method::PUT, "/api/v1/maps/{map}/sharing", owner, "sharing", "Publish the map as a read-only public link (redacted)", Json("Sharing"), Json("SharingInfo"), put(maps::publish)),
        route(Method::DELETE, "/api/v1/maps/{map}/sharing", owner, "sharing", "Stop publishing the map", Empty, Empty, delete(maps::unpublish)),
        // Content.
        route(Method::GET, "/api/v1/maps/{map}/network", viewer, "content", "The whole network (caremap JSON), now, at a moment, or in a snapshot", Empty, Json("Network"), get(views::network)).query(VIEW),
        route(Method::GET, "/api/v1/maps/{map}/elements", viewer, "content", "Every element with its version", Empty, Json("VersionedElementList"), get(items::list_elements)),
        route(Method::POST, "/api/v1/maps/{map}/elements", editor, "content", "Add an element (an empty id gets one made up)", Json("Element"), Json("VersionedElement"), post(items::create_element)).created(),
        route(Method::GET, "/api/v1/maps/{map}/elements/{element}", viewer, "content", "One element; its version is also the ETag", Empty, Json("VersionedElement"), get(items::get_element)),
        route(Method::PUT, "/api/v1/maps/{map}/elements/{element}", editor, "content", "Replace an element; needs If-Match with the version read", Json("Element"), Json("VersionedElement"), put(items::update_element)),
        route(Method::DELETE, "/api/v1/maps/{map}/elements/{element}", editor, "content", "Delete an element (with ?cascade=true, its connections too); needs If-Match", Empty, Empty, delete(items::delete_element)).query(&[("cascade", "also delete the element's connections (default false: refused while it has any)")]),
        route(Method::GET, "/api/v1/maps/{map}/connections", viewer, "content", "Every connection with its version", Empty, Json("VersionedConnectionList"), get(items::list_connections)),
        route(Method::POST, "/api/v1/maps/{map}/connections", editor, "content", "Add a connection between two elements of the map", Json("Connection"), Json("VersionedConnection"), post(items::create_connection)).created(),
        route(Method::GET, "/api/v1/maps/{map}/connections/{connection}", viewer, "content", "One connection; its version is also the ETag", Empty, Json("VersionedConnection"), get(items::get_connection)),
        route(Method::PUT, "/api/v1/maps/{map}/connections/{connection}", editor, "content", "Replace a connection; needs If-Match with the version read", Json("Connection"), Json("VersionedConnection"), put(items::update_connection)),
        route(Method::DELETE, "/api/v1/maps/{map}/connections/{connection}", editor, "content", "Delete a connection; needs If-Match", Empty, Empty, delete(items::delete_connection)),
        route(Method::POST, "/api/v1/maps/{map}/changes", editor, "content", "Apply many creates, updates and deletes in one transaction: all or none", Json("ChangeBatch"), Json("AppliedList"), post(items::apply_changes)),
        route(Method::POST, "/api/v1/maps/{map}/import", editor, "files", "Import a file of any supported format (raw body or multipart); nothing changes if it is rejected", File, Json("ImportResult"), post(files::import)).query(&[
            ("format", "caremap, kumu-xlsx, kumu-csv, kumu-json, gexf, graphml, graphology or gephi-csv (default: detected from filename and content)"),
            ("filename", "the uploaded file's name, used to detect the format and in messages"),
            ("mode", "replace (default: the map becomes the file) or merge (items of the file are added or updated, others stay)"),
            ("allow_empty", "true to let a replace import of a file without elements empty the map (refused otherwise)"),
        ]),
        route(Method::POST, "/api/v1/import/check", User, "files", "Read and check a file as an import would, storing nothing: what it holds, its warnings and its problems", File, Json("ImportCheck"), post(files::check)).query(&[
            ("format", "caremap, kumu-xlsx, kumu-csv, kumu-json, gexf, graphml, graphology or gephi-csv (default: detected from filename and content)"),
            ("filename", "the uploaded file's name, used to detect the format and in messages"),
        ]),
        route(Method::GET, "/api/v1/maps/{map}/export", viewer, "files", "Export the map in any supported format (a zip for two-file formats)", Empty, File, get(files::export)).query(&[
            ("format", "caremap (default), kumu-xlsx, kumu-csv, kumu-json, gexf, graphml, graphology or gephi-csv"),
            ("at", "export the map as it was at this moment"),
            ("snapshot", "export this named snapshot"),
        ]),
        // Analysis.
        route(Method::GET, "/api/v1/maps/{map}/analysis", viewer, "analysis", "Every chapter of the analysis, as the CLI's JSON", Empty, Json("Analysis"), get(views::analysis)).query(ANALYSIS),
        route(Method::GET, "/api/v1/maps/{map}/change", viewer, "analysis", "The change chapter between two moments or snapshots", Empty, Json("ChangeChapter"), get(views::change)).query(&[
            ("from", "the older side: a date, an RFC 3339 time, or snapshot:NAME"),
            ("to", "the newer side (default: now): a date, an RFC 3339 time, snapshot:NAME or now"),
        ]),
        route(Method::GET, "/api/v1/maps/{map}/people/{element}/care-map", viewer, "analysis", "The person-centred care map of one element (rings, support, gaps)", Empty, Json("PersonCareMap"), get(views::person_care_map)).query(&[
            ("at", "the map as it was at this moment"),
            ("snapshot", "the map as saved in this snapshot"),
            ("against", "compare with an earlier moment or snapshot:NAME"),
        ]),
        // History.
        route(Method::GET, "/api/v1/maps/{map}/history", viewer, "history", "The latest changes, newest first: who, when, before and after", Empty, Json("HistoryList"), get(views::history)).query(&[
            ("limit", "how many changes (default 100, at most 10000)"),
            ("element", "only the changes of this element (its id)"),
            ("connection", "only the changes of this connection (its id)"),
        ]),
        route(Method::POST, "/api/v1/maps/{map}/history/{seq}/undo", editor, "history", "Undo one recorded change (refused if the item changed since)", Empty, Json("Applied"), post(views::undo)),
        route(Method::GET, "/api/v1/maps/{map}/snapshots", viewer, "history", "The map's named snapshots", Empty, Json("SnapshotList"), get(views::snapshots)),
        route(Method::POST, "/api/v1/maps/{map}/snapshots", editor, "history", "Save the map as it is now under a name", Json("NewSnapshot"), Json("Snapshot"), post(views::create_snapshot)).created(),
        // People.
        route(Method::GET, "/api/v1/maps/{map}/people/{element}/export", owner, "privacy", "Everything the map holds about one person: element, connections, history, snapshots", Empty, Json("PersonExport"), get(people::export)),
        route(Method::POST, "/api/v1/maps/{map}/people/{element}/erase", owner, "privacy", "Erase a person from the map, its history and snapshots", Empty, Json("EraseResult"), post(people::erase)),
        // Public views: redacted by the server.
        route(Method::GET, "/api/v1/public/{slug}", Public, "public", "A published map's name, description and counts", Empty, Json("PublicMap"), get(public::info)),
        route(Method::GET, "/api/v1/public/{slug}/network", Public, "public", "A published map's network, redacted", Empty, Json("Network"), get(public::network)).query(&[("layout", "auto: elements without a position get one (ForceAtlas2, seeded)")]),
        route(Method::GET, "/api/v1/public/{slug}/analysis", Public, "public", "The analysis of a published map's redacted network", Empty, Json("Analysis"), get(public::analysis)),
        // Pages.
        route(Method::GET, "/", Public, "pages", "The browser app: sign in, your maps", Empty, Html, get(crate::web::index)),
        route(Method::GET, "/maps/{map}", Public, "pages", "The browser app on one map (the page loads for anyone; the map's data needs a role)", Empty, Html, get(crate::web::index)),
        route(Method::GET, "/assets/app.js", Public, "pages", "The browser app's script", Empty, File, get(crate::web::script)),
        route(Method::GET, "/assets/app.css", Public, "pages", "The browser app's stylesheet", Empty, File, get(crate::web::style)),
        route(Method::GET, "/health", Public, "pages", "Health for load balancers (same as /api/v1/health)", Empty, Json("Health"), get(session::health)),
        route(Method::GET, "/public/{slug}", Public, "pages", "A published map in the browser app, read-only (its data comes redacted from /api/v1/public)", Empty, Html, get(crate::web::index)),
        route(Method::GET, "/public/{slug}/report", Public, "pages", "A published map's analysis report page (redacted)", Empty, Html, get(crate::pages::public_report)),
        route(Method::GET, "/embed/{slug}", Public, "pages", "A published map's picture for an iframe (redacted)", Empty, Html, get(crate::pages::embed)),
    ]
}
