//! claimmark-server: the desk server. Claims shared live through the W3C
//! Web Annotation Protocol, stored in PostgreSQL, checked by
//! claimmark-core's importer. It keeps no state of its own (the change
//! feed reads PostgreSQL and learns of writes by `LISTEN`/`NOTIFY`), so
//! several instances can serve one database. `docs/desk-server.md` is the
//! user's guide to its protocol.
//!
//! The files: `main.rs` the command (serve; token create|list|revoke;
//! article publish|unpublish); [`app`] the state, routes and layers (CORS,
//! rates, logs); [`routes`] one file per resource (container with pages
//! and `Prefer`, one annotation with `If-Match`, the long-poll feed);
//! [`incoming`] a body through claimmark-core's importer, stored with the
//! server's IRI in `id` and the claim's `urn:uuid:` in `via`; [`db`] every
//! SQL statement; [`auth`] tokens (SHA-256 stored) and who may do what;
//! [`notify`] the one `LISTEN` connection per instance; [`protocol`]
//! headers and ETags; [`problem`] RFC 9457 errors; [`rate`] per-token
//! rates; `migrations/` the schema.

pub mod app;
pub mod auth;
pub mod db;
pub mod incoming;
pub mod notify;
pub mod problem;
pub mod protocol;
pub mod rate;
pub mod routes;

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

/// Connects to the database and brings its tables up to date (an
/// advisory lock keeps instances starting together from racing).
pub async fn connect(url: &str) -> Result<PgPool, sqlx::Error> {
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect(url)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}
