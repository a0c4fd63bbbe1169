//! Describing a span as W3C selectors, and finding it again.
//!
//! [`describe`] turns a span of a document into a [`Target`]: a
//! `TextQuoteSelector` with [`CONTEXT_CHARS`] code points of prefix and
//! suffix, and a `TextPositionSelector`. [`anchor`] does the reverse on a
//! possibly changed text: the position is trusted only when its text equals
//! the quote; otherwise every exact occurrence of the quote is scored by
//! how much of its prefix and suffix match and how near it is to the old
//! position. A target that cannot be found is an [`Placement::Orphan`],
//! which the caller keeps and shows, never deletes.
//!
//! Approximate (fuzzy) matching is the anchoring engine's next step and is
//! not done here yet: a quote whose text changed is an orphan for now.

use super::annotation::{Target, TextPositionSelector, TextQuoteSelector};
use super::document::Document;
use super::offsets::ByteOffset;
use super::span::Span;

/// Code points of context kept on each side of a quote (as Hypothesis does).
pub const CONTEXT_CHARS: usize = 32;

/// Where a target landed in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Found; the span's text equals the quote.
    Anchored(Span),
    /// Not found: shown in the list of orphaned claims, kept in storage.
    Orphan,
}

impl Placement {
    /// The span, when anchored.
    pub fn span(self) -> Option<Span> {
        match self {
            Placement::Anchored(span) => Some(span),
            Placement::Orphan => None,
        }
    }
}

/// Describes a non-empty span of `document`; `None` when the span is empty
/// or runs past the end.
pub fn describe(document: &Document, span: Span) -> Option<Target> {
    if span.is_empty() {
        return None;
    }
    let exact = document.slice(span)?.to_owned();
    let prefix_start = span.start().saturating_sub(CONTEXT_CHARS);
    let suffix_end = (span.end() + CONTEXT_CHARS).min(document.char_len());
    let prefix = document
        .slice(Span::new(prefix_start, span.start()))?
        .to_owned();
    let suffix = document
        .slice(Span::new(span.end(), suffix_end))?
        .to_owned();
    Some(Target {
        quote: TextQuoteSelector {
            exact,
            prefix,
            suffix,
        },
        position: TextPositionSelector {
            start: span.start(),
            end: span.end(),
        },
    })
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
    best_occurrence(document, target).map_or(Placement::Orphan, Placement::Anchored)
}

/// Scores every exact occurrence of the quote and returns the best.
fn best_occurrence(document: &Document, target: &Target) -> Option<Span> {
    let text = document.text();
    let exact = &target.quote.exact;
    let quote_len = exact.chars().count();
    let mut best: Option<(u64, Span)> = None;
    for (byte, _) in text.match_indices(exact.as_str()) {
        let Some(start) = document.index().char_of(text, ByteOffset(byte)) else {
            continue;
        };
        let span = Span::new(start.0, start.0 + quote_len);
        let score = occurrence_score(document, span, target);
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, span));
        }
    }
    best.map(|(_, span)| span)
}

/// Higher is better: matching context characters dominate, nearness to the
/// old position breaks ties.
fn occurrence_score(document: &Document, span: Span, target: &Target) -> u64 {
    let before = document
        .slice(Span::new(
            span.start().saturating_sub(CONTEXT_CHARS),
            span.start(),
        ))
        .unwrap_or_default();
    let after = document
        .slice(Span::new(
            span.end(),
            (span.end() + CONTEXT_CHARS).min(document.char_len()),
        ))
        .unwrap_or_default();
    let prefix_match = common_suffix_chars(before, &target.quote.prefix);
    let suffix_match = common_prefix_chars(after, &target.quote.suffix);
    let distance = span.start().abs_diff(target.position.start) as u64;
    let context = (prefix_match + suffix_match) as u64;
    // Context counts in whole characters; distance only ever separates equal context.
    context * (1 << 40) + ((1u64 << 40) - 1).saturating_sub(distance)
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../assets/article.txt");

    #[test]
    fn describe_matches_the_w3c_example_of_the_design_notes() {
        let doc = Document::from_plain_text(SEED, None);
        let target = describe(&doc, Span::new(17, 53)).expect("in range");
        assert_eq!(target.quote.exact, "Hundreds of Cuban security personnel");
        assert_eq!(target.quote.prefix, " date 2026-02-25 ");
        assert_eq!(target.quote.suffix, " have begun departing Venezuela ");
        assert_eq!(target.position, TextPositionSelector { start: 17, end: 53 });
        assert_eq!(
            anchor(&doc, &target),
            Placement::Anchored(Span::new(17, 53))
        );
    }

    #[test]
    fn anchoring_finds_moved_quotes_and_refuses_missing_ones() {
        let original =
            Document::from_plain_text("Alpha said yes. Beta said yes. Gamma said no.", None);
        let beta_yes = describe(&original, Span::new(26, 29)).expect("the second yes");
        assert_eq!(beta_yes.quote.exact, "yes");
        let table = [
            // (new text, expected start, or None for an orphan)
            ("Alpha said yes. Beta said yes. Gamma said no.", Some(26)),
            (
                "Intro. Alpha said yes. Beta said yes. Gamma said no.",
                Some(33),
            ),
            ("Beta said yes. Gamma said no.", Some(10)),
            (
                "Alpha said yes. Beta said yes!! Beta said yes. Gamma said no.",
                Some(26),
            ),
            ("Alpha said no. Beta said no. Gamma said no.", None),
        ];
        for (text, start) in table {
            let doc = Document::from_plain_text(text, None);
            let expected = start.map(|s| Span::new(s, s + 3));
            assert_eq!(anchor(&doc, &beta_yes).span(), expected, "{text}");
        }
    }

    #[test]
    fn empty_or_reversed_selectors_do_not_panic() {
        let doc = Document::from_plain_text("Some text here.", None);
        let mut target = describe(&doc, Span::new(5, 9)).expect("in range");
        target.position = TextPositionSelector { start: 9, end: 5 };
        assert_eq!(anchor(&doc, &target), Placement::Anchored(Span::new(5, 9)));
        target.position = TextPositionSelector {
            start: 500,
            end: 900,
        };
        assert_eq!(anchor(&doc, &target), Placement::Anchored(Span::new(5, 9)));
        target.quote.exact.clear();
        assert_eq!(anchor(&doc, &target), Placement::Orphan);
        assert_eq!(describe(&doc, Span::new(3, 3)), None);
        assert_eq!(describe(&doc, Span::new(3, 300)), None);
    }
}
