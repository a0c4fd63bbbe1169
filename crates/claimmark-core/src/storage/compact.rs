//! The compact form claims and tombstones take in storage (envelope
//! schema 2), and how it is read back against the article's text.
//!
//! A claim is one JSON array,
//! `[id, start, end, certainty, created, modified, quote, extra]`:
//!
//! - `id`: the UUID's 32 hex digits;
//! - `start`, `end`: its `TextPositionSelector`, in code points;
//! - `certainty`: `0` confirmed, `1` unclear, `2` unconfirmed;
//! - `created`: milliseconds since the Unix epoch; `modified`: milliseconds
//!   after `created`;
//! - `quote`: `0` when the quote (exact, prefix and suffix) is what the
//!   envelope's own text holds at `start..end`; the exact text alone when
//!   only the prefix and suffix are the text's (an envelope without the
//!   text records the text's hash, and the context is taken from the
//!   article again when the hash matches); `[exact, prefix, suffix]`
//!   otherwise (an orphan, a claim whose position and quote disagree);
//! - `extra`, left out when empty: `{"n": note, "s": sources, "t": tags,
//!   "h": history}`, each left out when empty; a history entry is
//!   `[to, at, from, by]` with `at` in milliseconds after `created`, and
//!   trailing `from` and `by` left out when absent.
//!
//! A tombstone is `[id, at]`. What is left out is exactly what the text
//! and the defaults give back: a claim saved and read against the same
//! text is equal to the one saved ([`resolve`]).

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::anchor::{context, quote_in_context};
use crate::model::annotation::{
    Annotation, AnnotationId, Deletion, SourceUrl, Target, TextPositionSelector, TextQuoteSelector,
    Timestamp,
};
use crate::model::certainty::Certainty;
use crate::model::certainty_change::CertaintyChange;
use crate::text::document::Document;
use crate::text::span::Span;

mod scan;

pub use scan::{read_rows, scan_envelope, Scanned};

/// How a stored claim's quote is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quote {
    /// All of it is the envelope's text at the claim's position.
    FromText,
    /// The exact text; prefix and suffix are the article's around it.
    Exact(String),
    /// Everything, as recorded.
    Full(TextQuoteSelector),
}

/// The quote form a claim is written in: the shortest that reads back
/// equal against `document` (the article the envelope describes).
/// `text_kept`: the envelope carries that article's text.
fn quote_form<'a>(document: &Document, target: &'a Target, text_kept: bool) -> QuoteRef<'a> {
    let position = target.position;
    let quote = &target.quote;
    if position.start > position.end {
        return QuoteRef::Full(quote);
    }
    let span = Span::new(position.start, position.end);
    match context(document, span) {
        Some((prefix, suffix)) if prefix == quote.prefix && suffix == quote.suffix => {
            if text_kept && document.slice(span) == Some(quote.exact.as_str()) {
                QuoteRef::FromText
            } else {
                QuoteRef::Exact(&quote.exact)
            }
        }
        _ => QuoteRef::Full(quote),
    }
}

enum QuoteRef<'a> {
    FromText,
    Exact(&'a str),
    Full(&'a TextQuoteSelector),
}

impl Serialize for QuoteRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            QuoteRef::FromText => serializer.serialize_u8(0),
            QuoteRef::Exact(exact) => serializer.serialize_str(exact),
            QuoteRef::Full(quote) => {
                (&quote.exact, &quote.prefix, &quote.suffix).serialize(serializer)
            }
        }
    }
}

/// One annotation written compactly against `document`.
pub struct RowRef<'a> {
    /// The claim.
    pub annotation: &'a Annotation,
    /// The article the envelope describes.
    pub document: &'a Document,
    /// Whether the envelope carries the article's text.
    pub text_kept: bool,
}

impl Serialize for RowRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.annotation;
        let extra = ExtraRef {
            note: &a.note,
            sources: &a.sources,
            tags: &a.tags,
            history: HistoryRef {
                entries: &a.history,
                created: a.created,
            },
        };
        let has_extra = !extra.is_empty();
        let mut seq = serializer.serialize_seq(Some(7 + usize::from(has_extra)))?;
        seq.serialize_element(&Hex(a.id))?;
        seq.serialize_element(&a.target.position.start)?;
        seq.serialize_element(&a.target.position.end)?;
        seq.serialize_element(&code(a.certainty))?;
        seq.serialize_element(&a.created.0)?;
        seq.serialize_element(&a.modified.0.wrapping_sub(a.created.0))?;
        seq.serialize_element(&quote_form(self.document, &a.target, self.text_kept))?;
        if has_extra {
            seq.serialize_element(&extra)?;
        }
        seq.end()
    }
}

/// A tombstone written compactly.
pub struct DeletionRef<'a>(pub &'a Deletion);

impl Serialize for DeletionRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (Hex(self.0.id), self.0.at.0).serialize(serializer)
    }
}

/// A tombstone as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeletionRow(pub Deletion);

impl<'de> Deserialize<'de> for DeletionRow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (id, at) = <(uuid::Uuid, i64)>::deserialize(deserializer)?;
        Ok(DeletionRow(Deletion {
            id: AnnotationId(id),
            at: Timestamp(at),
        }))
    }
}

struct Hex(AnnotationId);

impl Serialize for Hex {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buffer = uuid::Uuid::encode_buffer();
        serializer.serialize_str(self.0 .0.simple().encode_lower(&mut buffer))
    }
}

fn code(certainty: Certainty) -> u8 {
    match certainty {
        Certainty::Confirmed => 0,
        Certainty::Unclear => 1,
        Certainty::Unconfirmed => 2,
    }
}

/// A certainty as its stored number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Code(Certainty);

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(code(self.0))
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u8::deserialize(deserializer)? {
            0 => Ok(Code(Certainty::Confirmed)),
            1 => Ok(Code(Certainty::Unclear)),
            2 => Ok(Code(Certainty::Unconfirmed)),
            other => Err(de::Error::custom(format_args!(
                "unknown certainty {other}: expected 0, 1 or 2"
            ))),
        }
    }
}

#[derive(Serialize)]
struct ExtraRef<'a> {
    #[serde(rename = "n", skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(rename = "s", skip_serializing_if = "<[SourceUrl]>::is_empty")]
    sources: &'a [SourceUrl],
    #[serde(rename = "t", skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(rename = "h", skip_serializing_if = "HistoryRef::is_empty")]
    history: HistoryRef<'a>,
}

impl ExtraRef<'_> {
    fn is_empty(&self) -> bool {
        self.note.is_empty()
            && self.sources.is_empty()
            && self.tags.is_empty()
            && self.history.is_empty()
    }
}

struct HistoryRef<'a> {
    entries: &'a [CertaintyChange],
    created: Timestamp,
}

impl HistoryRef<'_> {
    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Serialize for HistoryRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.entries.iter().map(|change| ChangeRef {
            change,
            created: self.created,
        }))
    }
}

struct ChangeRef<'a> {
    change: &'a CertaintyChange,
    created: Timestamp,
}

impl Serialize for ChangeRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.change;
        let len = if c.by.is_some() {
            4
        } else if c.from.is_some() {
            3
        } else {
            2
        };
        let mut seq = serializer.serialize_seq(Some(len))?;
        seq.serialize_element(&Code(c.to))?;
        seq.serialize_element(&c.at.0.wrapping_sub(self.created.0))?;
        if len > 2 {
            seq.serialize_element(&c.from.map(Code))?;
        }
        if let Some(by) = &c.by {
            seq.serialize_element(by)?;
        }
        seq.end()
    }
}

/// A claim as stored, before its quote is read against a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    id: AnnotationId,
    position: TextPositionSelector,
    certainty: Certainty,
    created: Timestamp,
    modified: Timestamp,
    quote: Quote,
    extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
struct Extra {
    #[serde(rename = "n", default)]
    note: String,
    #[serde(rename = "s", default)]
    sources: Vec<SourceUrl>,
    #[serde(rename = "t", default)]
    tags: Vec<String>,
    #[serde(rename = "h", default)]
    history: Vec<ChangeRow>,
}

/// A history entry as stored: `at` still relative to the claim's creation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChangeRow {
    to: Certainty,
    at: i64,
    from: Option<Certainty>,
    by: Option<String>,
}

impl<'de> Deserialize<'de> for ChangeRow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ChangeVisitor;
        impl<'de> Visitor<'de> for ChangeVisitor {
            type Value = ChangeRow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a history entry [to, at, from, by]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ChangeRow, A::Error> {
                let Code(to) = required(&mut seq, 0, &self)?;
                let at = required(&mut seq, 1, &self)?;
                let from = seq.next_element::<Option<Code>>()?.flatten().map(|c| c.0);
                let by = seq.next_element::<Option<String>>()?.flatten();
                ensure_end(&mut seq)?;
                Ok(ChangeRow { to, at, from, by })
            }
        }
        deserializer.deserialize_seq(ChangeVisitor)
    }
}

impl<'de> Deserialize<'de> for Quote {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuoteVisitor;
        impl<'de> Visitor<'de> for QuoteVisitor {
            type Value = Quote;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("0, a quote, or [exact, prefix, suffix]")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quote, E> {
                match v {
                    0 => Ok(Quote::FromText),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quote, E> {
                Ok(Quote::Exact(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Quote, E> {
                Ok(Quote::Exact(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Quote, A::Error> {
                let exact = required(&mut seq, 0, &self)?;
                let prefix = required(&mut seq, 1, &self)?;
                let suffix = required(&mut seq, 2, &self)?;
                ensure_end(&mut seq)?;
                Ok(Quote::Full(TextQuoteSelector {
                    exact,
                    prefix,
                    suffix,
                }))
            }
        }
        deserializer.deserialize_any(QuoteVisitor)
    }
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a claim [id, start, end, certainty, created, modified, quote, extra]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Row, A::Error> {
                let id: uuid::Uuid = required(&mut seq, 0, &self)?;
                let start = required(&mut seq, 1, &self)?;
                let end = required(&mut seq, 2, &self)?;
                let Code(certainty) = required(&mut seq, 3, &self)?;
                let created: i64 = required(&mut seq, 4, &self)?;
                let after: i64 = required(&mut seq, 5, &self)?;
                let quote = required(&mut seq, 6, &self)?;
                let extra = seq.next_element::<Extra>()?.unwrap_or_default();
                ensure_end(&mut seq)?;
                let modified = created
                    .checked_add(after)
                    .ok_or_else(|| de::Error::custom("modified time out of range"))?;
                Ok(Row {
                    id: AnnotationId(id),
                    position: TextPositionSelector { start, end },
                    certainty,
                    created: Timestamp(created),
                    modified: Timestamp(modified),
                    quote,
                    extra,
                })
            }
        }
        deserializer.deserialize_seq(RowVisitor)
    }
}

fn required<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(
    seq: &mut A,
    index: usize,
    expected: &dyn de::Expected,
) -> Result<T, A::Error> {
    seq.next_element()?
        .ok_or_else(|| de::Error::invalid_length(index, expected))
}

fn ensure_end<'de, A: SeqAccess<'de>>(seq: &mut A) -> Result<(), A::Error> {
    match seq.next_element::<de::IgnoredAny>()? {
        None => Ok(()),
        Some(_) => Err(de::Error::custom("too many elements")),
    }
}

/// Why a stored claim could not be turned back into an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// Its quote is "the text's", but no text of that version is at hand,
    /// or the position runs past its end.
    NoText,
    /// A time stamp is out of range.
    Time,
}

/// The annotation `row` stands for. `text`: the article the envelope
/// describes, when it is at hand (the envelope's own text, or the article
/// shown when its hash is the one the envelope records); without it, a
/// claim written with its exact text alone gets an empty prefix and suffix.
pub fn resolve(row: Row, text: Option<&Document>) -> Result<Annotation, Unresolved> {
    let position = row.position;
    let span = (position.start <= position.end).then(|| Span::new(position.start, position.end));
    let around = || text.zip(span).and_then(|(doc, span)| context(doc, span));
    let quote = match row.quote {
        Quote::Full(quote) => quote,
        Quote::Exact(exact) => {
            let (prefix, suffix) = around().unwrap_or_default();
            TextQuoteSelector {
                exact,
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
            }
        }
        Quote::FromText => {
            let (prefix, exact, suffix) = text
                .zip(span)
                .and_then(|(doc, span)| quote_in_context(doc, span))
                .ok_or(Unresolved::NoText)?;
            TextQuoteSelector {
                exact: exact.to_owned(),
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
            }
        }
    };
    let history = row
        .extra
        .history
        .into_iter()
        .map(|entry| {
            let at = row
                .created
                .0
                .checked_add(entry.at)
                .ok_or(Unresolved::Time)?;
            Ok(CertaintyChange {
                from: entry.from,
                to: entry.to,
                at: Timestamp(at),
                by: entry.by,
            })
        })
        .collect::<Result<Vec<_>, Unresolved>>()?;
    Ok(Annotation {
        id: row.id,
        target: Target { quote, position },
        certainty: row.certainty,
        note: row.extra.note,
        sources: row.extra.sources,
        tags: row.extra.tags,
        created: row.created,
        modified: row.modified,
        history,
    })
}
