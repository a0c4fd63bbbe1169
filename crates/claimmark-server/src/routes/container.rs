//! An article's container: GET lists its annotations as an
//! `AnnotationCollection` with inline pages (honouring `Prefer`), POST
//! creates one (201, `Location`, `ETag`).

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::{annotation_iri, caller_and_article, container_iri, number, readable_article};
use crate::app::AppState;
use crate::auth::check_write;
use crate::db::{self, Article};
use crate::incoming;
use crate::problem::ApiError;
use crate::protocol::{
    etag, preference, set_field, set_protocol_headers, Preference, ALLOW_ANNOTATION,
    ALLOW_CONTAINER, ANNOTATION_LINKS, CONTAINER_LINKS, CONTEXT,
};

/// Annotations per page.
pub const PAGE_SIZE: i64 = 100;

/// GET (and HEAD) of a container, or of one of its pages with `?page=N`.
pub async fn get(
    State(state): State<AppState>,
    Path(doc): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let article = readable_article(&state, &headers, &doc).await?;
    let preference = preference(&headers);
    let total = db::count_live(&state.pool, article.id).await?;
    let container = container_iri(&state, &doc);
    let body = match query.get("page") {
        Some(_) => {
            let number = number(&query, "page", 0)?;
            let iris = query.get("iris").is_some_and(|v| v == "1");
            let mut page = page(&state, &article, &container, total, number, iris).await?;
            set_field(&mut page, "@context", json!(CONTEXT));
            page
        }
        None => collection(&state, &article, &container, total, preference).await?,
    };
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    let headers = response.headers_mut();
    set_protocol_headers(headers, ALLOW_CONTAINER, CONTAINER_LINKS);
    if let Ok(value) = HeaderValue::from_str(&etag(article.seq)) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}

/// The collection: its first page inline unless `Prefer` asks otherwise.
async fn collection(
    state: &AppState,
    article: &Article,
    container: &str,
    total: i64,
    preference: Preference,
) -> Result<Value, ApiError> {
    let mut body = json!({
        "@context": [CONTEXT, "http://www.w3.org/ns/ldp.jsonld"],
        "id": container,
        "type": ["BasicContainer", "AnnotationCollection"],
        "total": total,
    });
    if total == 0 {
        return Ok(body);
    }
    let last = (total - 1) / PAGE_SIZE;
    let iris = preference == Preference::ContainedIris;
    let suffix = if iris { "&iris=1" } else { "" };
    set_field(
        &mut body,
        "last",
        json!(format!("{container}?page={last}{suffix}")),
    );
    set_field(
        &mut body,
        "first",
        match preference {
            Preference::MinimalContainer => json!(format!("{container}?page=0")),
            _ => page(state, article, container, total, 0, iris).await?,
        },
    );
    Ok(body)
}

/// Page `number`: the annotations, or their IRIs.
async fn page(
    state: &AppState,
    article: &Article,
    container: &str,
    total: i64,
    number: i64,
    iris: bool,
) -> Result<Value, ApiError> {
    let start = number.saturating_mul(PAGE_SIZE);
    let rows = db::page(&state.pool, article.id, start, PAGE_SIZE).await?;
    let items: Vec<Value> = rows
        .into_iter()
        .filter_map(|row| match (iris, row.annotation()) {
            (true, Some(body)) => body.get("id").cloned(),
            (_, body) => body,
        })
        .collect();
    let suffix = if iris { "&iris=1" } else { "" };
    let mut page = json!({
        "id": format!("{container}?page={number}{suffix}"),
        "type": "AnnotationPage",
        "partOf": {"id": container, "total": total},
        "startIndex": start,
        "items": items,
    });
    if start + PAGE_SIZE < total {
        set_field(
            &mut page,
            "next",
            json!(format!("{container}?page={}{suffix}", number + 1)),
        );
    }
    if number > 0 {
        set_field(
            &mut page,
            "prev",
            json!(format!("{container}?page={}{suffix}", number - 1)),
        );
    }
    Ok(page)
}

/// POST: creates an annotation. Its `urn:uuid:` (or the `Slug`) picks
/// its IRI; an id that exists, even deleted, is a 409 with its ETag.
pub async fn post(
    State(state): State<AppState>,
    Path(doc): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (caller, article) = caller_and_article(&state, &headers, &doc).await?;
    let member = check_write(caller.as_ref(), article.as_ref())?;
    let incoming = incoming::read(&headers, body, None).await?;
    let uuid = incoming.uuid;
    let mut write = db::begin_write(&state.pool, member.desk_id, &doc, article.is_some())
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(existing) = write.current(uuid).await? {
        return Err(ApiError::Conflict(existing.seq));
    }
    let iri = annotation_iri(&state, &doc, uuid);
    let stored = incoming.stored(iri.clone());
    write.put(uuid, Some(&stored), &member.name).await?;
    let seq = write.commit().await?;
    tracing::info!(doc, %uuid, seq, by = member.name, "created");
    created(stored, &iri, seq)
}

/// The 201 of a POST.
fn created(stored: Value, iri: &str, seq: i64) -> Result<Response, ApiError> {
    let mut response = (StatusCode::CREATED, stored.to_string()).into_response();
    let headers = response.headers_mut();
    set_protocol_headers(headers, ALLOW_ANNOTATION, ANNOTATION_LINKS);
    let location = HeaderValue::from_str(iri).map_err(|_| ApiError::Internal)?;
    headers.insert(header::LOCATION, location);
    let tag = HeaderValue::from_str(&etag(seq)).map_err(|_| ApiError::Internal)?;
    headers.insert(header::ETAG, tag);
    Ok(response)
}
