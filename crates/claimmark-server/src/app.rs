//! The application: what every handler shares ([`AppState`]: the pool,
//! the public base IRI, the change signals, the rate limiter), the routes,
//! and the layers around them (CORS for configured origins, rates,
//! request logs).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use sqlx::PgPool;
use tokio::sync::broadcast;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::notify::Signal;
use crate::rate::{self, Limiter};
use crate::routes::{annotation, container, feed};

/// What every request handler shares. Cloning is cheap.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: PgPool,
    /// The public base IRI, without a trailing slash.
    pub base: Arc<str>,
    /// Changes announced by PostgreSQL.
    pub changes: broadcast::Sender<Signal>,
    /// Requests per token or address.
    pub limiter: Arc<Limiter>,
}

/// How the application is set up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The public base IRI (`https://claims.example.org`).
    pub base: String,
    /// Origins allowed to call the API from a browser (`*`: any).
    pub cors_origins: Vec<String>,
    /// Requests a second per token or address.
    pub rate: u32,
}

impl AppState {
    /// The state for `settings` on `pool`; `changes` is fed by
    /// [`crate::notify::spawn_listener`].
    pub fn new(pool: PgPool, settings: &Settings, changes: broadcast::Sender<Signal>) -> Self {
        AppState {
            pool,
            base: settings.base.trim_end_matches('/').into(),
            changes,
            limiter: rate::limiter(settings.rate),
        }
    }
}

/// The routes with their layers.
pub fn router(state: AppState, settings: &Settings) -> Router {
    let api = Router::new()
        .route("/annotations/{doc}", get(add_slash))
        .route(
            "/annotations/{doc}/",
            get(container::get).post(container::post),
        )
        .route("/annotations/{doc}/changes", get(feed::changes))
        .route(
            "/annotations/{doc}/{id}",
            get(annotation::get)
                .put(annotation::put)
                .delete(annotation::delete),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), rate::limit));
    let router = Router::new()
        .route("/healthz", get(healthz))
        .merge(api)
        .with_state(state)
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        );
    match cors(&settings.cors_origins) {
        Some(layer) => router.layer(layer),
        None => router,
    }
}

/// CORS for the configured origins; none configured, none allowed.
fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| o.parse().ok()))
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([
                Method::GET,
                Method::HEAD,
                Method::POST,
                Method::PUT,
                Method::DELETE,
            ])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::IF_MATCH,
                HeaderName::from_static("prefer"),
                HeaderName::from_static("slug"),
            ])
            .expose_headers([
                header::ETAG,
                header::LOCATION,
                header::ALLOW,
                header::LINK,
                header::RETRY_AFTER,
            ])
            .max_age(Duration::from_secs(600)),
    )
}

/// `/annotations/{doc}` → the container's IRI, which ends with a slash.
async fn add_slash(Path(doc): Path<String>) -> Redirect {
    Redirect::permanent(&format!("/annotations/{doc}/"))
}

/// 200 when the database answers, else 503.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query("SELECT 1").execute(&state.pool).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
