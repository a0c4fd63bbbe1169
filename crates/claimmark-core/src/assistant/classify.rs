//! Weighing a sentence's cues into one [`Label`].
//!
//! Owns the labels (the three certainties and "no claim") and the rule of
//! precedence written down in the labelling guide
//! (`tests/fixtures/certainty/GUIDE.md`): the strongest doubt wins —
//! non-confirmation, then uncertainty or denial, then anonymous sources or
//! hearsay, then hedges or generic groups, then on-record confirmation or
//! attribution; no cue at all is no claim. The cues of the deciding rank
//! are the ones reported, so the UI underlines what decided.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::cues::{find_cues, Cue, RawCue};
use super::lexicon::Lexicon;
use crate::model::certainty::Certainty;
use crate::text::offsets::{ByteOffset, CharIndex};
use crate::text::span::Span;

/// What the assistant makes of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// On-record confirmation.
    Confirmed,
    /// Hedged, uncertain or contested.
    Unclear,
    /// Anonymous, hearsay or explicitly not confirmed.
    Unconfirmed,
    /// No certainty cue: nothing to suggest.
    NoClaim,
}

/// A label key that is not one of the four.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown label {0:?}: expected confirmed, unclear, unconfirmed or no-claim")]
pub struct UnknownLabel(pub String);

impl Label {
    /// All four, in evaluation-table order.
    pub const ALL: [Label; 4] = [
        Label::Confirmed,
        Label::Unclear,
        Label::Unconfirmed,
        Label::NoClaim,
    ];

    /// The key used in the labelled set: "confirmed" … "no-claim".
    pub fn key(self) -> &'static str {
        match self {
            Label::Confirmed => "confirmed",
            Label::Unclear => "unclear",
            Label::Unconfirmed => "unconfirmed",
            Label::NoClaim => "no-claim",
        }
    }

    /// The certainty to suggest, `None` for no claim.
    pub fn certainty(self) -> Option<Certainty> {
        match self {
            Label::Confirmed => Some(Certainty::Confirmed),
            Label::Unclear => Some(Certainty::Unclear),
            Label::Unconfirmed => Some(Certainty::Unconfirmed),
            Label::NoClaim => None,
        }
    }
}

impl From<Certainty> for Label {
    fn from(certainty: Certainty) -> Self {
        match certainty {
            Certainty::Confirmed => Label::Confirmed,
            Certainty::Unclear => Label::Unclear,
            Certainty::Unconfirmed => Label::Unconfirmed,
        }
    }
}

impl FromStr for Label {
    type Err = UnknownLabel;

    fn from_str(key: &str) -> Result<Self, Self::Err> {
        Label::ALL
            .into_iter()
            .find(|label| label.key() == key.trim())
            .ok_or_else(|| UnknownLabel(key.to_owned()))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A sentence's label and the cues that decided it (spans in code points
/// of the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// The verdict.
    pub label: Label,
    /// The deciding cues, left to right; empty for no claim.
    pub cues: Vec<Cue>,
}

/// The label of some cues and the cues of the deciding rank.
pub(crate) fn decide(cues: &[RawCue]) -> (Label, Vec<RawCue>) {
    let Some(rank) = cues.iter().map(|cue| cue.kind.rank()).min() else {
        return (Label::NoClaim, Vec::new());
    };
    let deciding: Vec<RawCue> = cues
        .iter()
        .filter(|cue| cue.kind.rank() == rank)
        .copied()
        .collect();
    let label = deciding
        .first()
        .map_or(Label::NoClaim, |cue| Label::from(cue.kind.certainty()));
    (label, deciding)
}

/// Classifies one sentence on its own.
pub fn classify_sentence(sentence: &str, lexicon: &Lexicon) -> Classification {
    let (label, deciding) = decide(&find_cues(sentence, lexicon));
    let index = CharIndex::new(sentence);
    let cues = deciding
        .into_iter()
        .filter_map(|raw| {
            let start = index.char_of(sentence, ByteOffset(raw.start))?;
            let end = index.char_of(sentence, ByteOffset(raw.end))?;
            Some(Cue {
                span: Span::new(start.0, end.0),
                kind: raw.kind,
                phrase: sentence.get(raw.start..raw.end)?.to_owned(),
            })
        })
        .collect();
    Classification { label, cues }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::assistant::CueKind;

    fn label(text: &str) -> Label {
        classify_sentence(text, &Lexicon::english()).label
    }

    #[test]
    fn each_cue_type_decides_its_label() {
        let table: &[(&str, Label)] = &[
            (
                "People familiar with the matter said the deal was off.",
                Label::Unconfirmed,
            ),
            ("The suspect allegedly fled.", Label::Unconfirmed),
            ("The rebels appear to have withdrawn.", Label::Unclear),
            ("It is unclear whether the truce will hold.", Label::Unclear),
            ("Experts say the bridge is unsafe.", Label::Unclear),
            (
                "The report could not be independently verified.",
                Label::Unconfirmed,
            ),
            ("The embassy declined to comment.", Label::Unconfirmed),
            ("The government denied the report.", Label::Unclear),
            ("Police confirmed two arrests.", Label::Confirmed),
            (
                "Mayor Ana Ruiz told reporters the road would reopen.",
                Label::Confirmed,
            ),
            ("The match kicks off at eight.", Label::NoClaim),
        ];
        for (text, expected) in table {
            assert_eq!(label(text), *expected, "{text}");
        }
    }

    #[test]
    fn precedence_and_negation() {
        let table: &[(&str, Label)] = &[
            // the source, not the modal, decides
            (
                "Sources said a deal could be announced.",
                Label::Unconfirmed,
            ),
            // a hedge in a named speaker's quote
            ("\"We may never know,\" the detective said.", Label::Unclear),
            // non-confirmation beats a hedge
            (
                "Neither club has confirmed the fee, believed to be large.",
                Label::Unconfirmed,
            ),
            // the not belongs to the reported clause
            (
                "The army confirmed that it had not fired on the convoy.",
                Label::Confirmed,
            ),
            ("Officials have not confirmed the toll.", Label::Unconfirmed),
            ("It has not been confirmed.", Label::Unconfirmed),
            ("No one was injured, police said.", Label::Confirmed),
            // a named source vs an unnamed one
            (
                "A White House official said the talks went well.",
                Label::Unconfirmed,
            ),
            (
                "White House spokesperson Ana Lee said the talks went well.",
                Label::Confirmed,
            ),
            // uncertainty beats an anonymous source
            ("Sources said it was unclear who fired.", Label::Unclear),
        ];
        for (text, expected) in table {
            assert_eq!(label(text), *expected, "{text}");
        }
    }

    #[test]
    fn only_deciding_cues_are_reported_in_code_points() {
        let result = classify_sentence(
            "Café owners said the fire may have been set deliberately.",
            &Lexicon::english(),
        );
        assert_eq!(result.label, Label::Unclear);
        assert_eq!(result.cues.len(), 1);
        let cue = result.cues.first().unwrap();
        assert_eq!(cue.kind, CueKind::Hedge);
        assert_eq!(cue.phrase, "may");
        assert_eq!(cue.span, Span::new(26, 29));
        assert_eq!(cue.explain(), "hedge: 'may'");
    }

    #[test]
    fn labels_parse_from_their_keys() {
        for label in Label::ALL {
            assert_eq!(label.key().parse::<Label>(), Ok(label));
        }
        assert!("maybe".parse::<Label>().is_err());
    }
}
