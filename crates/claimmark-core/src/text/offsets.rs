//! Offset units and the only conversions between them.
//!
//! Inside claimmark every offset is a [`CharOffset`]: a count of Unicode
//! scalar values (code points), which is what the W3C
//! `TextPositionSelector` counts. The DOM speaks UTF-16 code units
//! ([`Utf16Offset`]) and Rust strings index UTF-8 bytes ([`ByteOffset`]).
//! This module owns every conversion between the three; nothing else in the
//! crate does arithmetic across units, and nothing slices a `str` with an
//! unchecked byte index.
//!
//! It does not know about documents or blocks: callers pass the text the
//! offsets are relative to.

use serde::{Deserialize, Serialize};

/// An offset in Unicode code points.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// An offset in UTF-16 code units, as the DOM's `Range` and `Selection` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Utf16Offset(pub usize);

/// An offset in UTF-8 bytes, always on a `char` boundary once produced here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteOffset(pub usize);

/// Converts a UTF-16 offset inside `text` to code points.
///
/// An offset that falls between the two halves of a surrogate pair is
/// rounded down to the start of that character; one past the end is clamped
/// to the end. The DOM produces neither for real selections, but a DOM
/// offset is untrusted input.
pub fn utf16_to_char(text: &str, offset: Utf16Offset) -> CharOffset {
    let mut units = 0;
    for (count, ch) in text.chars().enumerate() {
        let next = units + ch.len_utf16();
        if next > offset.0 {
            return CharOffset(count);
        }
        units = next;
    }
    CharOffset(text.chars().count())
}

/// Converts a code-point offset inside `text` to UTF-16 code units,
/// clamped to the end of the text.
pub fn char_to_utf16(text: &str, offset: CharOffset) -> Utf16Offset {
    Utf16Offset(text.chars().take(offset.0).map(char::len_utf16).sum())
}

/// The UTF-16 reading of a whole text, for many conversions: the UTF-16
/// start of each character outside the Basic Multilingual Plane (emoji,
/// mathematical letters; two units each), so that a UTF-16 offset becomes
/// a code point by a binary search instead of a scan. Files written by
/// JavaScript annotators count their positions this way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf16Map {
    /// UTF-16 offset of every astral character, ascending.
    astral: Vec<usize>,
    /// The text's length in UTF-16 units.
    len: usize,
}

impl Utf16Map {
    /// Reads `text` once.
    pub fn new(text: &str) -> Self {
        let mut astral = Vec::new();
        let mut len = 0;
        for ch in text.chars() {
            if ch.len_utf16() == 2 {
                astral.push(len);
            }
            len += ch.len_utf16();
        }
        Self { astral, len }
    }

    /// The text's length in UTF-16 units.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True when UTF-16 units and code points differ somewhere in the text.
    pub fn has_astral(&self) -> bool {
        !self.astral.is_empty()
    }

    /// The code point at a UTF-16 offset; `None` past the end or between
    /// the two halves of a surrogate pair (no exact answer: an untrusted
    /// offset there is not a UTF-16 offset of this text).
    pub fn to_char(&self, offset: Utf16Offset) -> Option<CharOffset> {
        if offset.0 > self.len {
            return None;
        }
        // Astral characters starting before the offset; the last of them
        // must end at or before it.
        let before = self.astral.partition_point(|&start| start < offset.0);
        if let Some(&last) = before.checked_sub(1).and_then(|i| self.astral.get(i)) {
            if last + 2 > offset.0 {
                return None;
            }
        }
        Some(CharOffset(offset.0 - before))
    }
}

/// Converts a code-point offset to a byte offset, or `None` past the end.
pub fn char_to_byte(text: &str, offset: CharOffset) -> Option<ByteOffset> {
    if offset.0 == 0 {
        return Some(ByteOffset(0));
    }
    match text.char_indices().nth(offset.0) {
        Some((byte, _)) => Some(ByteOffset(byte)),
        None if text.chars().count() == offset.0 => Some(ByteOffset(text.len())),
        None => None,
    }
}

/// Converts a byte offset to code points, or `None` when it is past the end
/// or not on a character boundary.
pub fn byte_to_char(text: &str, offset: ByteOffset) -> Option<CharOffset> {
    let head = text.get(..offset.0)?;
    Some(CharOffset(head.chars().count()))
}

/// Counts the code points of `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Of eight bytes read little-endian, the high bit of each byte that
/// starts a character (is not a UTF-8 continuation byte, `10xxxxxx`).
fn char_starts(word: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let continuation = word & HIGH & !(word << 1);
    !continuation & HIGH
}

/// The byte (0–7) of the `n`th set high bit of `starts`, counting from 0.
fn nth_set_byte(mut starts: u64, n: usize) -> usize {
    for _ in 0..n {
        starts &= starts - 1;
    }
    starts.trailing_zeros() as usize / 8
}

/// Code-point positions of a text, with a checkpoint every
/// [`CharIndex::STRIDE`] characters, so that slicing a long document by
/// code points costs a short walk instead of a scan from the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharIndex {
    /// Byte offset of every [`CharIndex::STRIDE`]th code point; empty for
    /// ASCII text, where code points and bytes coincide.
    checkpoints: Vec<usize>,
    char_len: usize,
    ascii: bool,
}

impl CharIndex {
    /// Characters between checkpoints.
    pub const STRIDE: usize = 32;

    /// Indexes `text` once: one pass over its bytes (a character starts at
    /// every byte that is not a UTF-8 continuation byte), eight bytes at a
    /// time; none for ASCII.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                checkpoints: Vec::new(),
                char_len: text.len(),
                ascii: true,
            };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / Self::STRIDE + 1);
        let mut char_len = 0;
        let words = bytes.chunks_exact(8);
        let tail = words.remainder();
        for (word_index, word) in words.enumerate() {
            let mut word_bytes = [0u8; 8];
            word_bytes.copy_from_slice(word);
            let starts = char_starts(u64::from_le_bytes(word_bytes));
            let count = starts.count_ones() as usize;
            // At most one checkpoint falls in eight bytes: the character
            // whose number is the next multiple of the stride.
            let wanted = (Self::STRIDE - char_len % Self::STRIDE) % Self::STRIDE;
            if wanted < count {
                let byte = nth_set_byte(starts, wanted);
                checkpoints.push(word_index * 8 + byte);
            }
            char_len += count;
        }
        let tail_start = bytes.len() - tail.len();
        for (byte, &b) in tail.iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if char_len % Self::STRIDE == 0 {
                    checkpoints.push(tail_start + byte);
                }
                char_len += 1;
            }
        }
        Self {
            checkpoints,
            char_len,
            ascii: false,
        }
    }

    /// The number of code points in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of a code-point offset in `text` (the text this index was
    /// built from), or `None` past the end.
    pub fn byte_of(&self, text: &str, offset: CharOffset) -> Option<ByteOffset> {
        if offset.0 > self.char_len {
            return None;
        }
        if offset.0 == self.char_len {
            return Some(ByteOffset(text.len()));
        }
        if self.ascii {
            return Some(ByteOffset(offset.0));
        }
        let slot = offset.0 / Self::STRIDE;
        let checkpoint = *self.checkpoints.get(slot)?;
        let mut remaining = offset.0 % Self::STRIDE;
        if self.ascii_stride(slot) {
            return Some(ByteOffset(checkpoint + remaining));
        }
        // The n-th character start after the checkpoint: counted on bytes
        // (every byte that is not a continuation byte starts one), which is
        // several times faster than decoding the characters.
        let rest = text.as_bytes().get(checkpoint..)?;
        rest.iter()
            .enumerate()
            .filter(|(_, &b)| b & 0xC0 != 0x80)
            .find_map(|(byte, _)| match remaining {
                0 => Some(ByteOffset(checkpoint + byte)),
                _ => {
                    remaining -= 1;
                    None
                }
            })
    }

    /// The code points `[start, end)` of `text`, or `None` when the range is
    /// reversed or past the end.
    pub fn slice<'t>(&self, text: &'t str, start: CharOffset, end: CharOffset) -> Option<&'t str> {
        if start > end {
            return None;
        }
        let from = self.byte_of(text, start)?;
        let to = self.byte_of(text, end)?;
        text.get(from.0..to.0)
    }

    /// Code-point offset of a byte offset on a character boundary of `text`.
    pub fn char_of(&self, text: &str, offset: ByteOffset) -> Option<CharOffset> {
        if self.ascii {
            return (offset.0 <= text.len()).then_some(CharOffset(offset.0));
        }
        let index = self.checkpoints.partition_point(|&byte| byte <= offset.0);
        let slot = index.checked_sub(1)?;
        let checkpoint = *self.checkpoints.get(slot)?;
        let between = text.get(checkpoint..offset.0)?;
        let counted = if self.ascii_stride(slot) {
            between.len()
        } else {
            between.chars().count()
        };
        Some(CharOffset(slot * Self::STRIDE + counted))
    }

    /// True when the [`CharIndex::STRIDE`] characters from checkpoint
    /// `slot` are all ASCII (as many bytes as characters), so an offset
    /// inside them is the checkpoint plus the count: most strides of a news
    /// text, whose non-ASCII characters are a few quotes, dashes and
    /// accents.
    fn ascii_stride(&self, slot: usize) -> bool {
        match (self.checkpoints.get(slot), self.checkpoints.get(slot + 1)) {
            (Some(&from), Some(&to)) => to - from == Self::STRIDE,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text with an emoji (astral, 2 UTF-16 units, 4 bytes), a combining
    /// mark (its own code point), and Arabic (right-to-left, 2 bytes each).
    const MIXED: &str = "a😀e\u{301} سلام!";

    #[test]
    fn utf16_and_code_points_round_trip_on_mixed_text() {
        // (code points, utf16 units, utf8 bytes) at each character start.
        let table = [
            (0, 0, 0),   // a
            (1, 1, 1),   // 😀
            (2, 3, 5),   // e
            (3, 4, 6),   // combining acute
            (4, 5, 8),   // space
            (5, 6, 9),   // س
            (9, 10, 17), // !
            (10, 11, 18),
        ];
        for (cp, utf16, byte) in table {
            assert_eq!(
                char_to_utf16(MIXED, CharOffset(cp)),
                Utf16Offset(utf16),
                "cp {cp}"
            );
            assert_eq!(
                utf16_to_char(MIXED, Utf16Offset(utf16)),
                CharOffset(cp),
                "utf16 {utf16}"
            );
            assert_eq!(
                char_to_byte(MIXED, CharOffset(cp)),
                Some(ByteOffset(byte)),
                "cp {cp}"
            );
            assert_eq!(
                byte_to_char(MIXED, ByteOffset(byte)),
                Some(CharOffset(cp)),
                "byte {byte}"
            );
        }
    }

    #[test]
    fn untrusted_offsets_are_rounded_or_refused_never_panic() {
        // Inside the surrogate pair of 😀: rounds down to the emoji's start.
        assert_eq!(utf16_to_char(MIXED, Utf16Offset(2)), CharOffset(1));
        // Past the end: clamped.
        assert_eq!(utf16_to_char(MIXED, Utf16Offset(99)), CharOffset(10));
        assert_eq!(char_to_utf16(MIXED, CharOffset(99)), Utf16Offset(11));
        // Inside the emoji's bytes: refused.
        assert_eq!(byte_to_char(MIXED, ByteOffset(2)), None);
        assert_eq!(char_to_byte(MIXED, CharOffset(11)), None);
        assert_eq!(byte_to_char(MIXED, ByteOffset(99)), None);
    }

    #[test]
    fn char_index_slices_like_a_scan_across_checkpoints() {
        let text: String = "é😀ab שָׁלוֹם ".repeat(40);
        let index = CharIndex::new(&text);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(index.char_len(), chars.len());
        for (start, end) in [
            (0, 0),
            (0, 5),
            (63, 65),
            (64, 128),
            (100, chars.len()),
            (chars.len(), chars.len()),
        ] {
            let expected: String = chars
                .get(start..end)
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            assert_eq!(
                index.slice(&text, CharOffset(start), CharOffset(end)),
                Some(expected.as_str())
            );
        }
        assert_eq!(index.slice(&text, CharOffset(5), CharOffset(4)), None);
        assert_eq!(
            index.slice(&text, CharOffset(0), CharOffset(chars.len() + 1)),
            None
        );
    }

    #[test]
    fn char_index_maps_bytes_back_to_code_points() {
        let text = "x😀".repeat(100);
        let index = CharIndex::new(&text);
        for cp in [0, 1, 2, 63, 64, 65, 199, 200] {
            let byte = index.byte_of(&text, CharOffset(cp)).expect("in range");
            assert_eq!(index.char_of(&text, byte), Some(CharOffset(cp)));
        }
        assert_eq!(index.char_of(&text, ByteOffset(2)), None, "inside an emoji");
    }

    #[test]
    fn ascii_and_unicode_texts_index_alike() {
        // The ASCII shortcut must answer exactly what the walk answers.
        for text in [
            "plain  text\nof ASCII ".repeat(20),
            "plain é text ".repeat(20),
        ] {
            let index = CharIndex::new(&text);
            assert_eq!(index.char_len(), text.chars().count());
            for cp in (0..=index.char_len()).step_by(7) {
                let byte = index.byte_of(&text, CharOffset(cp));
                assert_eq!(byte, char_to_byte(&text, CharOffset(cp)), "cp {cp}");
                let byte = byte.expect("in range");
                assert_eq!(index.char_of(&text, byte), Some(CharOffset(cp)));
            }
            let past = index.char_len() + 1;
            assert_eq!(index.byte_of(&text, CharOffset(past)), None);
            assert_eq!(index.char_of(&text, ByteOffset(text.len() + 1)), None);
        }
    }

    #[test]
    fn all_ascii_strides_between_others_index_like_the_walk() {
        // Mostly ASCII with a rare accent or emoji, as in news text: the
        // strides without them take the shortcut, the others the walk.
        let text = format!("{}é{}😀", "x".repeat(70), "y".repeat(40)).repeat(5);
        let index = CharIndex::new(&text);
        for cp in 0..=index.char_len() {
            let byte = index.byte_of(&text, CharOffset(cp));
            assert_eq!(byte, char_to_byte(&text, CharOffset(cp)), "cp {cp}");
            let byte = byte.expect("in range");
            assert_eq!(index.char_of(&text, byte), Some(CharOffset(cp)), "cp {cp}");
        }
    }

    #[test]
    fn empty_text_has_only_offset_zero() {
        let index = CharIndex::new("");
        assert_eq!(index.slice("", CharOffset(0), CharOffset(0)), Some(""));
        assert_eq!(index.byte_of("", CharOffset(1)), None);
        assert_eq!(utf16_to_char("", Utf16Offset(3)), CharOffset(0));
    }

    #[test]
    fn utf16_map_agrees_with_the_scan_and_refuses_half_pairs() {
        let map = Utf16Map::new(MIXED);
        assert_eq!(map.len(), 11);
        assert!(map.has_astral());
        for cp in 0..=10 {
            let units = char_to_utf16(MIXED, CharOffset(cp));
            assert_eq!(map.to_char(units), Some(CharOffset(cp)), "cp {cp}");
        }
        assert_eq!(map.to_char(Utf16Offset(2)), None, "inside the emoji");
        assert_eq!(map.to_char(Utf16Offset(12)), None, "past the end");
        let text = "x😀".repeat(50) + "𝔘y";
        let map = Utf16Map::new(&text);
        for cp in 0..=text.chars().count() {
            let units = char_to_utf16(&text, CharOffset(cp));
            assert_eq!(map.to_char(units), Some(CharOffset(cp)), "cp {cp}");
            assert_eq!(utf16_to_char(&text, units), CharOffset(cp));
        }
        assert!(!Utf16Map::new("plain é").has_astral());
        assert!(Utf16Map::new("").is_empty());
    }
}
