//! How well a place in the text fits a quote selector: a weighted mean of
//! the quote's, the prefix's and the suffix's similarity and of nearness to
//! the old position, from 0 to 1.
//!
//! The weights are Hypothesis's (quote 50, prefix 20, suffix 20, position
//! 2), so the context decides between equal quotes and the position only
//! between equal contexts.

use crate::normalize::Normalized;

/// Weight of the quote's own similarity.
pub const QUOTE_WEIGHT: f64 = 50.0;
/// Weight of the prefix's similarity.
pub const PREFIX_WEIGHT: f64 = 20.0;
/// Weight of the suffix's similarity.
pub const SUFFIX_WEIGHT: f64 = 20.0;
/// Weight of nearness to the old position.
pub const POSITION_WEIGHT: f64 = 2.0;

/// The selector's parts, normalised, that a place is compared with.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
    /// The quote's length in normalised characters.
    pub quote_len: usize,
    /// The normalised prefix.
    pub prefix: &'a [char],
    /// The normalised suffix.
    pub suffix: &'a [char],
    /// The old start, in displayed code points.
    pub position: usize,
    /// The document's length in displayed code points.
    pub text_len: usize,
}

/// How well a place fits: with and without nearness to the old position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Quote, prefix and suffix, weighted, 0..=1: what the text says.
    pub evidence: f64,
    /// All four, weighted, 0..=1.
    pub total: f64,
}

/// A place's similarity to the selector.
pub fn score(
    text: &Normalized,
    expected: &Expected<'_>,
    start: usize,
    end: usize,
    errors: usize,
    displayed_start: usize,
) -> Fit {
    let chars = text.chars();
    let quote = 1.0 - ratio(errors, expected.quote_len.max(1));
    let before = chars
        .get(start.saturating_sub(expected.prefix.len())..start)
        .unwrap_or(&[]);
    let after = chars
        .get(end..(end + expected.suffix.len()).min(chars.len()))
        .unwrap_or(&[]);
    let prefix = similarity(expected.prefix, before);
    let suffix = similarity(expected.suffix, after);
    let distance = displayed_start.abs_diff(expected.position);
    let position = 1.0 - ratio(distance, expected.text_len.max(1)).min(1.0);
    let textual = QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix;
    let textual_weights = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT;
    Fit {
        evidence: textual / textual_weights,
        total: (textual + POSITION_WEIGHT * position) / (textual_weights + POSITION_WEIGHT),
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

/// 1 − edit distance / the expected length; an expected empty context
/// matches an empty one fully and any other half.
fn similarity(expected: &[char], found: &[char]) -> f64 {
    if expected.is_empty() {
        return if found.is_empty() { 1.0 } else { 0.5 };
    }
    (1.0 - ratio(levenshtein(expected, found), expected.len())).max(0.0)
}

/// Edit distance by the textbook dynamic programme (contexts are short).
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (cell, &cb) in row.iter_mut().skip(1).zip(b) {
            let up = *cell;
            let next = (diagonal + usize::from(ca != cb)).min(up + 1).min(left + 1);
            diagonal = up;
            *cell = next;
            left = next;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("abc"), &chars("abc")), 0);
    }

    #[test]
    fn context_outweighs_position_and_quote_outweighs_context() {
        let text = Normalized::new("one said yes. two said yes.");
        let prefix = chars("two said ");
        let suffix = chars(".");
        let expected = Expected {
            quote_len: 3,
            prefix: &prefix,
            suffix: &suffix,
            position: 9,
            text_len: 27,
        };
        let near_wrong = score(&text, &expected, 9, 12, 0, 9).total;
        let far_right = score(&text, &expected, 23, 26, 0, 23).total;
        assert!(far_right > near_wrong, "{far_right} > {near_wrong}");
        let edited_right = score(&text, &expected, 23, 26, 1, 23).total;
        assert!(far_right > edited_right);
        assert!((far_right - (90.0 + 2.0 * (1.0 - 14.0 / 27.0)) / 92.0).abs() < 1e-9);
    }
}
