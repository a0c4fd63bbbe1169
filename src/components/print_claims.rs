//! The numbered list of claims that only the print stylesheet shows: each
//! claim in full (certainty, quote, note, sources), in document order.
//!
//! Not here: when it is built (only while printing,
//! [`crate::components::workspace_aside`]).

use yew::prelude::*;

use crate::hooks::document_order::Ordered;

/// Props of [`PrintClaims`].
#[derive(Properties, PartialEq)]
pub struct PrintClaimsProps {
    /// Every claim in document order (the panel's order, shared).
    pub ordered: Ordered,
}

/// The numbered list of claims for print (hidden on screen).
#[component]
pub fn PrintClaims(props: &PrintClaimsProps) -> Html {
    let claims = &props.ordered.0;
    html! {
        <section class="cm-print-claims" aria-hidden="true">
            <h2>{ "Claims" }</h2>
            <ol>
                { for claims.iter().map(|claim| {
                    let annotation = &claim.annotation;
                    html! {
                        <li key={annotation.id.to_string()} data-certainty={annotation.certainty.key()}>
                            <strong>{ format!("{} {}", annotation.certainty.symbol(), annotation.certainty.label()) }</strong>
                            { ": " }<q dir="auto">{ annotation.target.quote.exact.clone() }</q>
                            if !annotation.note.is_empty() {
                                <p class="cm-print-note" dir="auto">{ format!("Note: {}", annotation.note) }</p>
                            }
                            if !annotation.sources.is_empty() {
                                <ul class="cm-print-sources">
                                    { for annotation.sources.iter().map(|url| html! { <li>{ url.as_str().to_owned() }</li> }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
