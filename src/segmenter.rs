//! Word and grapheme boundaries by the browser's `Intl.Segmenter`, which
//! [`crate::browser::register_platform`] hands to core's
//! `text::segment` seam so that no Unicode segmentation tables travel in
//! the bundle (the native path keeps the unicode-segmentation crate).
//!
//! The browser cuts in the root locale, so the cut does not depend on the
//! reader's language, and counts in UTF-16 units; this module turns its
//! pieces into byte offsets. Chromium's word rules (tailored for selecting
//! by double-click) also break between letters around a full stop or a
//! colon, where Unicode's (UAX #29, WB6 and WB7) do not: "U.S", "e.g",
//! "news.example", "a:b". Those breaks are taken out again, so snapping
//! and the reading cursor see the same words in every browser and natively.
//!
//! Not here: which pieces count as words (core's snapping and reading
//! cursor decide).

use claimmark_core::text::segment::Granularity;
use js_sys::Intl::{SegmentData, Segmenter, SegmenterGranularity, SegmenterOptions};
use wasm_bindgen::{JsCast, JsValue};

/// Whether the browser has `Intl.Segmenter` (not before Firefox 125); core
/// falls back on a rough cut without it.
pub fn available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl"))
        .ok()
        .filter(JsValue::is_object)
        .is_some_and(|intl| {
            js_sys::Reflect::has(&intl, &JsValue::from_str("Segmenter")).unwrap_or(false)
        })
}

thread_local! {
    /// One segmenter per granularity, made on first use.
    static SEGMENTERS: [Segmenter; 2] = [SegmenterGranularity::Grapheme, SegmenterGranularity::Word]
        .map(|granularity| {
            let options = SegmenterOptions::new();
            options.set_granularity(granularity);
            Segmenter::new(&js_sys::Array::of1(&JsValue::from_str("und")), &options)
        });
}

/// The byte offsets where the pieces of `text` end, as core's
/// `segment::Segmenter` wants them.
pub fn browser_segments(text: &str, granularity: Granularity) -> Vec<usize> {
    let which = match granularity {
        Granularity::Grapheme => 0,
        Granularity::Word => 1,
    };
    let Some(starts) = SEGMENTERS.with(|segmenters| {
        segmenters
            .get(which)
            .map(|segmenter| js_sys::Array::from(&segmenter.segment(text)))
    }) else {
        return vec![text.len()];
    };
    // Each piece after the first starts where the one before it ends.
    let mut ends = Vec::with_capacity(starts.length() as usize);
    let mut chars = text.chars();
    let (mut units, mut bytes) = (0u32, 0usize);
    for i in 1..starts.length() {
        let start = starts.get(i).unchecked_into::<SegmentData>().index();
        while units < start {
            let Some(c) = chars.next() else { break };
            units += u32::try_from(c.len_utf16()).unwrap_or(2);
            bytes += c.len_utf8();
        }
        ends.push(bytes);
    }
    ends.push(text.len());
    match granularity {
        Granularity::Grapheme => ends,
        Granularity::Word => ends
            .into_iter()
            .filter(|&end| !between_letters_around_a_stop(text, end))
            .collect(),
    }
}

/// The full stops and colons Chromium breaks around between letters.
const STOPS: [char; 5] = ['.', ':', '\u{fe55}', '\u{ff1a}', '\u{ff0e}'];

/// Whether `at` lies just before or just after a stop that has letters on
/// both sides (marks and format characters after a letter or a stop count
/// with it), where UAX #29 does not break.
fn between_letters_around_a_stop(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    let Some((rest, last)) = last_base(before) else {
        return false;
    };
    let mut next = after.chars();
    match next.next() {
        // letter | stop letter
        Some(stop) if STOPS.contains(&stop) => {
            is_letter(last) && next.find(|&c| !is_mark(c)).is_some_and(is_letter)
        }
        // letter stop | letter
        Some(first) if STOPS.contains(&last) && is_letter(first) => {
            last_base(rest).is_some_and(|(_, letter)| is_letter(letter))
        }
        _ => false,
    }
}

/// The last character of `text` that is not a mark, and what comes before
/// it.
fn last_base(text: &str) -> Option<(&str, char)> {
    let (at, c) = text.char_indices().rev().find(|&(_, c)| !is_mark(c))?;
    Some((text.get(..at)?, c))
}

/// A letter as UAX #29 counts them for WB6 and WB7 (ALetter, Hebrew
/// letters): alphabetic, but not Han, kana, or the scripts written without
/// spaces (Thai, Lao, Myanmar, Khmer), which have rules of their own.
fn is_letter(c: char) -> bool {
    c.is_alphabetic()
        && !matches!(c,
            '\u{e00}'..='\u{eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}'
            | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
            | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3ffff}')
}

/// The common marks and format characters that stay with what they follow
/// (combining diacritics, the soft hyphen, joiners, variation selectors).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}' | '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{20d0}'..='\u{20ff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_between_letters_around_a_stop_are_taken_out() {
        let table: &[(&str, usize, bool)] = &[
            ("U.S.", 1, true),
            ("U.S.", 2, true),
            ("U.S.", 3, false),
            ("a:b", 1, true),
            ("cafe\u{301}.com", 6, true),
            ("cafe\u{301}.com", 7, true),
            ("a.\u{ad}b", 1, true),
            ("a.\u{ad}b", 4, true),
            ("3.5", 1, false),
            ("a.1", 1, false),
            ("a. b", 1, false),
            ("中.文", 3, false),
            ("a,b", 1, false),
        ];
        for &(text, at, expected) in table {
            assert_eq!(
                between_letters_around_a_stop(text, at),
                expected,
                "{text:?} at {at}"
            );
        }
    }
}
