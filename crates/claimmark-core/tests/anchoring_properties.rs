//! Property tests of anchoring on random text with astral characters,
//! combining marks, right-to-left script and whitespace runs: a claim
//! described on a text is found again on that text, and after random edits
//! outside it, and an edited claim is never placed on unrelated text with
//! a high score.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use claimmark_core::model::anchor::normalize::normalize_chars;
use claimmark_core::model::annotation::TextPositionSelector;
use claimmark_core::text::snap::snap_to_words;
use claimmark_core::{anchor, describe, Document, Placement, Span};
use proptest::prelude::*;

/// Words and separators that stress every offset unit.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "report",
        "officials",
        "said",
        "convoy",
        "border",
        "dawn",
        "Caracas",
        "é",
        "e\u{301}",
        "😀",
        "👩‍👩‍👧",
        "سلام",
        "שָׁלוֹם",
        "中文",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        ".",
        ",",
        "\u{a0}",
    ])
}

fn text() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(piece(), 1..120)
}

/// A text, a span snapped to whole words as the UI makes them.
fn claim_on(pieces: &[&str], a: usize, b: usize) -> Option<(Document, Span)> {
    let doc = Document::from_plain_text(&pieces.concat(), None);
    let len = doc.char_len();
    let raw = Span::new(
        (a % (len + 1)).min(b % (len + 1)),
        (a % (len + 1)).max(b % (len + 1)),
    );
    let span = snap_to_words(&doc, raw)?;
    Some((doc, span))
}

/// How often the normalised quote occurs in the normalised text.
fn occurrences(doc: &Document, quote: &str) -> usize {
    let text = normalize_chars(doc.text());
    let quote = normalize_chars(quote);
    if quote.is_empty() {
        return 0;
    }
    text.windows(quote.len())
        .filter(|w| *w == quote.as_slice())
        .count()
}

proptest! {
    #[test]
    fn a_claim_is_found_where_it_was_described(pieces in text(), a in 0usize..2000, b in 0usize..2000) {
        let Some((doc, span)) = claim_on(&pieces, a, b) else { return Ok(()) };
        let mut target = describe(&doc, span).unwrap();
        prop_assert_eq!(anchor(&doc, &target), Placement::Anchored(span));
        // Without a usable position, the quote and its context still find it,
        // unless the same words in the same context occur twice.
        target.position = TextPositionSelector { start: 0, end: 0 };
        match anchor(&doc, &target) {
            Placement::Anchored(found) => {
                prop_assert_eq!(normalize_chars(doc.slice(found).unwrap()), normalize_chars(doc.slice(span).unwrap()));
                if found != span {
                    prop_assert!(occurrences(&doc, &target.quote.exact) > 1);
                }
            }
            Placement::Ambiguous { .. } => prop_assert!(occurrences(&doc, &target.quote.exact) > 1),
            other => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn edits_outside_a_claim_never_lose_it(
        pieces in text(),
        a in 0usize..2000,
        b in 0usize..2000,
        edits in prop::collection::vec((0usize..2000, 0u8..3, piece()), 1..6),
    ) {
        let Some((doc, span)) = claim_on(&pieces, a, b) else { return Ok(()) };
        let target = describe(&doc, span).unwrap();
        let mut chars: Vec<char> = doc.text().chars().collect();
        let (mut start, mut end) = (span.start(), span.end());
        for (at, kind, inserted) in edits {
            let outside: Vec<usize> = (0..=chars.len()).filter(|&i| i <= start || i >= end).collect();
            let at = outside[at % outside.len()];
            let inserted: Vec<char> = inserted.chars().collect();
            let removable = match at {
                _ if at < start => start - at,
                _ if at == start => 0,
                _ => chars.len() - at,
            };
            let removed = match kind { 0 => 0, _ => removable.min(1 + at % 3) };
            chars.splice(at..at + removed, inserted.iter().copied());
            if at <= start {
                start = start + inserted.len() - removed;
                end = end + inserted.len() - removed;
            }
        }
        let new_text: String = chars.iter().collect();
        let new_doc = Document::from_plain_text(&new_text, None);
        let truth = Span::new(start, end);
        prop_assert_eq!(new_doc.slice(truth), Some(target.quote.exact.as_str()));
        match anchor(&new_doc, &target) {
            Placement::Anchored(found) => {
                prop_assert_eq!(normalize_chars(new_doc.slice(found).unwrap()), normalize_chars(&target.quote.exact));
                if found != truth {
                    prop_assert!(occurrences(&new_doc, &target.quote.exact) > 1, "moved to {:?} from {:?}", found, truth);
                }
            }
            Placement::Ambiguous { first, second } => {
                prop_assert!(first == truth || second == truth || occurrences(&new_doc, &target.quote.exact) > 2);
            }
            other => prop_assert!(false, "lost: {:?}", other),
        }
    }

    #[test]
    fn an_edited_claim_is_never_placed_on_unrelated_text(
        pieces in text(),
        a in 0usize..2000,
        b in 0usize..2000,
        at in 0usize..2000,
        replacement in piece(),
    ) {
        let Some((doc, span)) = claim_on(&pieces, a, b) else { return Ok(()) };
        let target = describe(&doc, span).unwrap();
        let mut chars: Vec<char> = doc.text().chars().collect();
        let at = span.start() + at % span.len();
        let replacement: Vec<char> = replacement.chars().collect();
        chars.splice(at..at + 1, replacement.iter().copied());
        let new_doc = Document::from_plain_text(&chars.iter().collect::<String>(), None);
        if occurrences(&new_doc, &target.quote.exact) > 0 {
            return Ok(()); // the old words are still somewhere: finding them is right
        }
        let truth = Span::new(span.start(), span.end() + replacement.len() - 1);
        match anchor(&new_doc, &target) {
            Placement::Anchored(found) => prop_assert!(found.overlaps(truth), "placed on {:?}, the claim is at {:?}", found, truth),
            // Elsewhere, words within the error budget may fit, but without
            // the claim's context they never score high.
            Placement::Fuzzy { span, score } if !span.overlaps(truth) => {
                prop_assert!(score.percent() < 80, "placed on {:?} with {:?}, the claim is at {:?}", span, score, truth)
            }
            _ => {}
        }
    }
}
