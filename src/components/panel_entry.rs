//! One entry of the claims panel: certainty, the quote's first words, the
//! note's, how many sources; a button that picks the claim. Its props
//! compare the claim by pointer, so a change to one claim re-renders one
//! entry.
//!
//! Not here: the list, its search and paging ([`crate::components::claim_panel`]).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::text::excerpt::first_words;
use claimmark_core::{AnnotationId, Claim, Placement};

/// Words of a quote shown per entry.
const QUOTE_WORDS: usize = 14;
/// Words of a note shown per entry.
const NOTE_WORDS: usize = 10;

/// Props of [`PanelEntry`].
#[derive(Properties)]
pub struct PanelEntryProps {
    /// The claim listed.
    pub claim: Rc<Claim>,
    /// Scroll to and focus it.
    pub on_pick: Callback<AnnotationId>,
}

/// By pointer: a claim that did not change is the same `Rc` in the next
/// state, so a change to one claim re-renders one entry, not the page of
/// them.
impl PartialEq for PanelEntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.claim, &other.claim) && self.on_pick == other.on_pick
    }
}

/// One entry of the list: certainty, the quote's first words, the note's,
/// how many sources; a button that picks the claim.
#[component]
pub fn PanelEntry(props: &PanelEntryProps) -> Html {
    let claim = &props.claim;
    let annotation = &claim.annotation;
    let id = annotation.id;
    let certainty = annotation.certainty;
    let sources = match annotation.sources.len() {
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    let orphan = claim.placement == Placement::Orphan;
    let onclick = props.on_pick.reform(move |_: MouseEvent| id);
    html! {
        <li>
            <button type="button" class="cm-panel-item" data-annotation-id={id.to_string()}
                data-certainty={certainty.key()} disabled={orphan} {onclick}>
                <span class="cm-panel-certainty">
                    <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                    { certainty.label() }
                    if orphan { { " (not found in the text)" } }
                </span>
                <q class="cm-panel-quote" dir="auto">{ first_words(&annotation.target.quote.exact, QUOTE_WORDS) }</q>
                if !annotation.note.is_empty() {
                    <span class="cm-panel-note" dir="auto">{ first_words(&annotation.note, NOTE_WORDS) }</span>
                }
                <span class="cm-panel-sources">{ sources }</span>
            </button>
        </li>
    }
}
