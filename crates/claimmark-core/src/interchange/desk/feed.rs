//! Reading the desk server's JSON: a page of the change feed
//! (`GET {container}changes?since=…`) and one annotation (`GET` after a
//! 412 or a 409), as [`RemoteChange`]s. Every annotation goes through the
//! importer ([`parse_import`]), the same checks as any import; a change
//! the importer refuses is left out (the server checked it too, so that
//! means a newer server than this widget).
//!
//! Not here: what the changes do ([`super::take_remote`]).

use serde_json::Value;
use thiserror::Error;

use super::{RemoteChange, RemoteCopy};
use crate::interchange::validate::parse_import;
use crate::model::annotation::{AnnotationId, Timestamp};
use crate::text::document::Document;

/// A feed answer that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedError {
    /// Not JSON.
    #[error("the server's answer is not JSON: {0}")]
    Json(String),
    /// JSON, but not a feed page (no `cursor`, or `changes` not a list).
    #[error("the server's answer is not a change feed")]
    Shape,
}

/// One answer of the change feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedPage {
    /// The cursor to ask from next (opaque).
    pub cursor: String,
    /// The changes, in the order they were committed.
    pub changes: Vec<RemoteChange>,
}

/// Reads a feed answer; annotations are read for `document`.
pub fn parse_feed(json: &str, document: &Document) -> Result<FeedPage, FeedError> {
    let value: Value = serde_json::from_str(json).map_err(|e| FeedError::Json(e.to_string()))?;
    let cursor = match value.get("cursor") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(FeedError::Shape),
    };
    let Some(items) = value.get("changes").and_then(Value::as_array) else {
        return Err(FeedError::Shape);
    };
    let changes = items
        .iter()
        .filter_map(|item| change_of(item, document))
        .collect();
    Ok(FeedPage { cursor, changes })
}

fn change_of(item: &Value, document: &Document) -> Option<RemoteChange> {
    let text = |key: &str| item.get(key).and_then(Value::as_str);
    let etag = text("etag").unwrap_or_default().to_owned();
    let changed_by = text("changedBy").map(str::to_owned);
    if item.get("deleted").and_then(Value::as_bool) == Some(true) {
        let id = id_of(text("id")?)?;
        let at = text("changedAt").and_then(|t| Timestamp::parse(t).ok());
        return Some(RemoteChange {
            id,
            etag,
            changed_by,
            copy: RemoteCopy::Deleted(at),
        });
    }
    let annotation = one_annotation(item.get("annotation")?, document)?;
    Some(RemoteChange {
        id: annotation.id,
        etag,
        changed_by,
        copy: RemoteCopy::Live(Box::new(annotation)),
    })
}

/// Reads one annotation as a `GET` answered it (`200`, with `etag`); `None`
/// when the importer refuses it.
pub fn parse_one(json: &str, etag: &str, document: &Document) -> Option<RemoteChange> {
    let value: Value = serde_json::from_str(json).ok()?;
    let annotation = one_annotation(&value, document)?;
    Some(RemoteChange {
        id: annotation.id,
        etag: etag.to_owned(),
        changed_by: None,
        copy: RemoteCopy::Live(Box::new(annotation)),
    })
}

fn one_annotation(
    value: &Value,
    document: &Document,
) -> Option<crate::model::annotation::Annotation> {
    let parsed = parse_import(&value.to_string(), Some(document)).ok()?;
    parsed.annotations.into_iter().next()
}

/// A claim id as the feed may write it: a UUID, `urn:uuid:…`, or the
/// server's IRI ending in the UUID.
pub fn id_of(raw: &str) -> Option<AnnotationId> {
    let last = raw.trim().trim_end_matches('/').rsplit(['/', ':']).next()?;
    last.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{create, edit, start};
    use super::super::{annotation_body, RemoteCopy};
    use super::*;
    use crate::test_support::id;

    #[test]
    fn the_feed_and_one_annotation_read_back() {
        let state = edit(create(start(), 1, 1), 1, 15);
        let claim = state
            .claims
            .first()
            .cloned()
            .unwrap_or_else(|| panic!("a claim"));
        let body = annotation_body(&state.document, &claim).unwrap_or_else(|| panic!("a body"));
        assert!(
            body.contains(&format!("\"id\":\"urn:uuid:{}\"", id(1))),
            "{body}"
        );
        let mut held: serde_json::Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}"));
        held["via"] = held["id"].clone();
        held["id"] = format!("http://127.0.0.1:9/annotations/doc/{}", id(9)).into();
        let feed = serde_json::json!({
            "cursor": 42,
            "changes": [
                {"id": id(1).to_string(), "etag": "\"17\"", "changedBy": "Ana", "changedAt": "2026-12-07T21:40:00Z", "deleted": false, "annotation": held},
                {"id": format!("urn:uuid:{}", id(2)), "etag": "\"18\"", "changedBy": "Ben", "changedAt": "2026-12-07T21:40:02Z", "deleted": true},
                {"id": "not-a-uuid", "etag": "\"19\"", "deleted": true},
                {"id": "x", "etag": "\"20\"", "deleted": false, "annotation": {"type": "Nonsense"}}
            ]
        });
        let page = parse_feed(&feed.to_string(), &state.document).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.cursor, "42");
        assert_eq!(page.changes.len(), 2, "unreadable changes are left out");
        let first = page
            .changes
            .first()
            .cloned()
            .unwrap_or_else(|| panic!("one"));
        assert_eq!((first.id, first.etag.as_str()), (id(1), "\"17\""));
        match &first.copy {
            RemoteCopy::Live(a) => assert_eq!(a.modified, Timestamp(15)),
            other => panic!("{other:?}"),
        }
        assert_eq!(page.changes.get(1).map(|c| c.id), Some(id(2)));
        assert!(matches!(
            page.changes.get(1).map(|c| &c.copy),
            Some(RemoteCopy::Deleted(Some(_)))
        ));
        assert_eq!(parse_feed("[]", &state.document), Err(FeedError::Shape));
        assert!(matches!(
            parse_feed("{", &state.document),
            Err(FeedError::Json(_))
        ));
        let one = parse_one(&body, "\"5\"", &state.document).unwrap_or_else(|| panic!("one"));
        assert_eq!((one.id, one.etag.as_str()), (id(1), "\"5\""));
        assert_eq!(
            id_of(&format!("http://h/annotations/d/{}/", id(3))),
            Some(id(3))
        );
    }
}
