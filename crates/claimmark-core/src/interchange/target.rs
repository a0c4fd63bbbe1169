//! Reading an imported item's target: which target, which selectors, and
//! what its `TextPositionSelector` is worth against the text.
//!
//! A target may be one object (`source` + `selector`), an array of them,
//! or an IRI (a source without a selector). The first target holding a
//! `TextQuoteSelector` or a `TextPositionSelector` is read; the others are
//! skipped with a note. Selectors come as one object or a list in any
//! order; a selector claimmark does not read, a selector given as an IRI,
//! and a `refinedBy` on one it reads are skipped with a note
//! ([`ImportNote`]). A `TextQuoteSelector` refining an unread selector (a
//! fragment, an XPath) is read, without its position, which counts inside
//! that part.
//!
//! The quote is the claim; a position is a hint. With the document's text
//! at hand ([`Resolver`]): a position whose text is the quote is kept; one
//! that holds the quote when read as UTF-16 code units (JavaScript
//! annotators count so) is converted to code points; any other (past the
//! end, reversed, another text there) gives way to where the quote is
//! found ([`crate::model::anchor::anchor`]): one past the end or reversed
//! is replaced, one inside the text (the claim's place in another version
//! of the article) is kept as the recorded description, which the export
//! writes under `claimmark:recorded` beside the new place; a quote without
//! a position is given the place where it is found. An item is refused only when
//! it has neither a usable quote nor a valid position.

use std::cell::OnceCell;

use serde_json::{Map, Value};

use super::import_errors::ItemError;
use super::import_notes::{ImportNote, PositionProblem};
use super::item_fields::{capped, clip, one_or_many, string_field};
use super::{MAX_CONTEXT_CHARS, MAX_QUOTE_CHARS, MAX_TARGET_SOURCE_LEN};
use crate::model::anchor::{anchor, describe};
use crate::model::annotation::{Target, TextPositionSelector, TextQuoteSelector};
use crate::text::document::Document;
use crate::text::offsets::{Utf16Map, Utf16Offset};
use crate::text::span::Span;

/// The text positions are checked against, and its UTF-16 reading, built
/// the first time a position needs it (once per import).
pub(super) struct Resolver<'d> {
    document: Option<&'d Document>,
    utf16: OnceCell<Utf16Map>,
}

impl<'d> Resolver<'d> {
    pub(super) fn new(document: Option<&'d Document>) -> Self {
        Self {
            document,
            utf16: OnceCell::new(),
        }
    }

    fn utf16(&self, document: &Document) -> &Utf16Map {
        self.utf16.get_or_init(|| Utf16Map::new(document.text()))
    }
}

/// An item's target as read: where it is, its source, and the notes.
pub(super) struct ReadTarget {
    pub target: Target,
    pub source: Option<String>,
    pub notes: Vec<ImportNote>,
}

/// What one target object's selectors give.
#[derive(Default)]
struct Selectors {
    quote: Option<TextQuoteSelector>,
    position: Option<(usize, usize)>,
    notes: Vec<ImportNote>,
    found: Vec<String>,
    /// Why a text selector was unreadable: the refusal when nothing else
    /// usable is there.
    bad_selector: Option<ItemError>,
}

impl Selectors {
    fn usable(&self) -> bool {
        self.quote.is_some() || self.position.is_some()
    }
}

pub(super) fn read_target(
    object: &Map<String, Value>,
    resolver: &Resolver<'_>,
) -> Result<ReadTarget, ItemError> {
    let raw = object.get("target").ok_or(ItemError::Missing("target"))?;
    let targets = one_or_many(raw);
    let mut chosen: Option<(Selectors, Option<&str>)> = None;
    let mut first_source: Option<&str> = None;
    let mut found: Vec<String> = Vec::new();
    let mut bad_selector: Option<ItemError> = None;
    for target in &targets {
        match target {
            Value::String(iri) => {
                first_source.get_or_insert(iri);
                found.push("an IRI target".to_owned());
            }
            Value::Object(target) => {
                let source = match string_field(target, "source")? {
                    Some(source) => Some(source),
                    None => string_field(target, "id")?,
                };
                if let Some(source) = source {
                    first_source.get_or_insert(source);
                }
                let selectors = read_selectors(target)?;
                if chosen.is_none() && selectors.usable() {
                    chosen = Some((selectors, source));
                } else {
                    found.extend(selectors.found);
                    bad_selector = bad_selector.or(selectors.bad_selector);
                }
            }
            _ => {
                return Err(ItemError::WrongType {
                    field: "target",
                    expected: "an object with a source and selectors, or an IRI",
                })
            }
        }
    }
    let Some((selectors, source)) = chosen else {
        return Err(bad_selector.unwrap_or_else(|| no_usable(&found)));
    };
    let source = source.or(first_source).map(checked_source).transpose()?;
    let mut notes = selectors.notes;
    if targets.len() > 1 {
        notes.push(ImportNote::SkippedTargets {
            count: targets.len() - 1,
        });
    }
    let target = resolve(selectors.quote, selectors.position, resolver, &mut notes)?;
    if target.quote.exact.is_empty() {
        return Err(ItemError::EmptyQuote);
    }
    Ok(ReadTarget {
        target,
        source,
        notes,
    })
}

fn checked_source(source: &str) -> Result<String, ItemError> {
    if source.len() > MAX_TARGET_SOURCE_LEN {
        return Err(ItemError::TooLong {
            field: "target source",
            len: source.len(),
            max: MAX_TARGET_SOURCE_LEN,
        });
    }
    Ok(source.to_owned())
}

fn read_selectors(target: &Map<String, Value>) -> Result<Selectors, ItemError> {
    let mut acc = Selectors::default();
    for selector in target.get("selector").map(one_or_many).unwrap_or_default() {
        match selector {
            Value::String(iri) => {
                acc.found.push("a selector IRI".to_owned());
                acc.notes
                    .push(ImportNote::SkippedSelectorIri { iri: clip(iri) });
            }
            Value::Object(selector) => read_selector(selector, &mut acc)?,
            _ => {
                return Err(ItemError::WrongType {
                    field: "selector",
                    expected: "an object",
                })
            }
        }
    }
    Ok(acc)
}

fn read_selector(selector: &Map<String, Value>, acc: &mut Selectors) -> Result<(), ItemError> {
    let kind = string_field(selector, "type")?.unwrap_or("(no type)");
    acc.found.push(clip(kind));
    match kind {
        "TextQuoteSelector" if acc.quote.is_none() => match quote_of(selector) {
            Ok(quote) => acc.quote = Some(quote),
            // A quote over the size caps refuses the item, as any string does.
            Err(error @ ItemError::TooLong { .. }) => return Err(error),
            Err(error) => {
                acc.notes.push(ImportNote::SkippedSelector {
                    kind: format!("TextQuoteSelector ({error})"),
                });
                acc.bad_selector.get_or_insert(error);
            }
        },
        "TextPositionSelector" if acc.position.is_none() => {
            match offset(selector, "start").and_then(|s| Ok((s, offset(selector, "end")?))) {
                Ok(position) => acc.position = Some(position),
                Err(error) => {
                    acc.notes.push(ImportNote::SkippedSelector {
                        kind: format!("TextPositionSelector ({error})"),
                    });
                    acc.bad_selector.get_or_insert(error);
                }
            }
        }
        _ => {
            let refined = refined_quote(selector)?;
            match refined {
                Some(quote) if acc.quote.is_none() => {
                    acc.quote = Some(quote);
                    acc.notes
                        .push(ImportNote::FromRefinement { outer: clip(kind) });
                    return Ok(());
                }
                _ if matches!(kind, "TextQuoteSelector" | "TextPositionSelector") => {
                    acc.notes.push(ImportNote::SkippedSelector {
                        kind: format!("second {kind}"),
                    });
                }
                _ => acc
                    .notes
                    .push(ImportNote::SkippedSelector { kind: clip(kind) }),
            }
            return Ok(());
        }
    }
    if selector.contains_key("refinedBy") {
        acc.notes
            .push(ImportNote::SkippedRefinement { kind: clip(kind) });
    }
    Ok(())
}

/// The first `TextQuoteSelector` in a selector's `refinedBy` chain.
fn refined_quote(selector: &Map<String, Value>) -> Result<Option<TextQuoteSelector>, ItemError> {
    let mut next = selector.get("refinedBy");
    // Refinements nest; a few levels are plenty and bound the walk.
    for _ in 0..4 {
        let Some(refinement) = next else {
            return Ok(None);
        };
        let Some(Value::Object(inner)) = one_or_many(refinement).into_iter().next() else {
            return Ok(None);
        };
        if string_field(inner, "type")? == Some("TextQuoteSelector") {
            return quote_of(inner).map(Some);
        }
        next = inner.get("refinedBy");
    }
    Ok(None)
}

fn quote_of(selector: &Map<String, Value>) -> Result<TextQuoteSelector, ItemError> {
    let exact = string_field(selector, "exact")?.ok_or(ItemError::Missing("exact"))?;
    let prefix = string_field(selector, "prefix")?.unwrap_or_default();
    let suffix = string_field(selector, "suffix")?.unwrap_or_default();
    Ok(TextQuoteSelector {
        exact: capped("quote", exact, MAX_QUOTE_CHARS)?,
        prefix: capped("prefix", prefix, MAX_CONTEXT_CHARS)?,
        suffix: capped("suffix", suffix, MAX_CONTEXT_CHARS)?,
    })
}

/// Puts the quote and the position together; see the module's rules.
fn resolve(
    quote: Option<TextQuoteSelector>,
    position: Option<(usize, usize)>,
    resolver: &Resolver<'_>,
    notes: &mut Vec<ImportNote>,
) -> Result<Target, ItemError> {
    let document = resolver.document;
    match (quote, position) {
        (Some(quote), None) => {
            let mut target = unplaced(quote);
            // With the text at hand, the position is where the quote is.
            if let Some(span) = document.and_then(|d| anchor(d, &target).span()) {
                target.position = TextPositionSelector {
                    start: span.start(),
                    end: span.end(),
                };
            }
            Ok(target)
        }
        (Some(quote), Some((start, end))) => match document {
            Some(document) => Ok(fit(quote, start, end, document, resolver, notes)),
            None if start > end => {
                notes.push(ImportNote::PositionIgnored {
                    start,
                    end,
                    problem: PositionProblem::StartAfterEnd,
                });
                Ok(unplaced(quote))
            }
            None => Ok(Target {
                quote,
                position: TextPositionSelector { start, end },
            }),
        },
        (None, Some((start, end))) => {
            if start > end {
                return Err(ItemError::StartAfterEnd { start, end });
            }
            let Some(document) = document else {
                return Err(no_usable(&[
                    "TextPositionSelector, and no text to read its quote from".to_owned(),
                ]));
            };
            if end > document.char_len() {
                return Err(ItemError::PastEnd {
                    end,
                    len: document.char_len(),
                });
            }
            let target = describe(document, Span::new(start, end)).ok_or(ItemError::EmptyQuote)?;
            notes.push(ImportNote::QuoteFromText { start, end });
            Ok(target)
        }
        (None, None) => Err(no_usable(&[])),
    }
}

/// No position: 0..0 never holds a non-empty quote, so anchoring goes
/// straight to searching for the quote.
fn unplaced(quote: TextQuoteSelector) -> Target {
    Target {
        quote,
        position: TextPositionSelector { start: 0, end: 0 },
    }
}

/// A quote and a position checked against the text.
fn fit(
    quote: TextQuoteSelector,
    start: usize,
    end: usize,
    document: &Document,
    resolver: &Resolver<'_>,
    notes: &mut Vec<ImportNote>,
) -> Target {
    let len = document.char_len();
    let holds = |from: usize, to: usize| {
        from <= to && document.slice(Span::new(from, to)) == Some(quote.exact.as_str())
    };
    let problem = if start > end {
        PositionProblem::StartAfterEnd
    } else if end > len {
        PositionProblem::PastEnd { len }
    } else if holds(start, end) {
        return Target {
            quote,
            position: TextPositionSelector { start, end },
        };
    } else {
        PositionProblem::NotTheQuote
    };
    let map = resolver.utf16(document);
    if map.has_astral() && start <= end {
        if let (Some(from), Some(to)) = (
            map.to_char(Utf16Offset(start)),
            map.to_char(Utf16Offset(end)),
        ) {
            if holds(from.0, to.0) {
                notes.push(ImportNote::ConvertedUtf16 {
                    start,
                    end,
                    to_start: from.0,
                    to_end: to.0,
                });
                return Target {
                    quote,
                    position: TextPositionSelector {
                        start: from.0,
                        end: to.0,
                    },
                };
            }
        }
    }
    // The quote decides; the position only says where to look first.
    let hint = match problem {
        PositionProblem::NotTheQuote => TextPositionSelector { start, end },
        _ => {
            let near = start.min(len);
            TextPositionSelector {
                start: near,
                end: near,
            }
        }
    };
    let mut target = Target {
        quote,
        position: hint,
    };
    match anchor(document, &target).span() {
        Some(span) => {
            notes.push(ImportNote::PlacedByQuote {
                start,
                end,
                problem,
                to_start: span.start(),
                to_end: span.end(),
            });
            // A position inside the text that holds other words is most
            // likely the claim's place in another version of the article:
            // it stays, as recorded, and anchoring places the claim (the
            // export then writes where and records this). One that cannot
            // be a place in this text (past the end, reversed) is replaced.
            if problem != PositionProblem::NotTheQuote {
                target.position = TextPositionSelector {
                    start: span.start(),
                    end: span.end(),
                };
            }
        }
        None => notes.push(ImportNote::PositionUnusable {
            start,
            end,
            problem,
        }),
    }
    target
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

/// A whole number, 0 or more.
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
