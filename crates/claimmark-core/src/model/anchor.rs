//! Describing a span as W3C selectors, and finding it again after the text
//! changed.
//!
//! [`describe`] turns a span of a document into a [`Target`]: a
//! `TextQuoteSelector` with [`CONTEXT_CHARS`] code points of prefix and
//! suffix, and a `TextPositionSelector`. [`anchor`] does the reverse on a
//! possibly changed text, in this order:
//!
//! 1. the position, trusted only when its text equals the quote;
//! 2. every exact occurrence of the quote, scored by prefix, suffix and
//!    nearness to the old position ([`score`]);
//! 3. approximate occurrences with at most [`GLOBAL_ERROR_RATE`] of the
//!    quote's length in edits anywhere ([`myers`], filtered by the k-gram
//!    index in [`search`]), then with up to [`LOCAL_ERROR_RATE`] within
//!    [`LOCAL_REACH`] of the old place where at least one six-character run
//!    of the quote survives, scored the same way.
//!
//! Steps 2 and 3 compare [`normalize`]d text: whitespace runs and Unicode
//! normalisation (NFC/NFD) make no difference. The result is
//! [`Placement::Anchored`] (the quote's text is there), [`Placement::Fuzzy`]
//! (an edited text is there: needs review), [`Placement::Ambiguous`] (two
//! places fit within [`AMBIGUITY_MARGIN`]: placed on neither) or
//! [`Placement::Orphan`] (kept and listed, never deleted).

// The kernels live in their own crate, compiled for speed (see its docs).
pub use claimmark_match::{grams, myers, normalize, score, search};

use crate::model::annotation::{Target, TextPositionSelector, TextQuoteSelector};
use crate::text::document::Document;
use crate::text::offsets::CharOffset;
use crate::text::span::Span;
use normalize::normalize_chars;
use score::{Expected, Fit};
use search::Hit;

/// Code points of context kept on each side of a quote (as Hypothesis does).
pub const CONTEXT_CHARS: usize = 32;

/// The largest share of a quote's characters that may be edited for an
/// approximate match anywhere in the text (the k-gram filter stays sharp).
pub const GLOBAL_ERROR_RATE: f64 = 0.1;

/// The larger share allowed near the claim's old place, searched when no
/// match was found anywhere: a reworded phrase usually stays where it was.
pub const LOCAL_ERROR_RATE: f64 = 0.25;

/// How far from the old place (in characters, besides twice the quote's
/// length) the wider search looks: about two paragraphs either side.
pub const LOCAL_REACH: usize = 1000;

/// Two places whose textual evidence (quote, prefix and suffix, without the
/// position) differs by less than this are equally likely: the claim is
/// ambiguous and placed on neither. One more matching context character is
/// worth about 0.007, so any difference in the text decides, and nearness to
/// an old position never does on its own.
pub const AMBIGUITY_MARGIN: f64 = 0.005;

/// The lowest score an approximate match may have. A quote edited by a
/// tenth scores about 0.97 with its context and about 0.6 when its context
/// changed too; unrelated words within the error budget and with foreign
/// context score below.
pub const MIN_FUZZY_SCORE: f64 = 0.6;

/// How well an approximate match fits, in thousandths (1000 = perfectly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Score(u16);

impl Score {
    /// From a fraction in 0..=1 (clamped).
    pub fn from_fraction(fraction: f64) -> Self {
        Score((fraction.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    /// Whole percent, for people.
    pub fn percent(self) -> u16 {
        (self.0 + 5) / 10
    }
}

/// Where a target landed in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Found; the span's text is the quote (up to whitespace and Unicode
    /// normalisation).
    Anchored(Span),
    /// Found with edits: shown, but marked as needing review until accepted.
    Fuzzy {
        /// Where.
        span: Span,
        /// How well it fits.
        score: Score,
    },
    /// Two places fit equally well: shown on neither until someone chooses.
    Ambiguous {
        /// The earlier candidate.
        first: Span,
        /// The later candidate.
        second: Span,
    },
    /// Not found: shown in the list of orphaned claims, kept in storage.
    Orphan,
}

impl Placement {
    /// The span a highlight is drawn on: anchored or fuzzy.
    pub fn span(self) -> Option<Span> {
        match self {
            Placement::Anchored(span) | Placement::Fuzzy { span, .. } => Some(span),
            Placement::Ambiguous { .. } | Placement::Orphan => None,
        }
    }

    /// True when a person should confirm where the claim is.
    pub fn needs_review(self) -> bool {
        matches!(self, Placement::Fuzzy { .. } | Placement::Ambiguous { .. })
    }
}

/// Describes a non-empty span of `document`; `None` when the span is empty
/// or runs past the end.
pub fn describe(document: &Document, span: Span) -> Option<Target> {
    if span.is_empty() {
        return None;
    }
    let exact = document.slice(span)?.to_owned();
    let (prefix, suffix) = context(document, span)?;
    Some(Target {
        quote: TextQuoteSelector {
            exact,
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        },
        position: TextPositionSelector {
            start: span.start(),
            end: span.end(),
        },
    })
}

/// The [`CONTEXT_CHARS`] code points before and after `span` (fewer at the
/// ends of the text): the prefix and suffix [`describe`] records. `None`
/// when the span runs past the end.
pub fn context(document: &Document, span: Span) -> Option<(&str, &str)> {
    quote_in_context(document, span).map(|(prefix, _, suffix)| (prefix, suffix))
}

/// `(prefix, exact, suffix)` of `span`: its text and its [`context`], found
/// from four code-point offsets (a claim read back from storage needs all
/// three, ten thousand times on opening a long investigation).
pub fn quote_in_context(document: &Document, span: Span) -> Option<(&str, &str, &str)> {
    let suffix_end = span
        .end()
        .saturating_add(CONTEXT_CHARS)
        .min(document.char_len())
        .max(span.end());
    let (text, index) = (document.text(), document.index());
    let [prefix, start, end, suffix] = [
        span.start().saturating_sub(CONTEXT_CHARS),
        span.start(),
        span.end(),
        suffix_end,
    ]
    .map(|offset| index.byte_of(text, CharOffset(offset)).map(|byte| byte.0));
    let (prefix, start, end, suffix) = (prefix?, start?, end?, suffix?);
    Some((
        text.get(prefix..start)?,
        text.get(start..end)?,
        text.get(end..suffix)?,
    ))
}

/// Finds `target` in `document`.
pub fn anchor(document: &Document, target: &Target) -> Placement {
    let exact = target.quote.exact.as_str();
    if exact.is_empty() {
        return Placement::Orphan;
    }
    let position = target.position;
    if position.start <= position.end {
        let span = Span::new(position.start, position.end);
        if document.slice(span) == Some(exact) {
            return Placement::Anchored(span);
        }
    }
    let quote = normalize_chars(exact);
    if quote.is_empty() {
        return Placement::Orphan;
    }
    let search = document.search_text();
    let exact_hits = search.exact(&quote);
    if let [only] = exact_hits.as_slice() {
        // One place has the quote's very words: nothing to weigh.
        if let Some(origin) = search.normalized.origin(only.start, only.end) {
            return Placement::Anchored(Span::new(origin.start, origin.end));
        }
    }
    let prefix = normalize_chars(&target.quote.prefix);
    let suffix = normalize_chars(&target.quote.suffix);
    let expected = Expected {
        quote_len: quote.len(),
        prefix: &prefix,
        suffix: &suffix,
        position: position.start,
        text_len: document.char_len(),
    };
    if !exact_hits.is_empty() {
        return decide(document, &expected, &exact_hits, true);
    }
    let global_errors = (quote.len() as f64 * GLOBAL_ERROR_RATE) as usize;
    if global_errors > 0 {
        let placement = decide(
            document,
            &expected,
            &search.approximate(&quote, global_errors),
            false,
        );
        if placement != Placement::Orphan {
            return placement;
        }
    }
    let local_errors = (quote.len() as f64 * LOCAL_ERROR_RATE) as usize;
    if local_errors <= global_errors {
        return Placement::Orphan;
    }
    let around = search.normalized.index_of(position.start);
    let reach = LOCAL_REACH + 2 * quote.len();
    let (from, to) = (around.saturating_sub(reach), around + reach);
    // Words reworded this much still keep a run of six characters; where
    // none of the quote's is left nearby, the claim is gone.
    if !search.has_gram_in(&quote, from, to) {
        return Placement::Orphan;
    }
    let hits = search.approximate_near(&quote, local_errors, from, to);
    decide(document, &expected, &hits, false)
}

/// Picks the best of `hits`, or declares a tie or nothing good enough.
fn decide(document: &Document, expected: &Expected<'_>, hits: &[Hit], exact: bool) -> Placement {
    let text = &document.search_text().normalized;
    let mut scored: Vec<(Fit, Span)> = hits
        .iter()
        .filter_map(|hit| {
            let origin = text.origin(hit.start, hit.end)?;
            let span = Span::new(origin.start, origin.end);
            let fit = score::score(text, expected, hit.start, hit.end, hit.errors, span.start());
            Some((fit, span))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total
            .total_cmp(&a.0.total)
            .then(a.1.start().cmp(&b.1.start()))
    });
    let Some(&(best_fit, best)) = scored.first() else {
        return Placement::Orphan;
    };
    let best_score = best_fit.total;
    if !exact && best_score < MIN_FUZZY_SCORE {
        return Placement::Orphan;
    }
    let rival = scored.iter().skip(1).find(|(_, span)| !span.overlaps(best));
    if let Some(&(rival_fit, rival)) = rival {
        if rival_fit.evidence > best_fit.evidence - AMBIGUITY_MARGIN {
            let (first, second) = if best.start() <= rival.start() {
                (best, rival)
            } else {
                (rival, best)
            };
            return Placement::Ambiguous { first, second };
        }
    }
    if exact {
        Placement::Anchored(best)
    } else {
        Placement::Fuzzy {
            span: best,
            score: Score::from_fraction(best_score),
        }
    }
}

#[cfg(test)]
mod tests;
