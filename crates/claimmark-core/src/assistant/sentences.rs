//! Cutting a block of text into sentences.
//!
//! Follows the shape of the Unicode sentence rules (UAX #29, SB8–SB11): a
//! sentence ends after a terminator (`.` `!` `?` `…` and the CJK ones), any
//! closing quotes or brackets after it, and a space — unless the next word
//! starts lowercase, or a digit follows a full stop ("Jan. 3"). A line break
//! always ends one. It then mends the places where news text fools those
//! rules: a boundary after an abbreviation from the lexicon ("Gen.", "Dr.",
//! "U.S.") or an initial ("John F. Kennedy") is dropped. A wire dateline at
//! the start of a block ("CARACAS, Venezuela (Reuters) — ") is left out of
//! the first sentence. Ranges are bytes into the block, trimmed of
//! surrounding whitespace. It knows nothing of cues.
//!
//! Hand-written rather than `unicode-segmentation`'s sentence iterator:
//! measured natively at opt-level "z", that iterator alone took about
//! 100 ms per megabyte, half the assistant's budget; this scan takes a few.

use std::ops::Range;

use super::lexicon::Lexicon;
use super::tokens::char_at;

/// Longest dateline looked for, in bytes.
const DATELINE_MAX: usize = 80;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›')
}

/// Sentence-shaped pieces before mending, untrimmed, covering `text`.
fn raw_pieces(text: &str) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some((c, len)) = char_at(text, at) {
        at += len;
        if c == '\n' {
            pieces.push(start..at);
            start = at;
            continue;
        }
        if !is_terminator(c) {
            continue;
        }
        while let Some((next, next_len)) = char_at(text, at) {
            if !(is_terminator(next) || is_closing(next)) {
                break;
            }
            at += next_len;
        }
        let ends = match char_at(text, at) {
            None => true,
            Some((next, _)) if next.is_whitespace() => {
                let rest = text.get(at..).unwrap_or_default();
                let mut gap = rest.chars().take_while(|c| c.is_whitespace());
                let line_break = gap.any(|c| c == '\n');
                let visible = rest.chars().find(|c| !c.is_whitespace());
                line_break
                    || !visible
                        .is_some_and(|v| v.is_lowercase() || (c == '.' && v.is_ascii_digit()))
            }
            Some(_) => false,
        };
        if ends {
            pieces.push(start..at);
            start = at;
        }
    }
    if start < text.len() {
        pieces.push(start..text.len());
    }
    pieces
}

/// The sentences of `text`, as trimmed byte ranges, in order.
pub fn split_sentences(text: &str, lexicon: &Lexicon) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in raw_pieces(text) {
        let piece = text.get(range.clone()).unwrap_or_default();
        match merged.last_mut() {
            Some(previous) if joins_next(text.get(previous.clone()), piece, lexicon) => {
                previous.end = range.end;
            }
            _ => merged.push(range),
        }
    }
    let mut sentences: Vec<Range<usize>> = merged
        .into_iter()
        .filter_map(|range| trim(text, range))
        .collect();
    if let Some(first) = sentences.first_mut() {
        first.start += dateline_len(text.get(first.clone()).unwrap_or_default());
    }
    sentences
}

/// Whether the boundary between `previous` and `next` is a false one.
fn joins_next(previous: Option<&str>, next: &str, lexicon: &Lexicon) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    let starts_lowercase = next
        .trim_start()
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let last_word = previous
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let is_initial = {
        let mut chars = last_word.chars();
        matches!(
            (chars.next(), chars.next(), chars.next()),
            (Some(letter), Some('.'), None) if letter.is_uppercase()
        )
    };
    !next.trim().is_empty()
        && (starts_lowercase || is_initial || lexicon.is_abbreviation(last_word))
}

fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = text.get(range.clone())?;
    let leading = piece.len() - piece.trim_start().len();
    let trailing = piece.len() - piece.trim_end().len();
    let trimmed = range.start + leading..range.end - trailing;
    let has_word = text
        .get(trimmed.clone())
        .is_some_and(|t| t.chars().any(char::is_alphanumeric));
    has_word.then_some(trimmed)
}

/// The length in bytes of a wire dateline opening `sentence`, with the
/// dash and the space after it; 0 when there is none.
fn dateline_len(sentence: &str) -> usize {
    let head = sentence
        .char_indices()
        .take_while(|&(at, _)| at < DATELINE_MAX)
        .last()
        .map_or(0, |(at, c)| at + c.len_utf8());
    let Some(head) = sentence.get(..head) else {
        return 0;
    };
    let Some((at, dash)) = [" — ", " – ", " - ", "—"]
        .iter()
        .filter_map(|dash| head.find(dash).map(|at| (at, dash.len())))
        .min()
    else {
        return 0;
    };
    let Some(prefix) = sentence.get(..at) else {
        return 0;
    };
    let first_word: String = prefix.chars().take_while(|c| c.is_alphabetic()).collect();
    let shouting = first_word.chars().count() >= 3 && first_word.chars().all(char::is_uppercase);
    let no_lowercase_word = prefix.split_whitespace().all(|word| {
        !word
            .trim_start_matches(['(', '['])
            .starts_with(char::is_lowercase)
    });
    if !(shouting && no_lowercase_word) {
        return 0;
    }
    let rest = sentence.get(at + dash..).unwrap_or_default();
    at + dash + (rest.len() - rest.trim_start().len())
}

#[cfg(test)]
#[allow(clippy::string_slice, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, &Lexicon::english())
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn abbreviations_quotes_and_datelines() {
        let table: &[(&str, &[&str])] = &[
            ("One. Two!  Three?", &["One.", "Two!", "Three?"]),
            (
                "Gen. Ana Ruiz left. Dr. Lee stayed.",
                &["Gen. Ana Ruiz left.", "Dr. Lee stayed."],
            ),
            (
                "The U.S. Army said so. It left on Jan. 3 at noon.",
                &["The U.S. Army said so.", "It left on Jan. 3 at noon."],
            ),
            (
                "John F. Kennedy spoke. Then he left.",
                &["John F. Kennedy spoke.", "Then he left."],
            ),
            (
                "\"Why?\" she asked. \"Because.\"",
                &["\"Why?\" she asked.", "\"Because.\""],
            ),
            (
                "“We will win.” The coach smiled.",
                &["“We will win.”", "The coach smiled."],
            ),
            (
                "CARACAS, Venezuela (Reuters) — Troops left. More followed.",
                &["Troops left.", "More followed."],
            ),
            ("LONDON - Rain fell.", &["Rain fell."]),
            (
                "NATO said no. Talks — at last — began.",
                &["NATO said no.", "Talks — at last — began."],
            ),
            (
                "The match kicks off at 8 p.m. local time.",
                &["The match kicks off at 8 p.m. local time."],
            ),
            ("  ", &[]),
            ("Rain fell\nSnow fell", &["Rain fell", "Snow fell"]),
            ("He left... Then? No!", &["He left...", "Then?", "No!"]),
            (
                "It cost 1.5 million. Talks (in Oslo.) ended.",
                &["It cost 1.5 million.", "Talks (in Oslo.) ended."],
            ),
        ];
        for (text, expected) in table {
            assert_eq!(sentences(text), *expected, "{text}");
        }
    }
}
