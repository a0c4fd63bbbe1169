//! Links to a claim inside the published page: URL text fragments,
//! `URL#:~:text=[prefix-,]start[,end][,-suffix]`.
//!
//! - A short quote (up to [`SHORT_QUOTE_WORDS`] words) is given whole; a
//!   longer one as its first and last [`EDGE_WORDS`] words (`start,end`),
//!   which keeps links short and survives small edits in the middle.
//! - When the page's text is known and the quote occurs in it more than
//!   once, the word just before (`prefix-`) and just after (`-suffix`),
//!   taken from the quote's context, tell the occurrences apart.
//! - Each part is percent-encoded as UTF-8; only ASCII letters, digits and
//!   `.` `_` `~` stay as they are, so `-`, `,` and `&` (the directive's own
//!   syntax) are always encoded. Runs of whitespace become one space.
//! - Any fragment the URL already has is replaced.

use std::fmt::Write as _;

use crate::model::annotation::TextQuoteSelector;

/// Quotes of at most this many words are linked whole.
pub const SHORT_QUOTE_WORDS: usize = 10;

/// Words kept at each end of a longer quote.
pub const EDGE_WORDS: usize = 3;

/// Percent-encodes one part of a text directive.
pub fn encode_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The `text=` directive's value for a quote (already encoded).
pub fn text_directive(quote: &TextQuoteSelector, document_text: Option<&str>) -> String {
    let words: Vec<&str> = quote.exact.split_whitespace().collect();
    let mut parts: Vec<String> = Vec::new();
    let ambiguous = document_text.is_some_and(|text| occurrences(text, &quote.exact) > 1);
    if ambiguous {
        if let Some(word) = last_word(&quote.prefix) {
            parts.push(format!("{}-", encode_part(word)));
        }
    }
    if words.len() <= SHORT_QUOTE_WORDS {
        parts.push(encode_part(&words.join(" ")));
    } else {
        let start = words.iter().take(EDGE_WORDS).copied().collect::<Vec<_>>();
        let end = words
            .iter()
            .skip(words.len().saturating_sub(EDGE_WORDS))
            .copied()
            .collect::<Vec<_>>();
        parts.push(encode_part(&start.join(" ")));
        parts.push(encode_part(&end.join(" ")));
    }
    if ambiguous {
        if let Some(word) = quote.suffix.split_whitespace().next() {
            parts.push(format!("-{}", encode_part(word)));
        }
    }
    parts.join(",")
}

/// `page_url` with its fragment replaced by a text fragment for `quote`.
/// `document_text`, when given, is the page's text, used to tell repeated
/// quotes apart.
pub fn text_fragment_link(
    page_url: &str,
    quote: &TextQuoteSelector,
    document_text: Option<&str>,
) -> String {
    let base = page_url.split('#').next().unwrap_or_default();
    format!("{base}#:~:text={}", text_directive(quote, document_text))
}

fn last_word(text: &str) -> Option<&str> {
    text.split_whitespace().next_back()
}

/// How many times `needle` occurs in `haystack` (overlaps included).
fn occurrences(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut rest = haystack;
    while let Some(found) = rest.find(needle) {
        count += 1;
        // Step one character past the match's start, so overlaps count.
        let step = rest
            .get(found..)
            .and_then(|tail| tail.chars().next())
            .map_or(1, char::len_utf8);
        rest = rest.get(found + step..).unwrap_or_default();
        if count > 1 {
            break;
        }
    }
    count
}
