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

use claimmark_core::view::segments::{Layer, Segment};
use claimmark_core::{AnnotationId, Block, BlockKind, Document, Span};

/// The article, compared by pointer (it never changes once mounted).
#[derive(Clone)]
pub struct DocumentRef(pub Rc<Document>);

impl PartialEq for DocumentRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

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

/// A text run: the innermost element, carrying its span in code points.
fn render_run(document: &Document, span: Span) -> Html {
    let text = document.slice(span).unwrap_or_default().to_owned();
    let (start, end) = (span.start(), span.end());
    html! {
        <span key={start} class="cm-run" data-s={start.to_string()} data-e={end.to_string()}>{ text }</span>
    }
}

fn render_segment(document: &Document, segment: &Segment, roving: Option<AnnotationId>) -> Html {
    let start = segment.span.start();
    let mut inner = render_run(document, segment.span);
    let depth = segment.layers.len();
    // The outermost layer that starts here is the claim's keyboard stop.
    let stop = segment.layers.iter().position(|l| l.starts);
    for (index, layer) in segment.layers.iter().enumerate().rev() {
        let mark = Mark {
            layer,
            depth: depth - 1 - index,
            is_stop: stop == Some(index),
            roving,
            shown: segment.span,
        };
        inner = mark.render(document, inner);
    }
    html! { <span key={start.to_string()} class="cm-seg">{ inner }</span> }
}

/// One claim's mark over one segment.
struct Mark<'a> {
    layer: &'a Layer,
    depth: usize,
    is_stop: bool,
    roving: Option<AnnotationId>,
    shown: Span,
}

impl Mark<'_> {
    fn render(&self, document: &Document, inner: Html) -> Html {
        let layer = self.layer;
        let certainty = layer.certainty;
        let is_stop = self.is_stop;
        let tabindex = is_stop.then_some(if self.roving == Some(layer.id) {
            "0"
        } else {
            "-1"
        });
        let title = if layer.review {
            format!(
                "{} claim, found with edits: needs review",
                certainty.label()
            )
        } else {
            format!("{} claim", certainty.label())
        };
        // Its name holds the text it shows (WCAG 2.5.3, "label in name").
        let name = is_stop.then(|| {
            format!(
                "{title}: {}",
                document.slice(self.shown).unwrap_or_default()
            )
        });
        html! {
            <mark class="cm-claim" data-certainty={certainty.key()} data-annotation-id={layer.id.to_string()}
                data-depth={self.depth.min(3).to_string()} data-starts={layer.starts.to_string()}
                data-ends={layer.ends.to_string()} data-review={layer.review.then_some("true")}
                role={is_stop.then_some("button")} {tabindex}
                aria-haspopup={is_stop.then_some("dialog")} aria-label={name} {title}>
                { inner }
            </mark>
        }
    }
}
