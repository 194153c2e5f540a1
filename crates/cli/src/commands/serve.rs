//! `caremap serve` and `caremap user`.

use std::io::{BufRead, IsTerminal};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use caremap_server::Settings;
use caremap_store::{Role, Store};

use crate::cli::{DatabaseArgs, LogFormat, ServerArgs, UserCommand};

/// The database URL: `--database`, or `caremap.db` in the data directory (created).
fn database_url(args: &DatabaseArgs) -> Result<String> {
    if let Some(url) = &args.database {
        return Ok(url.clone());
    }
    std::fs::create_dir_all(&args.data)
        .with_context(|| format!("cannot create the data directory {}", args.data.display()))?;
    let file = args.data.join("caremap.db");
    let path = file.to_str().with_context(|| {
        format!(
            "the data directory {} is not valid UTF-8; choose another or use --database",
            args.data.display()
        )
    })?;
    // The URL's file name ends at the first '?' and is percent-decoded: encode both, so that
    // any directory name works.
    let path = path.replace('%', "%25").replace('?', "%3F");
    Ok(format!("sqlite://{path}?mode=rwc"))
}

/// Opens the store, naming the database (without its password) when that fails.
async fn open(url: &str) -> Result<Store> {
    Store::open(url).await.map_err(|e| {
        anyhow::anyhow!(
            "cannot open the database {}: {e}",
            caremap_store::without_password(url)
        )
    })
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn init_logs(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CAREMAP_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// `caremap serve`.
pub fn serve(args: &ServerArgs) -> Result<()> {
    init_logs(args.log_format);
    let url = database_url(&args.database)?;
    let settings = Settings {
        upload_limit: args.upload_limit_mb.max(1) << 20,
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
        secure_cookies: args.secure_cookies,
        behind_proxy: args.behind_proxy,
        ..Settings::default()
    };
    runtime()?.block_on(caremap_server::run(
        &args.bind,
        &url,
        settings,
        !args.no_demo,
    ))
}

fn read_password(from_stdin: bool) -> Result<String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password("Password (at least 10 characters): ")?;
    let second = rpassword::prompt_password("The same password again: ")?;
    if first != second {
        bail!("the two passwords differ; nothing was created");
    }
    Ok(first)
}

/// `caremap user ...`.
pub fn user(command: &UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            email,
            name,
            admin,
            password_stdin,
            database,
        } => {
            let url = database_url(database)?;
            let password = read_password(*password_stdin)?;
            runtime()?.block_on(async {
                let store = open(&url).await?;
                let user = caremap_server::api::session::create_account(
                    &store, email, name, &password, *admin,
                )
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message))?;
                let mut owned = Vec::new();
                if *admin {
                    for map in store.list_maps().await? {
                        if store.members(map.id).await?.is_empty() {
                            store.set_member(map.id, user.id, Role::Owner).await?;
                            owned.push(map.name);
                        }
                    }
                }
                println!(
                    "created {}account {} <{}> (id {})",
                    if *admin { "administrator " } else { "" },
                    user.display_name,
                    user.email,
                    user.id
                );
                for name in owned {
                    println!("  owner of '{name}'");
                }
                Ok(())
            })
        }
        UserCommand::Password {
            email,
            password_stdin,
            database,
        } => {
            let url = database_url(database)?;
            let password = read_password(*password_stdin)?;
            if let Err(why) = caremap_server::auth::check_new_password(&password) {
                bail!("{why}; the password was not changed");
            }
            runtime()?.block_on(async {
                let store = open(&url).await?;
                let user = store
                    .user_by_email(email)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                let hash = caremap_server::auth::hash_password(&password)?;
                store.set_password_hash(user.id, &hash).await?;
                let ended = store.delete_sessions_of_user(user.id, "").await?;
                store
                    .clear_login_failures(&format!("account:{}", user.email))
                    .await?;
                println!(
                    "new password set for {} <{}>; {ended} session(s) ended",
                    user.display_name, user.email
                );
                Ok(())
            })
        }
        UserCommand::List { database } => {
            let url = database_url(database)?;
            runtime()?.block_on(async {
                let store = open(&url).await?;
                for u in store.list_users().await? {
                    println!(
                        "{}\t{}\t{}{}",
                        u.id,
                        u.email,
                        u.display_name,
                        if u.is_admin { "\tadministrator" } else { "" }
                    );
                }
                Ok(())
            })
        }
    }
}
