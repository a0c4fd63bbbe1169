//! The storage envelope and the rules for reading and writing it.
//!
//! One namespaced key per document (`claimmark:v1:doc:<id>`) holds a
//! versioned envelope:
//! `{"schema": 2, "document", "text"?, "textHash"?, "claims", "deletions"?}`,
//! its claims and tombstones in the compact form of [`crate::storage::compact`].
//! `text` is kept for articles a person loaded by hand; without it,
//! `textHash` names the version of the article the claims were written
//! against. Schema 1 (W3C-like objects, [`LegacyEnvelope`]) is still read,
//! and the next save writes schema 2.
//!
//! [`load`] reads the envelope through any [`KeyValueStore`] and never
//! loses data: corrupt or foreign contents, and claims it cannot read, are
//! copied aside under a new key before anything is written over them; a
//! newer schema makes the session read-only. [`save_state`] writes a
//! state's envelope, tombstones included; [`save`] writes one without
//! them. The browser's localStorage adapter lives in the UI layer; tests
//! use [`MemoryStore`].

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::annotation::{Annotation, Deletion, Timestamp};
use crate::state::notice::{Notice, SetAsideReason};
use crate::state::store::State;
use crate::storage::compact::{self, DeletionRef, DeletionRow, Row, RowRef};
use crate::storage::row_cache::{save_state_cached, RowCache};
use crate::text::document::{Document, DocumentId};

/// The envelope schema this code writes and fully understands.
pub const SCHEMA_VERSION: u32 = 2;

/// Every key this widget owns starts with this; it touches no other key.
pub const KEY_PREFIX: &str = "claimmark:v1:";

/// The key of a document's envelope.
pub fn document_key(id: &DocumentId) -> String {
    format!("{KEY_PREFIX}doc:{id}")
}

/// The key where the demo page remembers the article last opened.
pub fn current_document_key() -> String {
    format!("{KEY_PREFIX}demo:current")
}

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

/// A key-value store such as localStorage.
pub trait KeyValueStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Writes `value` under `key`; on error the old value survives.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
}

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// Blocked or missing (sandboxed frame, privacy settings).
    #[error("browser storage is not available ({0})")]
    Unavailable(String),
    /// The origin's quota is used up.
    #[error("browser storage is full")]
    QuotaExceeded,
    /// Any other failure.
    #[error("browser storage failed ({0})")]
    Failed(String),
}

/// The result of reading a document's key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    /// The claims that could be read.
    pub annotations: Vec<Annotation>,
    /// The tombstones that could be read.
    pub deletions: Vec<Deletion>,
    /// Whether the envelope kept the article's text.
    pub text_kept: bool,
    /// The kept text as a document (with the envelope's id), unless it is
    /// the text of the `current` document given to [`load`].
    pub document: Option<Document>,
    /// What the person must be told.
    pub notices: Vec<Notice>,
}

impl Loaded {
    /// True when nothing may be written under the key this session.
    pub fn read_only(&self) -> bool {
        self.notices.iter().any(Notice::blocks_saving)
    }
}

/// Reads the envelope of `id`. Never fails: problems become notices, and
/// anything not understood is copied aside first (named with `now`).
/// `current`: the article about to be shown, if already built; compact
/// claims that name no text of their own are read against it when it is
/// the version they were written against.
pub fn load(
    store: &dyn KeyValueStore,
    id: &DocumentId,
    now: Timestamp,
    current: Option<&Document>,
) -> Loaded {
    let key = document_key(id);
    let raw = match store.get(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::default(),
        Err(_) => {
            return Loaded {
                notices: vec![Notice::Unavailable],
                ..Loaded::default()
            }
        }
    };
    let stored_text = || store.get(&text_key(id)).ok().flatten();
    let against = Against {
        id,
        current,
        stored_text: &stored_text,
    };
    match decode(&raw, &against) {
        Decoded::Envelope(read) if read.unreadable == 0 => read.into_loaded(Vec::new()),
        Decoded::Envelope(read) => {
            let notice = match set_aside(store, &key, &raw, now) {
                Some(copy) => Notice::PartlyUnreadable {
                    key: copy,
                    unreadable: read.unreadable,
                },
                None => Notice::Protected,
            };
            read.into_loaded(vec![notice])
        }
        Decoded::Newer { found, annotations } => Loaded {
            annotations,
            notices: vec![Notice::NewerSchema { found }],
            ..Loaded::default()
        },
        Decoded::Unusable(reason) => {
            let notice = match set_aside(store, &key, &raw, now) {
                Some(copy) => Notice::SetAside { key: copy, reason },
                None => Notice::Protected,
            };
            Loaded {
                notices: vec![notice],
                ..Loaded::default()
            }
        }
    }
}

/// The claims and tombstones another tab saved for `document` (the
/// `newValue` of a `storage` event), or `None` when `raw` is not a readable
/// envelope of this document in a schema this version writes or reads.
/// Unreadable items are skipped: a merge only adds what it understands, and
/// the stored value is not touched.
pub fn parse_envelope(raw: &str, document: &Document) -> Option<(Vec<Annotation>, Vec<Deletion>)> {
    let against = Against {
        id: document.id(),
        current: Some(document),
        stored_text: &|| None,
    };
    match decode(raw, &against) {
        Decoded::Envelope(read) => Some((read.annotations, read.deletions)),
        Decoded::Newer { .. } | Decoded::Unusable(_) => None,
    }
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

/// The key under which an article loaded by hand keeps its text: raw, not
/// JSON. Its document id is the text's hash, so it never changes.
pub fn text_key(id: &DocumentId) -> String {
    format!("{KEY_PREFIX}text:{id}")
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

/// What an envelope of this document held.
struct Read {
    annotations: Vec<Annotation>,
    deletions: Vec<Deletion>,
    text_kept: bool,
    document: Option<Box<Document>>,
    unreadable: usize,
}

impl Read {
    fn into_loaded(self, notices: Vec<Notice>) -> Loaded {
        Loaded {
            annotations: self.annotations,
            deletions: self.deletions,
            text_kept: self.text_kept,
            document: self.document.map(|document| *document),
            notices,
        }
    }
}

enum Decoded {
    Envelope(Read),
    /// A newer schema: the claims this version can still read, shown
    /// read-only (the stored value is never written).
    Newer {
        found: u32,
        annotations: Vec<Annotation>,
    },
    Unusable(SetAsideReason),
}

/// The schema 2 envelope as read, typed in one pass.
#[derive(Deserialize)]
struct Envelope<C, D> {
    schema: u32,
    document: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, rename = "textHash")]
    text_hash: Option<String>,
    #[serde(default, rename = "textKept")]
    text_kept: bool,
    claims: Vec<C>,
    #[serde(default = "Vec::new")]
    deletions: Vec<D>,
}

/// What an envelope is read against: its document id, the article about
/// to be shown (if built), and a way to read the text key.
struct Against<'a> {
    id: &'a DocumentId,
    current: Option<&'a Document>,
    stored_text: &'a dyn Fn() -> Option<String>,
}

/// Schema 1's outer shape, with annotations left raw so that one bad item
/// does not hide the others.
#[derive(Deserialize)]
struct RawLegacyEnvelope {
    schema: u32,
    document: String,
    #[serde(default)]
    text: Option<String>,
    annotations: Vec<serde_json::Value>,
    #[serde(default)]
    deletions: Vec<serde_json::Value>,
}

/// The article compact claims are read against: the envelope's own text,
/// or `current` when it is the text the envelope names.
enum Source<'a> {
    Shown(&'a Document),
    Stored(Box<Document>),
    Unknown,
}

impl<'a> Source<'a> {
    /// The envelope's inline text; else the shown article when its hash is
    /// the envelope's; else the text key's text when the envelope kept one
    /// and it is the version the hash names.
    fn find(
        inline: Option<String>,
        text_hash: Option<&str>,
        text_kept: bool,
        against: &Against<'a>,
    ) -> Self {
        let id = against.id;
        if let Some(text) = inline {
            return match against.current {
                Some(shown) if shown.text() == text => Source::Shown(shown),
                _ => Source::Stored(Box::new(Document::from_plain_text(&text, Some(id.clone())))),
            };
        }
        if let (Some(shown), Some(hash)) = (against.current, text_hash) {
            if shown.text_hash() == hash {
                return Source::Shown(shown);
            }
        }
        if text_kept {
            if let Some(text) = (against.stored_text)() {
                let document = Document::from_plain_text(&text, Some(id.clone()));
                if text_hash.is_none_or(|hash| document.text_hash() == hash) {
                    return Source::Stored(Box::new(document));
                }
            }
        }
        Source::Unknown
    }

    fn document(&self) -> Option<&Document> {
        match self {
            Source::Shown(document) => Some(document),
            Source::Stored(document) => Some(document),
            Source::Unknown => None,
        }
    }
}

fn decode(raw: &str, against: &Against<'_>) -> Decoded {
    let id = against.id;
    // The usual case: the form this widget writes, read by a scanner
    // (`compact::scan_envelope`), or else typed rows in one serde pass;
    // anything else (another schema or document, one bad item) takes the
    // careful path below, which finds out what is wrong and keeps what it
    // can.
    let scanned = compact::scan_envelope(raw, SCHEMA_VERSION)
        .filter(|scanned| scanned.document == id.as_str());
    if let Some(scanned) = scanned {
        return Decoded::Envelope(read(scanned.into(), against, Ok, |d| Some(d.0)));
    }
    if let Ok(envelope) = serde_json::from_str::<Envelope<Row, DeletionRow>>(raw) {
        if envelope.schema == SCHEMA_VERSION && envelope.document == id.as_str() {
            return Decoded::Envelope(read(envelope, against, Ok, |d| Some(d.0)));
        }
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
        return Decoded::Unusable(SetAsideReason::Corrupt);
    };
    let schema = value.get("schema").and_then(serde_json::Value::as_u64);
    match schema {
        Some(1) => decode_legacy(value, id),
        Some(found) if found > u64::from(SCHEMA_VERSION) => Decoded::Newer {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            annotations: newer_claims(value, against),
        },
        _ => decode_careful(value, against),
    }
}

impl From<compact::Scanned> for Envelope<Row, DeletionRow> {
    fn from(scanned: compact::Scanned) -> Self {
        Envelope {
            schema: SCHEMA_VERSION,
            document: scanned.document,
            text: None,
            text_hash: scanned.text_hash,
            text_kept: scanned.text_kept,
            claims: scanned.claims,
            deletions: scanned.deletions,
        }
    }
}

/// The claims and tombstones of a schema 2 envelope of this document, each
/// read with `row` / `tombstone`; what cannot be read is counted.
fn read<C, D>(
    envelope: Envelope<C, D>,
    against: &Against<'_>,
    row: impl Fn(C) -> Result<Row, serde_json::Error>,
    tombstone: impl Fn(D) -> Option<Deletion>,
) -> Read {
    let text_kept = envelope.text.is_some() || envelope.text_kept;
    let source = Source::find(
        envelope.text,
        envelope.text_hash.as_deref(),
        envelope.text_kept,
        against,
    );
    let total = envelope.claims.len() + envelope.deletions.len();
    let annotations: Vec<Annotation> = envelope
        .claims
        .into_iter()
        .filter_map(|item| row(item).ok())
        .filter_map(|row| compact::resolve(row, source.document()).ok())
        .collect();
    let deletions: Vec<Deletion> = envelope
        .deletions
        .into_iter()
        .filter_map(tombstone)
        .collect();
    Read {
        unreadable: total
            .saturating_sub(annotations.len())
            .saturating_sub(deletions.len()),
        annotations,
        deletions,
        text_kept,
        document: match source {
            Source::Stored(document) => Some(document),
            Source::Shown(_) | Source::Unknown => None,
        },
    }
}

/// Schema 2 with something wrong: every claim and tombstone read on its
/// own, and counted when it cannot be.
fn decode_careful(value: serde_json::Value, against: &Against<'_>) -> Decoded {
    let Ok(envelope) =
        serde_json::from_value::<Envelope<serde_json::Value, serde_json::Value>>(value)
    else {
        return Decoded::Unusable(SetAsideReason::Foreign);
    };
    if envelope.schema != SCHEMA_VERSION || envelope.document != against.id.as_str() {
        return Decoded::Unusable(SetAsideReason::Foreign);
    }
    Decoded::Envelope(read(envelope, against, serde_json::from_value, |item| {
        serde_json::from_value::<DeletionRow>(item)
            .ok()
            .map(|d| d.0)
    }))
}

/// What a newer schema holds that this version can read: its `claims` in
/// this version's rows, or `annotations` as schema 1 wrote them.
fn newer_claims(value: serde_json::Value, against: &Against<'_>) -> Vec<Annotation> {
    let text = value
        .get("text")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    let hash = value.get("textHash").and_then(serde_json::Value::as_str);
    let kept = value.get("textKept").and_then(serde_json::Value::as_bool) == Some(true);
    let source = Source::find(text, hash, kept, against);
    let items = |field: &str| {
        value
            .get(field)
            .and_then(serde_json::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut annotations: Vec<Annotation> = items("claims")
        .into_iter()
        .filter_map(|item| serde_json::from_value::<Row>(item).ok())
        .filter_map(|row| compact::resolve(row, source.document()).ok())
        .collect();
    annotations.extend(
        items("annotations")
            .into_iter()
            .filter_map(|item| serde_json::from_value::<Annotation>(item).ok()),
    );
    annotations
}

/// Schema 1: full annotation objects; one bad item does not hide others.
fn decode_legacy(value: serde_json::Value, id: &DocumentId) -> Decoded {
    let Ok(envelope) = serde_json::from_value::<RawLegacyEnvelope>(value) else {
        return Decoded::Unusable(SetAsideReason::Foreign);
    };
    if envelope.schema != 1 || envelope.document != id.as_str() {
        return Decoded::Unusable(SetAsideReason::Foreign);
    }
    let total = envelope.annotations.len() + envelope.deletions.len();
    let annotations: Vec<Annotation> = envelope
        .annotations
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect();
    let deletions: Vec<Deletion> = envelope
        .deletions
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect();
    Decoded::Envelope(Read {
        unreadable: total
            .saturating_sub(annotations.len())
            .saturating_sub(deletions.len()),
        annotations,
        deletions,
        text_kept: envelope.text.is_some(),
        document: envelope
            .text
            .map(|text| Box::new(Document::from_plain_text(&text, Some(id.clone())))),
    })
}

/// Copies `raw` to a fresh key beside `key`; `None` when it cannot.
fn set_aside(store: &dyn KeyValueStore, key: &str, raw: &str, now: Timestamp) -> Option<String> {
    (0..100).find_map(|attempt| {
        let candidate = match attempt {
            0 => format!("{key}:set-aside:{}", now.0),
            n => format!("{key}:set-aside:{}-{n}", now.0),
        };
        match store.get(&candidate) {
            Ok(None) => store.set(&candidate, raw).ok().map(|()| candidate),
            _ => None,
        }
    })
}

/// An in-memory [`KeyValueStore`] with an optional quota in UTF-16 units
/// (as Chromium counts), for tests and for storage-less embedding.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    quota_units: Option<usize>,
    unavailable: bool,
}

impl MemoryStore {
    /// A store that refuses writes beyond `units` UTF-16 units in all.
    pub fn with_quota(units: usize) -> Self {
        MemoryStore {
            quota_units: Some(units),
            ..MemoryStore::default()
        }
    }

    /// A store that fails every call, as a blocked localStorage does.
    pub fn unavailable() -> Self {
        MemoryStore {
            unavailable: true,
            ..MemoryStore::default()
        }
    }

    /// Every key and value, for assertions.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.borrow().clone()
    }

    fn units(text: &str) -> usize {
        text.encode_utf16().count()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("blocked".to_owned()));
        }
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("blocked".to_owned()));
        }
        let mut entries = self.entries.borrow_mut();
        if let Some(quota) = self.quota_units {
            let others: usize = entries
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| Self::units(k) + Self::units(v))
                .sum();
            if others + Self::units(key) + Self::units(value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotation::{
        AnnotationId, SourceUrl, Target, TextPositionSelector, TextQuoteSelector,
    };
    use crate::model::certainty::Certainty;
    use crate::model::certainty_change::CertaintyChange;
    use crate::storage::row_cache::{save_state_cached, RowCache};
    use std::rc::Rc;

    fn doc_id() -> DocumentId {
        DocumentId::parse("story-1").expect("valid")
    }

    const TEXT: &str = "The date 2026: Hundreds 😀 have gathered, officials said.";

    fn document() -> Document {
        Document::from_plain_text(TEXT, Some(doc_id()))
    }

    /// A claim on "Hundreds 😀" of [`TEXT`], described as `describe` would.
    fn claim(seed: u8) -> Annotation {
        Annotation {
            id: AnnotationId::from_random_bytes([seed; 16]),
            target: Target {
                quote: TextQuoteSelector {
                    exact: "Hundreds 😀".to_owned(),
                    prefix: "The date 2026: ".to_owned(),
                    suffix: " have gathered, officials said.".to_owned(),
                },
                position: TextPositionSelector { start: 15, end: 25 },
            },
            certainty: Certainty::Unclear,
            note: "<b>not html</b>".to_owned(),
            sources: Vec::new(),
            tags: Vec::new(),
            created: Timestamp(1_772_013_600_000),
            modified: Timestamp(1_772_013_600_500),
            history: Vec::new(),
        }
    }

    /// Claims of every shape the compact form distinguishes.
    fn every_shape() -> Vec<Annotation> {
        let mut all = vec![claim(1)];
        let mut rich = claim(2);
        rich.note = "Line one\nline \"two\"".to_owned();
        rich.sources = vec![SourceUrl::parse("https://example.org/a?b=1").expect("url")];
        rich.tags = vec!["police".to_owned(), "numbers".to_owned()];
        rich.history = vec![
            CertaintyChange {
                from: None,
                to: Certainty::Confirmed,
                at: rich.created,
                by: None,
            },
            CertaintyChange {
                from: Some(Certainty::Confirmed),
                to: Certainty::Unclear,
                at: Timestamp(rich.created.0 + 60_000),
                by: None,
            },
            CertaintyChange {
                from: None,
                to: Certainty::Unconfirmed,
                at: Timestamp(rich.created.0 - 5),
                by: Some("Ana".to_owned()),
            },
        ];
        all.push(rich);
        let quote = |exact: &str, prefix: &str, suffix: &str| TextQuoteSelector {
            exact: exact.to_owned(),
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        };
        let at = |start, end| TextPositionSelector { start, end };
        let variants: [(u8, Option<TextPositionSelector>, Option<TextQuoteSelector>); 6] = [
            // Placed by its quote elsewhere than its position says.
            (3, Some(at(0, 8)), None),
            // An orphan: its quote is nowhere in the text.
            (
                4,
                None,
                Some(quote("a sentence since edited away", "before ", "")),
            ),
            // Positions past the end, reversed, and an empty quote.
            (5, Some(at(50, 900)), None),
            (6, Some(at(25, 15)), None),
            (7, None, Some(quote("", "", ""))),
            // The same words, but its context recorded before an edit.
            (
                8,
                None,
                Some(quote(
                    "Hundreds 😀",
                    "On the date 2026: ",
                    " have gathered, officials said.",
                )),
            ),
        ];
        for (seed, position, changed) in variants {
            let mut variant = claim(seed);
            if let Some(position) = position {
                variant.target.position = position;
            }
            if let Some(changed) = changed {
                variant.target.quote = changed;
                variant.certainty = Certainty::Confirmed;
            }
            all.push(variant);
        }
        all
    }

    #[test]
    fn every_claim_reads_back_equal_against_the_same_text() {
        let doc = document();
        let claims = every_shape();
        let deletions = vec![Deletion {
            id: AnnotationId::from_random_bytes([9; 16]),
            at: Timestamp(1_772_013_700_000),
        }];
        for keep_text in [true, false] {
            let store = MemoryStore::default();
            save_with_deletions(&store, &doc, keep_text, &claims, &deletions).expect("saved");
            let keys: Vec<String> = store.snapshot().into_keys().collect();
            let mut expected = vec!["claimmark:v1:doc:story-1".to_owned()];
            if keep_text {
                expected.push("claimmark:v1:text:story-1".to_owned());
            }
            assert_eq!(keys, expected);
            let loaded = load(&store, &doc_id(), Timestamp(5), Some(&doc));
            assert_eq!(loaded.annotations, claims, "keep_text {keep_text}");
            assert_eq!(loaded.deletions, deletions);
            assert_eq!(loaded.text_kept, keep_text);
            assert!(loaded.notices.is_empty());
            // Without the shown article, only a kept text can be read against.
            let alone = load(&store, &doc_id(), Timestamp(5), None);
            assert_eq!(alone.annotations.len(), claims.len());
            assert_eq!(
                alone.document.map(|d| d.text().to_owned()),
                keep_text.then(|| TEXT.to_owned())
            );
        }
        let other = DocumentId::parse("other").expect("valid");
        let store = MemoryStore::default();
        save(&store, &doc, false, &claims).expect("saved");
        assert!(load(&store, &other, Timestamp(5), None)
            .annotations
            .is_empty());
    }

    #[test]
    fn the_compact_form_leaves_out_what_the_text_gives_back() {
        let doc = document();
        let claims = vec![claim(1), every_shape().remove(1), every_shape().remove(3)];
        let store = MemoryStore::default();
        save(&store, &doc, true, &claims).expect("saved");
        let mut snapshot = store.snapshot();
        let written = snapshot
            .remove("claimmark:v1:doc:story-1")
            .expect("written");
        assert_eq!(
            snapshot.remove("claimmark:v1:text:story-1").as_deref(),
            Some(TEXT),
            "the text under its own key, raw"
        );
        let id = |n: u8| {
            AnnotationId::from_random_bytes([n; 16])
                .0
                .simple()
                .to_string()
        };
        let expected = format!(
            concat!(
                r#"{{"schema":2,"document":"story-1","textHash":"{hash}","textKept":true,"claims":["#,
                r#"["{one}",15,25,1,1772013600000,500,0,{{"n":"<b>not html</b>"}}],"#,
                r#"["{two}",15,25,1,1772013600000,500,0,{{"n":"Line one\nline \"two\"","#,
                r#""s":["https://example.org/a?b=1"],"t":["police","numbers"],"#,
                r#""h":[[0,0],[1,60000,0],[2,-5,null,"Ana"]]}}],"#,
                r#"["{four}",15,25,0,1772013600000,500,"#,
                r#"["a sentence since edited away","before ",""],{{"n":"<b>not html</b>"}}]]}}"#
            ),
            hash = doc.text_hash(),
            one = id(1),
            two = id(2),
            four = id(4),
        );
        assert_eq!(written, expected);

        // Without the text: the exact words stay, the context is the
        // article's again when its hash matches, and is lost (not guessed)
        // when the article changed.
        save(&store, &doc, false, &[claim(1)]).expect("saved");
        let written = store
            .snapshot()
            .remove("claimmark:v1:doc:story-1")
            .expect("written");
        assert!(
            written.contains(&format!(r#""textHash":"{}""#, doc.text_hash())),
            "{written}"
        );
        assert!(written.contains(r#",500,"Hundreds 😀",{"#), "{written}");
        let edited = Document::from_plain_text(&TEXT.replace("said", "told us"), Some(doc_id()));
        let loaded = load(&store, &doc_id(), Timestamp(5), Some(&edited));
        let quote = &loaded.annotations.first().expect("kept").target.quote;
        assert_eq!(
            (
                quote.exact.as_str(),
                quote.prefix.as_str(),
                quote.suffix.as_str()
            ),
            ("Hundreds 😀", "", "")
        );
        assert!(loaded.notices.is_empty());
    }

    #[test]
    fn a_state_is_saved_as_the_rows_it_loads_from() {
        use crate::{reduce, Action, Span};
        let text = "Officials confirmed the fire on Tuesday. The mayor denied it.";
        let document = Rc::new(Document::from_plain_text(text, Some(doc_id())));
        let mut state = Rc::new(State::new(document.clone()));
        Rc::make_mut(&mut state).keep_text = true;
        for (n, start) in [(1u8, 0), (2, 41), (3, 10)] {
            let action = Action::Create {
                id: AnnotationId::from_random_bytes([n; 16]),
                span: Span::new(start, start + 9),
                certainty: crate::Certainty::Unclear,
                at: Timestamp(i64::from(n)),
            };
            state = reduce(state, action);
        }
        let gone = AnnotationId::from_random_bytes([3; 16]);
        state = reduce(
            state,
            Action::DeleteAt {
                id: gone,
                at: Timestamp(9),
            },
        );
        let store = MemoryStore::default();
        save_state(&store, &state).expect("saved");
        let written = store
            .snapshot()
            .remove("claimmark:v1:doc:story-1")
            .expect("written");
        let copy = MemoryStore::default();
        save_with_deletions(
            &copy,
            &document,
            true,
            &state.annotations(),
            &state.deletions,
        )
        .expect("saved");
        assert_eq!(
            Some(&written),
            copy.snapshot().get("claimmark:v1:doc:story-1"),
            "the state is written as its annotations are"
        );
        let loaded = load(&store, &doc_id(), Timestamp(10), None);
        assert_eq!(loaded.annotations, state.annotations());
        assert_eq!(
            loaded.deletions,
            vec![Deletion {
                id: gone,
                at: Timestamp(9)
            }]
        );
        assert_eq!(
            loaded.document.map(|d| d.text().to_owned()),
            Some(text.to_owned())
        );
    }

    #[test]
    fn a_store_too_full_for_the_text_key_keeps_the_text_in_the_envelope_until_it_fits() {
        let claims = every_shape();
        let legacy = serde_json::to_string(&LegacyEnvelope {
            schema: 1,
            document: doc_id(),
            text: Some(TEXT.to_owned()),
            annotations: claims.clone(),
            deletions: Vec::new(),
        })
        .expect("json");
        let key = "claimmark:v1:doc:story-1";
        // Room for the schema 1 envelope and a little more, not for a copy
        // of the text beside it.
        let store = MemoryStore::with_quota(key.len() + legacy.encode_utf16().count() + 20);
        store.set(key, &legacy).expect("seeded");
        let loaded = load(&store, &doc_id(), Timestamp(5), None);
        let reopened = Rc::new(loaded.document.expect("text kept"));
        let mut state = State::new(reopened.clone());
        state.keep_text = true;
        state.claims = loaded
            .annotations
            .iter()
            .map(|annotation| {
                Rc::new(crate::Claim {
                    placement: crate::model::anchor::anchor(&reopened, &annotation.target),
                    annotation: annotation.clone(),
                })
            })
            .collect();
        let mut cache = RowCache::default();
        save_state_cached(&store, &state, &mut cache).expect("saved inline");
        let snapshot = store.snapshot();
        assert_eq!(snapshot.len(), 1, "no text key yet");
        let inline = snapshot.get(key).expect("written");
        assert!(inline.contains(r#","text":"#) && !inline.contains("textKept"));
        assert_eq!(
            load(&store, &doc_id(), Timestamp(6), None).annotations,
            claims
        );
        // The smaller envelope made room: the next save moves the text out.
        save_state_cached(&store, &state, &mut cache).expect("saved");
        let snapshot = store.snapshot();
        assert_eq!(
            snapshot
                .get("claimmark:v1:text:story-1")
                .map(String::as_str),
            Some(TEXT)
        );
        assert!(snapshot
            .get(key)
            .expect("written")
            .contains(r#""textKept":true"#));
        let again = load(&store, &doc_id(), Timestamp(7), None);
        assert_eq!(again.annotations, claims);
        assert!(again.notices.is_empty());
    }

    #[test]
    fn a_text_key_that_is_not_the_version_named_leaves_its_claims_set_aside_not_guessed() {
        let doc = document();
        let claims = every_shape();
        let store = MemoryStore::default();
        save(&store, &doc, true, &claims).expect("saved");
        store
            .set("claimmark:v1:text:story-1", "Another text altogether.")
            .expect("tampered");
        let loaded = load(&store, &doc_id(), Timestamp(8), None);
        // Rows whose quote is "the text's" cannot be read without it; the
        // others (written in full) still are.
        let lost = claims.len() - loaded.annotations.len();
        assert!(lost > 0 && !loaded.annotations.is_empty(), "{lost}");
        assert_eq!(
            loaded.notices,
            vec![Notice::PartlyUnreadable {
                key: "claimmark:v1:doc:story-1:set-aside:8".to_owned(),
                unreadable: lost,
            }]
        );
        // With the right article at hand, every claim reads back.
        assert_eq!(
            load(&store, &doc_id(), Timestamp(9), Some(&doc)).annotations,
            claims
        );
    }

    #[test]
    fn schema_1_still_loads_and_the_next_save_writes_schema_2() {
        let claims = every_shape();
        let legacy = LegacyEnvelope {
            schema: 1,
            document: doc_id(),
            text: Some(TEXT.to_owned()),
            annotations: claims.clone(),
            deletions: Vec::new(),
        };
        let store = MemoryStore::default();
        let key = "claimmark:v1:doc:story-1";
        store
            .set(key, &serde_json::to_string(&legacy).expect("json"))
            .expect("seeded");
        let loaded = load(&store, &doc_id(), Timestamp(5), None);
        assert_eq!(loaded.annotations, claims);
        assert!(loaded.text_kept && loaded.notices.is_empty());
        let reopened = loaded.document.expect("text kept");
        save(&store, &reopened, true, &loaded.annotations).expect("saved");
        let written = store.snapshot().remove(key).expect("written");
        assert!(written.starts_with(r#"{"schema":2,"#), "{written}");
        assert!(written.len() < serde_json::to_string(&legacy).expect("json").len());
        assert_eq!(
            load(&store, &doc_id(), Timestamp(6), None).annotations,
            claims
        );
    }

    #[test]
    fn unreadable_contents_are_set_aside_never_overwritten() {
        let key = "claimmark:v1:doc:story-1";
        let good = serde_json::to_value(claim(1)).expect("json");
        let partly = serde_json::json!({"schema": 1, "document": "story-1", "annotations": [good, {"id": 5}]}).to_string();
        let row = |n: u8, quote: serde_json::Value| {
            let id = AnnotationId::from_random_bytes([n; 16])
                .0
                .simple()
                .to_string();
            serde_json::json!([id, 15, 25, 1, 1_772_013_600_000_i64, 0, quote])
        };
        // A row whose quote is "the text's" in an envelope without text
        // cannot be read; nor can a certainty of 7.
        let partly_compact =
            serde_json::json!({"schema": 2, "document": "story-1", "textHash": "0", "claims": [
            row(1, "Hundreds 😀".into()), row(2, 0.into()), [row(3, "x".into())], {"id": 5}
        ], "deletions": [["bad"]]})
            .to_string();
        let mut bad_certainty = row(4, "Hundreds 😀".into());
        if let Some(certainty) = bad_certainty.get_mut(3) {
            *certainty = 7.into();
        }
        let partly_compact_certainty = serde_json::json!({"schema": 2, "document": "story-1", "claims": [row(1, "Hundreds 😀".into()), bad_certainty]}).to_string();
        let newer_with_claims = serde_json::json!({"schema": 3, "document": "story-1", "claims": [row(1, "Hundreds 😀".into()), {"future": "shape"}], "extra": 1}).to_string();
        let table: [(&str, String, Option<Notice>, usize); 8] = [
            (
                "corrupt",
                "{not json".to_owned(),
                Some(Notice::SetAside {
                    key: format!("{key}:set-aside:9"),
                    reason: SetAsideReason::Corrupt,
                }),
                0,
            ),
            (
                "foreign",
                "[1,2,3]".to_owned(),
                Some(Notice::SetAside {
                    key: format!("{key}:set-aside:9"),
                    reason: SetAsideReason::Foreign,
                }),
                0,
            ),
            (
                "other document",
                serde_json::json!({"schema": 1, "document": "story-2", "annotations": []})
                    .to_string(),
                Some(Notice::SetAside {
                    key: format!("{key}:set-aside:9"),
                    reason: SetAsideReason::Foreign,
                }),
                0,
            ),
            (
                "partly",
                partly,
                Some(Notice::PartlyUnreadable {
                    key: format!("{key}:set-aside:9"),
                    unreadable: 1,
                }),
                1,
            ),
            (
                "partly compact",
                partly_compact,
                Some(Notice::PartlyUnreadable {
                    key: format!("{key}:set-aside:9"),
                    unreadable: 4,
                }),
                1,
            ),
            (
                "partly compact",
                partly_compact_certainty,
                Some(Notice::PartlyUnreadable {
                    key: format!("{key}:set-aside:9"),
                    unreadable: 1,
                }),
                1,
            ),
            (
                "newer",
                r#"{"schema": 7, "whatever": true}"#.to_owned(),
                Some(Notice::NewerSchema { found: 7 }),
                0,
            ),
            (
                "newer",
                newer_with_claims,
                Some(Notice::NewerSchema { found: 3 }),
                1,
            ),
        ];
        for (name, raw, notice, kept) in table {
            let store = MemoryStore::default();
            store.set(key, &raw).expect("seeded");
            let loaded = load(&store, &doc_id(), Timestamp(9), Some(&document()));
            assert_eq!(
                loaded.notices,
                notice.into_iter().collect::<Vec<_>>(),
                "{name}"
            );
            assert_eq!(loaded.annotations.len(), kept, "{name}");
            let snapshot = store.snapshot();
            assert_eq!(snapshot.get(key), Some(&raw), "{name}: original untouched");
            if name != "newer" {
                assert_eq!(
                    snapshot.get(&format!("{key}:set-aside:9")),
                    Some(&raw),
                    "{name}: copy kept"
                );
            } else {
                assert!(loaded.read_only());
            }
        }
    }

    #[test]
    fn a_second_set_aside_does_not_overwrite_the_first() {
        let store = MemoryStore::default();
        let key = "claimmark:v1:doc:story-1";
        store.set(key, "first bad").expect("seeded");
        load(&store, &doc_id(), Timestamp(9), None);
        store.set(key, "second bad").expect("seeded");
        let loaded = load(&store, &doc_id(), Timestamp(9), None);
        assert_eq!(
            loaded.notices,
            vec![Notice::SetAside {
                key: format!("{key}:set-aside:9-1"),
                reason: SetAsideReason::Corrupt
            }]
        );
        let snapshot = store.snapshot();
        assert_eq!(
            snapshot
                .get(&format!("{key}:set-aside:9"))
                .map(String::as_str),
            Some("first bad")
        );
        assert_eq!(
            snapshot
                .get(&format!("{key}:set-aside:9-1"))
                .map(String::as_str),
            Some("second bad")
        );
    }

    #[test]
    fn storage_faults_become_notices_and_keep_old_values() {
        let blocked = MemoryStore::unavailable();
        assert_eq!(
            load(&blocked, &doc_id(), Timestamp(1), None).notices,
            vec![Notice::Unavailable]
        );
        assert!(matches!(
            save(&blocked, &document(), false, &[claim(1)]),
            Err(StorageError::Unavailable(_))
        ));

        let small = MemoryStore::with_quota(400);
        save(&small, &document(), false, &[claim(1)]).expect("fits");
        let before = small.snapshot();
        let many: Vec<Annotation> = (0..10).map(claim).collect();
        assert_eq!(
            save(&small, &document(), false, &many),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(
            small.snapshot(),
            before,
            "the old value survives a full store"
        );

        // Full before a set-aside can be made: the original is protected.
        let full = MemoryStore::with_quota(40);
        full.set("claimmark:v1:doc:story-1", "{bad").expect("fits");
        let loaded = load(&full, &doc_id(), Timestamp(3), None);
        assert_eq!(loaded.notices, vec![Notice::Protected]);
        assert!(loaded.read_only());
    }
}
