//! Words and punctuation of a sentence, with byte offsets into it.
//!
//! Owns the one tokenisation the lexicon's phrases and the sentences are
//! both cut with, so that a phrase written in the data file matches the same
//! way it reads. A word is a run of letters and digits, joined by an inner
//! `'`, `’`, `-` or `.` ("peer-reviewed", "u.s", "don't"); any other
//! non-space character is a token of its own. Words are lowercased and `’`
//! becomes `'`. It knows nothing of what the words mean.

/// One token: where it is (bytes, half-open) and its normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A word (letters and digits), not punctuation.
    pub word: bool,
    /// Lowercased text, `’` as `'`.
    pub norm: String,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.')
}

fn push_normalised(out: &mut String, c: char) {
    if c == '’' {
        out.push('\'');
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Cuts `text` into tokens, skipping whitespace.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut norm = String::new();
            push_normalised(&mut norm, c);
            let mut end = start + c.len_utf8();
            while let Some(&(at, next)) = chars.peek() {
                let joins = next.is_alphanumeric()
                    || (is_joiner(next)
                        && text
                            .get(at + next.len_utf8()..)
                            .and_then(|rest| rest.chars().next())
                            .is_some_and(char::is_alphanumeric));
                if !joins {
                    break;
                }
                push_normalised(&mut norm, next);
                end = at + next.len_utf8();
                chars.next();
            }
            tokens.push(Token {
                start,
                end,
                word: true,
                norm,
            });
        } else if !c.is_whitespace() {
            let mut norm = String::new();
            push_normalised(&mut norm, c);
            tokens.push(Token {
                start,
                end: start + c.len_utf8(),
                word: false,
                norm,
            });
        }
    }
    tokens
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
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
