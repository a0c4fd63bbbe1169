//! The HTTP handlers, one file per resource: a container (an article's
//! annotations), one annotation, the change feed; and what they share:
//! who is asking about which article, and the IRIs of both.

pub mod annotation;
pub mod container;
pub mod feed;

use axum::http::HeaderMap;
use claimmark_core::text::document::DocumentId;

use crate::app::AppState;
use crate::auth::{self, Member};
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

/// The IRI of a container.
pub fn container_iri(state: &AppState, doc: &str) -> String {
    format!("{}/annotations/{doc}/", state.base)
}

/// The IRI of one annotation.
pub fn annotation_iri(state: &AppState, doc: &str, uuid: uuid::Uuid) -> String {
    format!("{}{uuid}", container_iri(state, doc))
}
