//! Browser test (wasm-bindgen-test, headless Chromium, then Firefox): the
//! browser's `Intl.Segmenter`, as the widget registers it, cuts words and
//! graphemes where unicode-segmentation (the native path) does, on the seed
//! article and on the texts of core's snapping and reading-cursor tests
//! (emoji of several code points, combining marks, right-to-left script,
//! numbers, abbreviations, contractions, line breaks).
//!
//! Not compared: Chinese, Japanese, Thai, Khmer, Lao and Myanmar, which the
//! browser cuts into dictionary words and UAX #29 alone into single
//! ideographs or letters: there the widget snaps to whole dictionary words.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use claimmark::components::demo_app::SEED_ARTICLE;
use claimmark_core::text::segment::{pieces, Granularity};
use unicode_segmentation::UnicodeSegmentation;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXTS: &[&str] = &[
    "The Cuban pullback is voluntary.",
    "Le cafe\u{301} 😀 est bon. سلام عليكم",
    "A \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} day, \u{1F1FA}\u{1F1F8} flag, \u{1F44D}\u{1F3FD} ok.",
    "First para ends.\n\nSecond begins here.\r\nThird.",
    "one   two\t three\u{a0}four",
    "U.S. officials don't say; 3.5% of 1,000,000 — “quoted” (maybe) e-mail co-op.",
    "שלום עולם, צה\"ל אמר. מה'ם",
    "Ελληνικά κείμενα, русский текст, Tiếng Việt có dấu.",
    "नमस्ते दुनिया, क्षत्रिय",
    "see https://news.example/a?b=c#d and @desk #tag… end",
    "e\u{301}\u{302} a\u{200D}b 👩🏽‍💻 🏳️‍🌈 1️⃣",
    "e.g. news.example a:b cafe\u{301}.com a.\u{ad}b Ｕ．Ｓ a\u{ff1a}b 中.文 a.1 1.a",
];

fn assert_same(text: &str) {
    let words: Vec<&str> = text.split_word_bounds().collect();
    assert_eq!(pieces(text, Granularity::Word), words, "words of {text:?}");
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    assert_eq!(
        pieces(text, Granularity::Grapheme),
        graphemes,
        "graphemes of {text:?}"
    );
}

#[wasm_bindgen_test]
fn intl_segmenter_cuts_where_unicode_segmentation_does() {
    claimmark::browser::register_platform();
    for text in TEXTS {
        assert_same(text);
    }
    for paragraph in SEED_ARTICLE.split("\n\n") {
        assert_same(paragraph);
    }
    assert!(pieces("", Granularity::Word).is_empty());
}
