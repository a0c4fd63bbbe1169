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

/// Positions of every [`GRAM`]-character window of a text, by hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GramIndex {
    mask: u32,
    /// `starts[b]..starts[b + 1]` are bucket `b`'s entries in `positions`.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl GramIndex {
    /// Indexes `chars`.
    pub fn new(chars: &[char]) -> Self {
        let windows = chars.len().saturating_sub(GRAM - 1);
        let buckets = windows.next_power_of_two().clamp(1 << 10, 1 << 22);
        let mask = u32::try_from(buckets - 1).unwrap_or(u32::MAX);
        let hashes: Vec<u32> = chars.windows(GRAM).map(|g| hash(g) & mask).collect();
        let mut starts = vec![0u32; buckets + 1];
        for &h in &hashes {
            if let Some(count) = starts.get_mut(h as usize + 1) {
                *count += 1;
            }
        }
        for b in 1..starts.len() {
            let before = starts.get(b - 1).copied().unwrap_or(0);
            if let Some(here) = starts.get_mut(b) {
                *here += before;
            }
        }
        let mut fill = starts.clone();
        let mut positions = vec![0u32; hashes.len()];
        for (position, &h) in hashes.iter().enumerate() {
            if let Some(next) = fill.get_mut(h as usize) {
                if let Some(slot) = positions.get_mut(*next as usize) {
                    *slot = u32::try_from(position).unwrap_or(u32::MAX);
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

    /// Positions whose gram may equal `gram` (exactly [`GRAM`] characters);
    /// empty for any other length.
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

/// FNV-1a over the characters' scalar values, folded with a final mix so
/// that neighbouring grams spread over the buckets.
fn hash(gram: &[char]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &c in gram {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h ^= h >> 15;
    h = h.wrapping_mul(0x2c1b_3c6d);
    h ^ (h >> 12)
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
