//! Suggestions as the article shows them, and what a reader decided
//! about them.
//!
//! The assistant ([`crate::assistant::suggest`]) gives sentences with a
//! certainty and the cue words behind it. Here they meet the article:
//!
//! - [`not_dismissed`]: the suggestions the reader has not dismissed.
//! - [`pieces_by_block`]: the claim segments of [`crate::view::segments`], with
//!   every claim-free stretch further cut at suggestion and cue
//!   boundaries, so the UI draws a suggestion as one wrapper around its
//!   text runs, cue words marked inside it. [`PiecesCache`] does it again
//!   after a change for the blocks the change touched only.
//!
//! What a reader dismissed, and the on/off switch, are stored by
//! [`crate::storage::settings`].

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::assistant::{CueKind, Suggestion};
use crate::model::certainty::Certainty;
use crate::state::store::Claim;
use crate::text::document::Document;
use crate::text::span::{pieces_between, Span};
use crate::view::segments::{
    block_segments, blocks_covering, claims_by_block, claims_in_block, PlacedClaim, Segment,
};

/// A run of a suggested sentence's text, a cue word or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Part {
    /// Code points of the document.
    pub span: Span,
    /// The cue this run belongs to, if any.
    pub cue: Option<CueKind>,
}

/// One suggestion placed in a block: what its wrapper shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placed {
    /// Its id in the DOM ([`suggestion_id`]).
    pub id: String,
    /// The sentence.
    pub span: Span,
    /// The suggested certainty.
    pub certainty: Certainty,
    /// Why ([`Suggestion::explain`]).
    pub explanation: String,
    /// Its text, cut at cue boundaries, in order.
    pub parts: Vec<Part>,
}

/// A piece of a block: claim segment or suggested sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Piece {
    /// Text under zero or more claims, as [`crate::view::segments`] makes it.
    Text(Segment),
    /// A suggested sentence (never under a claim).
    Suggested(Placed),
}

impl Piece {
    /// The code points this piece covers.
    pub fn span(&self) -> Span {
        match self {
            Piece::Text(segment) => segment.span,
            Piece::Suggested(placed) => placed.span,
        }
    }
}

/// A suggestion's id in the DOM: `"<start>-<end>"` in code points.
pub fn suggestion_id(span: Span) -> String {
    format!("{}-{}", span.start(), span.end())
}

/// What a dismissal remembers: a hash of the sentence's text.
pub fn dismissal_key(document: &Document, span: Span) -> String {
    let text = document.slice(span).unwrap_or_default();
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// The suggestions not dismissed, in their order: what
/// [`PiecesCache::pieces`] takes, leaving out those a claim overlaps
/// itself, block by block.
pub fn not_dismissed<'a>(
    document: &Document,
    suggestions: impl IntoIterator<Item = &'a Suggestion>,
    dismissed: &BTreeSet<String>,
) -> Vec<&'a Suggestion> {
    suggestions
        .into_iter()
        .filter(|s| dismissed.is_empty() || !dismissed.contains(&dismissal_key(document, s.span)))
        .collect()
}

/// Those of `suggestions` (all in one block) that no claim placed over
/// the block overlaps: a claim overlapping a suggestion lies over its block.
fn uncovered<'a>(suggestions: &[&'a Suggestion], placed: &[PlacedClaim]) -> Vec<&'a Suggestion> {
    suggestions
        .iter()
        .copied()
        .filter(|s| !placed.iter().any(|claim| claim.span().overlaps(s.span)))
        .collect()
}

/// Pieces for every block of `document`, in block order: the claims'
/// segments with `suggestions` cut out of the claim-free ones (those a
/// claim overlaps are left out: an orphan has no place and hides nothing).
pub fn pieces_by_block(
    document: &Document,
    claims: &[Rc<Claim>],
    suggestions: &[&Suggestion],
) -> Vec<Vec<Piece>> {
    PiecesCache::default()
        .pieces(document, &Rc::new(claims.to_vec()), suggestions, |_| true)
        .into_iter()
        .map(|pieces| (*pieces).clone())
        .collect()
}

/// What one block's pieces are made of: equal inputs, equal pieces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct BlockInputs {
    claims: Vec<PlacedClaim>,
    suggestions: Vec<Span>,
}

/// A block's inputs and, once wanted, its pieces.
type CachedBlock = (BlockInputs, Option<Rc<Vec<Piece>>>);

/// Claims that may differ from the last call's (removed plus added), and
/// blocks they may touch, before [`PiecesCache::pieces`] works out every
/// block's inputs again instead of the touched blocks' alone.
const PATCHED_CLAIMS: usize = 16;
const PATCHED_BLOCKS: usize = 8;

/// Each block's pieces from the last call, with what they were made of, so
/// that a change to one claim recomputes one block and hands every other
/// block the same `Rc` (which the UI compares by pointer). Valid for one
/// document: start a new cache for another. Suggestions may grow between
/// calls (the assistant covers blocks as they come near): a suggestion is
/// a function of the document's text, so blocks whose shown suggestions
/// keep their spans keep their pieces.
///
/// A call finds what changed since the last one from the claims: those
/// before and after the longest run of the same `Rc`s at both ends. When
/// few changed, only the blocks they lie over have their claims placed
/// again; the others keep theirs (the same claims in the same order), so a
/// change to one claim of 10,000 costs no walk over all of them.
#[derive(Debug, Default)]
pub struct PiecesCache {
    /// Per block: its inputs and, once wanted, its pieces.
    blocks: Vec<CachedBlock>,
    /// What blocks that are not wanted get.
    none: Rc<Vec<Piece>>,
    /// The last call's claims.
    claims: Rc<Vec<Rc<Claim>>>,
}

impl PiecesCache {
    /// Pieces for every block, as [`pieces_by_block`] makes them, reusing
    /// the blocks whose claims and shown suggestions are unchanged. Of
    /// `suggestions` ([`not_dismissed`]), those a claim overlaps are left
    /// out block by block, with the claims placed over the block: a change
    /// needs no index of every claim. Only
    /// the blocks `wanted` says yes to are cut (the UI's blocks far from
    /// the viewport show their text alone); the others get one shared
    /// empty list until a call wants them.
    pub fn pieces(
        &mut self,
        document: &Document,
        claims: &Rc<Vec<Rc<Claim>>>,
        suggestions: &[&Suggestion],
        wanted: impl Fn(usize) -> bool,
    ) -> Vec<Rc<Vec<Piece>>> {
        let blocks = document.blocks();
        let mut shown: Vec<Vec<&Suggestion>> = vec![Vec::new(); blocks.len()];
        for suggestion in suggestions {
            let within = document
                .block_at_or_after(suggestion.span.start())
                .filter(|&i| {
                    blocks
                        .get(i)
                        .is_some_and(|b| b.span.contains(suggestion.span))
                });
            if let Some(bucket) = within.and_then(|i| shown.get_mut(i)) {
                bucket.push(suggestion);
            }
        }
        match self.touched_blocks(document, claims) {
            Some(touched) => {
                for (index, ((block, entry), candidates)) in
                    blocks.iter().zip(&mut self.blocks).zip(shown).enumerate()
                {
                    let placed_now = touched
                        .contains(&index)
                        .then(|| claims_in_block(document, claims, index));
                    let kept =
                        uncovered(&candidates, placed_now.as_ref().unwrap_or(&entry.0.claims));
                    let spans: Vec<Span> = kept.iter().map(|s| s.span).collect();
                    if placed_now.is_none() && entry.0.suggestions == spans {
                        // Unchanged: cut now only if wanted for the first time.
                        if entry.1.is_none() && wanted(index) {
                            let segments = block_segments(block.span, &entry.0.claims);
                            entry.1 = Some(Rc::new(block_pieces(segments, &kept)));
                        }
                        continue;
                    }
                    let inputs = BlockInputs {
                        claims: placed_now.unwrap_or_else(|| std::mem::take(&mut entry.0.claims)),
                        suggestions: spans,
                    };
                    refresh(entry, inputs, block.span, &kept, wanted(index));
                }
            }
            None => {
                let mut fresh: Vec<CachedBlock> = Vec::with_capacity(blocks.len());
                for (index, ((block, placed), candidates)) in blocks
                    .iter()
                    .zip(claims_by_block(document, claims))
                    .zip(shown)
                    .enumerate()
                {
                    let suggestions = uncovered(&candidates, &placed);
                    let inputs = BlockInputs {
                        claims: placed,
                        suggestions: suggestions.iter().map(|s| s.span).collect(),
                    };
                    let mut entry = match self.blocks.get_mut(index) {
                        Some(before) => std::mem::take(before),
                        None => CachedBlock::default(),
                    };
                    refresh(&mut entry, inputs, block.span, &suggestions, wanted(index));
                    fresh.push(entry);
                }
                self.blocks = fresh;
            }
        }
        self.claims = claims.clone();
        self.blocks
            .iter()
            .map(|(_, pieces)| pieces.clone().unwrap_or_else(|| self.none.clone()))
            .collect()
    }

    /// The blocks the claims changed since the last call lie over, when
    /// few claims changed and they lie over few blocks; `None` asks for
    /// every block to be worked out again.
    fn touched_blocks(&self, document: &Document, claims: &[Rc<Claim>]) -> Option<BTreeSet<usize>> {
        if self.blocks.len() != document.blocks().len() {
            return None;
        }
        let before = self.claims.as_slice();
        let same = |(a, b): &(&Rc<Claim>, &Rc<Claim>)| Rc::ptr_eq(a, b);
        let prefix = before.iter().zip(claims).take_while(same).count();
        let (before, now) = (before.get(prefix..)?, claims.get(prefix..)?);
        let suffix = before
            .iter()
            .rev()
            .zip(now.iter().rev())
            .take_while(same)
            .count();
        let gone = before.get(..before.len() - suffix)?;
        let came = now.get(..now.len() - suffix)?;
        if gone.len() + came.len() > PATCHED_CLAIMS {
            return None;
        }
        let mut touched = BTreeSet::new();
        for span in gone.iter().chain(came).filter_map(|c| c.placement.span()) {
            if let Some((first, last)) = blocks_covering(document, span) {
                if last.saturating_sub(first) >= PATCHED_BLOCKS {
                    return None;
                }
                touched.extend(first..=last);
            }
        }
        (touched.len() <= PATCHED_BLOCKS).then_some(touched)
    }
}

/// Puts `inputs` into `entry`: its pieces are kept when the inputs are
/// the same, cut afresh when they changed and the block is wanted, and
/// dropped otherwise.
fn refresh(
    entry: &mut CachedBlock,
    inputs: BlockInputs,
    block: Span,
    suggestions: &[&Suggestion],
    wanted: bool,
) {
    match entry {
        (before, Some(_)) if *before == inputs => {}
        _ if wanted => {
            let pieces = block_pieces(block_segments(block, &inputs.claims), suggestions);
            *entry = (inputs, Some(Rc::new(pieces)));
        }
        _ => *entry = (inputs, None),
    }
}

/// One block's pieces: each claim-free segment is cut around the
/// suggestions lying wholly inside it.
fn block_pieces(segments: Vec<Segment>, suggestions: &[&Suggestion]) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(segments.len());
    for segment in segments {
        if !segment.layers.is_empty() {
            pieces.push(Piece::Text(segment));
            continue;
        }
        let mut inside: Vec<&Suggestion> = suggestions
            .iter()
            .copied()
            .filter(|s| !s.span.is_empty() && segment.span.contains(s.span))
            .collect();
        inside.sort_by_key(|s| (s.span.start(), s.span.end()));
        let mut cursor = segment.span.start();
        for suggestion in inside {
            if suggestion.span.start() < cursor {
                continue;
            }
            if cursor < suggestion.span.start() {
                pieces.push(plain(Span::new(cursor, suggestion.span.start())));
            }
            pieces.push(Piece::Suggested(place(suggestion)));
            cursor = suggestion.span.end();
        }
        if cursor < segment.span.end() {
            pieces.push(plain(Span::new(cursor, segment.span.end())));
        }
    }
    pieces
}

fn plain(span: Span) -> Piece {
    Piece::Text(Segment {
        span,
        layers: Vec::new(),
    })
}

/// A suggestion's text cut at its cues' boundaries (cues clipped to it);
/// a run under several cues belongs to the first.
fn place(suggestion: &Suggestion) -> Placed {
    let span = suggestion.span;
    let cues: Vec<(Span, CueKind)> = suggestion
        .cues
        .iter()
        .filter_map(|c| c.span.intersect(span).map(|clipped| (clipped, c.kind)))
        .collect();
    let cuts: Vec<usize> = cues
        .iter()
        .flat_map(|(clipped, _)| [clipped.start(), clipped.end()])
        .chain([span.start(), span.end()])
        .collect();
    let parts = pieces_between(cuts)
        .into_iter()
        .map(|piece| Part {
            span: piece,
            cue: cues
                .iter()
                .find(|(clipped, _)| clipped.contains(piece))
                .map(|(_, kind)| *kind),
        })
        .collect();
    Placed {
        id: suggestion_id(span),
        span,
        certainty: suggestion.certainty,
        explanation: suggestion.explain(),
        parts,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
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
}
