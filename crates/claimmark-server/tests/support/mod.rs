//! What the server's tests share: a fresh database on the real PostgreSQL
//! that `scripts/postgres.sh run` started (CLAIMMARK_TEST_DATABASE), an
//! application instance on it, requests sent through the router, members,
//! and annotations as the widget exports them.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    dead_code
)]

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use claimmark_server::app::{router, AppState, Settings};
use claimmark_server::auth::{create_token, Role};
use claimmark_server::{connect, notify};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sqlx::PgPool;
use tower::ServiceExt;

/// The container the tests write to.
pub const DOC: &str = "/annotations/budget-2026/";

/// The public base the tests' instances use.
pub const BASE: &str = "http://127.0.0.1:9";

/// A new, empty, migrated database of its own for one test.
pub async fn fresh_database() -> (PgPool, String) {
    let admin_url = std::env::var("CLAIMMARK_TEST_DATABASE").expect(
        "CLAIMMARK_TEST_DATABASE is not set: run the server's tests with `make test-server` \
         (scripts/postgres.sh run cargo test -p claimmark-server)",
    );
    let admin = sqlx::PgPool::connect(&admin_url)
        .await
        .expect("the test PostgreSQL answers");
    let name = format!("claimmark_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("create database");
    admin.close().await;
    let (prefix, _) = admin_url.rsplit_once('/').expect("a URL with a database");
    let url = format!("{prefix}/{name}");
    (connect(&url).await.expect("connect and migrate"), url)
}

/// One server instance on `pool`, with its own LISTEN connection.
pub fn instance(pool: &PgPool, rate: u32) -> Router {
    let settings = Settings {
        base: BASE.into(),
        cors_origins: vec!["http://127.0.0.1:8080".into()],
        rate,
    };
    let changes = notify::channel();
    notify::spawn_listener(pool.clone(), changes.clone());
    router(AppState::new(pool.clone(), &settings, changes), &settings)
}

/// A token for a member.
pub async fn token(pool: &PgPool, desk: &str, name: &str, role: Role) -> String {
    create_token(pool, desk, name, role).await.expect("token")
}

/// A response, its body parsed as JSON when it is.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn etag(&self) -> String {
        self.header("etag").expect("an ETag").to_owned()
    }
}

/// Sends a request through `app`.
pub async fn send(
    app: &Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if body.is_some() {
        request = request.header("content-type", "application/ld+json");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(body.map_or_else(Body::empty, Body::from))
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        text,
        json,
    }
}

/// POSTs `body` to [`DOC`].
pub async fn post(app: &Router, token: Option<&str>, body: &Value) -> Answer {
    send(app, Method::POST, DOC, token, &[], Some(body.to_string())).await
}

/// The current ETag of claim `n` in [`DOC`].
pub async fn etag_of(app: &Router, token: &str, n: u32) -> String {
    send(
        app,
        Method::GET,
        &format!("{DOC}{}", uuid(n)),
        Some(token),
        &[],
        None,
    )
    .await
    .etag()
}

/// The uuid of claim `n`.
pub fn uuid(n: u32) -> uuid::Uuid {
    uuid::Uuid::from_u128(0x6f1c_0000_0000_4000_8000_0000_0000_0000 | u128::from(n))
}

/// Claim `n` as the widget exports it.
pub fn claim(n: u32, certainty: &str, note: &str) -> Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", uuid(n)),
        "type": "Annotation",
        "created": "2026-12-07T10:00:00Z",
        "modified": "2026-12-07T10:00:00Z",
        "body": [
            {"type": "TextualBody", "purpose": "assessing", "value": certainty},
            {"type": "TextualBody", "purpose": "commenting", "value": note}
        ],
        "target": {"source": "urn:claimmark:doc:budget", "selector": [
            {"type": "TextQuoteSelector", "exact": format!("claim number {n}")}
        ]}
    })
}
