//! The storage envelope and the rules for reading and writing it.
//!
//! One namespaced key per document (`claimmark:v1:doc:<id>`) holds a
//! versioned [`Envelope`]. [`load`] reads it through any [`KeyValueStore`]
//! and never loses data: corrupt or foreign contents, and annotations it
//! cannot read, are copied aside under a new key before anything is
//! written over them; a newer schema makes the session read-only.
//! [`save_state`] writes a state's envelope, tombstones included (the
//! `deletions` field, omitted when empty, so the schema is still 1);
//! [`save`] writes one without them. The browser's localStorage adapter
//! lives in the UI layer; tests use [`MemoryStore`].

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::annotation::{Annotation, Deletion, Timestamp};
use super::document::DocumentId;
use super::store::{Claim, State};

/// The envelope schema this code writes and fully understands.
pub const SCHEMA_VERSION: u32 = 1;

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

/// What is stored under a document's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`SCHEMA_VERSION`] when written.
    pub schema: u32,
    /// The document the annotations belong to.
    pub document: DocumentId,
    /// The article's text, kept for articles a person loaded by hand so they
    /// can be reopened; absent for embedded and demo articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The claims.
    pub annotations: Vec<Annotation>,
    /// Tombstones of deleted claims, for merges; absent when empty, so the
    /// schema stays 1 and envelopes written before tombstones still load.
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

/// Something about storage the person must be told.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Notice {
    /// Storage cannot be reached: changes live in memory only.
    Unavailable,
    /// Storage is full: the latest changes are not saved.
    QuotaExceeded,
    /// The data under the key could not be read as claimmark's; it was
    /// kept under `key` and the document starts empty.
    SetAside {
        /// Where the old contents now are.
        key: String,
        /// What was wrong with them.
        reason: SetAsideReason,
    },
    /// Some stored claims could not be read; all were kept under `key`.
    PartlyUnreadable {
        /// Where a full copy of the old contents now is.
        key: String,
        /// How many claims could not be read.
        unreadable: usize,
    },
    /// The data needs attention but could not be copied aside (storage
    /// full or failing), so nothing will be written over it.
    Protected,
    /// Written by a newer claimmark: shown read-only, never overwritten.
    NewerSchema {
        /// The schema version found.
        found: u32,
    },
}

/// Why stored contents were set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetAsideReason {
    /// Not valid JSON.
    Corrupt,
    /// JSON, but not a claimmark envelope for this document.
    Foreign,
}

impl Notice {
    /// The sentence the banner shows.
    pub fn message(&self) -> String {
        match self {
            Notice::Unavailable => {
                "Browser storage is not available here: your claims are kept only until this page closes. Export them to keep them.".to_owned()
            }
            Notice::QuotaExceeded => {
                "Browser storage is full: your latest changes are not being saved. Export your claims, or free space and try again.".to_owned()
            }
            Notice::SetAside { key, reason } => {
                let what = match reason {
                    SetAsideReason::Corrupt => "was damaged",
                    SetAsideReason::Foreign => "was not claimmark data for this article",
                };
                format!("The stored data for this article {what}. It was kept unchanged under the key \"{key}\", and the article starts with no claims.")
            }
            Notice::PartlyUnreadable { key, unreadable } => format!(
                "{unreadable} stored claim(s) could not be read and are not shown. A full copy of the stored data was kept under the key \"{key}\"."
            ),
            Notice::Protected => {
                "The stored data for this article could not be read or copied aside, so changes are not being saved, to protect it.".to_owned()
            }
            Notice::NewerSchema { found } => format!(
                "These claims were saved by a newer version of claimmark (format {found}). They are kept unchanged and shown read-only as far as this version can read them; changes you make now are not saved. Export them to keep a copy."
            ),
        }
    }

    /// True while the condition stops changes from being saved.
    pub fn blocks_saving(&self) -> bool {
        matches!(self, Notice::Protected | Notice::NewerSchema { .. })
    }
}

/// The result of reading a document's key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    /// The claims that could be read.
    pub annotations: Vec<Annotation>,
    /// The tombstones that could be read.
    pub deletions: Vec<Deletion>,
    /// The stored article text, if the envelope kept one.
    pub text: Option<String>,
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
pub fn load(store: &dyn KeyValueStore, id: &DocumentId, now: Timestamp) -> Loaded {
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
    match decode(&raw, id) {
        Decoded::Envelope {
            annotations,
            deletions,
            text,
            unreadable: 0,
        } => Loaded {
            annotations,
            deletions,
            text,
            notices: Vec::new(),
        },
        Decoded::Envelope {
            annotations,
            deletions,
            text,
            unreadable,
        } => {
            let notice = match set_aside(store, &key, &raw, now) {
                Some(copy) => Notice::PartlyUnreadable {
                    key: copy,
                    unreadable,
                },
                None => Notice::Protected,
            };
            Loaded {
                annotations,
                deletions,
                text,
                notices: vec![notice],
            }
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

/// The claims and tombstones another tab saved for `id` (the `newValue` of
/// a `storage` event), or `None` when `raw` is not a readable envelope of
/// this document in this schema. Unreadable items are skipped: a merge only
/// adds what it understands, and the stored value is not touched.
pub fn parse_envelope(raw: &str, id: &DocumentId) -> Option<(Vec<Annotation>, Vec<Deletion>)> {
    match decode(raw, id) {
        Decoded::Envelope {
            annotations,
            deletions,
            ..
        } => Some((annotations, deletions)),
        Decoded::Newer { .. } | Decoded::Unusable(_) => None,
    }
}

/// Writes the envelope of `id` without tombstones. Kept for callers that
/// predate tombstones; [`save_state`] writes everything a state holds.
pub fn save(
    store: &dyn KeyValueStore,
    id: &DocumentId,
    text: Option<&str>,
    annotations: &[Annotation],
) -> Result<(), StorageError> {
    save_with_deletions(store, id, text, annotations, &[])
}

/// Writes a state's envelope: its claims, its tombstones, and the article's
/// text when the state keeps it. Serialised straight from the state, with
/// no copy of the claims or the text.
pub fn save_state(store: &dyn KeyValueStore, state: &State) -> Result<(), StorageError> {
    let envelope = EnvelopeRef {
        schema: SCHEMA_VERSION,
        document: state.document.id(),
        text: state.keep_text.then(|| state.document.text()),
        annotations: AnnotationsOf(&state.claims),
        deletions: &state.deletions,
    };
    write(store, state.document.id(), &envelope)
}

/// Writes the envelope of `id` with its tombstones.
pub fn save_with_deletions(
    store: &dyn KeyValueStore,
    id: &DocumentId,
    text: Option<&str>,
    annotations: &[Annotation],
    deletions: &[Deletion],
) -> Result<(), StorageError> {
    let envelope = EnvelopeRef {
        schema: SCHEMA_VERSION,
        document: id,
        text,
        annotations,
        deletions,
    };
    write(store, id, &envelope)
}

fn write(
    store: &dyn KeyValueStore,
    id: &DocumentId,
    envelope: &impl Serialize,
) -> Result<(), StorageError> {
    let json = serde_json::to_string(envelope).map_err(|e| StorageError::Failed(e.to_string()))?;
    store.set(&document_key(id), &json)
}

/// [`Envelope`] borrowed from what is being saved: the same JSON.
#[derive(Serialize)]
struct EnvelopeRef<'a, A: Serialize> {
    schema: u32,
    document: &'a DocumentId,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    annotations: A,
    #[serde(skip_serializing_if = "<[Deletion]>::is_empty")]
    deletions: &'a [Deletion],
}

/// The annotations of a state's claims, serialised in place.
struct AnnotationsOf<'a>(&'a [Rc<Claim>]);

impl Serialize for AnnotationsOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|claim| &claim.annotation))
    }
}

enum Decoded {
    Envelope {
        annotations: Vec<Annotation>,
        deletions: Vec<Deletion>,
        text: Option<String>,
        unreadable: usize,
    },
    /// A newer schema: the claims this version can still read, shown
    /// read-only (the stored value is never written).
    Newer {
        found: u32,
        annotations: Vec<Annotation>,
    },
    Unusable(SetAsideReason),
}

/// The envelope's outer shape, with annotations left raw so that one bad
/// item does not hide the others.
#[derive(Deserialize)]
struct RawEnvelope {
    schema: u32,
    document: String,
    #[serde(default)]
    text: Option<String>,
    annotations: Vec<serde_json::Value>,
    #[serde(default)]
    deletions: Vec<serde_json::Value>,
}

fn decode(raw: &str, id: &DocumentId) -> Decoded {
    // The usual case, straight into typed structs in one pass; anything
    // else (another schema or document, one bad item) takes the careful
    // path below, which finds out what is wrong and keeps what it can.
    if let Ok(envelope) = serde_json::from_str::<Envelope>(raw) {
        if envelope.schema == SCHEMA_VERSION && envelope.document == *id {
            return Decoded::Envelope {
                annotations: envelope.annotations,
                deletions: envelope.deletions,
                text: envelope.text,
                unreadable: 0,
            };
        }
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
        return Decoded::Unusable(SetAsideReason::Corrupt);
    };
    if let Some(schema) = value.get("schema").and_then(serde_json::Value::as_u64) {
        if schema > u64::from(SCHEMA_VERSION) {
            let annotations = value
                .get("annotations")
                .and_then(serde_json::Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| serde_json::from_value(item.clone()).ok())
                        .collect()
                })
                .unwrap_or_default();
            return Decoded::Newer {
                found: u32::try_from(schema).unwrap_or(u32::MAX),
                annotations,
            };
        }
    }
    let Ok(envelope) = serde_json::from_value::<RawEnvelope>(value) else {
        return Decoded::Unusable(SetAsideReason::Foreign);
    };
    if envelope.schema != SCHEMA_VERSION || envelope.document != id.as_str() {
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
    Decoded::Envelope {
        unreadable: total
            .saturating_sub(annotations.len())
            .saturating_sub(deletions.len()),
        annotations,
        deletions,
        text: envelope.text,
    }
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
    use crate::domain::annotation::{
        AnnotationId, Target, TextPositionSelector, TextQuoteSelector,
    };
    use crate::domain::certainty::Certainty;

    fn doc_id() -> DocumentId {
        DocumentId::parse("story-1").expect("valid")
    }

    fn claim(seed: u8) -> Annotation {
        Annotation {
            id: AnnotationId::from_random_bytes([seed; 16]),
            target: Target {
                quote: TextQuoteSelector {
                    exact: "Hundreds 😀".to_owned(),
                    prefix: "date ".to_owned(),
                    suffix: " have".to_owned(),
                },
                position: TextPositionSelector { start: 17, end: 27 },
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

    #[test]
    fn envelope_round_trips_through_a_store() {
        let store = MemoryStore::default();
        let claims = vec![claim(1), claim(2)];
        save(&store, &doc_id(), Some("Text"), &claims).expect("saved");
        let keys: Vec<String> = store.snapshot().into_keys().collect();
        assert_eq!(keys, vec!["claimmark:v1:doc:story-1".to_owned()]);
        let loaded = load(&store, &doc_id(), Timestamp(5));
        assert_eq!(loaded.annotations, claims);
        assert_eq!(loaded.text.as_deref(), Some("Text"));
        assert!(loaded.notices.is_empty());
        assert!(load(
            &store,
            &DocumentId::parse("other").expect("valid"),
            Timestamp(5)
        )
        .annotations
        .is_empty());
    }

    #[test]
    fn a_state_is_saved_as_the_same_envelope_json_it_loads_from() {
        use crate::domain::{reduce, Action, Document, Span};
        let text = "Officials confirmed the fire on Tuesday. The mayor denied it.";
        let document = Rc::new(Document::from_plain_text(text, Some(doc_id())));
        let mut state = Rc::new(State::new(document));
        Rc::make_mut(&mut state).keep_text = true;
        for (n, start) in [(1u8, 0), (2, 41), (3, 10)] {
            let action = Action::Create {
                id: AnnotationId::from_random_bytes([n; 16]),
                span: Span::new(start, start + 9),
                certainty: crate::domain::Certainty::Unclear,
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
        let owned = Envelope {
            schema: SCHEMA_VERSION,
            document: doc_id(),
            text: Some(text.to_owned()),
            annotations: state.annotations(),
            deletions: vec![Deletion {
                id: gone,
                at: Timestamp(9),
            }],
        };
        assert_eq!(written, serde_json::to_string(&owned).expect("json"));
        let loaded = load(&store, &doc_id(), Timestamp(10));
        assert_eq!(loaded.annotations.len(), 2);
        assert_eq!(loaded.deletions, owned.deletions);
        assert_eq!(loaded.text.as_deref(), Some(text));
    }

    #[test]
    fn unreadable_contents_are_set_aside_never_overwritten() {
        let key = "claimmark:v1:doc:story-1";
        let good = serde_json::to_value(claim(1)).expect("json");
        let partly = serde_json::json!({"schema": 1, "document": "story-1", "annotations": [good, {"id": 5}]}).to_string();
        let newer_with_claims = serde_json::json!({"schema": 2, "document": "story-1", "annotations": [good, {"future": "shape"}], "extra": 1}).to_string();
        let table: [(&str, String, Option<Notice>, usize); 6] = [
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
                "newer",
                r#"{"schema": 7, "whatever": true}"#.to_owned(),
                Some(Notice::NewerSchema { found: 7 }),
                0,
            ),
            (
                "newer",
                newer_with_claims,
                Some(Notice::NewerSchema { found: 2 }),
                1,
            ),
        ];
        for (name, raw, notice, kept) in table {
            let store = MemoryStore::default();
            store.set(key, &raw).expect("seeded");
            let loaded = load(&store, &doc_id(), Timestamp(9));
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
        load(&store, &doc_id(), Timestamp(9));
        store.set(key, "second bad").expect("seeded");
        let loaded = load(&store, &doc_id(), Timestamp(9));
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
            load(&blocked, &doc_id(), Timestamp(1)).notices,
            vec![Notice::Unavailable]
        );
        assert!(matches!(
            save(&blocked, &doc_id(), None, &[claim(1)]),
            Err(StorageError::Unavailable(_))
        ));

        let small = MemoryStore::with_quota(900);
        save(&small, &doc_id(), None, &[claim(1)]).expect("fits");
        let before = small.snapshot();
        let many: Vec<Annotation> = (0..10).map(claim).collect();
        assert_eq!(
            save(&small, &doc_id(), None, &many),
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
        let loaded = load(&full, &doc_id(), Timestamp(3));
        assert_eq!(loaded.notices, vec![Notice::Protected]);
        assert!(loaded.read_only());
    }
}
