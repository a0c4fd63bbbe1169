//! The assistant's suggestions worked out block by block, only for the
//! blocks that need them. On a long investigation (a megabyte of text) the
//! whole article takes the assistant about a tenth of a second, and its
//! suggestions only show in the blocks that carry their marks (the ones
//! near the viewport, see the UI's `nearby`): [`SuggestionsByBlock`]
//! covers those and keeps what it found, so scrolling adds blocks as they
//! come near and nothing is worked out twice.

use std::rc::Rc;

use super::{suggest_in_block, Lexicon, Suggestion};
use crate::text::document::Document;

/// Suggestions of one document per block: `None` for a block not worked
/// out yet. Cloning shares each block's list.
#[derive(Debug, Clone, Default)]
pub struct SuggestionsByBlock {
    blocks: Vec<Option<Rc<[Suggestion]>>>,
    covered: usize,
}

impl SuggestionsByBlock {
    /// Nothing worked out yet, for `document`'s blocks.
    pub fn for_document(document: &Document) -> Self {
        SuggestionsByBlock {
            blocks: vec![None; document.blocks().len()],
            covered: 0,
        }
    }

    /// Works out the blocks `wanted` says yes to that are not done yet;
    /// true when it did any. `document` must be the one this was made for.
    pub fn cover(
        &mut self,
        document: &Document,
        lexicon: &Lexicon,
        wanted: impl Fn(usize) -> bool,
    ) -> bool {
        let mut added = false;
        for (index, slot) in self.blocks.iter_mut().enumerate() {
            if slot.is_none() && wanted(index) {
                *slot = Some(suggest_in_block(document, lexicon, index).into());
                self.covered += 1;
                added = true;
            }
        }
        added
    }

    /// How many blocks are worked out: it only grows, so it tells a
    /// caller when the suggestions changed.
    pub fn covered(&self) -> usize {
        self.covered
    }

    /// Every suggestion worked out so far, in reading order.
    pub fn iter(&self) -> impl Iterator<Item = &Suggestion> {
        self.blocks.iter().flatten().flat_map(|block| block.iter())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::assistant::suggest;

    const TEXT: &str = "It is unclear whether the truce will hold.\n\n\
        Officials confirmed the talks ended.\n\n\
        Sources said the minister may resign, reportedly this week.\n\n\
        The weather was fine.";

    #[test]
    fn covering_every_block_finds_what_the_whole_article_pass_finds() {
        let doc = Document::from_plain_text(TEXT, None);
        let lexicon = Lexicon::english_shared();
        let mut by_block = SuggestionsByBlock::for_document(&doc);
        assert_eq!(by_block.iter().count(), 0);
        assert!(by_block.cover(&doc, lexicon, |_| true));
        let whole = suggest(&doc, lexicon);
        assert!(whole.len() >= 3, "{whole:?}");
        assert_eq!(by_block.iter().cloned().collect::<Vec<_>>(), whole);
        assert_eq!(by_block.covered(), doc.blocks().len());
        assert!(
            !by_block.cover(&doc, lexicon, |_| true),
            "nothing left to do"
        );
    }

    #[test]
    fn only_the_blocks_asked_for_are_worked_out_and_later_ones_add_in_order() {
        let doc = Document::from_plain_text(TEXT, None);
        let lexicon = Lexicon::english_shared();
        let whole = suggest(&doc, lexicon);
        let in_block = |i: usize| {
            let span = doc.blocks()[i].span;
            whole
                .iter()
                .filter(|s| span.contains(s.span))
                .cloned()
                .collect::<Vec<_>>()
        };
        let mut by_block = SuggestionsByBlock::for_document(&doc);
        assert!(by_block.cover(&doc, lexicon, |i| i == 2));
        assert_eq!(by_block.covered(), 1);
        assert_eq!(by_block.iter().cloned().collect::<Vec<_>>(), in_block(2));
        assert!(by_block.cover(&doc, lexicon, |i| i == 0));
        let mut expected = in_block(0);
        expected.extend(in_block(2));
        assert_eq!(by_block.iter().cloned().collect::<Vec<_>>(), expected);
    }
}
