//! Describing a span as W3C selectors, and finding it again after the text
//! changed.
//!
//! [`describe`] turns a span of a document into a [`Target`]: a
//! `TextQuoteSelector` with [`CONTEXT_CHARS`] code points of prefix and
//! suffix, and a `TextPositionSelector`. [`anchor`] does the reverse on a
//! possibly changed text, in this order:
//!
//! 1. the position, trusted only when its text equals the quote;
//! 2. every exact occurrence of the quote, scored by prefix, suffix and
//!    nearness to the old position ([`score`]);
//! 3. approximate occurrences with at most [`GLOBAL_ERROR_RATE`] of the
//!    quote's length in edits anywhere ([`myers`], filtered by the k-gram
//!    index in [`search`]), then with up to [`LOCAL_ERROR_RATE`] within
//!    [`LOCAL_REACH`] of the old place where at least one six-character run
//!    of the quote survives, scored the same way.
//!
//! Steps 2 and 3 compare [`normalize`]d text: whitespace runs and Unicode
//! normalisation (NFC/NFD) make no difference. The result is
//! [`Placement::Anchored`] (the quote's text is there), [`Placement::Fuzzy`]
//! (an edited text is there: needs review), [`Placement::Ambiguous`] (two
//! places fit within [`AMBIGUITY_MARGIN`]: placed on neither) or
//! [`Placement::Orphan`] (kept and listed, never deleted).

// The kernels live in their own crate, compiled for speed (see its docs).
pub use claimmark_match::{grams, myers, normalize, score, search};

use crate::model::annotation::{Target, TextPositionSelector, TextQuoteSelector};
use crate::text::document::Document;
use crate::text::offsets::CharOffset;
use crate::text::span::Span;
use normalize::normalize_chars;
use score::{Expected, Fit};
use search::Hit;

/// Code points of context kept on each side of a quote (as Hypothesis does).
pub const CONTEXT_CHARS: usize = 32;

/// The largest share of a quote's characters that may be edited for an
/// approximate match anywhere in the text (the k-gram filter stays sharp).
pub const GLOBAL_ERROR_RATE: f64 = 0.1;

/// The larger share allowed near the claim's old place, searched when no
/// match was found anywhere: a reworded phrase usually stays where it was.
pub const LOCAL_ERROR_RATE: f64 = 0.25;

/// How far from the old place (in characters, besides twice the quote's
/// length) the wider search looks: about two paragraphs either side.
pub const LOCAL_REACH: usize = 1000;

/// Two places whose textual evidence (quote, prefix and suffix, without the
/// position) differs by less than this are equally likely: the claim is
/// ambiguous and placed on neither. One more matching context character is
/// worth about 0.007, so any difference in the text decides, and nearness to
/// an old position never does on its own.
pub const AMBIGUITY_MARGIN: f64 = 0.005;

/// The lowest score an approximate match may have. A quote edited by a
/// tenth scores about 0.97 with its context and about 0.6 when its context
/// changed too; unrelated words within the error budget and with foreign
/// context score below.
pub const MIN_FUZZY_SCORE: f64 = 0.6;

/// How well an approximate match fits, in thousandths (1000 = perfectly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Score(u16);

impl Score {
    /// From a fraction in 0..=1 (clamped).
    pub fn from_fraction(fraction: f64) -> Self {
        Score((fraction.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    /// Whole percent, for people.
    pub fn percent(self) -> u16 {
        (self.0 + 5) / 10
    }
}

/// Where a target landed in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Found; the span's text is the quote (up to whitespace and Unicode
    /// normalisation).
    Anchored(Span),
    /// Found with edits: shown, but marked as needing review until accepted.
    Fuzzy {
        /// Where.
        span: Span,
        /// How well it fits.
        score: Score,
    },
    /// Two places fit equally well: shown on neither until someone chooses.
    Ambiguous {
        /// The earlier candidate.
        first: Span,
        /// The later candidate.
        second: Span,
    },
    /// Not found: shown in the list of orphaned claims, kept in storage.
    Orphan,
}

impl Placement {
    /// The span a highlight is drawn on: anchored or fuzzy.
    pub fn span(self) -> Option<Span> {
        match self {
            Placement::Anchored(span) | Placement::Fuzzy { span, .. } => Some(span),
            Placement::Ambiguous { .. } | Placement::Orphan => None,
        }
    }

    /// True when a person should confirm where the claim is.
    pub fn needs_review(self) -> bool {
        matches!(self, Placement::Fuzzy { .. } | Placement::Ambiguous { .. })
    }
}

/// Describes a non-empty span of `document`; `None` when the span is empty
/// or runs past the end.
pub fn describe(document: &Document, span: Span) -> Option<Target> {
    if span.is_empty() {
        return None;
    }
    let exact = document.slice(span)?.to_owned();
    let (prefix, suffix) = context(document, span)?;
    Some(Target {
        quote: TextQuoteSelector {
            exact,
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        },
        position: TextPositionSelector {
            start: span.start(),
            end: span.end(),
        },
    })
}

/// The [`CONTEXT_CHARS`] code points before and after `span` (fewer at the
/// ends of the text): the prefix and suffix [`describe`] records. `None`
/// when the span runs past the end.
pub fn context(document: &Document, span: Span) -> Option<(&str, &str)> {
    quote_in_context(document, span).map(|(prefix, _, suffix)| (prefix, suffix))
}

/// `(prefix, exact, suffix)` of `span`: its text and its [`context`], found
/// from four code-point offsets (a claim read back from storage needs all
/// three, ten thousand times on opening a long investigation).
pub fn quote_in_context(document: &Document, span: Span) -> Option<(&str, &str, &str)> {
    let suffix_end = span
        .end()
        .saturating_add(CONTEXT_CHARS)
        .min(document.char_len())
        .max(span.end());
    let (text, index) = (document.text(), document.index());
    let [prefix, start, end, suffix] = [
        span.start().saturating_sub(CONTEXT_CHARS),
        span.start(),
        span.end(),
        suffix_end,
    ]
    .map(|offset| index.byte_of(text, CharOffset(offset)).map(|byte| byte.0));
    let (prefix, start, end, suffix) = (prefix?, start?, end?, suffix?);
    Some((
        text.get(prefix..start)?,
        text.get(start..end)?,
        text.get(end..suffix)?,
    ))
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
    let quote = normalize_chars(exact);
    if quote.is_empty() {
        return Placement::Orphan;
    }
    let search = document.search_text();
    let exact_hits = search.exact(&quote);
    if let [only] = exact_hits.as_slice() {
        // One place has the quote's very words: nothing to weigh.
        if let Some(origin) = search.normalized.origin(only.start, only.end) {
            return Placement::Anchored(Span::new(origin.start, origin.end));
        }
    }
    let prefix = normalize_chars(&target.quote.prefix);
    let suffix = normalize_chars(&target.quote.suffix);
    let expected = Expected {
        quote_len: quote.len(),
        prefix: &prefix,
        suffix: &suffix,
        position: position.start,
        text_len: document.char_len(),
    };
    if !exact_hits.is_empty() {
        return decide(document, &expected, &exact_hits, true);
    }
    let global_errors = (quote.len() as f64 * GLOBAL_ERROR_RATE) as usize;
    if global_errors > 0 {
        let placement = decide(
            document,
            &expected,
            &search.approximate(&quote, global_errors),
            false,
        );
        if placement != Placement::Orphan {
            return placement;
        }
    }
    let local_errors = (quote.len() as f64 * LOCAL_ERROR_RATE) as usize;
    if local_errors <= global_errors {
        return Placement::Orphan;
    }
    let around = search.normalized.index_of(position.start);
    let reach = LOCAL_REACH + 2 * quote.len();
    let (from, to) = (around.saturating_sub(reach), around + reach);
    // Words reworded this much still keep a run of six characters; where
    // none of the quote's is left nearby, the claim is gone.
    if !search.has_gram_in(&quote, from, to) {
        return Placement::Orphan;
    }
    let hits = search.approximate_near(&quote, local_errors, from, to);
    decide(document, &expected, &hits, false)
}

/// Picks the best of `hits`, or declares a tie or nothing good enough.
fn decide(document: &Document, expected: &Expected<'_>, hits: &[Hit], exact: bool) -> Placement {
    let text = &document.search_text().normalized;
    let mut scored: Vec<(Fit, Span)> = hits
        .iter()
        .filter_map(|hit| {
            let origin = text.origin(hit.start, hit.end)?;
            let span = Span::new(origin.start, origin.end);
            let fit = score::score(text, expected, hit.start, hit.end, hit.errors, span.start());
            Some((fit, span))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total
            .total_cmp(&a.0.total)
            .then(a.1.start().cmp(&b.1.start()))
    });
    let Some(&(best_fit, best)) = scored.first() else {
        return Placement::Orphan;
    };
    let best_score = best_fit.total;
    if !exact && best_score < MIN_FUZZY_SCORE {
        return Placement::Orphan;
    }
    let rival = scored.iter().skip(1).find(|(_, span)| !span.overlaps(best));
    if let Some(&(rival_fit, rival)) = rival {
        if rival_fit.evidence > best_fit.evidence - AMBIGUITY_MARGIN {
            let (first, second) = if best.start() <= rival.start() {
                (best, rival)
            } else {
                (rival, best)
            };
            return Placement::Ambiguous { first, second };
        }
    }
    if exact {
        Placement::Anchored(best)
    } else {
        Placement::Fuzzy {
            span: best,
            score: Score::from_fraction(best_score),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::string_slice, clippy::panic)]
    use super::*;

    const SEED: &str = include_str!("../../../../assets/article.txt");

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

    /// Describes `quote` (its `nth` occurrence) in `old`, then anchors it in `new`.
    fn reanchor(old: &str, quote: &str, nth: usize, new: &str) -> (Placement, Document) {
        let old_doc = Document::from_plain_text(old, None);
        let byte = old
            .match_indices(quote)
            .nth(nth)
            .expect("quote in old text")
            .0;
        let start = old[..byte].chars().count();
        let target = describe(&old_doc, Span::new(start, start + quote.chars().count()))
            .expect("describable");
        let new_doc = Document::from_plain_text(new, None);
        (anchor(&new_doc, &target), new_doc)
    }

    fn text_of(doc: &Document, span: Span) -> String {
        doc.slice(span).expect("in range").to_owned()
    }

    const STORY: &str = "Officials in Caracas said on Monday that the convoy had crossed the \
        border before dawn. Witnesses described long queues at the checkpoint. The ministry \
        declined to comment on the number of vehicles involved.";
    const CLAIM: &str = "the convoy had crossed the border before dawn";

    #[test]
    fn edits_around_and_inside_a_claim() {
        enum Expect {
            Exact(&'static str),
            Fuzzy(&'static str),
            Orphan,
        }
        let table: [(&str, String, Expect); 8] = [
            (
                "insertion before",
                STORY.replace("Officials in Caracas", "Two senior officials in Caracas"),
                Expect::Exact(CLAIM),
            ),
            (
                "insertion after",
                STORY.replace("long queues", "very long queues"),
                Expect::Exact(CLAIM),
            ),
            (
                "insertion inside",
                STORY.replace("had crossed", "had already crossed"),
                Expect::Fuzzy("the convoy had already crossed the border before dawn"),
            ),
            (
                "a typo fixed inside the quote",
                STORY.replace("before dawn", "befor dawn"),
                Expect::Fuzzy("the convoy had crossed the border befor dawn"),
            ),
            (
                "whitespace re-flowed",
                STORY.replace("crossed the border", "crossed\n the\u{a0}border"),
                Expect::Exact("the convoy had crossed\n the\u{a0}border before dawn"),
            ),
            (
                "the claim's sentence deleted",
                STORY.replace(
                    "Officials in Caracas said on Monday that the convoy had crossed the border \
                     before dawn. ",
                    "",
                ),
                Expect::Orphan,
            ),
            (
                "the claim rewritten beyond recognition",
                STORY.replace(CLAIM, "no vehicle has left the capital yet"),
                Expect::Orphan,
            ),
            (
                "nothing changed but the position",
                format!("Update: {STORY}"),
                Expect::Exact(CLAIM),
            ),
        ];
        for (case, new, expect) in table {
            let (placement, doc) = reanchor(STORY, CLAIM, 0, &new);
            match (expect, placement) {
                (Expect::Exact(text), Placement::Anchored(span)) => {
                    assert_eq!(text_of(&doc, span), text, "{case}")
                }
                (Expect::Fuzzy(text), Placement::Fuzzy { span, score }) => {
                    assert_eq!(text_of(&doc, span), text, "{case}");
                    assert!(
                        score.percent() >= 80 && score.percent() < 100,
                        "{case}: {score:?}"
                    );
                }
                (Expect::Orphan, Placement::Orphan) => {}
                (_, other) => panic!("{case}: unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn nfd_text_anchors_an_nfc_quote() {
        let old = "Le ministre a confirmé la réunion à Genève mardi.";
        let new = "Mise à jour. Le ministre a confirme\u{301} la re\u{301}union a\u{300} Gene\u{300}ve mardi.";
        let (placement, doc) = reanchor(old, "confirmé la réunion à Genève", 0, new);
        let Placement::Anchored(span) = placement else {
            panic!("expected anchored, got {placement:?}")
        };
        assert_eq!(
            text_of(&doc, span),
            "confirme\u{301} la re\u{301}union a\u{300} Gene\u{300}ve"
        );
    }

    #[test]
    fn the_same_sentence_twice_is_told_apart_by_its_context() {
        let old = "Rebels said the bridge was destroyed. The army denied it. \
                   Villagers said the bridge was destroyed. Nobody could verify it.";
        let new = format!("Correction appended. {old}");
        for (nth, prefix_word) in [(0, "Rebels"), (1, "Villagers")] {
            let (placement, doc) = reanchor(old, "the bridge was destroyed", nth, &new);
            let Placement::Anchored(span) = placement else {
                panic!("expected anchored, got {placement:?}")
            };
            let before = doc
                .slice(Span::new(
                    span.start() - prefix_word.len() - 6,
                    span.start(),
                ))
                .expect("in range");
            assert!(before.starts_with(prefix_word), "{nth}: {before}");
        }
    }

    #[test]
    fn a_near_identical_sentence_elsewhere_makes_it_ambiguous_not_moved() {
        let old = "In the first paragraph of the old version. \
                   The port will reopen on Friday, a spokesman said. \
                   The last paragraph of the old version of it.";
        let quote = "The port will reopen on Friday, a spokesman said.";
        // The claim's own paragraph was replaced by a box that now appears
        // twice, far apart: the same edited sentence in the same new context.
        let boxed = "A box added in the new version reads: \
                     The port will reopen on Friday, the spokesman said. \
                     Updates will follow in this box later today.";
        let new = format!("{boxed} Other news fills the page between them. {boxed}");
        let (placement, _) = reanchor(old, quote, 0, &new);
        assert!(
            matches!(placement, Placement::Ambiguous { .. }),
            "expected ambiguous, got {placement:?}"
        );
        assert_eq!(placement.span(), None);
        assert!(placement.needs_review());
    }
}
