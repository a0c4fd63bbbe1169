//! The importer on arbitrary bytes: `parse_import` (with and without a
//! document) and `decode_share_link` must never panic, and whatever they
//! accept must survive export → import → export byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

use claimmark_core::text::document::Document;
use claimmark_core::interchange::{decode_share_link, export_collection, parse_import};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::from_plain_text(
        "date 2026-02-25 Hundreds of Cuban security personnel 😀 have begun departing.",
        None,
    );
    let _ = parse_import(input, Some(&doc));
    let _ = decode_share_link(input, Some(&doc));
    if let Ok(parsed) = parse_import(input, None) {
        // Duplicate-free by construction, so the canonical export is stable.
        let first = export_collection("urn:claimmark:doc:fuzz", &parsed.annotations);
        let again = parse_import(&first, None).expect("own export parses");
        assert!(
            again.rejected.is_empty(),
            "own export refused: {:?}",
            again.rejected
        );
        let second = export_collection("urn:claimmark:doc:fuzz", &again.annotations);
        assert_eq!(first, second);
    }
});
