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
mod tests;
