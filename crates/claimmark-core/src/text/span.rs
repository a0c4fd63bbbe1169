//! [`Span`]: a half-open range `[start, end)` of code points in a document.
//!
//! Spans are what anchoring produces and what segments and the UI consume.
//! They carry no text; slice a document with [`crate::Document::slice`].

use serde::{Deserialize, Serialize};

use crate::text::offsets::CharOffset;

/// A half-open range of code points, `start <= end` by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    start: CharOffset,
    end: CharOffset,
}

impl Span {
    /// A span from two offsets in either order.
    pub fn new(a: usize, b: usize) -> Self {
        Self {
            start: CharOffset(a.min(b)),
            end: CharOffset(a.max(b)),
        }
    }

    /// First code point.
    pub fn start(self) -> usize {
        self.start.0
    }

    /// One past the last code point.
    pub fn end(self) -> usize {
        self.end.0
    }

    /// Number of code points covered.
    pub fn len(self) -> usize {
        self.end.0 - self.start.0
    }

    /// True when nothing is covered.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one code point (an empty
    /// span shares none).
    pub fn overlaps(self, other: Span) -> bool {
        self.start.max(other.start) < self.end.min(other.end)
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The part of `self` inside `other`, if any code point is shared.
    pub fn intersect(self, other: Span) -> Option<Span> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Span { start, end })
    }
}

/// The pieces between consecutive cut points (any order, duplicates
/// allowed): how segments and suggestions split a block's text.
pub fn pieces_between(mut cuts: Vec<usize>) -> Vec<Span> {
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|pair| match pair {
            [from, to] => Some(Span::new(*from, *to)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_order_their_ends_and_compare_as_half_open() {
        let table = [
            // (a, b, other, overlaps, intersection)
            ((2, 5), (5, 8), false, None),
            ((5, 2), (4, 8), true, Some((4, 5))),
            ((0, 10), (3, 4), true, Some((3, 4))),
            ((3, 3), (0, 10), false, None),
        ];
        for ((a, b), (c, d), overlaps, inter) in table {
            let (x, y) = (Span::new(a, b), Span::new(c, d));
            assert_eq!(x.overlaps(y), overlaps, "{x:?} {y:?}");
            assert_eq!(x.intersect(y), inter.map(|(s, e)| Span::new(s, e)));
        }
        assert_eq!(Span::new(5, 2).start(), 2);
        assert!(Span::new(0, 10).contains(Span::new(3, 4)));
        assert!(!Span::new(3, 4).contains(Span::new(0, 10)));
    }
}
