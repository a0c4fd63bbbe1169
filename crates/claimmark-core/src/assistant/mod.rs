//! The certainty assistant: suggested claims from a newsroom's own cues.
//!
//! Reads the signals a report gives about how sure it is — anonymous
//! sources, hedges, explicit uncertainty, non-confirmation and denial,
//! on-record confirmation — and suggests a certainty per sentence, with the
//! cue words that decided it. Rule-based and offline; the cues live in a
//! data file per language (see [`lexicon`] for the format, English in
//! `assets/lexicon/en.txt`).
//!
//! - [`sentences`]: sentence boundaries (UAX #29 mended for news text).
//! - [`by_block`]: suggestions worked out only for the blocks that show them.
//! - [`lexicon`]: the data file, its typed errors and phrase matching.
//! - [`cues`]: cue kinds and negation scope.
//! - [`classify`]: the labels and the precedence between cues.
//! - [`evaluate`]: the labelled-set format and precision / recall / F1.
//! - `tokens` (private): the one tokenisation phrases and sentences share.
//!
//! Spans are code points of the [`Document`] text, like every other span.
//!
//! ```
//! use claimmark_core::assistant::{suggest, Lexicon};
//! use claimmark_core::{Certainty, Document};
//!
//! let doc = Document::from_plain_text("It is unclear whether the truce will hold.", None);
//! let suggestions = suggest(&doc, &Lexicon::english());
//! assert_eq!(suggestions[0].certainty, Certainty::Unclear);
//! assert_eq!(suggestions[0].explain(), "uncertainty: 'unclear'");
//! ```

pub mod by_block;
pub mod classify;
pub mod cues;
pub mod evaluate;
pub mod lexicon;
pub mod sentences;
mod tokens;

pub use by_block::SuggestionsByBlock;
pub use classify::{classify_sentence, Classification, Label, UnknownLabel};
pub use cues::{Cue, CueKind};
pub use lexicon::{Lexicon, LexiconError, LexiconErrorKind};

use crate::model::certainty::Certainty;
use crate::text::document::{BlockKind, Document};
use crate::text::offsets::{ByteOffset, CharOffset};
use crate::text::span::Span;

/// A claim the assistant suggests: a sentence, a certainty and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The sentence, in code points of the document.
    pub span: Span,
    /// The suggested certainty.
    pub certainty: Certainty,
    /// The cues that decided it, left to right, in code points of the
    /// document.
    pub cues: Vec<Cue>,
}

impl Suggestion {
    /// Why, for a reader: "hedge: 'appears'; hedge: 'believed'".
    pub fn explain(&self) -> String {
        self.cues
            .iter()
            .map(Cue::explain)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Suggested claims for every sentence of `document` that carries a cue,
/// in reading order. Datelines are skipped.
pub fn suggest(document: &Document, lexicon: &Lexicon) -> Vec<Suggestion> {
    (0..document.blocks().len())
        .flat_map(|index| suggest_in_block(document, lexicon, index))
        .collect()
}

/// [`suggest`] for block `index` alone (a sentence never spans blocks): no
/// suggestion for a dateline or an index past the last block.
pub fn suggest_in_block(document: &Document, lexicon: &Lexicon, index: usize) -> Vec<Suggestion> {
    let text = document.text();
    let index_of = document.index();
    let to_char = |byte: usize| index_of.char_of(text, ByteOffset(byte)).map(|c| c.0);
    let mut suggestions = Vec::new();
    let Some(block) = document.blocks().get(index) else {
        return suggestions;
    };
    if block.kind == BlockKind::Dateline {
        return suggestions;
    }
    let (Some(block_start), Some(block_text)) = (
        index_of.byte_of(text, CharOffset(block.span.start())),
        document.slice(block.span),
    ) else {
        return suggestions;
    };
    for range in sentences::split_sentences(block_text, lexicon) {
        let Some(sentence) = block_text.get(range.clone()) else {
            continue;
        };
        let (label, deciding) = classify::decide(&cues::find_cues(sentence, lexicon));
        let Some(certainty) = label.certainty() else {
            continue;
        };
        let base = block_start.0 + range.start;
        let (Some(start), Some(end)) = (to_char(base), to_char(base + sentence.len())) else {
            continue;
        };
        let cues = deciding
            .into_iter()
            .filter_map(|raw| {
                Some(Cue {
                    span: Span::new(to_char(base + raw.start)?, to_char(base + raw.end)?),
                    kind: raw.kind,
                    phrase: sentence.get(raw.start..raw.end)?.to_owned(),
                })
            })
            .collect();
        suggestions.push(Suggestion {
            span: Span::new(start, end),
            certainty,
            cues,
        });
    }
    suggestions
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests;
