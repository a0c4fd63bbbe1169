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
mod tests {
    use super::*;
    use crate::model::anchor::Placement;
    use crate::test_support::anchored;

    fn id(n: u8) -> AnnotationId {
        AnnotationId::from_random_bytes([n; 16])
    }

    fn claim(doc: &Document, n: u8, start: usize, end: usize, certainty: Certainty) -> Rc<Claim> {
        anchored(doc, id(n), Span::new(start, end), certainty).expect("in range")
    }

    /// A segment as (text, [(claim number, starts, ends)] outer to inner).
    type Shown = (String, Vec<(u8, bool, bool)>);

    /// Each block's segments.
    type Expected = Vec<Vec<Shown>>;

    fn render(doc: &Document, claims: &[Rc<Claim>]) -> Vec<Vec<Shown>> {
        segments_by_block(doc, claims)
            .into_iter()
            .map(|block| {
                block
                    .into_iter()
                    .map(|seg| {
                        let text = doc.slice(seg.span).unwrap_or_default().to_owned();
                        let layers = seg
                            .layers
                            .iter()
                            .map(|l| {
                                (
                                    l.id.0.as_bytes().first().copied().unwrap_or(0),
                                    l.starts,
                                    l.ends,
                                )
                            })
                            .collect();
                        (text, layers)
                    })
                    .collect()
            })
            .collect()
    }

    fn seg(text: &str, layers: &[(u8, bool, bool)]) -> Shown {
        (text.to_owned(), layers.to_vec())
    }

    #[test]
    fn overlapping_and_nested_claims_cover_every_character() {
        //          0         1         2
        //          0123456789012345678901234
        let text = "Alpha beta gamma delta.";
        let doc = Document::from_plain_text(text, None);
        let table: Vec<(Vec<Rc<Claim>>, Expected)> = vec![
            (vec![], vec![vec![seg("Alpha beta gamma delta.", &[])]]),
            (
                vec![claim(&doc, 1, 6, 10, Certainty::Confirmed)],
                vec![vec![
                    seg("Alpha ", &[]),
                    seg("beta", &[(1, true, true)]),
                    seg(" gamma delta.", &[]),
                ]],
            ),
            (
                // Overlap: 1 = "Alpha beta", 2 = "beta gamma".
                vec![
                    claim(&doc, 1, 0, 10, Certainty::Confirmed),
                    claim(&doc, 2, 6, 16, Certainty::Unclear),
                ],
                vec![vec![
                    seg("Alpha ", &[(1, true, false)]),
                    seg("beta", &[(1, false, true), (2, true, false)]),
                    seg(" gamma", &[(2, false, true)]),
                    seg(" delta.", &[]),
                ]],
            ),
            (
                // Nesting: 3 = whole sentence, 4 = "gamma"; the innermost is last.
                vec![
                    claim(&doc, 4, 11, 16, Certainty::Unconfirmed),
                    claim(&doc, 3, 0, 23, Certainty::Unclear),
                ],
                vec![vec![
                    seg("Alpha beta ", &[(3, true, false)]),
                    seg("gamma", &[(3, false, false), (4, true, true)]),
                    seg(" delta.", &[(3, false, true)]),
                ]],
            ),
            (
                // Identical spans: both shown, in a stable order.
                vec![
                    claim(&doc, 6, 0, 5, Certainty::Unclear),
                    claim(&doc, 5, 0, 5, Certainty::Confirmed),
                ],
                vec![vec![
                    seg("Alpha", &[(5, true, true), (6, true, true)]),
                    seg(" beta gamma delta.", &[]),
                ]],
            ),
        ];
        for (claims, expected) in table {
            assert_eq!(render(&doc, &claims), expected, "{claims:?}");
        }
    }

    #[test]
    fn claims_across_blocks_are_cut_per_block_and_orphans_are_skipped() {
        let doc = Document::from_plain_text("One two.\n\nThree four.", None);
        let mut orphan = claim(&doc, 9, 0, 3, Certainty::Confirmed);
        Rc::make_mut(&mut orphan).placement = Placement::Orphan;
        let claims = vec![claim(&doc, 1, 4, 15, Certainty::Unclear), orphan];
        assert_eq!(
            render(&doc, &claims),
            vec![
                vec![seg("One ", &[]), seg("two.", &[(1, true, false)])],
                vec![seg("Three", &[(1, false, true)]), seg(" four.", &[])],
            ]
        );
    }

    #[test]
    fn keyboard_stops_are_the_first_layer_starting_in_each_segment() {
        let text = "Alpha beta gamma delta epsilon.\n\nZeta eta theta.";
        let doc = Document::from_plain_text(text, None);
        let mut orphan = claim(&doc, 9, 0, 5, Certainty::Confirmed);
        Rc::make_mut(&mut orphan).placement = Placement::Orphan;
        let claims = vec![
            claim(&doc, 1, 6, 10, Certainty::Confirmed),
            claim(&doc, 2, 6, 16, Certainty::Unclear),
            claim(&doc, 3, 11, 22, Certainty::Unconfirmed),
            claim(&doc, 4, 17, 38, Certainty::Confirmed),
            claim(&doc, 5, 33, 36, Certainty::Unclear),
            orphan,
        ];
        let from_segments: Vec<(AnnotationId, usize)> = segments_by_block(&doc, &claims)
            .iter()
            .flatten()
            .filter_map(|segment| {
                let layer = segment.layers.iter().find(|l| l.starts)?;
                Some((layer.id, segment.span.start()))
            })
            .collect();
        let stops: Vec<(AnnotationId, usize)> = keyboard_stops(&claims)
            .iter()
            .map(|s| (s.id, s.start))
            .collect();
        assert_eq!(stops, from_segments);
        assert_eq!(
            stops,
            vec![(id(2), 6), (id(3), 11), (id(4), 17), (id(5), 33)],
            "the longer of two claims starting together; orphans have none"
        );
    }

    #[test]
    fn segments_tile_each_block_exactly() {
        let text = "Sentence one is here. Sentence two 😀 follows it. Three ends.";
        let doc = Document::from_plain_text(text, None);
        let claims: Vec<Rc<Claim>> = (0u8..12)
            .map(|n| {
                let start = usize::from(n) * 5 % 50;
                claim(
                    &doc,
                    n + 1,
                    start,
                    start + 3 + usize::from(n) % 9,
                    Certainty::ALL[usize::from(n) % 3],
                )
            })
            .collect();
        for (block, segments) in doc.blocks().iter().zip(segments_by_block(&doc, &claims)) {
            let joined: String = segments
                .iter()
                .map(|s| doc.slice(s.span).unwrap_or_default())
                .collect();
            assert_eq!(Some(joined.as_str()), doc.slice(block.span));
            for pair in segments.windows(2) {
                if let [a, b] = pair {
                    assert_eq!(a.span.end(), b.span.start());
                }
            }
            for segment in &segments {
                let covering = claims
                    .iter()
                    .filter(|c| c.placement.span().is_some_and(|s| s.contains(segment.span)))
                    .count();
                assert_eq!(segment.layers.len(), covering);
            }
        }
    }

    /// The walk against the searches it replaced (proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod walk {
        use super::*;
        use crate::model::anchor::describe;

        /// What [`claims_by_block`] gave before its walk: two binary
        /// searches per claim.
        fn claims_by_block_searched(
            document: &Document,
            claims: &[Rc<Claim>],
        ) -> Vec<Vec<PlacedClaim>> {
            fill_blocks(document, claims, |span| blocks_covering(document, span))
        }

        proptest::proptest! {
            #[test]
            fn the_walk_and_one_block_alone_place_claims_as_the_searches_did_in_any_order(
                paragraphs in proptest::collection::vec((1usize..12, 1usize..4), 1..12),
                spans in proptest::collection::vec((0usize..120, 0usize..12), 0..40),
                rotate in 0usize..40,
            ) {
                // Paragraphs of words parted by one to three blank lines, so
                // that spans start, end and lie wholly between blocks too.
                let text: String = paragraphs
                    .iter()
                    .map(|(words, gap)| format!("{}{}", "word ".repeat(*words).trim_end(), "\n".repeat(gap + 1)))
                    .collect();
                let doc = Document::from_plain_text(&text, None);
                let len = text.chars().count();
                // Spans `describe` refuses (empty ones) are left out.
                let claims: Vec<Rc<Claim>> = spans
                    .iter()
                    .enumerate()
                    .filter_map(|(n, (start, width))| {
                        let start = (*start).min(len);
                        let end = (start + width).min(len);
                        describe(&doc, Span::new(start, end))?;
                        Some(claim(&doc, u8::try_from(n).unwrap_or(0), start, end, Certainty::Unclear))
                    })
                    .collect();
                let mut orders = vec![claims.clone(), crate::view::document_order::in_document_order(&claims)];
                let mut reversed = orders[1].clone();
                reversed.reverse();
                orders.push(reversed);
                let mut rotated = orders[1].clone();
                if !rotated.is_empty() {
                    let by = rotate % rotated.len();
                    rotated.rotate_left(by);
                }
                orders.push(rotated);
                for order in orders {
                    let walked = claims_by_block(&doc, &order);
                    proptest::prop_assert_eq!(&walked, &claims_by_block_searched(&doc, &order));
                    // One block alone, as a change recomputes it.
                    for (index, placed) in walked.iter().enumerate() {
                        proptest::prop_assert_eq!(&claims_in_block(&doc, &order, index), placed, "block {}", index);
                    }
                }
            }
        }
    }
}
