//! Reading a request body into an annotation to store: the size cap, the
//! media type, and claimmark-core's importer (the same limits and messages
//! as the widget's import). What is stored is the annotation as sent, with
//! the server's IRI as `id` and the claim's `urn:uuid:` kept in `via`
//! (W3C protocol §5.1), so that nothing another client wrote is lost.

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap};
use claimmark_core::interchange::validate::parse_import;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::problem::ApiError;
use crate::protocol::CONTEXT;

/// The largest body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// An annotation that passed the importer.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The claim's id.
    pub uuid: Uuid,
    /// The JSON object as sent (its `id` still the client's).
    pub object: Map<String, Value>,
}

impl Incoming {
    /// The JSON to store and serve: `id` the server's IRI, `via` the
    /// claim's `urn:uuid:`.
    pub fn stored(mut self, iri: String) -> Value {
        if !self.object.contains_key("@context") {
            self.object.insert("@context".into(), Value::from(CONTEXT));
        }
        self.object.insert("id".into(), Value::from(iri));
        self.object
            .insert("via".into(), Value::from(format!("urn:uuid:{}", self.uuid)));
        Value::Object(self.object)
    }
}

/// Reads the body of a POST or PUT. `url_id` is the id in a PUT's URL: the
/// body's must be the same. A body without an `id` gets `url_id`, else
/// the UUID of a `Slug` header, else a new one.
pub async fn read(
    headers: &HeaderMap,
    body: Body,
    url_id: Option<Uuid>,
) -> Result<Incoming, ApiError> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "application/ld+json" && essence != "application/json" {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(MAX_BODY_BYTES))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| invalid("the body is not UTF-8 text".into(), Vec::new()))?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| invalid(format!("the body is not valid JSON: {e}"), Vec::new()))?;
    let Value::Object(mut object) = value else {
        return Err(invalid(
            "send one W3C Annotation, a JSON object, per request".into(),
            Vec::new(),
        ));
    };
    if !object.contains_key("id") {
        let slug = headers
            .get("slug")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| Uuid::parse_str(v.trim().trim_start_matches("urn:uuid:")).ok());
        let id = url_id.or(slug).unwrap_or_else(Uuid::new_v4);
        object.insert("id".into(), Value::from(format!("urn:uuid:{id}")));
    }
    let checked = serde_json::to_string(&object).map_err(|_| ApiError::Internal)?;
    let parsed = parse_import(&checked, None).map_err(|e| invalid(e.to_string(), Vec::new()))?;
    if !parsed.rejected.is_empty() {
        let errors: Vec<String> = parsed
            .rejected
            .iter()
            .map(|r| format!("the annotation {}", r.reason))
            .collect();
        let detail = errors.join("; ");
        return Err(invalid(detail, errors));
    }
    let Some(annotation) = parsed.annotations.first() else {
        return Err(invalid("the body holds no annotation".into(), Vec::new()));
    };
    let uuid = annotation.id.0;
    if url_id.is_some_and(|given| given != uuid) {
        return Err(invalid(
            "the annotation's id is not the one in the URL".into(),
            Vec::new(),
        ));
    }
    Ok(Incoming { uuid, object })
}

fn invalid(detail: String, errors: Vec<String>) -> ApiError {
    let errors = if errors.is_empty() {
        vec![detail.clone()]
    } else {
        errors
    };
    ApiError::Invalid { detail, errors }
}
