//! Myers' bit-parallel approximate matcher (with Hyyrö's blocks for
//! patterns longer than 64 characters): where does a pattern occur in a text
//! with at most k edits (insertions, deletions, substitutions)?
//!
//! One pass over the text costs one step per 64 pattern characters per text
//! character. [`ends`] finds where matches end; [`start_of`] runs the same
//! machine over the reversed pattern and text to find where one begins.

/// A pattern compiled for matching: one bit mask per distinct character.
#[derive(Debug, Clone)]
pub struct Pattern {
    len: usize,
    blocks: usize,
    last_bit: u64,
    /// Row of each ASCII character in `masks` (0: not in the pattern).
    ascii: [u32; 128],
    /// Rows of other characters, sorted by character.
    others: Vec<(char, u32)>,
    /// `blocks` words per row; row 0 is all zeros.
    masks: Vec<u64>,
}

impl Pattern {
    /// Compiles `pattern` (may be empty: it then matches everywhere).
    pub fn new(pattern: &[char]) -> Self {
        let len = pattern.len();
        let blocks = len.div_ceil(64).max(1);
        let last_bit = 1u64 << ((len.max(1) - 1) % 64);
        let mut compiled = Pattern {
            len,
            blocks,
            last_bit,
            ascii: [0; 128],
            others: Vec::new(),
            masks: vec![0; blocks],
        };
        for (i, &c) in pattern.iter().enumerate() {
            let row = compiled.row_or_insert(c);
            if let Some(word) = compiled.masks.get_mut(row * blocks + i / 64) {
                *word |= 1u64 << (i % 64);
            }
        }
        compiled
    }

    fn row(&self, c: char) -> usize {
        if c.is_ascii() {
            self.ascii.get(c as usize).copied().unwrap_or(0) as usize
        } else {
            self.others
                .binary_search_by_key(&c, |&(k, _)| k)
                .ok()
                .and_then(|i| self.others.get(i))
                .map_or(0, |&(_, row)| row as usize)
        }
    }

    fn row_or_insert(&mut self, c: char) -> usize {
        let existing = self.row(c);
        if existing != 0 {
            return existing;
        }
        let row = self.masks.len() / self.blocks;
        let row32 = u32::try_from(row).unwrap_or(0);
        self.masks.extend(std::iter::repeat_n(0, self.blocks));
        if c.is_ascii() {
            if let Some(slot) = self.ascii.get_mut(c as usize) {
                *slot = row32;
            }
        } else {
            let at = self.others.partition_point(|&(k, _)| k < c);
            self.others.insert(at, (c, row32));
        }
        row
    }

    fn masks_of(&self, c: char) -> &[u64] {
        let row = self.row(c);
        self.masks
            .get(row * self.blocks..(row + 1) * self.blocks)
            .unwrap_or(&[])
    }
}

/// The running state of one column of the edit-distance matrix.
struct Columns {
    positive: Vec<u64>,
    negative: Vec<u64>,
    score: usize,
}

impl Columns {
    fn new(pattern: &Pattern) -> Self {
        Columns {
            positive: vec![u64::MAX; pattern.blocks],
            negative: vec![0; pattern.blocks],
            score: pattern.len,
        }
    }

    /// Advances over one text character. `pinned_start` makes row 0 grow
    /// by one per character (the match must start at the first character)
    /// instead of staying 0 (it may start anywhere).
    fn advance(&mut self, pattern: &Pattern, c: char, pinned_start: bool) {
        let masks = pattern.masks_of(c);
        let mut carry: i8 = i8::from(pinned_start);
        let last = pattern.blocks - 1;
        for (b, ((pv, mv), &eq)) in self
            .positive
            .iter_mut()
            .zip(self.negative.iter_mut())
            .zip(masks)
            .enumerate()
        {
            let h_neg = u64::from(carry < 0);
            let h_pos = u64::from(carry > 0);
            let eq = eq | h_neg;
            let xv = eq | *mv;
            let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
            let mut ph = *mv | !(xh | *pv);
            let mut mh = *pv & xh;
            let top = if b == last { pattern.last_bit } else { 1 << 63 };
            carry = i8::from(ph & top != 0) - i8::from(mh & top != 0);
            ph = (ph << 1) | h_pos;
            mh = (mh << 1) | h_neg;
            *pv = mh | !(xv | ph);
            *mv = ph & xv;
        }
        self.score = self.score.saturating_add_signed(isize::from(carry));
    }
}

/// Every end (exclusive index into `text`) of a match of `pattern` with at
/// most `max_errors` edits, with its edit count.
pub fn ends(pattern: &Pattern, text: &[char], max_errors: usize) -> Vec<(usize, usize)> {
    if pattern.len == 0 {
        return Vec::new();
    }
    if pattern.blocks == 1 {
        return ends_in_one_word(pattern, text, max_errors);
    }
    let mut columns = Columns::new(pattern);
    let mut found = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        columns.advance(pattern, c, false);
        if columns.score <= max_errors {
            found.push((j + 1, columns.score));
        }
    }
    found
}

/// [`ends`] for patterns of at most 64 characters: the state lives in
/// registers (the common case: most quotes are short).
fn ends_in_one_word(pattern: &Pattern, text: &[char], max_errors: usize) -> Vec<(usize, usize)> {
    let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, pattern.len);
    let top = pattern.last_bit;
    let mut found = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let eq = pattern.masks_of(c).first().copied().unwrap_or(0);
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let ph = mv | !(xh | pv);
        let mh = pv & xh;
        if ph & top != 0 {
            score += 1;
        } else if mh & top != 0 {
            score = score.saturating_sub(1);
        }
        let ph = ph << 1;
        let mh = mh << 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
        if score <= max_errors {
            found.push((j + 1, score));
        }
    }
    found
}

/// Where a match of the pattern with `errors` edits that ends at `end`
/// starts: the start giving the fewest edits, nearest to `end - len` on a
/// tie. `reversed` is the pattern reversed.
pub fn start_of(reversed: &Pattern, text: &[char], end: usize, max_errors: usize) -> usize {
    let reach = end.saturating_sub(reversed.len + max_errors);
    let Some(before) = text.get(reach..end) else {
        return end.saturating_sub(reversed.len);
    };
    let mut columns = Columns::new(reversed);
    let mut best = (columns.score, reversed.len.abs_diff(0), end);
    for (taken, &c) in before.iter().rev().enumerate() {
        columns.advance(reversed, c, true);
        let length = taken + 1;
        let key = (columns.score, reversed.len.abs_diff(length), end - length);
        if key < best {
            best = key;
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The textbook dynamic programme, for comparison.
    fn naive_best(pattern: &[char], text: &[char]) -> Vec<usize> {
        let m = pattern.len();
        let mut column: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for &t in text {
            let mut diag = column[0];
            column[0] = 0;
            for i in 1..=m {
                let up = column[i];
                let cost = usize::from(pattern[i - 1] != t);
                column[i] = (diag + cost).min(up + 1).min(column[i - 1] + 1);
                diag = up;
            }
            out.push(column[m]);
        }
        out
    }

    #[test]
    fn agrees_with_the_dynamic_programme_on_short_and_long_patterns() {
        let text = chars(&"the quick brown fox jumps over the lazy dog; ".repeat(6));
        for pattern in [
            "quick brwn fox",
            "lazy dgo",
            &"jumps over the lazy dog; the quick brown fox ".repeat(3),
            "zzzz",
            "é😀",
        ] {
            let p = chars(pattern);
            let compiled = Pattern::new(&p);
            let expected = naive_best(&p, &text);
            let all = ends(&compiled, &text, usize::MAX);
            let got: Vec<usize> = all.iter().map(|&(_, e)| e).collect();
            assert_eq!(got, expected, "{pattern}");
        }
    }

    #[test]
    fn finds_the_start_of_an_edited_match() {
        let text = chars("Officials said the convoy left at dawn, witnesses said.");
        let pattern = chars("the convoi left at down");
        let compiled = Pattern::new(&pattern);
        let found = ends(&compiled, &text, 3);
        let &(end, errors) = found.iter().min_by_key(|&&(_, e)| e).unwrap();
        assert_eq!(errors, 2);
        let reversed: Vec<char> = pattern.iter().rev().copied().collect();
        let start = start_of(&Pattern::new(&reversed), &text, end, 3);
        let matched: String = text[start..end].iter().collect();
        assert_eq!(matched, "the convoy left at dawn");
    }
}
