//! The article's blocks, in chunks of [`CHUNK_BLOCKS`]. A component of its
//! own so that the renders of the widget that change no block (a
//! selection, the toolbar, the card, the panel) skip all of them: with
//! 1,500 blocks, building and comparing their props was most of such a
//! render. A render that does change a block compares the chunks' props
//! and re-renders only the chunks whose blocks changed.
//!
//! Not here: cutting the pieces ([`crate::hooks::pieces`]) and deciding
//! which blocks show marks ([`crate::hooks::marks`]).

use yew::prelude::*;

use crate::components::block_chunk::{BlockChunk, ChunkBlock, CHUNK_BLOCKS};
use crate::hooks::marks::MarksShown;
use crate::hooks::pieces::Pieces;
use crate::store::DocumentRef;

/// Props of [`ArticleBlocks`]: all compared in constant time.
#[derive(Properties, PartialEq)]
pub struct ArticleBlocksProps {
    /// The article.
    pub document: DocumentRef,
    /// Each block's pieces (untouched blocks keep their `Rc`).
    pub pieces: Pieces,
    /// Which blocks show their marks.
    pub marks: MarksShown,
}

/// The article's blocks, chunk by chunk.
#[component]
pub fn ArticleBlocks(props: &ArticleBlocksProps) -> Html {
    let blocks = props.document.0.blocks().chunks(CHUNK_BLOCKS);
    let pieces = props.pieces.chunks(CHUNK_BLOCKS);
    html! {
        { for blocks.zip(pieces).enumerate().map(|(chunk, (blocks, pieces))| {
            let first = chunk * CHUNK_BLOCKS;
            let shown: Vec<ChunkBlock> = blocks
                .iter()
                .zip(pieces)
                .enumerate()
                .map(|(offset, (block, pieces))| ChunkBlock {
                    pieces: pieces.clone(),
                    marks: props.marks.block(first + offset, block),
                    stop: props.marks.stop.within(block.span),
                })
                .collect();
            html! { <BlockChunk key={chunk} document={props.document.clone()} {first} blocks={shown} /> }
        }) }
    }
}
