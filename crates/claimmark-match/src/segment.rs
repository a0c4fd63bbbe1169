//! Word and grapheme boundaries (Unicode text segmentation, UAX #29), a
//! platform seam like NFC in [`crate::normalize`]: natively the
//! unicode-segmentation crate, in wasm the browser's `Intl.Segmenter`,
//! registered by the UI with [`set_segmenter`], so that no segmentation
//! tables travel in the bundle.
//!
//! [`pieces`] cuts a text into pieces that together are the text: extended
//! grapheme clusters, or word-boundary pieces (words, runs of spaces, each
//! punctuation mark, each emoji). Which pieces count as words is the
//! caller's business (snapping keeps them all, the reading cursor those
//! with a letter or digit).
//!
//! In wasm with nothing registered (a browser without `Intl.Segmenter`, the
//! benchmark's exports) a rough cut stands in: runs of letters and digits,
//! runs of spaces, every other code point alone, combining marks kept with
//! what they follow.

use std::sync::OnceLock;

/// What to cut a text into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// Extended grapheme clusters: what a reader takes for one character.
    Grapheme,
    /// Word-boundary pieces: words, runs of spaces, punctuation, emoji.
    Word,
}

/// A platform's segmentation: the byte offsets in the text where its
/// pieces end, increasing (the last one the text's length). Offsets that
/// are not char boundaries or do not increase are skipped.
pub type Segmenter = fn(&str, Granularity) -> Vec<usize>;

static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();

/// Registers the platform's segmentation; the first registration wins.
/// Returns whether this one was taken.
pub fn set_segmenter(segmenter: Segmenter) -> bool {
    SEGMENTER.set(segmenter).is_ok()
}

/// The pieces of `text`, in order; together they are `text`.
pub fn pieces(text: &str, granularity: Granularity) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let ends = match SEGMENTER.get() {
        Some(segmenter) => segmenter(text, granularity),
        None => default_ends(text, granularity),
    };
    cut(text, ends)
}

/// `text` cut at `ends`, skipping ends that are no char boundary or do not
/// increase; what is left after the last end is the last piece.
fn cut(text: &str, ends: Vec<usize>) -> Vec<&str> {
    let mut out = Vec::with_capacity(ends.len());
    let mut start = 0;
    for end in ends {
        if end <= start {
            continue;
        }
        if let Some(piece) = text.get(start..end) {
            out.push(piece);
            start = end;
        }
    }
    if let Some(rest) = text.get(start..).filter(|rest| !rest.is_empty()) {
        out.push(rest);
    }
    out
}

/// Natively: the unicode-segmentation crate.
#[cfg(not(target_arch = "wasm32"))]
fn default_ends(text: &str, granularity: Granularity) -> Vec<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    match granularity {
        Granularity::Grapheme => text
            .grapheme_indices(true)
            .map(|(at, piece)| at + piece.len())
            .collect(),
        Granularity::Word => text
            .split_word_bound_indices()
            .map(|(at, piece)| at + piece.len())
            .collect(),
    }
}

/// In wasm, until the UI registers the browser's: the rough cut the module
/// notes describe.
#[cfg(target_arch = "wasm32")]
fn default_ends(text: &str, granularity: Granularity) -> Vec<usize> {
    rough_ends(text, granularity)
}

/// A cut without Unicode's segmentation tables (see the module notes).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn rough_ends(text: &str, granularity: Granularity) -> Vec<usize> {
    #[derive(PartialEq)]
    enum Kind {
        Word,
        Space,
        Other,
    }
    let kind = |c: char| {
        if c.is_alphanumeric() {
            Kind::Word
        } else if c.is_whitespace() && c != '\n' && c != '\r' {
            Kind::Space
        } else {
            Kind::Other
        }
    };
    let mut ends = Vec::new();
    let mut previous: Option<Kind> = None;
    for (at, c) in text.char_indices() {
        let this = kind(c);
        let joins = is_combining(c)
            || match (&previous, granularity) {
                (Some(before), Granularity::Word) => *before == this && this != Kind::Other,
                _ => false,
            };
        if !joins && at > 0 {
            ends.push(at);
        }
        if !is_combining(c) {
            previous = Some(this);
        }
    }
    ends.push(text.len());
    ends
}

/// Combining diacritical marks, variation selectors and the zero-width
/// joiner: the common code points that never start a piece.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{20d0}'..='\u{20ff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_graphemes_follow_unicode() {
        let text = "Le cafe\u{301} 😀 est bon.  سلام\n\n\u{1F469}\u{200D}\u{1F467} U.S. don't 3.5";
        assert_eq!(
            pieces(text, Granularity::Word),
            [
                "Le",
                " ",
                "cafe\u{301}",
                " ",
                "😀",
                " ",
                "est",
                " ",
                "bon",
                ".",
                "  ",
                "سلام",
                "\n",
                "\n",
                "\u{1F469}\u{200D}\u{1F467}",
                " ",
                "U.S",
                ".",
                " ",
                "don't",
                " ",
                "3.5"
            ]
        );
        assert_eq!(
            pieces("e\u{301}\u{1F1FA}\u{1F1F8}a", Granularity::Grapheme),
            ["e\u{301}", "\u{1F1FA}\u{1F1F8}", "a"]
        );
        assert!(pieces("", Granularity::Word).is_empty());
    }

    #[test]
    fn a_platform_cut_that_misses_boundaries_still_covers_the_text() {
        // 3 falls inside "é" (bytes 2..4), then 1 goes back; 9 is past the end.
        assert_eq!(cut("a é b", vec![1, 3, 1, 4]), ["a", " é", " b"]);
        assert_eq!(cut("a é b", vec![9]), ["a é b"]);
        assert_eq!(cut("ab", Vec::new()), ["ab"]);
    }

    #[test]
    fn the_rough_cut_keeps_words_spaces_and_marks_together() {
        let text = "Le cafe\u{301},  bon\n\n";
        assert_eq!(
            cut(text, rough_ends(text, Granularity::Word)),
            ["Le", " ", "cafe\u{301}", ",", "  ", "bon", "\n", "\n"]
        );
        assert_eq!(
            cut(
                "e\u{301}\u{200d}x",
                rough_ends("e\u{301}\u{200d}x", Granularity::Grapheme)
            ),
            ["e\u{301}\u{200d}", "x"]
        );
    }
}
