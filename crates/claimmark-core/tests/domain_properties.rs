//! Property tests of the domain on random text — astral characters,
//! combining marks, right-to-left script, whitespace runs — and random
//! spans and action sequences: offsets round-trip, slicing and every code
//! point's place agree with a plain scan, snapping keeps every selected
//! character, segments tile every block, the reducer never loses count,
//! stored claims read back equal (none lost when the article changes),
//! and the fast reader of stored rows reads exactly what serde reads.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::rc::Rc;

use claimmark_core::text::offsets::{
    char_to_utf16, utf16_to_char, ByteOffset, CharIndex, CharOffset,
};
use claimmark_core::text::snap::snap_to_words;
use claimmark_core::view::segments::segments_by_block;
use claimmark_core::{reduce, Action, AnnotationId, Certainty, Document, Span, State, Timestamp};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

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
    fn char_index_places_every_code_point_as_a_scan_does(text in text()) {
        let index = CharIndex::new(&text);
        prop_assert_eq!(index.char_len(), text.chars().count());
        let starts = text.char_indices().map(|(byte, _)| byte).chain([text.len()]);
        for (cp, byte) in starts.enumerate() {
            prop_assert_eq!(index.byte_of(&text, CharOffset(cp)).map(|b| b.0), Some(byte));
            prop_assert_eq!(index.char_of(&text, ByteOffset(byte)), Some(CharOffset(cp)));
        }
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
                // Never inside a grapheme: a ZWJ family, an accent, a flag.
                let mut edges = vec![0];
                for grapheme in doc.text().graphemes(true) {
                    edges.push(edges.last().copied().unwrap_or(0) + grapheme.chars().count());
                }
                prop_assert!(edges.contains(&span.start()), "the start {} cuts a grapheme", span.start());
                prop_assert!(edges.contains(&span.end()), "the end {} cuts a grapheme", span.end());
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

/// A claim on `text`: described at a random span, then sometimes moved,
/// its quote or context changed, or given notes and a history, as merges,
/// imports and edits of the article leave claims.
fn stored_claims() -> impl Strategy<Value = (String, Vec<claimmark_core::Annotation>)> {
    text()
        .prop_flat_map(|t| {
            let len = t.chars().count();
            let claim = (
                0..=len,
                0..=len,
                0u8..6,
                any::<[u8; 16]>(),
                0i64..10_000_000,
                ".{0,12}",
            );
            (Just(t), prop::collection::vec(claim, 0..12))
        })
        .prop_map(|(text, raw)| {
            let document = Document::from_plain_text(&text, None);
            let claims = raw
                .into_iter()
                .filter_map(|(a, b, how, id, after, words)| {
                    let mut target = claimmark_core::describe(&document, Span::new(a, b))?;
                    match how {
                        1 => target.position.start += 3,
                        2 => target.quote.exact.clone_from(&words),
                        3 => target.quote.prefix.clone_from(&words),
                        4 => {
                            target.position =
                                claimmark_core::model::annotation::TextPositionSelector {
                                    start: b + 2,
                                    end: a,
                                }
                        }
                        _ => {}
                    }
                    let created = Timestamp(1_772_013_600_000 + after);
                    Some(claimmark_core::Annotation {
                        id: AnnotationId::from_random_bytes(id),
                        target,
                        certainty: [
                            Certainty::Confirmed,
                            Certainty::Unclear,
                            Certainty::Unconfirmed,
                        ][usize::from(how % 3)],
                        note: if how == 5 {
                            words.clone()
                        } else {
                            String::new()
                        },
                        sources: Vec::new(),
                        tags: if how == 5 { vec![words] } else { Vec::new() },
                        created,
                        modified: Timestamp(created.0 + after / 2),
                        history: Vec::new(),
                    })
                })
                .collect();
            (document.text().to_owned(), claims)
        })
}

proptest! {
    #[test]
    fn stored_claims_read_back_equal_and_none_is_lost_when_the_article_changes(
        (text, claims) in stored_claims(),
        keep_text in any::<bool>(),
    ) {
        use claimmark_core::storage::{load, save, MemoryStore};
        let document = Document::from_plain_text(&text, None);
        let store = MemoryStore::default();
        save(&store, &document, keep_text, &claims).unwrap();
        let loaded = load(&store, document.id(), Timestamp(1), Some(&document));
        prop_assert_eq!(&loaded.annotations, &claims);
        prop_assert!(loaded.notices.is_empty());
        if !keep_text {
            // The embedder's article changed: every claim is still there,
            // with its id, position and exact words.
            let edited = Document::from_plain_text(&format!("Update: {text}"), Some(document.id().clone()));
            let loaded = load(&store, document.id(), Timestamp(1), Some(&edited));
            prop_assert_eq!(loaded.annotations.len(), claims.len());
            for (read, saved) in loaded.annotations.iter().zip(&claims) {
                prop_assert_eq!(read.id, saved.id);
                prop_assert_eq!(&read.target.quote.exact, &saved.target.quote.exact);
                prop_assert_eq!(read.target.position, saved.target.position);
            }
        }
    }
}

/// A claims array in any mix of the forms a row can take: the widget's
/// usual ones, every other valid one, and broken ones.
fn claims_json() -> impl Strategy<Value = String> {
    let valid = prop::sample::select(vec!["0", "1", "2", "160", "1772013600000"]);
    let odd = prop::sample::select(vec![
        "7",
        "-1",
        "-0",
        "01",
        "1.5",
        "2e3",
        "4294967296",
        "-9223372036854775808",
        "9223372036854775807",
        "18446744073709551616",
        "\"3\"",
    ]);
    let number = prop_oneof![19 => valid, 1 => odd];
    let quote = prop::sample::select(vec![
        "0",
        "0",
        "0",
        "1",
        "\"plain é 😀\"",
        "\"a \\\"q\\\" ]\"",
        "[\"e\",\"p\",\"s\"]",
        "null",
        "\"\"",
    ]);
    let tail = prop::sample::select(vec![
        "",
        "",
        "",
        ",{\"n\":\"note\"}",
        ",{}",
        ",{\"h\":[[1,2]]}",
        ",0,0",
    ]);
    let id = prop::sample::select(vec![
        "\"5427128d95e3439a85050dea19075611\"",
        "\"5427128D95E3439A85050DEA19075611\"",
        "\"5427128d-95e3-439a-8505-0dea19075611\"",
        "\"5427128d95e3439a85050dea1907561\"",
        "\"5427128d95e3439a85050dea1907561g\"",
    ]);
    let space = prop::sample::select(vec!["", "", "", " ", "\n"]);
    let row = (id, prop::collection::vec(number, 5), quote, tail, space).prop_map(
        |(id, numbers, quote, tail, space)| {
            format!(
                "[{id},{}{space},{quote}{tail}]",
                numbers.join(&format!(",{space}"))
            )
        },
    );
    prop::collection::vec(row, 0..6).prop_map(|rows| format!("[{}]", rows.join(",")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn the_fast_row_reader_reads_what_serde_reads(json in claims_json()) {
        let fast = claimmark_core::storage::compact::read_rows(&json).ok();
        let serde = serde_json::from_str::<Vec<claimmark_core::storage::compact::Row>>(&json).ok();
        prop_assert_eq!(fast, serde, "{}", json);
    }
}
