//! The text that matching compares: whitespace runs folded to one space and
//! canonical composition (NFC) applied, with a map back to the displayed
//! text's code points.
//!
//! Two texts that differ only in how lines were wrapped, how many spaces or
//! which kind of space (NBSP, tab, newline) separate words, or whether an
//! accent is precomposed (NFC) or combining (NFD) normalise to the same
//! characters. Every normalised character remembers the span of displayed
//! code points it came from, so a match found here maps back exactly.

use std::sync::OnceLock;

use std::ops::Range;

use crate::segment::{pieces, Granularity};

/// A text normalised for matching, with the origin of every character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    chars: Vec<char>,
    /// For each normalised character, the first displayed code point it
    /// stands for; it stands for everything up to the next one's (the
    /// characters cover the displayed text without gaps).
    origins: Vec<u32>,
    /// The displayed text's length in code points.
    displayed_len: usize,
}

impl Normalized {
    /// Normalises `text`; origins count code points of `text`.
    pub fn new(text: &str) -> Self {
        let mut out = Normalized {
            chars: Vec::with_capacity(text.len()),
            origins: Vec::with_capacity(text.len()),
            displayed_len: 0,
        };
        let nfc = composer();
        if text.is_ascii() {
            out.push_ascii(text);
        } else if nfc.is_none_or(|nfc| nfc(text) == text) {
            out.push_each(text, 0);
        } else if let Some(nfc) = nfc {
            // Composition never crosses a grapheme cluster, so a cluster that
            // changes is composed on its own and all it yields points back to
            // all of it; the others keep one origin per code point.
            let mut offset = 0;
            for cluster in pieces(text, Granularity::Grapheme) {
                let len = cluster.chars().count();
                let composed = if cluster.is_ascii() {
                    None
                } else {
                    Some(nfc(cluster)).filter(|c| c != cluster)
                };
                match composed {
                    None => out.push_each(cluster, offset),
                    Some(composed) => out.push_composed(cluster, &composed, offset),
                }
                offset += len;
            }
        }
        out.displayed_len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        out
    }

    /// The fast path for ASCII text: one origin per byte. Words are copied
    /// a slice at a time (a bulk copy, not a push per character) and each
    /// whitespace run becomes one space at the run's first byte.
    fn push_ascii(&mut self, text: &str) {
        let mut rest = text.as_bytes();
        let mut at = 0u32;
        while !rest.is_empty() {
            let word_len = rest
                .iter()
                .position(|&b| is_ascii_space(b))
                .unwrap_or(rest.len());
            let (word, after) = rest.split_at(word_len);
            self.chars.extend(word.iter().map(|&b| char::from(b)));
            let word_end = at + u32::try_from(word_len).unwrap_or(u32::MAX);
            self.origins.extend(at..word_end);
            let spaces = after.iter().take_while(|&&b| is_ascii_space(b)).count();
            if spaces > 0 {
                self.chars.push(' ');
                self.origins.push(word_end);
            }
            rest = after.get(spaces..).unwrap_or(&[]);
            at = word_end + u32::try_from(spaces).unwrap_or(u32::MAX);
        }
    }

    /// Appends a cluster that composition changed: the characters it left
    /// alone at either end keep their own origins; what it composed points
    /// back to everything it was made from.
    fn push_composed(&mut self, cluster: &str, composed: &str, offset: usize) {
        let before: Vec<char> = cluster.chars().collect();
        let after: Vec<char> = composed.chars().collect();
        let same = |a: &[char], b: &[char]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let head = same(&before, &after);
        let tail = same(
            &before.iter().rev().copied().collect::<Vec<_>>(),
            &after.iter().rev().copied().collect::<Vec<_>>(),
        )
        .min(before.len().min(after.len()) - head);
        let origin = offset + head;
        for (i, &c) in after.iter().enumerate() {
            if i < head {
                self.push(c, offset + i);
            } else if i >= after.len() - tail {
                let from_end = after.len() - i;
                let at = offset + before.len() - from_end;
                self.push(c, at);
            } else {
                self.push(c, origin);
            }
        }
    }

    /// Appends every character of `text`, which starts at displayed `offset`.
    fn push_each(&mut self, text: &str, offset: usize) {
        for (i, c) in text.chars().enumerate() {
            self.push(c, offset + i);
        }
    }

    /// Appends one character, folding whitespace into the previous space.
    fn push(&mut self, c: char, origin: usize) {
        if c.is_whitespace() {
            if self.chars.last() == Some(&' ') {
                return;
            }
            self.chars.push(' ');
        } else {
            self.chars.push(c);
        }
        self.origins.push(u32::try_from(origin).unwrap_or(u32::MAX));
    }

    /// The normalised characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// How many normalised characters there are.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when there is nothing to match.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The displayed span that normalised characters `start..end` stand for.
    pub fn origin(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if start >= end || end > self.chars.len() {
            return None;
        }
        let first = *self.origins.get(start)? as usize;
        let last_end = match self.origins.get(end) {
            Some(&next) => next as usize,
            None => self.displayed_len,
        };
        Some(first..last_end)
    }

    /// The normalised index of the character that displayed offset `offset`
    /// falls in (the length past the end).
    pub fn index_of(&self, offset: usize) -> usize {
        if offset >= self.displayed_len {
            return self.chars.len();
        }
        self.origins
            .partition_point(|&o| o as usize <= offset)
            .saturating_sub(1)
            .min(self.chars.len())
    }
}

/// An ASCII byte that `char::is_whitespace` calls whitespace (which, unlike
/// `is_ascii_whitespace`, includes the vertical tab).
fn is_ascii_space(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == 0x0b
}

/// Canonical composition (NFC) of a string, supplied by the platform: the
/// browser's own `String.prototype.normalize` in wasm (registered by the UI
/// with [`set_composer`], so no Unicode tables travel in the bundle), the
/// unicode-normalization crate natively.
pub type Composer = fn(&str) -> String;

static COMPOSER: OnceLock<Composer> = OnceLock::new();

/// Registers the platform's NFC; the first registration wins. Returns
/// whether this one was taken.
pub fn set_composer(composer: Composer) -> bool {
    COMPOSER.set(composer).is_ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn native_nfc(text: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(text).collect()
}

/// The registered composer, or the native default; none in wasm until the
/// UI registers the browser's (matching then still folds whitespace).
fn composer() -> Option<Composer> {
    #[cfg(not(target_arch = "wasm32"))]
    let default: Option<Composer> = Some(native_nfc);
    #[cfg(target_arch = "wasm32")]
    let default: Option<Composer> = None;
    COMPOSER.get().copied().or(default)
}

/// Normalises a quote, prefix or suffix the same way as the text.
pub fn normalize_chars(text: &str) -> Vec<char> {
    if text.is_ascii() {
        // Quotes and their context are short and usually ASCII: no origins.
        let mut chars = Vec::with_capacity(text.len());
        let mut rest = text.as_bytes();
        while !rest.is_empty() {
            let word_len = rest
                .iter()
                .position(|&b| is_ascii_space(b))
                .unwrap_or(rest.len());
            let (word, after) = rest.split_at(word_len);
            chars.extend(word.iter().map(|&b| char::from(b)));
            let spaces = after.iter().take_while(|&&b| is_ascii_space(b)).count();
            if spaces > 0 {
                chars.push(' ');
            }
            rest = after.get(spaces..).unwrap_or(&[]);
        }
        return chars;
    }
    Normalized::new(text).chars
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn string(n: &Normalized) -> String {
        n.chars().iter().collect()
    }

    #[test]
    fn whitespace_runs_of_any_kind_become_one_space() {
        let n = Normalized::new("a \n\t\u{a0} b\u{2003}c");
        assert_eq!(string(&n), "a b c");
        // The space stands for the whole run it replaced.
        assert_eq!(n.origin(1, 2), Some(1..6));
        assert_eq!(n.origin(2, 3), Some(6..7));
        assert_eq!(n.origin(0, 5), Some(0..9));
    }

    #[test]
    fn the_ascii_shortcuts_fold_like_the_general_path() {
        for text in [
            "",
            " ",
            "  lead",
            "trail \n",
            "a  b\t\u{b}c\r\n\nd",
            "one two",
        ] {
            let fast = Normalized::new(text);
            // The same text with one non-ASCII character takes the general path.
            let general = Normalized::new(&format!("{text}\u{e9}"));
            let mut expected = general.chars().to_vec();
            expected.pop();
            assert_eq!(fast.chars(), expected.as_slice(), "{text:?}");
            assert_eq!(normalize_chars(text), expected, "{text:?}");
            for i in 0..fast.len() {
                assert_eq!(
                    fast.origin(i, i + 1),
                    general.origin(i, i + 1),
                    "{text:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn nfd_text_composes_and_maps_back_to_its_combining_sequences() {
        // "Café déjà" with combining accents: 12 code points displayed.
        let nfd = "Cafe\u{301} de\u{301}ja\u{300}";
        let n = Normalized::new(nfd);
        assert_eq!(string(&n), "Café déjà");
        assert_eq!(normalize_chars("Café déjà"), n.chars().to_vec());
        // "é" (normalised index 3) covers displayed code points 3..5.
        assert_eq!(n.origin(3, 4), Some(3..5));
        assert_eq!(n.origin(5, 9), Some(6..12));
    }

    #[test]
    fn astral_characters_count_as_one() {
        let n = Normalized::new("a 😀 b");
        assert_eq!(n.len(), 5);
        assert_eq!(n.origin(2, 3), Some(2..3));
        assert_eq!(n.index_of(3), 3);
        assert_eq!(n.origin(3, 3), None);
        assert_eq!(n.origin(4, 9), None);
    }
}
