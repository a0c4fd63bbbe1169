//! "Claims to review": claims the anchoring engine found only with edits
//! (fuzzy) or in two equally likely places (ambiguous) after the article
//! changed. Each shows its stored quote beside what the text says now and
//! offers one action that settles it: accept the edited text, or choose
//! one of the two places. Nothing is moved without a person's choice.
//!
//! Not here: anchoring (the core); this shows its outcome and the choice.

use yew::prelude::*;

use crate::store::use_store;
use claimmark_core::text::excerpt::first_words;
use claimmark_core::{Claim, Document, Placement, Span};

/// Words of the current text shown for a candidate place.
const PLACE_WORDS: usize = 14;

/// Props of [`ReviewList`].
#[derive(Properties, PartialEq)]
pub struct ReviewListProps {
    /// Claims whose placement needs review.
    pub claims: Vec<Claim>,
}

/// The list of claims to review; nothing when there are none.
#[component]
pub fn ReviewList(props: &ReviewListProps) -> Html {
    let Some(store) = use_store() else {
        return html! {};
    };
    if props.claims.is_empty() {
        return html! {};
    }
    let document = store.state().document.clone();
    html! {
        <section class="cm-review" aria-label="Claims to review">
            <h2>{ "Claims to review" }</h2>
            <p>{ "The article changed. These claims were found only with edits, or in two places; nothing moves until you choose." }</p>
            <ul>
                { for props.claims.iter().map(|claim| {
                    let a = &claim.annotation;
                    let id = a.id;
                    let choices = match claim.placement {
                        Placement::Fuzzy { span, score } => vec![(span, format!("Accept the new text ({}% match)", score.percent()))],
                        Placement::Ambiguous { first, second } => vec![
                            (first, format!("Place it here ({})", where_in(&document, first))),
                            (second, format!("Place it here ({})", where_in(&document, second))),
                        ],
                        _ => Vec::new(),
                    };
                    let status = if matches!(claim.placement, Placement::Ambiguous { .. }) {
                        "Fits two places equally well"
                    } else {
                        "Found with edits"
                    };
                    html! {
                        <li key={id.to_string()} data-certainty={a.certainty.key()} data-annotation-id={id.to_string()}>
                            <p>
                                <span class="cm-swatch" aria-hidden="true">{ a.certainty.symbol() }</span>
                                <strong>{ a.certainty.label() }</strong>{ format!(" claim · {status}") }
                            </p>
                            <p class="cm-was">{ "Was: " }<q dir="auto">{ a.target.quote.exact.clone() }</q></p>
                            { for choices.into_iter().map(|(span, label)| {
                                let store = store.clone();
                                let onclick = Callback::from(move |_: MouseEvent| store.place(id, span));
                                html! {
                                    <div class="cm-choice">
                                        <p class="cm-now">{ "Now: " }<q dir="auto">{ text_at(&document, span) }</q></p>
                                        <button type="button" class="cm-button" {onclick}>{ label }</button>
                                    </div>
                                }
                            }) }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// Which block a place is in, for people: "paragraph 3".
fn where_in(document: &Document, span: Span) -> String {
    match document.block_at_or_after(span.start()) {
        Some(index) => format!("block {} of {}", index + 1, document.blocks().len()),
        None => "end of the article".to_owned(),
    }
}

/// The words at `span` in the current text, shortened for a list.
pub fn text_at(document: &Document, span: Span) -> String {
    first_words(document.slice(span).unwrap_or_default(), PLACE_WORDS)
}
