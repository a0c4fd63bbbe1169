//! What an import did to an item it accepted, besides reading it: parts it
//! skipped (selectors, refinements, targets claimmark does not read) and
//! positions it corrected (counted in UTF-16 units, or wrong and replaced
//! by where the quote is). Each is an [`ImportNote`] with the item's index
//! ([`ItemNote`]); the import preview, the JS API's summary and
//! `claimmark validate` show them, so nothing is dropped silently.

use thiserror::Error;

/// Why a `TextPositionSelector` was not used as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionProblem {
    /// `end` is past the end of the text.
    PastEnd {
        /// The text's length in code points.
        len: usize,
    },
    /// `start` is after `end`.
    StartAfterEnd,
    /// The text at the position is not the quote.
    NotTheQuote,
}

impl std::fmt::Display for PositionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PositionProblem::PastEnd { len } => {
                write!(f, "runs past the end of the text ({len} code points)")
            }
            PositionProblem::StartAfterEnd => f.write_str("starts after its end"),
            PositionProblem::NotTheQuote => f.write_str("does not hold the quote"),
        }
    }
}

/// Something an import did to an item it accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportNote {
    /// A selector of a type claimmark does not read.
    #[error("skipped a {kind} (claimmark reads TextQuoteSelector and TextPositionSelector)")]
    SkippedSelector {
        /// Its `type` (clipped), or "(no type)".
        kind: String,
    },
    /// A selector given by reference (an IRI), which would need fetching.
    #[error("skipped a selector given as an IRI ({iri})")]
    SkippedSelectorIri {
        /// The IRI (clipped).
        iri: String,
    },
    /// A `refinedBy` on a selector claimmark read: the whole text is searched.
    #[error("skipped the refinedBy of its {kind}; the quote is searched in the whole text")]
    SkippedRefinement {
        /// The refined selector's type.
        kind: String,
    },
    /// The text selector came from the `refinedBy` of a selector claimmark
    /// does not read (a fragment, an XPath…); its position, relative to that
    /// part, is not used.
    #[error("read the TextQuoteSelector refining its {outer}; its position there is not used")]
    FromRefinement {
        /// The outer selector's type.
        outer: String,
    },
    /// Targets after the one read.
    #[error("read its first target with a text selector; skipped {count} other target(s)")]
    SkippedTargets {
        /// How many.
        count: usize,
    },
    /// A position counted in UTF-16 code units, converted to code points.
    #[error("TextPositionSelector {start}–{end} counted UTF-16 units; converted to code points {to_start}–{to_end}")]
    ConvertedUtf16 {
        /// Start as given.
        start: usize,
        /// End as given.
        end: usize,
        /// Start in code points.
        to_start: usize,
        /// End in code points.
        to_end: usize,
    },
    /// A wrong position replaced by where the quote is.
    #[error(
        "TextPositionSelector {start}–{end} {problem}; placed by its quote at {to_start}–{to_end}"
    )]
    PlacedByQuote {
        /// Start as given.
        start: usize,
        /// End as given.
        end: usize,
        /// What was wrong.
        problem: PositionProblem,
        /// Where the quote is, start.
        to_start: usize,
        /// Where the quote is, end.
        to_end: usize,
    },
    /// A wrong position, and the quote not found either (kept as an orphan).
    #[error("TextPositionSelector {start}–{end} {problem}, and the quote is not found: kept as an orphan")]
    PositionUnusable {
        /// Start as given.
        start: usize,
        /// End as given.
        end: usize,
        /// What was wrong.
        problem: PositionProblem,
    },
    /// A position that cannot be checked (no text at hand) and is unusable
    /// as it stands: the quote alone will place the claim.
    #[error("TextPositionSelector {start}–{end} {problem}; it is ignored and the quote places the claim")]
    PositionIgnored {
        /// Start as given.
        start: usize,
        /// End as given.
        end: usize,
        /// What was wrong.
        problem: PositionProblem,
    },
    /// No quote: it was taken from the text at the position.
    #[error("has no TextQuoteSelector; its quote was taken from the text at {start}–{end}")]
    QuoteFromText {
        /// Start.
        start: usize,
        /// End.
        end: usize,
    },
}

impl ImportNote {
    /// True for a position converted from UTF-16 units.
    pub fn is_conversion(&self) -> bool {
        matches!(self, ImportNote::ConvertedUtf16 { .. })
    }

    /// True for a wrong position replaced (or, without the text, to be
    /// replaced) by the quote's place.
    pub fn is_placed_by_quote(&self) -> bool {
        matches!(
            self,
            ImportNote::PlacedByQuote { .. } | ImportNote::PositionIgnored { .. }
        )
    }

    /// True for a wrong position whose quote is not found either.
    pub fn is_unplaced(&self) -> bool {
        matches!(self, ImportNote::PositionUnusable { .. })
    }
}

/// A note on one accepted item: its index in the input's item list, and what.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("items[{index}] {note}")]
pub struct ItemNote {
    /// Index in the item list, from 0.
    pub index: usize,
    /// What was done.
    pub note: ImportNote,
}

/// "1 position counted in UTF-16 units was converted" and the like: the
/// sentences the preview, the JS API and the command line show, one per
/// class that occurred, in a fixed order.
pub fn sentences(notes: &[ItemNote]) -> Vec<String> {
    let converted = notes.iter().filter(|n| n.note.is_conversion()).count();
    let by_quote = notes.iter().filter(|n| n.note.is_placed_by_quote()).count();
    let unplaced = notes.iter().filter(|n| n.note.is_unplaced()).count();
    let skipped = notes.len() - converted - by_quote - unplaced;
    let mut out = Vec::new();
    if converted > 0 {
        out.push(match converted {
            1 => "1 position counted in UTF-16 units was converted".to_owned(),
            n => format!("{n} positions counted in UTF-16 units were converted"),
        });
    }
    if by_quote > 0 {
        out.push(match by_quote {
            1 => "1 position was wrong; placed by its quote".to_owned(),
            n => format!("{n} positions were wrong; placed by their quotes"),
        });
    }
    if unplaced > 0 {
        out.push(match unplaced {
            1 => "1 position was wrong and its quote is not in the text: kept as an orphan"
                .to_owned(),
            n => format!(
                "{n} positions were wrong and their quotes are not in the text: kept as orphans"
            ),
        });
    }
    if skipped > 0 {
        out.push(match skipped {
            1 => "1 other note (a part claimmark does not read was skipped, or a quote taken from the text)".to_owned(),
            n => format!("{n} other notes (parts claimmark does not read were skipped, or quotes taken from the text)"),
        });
    }
    out
}
