//! One block of the article (dateline, headline or paragraph) with its
//! highlights, in the editor's DOM: each segment a text run
//! (`span.cm-run[data-s][data-e]`, its span in code points) wrapped in one
//! `mark.cm-claim` per claim over it, outermost first. The outermost mark
//! where a claim starts is its stop (`role=button`, accessible name
//! "Unclear claim: …", `tabindex` 0 for the one tab stop, else -1); a
//! claim found with edits carries `data-review` and says so in its title.
//! Memoised by its props: the filter or a card re-renders no block.
//!
//! Not here: cutting the segments (claimmark-core's `view::segments`) and
//! which claim is the tab stop (claimmark-core's `view::roving`).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::segments::Segment;
use claimmark_core::{AnnotationId, Block, BlockKind};
use claimmark_ui::marks::render_segment;
use claimmark_ui::DocumentRef;

/// Props of [`BlockView`].
#[derive(Properties, PartialEq)]
pub struct BlockViewProps {
    /// The article.
    pub document: DocumentRef,
    /// This block's index in the document (`data-block`).
    pub index: usize,
    /// This block.
    pub block: Block,
    /// Its segments (an `Rc` per revision of the claims).
    pub segments: Rc<Vec<Segment>>,
    /// The tab-stop claim, when it starts in this block.
    #[prop_or_default]
    pub stop: Option<AnnotationId>,
}

/// A block with its highlights.
#[component]
pub fn BlockView(props: &BlockViewProps) -> Html {
    let document = &props.document.0;
    let runs: Html = props
        .segments
        .iter()
        .map(|segment| render_segment(document, segment, props.stop))
        .collect();
    let index = props.index.to_string();
    match props.block.kind {
        BlockKind::Dateline => {
            let date = document
                .slice(props.block.span)
                .unwrap_or_default()
                .to_owned();
            html! { <p class="cm-block cm-dateline" data-block={index}><time datetime={date}>{ runs }</time></p> }
        }
        BlockKind::Headline => {
            html! { <h2 class="cm-block cm-headline" dir="auto" data-block={index}>{ runs }</h2> }
        }
        BlockKind::Paragraph => {
            html! { <p class="cm-block cm-paragraph" dir="auto" data-block={index}>{ runs }</p> }
        }
    }
}
