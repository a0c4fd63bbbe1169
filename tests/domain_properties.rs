//! Property tests of the domain on random text — astral characters,
//! combining marks, right-to-left script, whitespace runs — and random
//! spans and action sequences: offsets round-trip, slicing agrees with a
//! plain scan, snapping keeps every selected character, segments tile
//! every block, and the reducer never loses count.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::rc::Rc;

use claimmark::domain::offsets::{char_to_utf16, utf16_to_char, CharIndex, CharOffset};
use claimmark::domain::segments::segments_by_block;
use claimmark::domain::snap::snap_to_words;
use claimmark::domain::{
    reduce, Action, AnnotationId, Certainty, Document, Span, State, Timestamp,
};
use proptest::prelude::*;

/// Text drawn from a mix that stresses every offset unit.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Word",
        " ",
        "  ",
        "\n",
        "\n\n",
        ".",
        ",",
        "é",
        "e\u{301}",
        "😀",
        "👩‍👩‍👧",
        "سلام",
        "שָׁלוֹם",
        "中文",
        "\u{a0}",
        "—",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|parts| parts.concat())
}

fn text_and_span() -> impl Strategy<Value = (String, usize, usize)> {
    text().prop_flat_map(|t| {
        let len = t.chars().count();
        (Just(t), 0..=len, 0..=len)
    })
}

proptest! {
    #[test]
    fn utf16_offsets_round_trip((text, a, _b) in text_and_span()) {
        let utf16 = char_to_utf16(&text, CharOffset(a));
        prop_assert_eq!(utf16_to_char(&text, utf16), CharOffset(a));
    }

    #[test]
    fn char_index_slices_agree_with_a_scan((text, a, b) in text_and_span()) {
        let (start, end) = (a.min(b), a.max(b));
        let index = CharIndex::new(&text);
        let expected: String = text.chars().skip(start).take(end - start).collect();
        prop_assert_eq!(index.slice(&text, CharOffset(start), CharOffset(end)), Some(expected.as_str()));
    }

    #[test]
    fn snapping_keeps_every_selected_character_and_lands_on_boundaries((text, a, b) in text_and_span()) {
        let doc = Document::from_plain_text(&text, None);
        let chars: Vec<char> = doc.text().chars().collect();
        let raw = Span::new(a.min(chars.len()), b.min(chars.len()));
        let selected: Vec<usize> = (raw.start()..raw.end()).filter(|&i| !chars[i].is_whitespace()).collect();
        match snap_to_words(&doc, raw) {
            None => prop_assert!(selected.is_empty(), "only whitespace may snap to nothing"),
            Some(span) => {
                prop_assert!(span.end() <= chars.len());
                for i in selected {
                    prop_assert!(span.start() <= i && i < span.end(), "character {} was dropped", i);
                }
                prop_assert!(!chars[span.start()].is_whitespace());
                prop_assert!(!chars[span.end() - 1].is_whitespace());
            }
        }
    }

    #[test]
    fn random_actions_keep_counts_and_segments_consistent(
        text in text(),
        actions in prop::collection::vec((0u8..6, 0usize..400, 0usize..400, 0usize..3, 0u8..8), 0..40),
    ) {
        let doc = Rc::new(Document::from_plain_text(&text, None));
        let mut state = Rc::new(State::new(doc.clone()));
        let mut deleted = Vec::new();
        for (step, (kind, a, b, c, n)) in actions.into_iter().enumerate() {
            let id = AnnotationId::from_random_bytes([n; 16]);
            let certainty = Certainty::ALL[c];
            let at = Timestamp(i64::try_from(step).unwrap());
            let action = match kind {
                0 | 1 => Action::Create { id, span: Span::new(a, b), certainty, at },
                2 => Action::SetCertainty { id, certainty, at },
                3 => Action::SetNote { id, note: format!("note {a}"), at },
                4 => {
                    if let Some(claim) = state.claim(id) {
                        deleted.push(claim.annotation.clone());
                    }
                    Action::Delete { id }
                }
                _ => match deleted.pop() {
                    Some(annotation) => Action::Restore { annotation },
                    None => Action::Delete { id },
                },
            };
            let before = state.revision;
            state = reduce(state, action);
            prop_assert!(state.revision == before || state.revision == before + 1);
        }
        prop_assert_eq!(state.counts().iter().sum::<usize>(), state.claims.len());
        for claim in &state.claims {
            let span = claim.placement.span().expect("claims made on this text anchor");
            prop_assert_eq!(doc.slice(span), Some(claim.annotation.target.quote.exact.as_str()));
        }
        for (block, segments) in doc.blocks().iter().zip(segments_by_block(&doc, &state.claims)) {
            let joined: String = segments.iter().map(|s| doc.slice(s.span).unwrap()).collect();
            prop_assert_eq!(Some(joined.as_str()), doc.slice(block.span));
            for segment in &segments {
                let covering = state.claims.iter().filter(|c| c.placement.span().is_some_and(|s| s.contains(segment.span))).count();
                prop_assert_eq!(segment.layers.len(), covering);
            }
        }
    }
}
