//! Tests of the whole assistant: the seed article against the suggestions
//! a careful reader would make, and the dev split of the labelled set as a
//! regression guard.

use super::evaluate::{parse_labelled, Evaluation};
use super::*;

const SEED: &str = include_str!("../../../../assets/article.txt");
const SEED_EXPECTED: &str = include_str!("../../tests/fixtures/certainty/seed_expected.tsv");
const LABELLED: &str = include_str!("../../tests/fixtures/certainty/labelled.tsv");

/// The fixture's rows: certainty and the sentence's exact text.
fn expected_seed() -> Vec<(Certainty, String)> {
    SEED_EXPECTED
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (certainty, sentence) = line.split_once('\t').unwrap();
            (certainty.parse().unwrap(), sentence.to_owned())
        })
        .collect()
}

#[test]
fn the_seed_article_gets_a_careful_readers_suggestions() {
    // Exact match: the same sentences (whole text, in order) with the same
    // certainty; sentences not listed get no suggestion.
    let document = Document::from_plain_text(SEED, None);
    let suggestions = suggest(&document, &Lexicon::english());
    let got: Vec<(Certainty, String)> = suggestions
        .iter()
        .map(|s| (s.certainty, document.slice(s.span).unwrap().to_owned()))
        .collect();
    let expected = expected_seed();
    for (got, expected) in got.iter().zip(&expected) {
        assert_eq!(got, expected);
    }
    assert_eq!(got.len(), expected.len(), "{got:#?}");
}

#[test]
fn seed_cues_lie_inside_their_sentence_and_read_as_written() {
    let document = Document::from_plain_text(SEED, None);
    for suggestion in suggest(&document, &Lexicon::english()) {
        assert!(!suggestion.cues.is_empty());
        for cue in &suggestion.cues {
            assert!(suggestion.span.contains(cue.span), "{cue:?}");
            assert_eq!(document.slice(cue.span).unwrap(), cue.phrase);
        }
    }
}

#[test]
fn explanations_name_the_cue_kind_and_words() {
    let document = Document::from_plain_text(SEED, None);
    let explanations: Vec<String> = suggest(&document, &Lexicon::english())
        .iter()
        .map(Suggestion::explain)
        .collect();
    let expected = [
        "anonymous attribution: 'according to intelligence sources'",
        "on-record attribution: 'as reported by'",
        "hearsay: 'exclusive'",
        "hedge: 'appears'",
        "anonymous attribution: 'sources familiar'",
        "uncertainty: 'unclear'",
        "anonymous attribution: 'according to multiple sources'",
        "vague attribution: 'Analysts say'",
        "on-record attribution: 'characterized'",
        "hedge: 'appears'",
        "anonymous attribution: 'A White House official said'",
        "hedge: 'believed'; hedge: 'suggesting'",
        "non-confirmation: 'nor Venezuelan governments have publicly confirmed'",
    ];
    assert_eq!(explanations, expected);
}

#[test]
fn spans_are_code_points_past_astral_and_accented_text() {
    let text = "😀 Café owners said the fire may have been set. Officials confirmed it.";
    let document = Document::from_plain_text(text, None);
    let suggestions = suggest(&document, &Lexicon::english());
    assert_eq!(suggestions.len(), 2);
    let first = &suggestions[0];
    assert_eq!(first.certainty, Certainty::Unclear);
    assert_eq!(document.slice(first.cues[0].span), Some("may"));
    assert_eq!(first.cues[0].span, Span::new(28, 31));
    assert_eq!(
        document.slice(suggestions[1].span),
        Some("Officials confirmed it.")
    );
}

#[test]
fn a_newsroom_lexicon_extends_the_english_one() {
    let mut lexicon = Lexicon::english();
    let text = "The minister is tipped to resign.";
    assert_eq!(classify_sentence(text, &lexicon).label, Label::NoClaim);
    lexicon
        .extend_from_str("# our words\nhedge\tis tipped to\n")
        .unwrap();
    let result = classify_sentence(text, &lexicon);
    assert_eq!(result.label, Label::Unclear);
    assert_eq!(result.cues[0].phrase, "is tipped to");
}

#[test]
fn the_dev_split_keeps_macro_f1_at_or_above_0_80() {
    let examples = parse_labelled(LABELLED).unwrap();
    let dev: Vec<_> = examples.iter().filter(|e| e.split == "dev").collect();
    assert!(examples.len() >= 240 && dev.len() >= 140);
    let evaluation = Evaluation::run(dev.iter().copied(), &Lexicon::english());
    assert!(
        evaluation.macro_f1() >= 0.80,
        "{}\nerrors: {:?}",
        evaluation.report(),
        evaluation.errors
    );
}
