//! A run of consecutive blocks of the article, [`CHUNK_BLOCKS`] at most,
//! in one `div.cm-chunk`. The chunk, not each paragraph, carries
//! `content-visibility: auto` (off-screen chunks are neither laid out nor
//! painted, their text still in the DOM for find-in-page, selection and
//! assistive technology): the browser tracks every such element on every
//! frame, and on a 1,500-paragraph article tracking each paragraph cost
//! more per frame than a change itself. The chunk is also the unit the
//! root reconciles: a change that touches one block compares the props
//! of about two hundred chunks, and re-renders one, instead of building
//! 1,500 blocks.
//!
//! Not here: a block's own marks ([`crate::components::block_view`]) and
//! which blocks show them ([`crate::hooks::marks`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::store::DocumentRef;
use claimmark_core::view::suggested::Piece;
use claimmark_core::AnnotationId;

use super::block_view::BlockView;

/// Blocks in a chunk: about a screen of paragraphs, so that the scroll
/// watcher ([`crate::hooks::nearby`]), which gives marks chunk by chunk, asks
/// for little more than it would block by block.
pub const CHUNK_BLOCKS: usize = 8;

/// What one block of a chunk shows.
#[derive(Clone, PartialEq)]
pub struct ChunkBlock {
    /// Its pieces (untouched blocks keep their `Rc`, compared first).
    pub pieces: Rc<Vec<Piece>>,
    /// Whether it shows its marks ([`super::block_view::BlockViewProps::marks`]).
    pub marks: bool,
    /// The tab-stop claim when it starts in this block.
    pub stop: Option<AnnotationId>,
}

/// Props of [`BlockChunk`].
#[derive(Properties, PartialEq)]
pub struct BlockChunkProps {
    /// The article.
    pub document: DocumentRef,
    /// The index of the chunk's first block in the document.
    pub first: usize,
    /// The chunk's blocks, in order, from `first`.
    pub blocks: Vec<ChunkBlock>,
}

/// The blocks `first..first + blocks.len()` of the article.
#[component]
pub fn BlockChunk(props: &BlockChunkProps) -> Html {
    let all = props.document.0.blocks();
    html! {
        <div class="cm-chunk">
            { for props.blocks.iter().enumerate().filter_map(|(offset, shown)| {
                let index = props.first + offset;
                let block = *all.get(index)?;
                Some(html! {
                    <BlockView key={index} {index} document={props.document.clone()} {block}
                        pieces={shown.pieces.clone()} marks={shown.marks} stop={shown.stop} />
                })
            }) }
        </div>
    }
}
