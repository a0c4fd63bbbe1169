//! The `claimmark-server` command: serve the API (the default), make a
//! member's token, publish or unpublish an article. Flags have environment
//! variables; logs are JSON lines on standard error.

use std::net::SocketAddr;
use std::process::ExitCode;

use claimmark_server::app::{router, AppState, Settings};
use claimmark_server::auth::{self, create_token, Role};
use claimmark_server::{connect, db, notify};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// The desk server: claims shared live through the W3C Web Annotation
/// Protocol, stored in PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "claimmark-server", version)]
struct Cli {
    /// PostgreSQL URL (postgres://user@host:port/db).
    #[arg(long, global = true, env = "CLAIMMARK_DATABASE")]
    database: Option<String>,
    /// Address to serve on.
    #[arg(long, env = "CLAIMMARK_LISTEN", default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// Public base IRI of the annotations (default: http:// + the listen address).
    #[arg(long, env = "CLAIMMARK_PUBLIC_URL")]
    public_url: Option<String>,
    /// An origin allowed to call the API from a browser (repeat, or comma-separated; * for any).
    #[arg(
        long = "cors-origin",
        env = "CLAIMMARK_CORS_ORIGINS",
        value_delimiter = ','
    )]
    cors_origins: Vec<String>,
    /// Requests a second per token or address (bursts of 4×).
    #[arg(long, env = "CLAIMMARK_RATE", default_value_t = 50)]
    rate: u32,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Members' tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Whether an article is readable without a token.
    Article {
        #[command(subcommand)]
        action: ArticleAction,
    },
}

#[derive(Debug, Subcommand)]
enum TokenAction {
    /// Makes a member of a desk and prints their token (shown only once).
    Create {
        /// The desk (made when new).
        #[arg(long)]
        desk: String,
        /// The member's name, shown as who made a change.
        #[arg(long)]
        name: String,
        /// editor (reads and writes) or reader (reads).
        #[arg(long)]
        role: Role,
    },
    /// Revokes every token of a member: their next request gets 401.
    Revoke {
        /// The desk.
        #[arg(long)]
        desk: String,
        /// The member's name.
        #[arg(long)]
        name: String,
    },
    /// Lists a desk's members and roles (never their tokens).
    List {
        /// The desk.
        #[arg(long)]
        desk: String,
    },
}

#[derive(Debug, Subcommand)]
enum ArticleAction {
    /// Anyone may read the article's claims (what a publisher's page loads).
    Publish {
        /// The desk.
        #[arg(long)]
        desk: String,
        /// The article's document id.
        #[arg(long)]
        doc: String,
    },
    /// Only the desk may read it again.
    Unpublish {
        /// The desk.
        #[arg(long)]
        desk: String,
        /// The article's document id.
        #[arg(long)]
        doc: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("claimmark-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let url = cli
        .database
        .clone()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .ok_or("give the database: --database postgres://… or CLAIMMARK_DATABASE")?;
    let pool = connect(&url).await.map_err(|e| format!("database: {e}"))?;
    match cli.command {
        Some(Command::Token {
            action: TokenAction::Create { desk, name, role },
        }) => {
            let token = create_token(&pool, &desk, &name, role)
                .await
                .map_err(|e| e.to_string())?;
            println!("{token}");
            Ok(())
        }
        Some(Command::Token {
            action: TokenAction::Revoke { desk, name },
        }) => match auth::revoke(&pool, &desk, &name).await {
            Ok(0) => Err(format!("desk {desk:?} has no member named {name:?}")),
            Ok(count) => {
                println!("revoked {count} token(s) of {name}");
                Ok(())
            }
            Err(e) => Err(format!("database: {e}")),
        },
        Some(Command::Token {
            action: TokenAction::List { desk },
        }) => {
            let members = auth::members(&pool, &desk)
                .await
                .map_err(|e| format!("database: {e}"))?;
            for (name, role) in members {
                println!("{role}\t{name}");
            }
            Ok(())
        }
        Some(Command::Article { action }) => {
            let (desk, doc, public) = match action {
                ArticleAction::Publish { desk, doc } => (desk, doc, true),
                ArticleAction::Unpublish { desk, doc } => (desk, doc, false),
            };
            match db::set_public(&pool, &desk, &doc, public).await {
                Ok(true) => Ok(()),
                Ok(false) => Err(format!("article {doc:?} belongs to another desk")),
                Err(e) => Err(format!("database: {e}")),
            }
        }
        None => serve(cli, pool).await,
    }
}

async fn serve(cli: Cli, pool: sqlx::PgPool) -> Result<(), String> {
    let settings = Settings {
        base: cli
            .public_url
            .unwrap_or_else(|| format!("http://{}", cli.listen)),
        cors_origins: cli.cors_origins,
        rate: cli.rate,
    };
    let changes = notify::channel();
    notify::spawn_listener(pool.clone(), changes.clone());
    let state = AppState::new(pool, &settings, changes);
    let app = router(state, &settings);
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%address, base = settings.base, "serving");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| e.to_string())
}

/// Ctrl-C or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
