//! Certainty cues in one sentence: what kind each is and where it stands.
//!
//! Owns [`CueKind`], [`Cue`] and negation scope: a negator (from the
//! lexicon) at most [`NEGATION_REACH`] words before a confirmation or an
//! on-record attribution, in the same clause, turns it into a
//! non-confirmation ("have not publicly confirmed"); before an uncertainty
//! it cancels it ("no doubt"). A clause ends at punctuation (, ; : ( )
//! quotation marks, dashes, sentence ends) or at a lexicon `scope_break`
//! word, so the *not* in "confirmed that it had not fired" never reaches
//! back to "confirmed". It does not weigh cues against each other: that is
//! `classify`.

use serde::{Deserialize, Serialize};

use super::lexicon::{Category, Lexicon};
use super::tokens::{tokenize, Token};
use crate::model::certainty::Certainty;
use crate::text::span::Span;

/// Most words between a negator and the cue it negates.
pub const NEGATION_REACH: usize = 6;

/// What a cue says about the certainty of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// The record says the claim is not confirmed ("could not be verified").
    NonConfirmation,
    /// Explicit uncertainty ("it is unclear whether").
    Uncertainty,
    /// A denial or dispute ("denied", "rejected").
    Denial,
    /// An unnamed source ("sources familiar with").
    AnonymousAttribution,
    /// Hearsay, allegation or another outlet ("reportedly", "alleges").
    Hearsay,
    /// A hedge or epistemic verb ("appears", "may").
    Hedge,
    /// A generic group giving a view ("analysts say").
    VagueAttribution,
    /// On-record confirmation ("confirmed", "court records show").
    Confirmation,
    /// A reporting verb with an on-record source ("said", "according to").
    NamedAttribution,
}

impl CueKind {
    /// Every kind, strongest first.
    pub const ALL: [CueKind; 9] = [
        CueKind::NonConfirmation,
        CueKind::Uncertainty,
        CueKind::Denial,
        CueKind::AnonymousAttribution,
        CueKind::Hearsay,
        CueKind::Hedge,
        CueKind::VagueAttribution,
        CueKind::Confirmation,
        CueKind::NamedAttribution,
    ];

    /// The category name in lexicon files.
    pub fn key(self) -> &'static str {
        match self {
            CueKind::NonConfirmation => "non_confirmation",
            CueKind::Uncertainty => "uncertainty",
            CueKind::Denial => "denial",
            CueKind::AnonymousAttribution => "anonymous_attribution",
            CueKind::Hearsay => "hearsay",
            CueKind::Hedge => "hedge",
            CueKind::VagueAttribution => "vague_attribution",
            CueKind::Confirmation => "confirmation",
            CueKind::NamedAttribution => "named_attribution",
        }
    }

    /// The kind of a lexicon category name.
    pub fn from_key(key: &str) -> Option<CueKind> {
        CueKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// Words for a reader: "hedge", "anonymous attribution".
    pub fn label(self) -> &'static str {
        match self {
            CueKind::NonConfirmation => "non-confirmation",
            CueKind::Uncertainty => "uncertainty",
            CueKind::Denial => "denial",
            CueKind::AnonymousAttribution => "anonymous attribution",
            CueKind::Hearsay => "hearsay",
            CueKind::Hedge => "hedge",
            CueKind::VagueAttribution => "vague attribution",
            CueKind::Confirmation => "confirmation",
            CueKind::NamedAttribution => "on-record attribution",
        }
    }

    /// The certainty this kind points to on its own.
    pub fn certainty(self) -> Certainty {
        match self {
            CueKind::NonConfirmation | CueKind::AnonymousAttribution | CueKind::Hearsay => {
                Certainty::Unconfirmed
            }
            CueKind::Uncertainty | CueKind::Denial | CueKind::Hedge | CueKind::VagueAttribution => {
                Certainty::Unclear
            }
            CueKind::Confirmation | CueKind::NamedAttribution => Certainty::Confirmed,
        }
    }

    /// Precedence when a sentence holds several kinds: lower decides.
    pub fn rank(self) -> u8 {
        match self {
            CueKind::NonConfirmation => 0,
            CueKind::Uncertainty | CueKind::Denial => 1,
            CueKind::AnonymousAttribution | CueKind::Hearsay => 2,
            CueKind::Hedge | CueKind::VagueAttribution => 3,
            CueKind::Confirmation | CueKind::NamedAttribution => 4,
        }
    }
}

/// One cue: where it is, what kind, and the words as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cue {
    /// Code points; in the document for a suggestion, in the sentence for
    /// a classification. A negated cue starts at its negator.
    pub span: Span,
    /// What it says.
    pub kind: CueKind,
    /// The words as written ("have not publicly confirmed").
    pub phrase: String,
}

impl Cue {
    /// "hedge: 'appears'".
    pub fn explain(&self) -> String {
        format!("{}: '{}'", self.kind.label(), self.phrase)
    }
}

/// A cue before conversion to code points: bytes into the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawCue {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it says after negation.
    pub kind: CueKind,
}

/// The cues of `sentence`, left to right, negation applied.
pub(crate) fn find_cues(sentence: &str, lexicon: &Lexicon) -> Vec<RawCue> {
    let tokens = tokenize(sentence);
    let matches = lexicon.scan(&tokens);
    let mut negator_from: Vec<Option<usize>> = vec![None; tokens.len()];
    for found in &matches {
        if found.category == Category::Negator {
            for slot in negator_from.iter_mut().take(found.end).skip(found.first) {
                *slot = Some(found.first);
            }
        }
    }
    let mut cues = Vec::new();
    for found in &matches {
        let Category::Cue(kind) = found.category else {
            continue;
        };
        let negated = negated_from(&tokens, &negator_from, found.first, lexicon);
        let kind = match (kind, negated) {
            (_, None) => Some(kind),
            (CueKind::Confirmation | CueKind::NamedAttribution, Some(_)) => {
                Some(CueKind::NonConfirmation)
            }
            (CueKind::Uncertainty, Some(_)) => None,
            (other, Some(_)) => Some(other),
        };
        let Some(kind) = kind else { continue };
        let first = match (kind, negated) {
            (CueKind::NonConfirmation, Some(from)) => from,
            _ => found.first,
        };
        let start = tokens.get(first).map(|t| t.start);
        let end = found
            .end
            .checked_sub(1)
            .and_then(|last| tokens.get(last))
            .map(|t| t.end);
        if let (Some(start), Some(end)) = (start, end) {
            cues.push(RawCue { start, end, kind });
        }
    }
    cues
}

fn ends_clause(token: &Token, lexicon: &Lexicon) -> bool {
    if token.word {
        lexicon.is_scope_break(&token.norm)
    } else {
        matches!(
            token.norm.as_ref(),
            "," | ";"
                | ":"
                | "("
                | ")"
                | "\""
                | "“"
                | "”"
                | "'"
                | "‘"
                | "—"
                | "–"
                | "-"
                | "."
                | "?"
                | "!"
        )
    }
}

/// The first token of a negator standing before token `cue` in its clause.
fn negated_from(
    tokens: &[Token],
    negator_from: &[Option<usize>],
    cue: usize,
    lexicon: &Lexicon,
) -> Option<usize> {
    let mut words = 0;
    let mut at = cue;
    while words < NEGATION_REACH {
        at = at.checked_sub(1)?;
        let token = tokens.get(at)?;
        if let Some(from) = negator_from.get(at).copied().flatten() {
            return Some(from);
        }
        if ends_clause(token, lexicon) {
            return None;
        }
        if token.word {
            words += 1;
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::string_slice)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<(CueKind, String)> {
        find_cues(text, &Lexicon::english())
            .into_iter()
            .map(|c| (c.kind, text[c.start..c.end].to_owned()))
            .collect()
    }

    fn kinds(text: &str) -> Vec<CueKind> {
        cues(text).into_iter().map(|(kind, _)| kind).collect()
    }

    #[test]
    fn each_cue_type_is_found() {
        use CueKind::*;
        let table: &[(&str, CueKind, &str)] = &[
            (
                "Sources familiar with the plan said so.",
                AnonymousAttribution,
                "Sources familiar",
            ),
            (
                "A senior defence official said so.",
                AnonymousAttribution,
                "A senior defence official said",
            ),
            ("The talks appear to have stalled.", Hedge, "appear"),
            ("The toll may rise.", Hedge, "may"),
            ("It is unclear whether he left.", Uncertainty, "unclear"),
            (
                "It was not immediately clear who fired.",
                Uncertainty,
                "not immediately clear",
            ),
            (
                "The report could not be verified.",
                NonConfirmation,
                "could not be verified",
            ),
            (
                "The firm declined to comment.",
                NonConfirmation,
                "declined to comment",
            ),
            ("The ministry denied the report.", Denial, "denied"),
            ("He reportedly fled.", Hearsay, "reportedly"),
            (
                "Analysts say it will pass.",
                VagueAttribution,
                "Analysts say",
            ),
            ("Police confirmed the arrest.", Confirmation, "confirmed"),
            (
                "Mayor Ana Ruiz said the road was shut.",
                NamedAttribution,
                "said",
            ),
        ];
        for (text, kind, phrase) in table {
            let found = cues(text);
            assert!(
                found.contains(&(*kind, (*phrase).to_owned())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn negation_turns_confirmation_into_non_confirmation() {
        use CueKind::*;
        let table: &[(&str, &[CueKind])] = &[
            ("Police have not confirmed the report.", &[NonConfirmation]),
            ("It has not been confirmed.", &[NonConfirmation]),
            (
                "Neither the Cuban nor Venezuelan governments have publicly confirmed it.",
                &[NonConfirmation],
            ),
            (
                "The ministry has yet to confirm the toll.",
                &[NonConfirmation],
            ),
            ("The figures have not been audited.", &[NonConfirmation]),
            (
                "We cannot confirm those reports.",
                &[NonConfirmation, NonConfirmation],
            ),
            ("There is no doubt he won.", &[]),
            ("He did not deny it.", &[Denial]),
            ("It does not appear to be true.", &[Hedge]),
        ];
        for (text, expected) in table {
            assert_eq!(kinds(text), *expected, "{text}");
        }
    }

    #[test]
    fn negation_stays_in_its_clause() {
        use CueKind::*;
        let table: &[(&str, &[CueKind])] = &[
            ("The army confirmed that it had not fired.", &[Confirmation]),
            ("No one was injured, police said.", &[NamedAttribution]),
            (
                "Nobody came, but police confirmed the blast.",
                &[Confirmation],
            ),
            (
                "Not once in ten long years of talks has the minister confirmed it.",
                &[Confirmation],
            ),
            (
                "The hospital said no patient data had been accessed.",
                &[NamedAttribution],
            ),
        ];
        for (text, expected) in table {
            assert_eq!(kinds(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_negated_cue_spans_from_its_negator() {
        let found = cues("Officials have not publicly confirmed it.");
        assert_eq!(
            found,
            vec![(
                CueKind::NonConfirmation,
                "not publicly confirmed".to_owned()
            )]
        );
    }

    #[test]
    fn keys_round_trip() {
        for kind in CueKind::ALL {
            assert_eq!(CueKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(CueKind::from_key("guess"), None);
    }
}
