//! [`Document`]: the article as one text with blocks over it.
//!
//! Owns parsing plain text into blocks (a dateline, an optional headline,
//! paragraphs), the document's identity ([`DocumentId`]) and slicing by
//! code points. The document's text is the source's text with line endings
//! normalised to `\n`; every offset elsewhere counts code points over it.
//! It knows nothing of claims or of how blocks are drawn.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::offsets::{CharIndex, CharOffset};
use crate::text::span::Span;
use claimmark_match::search::{SearchCache, SearchText};

/// The identity of a document: the storage key and the link between an
/// article and its claims.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocumentId(String);

/// A document id given by an embedder or found in storage that cannot be one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid document id {0:?}: use 1 to 128 letters, digits, '.', '_', ':' or '-'")]
pub struct InvalidDocumentId(pub String);

impl DocumentId {
    /// Longest id accepted.
    pub const MAX_LEN: usize = 128;

    /// The id derived from a text: a hash of its normalised content, so the
    /// same article pasted twice finds its claims again.
    pub fn from_text(text: &str) -> Self {
        Self::from_hash(hash_of(&normalise_line_endings(text)))
    }

    fn from_hash(hash: u64) -> Self {
        DocumentId(format!("doc-{hash:016x}"))
    }

    /// Validates an id given from outside.
    pub fn parse(raw: &str) -> Result<Self, InvalidDocumentId> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'));
        if ok {
            Ok(DocumentId(raw.to_owned()))
        } else {
            Err(InvalidDocumentId(
                raw.chars().take(Self::MAX_LEN + 1).collect(),
            ))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DocumentId {
    type Error = InvalidDocumentId;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        DocumentId::parse(&value)
    }
}

impl From<DocumentId> for String {
    fn from(id: DocumentId) -> Self {
        id.0
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a block is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The date the report was filed; its span covers the ISO date.
    Dateline,
    /// A short first line standing alone: the headline.
    Headline,
    /// Running text.
    Paragraph,
}

/// One block of the article: a kind and the span of its visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Block {
    /// How the block is drawn.
    pub kind: BlockKind,
    /// The code points the block shows, trimmed of surrounding whitespace.
    pub span: Span,
}

/// An article: normalised text, its code-point index and its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    id: DocumentId,
    text: String,
    index: CharIndex,
    blocks: Vec<Block>,
    search: SearchCache,
    hash: HashCache,
}

/// The xxh3 hash of a normalised text: its id's digits and its version.
fn hash_of(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The text's hash, computed once (building the id from the text, or on
/// first use) and kept. Derived from the text, so it never makes two
/// documents differ.
#[derive(Debug, Clone, Default)]
struct HashCache(OnceCell<u64>);

impl PartialEq for HashCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for HashCache {}

/// Longest line still taken for a headline, in code points.
const HEADLINE_MAX_CHARS: usize = 150;

impl Document {
    /// Parses plain text. The id is the embedder's when given, else one
    /// derived from the text.
    pub fn from_plain_text(source: &str, id: Option<DocumentId>) -> Self {
        let text = normalise_line_endings(source).into_owned();
        let hash = HashCache::default();
        let id =
            id.unwrap_or_else(|| DocumentId::from_hash(*hash.0.get_or_init(|| hash_of(&text))));
        let index = CharIndex::new(&text);
        let blocks = parse_blocks(&text, &index);
        Document {
            id,
            text,
            index,
            blocks,
            search: SearchCache::default(),
            hash,
        }
    }

    /// The text normalised and indexed for anchoring, built on first use.
    pub fn search_text(&self) -> &SearchText {
        self.search.get_or_build(&self.text)
    }

    /// The document's identity.
    pub fn id(&self) -> &DocumentId {
        &self.id
    }

    /// A 64-bit hash of the text (xxh3, as 16 hex digits): the version of
    /// the article stored claims were written against.
    pub fn text_hash(&self) -> String {
        format!("{:016x}", self.hash())
    }

    /// The id the text itself gives ([`DocumentId::from_text`]), whatever
    /// id the document was given: an article loaded by hand has this one.
    pub fn content_id(&self) -> DocumentId {
        DocumentId::from_hash(self.hash())
    }

    fn hash(&self) -> u64 {
        *self.hash.0.get_or_init(|| hash_of(&self.text))
    }

    /// The whole normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The length in code points.
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The blocks, in reading order, non-overlapping.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The text of a span, or `None` when it runs past the end.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.index
            .slice(&self.text, CharOffset(span.start()), CharOffset(span.end()))
    }

    /// The code-point index of the text, for callers that convert offsets.
    pub fn index(&self) -> &CharIndex {
        &self.index
    }

    /// The index of the block holding `offset`, or of the next block when
    /// the offset sits in the whitespace between two blocks.
    pub fn block_at_or_after(&self, offset: usize) -> Option<usize> {
        let found = self
            .blocks
            .partition_point(|block| block.span.end() <= offset);
        (found < self.blocks.len()).then_some(found)
    }

    /// The index of the block holding `offset` (its end counts as inside),
    /// or of the previous block when it sits between two blocks.
    pub fn block_at_or_before(&self, offset: usize) -> Option<usize> {
        let found = self
            .blocks
            .partition_point(|block| block.span.start() <= offset);
        found.checked_sub(1)
    }
}

fn normalise_line_endings(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A paragraph as byte range of the text, before dateline and headline
/// detection.
struct RawBlock {
    start: usize,
    end: usize,
}

fn parse_blocks(text: &str, index: &CharIndex) -> Vec<Block> {
    let raw = split_paragraphs(text);
    let to_span = |start: usize, end: usize| -> Option<Span> {
        let s = index.char_of(text, crate::text::offsets::ByteOffset(start))?;
        let e = index.char_of(text, crate::text::offsets::ByteOffset(end))?;
        Some(Span::new(s.0, e.0))
    };
    let mut blocks = Vec::with_capacity(raw.len() + 1);
    for (position, paragraph) in raw.iter().enumerate() {
        let mut start = paragraph.start;
        if position == 0 {
            if let Some((date_start, date_end, rest)) = dateline_at(text, paragraph) {
                if let Some(span) = to_span(date_start, date_end) {
                    blocks.push(Block {
                        kind: BlockKind::Dateline,
                        span,
                    });
                }
                match rest {
                    Some(rest) => start = rest,
                    None => continue,
                }
            }
        }
        let Some(span) = to_span(start, paragraph.end) else {
            continue;
        };
        let is_first_text = !blocks.iter().any(|b: &Block| b.kind != BlockKind::Dateline);
        let kind = if is_first_text
            && raw.len() > 1
            && looks_like_headline(text.get(start..paragraph.end))
        {
            BlockKind::Headline
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block { kind, span });
    }
    blocks
}

/// Paragraphs are separated by blank lines; a text with no blank line at
/// all takes each line as a paragraph. Each range is trimmed.
fn split_paragraphs(text: &str) -> Vec<RawBlock> {
    let has_blank_line = text
        .trim_end()
        .split('\n')
        .skip_while(|line| line.trim().is_empty())
        .any(|line| line.trim().is_empty())
        && text.trim().contains('\n');
    let mut blocks = Vec::new();
    let mut current: Option<RawBlock> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || !has_blank_line {
            if let Some(block) = current.take() {
                blocks.push(block);
            }
            if trimmed.is_empty() {
                continue;
            }
        }
        let lead = line.len() - line.trim_start().len();
        let content_end = line_start + line.trim_end().len();
        match current.as_mut() {
            Some(block) => block.end = content_end,
            None => {
                current = Some(RawBlock {
                    start: line_start + lead,
                    end: content_end,
                })
            }
        }
    }
    if let Some(block) = current {
        blocks.push(block);
    }
    blocks
}

/// Finds a leading `date YYYY-MM-DD` (the keyword is optional) in the first
/// paragraph: the date's byte range and where the text after it starts.
fn dateline_at(text: &str, paragraph: &RawBlock) -> Option<(usize, usize, Option<usize>)> {
    let body = text.get(paragraph.start..paragraph.end)?;
    let after_keyword = match body.get(..5) {
        Some(word) if word.eq_ignore_ascii_case("date ") => body.get(5..)?.trim_start(),
        _ => body,
    };
    let date = after_keyword.get(..10)?;
    if !is_iso_date(date) {
        return None;
    }
    let date_start = paragraph.start + (body.len() - after_keyword.len());
    let date_end = date_start + 10;
    let rest = text.get(date_end..paragraph.end)?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest_trimmed = rest.trim_start();
    let rest_start = (!rest_trimmed.is_empty()).then(|| paragraph.end - rest_trimmed.len());
    Some((date_start, date_end, rest_start))
}

fn is_iso_date(candidate: &str) -> bool {
    let bytes = candidate.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn looks_like_headline(line: Option<&str>) -> bool {
    let Some(line) = line else { return false };
    !line.contains('\n')
        && line.chars().count() <= HEADLINE_MAX_CHARS
        && !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../assets/article.txt");

    fn shown(doc: &Document) -> Vec<(BlockKind, String)> {
        doc.blocks()
            .iter()
            .map(|b| (b.kind, doc.slice(b.span).unwrap_or_default().to_owned()))
            .collect()
    }

    #[test]
    fn seed_article_has_a_dateline_then_paragraphs() {
        let doc = Document::from_plain_text(SEED, None);
        let blocks = shown(&doc);
        assert_eq!(
            blocks.first(),
            Some(&(BlockKind::Dateline, "2026-02-25".to_owned()))
        );
        let second = blocks.get(1).expect("a first paragraph");
        assert_eq!(second.0, BlockKind::Paragraph);
        assert!(second.1.starts_with("Hundreds of Cuban security personnel"));
        // The W3C example in the design notes puts "Hundreds" at 17.
        assert_eq!(doc.blocks().get(1).map(|b| b.span.start()), Some(17));
        assert_eq!(blocks.len(), 16, "a dateline and 15 paragraphs");
        assert!(blocks
            .iter()
            .skip(1)
            .all(|(kind, _)| *kind == BlockKind::Paragraph));
        assert!(blocks
            .last()
            .is_some_and(|(_, t)| t.starts_with("Neither the Cuban")));
    }

    #[test]
    fn paragraph_splitting_follows_blank_lines_or_lines() {
        let table: [(&str, &[(BlockKind, &str)]); 6] = [
            (
                "One.\n\nTwo.",
                &[
                    (BlockKind::Paragraph, "One."),
                    (BlockKind::Paragraph, "Two."),
                ],
            ),
            (
                "Wrapped line\ncontinues.\n\n  Next. \n",
                &[
                    (BlockKind::Paragraph, "Wrapped line\ncontinues."),
                    (BlockKind::Paragraph, "Next."),
                ],
            ),
            (
                "A.\nB.\nC.",
                &[
                    (BlockKind::Paragraph, "A."),
                    (BlockKind::Paragraph, "B."),
                    (BlockKind::Paragraph, "C."),
                ],
            ),
            (
                "Storm Hits Coast\n\nWinds rose.",
                &[
                    (BlockKind::Headline, "Storm Hits Coast"),
                    (BlockKind::Paragraph, "Winds rose."),
                ],
            ),
            ("date 2026-01-02", &[(BlockKind::Dateline, "2026-01-02")]),
            (
                "date 2026-1-02 text.",
                &[(BlockKind::Paragraph, "date 2026-1-02 text.")],
            ),
        ];
        for (text, expected) in table {
            let doc = Document::from_plain_text(text, None);
            let expected: Vec<(BlockKind, String)> = expected
                .iter()
                .map(|(k, t)| (*k, (*t).to_owned()))
                .collect();
            assert_eq!(shown(&doc), expected, "{text:?}");
        }
    }

    #[test]
    fn crlf_and_lf_texts_are_the_same_document() {
        let lf = Document::from_plain_text("Héllo 😀 world.\n\nSecond.", None);
        let crlf = Document::from_plain_text("Héllo 😀 world.\r\n\r\nSecond.", None);
        assert_eq!(lf.id(), crlf.id());
        assert_eq!(lf.text(), crlf.text());
        assert_ne!(lf.id(), Document::from_plain_text("Other.", None).id());
        assert_eq!(lf.slice(Span::new(6, 7)), Some("😀"));
    }

    #[test]
    fn document_ids_from_outside_are_validated() {
        assert!(DocumentId::parse("cuba-2026.02:25_x").is_ok());
        for bad in ["", "has space", "<script>", "é", &"x".repeat(129)] {
            assert!(DocumentId::parse(bad).is_err(), "{bad:?}");
        }
        let given = DocumentId::parse("story-42").expect("valid");
        assert_eq!(
            Document::from_plain_text("Text.", Some(given.clone())).id(),
            &given
        );
    }

    #[test]
    fn offsets_between_blocks_find_their_neighbours() {
        let doc = Document::from_plain_text("One.\n\nTwo.", None);
        assert_eq!(doc.block_at_or_after(4), Some(1));
        assert_eq!(doc.block_at_or_before(4), Some(0));
        assert_eq!(doc.block_at_or_after(2), Some(0));
        assert_eq!(doc.block_at_or_after(99), None);
        assert_eq!(doc.block_at_or_before(0), Some(0));
    }
}
