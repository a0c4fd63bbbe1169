//! Anchoring on arbitrary document text and targets: `anchor` must never
//! panic and must only place spans inside the text; a span `describe`d
//! from the text must anchor back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

use claimmark_core::model::anchor::{anchor, describe};
use claimmark_core::model::annotation::{Target, TextPositionSelector, TextQuoteSelector};
use claimmark_core::text::document::Document;
use claimmark_core::text::span::Span;

fuzz_target!(|input: (String, String, String, String, usize, usize)| {
    let (text, exact, prefix, suffix, start, end) = input;
    let doc = Document::from_plain_text(&text, None);
    let target = Target {
        quote: TextQuoteSelector {
            exact,
            prefix,
            suffix,
        },
        position: TextPositionSelector { start, end },
    };
    if let Some(span) = anchor(&doc, &target).span() {
        assert!(span.end() <= doc.char_len(), "placed past the end");
    }
    let len = doc.char_len();
    if len > 0 {
        let span = Span::new(start % (len + 1), end % (len + 1));
        if let Some(described) = describe(&doc, span) {
            assert_eq!(anchor(&doc, &described).span(), Some(span));
        }
    }
});
