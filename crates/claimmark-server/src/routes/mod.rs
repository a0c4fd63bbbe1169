//! The HTTP handlers, one file per resource: a container (an article's
//! annotations), one annotation, the change feed; and what they share:
//! who is asking about which article, and the IRIs of both.

pub mod annotation;
pub mod container;
pub mod feed;

use std::collections::HashMap;

use axum::http::HeaderMap;
use claimmark_core::text::document::DocumentId;

use crate::app::AppState;
use crate::auth::{self, check_read, Member};
use crate::db::{self, Article};
use crate::problem::ApiError;

/// The caller and the article a request is about (`None`: no such article).
pub async fn caller_and_article(
    state: &AppState,
    headers: &HeaderMap,
    doc: &str,
) -> Result<(Option<Member>, Option<Article>), ApiError> {
    // A document id the widget could never have is no article (404).
    DocumentId::parse(doc).map_err(|_| ApiError::NotFound)?;
    let member = auth::member(&state.pool, headers).await?;
    let article = db::article(&state.pool, doc).await?;
    Ok((member, article))
}

/// The article a read is about, when the caller may read it (401 or 404
/// otherwise, as [`check_read`] decides).
pub async fn readable_article(
    state: &AppState,
    headers: &HeaderMap,
    doc: &str,
) -> Result<Article, ApiError> {
    let (caller, article) = caller_and_article(state, headers, doc).await?;
    check_read(caller.as_ref(), article.as_ref())?;
    article.ok_or(ApiError::NotFound)
}

/// A query parameter that must be a whole number from 0 (`default` when
/// absent or empty).
pub fn number(query: &HashMap<String, String>, name: &str, default: i64) -> Result<i64, ApiError> {
    match query.get(name).filter(|raw| !raw.is_empty()) {
        None => Ok(default),
        Some(raw) => {
            raw.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                ApiError::BadRequest(format!("{name} {raw:?} is not a number from 0"))
            })
        }
    }
}

/// The IRI of a container.
pub fn container_iri(state: &AppState, doc: &str) -> String {
    format!("{}/annotations/{doc}/", state.base)
}

/// The IRI of one annotation.
pub fn annotation_iri(state: &AppState, doc: &str, uuid: uuid::Uuid) -> String {
    format!("{}{uuid}", container_iri(state, doc))
}
