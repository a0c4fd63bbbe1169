//! One annotation: GET (200 with `ETag`, 410 once deleted), PUT and
//! DELETE, both needing `If-Match` (428 without it, 412 when stale, and a
//! stale write changes nothing).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use uuid::Uuid;

use super::{annotation_iri, caller_and_article, readable_article};
use crate::app::AppState;
use crate::auth::{check_write, Member};
use crate::db::{self, Article};
use crate::incoming;
use crate::problem::ApiError;
use crate::protocol::{
    etag, if_match, set_protocol_headers, IfMatch, ALLOW_ANNOTATION, ANNOTATION_LINKS,
};

fn uuid_of(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::NotFound)
}

/// What a PUT or DELETE checks before its body: an editor of the
/// article's desk, the annotation's id, and an `If-Match` (428 without).
async fn conditional(
    state: &AppState,
    headers: &HeaderMap,
    doc: &str,
    id: &str,
) -> Result<(Member, Article, Uuid, IfMatch), ApiError> {
    let (caller, article) = caller_and_article(state, headers, doc).await?;
    let member = check_write(caller.as_ref(), article.as_ref())?.clone();
    let article = article.ok_or(ApiError::NotFound)?;
    let uuid = uuid_of(id)?;
    let condition = if_match(headers).ok_or(ApiError::PreconditionRequired)?;
    Ok((member, article, uuid, condition))
}

/// Starts the write and locks the annotation's current version, which
/// `condition` must name (412 with the current ETag otherwise).
async fn matching(
    state: &AppState,
    article: &Article,
    doc: &str,
    uuid: Uuid,
    condition: &IfMatch,
) -> Result<(db::Write, db::Stored), ApiError> {
    let mut write = db::begin_write(&state.pool, article.desk_id, doc, true)
        .await?
        .ok_or(ApiError::NotFound)?;
    let current = write.current(uuid).await?.ok_or(ApiError::NotFound)?;
    if !condition.matches(current.seq) {
        return Err(ApiError::PreconditionFailed(current.seq));
    }
    Ok((write, current))
}

/// An annotation's representation with its `ETag`.
fn representation(status: StatusCode, body: Option<&Value>, seq: i64) -> Response {
    let text = body.map(Value::to_string).unwrap_or_default();
    let mut response = (status, text).into_response();
    let headers = response.headers_mut();
    set_protocol_headers(headers, ALLOW_ANNOTATION, ANNOTATION_LINKS);
    if body.is_none() {
        headers.remove(header::CONTENT_TYPE);
    }
    if let Ok(value) = HeaderValue::from_str(&etag(seq)) {
        headers.insert(header::ETAG, value);
    }
    response
}

/// GET (and HEAD) of one annotation.
pub async fn get(
    State(state): State<AppState>,
    Path((doc, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let article = readable_article(&state, &headers, &doc).await?;
    let stored = db::stored(&state.pool, article.id, uuid_of(&id)?)
        .await?
        .ok_or(ApiError::NotFound)?;
    match stored.annotation() {
        Some(body) => Ok(representation(StatusCode::OK, Some(&body), stored.seq)),
        None => Err(ApiError::Gone(stored.seq)),
    }
}

/// PUT: replaces an annotation whose current `ETag` the client names. A
/// deleted one comes back when the client names its tombstone's tag.
pub async fn put(
    State(state): State<AppState>,
    Path((doc, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (member, article, uuid, condition) = conditional(&state, &headers, &doc, &id).await?;
    let incoming = incoming::read(&headers, body, Some(uuid)).await?;
    let (mut write, current) = matching(&state, &article, &doc, uuid, &condition).await?;
    let stored = incoming.stored(annotation_iri(&state, &doc, uuid));
    write.put(uuid, Some(&stored), &member.name).await?;
    let seq = write.commit().await?;
    tracing::info!(doc, %uuid, seq, by = member.name, revived = current.deleted, "replaced");
    Ok(representation(StatusCode::OK, Some(&stored), seq))
}

/// DELETE: leaves a tombstone that the change feed shows. Deleting what
/// is deleted already, with its tombstone's tag, changes nothing (204).
pub async fn delete(
    State(state): State<AppState>,
    Path((doc, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (member, article, uuid, condition) = conditional(&state, &headers, &doc, &id).await?;
    let (mut write, current) = matching(&state, &article, &doc, uuid, &condition).await?;
    if current.deleted {
        return Ok(representation(StatusCode::NO_CONTENT, None, current.seq));
    }
    write.put(uuid, None, &member.name).await?;
    let seq = write.commit().await?;
    tracing::info!(doc, %uuid, seq, by = member.name, "deleted");
    Ok(representation(StatusCode::NO_CONTENT, None, seq))
}
