//! The command line: what each subcommand takes, with examples in its help.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// caremap maps the care wealth of a community: the people, groups, organisations, care teams
/// and public services that look after each other, and the care that flows between them.
#[derive(Debug, Parser)]
#[command(
    name = "caremap",
    version,
    after_help = "Examples:\n  caremap analyse examples/larkspur-vale-2026.xlsx\n  caremap report examples/larkspur-vale-2026.xlsx -o report.html\n  caremap diff examples/larkspur-vale-2025.json examples/larkspur-vale-2026.json\n  caremap person examples/larkspur-vale-2026.json \"Team Maple\"\n  caremap convert examples/larkspur-vale-2026.xlsx map.gexf\n  caremap layout examples/larkspur-vale-2026.json laid-out.json\n  caremap serve\n\nFormats read and written: caremap JSON (.json), Kumu .xlsx and .csv, Kumu JSON, GEXF (.gexf),\nGraphML (.graphml), graphology JSON, Gephi node/edge CSV.\nExit codes: 0 done, 1 bad input, 2 usage."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How analysis results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Plain sentences with their figures.
    Text,
    /// Markdown with headings and tables.
    Markdown,
    /// JSON, documented field by field in docs/analysis-json.md.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a map: every chapter of the report, as text, Markdown or JSON.
    #[command(
        after_help = "Examples:\n  caremap analyse examples/larkspur-vale-2026.xlsx\n  caremap analyse map.json --format markdown > analysis.md\n  caremap analyse map.gexf --format json | jq .health.generative\n  caremap analyse elements.csv connections.csv\n\nSeveral files are read as one map (for example Kumu's elements and connections CSV)."
    )]
    Analyse {
        /// The map: one file, or several files of one map.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to write the analysis.
        #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        #[command(flatten)]
        read: ReadArgs,
        #[command(flatten)]
        analysis: AnalysisArgs,
    },
    /// Write the full report as one self-contained HTML file (works offline, prints to PDF).
    #[command(
        after_help = "Examples:\n  caremap report examples/larkspur-vale-2026.xlsx -o report.html\n\nOpen the file in any browser; print it to PDF from there. It makes no network requests."
    )]
    Report {
        /// The map: one file, or several files of one map.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write the HTML report.
        #[arg(long, short = 'o', value_name = "OUT.html")]
        output: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
        #[command(flatten)]
        analysis: AnalysisArgs,
    },
    /// Compare two versions of a map: who joined and left, which ties changed.
    #[command(
        after_help = "Examples:\n  caremap diff examples/larkspur-vale-2025.json examples/larkspur-vale-2026.json\n  caremap diff old.xlsx new.xlsx --format json\n\nElements and connections are matched by id."
    )]
    Diff {
        /// The older version.
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// How to write the comparison.
        #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// The person-centred care map of one element: who they care for, who cares for them, and
    /// who else cares for those, in rings.
    #[command(
        after_help = "Examples:\n  caremap person examples/larkspur-vale-2026.json \"Team Maple\"\n  caremap person map.xlsx \"Team Maple\" --against last-year.xlsx --svg maple.svg\n  caremap person map.json e-team-maple --format json\n\nLABEL is an element's label (case does not matter) or its id."
    )]
    Person {
        /// The map.
        file: PathBuf,
        /// The element at the centre: its label or id.
        label: String,
        /// An older version of the map to compare with.
        #[arg(long, value_name = "OLDFILE")]
        against: Option<PathBuf>,
        /// How to write the care map.
        #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Also draw the care map in rings as an SVG picture here.
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Convert a map between formats, chosen by extension or --to.
    #[command(
        after_help = "Examples:\n  caremap convert examples/larkspur-vale-2026.xlsx map.json\n  caremap convert map.json map.gexf\n  caremap convert map.json out.json --to graphology\n  caremap convert map.json map.csv --to gephi-csv   (writes map-nodes.csv, map-edges.csv)\n  caremap convert elements.csv connections.csv map.xlsx\n\nFormats: caremap (.json), kumu-xlsx (.xlsx), kumu-csv (.csv), kumu-json, gexf (.gexf),\ngraphml (.graphml), graphology, gephi-csv. The last file named is the output."
    )]
    Convert {
        /// Input file(s), then the output file.
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The output format (default: from the output's extension; .json is caremap's own).
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Compute positions for every element (ForceAtlas2 with Barnes-Hut) and write the map.
    #[command(
        after_help = "Examples:\n  caremap layout examples/larkspur-vale-2026.json laid-out.json\n  caremap layout big.json big.gexf --iterations 300 --lin-log\n  caremap layout map.xlsx map.json --keep-existing --seed 7\n  caremap layout map.json out.json --to graphology --prevent-overlap\n\nThe same seed gives the same positions. Defaults are graphology's inferred settings\n(strong gravity 0.05, scaling 10). The last file named is the output."
    )]
    Layout {
        /// Input file(s), then the output file.
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The output format (default: from the output's extension; .json is caremap's own).
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
        #[command(flatten)]
        layout: LayoutArgs,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Generate a synthetic network of any size, for trying caremap out at scale.
    #[command(
        after_help = "Examples:\n  caremap generate --elements 10000 --connections 50000 -o big.json\n  caremap generate --elements 500 --connections 2000 --seed 7 -o small.xlsx\n\nPreferential attachment (hubs emerge), random categories, statuses and care types."
    )]
    Generate {
        /// Number of elements.
        #[arg(long, default_value_t = 1000)]
        elements: usize,
        /// Number of connections.
        #[arg(long, default_value_t = 5000)]
        connections: usize,
        /// Seed of the random choices.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it (format by extension, or --to).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// The output format.
        #[arg(long, value_name = "FORMAT")]
        to: Option<String>,
    },
    /// Run the caremap server: the API, accounts, sharing and public pages.
    #[command(
        after_help = "Examples:\n  caremap serve\n  caremap serve --bind 0.0.0.0:8080 --data /var/lib/caremap\n  caremap serve --database postgres://caremap:secret@db.internal/caremap\n  CAREMAP_BIND=127.0.0.1:9000 caremap serve --log-format json\n\nOn first run it creates its SQLite database in the data directory, applies migrations and\nloads the demo map (published at /public/larkspur-vale-demo). The map in the browser is at\nhttp://ADDR/; create the first administrator with `caremap user add --admin`. Stops cleanly on Ctrl-C or SIGTERM. API reference: docs/api.md\nand GET /api/v1/openapi.json."
    )]
    Serve {
        #[command(flatten)]
        server: ServerArgs,
    },
    /// Manage accounts of a caremap server's database.
    #[command(subcommand)]
    User(UserCommand),
}

/// `caremap user ...`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the first administrator is made this way.
    #[command(
        after_help = "Examples:\n  caremap user add --admin --email ada@example.org --name \"Ada\"\n  echo \"a long passphrase\" | caremap user add --email sam@example.org --name Sam --password-stdin\n\nThe password is asked for twice on a terminal, or read from the first line of standard\ninput with --password-stdin. An administrator also becomes owner of every map that has no\nmembers yet (the demo map of a new server)."
    )]
    Add {
        /// The account's email (its login name).
        #[arg(long)]
        email: String,
        /// The name shown to other members.
        #[arg(long)]
        name: String,
        /// Make the account an administrator of this caremap.
        #[arg(long)]
        admin: bool,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Set a new password for an account (someone who forgot theirs, or was locked out by too
    /// many failed logins); ends all their sessions.
    #[command(
        after_help = "Examples:\n  caremap user password --email sam@example.org\n  echo \"a new long passphrase\" | caremap user password --email sam@example.org --password-stdin"
    )]
    Password {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List the accounts.
    List {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// Which database the server uses.
#[derive(Debug, Clone, clap::Args)]
pub struct DatabaseArgs {
    /// Directory of the embedded SQLite database (caremap.db), created if missing.
    #[arg(
        long,
        env = "CAREMAP_DATA",
        default_value = "caremap-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,
    /// A database URL instead of the data directory: postgres://USER:PASSWORD@HOST/DB, or
    /// sqlite://FILE?mode=rwc.
    #[arg(long, env = "CAREMAP_DATABASE_URL", value_name = "URL")]
    pub database: Option<String>,
}

/// How the server runs.
#[derive(Debug, Clone, clap::Args)]
pub struct ServerArgs {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "CAREMAP_BIND",
        default_value = "127.0.0.1:8080",
        value_name = "ADDR"
    )]
    pub bind: String,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Do not load the demo map into an empty deployment.
    #[arg(long, env = "CAREMAP_NO_DEMO")]
    pub no_demo: bool,
    /// Mark the session cookie Secure (when users reach the server over HTTPS).
    #[arg(long, env = "CAREMAP_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The server is reached through a reverse proxy (nginx, Caddy...) that appends the
    /// client's address to X-Forwarded-For: the login limit per address then counts that
    /// address. Without it the header is ignored (any client could send one).
    #[arg(long, env = "CAREMAP_BEHIND_PROXY")]
    pub behind_proxy: bool,
    /// Largest uploaded file, in MiB.
    #[arg(
        long,
        env = "CAREMAP_UPLOAD_LIMIT_MB",
        default_value_t = 50,
        value_name = "MIB"
    )]
    pub upload_limit_mb: usize,
    /// Longest a request may take, in seconds.
    #[arg(
        long,
        env = "CAREMAP_REQUEST_TIMEOUT",
        default_value_t = 60,
        value_name = "SECONDS"
    )]
    pub request_timeout: u64,
    /// Log lines as text or as JSON objects.
    #[arg(long, env = "CAREMAP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// How the server writes its log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// key=value text lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// How input files are read.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadArgs {
    /// The input format, when the extension does not say (caremap, kumu-xlsx, kumu-csv,
    /// kumu-json, gexf, graphml, graphology, gephi-csv).
    #[arg(long, value_name = "FORMAT")]
    pub from: Option<String>,
    /// Do not print the readers' warnings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Options of the analysis.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalysisArgs {
    /// Seed of community detection and betweenness sampling.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Above this many elements, betweenness is estimated by sampling (with an error bound).
    #[arg(long, default_value_t = 20_000, value_name = "ELEMENTS")]
    pub exact_betweenness_limit: usize,
}

/// Options of the ForceAtlas2 layout.
#[derive(Debug, Clone, clap::Args)]
pub struct LayoutArgs {
    /// Number of iterations.
    #[arg(long, default_value_t = 100)]
    pub iterations: usize,
    /// Seed of the random starting positions.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// LinLog attraction: tighter, more separated clusters.
    #[arg(long)]
    pub lin_log: bool,
    /// Pull towards the centre.
    #[arg(long, default_value_t = 0.05)]
    pub gravity: f64,
    /// Repulsion strength: larger spreads the map out.
    #[arg(long, default_value_t = 10.0)]
    pub scaling: f64,
    /// Keep elements from overlapping.
    #[arg(long)]
    pub prevent_overlap: bool,
    /// Elements that already have a position keep it.
    #[arg(long)]
    pub keep_existing: bool,
}
