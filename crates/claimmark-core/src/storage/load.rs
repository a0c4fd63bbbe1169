//! Reading the storage envelope, never losing data: [`load`] reads a
//! document's key through any [`KeyValueStore`]; corrupt or foreign
//! contents, and claims it cannot read, are copied aside under a new key
//! before anything is written over them, and a newer schema makes the
//! session read-only (the [`Notice`]s say so). [`parse_envelope`] reads
//! what another tab saved. The envelope the widget writes is scanned
//! ([`crate::storage::compact::scan`]); another parses into typed structs,
//! and `serde_json::Value` is used only when something in it is wrong.

use serde::Deserialize;

use crate::model::annotation::{Annotation, Deletion, Timestamp};
use crate::state::notice::{Notice, SetAsideReason};
use crate::storage::compact::{self, DeletionRow, Row};
use crate::storage::envelope::SCHEMA_VERSION;
use crate::storage::key_value::KeyValueStore;
use crate::storage::keys::{document_key, set_aside_key, text_key};
use crate::text::document::{Document, DocumentId};

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
        let candidate = set_aside_key(key, now.0, attempt);
        match store.get(&candidate) {
            Ok(None) => store.set(&candidate, raw).ok().map(|()| candidate),
            _ => None,
        }
    })
}
