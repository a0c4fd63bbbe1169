//! [`Certainty`]: the three verdicts a fact-checker gives a claim.
//!
//! Owns their order, their words (label, machine key, keyboard shortcut),
//! the schema.org ClaimReview rating they map to, and the non-colour cue
//! each one shows. It does not know about colours: those are the UI's.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How sure the record is about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Backed by on-record evidence.
    Confirmed,
    /// Contested, hedged or not yet settled.
    Unclear,
    /// Not backed by evidence the fact-checker could verify.
    Unconfirmed,
}

/// A certainty key that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown certainty {0:?}: expected confirmed, unclear or unconfirmed")]
pub struct UnknownCertainty(pub String);

impl Certainty {
    /// All three, in the order the legend and the toolbar show them.
    pub const ALL: [Certainty; 3] = [
        Certainty::Confirmed,
        Certainty::Unclear,
        Certainty::Unconfirmed,
    ];

    /// The machine key, as used in `data-certainty` and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Certainty::Confirmed => "confirmed",
            Certainty::Unclear => "unclear",
            Certainty::Unconfirmed => "unconfirmed",
        }
    }

    /// The word a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Certainty::Confirmed => "Confirmed",
            Certainty::Unclear => "Unclear",
            Certainty::Unconfirmed => "Unconfirmed",
        }
    }

    /// The keyboard shortcut that picks this certainty.
    pub fn shortcut(self) -> char {
        match self {
            Certainty::Confirmed => '1',
            Certainty::Unclear => '2',
            Certainty::Unconfirmed => '3',
        }
    }

    /// The certainty a shortcut key picks, if any.
    pub fn from_shortcut(key: &str) -> Option<Certainty> {
        Certainty::ALL
            .into_iter()
            .find(|c| key.chars().eq([c.shortcut()]))
    }

    /// The symbol shown beside the colour, so certainty never rests on
    /// colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Certainty::Confirmed => "✓",
            Certainty::Unclear => "?",
            Certainty::Unconfirmed => "✗",
        }
    }

    /// schema.org `ratingValue` on a 1 (worst) to 3 (best) scale.
    pub fn rating_value(self) -> u8 {
        match self {
            Certainty::Confirmed => 3,
            Certainty::Unclear => 2,
            Certainty::Unconfirmed => 1,
        }
    }
}

impl std::str::FromStr for Certainty {
    type Err = UnknownCertainty;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Certainty::ALL
            .into_iter()
            .find(|c| c.key() == s)
            .ok_or_else(|| UnknownCertainty(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_certainty_has_distinct_words_keys_and_ratings() {
        let table = [
            (Certainty::Confirmed, "confirmed", "Confirmed", '1', 3),
            (Certainty::Unclear, "unclear", "Unclear", '2', 2),
            (Certainty::Unconfirmed, "unconfirmed", "Unconfirmed", '3', 1),
        ];
        for (certainty, key, label, shortcut, rating) in table {
            assert_eq!(certainty.key(), key);
            assert_eq!(certainty.label(), label);
            assert_eq!(certainty.shortcut(), shortcut);
            assert_eq!(certainty.rating_value(), rating);
            assert_eq!(key.parse::<Certainty>(), Ok(certainty));
            assert_eq!(
                Certainty::from_shortcut(&shortcut.to_string()),
                Some(certainty)
            );
        }
        assert_eq!(Certainty::from_shortcut("4"), None);
        assert_eq!(Certainty::from_shortcut("12"), None);
        assert!("Confirmed".parse::<Certainty>().is_err());
        let symbols: std::collections::HashSet<_> =
            Certainty::ALL.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols.len(), 3);
    }
}
