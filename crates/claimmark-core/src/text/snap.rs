//! Snapping a raw selection outward to whole words.
//!
//! A person's drag rarely starts and ends exactly on word edges; a claim
//! should. [`snap_to_words`] grows each edge that falls inside a word to
//! that word's boundary (Unicode word boundaries, UAX #29, from
//! [`crate::text::segment`]: unicode-segmentation natively, the browser's
//! `Intl.Segmenter` in the widget, so combining marks and scripts without
//! spaces are never cut), and each edge inside an emoji of several code
//! points (a ZWJ family, a flag, a skin tone) to the emoji's edge, then trims
//! surrounding whitespace. It never shrinks into a word and it never
//! crosses more than the word or emoji at each edge.

use crate::text::segment::{self, Granularity};

use crate::text::document::Document;
use crate::text::offsets::CharOffset;
use crate::text::span::Span;

/// How far around the selection to look for word boundaries, in code
/// points. A word longer than this is cut at the window's edge.
const WINDOW: usize = 256;

/// One word-boundary piece of the window, in document code points.
struct Piece {
    start: usize,
    end: usize,
    is_space: bool,
}

/// Grows `span` to whole words and trims whitespace; `None` when nothing
/// but whitespace is left or the span lies outside the text.
pub fn snap_to_words(document: &Document, span: Span) -> Option<Span> {
    let len = document.char_len();
    let span = Span::new(span.start().min(len), span.end().min(len));
    let window_start = span.start().saturating_sub(WINDOW);
    let window_end = (span.end() + WINDOW).min(len);
    let window = document.slice(Span::new(window_start, window_end))?;
    let pieces = pieces_of(window, window_start);

    // An edge inside a piece of several code points that is not spaces is
    // inside a word or a grapheme (word boundaries never cut one): grow it.
    let mut start = span.start();
    let mut end = span.end();
    if let Some(piece) = pieces.iter().find(|p| p.start < start && start < p.end) {
        if !piece.is_space {
            start = piece.start;
        }
    }
    if let Some(piece) = pieces.iter().find(|p| p.start < end && end < p.end) {
        if !piece.is_space {
            end = piece.end;
        }
    }
    // Trim whole whitespace pieces, and whitespace inside a partly selected
    // space run, at both ends.
    for piece in &pieces {
        if piece.is_space && piece.start <= start && start < piece.end && start < end {
            start = piece.end.min(end);
        }
    }
    for piece in pieces.iter().rev() {
        if piece.is_space && piece.start < end && end <= piece.end && start < end {
            end = piece.start.max(start);
        }
    }
    (start < end).then(|| Span::new(start, end))
}

fn pieces_of(window: &str, offset: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut cursor = CharOffset(offset);
    for piece in segment::pieces(window, Granularity::Word) {
        let count = piece.chars().count();
        pieces.push(Piece {
            start: cursor.0,
            end: cursor.0 + count,
            is_space: piece.chars().all(char::is_whitespace),
        });
        cursor.0 += count;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(text: &str, start: usize, end: usize) -> Option<String> {
        let doc = Document::from_plain_text(text, None);
        snap_to_words(&doc, Span::new(start, end)).and_then(|s| doc.slice(s).map(str::to_owned))
    }

    #[test]
    fn edges_inside_words_grow_to_the_whole_word() {
        let text = "The Cuban pullback is voluntary.";
        let table = [
            ((5, 12), Some("Cuban pullback")),                    // "uban pul"
            ((4, 9), Some("Cuban")),                              // exact word
            ((3, 10), Some("Cuban")),                             // spaces trimmed
            ((22, 32), Some("voluntary.")),                       // punctuation kept when chosen
            ((22, 26), Some("voluntary")),                        // inside the word
            ((3, 4), None),                                       // a lone space
            ((0, 999), Some("The Cuban pullback is voluntary.")), // clamped
        ];
        for ((start, end), expected) in table {
            assert_eq!(
                snap(text, start, end).as_deref(),
                expected,
                "[{start}, {end})"
            );
        }
    }

    #[test]
    fn snapping_respects_emoji_combining_marks_and_rtl_words() {
        // "café" written with a combining acute: e + U+0301.
        let text = "Le cafe\u{301} 😀 est bon. سلام عليكم";
        assert_eq!(snap(text, 4, 5).as_deref(), Some("cafe\u{301}"));
        assert_eq!(snap(text, 9, 10).as_deref(), Some("😀"));
        // Inside the first Arabic word, across to the second.
        let arabic_start = text.chars().position(|c| c == 'س').expect("present");
        assert_eq!(
            snap(text, arabic_start + 1, arabic_start + 7).as_deref(),
            Some("سلام عليكم")
        );
    }

    #[test]
    fn edges_inside_an_emoji_of_several_code_points_grow_to_the_whole_emoji() {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"; // 5 code points
        let flag = "\u{1F1FA}\u{1F1F8}"; // 2 regional indicators
        let thumb = "\u{1F44D}\u{1F3FD}"; // thumbs up, medium skin tone
        let text = format!("A {family} day, {flag} flag, {thumb} ok.");
        let at = |needle: &str| {
            let byte = text.find(needle).expect("present");
            text.get(..byte).expect("a char boundary").chars().count()
        };
        let (f, g, t) = (at(family), at(flag), at(thumb));
        // From inside the family (after "woman, ZWJ") to inside "day".
        assert_eq!(
            snap(&text, f + 2, f + 7).as_deref(),
            Some(format!("{family} day").as_str())
        );
        // Ending between the two regional indicators, or before the skin tone.
        assert_eq!(
            snap(&text, g - 2, g + 1).as_deref(),
            Some(format!(", {flag}").as_str())
        );
        assert_eq!(
            snap(&text, t + 1, t + 5).as_deref(),
            Some(format!("{thumb} ok").as_str())
        );
        assert_eq!(snap(&text, t, t + 1).as_deref(), Some(thumb));
        // Whitespace runs are still trimmed, not grown into.
        assert_eq!(snap("one   two", 4, 9).as_deref(), Some("two"));
    }

    #[test]
    fn selections_across_paragraphs_keep_their_paragraph_break() {
        let text = "First para ends.\n\nSecond begins here.";
        assert_eq!(snap(text, 12, 24).as_deref(), Some("ends.\n\nSecond"));
    }
}
