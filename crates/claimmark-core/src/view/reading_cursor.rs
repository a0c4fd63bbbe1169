//! The keyboard reading cursor, and the article's certainty overview.
//!
//! Creating a claim without a mouse: the cursor is a span of the text that
//! moves by sentence or by word and grows or shrinks by words; the UI
//! selects it in the page, and 1, 2, 3 tag it like a mouse selection.
//! [`Reading`] holds the article's sentences (from
//! [`crate::assistant::sentences`], headlines and paragraphs, never the
//! dateline) and words (UAX #29 pieces with a letter or digit), in code
//! points; [`Reading::step`] is pure.
//!
//! [`overview`] counts sentences by certainty for the overview bar: a
//! sentence takes the most cautious certainty of the claims that touch it
//! (unconfirmed over unclear over confirmed); untouched sentences are
//! untagged. Orphans and claims awaiting review elsewhere do not count.

use std::rc::Rc;

use crate::assistant::sentences::split_sentences;
use crate::assistant::Lexicon;
use crate::model::certainty::Certainty;
use crate::state::store::Claim;
use crate::text::document::{BlockKind, Document};
use crate::text::offsets::{ByteOffset, CharOffset};
use crate::text::segment::{pieces, Granularity};
use crate::text::span::Span;

/// A move of the reading cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The next sentence, whole.
    NextSentence,
    /// The previous sentence, whole.
    PreviousSentence,
    /// The next word alone.
    NextWord,
    /// The previous word alone.
    PreviousWord,
    /// Grow the selection by the word after its end.
    ExtendWord,
    /// Shrink the selection by its last word (never below one word).
    ShrinkWord,
    /// The whole sentence around the cursor.
    Sentence,
}

/// The article's sentences and words, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// Sentences, trimmed, in code points.
    pub sentences: Vec<Span>,
    /// Words (pieces with a letter or digit), in code points.
    pub words: Vec<Span>,
}

impl Reading {
    /// Cuts `document` into sentences and words.
    pub fn of(document: &Document) -> Self {
        Self::with_sentences(document, sentences_of(document))
    }

    /// The same with `sentences` already cut ([`sentences_of`] the same
    /// document), as the UI has them for the overview.
    pub fn with_sentences(document: &Document, sentences: Vec<Span>) -> Self {
        Reading {
            sentences,
            words: words_of(document),
        }
    }

    /// Where the cursor goes from `current` (`None`: not placed yet) by
    /// `step`; `None` when there is no text to go to.
    pub fn step(&self, current: Option<Span>, step: Move) -> Option<Span> {
        let Some(at) = current else {
            return match step {
                Move::PreviousSentence => self.sentences.last().copied(),
                Move::PreviousWord => self.words.last().copied(),
                Move::NextWord | Move::ExtendWord | Move::ShrinkWord => self.words.first().copied(),
                Move::NextSentence | Move::Sentence => self.sentences.first().copied(),
            };
        };
        let next = match step {
            Move::NextSentence => self
                .sentences
                .iter()
                .find(|s| s.start() >= at.end() || s.start() > at.start())
                .copied(),
            Move::PreviousSentence => self
                .sentences
                .iter()
                .rev()
                .find(|s| s.start() < at.start())
                .copied(),
            Move::NextWord => self.words.iter().find(|w| w.start() > at.start()).copied(),
            Move::PreviousWord => self
                .words
                .iter()
                .rev()
                .find(|w| w.start() < at.start())
                .copied(),
            Move::ExtendWord => self
                .words
                .iter()
                .find(|w| w.end() > at.end())
                .map(|w| Span::new(at.start(), w.end())),
            Move::ShrinkWord => self
                .words
                .iter()
                .rev()
                .find(|w| w.end() < at.end() && w.start() >= at.start())
                .map(|w| Span::new(at.start(), w.end())),
            Move::Sentence => self
                .sentences
                .iter()
                .find(|s| s.end() > at.start())
                .copied(),
        };
        // At either end of the text the cursor stays where it is.
        next.or(Some(at))
    }
}

/// Sentences of every headline and paragraph, in document code points.
pub fn sentences_of(document: &Document) -> Vec<Span> {
    let text = document.text();
    let index = document.index();
    let lexicon = Lexicon::english_shared();
    let mut spans = Vec::new();
    for block in document.blocks() {
        if block.kind == BlockKind::Dateline {
            continue;
        }
        let (Some(base), Some(block_text)) = (
            index.byte_of(text, CharOffset(block.span.start())),
            document.slice(block.span),
        ) else {
            continue;
        };
        for range in split_sentences(block_text, lexicon) {
            let to_char = |byte: usize| index.char_of(text, ByteOffset(base.0 + byte)).map(|c| c.0);
            if let (Some(start), Some(end)) = (to_char(range.start), to_char(range.end)) {
                if start < end {
                    spans.push(Span::new(start, end));
                }
            }
        }
    }
    spans
}

/// Words (UAX #29 pieces with a letter or digit), in code points.
pub fn words_of(document: &Document) -> Vec<Span> {
    let mut words = Vec::new();
    let mut at = 0;
    for piece in pieces(document.text(), Granularity::Word) {
        let count = piece.chars().count();
        if piece.chars().any(char::is_alphanumeric) {
            words.push(Span::new(at, at + count));
        }
        at += count;
    }
    words
}

/// Sentences per certainty for the overview, in the order confirmed,
/// unclear, unconfirmed, untagged. `sentences` are in document order (as
/// [`sentences_of`] gives them); one sweep over sentences and claims sorted
/// by start, so a long investigation costs O((S + C) · overlap), not S × C.
/// Claims already in document order need no sorting (the sort finds one run).
pub fn overview(sentences: &[Span], claims: &[Rc<Claim>]) -> [usize; 4] {
    let mut placed: Vec<(Span, Certainty)> = claims
        .iter()
        .filter_map(|c| {
            let span = c.placement.span()?;
            (!c.placement.needs_review()).then_some((span, c.annotation.certainty))
        })
        .collect();
    placed.sort_by_key(|(span, _)| span.start());
    let mut counts = [0; 4];
    let mut pending = placed.iter().peekable();
    // Claims that start before the current sentence ends and may reach it.
    let mut active: Vec<(Span, Certainty)> = Vec::new();
    for sentence in sentences {
        while let Some(claim) = pending.next_if(|(span, _)| span.start() < sentence.end()) {
            active.push(*claim);
        }
        active.retain(|(span, _)| span.end() > sentence.start());
        let worst = active
            .iter()
            .filter(|(span, _)| span.overlaps(*sentence))
            .map(|(_, certainty)| *certainty)
            .max();
        let slot = match worst {
            Some(Certainty::Confirmed) => 0,
            Some(Certainty::Unclear) => 1,
            Some(Certainty::Unconfirmed) => 2,
            None => 3,
        };
        if let Some(count) = counts.get_mut(slot) {
            *count += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::model::annotation::{AnnotationId, Timestamp};
    use crate::state::{reduce, Action, State};

    const TEXT: &str =
        "Troops left the base. Officials said it was voluntary.\n\nIt is unclear why.";

    fn texts(doc: &Document, spans: &[Span]) -> Vec<String> {
        spans
            .iter()
            .filter_map(|s| doc.slice(*s).map(str::to_owned))
            .collect()
    }

    #[test]
    fn the_cursor_moves_by_sentence_and_word_and_grows_by_words() {
        let doc = Document::from_plain_text(TEXT, None);
        let reading = Reading::of(&doc);
        assert_eq!(
            texts(&doc, &reading.sentences),
            vec![
                "Troops left the base.",
                "Officials said it was voluntary.",
                "It is unclear why."
            ]
        );
        let show = |span: Option<Span>| span.and_then(|s| doc.slice(s)).unwrap_or("").to_owned();
        let first = reading.step(None, Move::NextSentence);
        assert_eq!(show(first), "Troops left the base.");
        let second = reading.step(first, Move::NextSentence);
        assert_eq!(show(second), "Officials said it was voluntary.");
        assert_eq!(
            show(reading.step(second, Move::PreviousSentence)),
            "Troops left the base."
        );
        let word = reading.step(second, Move::NextWord);
        assert_eq!(show(word), "said");
        let grown = reading.step(word, Move::ExtendWord);
        assert_eq!(show(grown), "said it");
        let grown = reading.step(grown, Move::ExtendWord);
        assert_eq!(show(grown), "said it was");
        assert_eq!(show(reading.step(grown, Move::ShrinkWord)), "said it");
        assert_eq!(
            show(reading.step(word, Move::ShrinkWord)),
            "said",
            "never below one word"
        );
        assert_eq!(show(reading.step(word, Move::PreviousWord)), "Officials");
        assert_eq!(
            show(reading.step(word, Move::Sentence)),
            "Officials said it was voluntary."
        );
        let last = reading.step(None, Move::PreviousSentence);
        assert_eq!(show(last), "It is unclear why.");
        assert_eq!(
            reading.step(last, Move::NextSentence),
            last,
            "stays at the end"
        );
        let empty = Reading::of(&Document::from_plain_text("", None));
        assert_eq!(empty.step(None, Move::NextSentence), None);
    }

    #[test]
    fn the_overview_counts_sentences_by_their_most_cautious_claim() {
        let doc = Rc::new(Document::from_plain_text(TEXT, None));
        let reading = Reading::of(&doc);
        let mut state = Rc::new(State::new(doc.clone()));
        assert_eq!(overview(&reading.sentences, &state.claims), [0, 0, 0, 3]);
        for (n, (start, end, certainty)) in [
            (0, 6, Certainty::Confirmed),
            (16, 20, Certainty::Unconfirmed),
            (22, 31, Certainty::Confirmed),
        ]
        .into_iter()
        .enumerate()
        {
            state = reduce(
                state,
                Action::Create {
                    id: AnnotationId::from_random_bytes([u8::try_from(n).unwrap_or(0); 16]),
                    span: Span::new(start, end),
                    certainty,
                    at: Timestamp(1),
                },
            );
        }
        assert_eq!(state.claims.len(), 3);
        assert_eq!(overview(&reading.sentences, &state.claims), [1, 0, 1, 1]);
    }

    #[test]
    fn the_overview_sweep_agrees_with_checking_every_claim_against_every_sentence() {
        let text = "One two three. Four five six. Seven eight nine. Ten eleven twelve. \
                    Thirteen fourteen. Fifteen sixteen seventeen. Eighteen nineteen.";
        let doc = Rc::new(Document::from_plain_text(text, None));
        let sentences = Reading::of(&doc).sentences;
        let mut state = Rc::new(State::new(doc.clone()));
        let len = text.chars().count();
        // Short and long claims, some spanning several sentences, in no order.
        for n in 0u8..24 {
            let start = (usize::from(n) * 37) % (len - 5);
            let end = (start + 4 + (usize::from(n) * 13) % 60).min(len);
            state = reduce(
                state,
                Action::Create {
                    id: AnnotationId::from_random_bytes([n; 16]),
                    span: Span::new(start, end),
                    certainty: Certainty::ALL[usize::from(n) % 3],
                    at: Timestamp(1),
                },
            );
        }
        let mut brute = [0; 4];
        for sentence in &sentences {
            let worst = state
                .claims
                .iter()
                .filter_map(|c| c.placement.span().map(|s| (s, c.annotation.certainty)))
                .filter(|(span, _)| span.overlaps(*sentence))
                .map(|(_, c)| c)
                .max();
            let slot = worst.map_or(3, |c| match c {
                Certainty::Confirmed => 0,
                Certainty::Unclear => 1,
                Certainty::Unconfirmed => 2,
            });
            brute[slot] += 1;
        }
        assert!(state.claims.len() > 10);
        assert_eq!(overview(&sentences, &state.claims), brute);
    }
}
