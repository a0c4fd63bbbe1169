//! Every error the API answers, as an RFC 9457 problem document
//! (`application/problem+json`): [`ApiError`] and its response. Database
//! failures are logged here and never shown to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use thiserror::Error;

use crate::protocol::{etag, set_field};

/// Why a request was not done. Each becomes one status code.
#[derive(Debug, Error)]
pub enum ApiError {
    /// No token, or one the server does not know, on something private.
    #[error("a valid token is needed: send \"Authorization: Bearer TOKEN\"")]
    Unauthorized,
    /// The token may read but not write.
    #[error("this token may only read; ask the desk for an editor's token")]
    Forbidden,
    /// Unknown, or another desk's.
    #[error("no such article or annotation")]
    NotFound,
    /// The annotation was deleted; its tombstone has this change number.
    #[error("the annotation was deleted")]
    Gone(i64),
    /// The id exists already (live or deleted) at this change number.
    #[error("an annotation with this id exists already; change it with PUT and If-Match")]
    Conflict(i64),
    /// `If-Match` names an older version than this change number.
    #[error("the annotation changed since you read it: GET it again (ETag {}), merge, and retry", etag(*.0))]
    PreconditionFailed(i64),
    /// PUT or DELETE without `If-Match`.
    #[error("send If-Match with the ETag you last read, so that no one's change is lost")]
    PreconditionRequired,
    /// The body was read and refused by claimmark-core's importer.
    #[error("{detail}")]
    Invalid {
        /// The whole reason, one sentence.
        detail: String,
        /// One sentence per refused part.
        errors: Vec<String>,
    },
    /// A query parameter or header that cannot be read.
    #[error("{0}")]
    BadRequest(String),
    /// A body over the cap.
    #[error("the body is larger than the {0} bytes accepted")]
    TooLarge(usize),
    /// A body that is not JSON.
    #[error("send the annotation as application/ld+json or application/json")]
    UnsupportedMediaType,
    /// Over the request rate for this token or address.
    #[error("too many requests; retry after {0} s")]
    TooManyRequests(u64),
    /// PostgreSQL did not answer.
    #[error("the database is not answering; retry shortly")]
    Unavailable,
    /// A database error that is the server's fault.
    #[error("internal error")]
    Internal,
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::warn!(%error, "database unavailable");
                ApiError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::Internal
            }
        }
    }
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Invalid { .. } | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut problem = json!({
            "type": "about:blank",
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "detail": self.to_string(),
        });
        if let ApiError::Invalid { errors, .. } = &self {
            set_field(&mut problem, "errors", json!(errors));
        }
        let mut response = (status, problem.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self {
            ApiError::Unauthorized => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"claimmark\""),
                );
            }
            ApiError::Gone(seq) | ApiError::Conflict(seq) | ApiError::PreconditionFailed(seq) => {
                if let Ok(value) = HeaderValue::from_str(&etag(seq)) {
                    headers.insert(header::ETAG, value);
                }
            }
            ApiError::TooManyRequests(seconds) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            _ => {}
        }
        response
    }
}
