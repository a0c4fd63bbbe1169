//! Reading an import: size caps, parsing, and checking every item before
//! anything changes.
//!
//! [`parse_import`] takes text (a file, a paste, an inflated share link)
//! and accepts one `Annotation`, an `AnnotationCollection` whose pages are
//! inline (`first`, then each page's `next` when it is an object), one
//! `AnnotationPage`, or a bare array of annotations. The byte size is
//! capped before parsing ([`super::MAX_IMPORT_BYTES`]); the item count and
//! every string after. Problems with the whole input are an
//! [`ImportError`]; problems with one item refuse that item only, with its
//! index and an [`ItemError`] ([`Rejection`]); what was done to an item
//! that was accepted (a part skipped, a position converted or replaced) is
//! an [`ItemNote`]. Notes are kept as plain text: HTML in them is never
//! parsed and is not a reason to refuse.
//!
//! Read per item: `id` (`urn:uuid:` or a bare UUID; for a protocol
//! server's IRI, the `urn:uuid:` in `via` or a UUID as the last path
//! segment), `type` including
//! `Annotation`, `created`/`modified` (RFC 3339; one may stand for the
//! other), bodies by purpose (`assessing` certainty, `commenting` notes,
//! `linking` http(s) links, `tagging` tags; others are ignored), and the
//! target ([`super::target`]: the quote is the claim, a position is a hint
//! checked against the text when it is given). A certainty history under
//! `claimmark:history` (see [`super::w3c::HISTORY_KEY`]) is read when
//! present: an unreadable one refuses the item with the reason; files
//! without one load as before. `claimmark:recorded`, `claimmark:orphan`
//! and `claimmark:ambiguous` (written by the export) say how a claim was
//! placed in the exporter's text; they are not read back: placing is done
//! again in this text.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::import_errors::{ImportError, ItemError, Rejection};
use super::import_notes::{sentences, ImportNote, ItemNote};
use super::item_fields::{clip, has_type, read_bodies, read_history, string_field, timestamp};
use super::target::{read_target, Resolver};
use super::{MAX_IMPORT_BYTES, MAX_ITEMS};
use crate::model::annotation::{Annotation, AnnotationId, NOTE_MAX_CHARS};
use crate::text::document::Document;

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
    /// What was done to accepted items, in input order.
    pub notes: Vec<ItemNote>,
}

impl ParsedImport {
    /// Positions counted in UTF-16 units that were converted.
    pub fn converted(&self) -> usize {
        self.notes.iter().filter(|n| n.note.is_conversion()).count()
    }

    /// Wrong positions replaced by where the quote is (or left to it).
    pub fn placed_by_quote(&self) -> usize {
        self.notes
            .iter()
            .filter(|n| n.note.is_placed_by_quote())
            .count()
    }

    /// One sentence per kind of note, such as "2 positions counted in
    /// UTF-16 units were converted".
    pub fn note_sentences(&self) -> Vec<String> {
        sentences(&self.notes)
    }
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
    let resolver = Resolver::new(document);
    for (index, item) in items.iter().enumerate() {
        let result = read_item(item, &resolver).and_then(|(annotation, source, notes)| {
            if let Some(first) = seen.get(&annotation.id) {
                return Err(ItemError::DuplicateId {
                    id: annotation.id,
                    first: *first,
                });
            }
            Ok((annotation, source, notes))
        });
        match result {
            Ok((annotation, source, notes)) => {
                parsed
                    .notes
                    .extend(notes.into_iter().map(|note| ItemNote { index, note }));
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
                    Some(Value::Object(page)) => pages_items(page),
                    // An empty collection has no page at all.
                    None if object.get("total").and_then(Value::as_u64) == Some(0) => {
                        Ok(Vec::new())
                    }
                    _ => Err(ImportError::PagesNotEmbedded),
                };
            }
            if has_type(&object, "AnnotationPage") {
                return pages_items(object);
            }
            if has_type(&object, "Annotation") {
                return Ok(vec![Value::Object(object)]);
            }
            Err(ImportError::Shape)
        }
        _ => Err(ImportError::Shape),
    }
}

/// The items of a page and of every page inline after it (`next` as an
/// object; a `next` that is an IRI would need fetching and is refused).
fn pages_items(mut page: Map<String, Value>) -> Result<Vec<Value>, ImportError> {
    let mut items = Vec::new();
    loop {
        match page.remove("items") {
            Some(Value::Array(more)) => items.extend(more),
            _ => return Err(ImportError::PagesNotEmbedded),
        }
        if items.len() > MAX_ITEMS {
            return Err(ImportError::TooManyItems {
                count: items.len(),
                max: MAX_ITEMS,
            });
        }
        match page.remove("next") {
            None | Some(Value::Null) => return Ok(items),
            Some(Value::Object(next)) => page = next,
            Some(_) => return Err(ImportError::PagesNotEmbedded),
        }
    }
}

/// The claim's id: `urn:uuid:` or a bare UUID; or, for an annotation held
/// by a protocol server (whose `id` is the server's IRI), the `urn:uuid:`
/// it came with under `via`, else a UUID as the IRI's last path segment.
fn read_id(raw_id: &str, via: Option<&str>) -> Result<AnnotationId, ItemError> {
    if let Ok(id) = raw_id.parse::<AnnotationId>() {
        return Ok(id);
    }
    let is_iri = raw_id.starts_with("https://") || raw_id.starts_with("http://");
    let from_via = via.filter(|v| v.starts_with("urn:uuid:"));
    let last_segment = raw_id.trim_end_matches('/').rsplit('/').next();
    from_via
        .into_iter()
        .chain(last_segment.filter(|_| is_iri))
        .find_map(|candidate| candidate.parse::<AnnotationId>().ok())
        .ok_or_else(|| ItemError::InvalidId(clip(raw_id)))
}

/// Reads one item into an annotation and its target's source.
fn read_item(
    item: &Value,
    resolver: &Resolver<'_>,
) -> Result<(Annotation, Option<String>, Vec<ImportNote>), ItemError> {
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
    let id = read_id(raw_id, object.get("via").and_then(Value::as_str))?;
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
    let read = read_target(object, resolver)?;
    let (target, source) = (read.target, read.source);
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
        read.notes,
    ))
}
