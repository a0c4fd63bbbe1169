//! Words and punctuation of a sentence, with byte offsets into it.
//!
//! Owns the one tokenisation the lexicon's phrases and the sentences are
//! both cut with, so that a phrase written in the data file matches the same
//! way it reads. A word is a run of letters and digits, joined by an inner
//! `'`, `’`, `-` or `.` ("peer-reviewed", "u.s", "don't"); any other
//! non-space character is a token of its own. Words are lowercased and `’`
//! becomes `'`; a token already in that form borrows the text instead of
//! allocating (most words in running text). It knows nothing of what the
//! words mean.

use std::borrow::Cow;

/// One token: where it is (bytes, half-open) and its normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'t> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A word (letters and digits), not punctuation.
    pub word: bool,
    /// Lowercased text, `’` as `'`.
    pub norm: Cow<'t, str>,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.')
}

fn push_normalised(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if c == '’' {
        out.push('\'');
    } else {
        for lower in c.to_lowercase() {
            out.push(lower);
        }
    }
}

/// `text[start..end]` normalised, borrowed when it already is.
fn normalised(text: &str, start: usize, end: usize) -> Cow<'_, str> {
    let raw = text.get(start..end).unwrap_or_default();
    if raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(raw)
    } else {
        let mut owned = String::with_capacity(raw.len());
        for c in raw.chars() {
            push_normalised(&mut owned, c);
        }
        Cow::Owned(owned)
    }
}

/// The character at byte `at` of `text` (a character boundary) and its
/// length; ASCII without decoding.
pub(crate) fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some((char::from(byte), 1))
    } else {
        let c = text.get(at..)?.chars().next()?;
        Some((c, c.len_utf8()))
    }
}

/// Cuts `text` into tokens, skipping whitespace.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut at = 0;
    while let Some((c, len)) = char_at(text, at) {
        let start = at;
        at += len;
        if c.is_alphanumeric() {
            while let Some((next, next_len)) = char_at(text, at) {
                let joins = next.is_alphanumeric()
                    || (is_joiner(next)
                        && char_at(text, at + next_len).is_some_and(|(c, _)| c.is_alphanumeric()));
                if !joins {
                    break;
                }
                at += next_len;
            }
            tokens.push(Token {
                start,
                end: at,
                word: true,
                norm: normalised(text, start, at),
            });
        } else if !c.is_whitespace() {
            tokens.push(Token {
                start,
                end: at,
                word: false,
                norm: normalised(text, start, at),
            });
        }
    }
    tokens
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::string_slice)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.norm.into_owned())
            .collect()
    }

    #[test]
    fn words_punctuation_and_joiners() {
        let table: &[(&str, &[&str])] = &[
            ("Officials SAID,", &["officials", "said", ","]),
            ("U.S. peer-reviewed", &["u.s", ".", "peer-reviewed"]),
            ("They don’t know", &["they", "don't", "know"]),
            (
                "“Yes,” she said.",
                &["“", "yes", ",", "”", "she", "said", "."],
            ),
            ("a * b", &["a", "*", "b"]),
            ("rise - fall", &["rise", "-", "fall"]),
        ];
        for (text, expected) in table {
            assert_eq!(norms(text), *expected, "{text}");
        }
    }

    #[test]
    fn offsets_are_bytes_into_the_text() {
        let text = "Café’s owner";
        let tokens = tokenize(text);
        assert_eq!(&text[tokens[0].start..tokens[0].end], "Café’s");
        assert_eq!(tokens[0].norm, "café's");
        assert_eq!(&text[tokens[1].start..tokens[1].end], "owner");
    }
}
