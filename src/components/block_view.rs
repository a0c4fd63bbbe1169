//! One block of the article (dateline, headline or paragraph) with its
//! highlights. Each segment is a text run (`data-s`/`data-e` carry its
//! span, as [`crate::dom_selection`] reads them) wrapped in one `<mark>` per claim over it, outermost first, so
//! host CSS and tests find every highlight by `data-certainty` and
//! `data-annotation-id`. The outermost mark where a claim starts is its
//! stop (`role=button`, accessible name "Unclear claim: …"); only one stop
//! in the widget has `tabindex=0` (roving focus, moved by [`crate::hooks::roving_focus`]).
//! Memoised by its props: a change to one claim
//! re-renders only the blocks whose segments changed. Until the block
//! comes near the viewport (`marks` false, [`crate::hooks::nearby`]) it is
//! its text as one run, without marks.
//!
//! A suggested sentence (never under a claim) is one
//! `span.cm-suggestion[data-suggestion-id][data-suggestion-certainty]`
//! around its runs, cue words inside it as `span.cm-cue[data-cue-kind]`;
//! the runs stay the innermost text holders. The wrapper is a keyboard
//! stop (`role=button`, `tabindex=0`) whose `title` says why and whose
//! accessible name says the certainty, so it is never colour alone.
//!
//! Not here: cutting the pieces ([`crate::hooks::pieces`]) and moving the
//! tab stop ([`crate::hooks::roving_focus`]).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::suggested::{Piece, Placed};
use claimmark_core::{AnnotationId, Block, BlockKind, Document};
use claimmark_ui::marks::{render_run, render_segment};
use claimmark_ui::DocumentRef;

/// Props of [`BlockView`].
#[derive(Properties, PartialEq)]
pub struct BlockViewProps {
    /// The article.
    pub document: DocumentRef,
    /// This block's index in the document (`data-block`, which
    /// [`crate::hooks::nearby`] watches).
    pub index: usize,
    /// This block.
    pub block: Block,
    /// Show the marks; false shows the text alone, as one run, while the
    /// block is far from the viewport ([`crate::hooks::nearby`]). [`crate::hooks::marks`] says
    /// which blocks do (near, printing, or holding the tab stop).
    #[prop_or(true)]
    pub marks: bool,
    /// Its pieces: claim segments and suggested sentences.
    pub pieces: Rc<Vec<Piece>>,
    /// The claim whose stop is the widget's one tab stop among claims
    /// (roving focus), when it starts in this block; the other stops take
    /// `tabindex=-1` and are reached with the arrow keys.
    #[prop_or_default]
    pub stop: Option<AnnotationId>,
}

/// A block with its highlights.
#[component]
pub fn BlockView(props: &BlockViewProps) -> Html {
    let document = &props.document.0;
    let runs: Html = if props.marks {
        props
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(segment) => render_segment(document, segment, props.stop),
                Piece::Suggested(placed) => render_suggestion(document, placed),
            })
            .collect()
    } else if props.block.span.is_empty() {
        Html::default()
    } else {
        render_run(document, props.block.span)
    };
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

fn render_suggestion(document: &Document, placed: &Placed) -> Html {
    let certainty = placed.certainty;
    let title = format!("Suggested {} — {}", certainty.key(), placed.explanation);
    let quote = document.slice(placed.span).unwrap_or_default();
    // The name holds all the visible text (WCAG 2.5.3, "label in name").
    let name = format!("Suggested {} claim: {quote}", certainty.key());
    let parts: Html = placed
        .parts
        .iter()
        .map(|part| {
            let run = render_run(document, part.span);
            match part.cue {
                Some(kind) => html! {
                    <span key={part.span.start()} class="cm-cue" data-cue-kind={kind.key()}>{ run }</span>
                },
                None => run,
            }
        })
        .collect();
    html! {
        <span key={format!("g{}", placed.span.start())} class="cm-seg">
            <span class="cm-suggestion" data-suggestion-id={placed.id.clone()}
                data-suggestion-certainty={certainty.key()} data-symbol={certainty.symbol()}
                role="button" tabindex="0" aria-haspopup="dialog" aria-label={name} {title}>
                { parts }
            </span>
        </span>
    }
}
