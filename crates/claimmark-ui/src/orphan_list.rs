//! "Orphaned claims": claims whose text is no longer in the article. They
//! are listed with their quote, certainty and note, and never deleted
//! automatically.
//!
//! Not here: anchoring (the core); this only lists.

use yew::prelude::*;

use std::rc::Rc;

use claimmark_core::Claim;

/// Props of [`OrphanList`].
#[derive(Properties, PartialEq)]
pub struct OrphanListProps {
    /// The claims that did not anchor.
    pub orphans: Vec<Rc<Claim>>,
}

/// The list of orphaned claims; nothing when there are none.
#[component]
pub fn OrphanList(props: &OrphanListProps) -> Html {
    if props.orphans.is_empty() {
        return html! {};
    }
    html! {
        <section class="cm-orphans" aria-label="Orphaned claims">
            <h2>{ "Orphaned claims" }</h2>
            <p>{ "These claims' text is no longer in the article. They are kept, not deleted." }</p>
            <ul>
                { for props.orphans.iter().map(|claim| {
                    let a = &claim.annotation;
                    html! {
                        <li key={a.id.to_string()} data-certainty={a.certainty.key()} data-annotation-id={a.id.to_string()}>
                            <span class="cm-swatch" aria-hidden="true">{ a.certainty.symbol() }</span>
                            <strong>{ a.certainty.label() }</strong>{ ": " }
                            <q dir="auto">{ a.target.quote.exact.clone() }</q>
                            if !a.note.is_empty() { <p class="cm-note" dir="auto">{ a.note.clone() }</p> }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
