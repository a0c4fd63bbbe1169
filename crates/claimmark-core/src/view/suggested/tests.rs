//! Tests of [`super`]: table cases and properties.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::*;
use crate::assistant::{suggest, Lexicon};
use crate::model::annotation::AnnotationId;
use crate::test_support::anchored;
use crate::DocumentId;

/// The suggestions a fresh computation shows, the tests' reference:
/// not dismissed and overlapping no placed claim, checked against an
/// index of every claim's span rather than block by block.
fn visible<'a>(
    document: &Document,
    suggestions: impl IntoIterator<Item = &'a Suggestion>,
    claims: &[Rc<Claim>],
    dismissed: &BTreeSet<String>,
) -> Vec<&'a Suggestion> {
    let covered = Covered::new(claims.iter().filter_map(|c| c.placement.span()));
    not_dismissed(document, suggestions, dismissed)
        .into_iter()
        .filter(|s| !covered.overlaps(s.span))
        .collect()
}

/// Non-empty spans sorted by start, with the furthest end reached so far,
/// answering "does any span overlap this one?" by binary search.
struct Covered {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl Covered {
    fn new(spans: impl Iterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.filter(|s| !s.is_empty()).collect();
        spans.sort_by_key(|s| s.start());
        let mut furthest = 0;
        let furthest_end = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end());
                furthest
            })
            .collect();
        Covered {
            starts: spans.iter().map(|s| s.start()).collect(),
            furthest_end,
        }
    }

    /// True when some span shares a code point with `span` ([`Span::overlaps`]).
    fn overlaps(&self, span: Span) -> bool {
        if span.is_empty() {
            return false;
        }
        // Spans starting before `span` ends overlap it iff one of them
        // ends after it starts.
        let before_end = self.starts.partition_point(|&start| start < span.end());
        before_end
            .checked_sub(1)
            .and_then(|last| self.furthest_end.get(last))
            .is_some_and(|&end| end > span.start())
    }
}

const TEXT: &str = "Officials confirmed the fire. The mayor appears to have left.\n\nIt is unclear whether the truce will hold. Rain fell.";

fn doc() -> Document {
    Document::from_plain_text(TEXT, Some(DocumentId::parse("doc-test").unwrap()))
}

fn claim(doc: &Document, start: usize, end: usize) -> Rc<Claim> {
    let id = AnnotationId::from_random_bytes([7; 16]);
    anchored(doc, id, Span::new(start, end), Certainty::Confirmed).unwrap()
}

fn text_of(doc: &Document, span: Span) -> &str {
    doc.slice(span).unwrap()
}

/// A piece as (text, what it is): "" plain, "claim", or the
/// certainty key and cue kinds of the parts ("hedge" or "-").
fn shown(doc: &Document, pieces: &[Piece]) -> Vec<(String, String)> {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(s) => (
                text_of(doc, s.span).to_owned(),
                if s.layers.is_empty() { "" } else { "claim" }.to_owned(),
            ),
            Piece::Suggested(p) => (
                text_of(doc, p.span).to_owned(),
                format!(
                    "{}:{}",
                    p.certainty.key(),
                    p.parts
                        .iter()
                        .map(|part| format!(
                            "{}={}",
                            text_of(doc, part.span),
                            part.cue.map_or("-", CueKind::key)
                        ))
                        .collect::<Vec<_>>()
                        .join("|")
                ),
            ),
        })
        .collect()
}

#[test]
fn suggestions_cut_plain_text_and_cues_cut_suggestions() {
    let doc = doc();
    let all = suggest(&doc, Lexicon::english_shared());
    let visible = visible(&doc, &all, &[], &BTreeSet::new());
    let blocks = pieces_by_block(&doc, &[], &visible);
    assert_eq!(blocks.len(), 2);
    let first = shown(&doc, &blocks[0]);
    assert!(
        first
            .iter()
            .any(|(text, what)| text == "The mayor appears to have left."
                && what.starts_with("unclear:")
                && what.contains("appears=hedge")),
        "{first:?}"
    );
    let second = shown(&doc, &blocks[1]);
    assert!(
        second.iter().any(
            |(text, what)| text == "It is unclear whether the truce will hold."
                && what.contains("unclear=")
        ),
        "{second:?}"
    );
    // Pieces tile every block, and parts tile every suggestion.
    for (block, pieces) in doc.blocks().iter().zip(&blocks) {
        let joined: String = pieces.iter().map(|p| text_of(&doc, p.span())).collect();
        assert_eq!(joined, text_of(&doc, block.span));
        for piece in pieces {
            if let Piece::Suggested(p) = piece {
                let parts: String = p.parts.iter().map(|x| text_of(&doc, x.span)).collect();
                assert_eq!(parts, text_of(&doc, p.span));
                assert_eq!(p.id, suggestion_id(p.span));
            }
        }
    }
}

#[test]
fn the_cache_recomputes_only_the_block_a_change_touches() {
    let doc = doc();
    let all = suggest(&doc, Lexicon::english_shared());
    let first = claim(&doc, 0, 9);
    let mut claims = vec![first.clone()];
    let mut cache = PiecesCache::default();
    let shown_now = visible(&doc, &all, &claims, &BTreeSet::new());
    let before = cache.pieces(&doc, &Rc::new(claims.clone()), &shown_now, |_| true);
    assert_eq!(before.len(), 2);
    // A claim in the second block: the first block's pieces are the same Rc.
    let start = TEXT.find("Rain").unwrap();
    claims.push(claim(&doc, start, start + 4));
    let shown_now = visible(&doc, &all, &claims, &BTreeSet::new());
    let after = cache.pieces(&doc, &Rc::new(claims.clone()), &shown_now, |_| true);
    assert!(
        Rc::ptr_eq(&before[0], &after[0]),
        "the untouched block is reused"
    );
    assert!(!Rc::ptr_eq(&before[1], &after[1]));
    // And what it hands out is what a fresh computation gives.
    let fresh = pieces_by_block(&doc, &claims, &shown_now);
    let cached: Vec<Vec<Piece>> = after.iter().map(|p| (**p).clone()).collect();
    assert_eq!(cached, fresh);
    // A certainty change in the first block recomputes it alone.
    let mut changed = (*first).clone();
    changed.annotation.certainty = Certainty::Unconfirmed;
    claims[0] = Rc::new(changed);
    let again = cache.pieces(&doc, &Rc::new(claims.clone()), &shown_now, |_| true);
    assert!(!Rc::ptr_eq(&after[0], &again[0]));
    assert!(Rc::ptr_eq(&after[1], &again[1]));
}

#[test]
fn blocks_not_wanted_are_cut_when_a_later_call_wants_them() {
    let doc = doc();
    let all = suggest(&doc, Lexicon::english_shared());
    let start = TEXT.find("Rain").unwrap();
    let claims = vec![claim(&doc, 0, 9), claim(&doc, start, start + 4)];
    let shown_now = visible(&doc, &all, &claims, &BTreeSet::new());
    let fresh = pieces_by_block(&doc, &claims, &shown_now);
    assert!(!fresh[1].is_empty());
    let mut cache = PiecesCache::default();
    let near = cache.pieces(&doc, &Rc::new(claims.clone()), &shown_now, |i| i == 0);
    assert_eq!(*near[0], fresh[0]);
    assert!(near[1].is_empty(), "the far block is not cut");
    // The block comes near: cut now, and the first keeps its Rc.
    let both = cache.pieces(&doc, &Rc::new(claims.clone()), &shown_now, |_| true);
    assert!(Rc::ptr_eq(&near[0], &both[0]));
    assert_eq!(*both[1], fresh[1]);
    // Wanted once, kept while unchanged even when no longer asked for.
    let later = cache.pieces(&doc, &Rc::new(claims.clone()), &shown_now, |i| i == 0);
    assert!(Rc::ptr_eq(&both[1], &later[1]));
}

#[test]
fn the_overlap_index_answers_as_comparing_every_claim_would() {
    let sets: [&[(usize, usize)]; 5] = [
        &[],
        &[(3, 3)],
        &[(2, 5)],
        &[(0, 12), (4, 6)],
        &[(7, 9), (1, 2), (4, 4), (2, 8), (10, 11)],
    ];
    for set in sets {
        let spans: Vec<Span> = set.iter().map(|&(a, b)| Span::new(a, b)).collect();
        let covered = Covered::new(spans.iter().copied());
        for start in 0..=12 {
            for end in start..=12 {
                let probe = Span::new(start, end);
                let expected = spans.iter().any(|s| s.overlaps(probe));
                assert_eq!(covered.overlaps(probe), expected, "{set:?} vs {probe:?}");
            }
        }
    }
}

#[test]
fn a_claim_hides_the_suggestions_it_overlaps_and_dismissals_hide_theirs() {
    let doc = doc();
    let all = suggest(&doc, Lexicon::english_shared());
    let mayor = all
        .iter()
        .find(|s| text_of(&doc, s.span).starts_with("The mayor"))
        .unwrap();
    let before = visible(&doc, &all, &[], &BTreeSet::new()).len();
    // A claim over one word of the sentence hides it.
    let start = mayor.span.start() + 4;
    let claims = vec![claim(&doc, start, start + 5)];
    let shown_now = visible(&doc, &all, &claims, &BTreeSet::new());
    assert_eq!(shown_now.len(), before - 1);
    assert!(!shown_now.iter().any(|s| s.span == mayor.span));
    let pieces = pieces_by_block(&doc, &claims, &shown_now);
    assert!(shown(&doc, &pieces[0]).contains(&("mayor".to_owned(), "claim".to_owned())));
    // A dismissal by sentence hash hides it too.
    let dismissed = BTreeSet::from([dismissal_key(&doc, mayor.span)]);
    let left = visible(&doc, &all, &[], &dismissed);
    assert_eq!(left.len(), before - 1);
    assert!(!left.iter().any(|s| s.span == mayor.span));
}

/// The cache's patching against a fresh computation (proptest is not
/// built for wasm).
#[cfg(not(target_arch = "wasm32"))]
mod patching {
    use super::*;
    use crate::view::document_order::in_document_order;
    use proptest::prelude::*;

    const SENTENCES: [&str; 4] = [
        "Officials confirmed the fire.",
        "The mayor appears to have left.",
        "It is unclear whether the truce will hold.",
        "Rain fell.",
    ];

    fn claim(doc: &Document, n: u64, span: Span, certainty: Certainty) -> Option<Rc<Claim>> {
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(&n.to_le_bytes());
        anchored(doc, AnnotationId::from_random_bytes(bytes), span, certainty)
    }

    proptest! {
        /// Whatever changes between calls (one claim or many, created,
        /// changed or deleted, suggestions dismissed, the claims' order,
        /// the blocks wanted), a wanted block gets the pieces a fresh
        /// computation from the visible suggestions gives, and any
        /// other block those or none.
        #[test]
        fn a_patched_cache_hands_out_what_a_fresh_computation_gives(
            paragraphs in proptest::collection::vec(proptest::collection::vec(0usize..4, 1..4), 1..10),
            steps in proptest::collection::vec((0u8..6, 0usize..2_000, 0usize..40, any::<u16>()), 1..40),
        ) {
            let text: String = paragraphs
                .iter()
                .map(|p| p.iter().map(|&i| SENTENCES[i]).collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n\n");
            let doc = Document::from_plain_text(&text, None);
            let len = doc.char_len();
            let all = suggest(&doc, Lexicon::english_shared());
            let mut claims: Vec<Rc<Claim>> = Vec::new();
            let mut dismissed = BTreeSet::new();
            let mut cache = PiecesCache::default();
            let mut next_id = 0;
            for (kind, at, width, bits) in steps {
                let certainty = Certainty::ALL[usize::from(bits % 3)];
                match kind {
                    // Create one claim (a span `describe` refuses is skipped).
                    0 | 1 => {
                        let start = at % (len + 1);
                        let span = Span::new(start, (start + width).min(len));
                        next_id += 1;
                        claims.extend(claim(&doc, next_id, span, certainty));
                    }
                    // Change one claim's certainty: a new Rc in its place.
                    2 if !claims.is_empty() => {
                        let i = at % claims.len();
                        let mut changed = (*claims[i]).clone();
                        changed.annotation.certainty = certainty;
                        claims[i] = Rc::new(changed);
                    }
                    // Delete one claim.
                    3 if !claims.is_empty() => {
                        claims.remove(at % claims.len());
                    }
                    // Change many at once (an undo, a merge).
                    4 => {
                        for claim in claims.iter_mut().skip(at % 3).step_by(2) {
                            let mut changed = (**claim).clone();
                            changed.annotation.certainty = certainty;
                            *claim = Rc::new(changed);
                        }
                    }
                    // Dismiss a suggestion.
                    _ => {
                        if let Some(s) = all.get(at % all.len().max(1)) {
                            dismissed.insert(dismissal_key(&doc, s.span));
                        }
                    }
                }
                // Mostly document order, as the widget passes them.
                let ordered = if bits & 0x100 == 0 { in_document_order(&claims) } else { claims.clone() };
                let ordered = Rc::new(ordered);
                // The cache leaves out the suggestions claims overlap itself.
                let candidates = not_dismissed(&doc, &all, &dismissed);
                let wanted = |i: usize| bits & 0x200 == 0 || bits & (1 << (i % 8)) != 0;
                let got = cache.pieces(&doc, &ordered, &candidates, wanted);
                let fresh = pieces_by_block(&doc, &ordered, &visible(&doc, &all, &ordered, &dismissed));
                prop_assert_eq!(got.len(), fresh.len());
                for (i, (got, fresh)) in got.iter().zip(&fresh).enumerate() {
                    if wanted(i) {
                        prop_assert_eq!(&**got, fresh, "block {}", i);
                    } else {
                        prop_assert!(got.is_empty() || **got == *fresh, "block {}", i);
                    }
                }
            }
        }
    }
}
