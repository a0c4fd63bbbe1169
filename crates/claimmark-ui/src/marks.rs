//! A block's claim marks, the widget's DOM contract (ARCHITECTURE.md): each
//! segment is a text run (`span.cm-run[data-s][data-e]`, its span in code
//! points) inside one `mark.cm-claim[data-certainty][data-annotation-id]`
//! per claim over it, outermost first. The outermost mark where a claim
//! starts is its keyboard stop (`role=button`, accessible name "Unclear
//! claim: …"); the one roving stop has `tabindex=0`, the others `-1`.
//!
//! Not here: cutting the segments (claimmark-core's `view::segments`), the
//! block element around them and the editor's suggestions.

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::segments::{Layer, Segment};
use claimmark_core::{AnnotationId, Document, Span};

/// A shared document compared by identity, so props holding it compare in
/// constant time (a new article makes a new `Rc`).
#[derive(Clone)]
pub struct DocumentRef(pub Rc<Document>);

impl PartialEq for DocumentRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A text run: the innermost element, carrying its span in code points.
pub fn render_run(document: &Document, span: Span) -> Html {
    let text = document.slice(span).unwrap_or_default().to_owned();
    let (start, end) = (span.start(), span.end());
    html! {
        <span key={start} class="cm-run" data-s={start.to_string()} data-e={end.to_string()}>{ text }</span>
    }
}

/// One segment: its run inside a mark per claim over it, outermost first;
/// `roving` is the claim whose stop has `tabindex=0`.
pub fn render_segment(
    document: &Document,
    segment: &Segment,
    roving: Option<AnnotationId>,
) -> Html {
    let start = segment.span.start();
    let mut inner = render_run(document, segment.span);
    let depth = segment.layers.len();
    // The outermost layer that starts here is the claim's keyboard stop.
    let stop = segment.layers.iter().position(|l| l.starts);
    for (index, layer) in segment.layers.iter().enumerate().rev() {
        inner = render_layer(
            document,
            layer,
            depth - 1 - index,
            stop == Some(index),
            roving,
            segment.span,
            inner,
        );
    }
    html! { <span key={start.to_string()} class="cm-seg">{ inner }</span> }
}

fn render_layer(
    document: &Document,
    layer: &Layer,
    depth: usize,
    is_stop: bool,
    roving: Option<AnnotationId>,
    shown: Span,
    inner: Html,
) -> Html {
    let certainty = layer.certainty;
    let tabindex = is_stop.then_some(if roving == Some(layer.id) { "0" } else { "-1" });
    let id = layer.id.to_string();
    let depth = depth.min(3).to_string();
    let title = if layer.review {
        format!(
            "{} claim, found with edits: needs review",
            certainty.label()
        )
    } else {
        format!("{} claim", certainty.label())
    };
    // The outermost mark where a claim starts is its keyboard stop.
    // Its name holds the text it shows (WCAG 2.5.3, "label in name").
    let name = is_stop.then(|| format!("{title}: {}", document.slice(shown).unwrap_or_default()));
    html! {
        <mark class="cm-claim" data-certainty={certainty.key()} data-annotation-id={id}
            data-depth={depth} data-starts={layer.starts.to_string()} data-ends={layer.ends.to_string()}
            data-review={layer.review.then_some("true")}
            role={is_stop.then_some("button")} {tabindex}
            aria-haspopup={is_stop.then_some("dialog")} aria-label={name} {title}>
            { inner }
        </mark>
    }
}
