//! Writing the storage envelope: one namespaced key per document
//! ([`crate::storage::keys::document_key`]) holds
//! `{"schema": 2, "document", "textHash", ("textKept" | "text")?, "claims", "deletions"?}`,
//! its claims and tombstones in the compact rows of
//! [`crate::storage::compact`]. `text` is kept for articles a person loaded
//! by hand (under its own key when there is room); without it, `textHash`
//! names the version of the article the claims were written against.
//! Schema 1 ([`LegacyEnvelope`]) is still read ([`crate::storage::load`]);
//! the next save writes schema 2.

use serde::{Deserialize, Serialize};

use crate::model::annotation::{Annotation, Deletion};
use crate::state::store::State;
use crate::storage::compact::{DeletionRef, RowRef};
use crate::storage::key_value::{KeyValueStore, StorageError};
use crate::storage::keys::{document_key, text_key};
use crate::storage::row_cache::{save_state_cached, RowCache};
use crate::text::document::{Document, DocumentId};

/// The envelope schema this code writes and fully understands.
pub const SCHEMA_VERSION: u32 = 2;

/// What schema 1 stored under a document's key: every claim as a full
/// annotation object. Still read; no longer written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyEnvelope {
    /// 1.
    pub schema: u32,
    /// The document the annotations belong to.
    pub document: DocumentId,
    /// The article's text, kept for articles a person loaded by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The claims.
    pub annotations: Vec<Annotation>,
    /// Tombstones of deleted claims, for merges; absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deletions: Vec<Deletion>,
}

/// Writes the envelope of `document` without tombstones, its text kept
/// when `keep_text`. Kept for callers that predate tombstones;
/// [`save_state`] writes everything a state holds.
pub fn save(
    store: &dyn KeyValueStore,
    document: &Document,
    keep_text: bool,
    annotations: &[Annotation],
) -> Result<(), StorageError> {
    save_with_deletions(store, document, keep_text, annotations, &[])
}

/// Writes a state's envelope: its claims, its tombstones, and the article's
/// text when the state keeps it (see [`crate::storage::row_cache`] for the saver
/// that reuses the rows of unchanged claims).
pub fn save_state(store: &dyn KeyValueStore, state: &State) -> Result<(), StorageError> {
    save_state_cached(store, state, &mut RowCache::default())
}

/// Writes the envelope of `document` with its tombstones.
pub fn save_with_deletions(
    store: &dyn KeyValueStore,
    document: &Document,
    keep_text: bool,
    annotations: &[Annotation],
    deletions: &[Deletion],
) -> Result<(), StorageError> {
    let placement = place_text(store, document, keep_text, false)?;
    let json = (|| {
        let mut json = envelope_head(document, placement)?;
        for (n, annotation) in annotations.iter().enumerate() {
            if n > 0 {
                json.push(',');
            }
            json.push_str(&row_json(annotation, document, keep_text)?);
        }
        json.push_str(&envelope_tail(deletions)?);
        Ok(json)
    })()
    .map_err(|e: serde_json::Error| StorageError::Failed(e.to_string()))?;
    store.set(&document_key(document.id()), &json)
}

/// Where an envelope says the article's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPlacement {
    /// Not stored (an embedded article): `textHash` names its version.
    Nowhere,
    /// Under [`text_key`], raw (`"textKept": true`): written once, so a
    /// save writes only the claims.
    Key,
    /// Inside the envelope (`"text"`): when storage is too full for the
    /// text key (a schema 1 envelope being replaced, which holds the text
    /// and is larger); the next save tries the key again.
    Inline,
}

/// Where a save puts the text: nowhere unless `keep_text`; else under its
/// key, written now unless `written` says it already was this session; in
/// the envelope when storage is too full for the key.
pub fn place_text(
    store: &dyn KeyValueStore,
    document: &Document,
    keep_text: bool,
    written: bool,
) -> Result<TextPlacement, StorageError> {
    if !keep_text {
        return Ok(TextPlacement::Nowhere);
    }
    if written {
        return Ok(TextPlacement::Key);
    }
    match store.set(&text_key(document.id()), document.text()) {
        Ok(()) => Ok(TextPlacement::Key),
        Err(StorageError::QuotaExceeded) => Ok(TextPlacement::Inline),
        Err(error) => Err(error),
    }
}

/// The envelope up to its first claim:
/// `{"schema":2,"document":…,"textHash":…,("textKept":true|"text":…),"claims":[`
pub fn envelope_head(
    document: &Document,
    placement: TextPlacement,
) -> Result<String, serde_json::Error> {
    let mut head = format!(
        "{{\"schema\":{SCHEMA_VERSION},\"document\":{},\"textHash\":\"{}\"",
        serde_json::to_string(document.id())?,
        document.text_hash()
    );
    match placement {
        TextPlacement::Nowhere => {}
        TextPlacement::Key => head.push_str(",\"textKept\":true"),
        TextPlacement::Inline => {
            head.push_str(",\"text\":");
            head.push_str(&serde_json::to_string(document.text())?);
        }
    }
    head.push_str(",\"claims\":[");
    Ok(head)
}

/// One claim's row (see [`crate::storage::compact`]); `text_kept`: the envelope's
/// article text is stored.
pub fn row_json(
    annotation: &Annotation,
    document: &Document,
    text_kept: bool,
) -> Result<String, serde_json::Error> {
    serde_json::to_string(&RowRef {
        annotation,
        document,
        text_kept,
    })
}

/// The envelope after its last claim: `]`, the tombstones if any, `}`.
pub fn envelope_tail(deletions: &[Deletion]) -> Result<String, serde_json::Error> {
    let mut tail = "]".to_owned();
    if !deletions.is_empty() {
        tail.push_str(",\"deletions\":");
        tail.push_str(&serde_json::to_string(
            &deletions.iter().map(DeletionRef).collect::<Vec<_>>(),
        )?);
    }
    tail.push('}');
    Ok(tail)
}
