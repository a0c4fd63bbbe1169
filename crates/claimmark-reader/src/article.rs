//! The article's blocks in chunks of eight (`div.cm-chunk`, which
//! `claimmark.css` gives `content-visibility: auto`: off-screen chunks are
//! neither laid out nor painted), as the editor draws them. Every block
//! shows its marks: a reader never edits, so a long article pays for its
//! marks once, when the annotations arrive.
//!
//! Not here: one block's marks ([`crate::block`]) and the segments
//! (claimmark-core's `view::segments`).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::segments::Segment;
use claimmark_core::AnnotationId;

use crate::block::BlockView;
use claimmark_ui::DocumentRef;

/// Blocks in a chunk (the editor's `CHUNK_BLOCKS`).
pub const CHUNK_BLOCKS: usize = 8;

/// Props of [`ArticleBlocks`].
#[derive(Properties, PartialEq)]
pub struct ArticleBlocksProps {
    /// The article.
    pub document: DocumentRef,
    /// Each block's segments, in block order (one `Rc` per revision).
    pub segments: Rc<Vec<Rc<Vec<Segment>>>>,
    /// The tab stop among claims, and where it starts.
    pub stop: Option<(AnnotationId, usize)>,
}

/// The article's blocks, chunk by chunk.
#[component]
pub fn ArticleBlocks(props: &ArticleBlocksProps) -> Html {
    let blocks = props.document.0.blocks();
    let chunks = blocks
        .chunks(CHUNK_BLOCKS)
        .zip(props.segments.chunks(CHUNK_BLOCKS));
    html! {
        { for chunks.enumerate().map(|(chunk, (blocks, segments))| {
            let first = chunk * CHUNK_BLOCKS;
            html! {
                <div class="cm-chunk" key={chunk}>
                    { for blocks.iter().zip(segments).enumerate().map(|(offset, (block, segments))| {
                        let index = first + offset;
                        let stop = props
                            .stop
                            .filter(|(_, start)| block.span.start() <= *start && *start < block.span.end())
                            .map(|(id, _)| id);
                        html! {
                            <BlockView key={index} {index} document={props.document.clone()} block={*block}
                                segments={segments.clone()} {stop} />
                        }
                    }) }
                </div>
            }
        }) }
    }
}
