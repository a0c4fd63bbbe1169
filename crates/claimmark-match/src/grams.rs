//! A k-gram index over normalised text, built once per document.
//!
//! Every position's [`GRAM`] characters are hashed into one of a power of
//! two of buckets; the positions of a bucket are stored contiguously
//! (compressed sparse rows), so building is two passes over the text and a
//! look-up is one slice. Buckets can mix grams that share a hash: callers
//! verify what they find, which keeps the index small and exact look-ups
//! exact.

/// Characters per indexed gram.
pub const GRAM: usize = 6;

/// Fewest and most bits of a bucket number: a table of at most 256 KB
/// (stays in cache while it is filled), about 16 positions a bucket.
const MIN_BUCKET_BITS: u32 = 10;
const MAX_BUCKET_BITS: u32 = 16;

/// Positions of every [`GRAM`]-character window of a text, by hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GramIndex {
    mask: u32,
    /// `starts[b]..starts[b + 1]` are bucket `b`'s entries in `positions`.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl GramIndex {
    /// Indexes every position of `chars`.
    pub fn new(chars: &[char]) -> Self {
        Self::build(chars, false)
    }

    /// Indexes only positions right after a space: the starts of words.
    /// A sixth of the size, quick to build, enough for exact look-ups.
    pub fn word_starts(chars: &[char]) -> Self {
        Self::build(chars, true)
    }

    fn build(chars: &[char], word_starts: bool) -> Self {
        let windows = chars.len().saturating_sub(GRAM - 1);
        let expected = if word_starts { windows / 6 } else { windows };
        let bits = (expected / 16)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(MIN_BUCKET_BITS, MAX_BUCKET_BITS);
        let buckets = 1usize << bits;
        let mask = u32::try_from(buckets - 1).unwrap_or(u32::MAX);
        // Counting sort with a bucket table small enough to stay in cache;
        // positions come out ascending within each bucket.
        // One plain loop (no iterator adapters: the size-optimised build
        // would call them per character): roll the key through every
        // character, keep the windows that start a word when asked to.
        let keep = (1u64 << (BITS * GRAM as u32)) - 1;
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(expected);
        let mut key = 0u64;
        let mut before_window = ' ';
        let mut position = 0u32;
        for (i, &c) in chars.iter().enumerate() {
            key = ((key << BITS) | (c as u64 & LOW_BITS)) & keep;
            if i + 1 < GRAM {
                continue;
            }
            if !word_starts || (position > 0 && before_window == ' ') {
                entries.push((spread(key) & mask, position));
            }
            before_window = chars.get(position as usize).copied().unwrap_or(' ');
            position += 1;
        }
        let mut starts = vec![0u32; buckets + 1];
        for &(h, _) in &entries {
            if let Some(count) = starts.get_mut(h as usize + 1) {
                *count += 1;
            }
        }
        let mut total = 0;
        for slot in starts.iter_mut() {
            total += *slot;
            *slot = total;
        }
        let mut fill: Vec<u32> = starts.clone();
        let mut positions = vec![0u32; entries.len()];
        for &(h, position) in &entries {
            if let Some(next) = fill.get_mut(h as usize) {
                if let Some(slot) = positions.get_mut(*next as usize) {
                    *slot = position;
                }
                *next += 1;
            }
        }
        GramIndex {
            mask,
            starts,
            positions,
        }
    }

    /// Positions whose gram may equal `gram` (exactly [`GRAM`] characters),
    /// ascending; empty for any other length.
    pub fn candidates(&self, gram: &[char]) -> &[u32] {
        if gram.len() != GRAM {
            return &[];
        }
        let bucket = (hash(gram) & self.mask) as usize;
        let start = self.starts.get(bucket).copied().unwrap_or(0) as usize;
        let end = self.starts.get(bucket + 1).copied().unwrap_or(0) as usize;
        self.positions.get(start..end).unwrap_or(&[])
    }
}

/// Bits of each character kept in a gram's key (characters that differ
/// only above them share a key; look-ups verify).
const BITS: u32 = 10;
const LOW_BITS: u64 = (1 << BITS) - 1;

/// The key of a gram: its characters' low bits packed into one word.
fn key(gram: &[char]) -> u64 {
    gram.iter()
        .fold(0, |key, &c| (key << BITS) | (c as u64 & LOW_BITS))
}

/// Spreads a key over 32 bits (Fibonacci hashing).
fn spread(key: u64) -> u32 {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
}

fn hash(gram: &[char]) -> u32 {
    spread(key(gram))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn every_window_is_found_under_its_own_gram() {
        let chars: Vec<char> = "the cat sat on the mat; the cat 😀 sat".chars().collect();
        let index = GramIndex::new(&chars);
        for (position, gram) in chars.windows(GRAM).enumerate() {
            let found = index.candidates(gram);
            assert!(found.contains(&(position as u32)), "{position}");
            for &p in found {
                // Buckets may mix grams, but never lose one.
                assert!(p as usize + GRAM <= chars.len());
            }
        }
        let the_cat: Vec<char> = "the ca".chars().collect();
        let exact: Vec<u32> = index
            .candidates(&the_cat)
            .iter()
            .copied()
            .filter(|&p| chars[p as usize..p as usize + GRAM] == the_cat[..])
            .collect();
        assert_eq!(exact, vec![0, 24]);
    }

    #[test]
    fn short_texts_and_wrong_lengths_find_nothing() {
        let index = GramIndex::new(&['a', 'b']);
        assert!(index.candidates(&['a', 'b']).is_empty());
        assert!(GramIndex::new(&[]).candidates(&['x'; GRAM]).is_empty());
    }
}
