//! Reading an import: size caps, parsing, and checking every item before
//! anything changes.
//!
//! [`parse_import`] takes text (a file, a paste, an inflated share link)
//! and accepts a W3C `AnnotationCollection` with its items embedded in
//! `first.items`, a bare array of annotations, or one annotation. The byte
//! size is capped before parsing ([`super::MAX_IMPORT_BYTES`]); the item
//! count and every string after. Problems with the whole input are an
//! [`ImportError`]; problems with one item refuse that item only, with its
//! index and an [`ItemError`] ([`Rejection`]). Notes are kept as plain
//! text: HTML in them is never parsed and is not a reason to refuse.
//!
//! Read per item: `id` (`urn:uuid:` or a bare UUID), `type` including
//! `Annotation`, `created`/`modified` (RFC 3339; one may stand for the
//! other), bodies by purpose (`assessing` certainty, `commenting` notes,
//! `linking` http(s) links, `tagging` tags; others are ignored), and the
//! target's `TextQuoteSelector` and `TextPositionSelector` (other selector
//! types are ignored while a usable one remains). With the document's text
//! at hand, a position past its end refuses the item and a missing quote is
//! taken from the text. A certainty history under `claimmark:history`
//! (see [`super::w3c::HISTORY_KEY`]) is read when present: an unreadable
//! one refuses the item with the reason; files without one load as before.

use std::collections::HashMap;

use serde_json::{Map, Value};
use thiserror::Error;

use super::w3c::HISTORY_KEY;
use super::{
    MAX_CONTEXT_CHARS, MAX_IMPORT_BYTES, MAX_ITEMS, MAX_QUOTE_CHARS, MAX_TAGS, MAX_TAG_CHARS,
    MAX_TARGET_SOURCE_LEN,
};
use crate::model::anchor::describe;
use crate::model::annotation::{
    Annotation, AnnotationId, InvalidSourceUrl, SourceUrl, Target, TextPositionSelector,
    TextQuoteSelector, Timestamp,
};
use crate::model::annotation::{NOTE_MAX_CHARS, SOURCES_MAX};
use crate::model::certainty::Certainty;
use crate::model::certainty_change::{CertaintyChange, AUTHOR_MAX_CHARS, HISTORY_MAX};
use crate::text::document::Document;
use crate::text::span::Span;

/// Why a whole import was refused (nothing of it is used).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`]; not parsed.
    #[error("the import is {size} bytes, more than the {max} bytes accepted: split it into smaller files")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Not JSON.
    #[error("the import is not valid JSON: {0}")]
    Json(String),
    /// JSON, but none of the accepted shapes.
    #[error(
        "the import is not a W3C AnnotationCollection, an array of annotations or one annotation"
    )]
    Shape,
    /// A collection whose pages are links rather than embedded.
    #[error("the AnnotationCollection does not embed its items (\"first\" must be a page with \"items\")")]
    PagesNotEmbedded,
    /// More than [`MAX_ITEMS`] items.
    #[error("the import holds {count} annotations, more than the {max} accepted")]
    TooManyItems {
        /// How many it holds.
        count: usize,
        /// The limit.
        max: usize,
    },
}

/// Why one item was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ItemError {
    /// Not a JSON object.
    #[error("is not a JSON object")]
    NotAnObject,
    /// `type` does not include `Annotation`.
    #[error("is not a W3C Annotation (its \"type\" does not include \"Annotation\")")]
    NotAnAnnotation,
    /// A required field is absent.
    #[error("has no \"{0}\"")]
    Missing(&'static str),
    /// A field has the wrong JSON type.
    #[error("\"{field}\" should be {expected}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// What it should be.
        expected: &'static str,
    },
    /// The id is not a UUID.
    #[error("id {0:?} is not a urn:uuid: or a UUID")]
    InvalidId(String),
    /// Another item has the same id.
    #[error("has the same id as items[{first}] ({id})")]
    DuplicateId {
        /// The id.
        id: AnnotationId,
        /// The index of the first item with it.
        first: usize,
    },
    /// A date-time that is not RFC 3339 with a zone.
    #[error("\"{field}\" {value:?} is not a date-time such as 2026-02-25T10:00:00Z")]
    InvalidTimestamp {
        /// The field.
        field: &'static str,
        /// The value found (clipped).
        value: String,
    },
    /// No TextQuoteSelector (nor, with the text, a TextPositionSelector).
    #[error("has no usable selector (found: {found}); claimmark reads TextQuoteSelector and TextPositionSelector")]
    NoUsableSelector {
        /// The selector types found, comma-separated, or "none".
        found: String,
    },
    /// `start` after `end`.
    #[error("TextPositionSelector start {start} is after its end {end}")]
    StartAfterEnd {
        /// Start.
        start: usize,
        /// End.
        end: usize,
    },
    /// A position past the end of the document's text.
    #[error("TextPositionSelector end {end} is past the end of the text ({len} code points)")]
    PastEnd {
        /// End.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// An empty quote.
    #[error("TextQuoteSelector \"exact\" is empty")]
    EmptyQuote,
    /// An evidence link that is not a safe http(s) URL.
    #[error("link {url:?} refused: {reason}")]
    BadLink {
        /// The link (clipped).
        url: String,
        /// Why.
        reason: InvalidSourceUrl,
    },
    /// A certainty that is not one of the three.
    #[error("unknown certainty {0:?}: expected confirmed, unclear or unconfirmed")]
    UnknownCertainty(String),
    /// No `assessing` body.
    #[error("has no assessing body giving its certainty (confirmed, unclear or unconfirmed)")]
    NoCertainty,
    /// Two `assessing` bodies.
    #[error("has more than one assessing body")]
    SeveralCertainties,
    /// A string longer than its cap.
    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong {
        /// Which string.
        field: &'static str,
        /// Its length (code points, bytes for URLs).
        len: usize,
        /// The cap.
        max: usize,
    },
    /// A `claimmark:history` that is not a list of certainty changes.
    #[error("has an unreadable \"claimmark:history\": {0}")]
    BadHistory(String),
    /// More elements than the cap.
    #[error("has too many {field}: {count}, at most {max}")]
    TooMany {
        /// Which list.
        field: &'static str,
        /// How many.
        count: usize,
        /// The cap.
        max: usize,
    },
}

/// One refused item: its index in the input's item list, and why.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("items[{index}] {reason}")]
pub struct Rejection {
    /// Index in the item list (`first.items`, the array), from 0.
    pub index: usize,
    /// Why it was refused.
    pub reason: ItemError,
}

/// A checked import: the annotations to merge, and the refused items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedImport {
    /// The accepted annotations, in input order.
    pub annotations: Vec<Annotation>,
    /// The index in the input of each accepted annotation.
    pub indexes: Vec<usize>,
    /// The refused items, in input order.
    pub rejected: Vec<Rejection>,
    /// How many items the input held.
    pub total: usize,
    /// The first target `source` seen (a page URL or a `urn:`), if any.
    pub source: Option<String>,
}

/// Parses and checks `input`; `document`, when given, is the text the
/// positions must fit.
pub fn parse_import(input: &str, document: Option<&Document>) -> Result<ParsedImport, ImportError> {
    if input.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: input.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    let value: Value = serde_json::from_str(input).map_err(|e| ImportError::Json(e.to_string()))?;
    let items = items_of(value)?;
    if items.len() > MAX_ITEMS {
        return Err(ImportError::TooManyItems {
            count: items.len(),
            max: MAX_ITEMS,
        });
    }
    let mut parsed = ParsedImport {
        total: items.len(),
        ..ParsedImport::default()
    };
    let mut seen: HashMap<AnnotationId, usize> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let result = read_item(item, document).and_then(|(annotation, source)| {
            if let Some(first) = seen.get(&annotation.id) {
                return Err(ItemError::DuplicateId {
                    id: annotation.id,
                    first: *first,
                });
            }
            Ok((annotation, source))
        });
        match result {
            Ok((annotation, source)) => {
                seen.insert(annotation.id, index);
                if parsed.source.is_none() {
                    parsed.source = source;
                }
                parsed.annotations.push(annotation);
                parsed.indexes.push(index);
            }
            Err(reason) => parsed.rejected.push(Rejection { index, reason }),
        }
    }
    Ok(parsed)
}

/// The list of items of an accepted shape.
fn items_of(value: Value) -> Result<Vec<Value>, ImportError> {
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(mut object) => {
            if has_type(&object, "AnnotationCollection") {
                return match object.remove("first") {
                    Some(Value::Object(mut page)) => match page.remove("items") {
                        Some(Value::Array(items)) => Ok(items),
                        _ => Err(ImportError::PagesNotEmbedded),
                    },
                    _ => Err(ImportError::PagesNotEmbedded),
                };
            }
            if has_type(&object, "AnnotationPage") {
                return match object.remove("items") {
                    Some(Value::Array(items)) => Ok(items),
                    _ => Err(ImportError::Shape),
                };
            }
            if has_type(&object, "Annotation") {
                return Ok(vec![Value::Object(object)]);
            }
            Err(ImportError::Shape)
        }
        _ => Err(ImportError::Shape),
    }
}

/// True when `type` is `wanted` or a list including it.
fn has_type(object: &Map<String, Value>, wanted: &str) -> bool {
    match object.get("type") {
        Some(Value::String(kind)) => kind == wanted,
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str() == Some(wanted)),
        _ => false,
    }
}

/// At most 80 characters of an untrusted value, for messages.
fn clip(raw: &str) -> String {
    const MAX: usize = 80;
    if raw.chars().count() <= MAX {
        raw.to_owned()
    } else {
        let mut clipped: String = raw.chars().take(MAX).collect();
        clipped.push('…');
        clipped
    }
}

fn string_field<'v>(
    object: &'v Map<String, Value>,
    field: &'static str,
) -> Result<Option<&'v str>, ItemError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ItemError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

fn capped(field: &'static str, value: &str, max: usize) -> Result<String, ItemError> {
    let len = value.chars().count();
    if len > max {
        return Err(ItemError::TooLong { field, len, max });
    }
    Ok(value.to_owned())
}

fn timestamp(
    object: &Map<String, Value>,
    field: &'static str,
) -> Result<Option<Timestamp>, ItemError> {
    string_field(object, field)?
        .map(|raw| {
            Timestamp::parse(raw).map_err(|_| ItemError::InvalidTimestamp {
                field,
                value: clip(raw),
            })
        })
        .transpose()
}

/// One value or a list of them, as JSON-LD allows.
fn one_or_many(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(values) => values.iter().collect(),
        other => vec![other],
    }
}

/// What the bodies say.
#[derive(Default)]
struct Bodies {
    certainty: Option<Certainty>,
    notes: Vec<String>,
    sources: Vec<SourceUrl>,
    tags: Vec<String>,
}

fn read_bodies(object: &Map<String, Value>) -> Result<Bodies, ItemError> {
    let mut bodies = Bodies::default();
    let Some(raw) = object.get("body") else {
        return Err(ItemError::NoCertainty);
    };
    for body in one_or_many(raw) {
        let Value::Object(body) = body else {
            // A bare IRI body: a link without a stated purpose; not ours.
            continue;
        };
        let purposes: Vec<&str> = body
            .get("purpose")
            .map(one_or_many)
            .unwrap_or_default()
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        for purpose in purposes {
            match purpose {
                "assessing" => {
                    let value = string_field(body, "value")?.ok_or(ItemError::NoCertainty)?;
                    let certainty = value
                        .parse::<Certainty>()
                        .map_err(|_| ItemError::UnknownCertainty(clip(value)))?;
                    if bodies.certainty.replace(certainty).is_some() {
                        return Err(ItemError::SeveralCertainties);
                    }
                }
                "commenting" => {
                    if let Some(value) = string_field(body, "value")? {
                        bodies.notes.push(value.to_owned());
                    }
                }
                "linking" => {
                    let url = match string_field(body, "source")? {
                        Some(url) => url,
                        None => string_field(body, "id")?.ok_or(ItemError::Missing("source"))?,
                    };
                    let link = SourceUrl::parse(url).map_err(|reason| ItemError::BadLink {
                        url: clip(url),
                        reason,
                    })?;
                    if !bodies.sources.contains(&link) {
                        bodies.sources.push(link);
                    }
                }
                "tagging" => {
                    let value = string_field(body, "value")?.ok_or(ItemError::Missing("value"))?;
                    let tag = capped("tag", value, MAX_TAG_CHARS)?;
                    if !tag.is_empty() && !bodies.tags.contains(&tag) {
                        bodies.tags.push(tag);
                    }
                }
                _ => {}
            }
        }
    }
    if bodies.sources.len() > SOURCES_MAX {
        return Err(ItemError::TooMany {
            field: "links",
            count: bodies.sources.len(),
            max: SOURCES_MAX,
        });
    }
    if bodies.tags.len() > MAX_TAGS {
        return Err(ItemError::TooMany {
            field: "tags",
            count: bodies.tags.len(),
            max: MAX_TAGS,
        });
    }
    Ok(bodies)
}

/// The certainty history under [`HISTORY_KEY`]; empty when absent.
fn read_history(object: &Map<String, Value>) -> Result<Vec<CertaintyChange>, ItemError> {
    let Some(raw) = object.get(HISTORY_KEY) else {
        return Ok(Vec::new());
    };
    let Some(lines) = raw.as_array() else {
        return Err(ItemError::WrongType {
            field: HISTORY_KEY,
            expected: "an array",
        });
    };
    if lines.len() > HISTORY_MAX {
        return Err(ItemError::TooMany {
            field: "history lines",
            count: lines.len(),
            max: HISTORY_MAX,
        });
    }
    lines
        .iter()
        .map(|line| {
            let change: CertaintyChange = serde_json::from_value(line.clone())
                .map_err(|e| ItemError::BadHistory(clip(&e.to_string())))?;
            match &change.by {
                Some(by) if by.chars().count() > AUTHOR_MAX_CHARS => Err(ItemError::TooLong {
                    field: "history name",
                    len: by.chars().count(),
                    max: AUTHOR_MAX_CHARS,
                }),
                _ => Ok(change),
            }
        })
        .collect()
}

/// The target's source and its two selectors.
fn read_target(
    object: &Map<String, Value>,
    document: Option<&Document>,
) -> Result<(Target, Option<String>), ItemError> {
    let raw = object.get("target").ok_or(ItemError::Missing("target"))?;
    let Some(Value::Object(target)) = one_or_many(raw).into_iter().next() else {
        return Err(ItemError::WrongType {
            field: "target",
            expected: "an object with a source and selectors",
        });
    };
    let source = string_field(target, "source")?
        .map(|s| {
            if s.len() > MAX_TARGET_SOURCE_LEN {
                Err(ItemError::TooLong {
                    field: "target source",
                    len: s.len(),
                    max: MAX_TARGET_SOURCE_LEN,
                })
            } else {
                Ok(s.to_owned())
            }
        })
        .transpose()?;
    let mut quote: Option<TextQuoteSelector> = None;
    let mut position: Option<TextPositionSelector> = None;
    let mut found: Vec<String> = Vec::new();
    for selector in target.get("selector").map(one_or_many).unwrap_or_default() {
        let Value::Object(selector) = selector else {
            return Err(ItemError::WrongType {
                field: "selector",
                expected: "an object",
            });
        };
        let kind = string_field(selector, "type")?.unwrap_or("(no type)");
        found.push(clip(kind));
        match kind {
            "TextQuoteSelector" if quote.is_none() => {
                let exact = string_field(selector, "exact")?.ok_or(ItemError::Missing("exact"))?;
                let prefix = string_field(selector, "prefix")?.unwrap_or_default();
                let suffix = string_field(selector, "suffix")?.unwrap_or_default();
                quote = Some(TextQuoteSelector {
                    exact: capped("quote", exact, MAX_QUOTE_CHARS)?,
                    prefix: capped("prefix", prefix, MAX_CONTEXT_CHARS)?,
                    suffix: capped("suffix", suffix, MAX_CONTEXT_CHARS)?,
                });
            }
            "TextPositionSelector" if position.is_none() => {
                let start = offset(selector, "start")?;
                let end = offset(selector, "end")?;
                if start > end {
                    return Err(ItemError::StartAfterEnd { start, end });
                }
                position = Some(TextPositionSelector { start, end });
            }
            _ => {}
        }
    }
    if let (Some(document), Some(position)) = (document, position) {
        if position.end > document.char_len() {
            return Err(ItemError::PastEnd {
                end: position.end,
                len: document.char_len(),
            });
        }
    }
    let target = match (quote, position) {
        (Some(quote), Some(position)) => Target { quote, position },
        // No position: 0..0 never matches a non-empty quote, so anchoring
        // goes straight to searching for the quote.
        (Some(quote), None) => Target {
            quote,
            position: TextPositionSelector { start: 0, end: 0 },
        },
        (None, Some(position)) => document
            .and_then(|d| describe(d, Span::new(position.start, position.end)))
            .ok_or_else(|| no_usable(&found))?,
        (None, None) => return Err(no_usable(&found)),
    };
    if target.quote.exact.is_empty() {
        return Err(ItemError::EmptyQuote);
    }
    Ok((target, source))
}

fn no_usable(found: &[String]) -> ItemError {
    ItemError::NoUsableSelector {
        found: if found.is_empty() {
            "none".to_owned()
        } else {
            found.join(", ")
        },
    }
}

fn offset(selector: &Map<String, Value>, field: &'static str) -> Result<usize, ItemError> {
    let value = selector.get(field).ok_or(ItemError::Missing(field))?;
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or(ItemError::WrongType {
            field,
            expected: "a whole number, 0 or more",
        })
}

/// Reads one item into an annotation and its target's source.
fn read_item(
    item: &Value,
    document: Option<&Document>,
) -> Result<(Annotation, Option<String>), ItemError> {
    let Value::Object(object) = item else {
        return Err(ItemError::NotAnObject);
    };
    if !has_type(object, "Annotation") {
        return Err(if object.contains_key("type") {
            ItemError::NotAnAnnotation
        } else {
            ItemError::Missing("type")
        });
    }
    let raw_id = string_field(object, "id")?.ok_or(ItemError::Missing("id"))?;
    let id = raw_id
        .parse::<AnnotationId>()
        .map_err(|_| ItemError::InvalidId(clip(raw_id)))?;
    let created = timestamp(object, "created")?;
    let modified = timestamp(object, "modified")?;
    let (created, modified) = match (created, modified) {
        (Some(c), Some(m)) => (c, m),
        (Some(c), None) => (c, c),
        (None, Some(m)) => (m, m),
        (None, None) => return Err(ItemError::Missing("modified")),
    };
    let bodies = read_bodies(object)?;
    let certainty = bodies.certainty.ok_or(ItemError::NoCertainty)?;
    let note = bodies.notes.join("\n\n");
    let note_len = note.chars().count();
    if note_len > NOTE_MAX_CHARS {
        return Err(ItemError::TooLong {
            field: "note",
            len: note_len,
            max: NOTE_MAX_CHARS,
        });
    }
    let (target, source) = read_target(object, document)?;
    Ok((
        Annotation {
            id,
            target,
            certainty,
            note,
            sources: bodies.sources,
            tags: bodies.tags,
            created,
            modified,
            history: read_history(object)?,
        },
        source,
    ))
}
