//! [`Lexicon`]: the certainty cues of one language, read from a data file.
//!
//! Owns the file format, its typed parse errors and phrase matching. The
//! English lexicon ships in `assets/lexicon/en.txt` and is embedded with
//! `include_str!`, its comments and blank lines left out by the crate's
//! build script (`build.rs`); a newsroom can parse its own file with
//! [`Lexicon::parse`] or add entries to the English one with
//! [`Lexicon::extend_from_str`].
//!
//! # Format
//!
//! One entry a line: a category, whitespace (a tab is customary), a phrase.
//! `#` starts a comment line; blank lines are ignored.
//!
//! ```text
//! # category          phrase
//! hedge               appears
//! anonymous_attribution   a * official said
//! negator             yet to
//! abbreviation        Gen.
//! ```
//!
//! Cue categories are the keys of [`CueKind`]; the helpers are `negator`,
//! `not_a_cue` (words that look like a cue and are not: "in May"),
//! `scope_break` (a single word ending a negator's reach) and
//! `abbreviation` (a word ending in `.` after which no sentence ends,
//! matched as written: case counts).
//! Phrases match whole words case-insensitively; `*` between two words
//! stands for up to three other words, a `#` for a number. Where phrases
//! overlap, the longest
//! one starting first wins. It does not decide what cues mean together:
//! that is `classify`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use thiserror::Error;

use super::cues::CueKind;
use super::tokens::{tokenize, Token};

/// The English lexicon's entries, as shipped: `assets/lexicon/en.txt`
/// without its comments and blank lines (see `build.rs`).
pub const ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon-en.txt"));

/// The English lexicon's readable source, comments and all.
#[cfg(test)]
const ENGLISH_SOURCE: &str = include_str!("../../assets/lexicon/en.txt");

/// The index key of phrases starting with a number (`#`).
const NUMBER_KEY: &str = "#";

/// Most words a `*` stands for.
const MAX_GAP: usize = 3;

/// A line of a lexicon file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("lexicon line {line}: {kind}")]
pub struct LexiconError {
    /// The line, counting from 1.
    pub line: usize,
    /// What is wrong with it.
    pub kind: LexiconErrorKind,
}

/// What is wrong with a lexicon line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LexiconErrorKind {
    /// The first field is not a known category.
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    /// A category with nothing after it.
    #[error("a category needs a phrase after it")]
    MissingPhrase,
    /// A `*` at either end of a phrase or next to another `*`.
    #[error("a '*' must stand between two words")]
    MisplacedGap,
    /// An abbreviation that does not end with a full stop.
    #[error("an abbreviation must end with '.'")]
    AbbreviationWithoutPeriod,
    /// A scope break of more or less than one word.
    #[error("a scope break must be a single word")]
    ScopeBreakNotAWord,
}

/// What a phrase of the lexicon is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// A certainty cue.
    Cue(CueKind),
    /// A word that negates a following cue in its clause.
    Negator,
    /// Words that look like a cue and are not ("in May", "ruled by").
    NotACue,
}

/// One element of a phrase pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    /// A token, normalised.
    Token(String),
    /// Up to [`MAX_GAP`] words.
    Gap,
    /// A number: a word starting with a digit.
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Phrase {
    elements: Vec<Element>,
    category: Category,
}

/// A phrase found in a token list: tokens `[first, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// Index of the first token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What the phrase is for.
    pub category: Category,
}

/// A small multiplicative hash for short word keys: the lexicon's keys are
/// its own, so the flooding resistance of the default hasher buys nothing
/// and costs a tenth of the scan.
#[derive(Debug, Clone, Copy, Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// The cues of one language: phrases by category, scope breaks and
/// abbreviations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Phrases indexed by their first token.
    phrases: WordMap<Vec<Phrase>>,
    scope_breaks: WordSet,
    abbreviations: WordSet,
}

impl Lexicon {
    /// The shipped English lexicon. The embedded file is checked by a test,
    /// so this is never empty in a release.
    pub fn english() -> Self {
        Self::parse(ENGLISH).unwrap_or_default()
    }

    /// The shipped English lexicon, parsed once per program and shared:
    /// what a UI should hold on to rather than parsing on every render.
    pub fn english_shared() -> &'static Lexicon {
        static ENGLISH_LEXICON: OnceLock<Lexicon> = OnceLock::new();
        ENGLISH_LEXICON.get_or_init(Lexicon::english)
    }

    /// Reads a lexicon file.
    pub fn parse(source: &str) -> Result<Self, LexiconError> {
        let mut lexicon = Self::default();
        lexicon.extend_from_str(source)?;
        Ok(lexicon)
    }

    /// Adds the entries of a lexicon file to this one. On an error nothing
    /// is added.
    pub fn extend_from_str(&mut self, source: &str) -> Result<(), LexiconError> {
        let mut added = self.clone();
        for (number, line) in source.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            added.add_line(line).map_err(|kind| LexiconError {
                line: number + 1,
                kind,
            })?;
        }
        *self = added;
        Ok(())
    }

    /// The number of phrases (cues and negators).
    pub fn phrase_count(&self) -> usize {
        self.phrases.values().map(Vec::len).sum()
    }

    fn add_line(&mut self, line: &str) -> Result<(), LexiconErrorKind> {
        let (key, phrase) = match line.split_once(char::is_whitespace) {
            Some((key, phrase)) if !phrase.trim().is_empty() => (key, phrase.trim()),
            _ => return Err(LexiconErrorKind::MissingPhrase),
        };
        let category = match key {
            "negator" => Category::Negator,
            "not_a_cue" => Category::NotACue,
            "scope_break" => return self.add_scope_break(phrase),
            "abbreviation" => return self.add_abbreviation(phrase),
            other => CueKind::from_key(other)
                .map(Category::Cue)
                .ok_or_else(|| LexiconErrorKind::UnknownCategory(other.to_owned()))?,
        };
        let elements = parse_elements(phrase)?;
        let key = match elements.first() {
            Some(Element::Token(first)) => first.clone(),
            Some(Element::Number) => NUMBER_KEY.to_owned(),
            _ => return Err(LexiconErrorKind::MisplacedGap),
        };
        let phrase = Phrase { elements, category };
        let entry = self.phrases.entry(key).or_default();
        if !entry.contains(&phrase) {
            entry.push(phrase);
        }
        Ok(())
    }

    fn add_scope_break(&mut self, phrase: &str) -> Result<(), LexiconErrorKind> {
        match tokenize(phrase).as_slice() {
            [token] if token.word => {
                self.scope_breaks.insert(token.norm.clone().into_owned());
                Ok(())
            }
            _ => Err(LexiconErrorKind::ScopeBreakNotAWord),
        }
    }

    fn add_abbreviation(&mut self, phrase: &str) -> Result<(), LexiconErrorKind> {
        if !phrase.ends_with('.') || phrase.contains(char::is_whitespace) {
            return Err(LexiconErrorKind::AbbreviationWithoutPeriod);
        }
        self.abbreviations.insert(phrase.to_owned());
        Ok(())
    }

    /// Whether `word` (normalised) ends a negator's reach.
    pub(crate) fn is_scope_break(&self, word: &str) -> bool {
        self.scope_breaks.contains(word)
    }

    /// Whether `word` (as written, ending in '.') is an abbreviation. Case
    /// counts: "No." is one, "no." ends a sentence.
    pub(crate) fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }

    /// The phrases in `tokens`, left to right, not overlapping: at each
    /// token the longest phrase starting there wins.
    pub(crate) fn scan(&self, tokens: &[Token]) -> Vec<Match> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(token) = tokens.get(at) {
            let numbers = token
                .norm
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| self.phrases.get(NUMBER_KEY))
                .flatten();
            let best = {
                self.phrases
                    .get(token.norm.as_ref())
                    .into_iter()
                    .chain(numbers)
                    .flatten()
                    .filter_map(|phrase| {
                        match_from(&phrase.elements, tokens, at).map(|end| (end, phrase.category))
                    })
                    .max_by_key(|&(end, _)| end)
            };
            match best {
                Some((end, category)) if end > at => {
                    found.push(Match {
                        first: at,
                        end,
                        category,
                    });
                    at = end;
                }
                _ => at += 1,
            }
        }
        found
    }
}

fn parse_elements(phrase: &str) -> Result<Vec<Element>, LexiconErrorKind> {
    let elements: Vec<Element> = tokenize(phrase)
        .into_iter()
        .map(|token| {
            if !token.word && token.norm == "*" {
                Element::Gap
            } else if !token.word && token.norm == "#" {
                Element::Number
            } else {
                Element::Token(token.norm.into_owned())
            }
        })
        .collect();
    let gap_at_edge = matches!(elements.first(), Some(Element::Gap))
        || matches!(elements.last(), Some(Element::Gap));
    let double_gap = elements
        .windows(2)
        .any(|pair| matches!(pair, [Element::Gap, Element::Gap]));
    if gap_at_edge || double_gap {
        return Err(LexiconErrorKind::MisplacedGap);
    }
    if elements.is_empty() {
        return Err(LexiconErrorKind::MissingPhrase);
    }
    Ok(elements)
}

/// The end of the longest match of `elements` at token `at`.
fn match_from(elements: &[Element], tokens: &[Token], at: usize) -> Option<usize> {
    match elements.split_first() {
        None => Some(at),
        Some((Element::Token(text), rest)) => {
            let token = tokens.get(at)?;
            if token.norm == *text {
                match_from(rest, tokens, at + 1)
            } else {
                None
            }
        }
        Some((Element::Number, rest)) => {
            let token = tokens.get(at)?;
            if token.word && token.norm.starts_with(|c: char| c.is_ascii_digit()) {
                match_from(rest, tokens, at + 1)
            } else {
                None
            }
        }
        Some((Element::Gap, rest)) => {
            let mut best = None;
            for skip in 0..=MAX_GAP {
                if skip > 0 {
                    match tokens.get(at + skip - 1) {
                        Some(token) if token.word => {}
                        _ => break,
                    }
                }
                best = best.max(match_from(rest, tokens, at + skip));
            }
            best
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_english_lexicon_parses() {
        let parsed = Lexicon::parse(ENGLISH_SOURCE);
        assert!(parsed.is_ok(), "{parsed:?}");
        // The entries the build script kept are the whole file's.
        assert_eq!(parsed.ok(), Some(Lexicon::english()));
        assert!(ENGLISH.len() < ENGLISH_SOURCE.len());
        assert!(Lexicon::english().phrase_count() > 200);
        assert!(Lexicon::english().is_abbreviation("Gen."));
        assert!(Lexicon::english().is_scope_break("but"));
        assert_eq!(Lexicon::english_shared(), &Lexicon::english());
    }

    #[test]
    fn errors_carry_the_line_number() {
        let table: &[(&str, LexiconError)] = &[
            (
                "# comment\n\nhedge\tappears\nguess\tmaybe",
                LexiconError {
                    line: 4,
                    kind: LexiconErrorKind::UnknownCategory("guess".into()),
                },
            ),
            (
                "hedge",
                LexiconError {
                    line: 1,
                    kind: LexiconErrorKind::MissingPhrase,
                },
            ),
            (
                "hedge\t* appears",
                LexiconError {
                    line: 1,
                    kind: LexiconErrorKind::MisplacedGap,
                },
            ),
            (
                "hedge\ta * * b",
                LexiconError {
                    line: 1,
                    kind: LexiconErrorKind::MisplacedGap,
                },
            ),
            (
                "\nabbreviation\tGen",
                LexiconError {
                    line: 2,
                    kind: LexiconErrorKind::AbbreviationWithoutPeriod,
                },
            ),
            (
                "scope_break\tso that",
                LexiconError {
                    line: 1,
                    kind: LexiconErrorKind::ScopeBreakNotAWord,
                },
            ),
        ];
        for (source, expected) in table {
            assert_eq!(Lexicon::parse(source).unwrap_err(), *expected, "{source}");
        }
        assert_eq!(
            Lexicon::parse("guess\tmaybe").unwrap_err().to_string(),
            "lexicon line 1: unknown category \"guess\""
        );
    }

    #[test]
    fn a_failed_extension_adds_nothing() {
        let mut lexicon = Lexicon::parse("hedge\tappears").unwrap();
        assert!(lexicon.extend_from_str("hedge\tseems\nbad").is_err());
        assert_eq!(lexicon.phrase_count(), 1);
        lexicon.extend_from_str("hedge  seems").unwrap();
        assert_eq!(lexicon.phrase_count(), 2);
    }

    #[test]
    fn longest_phrase_wins_and_gaps_skip_up_to_three_words() {
        let lexicon = Lexicon::parse(
            "named_attribution\tsaid\nanonymous_attribution\ta * official said\nnegator\tdeclined to\nnon_confirmation\tdeclined to comment",
        )
        .unwrap();
        let table: &[(&str, &[(usize, usize)])] = &[
            ("A White House official said so", &[(0, 5)]),
            ("a official said", &[(0, 3)]),
            ("a very senior White House official said", &[(6, 7)]),
            ("He declined to comment and said", &[(1, 4), (5, 6)]),
            ("He declined to say", &[(1, 3)]),
        ];

        for (text, expected) in table {
            let tokens = tokenize(text);
            let found: Vec<(usize, usize)> = lexicon
                .scan(&tokens)
                .iter()
                .map(|m| (m.first, m.end))
                .collect();
            assert_eq!(found, *expected, "{text}");
        }
        let months = Lexicon::parse("hedge\tmay\nnot_a_cue\t# May\nnot_a_cue\tin May").unwrap();
        for (text, expected) in [
            ("It may rain on 12 May", &[(1, 2), (4, 6)][..]),
            ("Talks in May may fail", &[(1, 3), (3, 4)][..]),
        ] {
            let found: Vec<(usize, usize)> = months
                .scan(&tokenize(text))
                .iter()
                .map(|m| (m.first, m.end))
                .collect();
            assert_eq!(found, expected, "{text}");
        }
    }
}
