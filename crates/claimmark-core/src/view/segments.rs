//! Flattening overlapping claims into render segments, block by block.
//!
//! A block's text is cut wherever a claim starts or ends; each piece
//! ([`Segment`]) lists every claim covering it ([`Layer`]s, outermost
//! first, innermost last), so every character shows every claim over it
//! and a click lands on the innermost. Orphans have no span and produce no
//! layers. The UI draws one block's segments without looking at others,
//! so a change to one claim re-renders only the blocks it touches.

use std::rc::Rc;

use crate::model::annotation::AnnotationId;
use crate::model::certainty::Certainty;
use crate::state::store::Claim;
use crate::text::document::Document;
use crate::text::span::{pieces_between, Span};

/// One claim's presence over a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Layer {
    /// The claim.
    pub id: AnnotationId,
    /// Its certainty.
    pub certainty: Certainty,
    /// The claim's whole span (it may run over several segments).
    pub claim: Span,
    /// The claim starts at this segment's start.
    pub starts: bool,
    /// The claim ends at this segment's end.
    pub ends: bool,
    /// The claim was found with edits and needs review.
    pub review: bool,
}

/// A run of a block's text under one set of claims.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Code points of the document.
    pub span: Span,
    /// The claims over it, outermost (longest) first.
    pub layers: Vec<Layer>,
}

/// A claim reduced to what segmentation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedClaim {
    id: AnnotationId,
    certainty: Certainty,
    span: Span,
    review: bool,
}

/// Segments for every block of `document`, in block order.
pub fn segments_by_block(document: &Document, claims: &[Rc<Claim>]) -> Vec<Vec<Segment>> {
    document
        .blocks()
        .iter()
        .zip(claims_by_block(document, claims))
        .map(|(block, placed)| block_segments(block.span, &placed))
        .collect()
}

/// The placed claims over each block of `document`, in block order and,
/// within a block, in the order of `claims`: what [`block_segments`] needs,
/// and equal for a block whose claims did not change. Any order works;
/// claims in document order ([`crate::view::document_order`]) are placed by a
/// walk over the blocks instead of two binary searches each.
pub fn claims_by_block(document: &Document, claims: &[Rc<Claim>]) -> Vec<Vec<PlacedClaim>> {
    let mut walk = BlockWalk::new(document);
    fill_blocks(document, claims, |span| walk.covering(span))
}

/// Block `index`'s entry of [`claims_by_block`], worked out alone: the
/// claims over it, in the order of `claims`. A scan with two binary
/// searches for each claim near the block, for the few blocks a change
/// touches.
pub fn claims_in_block(
    document: &Document,
    claims: &[Rc<Claim>],
    index: usize,
) -> Vec<PlacedClaim> {
    let Some(block) = document.blocks().get(index).map(|b| b.span) else {
        return Vec::new();
    };
    claims
        .iter()
        .filter_map(|claim| {
            let span = claim.placement.span()?;
            // Ending before the block starts, or starting after it ends, a
            // claim cannot lie over it: no search needed.
            if span.end() < block.start() || span.start() > block.end() {
                return None;
            }
            let (first, last) = blocks_covering(document, span)?;
            (first <= index && index <= last).then(|| PlacedClaim::of(claim, span))
        })
        .collect()
}

/// The first and last block `span` lies over, by two binary searches (what
/// the walk of [`claims_by_block`] finds in order); the last may come
/// before the first (a span between blocks lies over none).
pub fn blocks_covering(document: &Document, span: Span) -> Option<(usize, usize)> {
    Some((
        document.block_at_or_after(span.start())?,
        document.block_at_or_before(span.end().saturating_sub(1))?,
    ))
}

impl PlacedClaim {
    /// Where the claim is.
    pub fn span(&self) -> Span {
        self.span
    }

    fn of(claim: &Claim, span: Span) -> Self {
        PlacedClaim {
            id: claim.annotation.id,
            certainty: claim.annotation.certainty,
            span,
            review: claim.placement.needs_review(),
        }
    }
}

/// Each block's placed claims, with `covering` telling the first and last
/// block a claim's span lies over (none: the claim shows nowhere).
fn fill_blocks(
    document: &Document,
    claims: &[Rc<Claim>],
    mut covering: impl FnMut(Span) -> Option<(usize, usize)>,
) -> Vec<Vec<PlacedClaim>> {
    let mut buckets: Vec<Vec<PlacedClaim>> = vec![Vec::new(); document.blocks().len()];
    for claim in claims {
        let Some(span) = claim.placement.span() else {
            continue;
        };
        let Some((first, last)) = covering(span) else {
            continue;
        };
        let placed = PlacedClaim::of(claim, span);
        for bucket in buckets.iter_mut().take(last + 1).skip(first) {
            bucket.push(placed);
        }
    }
    buckets
}

/// Finds the blocks a span lies over, walking on from the last answer:
/// spans in document order cost a step or two each, and a span that
/// starts further back is searched afresh.
struct BlockWalk<'a> {
    document: &'a Document,
    /// The first block that ends after the last span's start.
    at: usize,
}

impl<'a> BlockWalk<'a> {
    fn new(document: &'a Document) -> Self {
        BlockWalk { document, at: 0 }
    }

    /// The first and last block `span` touches, as
    /// [`Document::block_at_or_after`] its start and
    /// [`Document::block_at_or_before`] its last code point give them.
    fn covering(&mut self, span: Span) -> Option<(usize, usize)> {
        let blocks = self.document.blocks();
        let start = span.start();
        let behind = self
            .at
            .checked_sub(1)
            .and_then(|before| blocks.get(before))
            .is_some_and(|block| block.span.end() > start);
        if behind {
            self.at = self.document.block_at_or_after(start)?;
        }
        while blocks.get(self.at).is_some_and(|b| b.span.end() <= start) {
            self.at += 1;
        }
        let first = self.at;
        let reach = span.end().saturating_sub(1);
        let mut last = first;
        if blocks.get(first)?.span.start() > reach {
            last = first.checked_sub(1)?;
        }
        while blocks
            .get(last + 1)
            .is_some_and(|b| b.span.start() <= reach)
        {
            last += 1;
        }
        Some((first, last))
    }
}

/// Segments of one block covered by `placed` claims (any order).
pub fn block_segments(block: Span, placed: &[PlacedClaim]) -> Vec<Segment> {
    let inside: Vec<(PlacedClaim, Span)> = placed
        .iter()
        .filter_map(|p| p.span.intersect(block).map(|clipped| (*p, clipped)))
        .collect();
    if inside.is_empty() {
        return if block.is_empty() {
            Vec::new()
        } else {
            vec![Segment {
                span: block,
                layers: Vec::new(),
            }]
        };
    }
    let cuts: Vec<usize> = inside
        .iter()
        .flat_map(|(_, clipped)| [clipped.start(), clipped.end()])
        .chain([block.start(), block.end()])
        .collect();
    pieces_between(cuts)
        .into_iter()
        .map(|piece| {
            let mut covering: Vec<&PlacedClaim> = inside
                .iter()
                .filter(|(_, clipped)| clipped.contains(piece))
                .map(|(p, _)| p)
                .collect();
            covering.sort_by(|a, b| {
                b.span
                    .len()
                    .cmp(&a.span.len())
                    .then(a.span.start().cmp(&b.span.start()))
                    .then(a.id.cmp(&b.id))
            });
            Segment {
                span: piece,
                layers: covering
                    .into_iter()
                    .map(|p| Layer {
                        id: p.id,
                        certainty: p.certainty,
                        claim: p.span,
                        starts: p.span.start() == piece.start(),
                        ends: p.span.end() == piece.end(),
                        review: p.review,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A claim that is a keyboard stop: the outermost claim starting at
/// `start`, whose first mark carries `tabindex` and the accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    /// The claim.
    pub id: AnnotationId,
    /// Its certainty.
    pub certainty: Certainty,
    /// Where it starts.
    pub start: usize,
}

/// The keyboard stops in document order, one per place where placed claims
/// start: the first of them in [`Layer`] order (longest, then by id), as
/// [`segments_by_block`] makes it the first layer that starts there. Known
/// without the DOM, so the keyboard reaches claims whose blocks show no
/// marks yet.
pub fn keyboard_stops(claims: &[Rc<Claim>]) -> Vec<Stop> {
    let mut placed: Vec<(Span, AnnotationId, Certainty)> = claims
        .iter()
        .filter_map(|c| {
            let span = c.placement.span().filter(|s| !s.is_empty())?;
            Some((span, c.annotation.id, c.annotation.certainty))
        })
        .collect();
    placed.sort_by(|(a, a_id, _), (b, b_id, _)| {
        a.start()
            .cmp(&b.start())
            .then(b.len().cmp(&a.len()))
            .then(a_id.cmp(b_id))
    });
    placed.dedup_by_key(|(span, _, _)| span.start());
    placed
        .into_iter()
        .map(|(span, id, certainty)| Stop {
            id,
            certainty,
            start: span.start(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
