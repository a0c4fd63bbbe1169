//! Anchoring's tests: every re-anchoring scenario is a row of [`cases`]
//! (a claim described on an old text, the new text, what must be found)
//! run by one runner; `describe` and broken selectors have tests of their
//! own.
#![allow(clippy::string_slice, clippy::panic)]

use super::*;

const SEED: &str = include_str!("../../../../../assets/article.txt");

/// What anchoring must find in the new text.
enum Expect {
    /// These exact words, anchored, right after `before` (empty: anywhere).
    Exact {
        text: &'static str,
        before: &'static str,
    },
    /// These words, found with edits: needs review, scored 80–99 %.
    Fuzzy(&'static str),
    /// Two places fit equally: placed on neither, needs review.
    Ambiguous,
    /// Nowhere: kept as an orphan.
    Orphan,
}

/// One scenario: the claim is the `nth` occurrence of `quote` in `old`.
struct Case {
    name: &'static str,
    old: &'static str,
    quote: &'static str,
    nth: usize,
    new: String,
    expect: Expect,
}

const YES: &str = "Alpha said yes. Beta said yes. Gamma said no.";

const STORY: &str = "Officials in Caracas said on Monday that the convoy had crossed the \
    border before dawn. Witnesses described long queues at the checkpoint. The ministry \
    declined to comment on the number of vehicles involved.";
const CLAIM: &str = "the convoy had crossed the border before dawn";

const TWICE: &str = "Rebels said the bridge was destroyed. The army denied it. \
    Villagers said the bridge was destroyed. Nobody could verify it.";

const PORT: &str = "In the first paragraph of the old version. \
    The port will reopen on Friday, a spokesman said. \
    The last paragraph of the old version of it.";
// The claim's own paragraph replaced by a box that now appears twice, far
// apart: the same edited sentence in the same new context.
const BOX: &str = "A box added in the new version reads: \
    The port will reopen on Friday, the spokesman said. \
    Updates will follow in this box later today.";

fn exact(text: &'static str, before: &'static str) -> Expect {
    Expect::Exact { text, before }
}

fn case(
    name: &'static str,
    old: &'static str,
    quote: &'static str,
    nth: usize,
    new: String,
    expect: Expect,
) -> Case {
    Case {
        name,
        old,
        quote,
        nth,
        new,
        expect,
    }
}

fn cases() -> Vec<Case> {
    vec![
        // A short word told apart by its context.
        case("unchanged", YES, "yes", 1, YES.to_owned(), exact("yes", "Alpha said yes. Beta said ")),
        case("text added before", YES, "yes", 1, format!("Intro. {YES}"), exact("yes", "Intro. Alpha said yes. Beta said ")),
        case("text removed before", YES, "yes", 1, "Beta said yes. Gamma said no.".to_owned(), exact("yes", "Beta said ")),
        case("a second candidate with the same prefix", YES, "yes", 1, "Alpha said yes. Beta said yes!! Beta said yes. Gamma said no.".to_owned(), exact("yes", "Alpha said yes. Beta said ")),
        case("the word gone", YES, "yes", 1, "Alpha said no. Beta said no. Gamma said no.".to_owned(), Expect::Orphan),
        // Edits around and inside a claim.
        case("insertion before", STORY, CLAIM, 0, STORY.replace("Officials in Caracas", "Two senior officials in Caracas"), exact(CLAIM, "")),
        case("insertion after", STORY, CLAIM, 0, STORY.replace("long queues", "very long queues"), exact(CLAIM, "")),
        case("insertion inside", STORY, CLAIM, 0, STORY.replace("had crossed", "had already crossed"), Expect::Fuzzy("the convoy had already crossed the border before dawn")),
        case("a typo fixed inside the quote", STORY, CLAIM, 0, STORY.replace("before dawn", "befor dawn"), Expect::Fuzzy("the convoy had crossed the border befor dawn")),
        case("whitespace re-flowed", STORY, CLAIM, 0, STORY.replace("crossed the border", "crossed\n the\u{a0}border"), exact("the convoy had crossed\n the\u{a0}border before dawn", "")),
        case("the claim's sentence deleted", STORY, CLAIM, 0, STORY.replace("Officials in Caracas said on Monday that the convoy had crossed the border before dawn. ", ""), Expect::Orphan),
        case("the claim rewritten beyond recognition", STORY, CLAIM, 0, STORY.replace(CLAIM, "no vehicle has left the capital yet"), Expect::Orphan),
        case("nothing changed but the position", STORY, CLAIM, 0, format!("Update: {STORY}"), exact(CLAIM, "")),
        // Unicode normalisation: an NFC quote in an NFD text.
        case("NFD text, NFC quote", "Le ministre a confirmé la réunion à Genève mardi.", "confirmé la réunion à Genève", 0,
            "Mise à jour. Le ministre a confirme\u{301} la re\u{301}union a\u{300} Gene\u{300}ve mardi.".to_owned(),
            exact("confirme\u{301} la re\u{301}union a\u{300} Gene\u{300}ve", "Mise à jour. Le ministre a ")),
        // The same sentence twice, told apart by its context.
        case("the first of two identical sentences", TWICE, "the bridge was destroyed", 0, format!("Correction appended. {TWICE}"), exact("the bridge was destroyed", "Correction appended. Rebels said ")),
        case("the second of two identical sentences", TWICE, "the bridge was destroyed", 1, format!("Correction appended. {TWICE}"), exact("the bridge was destroyed", "The army denied it. Villagers said ")),
        // A near-identical sentence in two places: never moved to one of them.
        case("an edited sentence in two equal places", PORT, "The port will reopen on Friday, a spokesman said.", 0, format!("{BOX} Other news fills the page between them. {BOX}"), Expect::Ambiguous),
    ]
}

/// Describes the case's claim in its old text, then anchors it in the new.
fn reanchor(case: &Case) -> (Placement, Document) {
    let old_doc = Document::from_plain_text(case.old, None);
    let byte = case
        .old
        .match_indices(case.quote)
        .nth(case.nth)
        .unwrap_or_else(|| panic!("{}: quote not in the old text", case.name))
        .0;
    let start = case.old[..byte].chars().count();
    let target = describe(
        &old_doc,
        Span::new(start, start + case.quote.chars().count()),
    )
    .unwrap_or_else(|| panic!("{}: not describable", case.name));
    let new_doc = Document::from_plain_text(&case.new, None);
    (anchor(&new_doc, &target), new_doc)
}

fn text_of(doc: &Document, span: Span) -> &str {
    doc.slice(span).expect("in range")
}

fn text_before(doc: &Document, span: Span) -> &str {
    text_of(doc, Span::new(0, span.start()))
}

#[test]
fn every_reanchoring_case_finds_what_it_expects() {
    for case in cases() {
        let (placement, doc) = reanchor(&case);
        let name = case.name;
        match (case.expect, placement) {
            (Expect::Exact { text, before }, Placement::Anchored(span)) => {
                assert_eq!(text_of(&doc, span), text, "{name}");
                assert!(
                    text_before(&doc, span).ends_with(before),
                    "{name}: found after {:?}",
                    text_before(&doc, span)
                );
            }
            (Expect::Fuzzy(text), Placement::Fuzzy { span, score }) => {
                assert_eq!(text_of(&doc, span), text, "{name}");
                assert!(
                    score.percent() >= 80 && score.percent() < 100,
                    "{name}: {score:?}"
                );
            }
            (Expect::Ambiguous, placement @ Placement::Ambiguous { .. }) => {
                assert_eq!(placement.span(), None, "{name}");
                assert!(placement.needs_review(), "{name}");
            }
            (Expect::Orphan, Placement::Orphan) => {}
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

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
