//! Short excerpts of quotes for labels: the accessible name of a claim,
//! the undo toast, the card's list of other claims.

/// The first `words` words of `text`, joined by single spaces, with "…"
/// when words were left out.
pub fn first_words(text: &str, words: usize) -> String {
    let mut parts = text.split_whitespace();
    let head: Vec<&str> = parts.by_ref().take(words).collect();
    let more = if parts.next().is_some() { "…" } else { "" };
    format!("{}{more}", head.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_keep_whole_words_and_mark_what_was_cut() {
        let table = [
            (
                "Hundreds of Cuban security personnel",
                8,
                "Hundreds of Cuban security personnel",
            ),
            (
                "Hundreds of Cuban security personnel",
                3,
                "Hundreds of Cuban…",
            ),
            ("  spaced\n\nout   text ", 2, "spaced out…"),
            ("", 4, ""),
            ("😀 سلام", 1, "😀…"),
        ];
        for (text, words, expected) in table {
            assert_eq!(first_words(text, words), expected, "{text:?}");
        }
    }
}
