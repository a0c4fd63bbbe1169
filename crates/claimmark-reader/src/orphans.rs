//! "Orphaned claims": claims whose text is no longer in the article,
//! listed with their certainty, quote and note, as the editor lists them
//! (`section.cm-orphans`) — never dropped.
//!
//! Not here: anchoring (claimmark-core); this only lists.

use std::rc::Rc;

use yew::prelude::*;

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
