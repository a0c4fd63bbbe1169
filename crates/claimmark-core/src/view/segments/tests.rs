//! Tests of [`super`]: table cases and properties.

use super::*;
use crate::model::anchor::Placement;
use crate::test_support::anchored;
use crate::test_support::id;

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
