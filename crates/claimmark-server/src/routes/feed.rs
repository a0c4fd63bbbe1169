//! The change feed of a container: `GET …/changes?since=CURSOR&wait=S`
//! answers at once when something changed after the cursor, else waits
//! (long-poll) for a notification from any instance. Deletions come as
//! tombstones. The cursor is the article's change number.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use claimmark_core::model::annotation::Timestamp;
use serde_json::{json, Value};
use tokio::time::{timeout_at, Instant};

use super::{number, readable_article};
use crate::app::AppState;
use crate::db::{self, Stored};
use crate::problem::ApiError;
use crate::protocol::{etag, set_field, VARY};

/// Longest wait a request may ask for, in seconds.
pub const MAX_WAIT_SECONDS: u64 = 25;

/// Most changes in one answer.
pub const MAX_CHANGES: i64 = 500;

/// How often a waiting request reads the database even without a
/// notification (a safety net if one was lost).
const RECHECK: Duration = Duration::from_secs(5);

/// GET of the change feed.
pub async fn changes(
    State(state): State<AppState>,
    Path(doc): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let article = readable_article(&state, &headers, &doc).await?;
    let mut since = number(&query, "since", 0)?;
    let wait = number(&query, "wait", MAX_WAIT_SECONDS as i64)?.min(MAX_WAIT_SECONDS as i64);
    // A cursor from before the database was reset: start again.
    let reset = since > article.seq;
    if reset {
        since = 0;
    }
    let deadline = Instant::now() + Duration::from_secs(wait.unsigned_abs());
    let mut signals = state.changes.subscribe();
    let rows = loop {
        let rows = db::changes(&state.pool, article.id, since, MAX_CHANGES).await?;
        if !rows.is_empty() || Instant::now() >= deadline {
            break rows;
        }
        let recheck = (Instant::now() + RECHECK).min(deadline);
        loop {
            match timeout_at(recheck, signals.recv()).await {
                Ok(Ok(signal)) if !signal.concerns(article.id) => continue,
                // A change here, a lagging receiver, or time to look again.
                _ => break,
            }
        }
    };
    let cursor = rows.last().map_or(since, |row| row.seq);
    let changes: Vec<Value> = rows.into_iter().map(change).collect();
    let mut body = json!({"cursor": cursor.to_string(), "changes": changes});
    if reset {
        set_field(&mut body, "reset", json!(true));
    }
    let mut response = axum::Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// One change as the feed lists it.
fn change(row: Stored) -> Value {
    let annotation = row.annotation();
    let mut item = json!({
        "id": row.uuid.to_string(),
        "etag": etag(row.seq),
        "changedBy": row.changed_by,
        "changedAt": Timestamp(row.changed_at_ms).to_rfc3339(),
        "deleted": row.deleted,
    });
    if let Some(body) = annotation {
        set_field(&mut item, "annotation", body);
    }
    item
}
