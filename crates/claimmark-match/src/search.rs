//! Finding a quote in a document's normalised text, exactly or with a few
//! edits.
//!
//! Exact: the quote's rarest [`GRAM`] in the k-gram index gives the few
//! places worth comparing (quotes shorter than a gram are scanned for).
//! Approximate: a match with at most k edits keeps at least
//! `m − GRAM + 1 − GRAM·k` of the quote's grams on a band of k + 1
//! diagonals (the q-gram lemma), so only text windows whose band collects
//! that many gram hits are searched with Myers' matcher. The filter loses
//! nothing a plain scan with the same budget finds; when the quote is too
//! short for the lemma to say anything, the whole text is scanned.

use std::cell::OnceCell;
use std::fmt;

use crate::grams::{GramIndex, GRAM};
use crate::myers::{self, Pattern};
use crate::normalize::Normalized;

/// Grams of a quote looked up to find its rarest for an exact search.
const EXACT_SAMPLES: usize = 8;

/// A document's text prepared for anchoring: normalised, then indexed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchText {
    /// The normalised text.
    pub normalized: Normalized,
    /// Grams at word starts, built with the text: exact look-ups.
    words: GramIndex,
    /// Grams at every position, built on the first approximate search.
    grams: OnceCell<GramIndex>,
}

/// One place a quote was found, in normalised characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Edits between the quote and this text.
    pub errors: usize,
}

impl SearchText {
    /// Normalises and indexes `text`.
    pub fn new(text: &str) -> Self {
        let normalized = Normalized::new(text);
        let words = GramIndex::word_starts(normalized.chars());
        SearchText {
            normalized,
            words,
            grams: OnceCell::new(),
        }
    }

    fn grams(&self) -> &GramIndex {
        self.grams
            .get_or_init(|| GramIndex::new(self.normalized.chars()))
    }

    /// True when one of the quote's grams occurs in `from..to`.
    pub fn has_gram_in(&self, quote: &[char], from: usize, to: usize) -> bool {
        let text = self.normalized.chars();
        quote.windows(GRAM).any(|gram| {
            let positions = self.grams().candidates(gram);
            let first = positions.partition_point(|&p| (p as usize) < from);
            positions
                .get(first..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&p| (p as usize) < to)
                .any(|&p| text.get(p as usize..p as usize + GRAM) == Some(gram))
        })
    }

    /// Every place `quote` occurs exactly.
    pub fn exact(&self, quote: &[char]) -> Vec<Hit> {
        let text = self.normalized.chars();
        let hit = |start: usize| Hit {
            start,
            end: start + quote.len(),
            errors: 0,
        };
        let Some(first) = quote.first() else {
            return Vec::new();
        };
        if quote.len() < GRAM {
            return (0..text.len())
                .filter(|&i| {
                    text.get(i) == Some(first) && text.get(i..i + quote.len()) == Some(quote)
                })
                .map(hit)
                .collect();
        }
        // The rarest of a few grams spread over the quote narrows the search
        // the most (looking at every gram would cost a cache miss each).
        // Grams at the quote's inner word starts are in the small index;
        // a quote without one needs the full index.
        let windows = quote.len() - GRAM + 1;
        let inner_start = |offset: &usize| *offset > 0 && quote.get(offset - 1) == Some(&' ');
        let inner_starts = (1..windows).filter(inner_start).count();
        let (index, sampled) = if inner_starts == 0 {
            (self.grams(), windows)
        } else {
            (&self.words, inner_starts)
        };
        let step = sampled.div_ceil(EXACT_SAMPLES).max(1);
        let Some((offset, positions)) = (0..windows)
            .filter(|offset| inner_starts == 0 || inner_start(offset))
            .step_by(step)
            .filter_map(|offset| {
                Some((offset, index.candidates(quote.get(offset..offset + GRAM)?)))
            })
            .min_by_key(|(_, positions)| positions.len())
        else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = positions
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(offset))
            .filter(|&start| text.get(start..start + quote.len()) == Some(quote))
            .map(hit)
            .collect();
        hits.sort_unstable_by_key(|h| h.start);
        hits
    }

    /// Places `quote` occurs with at most `max_errors` edits and the fewest
    /// edits locally: at most one hit per stretch of text as long as the
    /// quote.
    pub fn approximate(&self, quote: &[char], max_errors: usize) -> Vec<Hit> {
        let windows = self
            .candidate_windows(quote, max_errors)
            .unwrap_or_else(|| vec![(0, self.normalized.len())]);
        self.search_windows(quote, max_errors, windows)
    }

    /// Like [`SearchText::approximate`], but only in `from..to` (normalised
    /// characters), without the index: for a larger error budget near the
    /// claim's old place.
    pub fn approximate_near(
        &self,
        quote: &[char],
        max_errors: usize,
        from: usize,
        to: usize,
    ) -> Vec<Hit> {
        let to = to.min(self.normalized.len());
        if from >= to {
            return Vec::new();
        }
        self.search_windows(quote, max_errors, vec![(from, to)])
    }

    fn search_windows(
        &self,
        quote: &[char],
        max_errors: usize,
        windows: Vec<(usize, usize)>,
    ) -> Vec<Hit> {
        let pattern = Pattern::new(quote);
        let reversed: Vec<char> = quote.iter().rev().copied().collect();
        let reversed = Pattern::new(&reversed);
        let text = self.normalized.chars();
        let mut hits = Vec::new();
        for (from, to) in windows {
            let Some(window) = text.get(from..to) else {
                continue;
            };
            let ends = myers::ends(&pattern, window, max_errors);
            for (end, errors) in local_minima(&ends, quote.len()) {
                let end = from + end;
                let start = myers::start_of(&reversed, text, end, max_errors);
                hits.push(Hit { start, end, errors });
            }
        }
        hits.sort_unstable_by_key(|h| (h.start, h.end));
        hits.dedup_by_key(|h| (h.start, h.end));
        hits
    }

    /// Text windows that may hold a match, merged; `None` when the lemma
    /// cannot filter (then the whole text must be scanned).
    fn candidate_windows(&self, quote: &[char], max_errors: usize) -> Option<Vec<(usize, usize)>> {
        let grams = quote.len().checked_sub(GRAM - 1)?;
        let threshold = grams.checked_sub(GRAM * max_errors).filter(|&t| t > 0)?;
        let text = self.normalized.chars();
        // Leaving a gram out lowers the threshold by one and loses nothing:
        // the most crowded grams are left out while half the threshold stays.
        let mut lists: Vec<(usize, &[u32])> = quote
            .windows(GRAM)
            .map(|gram| self.grams().candidates(gram))
            .enumerate()
            .collect();
        lists.sort_unstable_by_key(|(_, positions)| positions.len());
        let skipped = threshold / 2;
        let threshold = threshold - skipped;
        lists.truncate(lists.len() - skipped);
        let mut diagonals: Vec<i64> = Vec::with_capacity(lists.iter().map(|(_, l)| l.len()).sum());
        for (offset, positions) in lists {
            let Some(gram) = quote.get(offset..offset + GRAM) else {
                continue;
            };
            for &p in positions {
                let p = p as usize;
                if text.get(p..p + GRAM) == Some(gram) {
                    diagonals.push(p as i64 - offset as i64);
                }
            }
        }
        diagonals.sort_unstable();
        let band = max_errors as i64;
        let slack = max_errors as i64;
        let len = text.len() as i64;
        let m = quote.len() as i64;
        let mut windows: Vec<(usize, usize)> = Vec::new();
        let mut low = 0;
        for (high, &d) in diagonals.iter().enumerate() {
            while diagonals.get(low).is_some_and(|&l| l < d - band) {
                low += 1;
            }
            if high + 1 - low < threshold {
                continue;
            }
            let first = diagonals.get(low).copied().unwrap_or(d);
            let from = (first - slack).clamp(0, len) as usize;
            let to = (d + m + 2 * slack).clamp(0, len) as usize;
            match windows.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => windows.push((from, to)),
            }
        }
        Some(windows)
    }
}

/// A document's [`SearchText`], built on first use and kept with it.
#[derive(Clone, Default)]
pub struct SearchCache(OnceCell<SearchText>);

impl SearchCache {
    /// The search text of `text`, which must be the owner's text.
    pub fn get_or_build(&self, text: &str) -> &SearchText {
        self.0.get_or_init(|| SearchText::new(text))
    }
}

/// Derived from the owner's text, so two caches never make owners differ.
impl PartialEq for SearchCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SearchCache {}

impl fmt::Debug for SearchCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "SearchCache(built)"
        } else {
            "SearchCache(empty)"
        })
    }
}

/// Of all ends with few enough edits, those with the fewest edits in their
/// neighbourhood (`len` characters either side), earliest first on a tie.
fn local_minima(ends: &[(usize, usize)], len: usize) -> Vec<(usize, usize)> {
    let mut by_quality: Vec<(usize, usize)> = ends.to_vec();
    by_quality.sort_unstable_by_key(|&(end, errors)| (errors, end));
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for (end, errors) in by_quality {
        if picked.iter().all(|&(p, _)| p.abs_diff(end) > len / 2) {
            picked.push((end, errors));
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn exact_finds_every_occurrence_short_or_long() {
        let text = SearchText::new("Officials said yes. Officials said  no.\nOfficials  said yes.");
        let starts =
            |q: &str| -> Vec<usize> { text.exact(&chars(q)).iter().map(|h| h.start).collect() };
        // Hits count normalised characters: the double spaces fold.
        assert_eq!(starts("Officials said yes."), vec![0, 39]);
        assert_eq!(starts("yes"), vec![15, 54]);
        assert_eq!(starts("said no"), vec![30]);
        assert_eq!(starts("maybe"), Vec::<usize>::new());
        assert_eq!(starts(""), Vec::<usize>::new());
    }

    #[test]
    fn approximate_matches_what_a_full_scan_finds() {
        let body =
            "The ministry said on Tuesday that the convoy carrying aid had crossed the border \
                    before dawn, according to two officials who asked not to be named. ";
        let filler = "Markets were calm and trading was thin across the region all week long. ";
        let text = format!(
            "{}{body}{}{}",
            filler.repeat(20),
            filler.repeat(15),
            body.replace("Tuesday", "Wednesday")
        );
        let search = SearchText::new(&text);
        let quote = chars("the convoy carying aid had crossed the border befre dawn");
        let filtered = search.approximate(&quote, 8);
        assert!(search.candidate_windows(&quote, 8).is_some());
        // The same search without the filter.
        let pattern = Pattern::new(&quote);
        let scan = local_minima(
            &myers::ends(&pattern, search.normalized.chars(), 8),
            quote.len(),
        );
        let filtered_ends: Vec<(usize, usize)> =
            filtered.iter().map(|h| (h.end, h.errors)).collect();
        let mut scan_sorted = scan.clone();
        scan_sorted.sort_unstable();
        assert_eq!(filtered_ends, scan_sorted);
        assert_eq!(filtered.len(), 2);
        for hit in &filtered {
            assert_eq!(hit.errors, 2);
            let found: String = search.normalized.chars()[hit.start..hit.end]
                .iter()
                .collect();
            assert_eq!(
                found,
                "the convoy carrying aid had crossed the border before dawn"
            );
        }
    }
}
