//! The claims panel: every claim in document order (quote, certainty, the
//! start of its note, how many sources), filtered by the legend's chips
//! and by a search over quotes and notes. Choosing an entry scrolls to its
//! highlight and focuses it ([`crate::hooks::roving_focus`], through `on_pick`). A long
//! investigation has thousands of claims: the panel lists the first
//! [`PANEL_PAGE`] that match and a button shows more, so the page never
//! lays out ten thousand entries nobody scrolls through (search narrows).
//! Each entry is its own component compared by the claim's pointer
//! ([`crate::components::panel_entry`]), so a change to one claim
//! re-renders that entry, not the page of them.
//!
//! Not here: the document order ([`crate::hooks::document_order`]), the
//! print list ([`crate::components::print_claims`]).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use claimmark_core::{AnnotationId, Claim};

use crate::components::panel_entry::PanelEntry;
use crate::hooks::document_order::Ordered;
use crate::ui_state::is_off;

/// Entries listed at first, and added by each "Show more".
pub const PANEL_PAGE: usize = 100;

/// Props of [`ClaimPanel`].
#[derive(Properties, PartialEq)]
pub struct ClaimPanelProps {
    /// Certainties filtered out, in [`claimmark_core::Certainty::ALL`] order.
    pub hidden: [bool; 3],
    /// Every claim, in document order.
    pub ordered: Ordered,
    /// Scroll to and focus a claim.
    pub on_pick: Callback<AnnotationId>,
}

/// True when `query` (already lower-cased) is in the claim's quote or note.
fn matches(claim: &Claim, query: &str) -> bool {
    query.is_empty()
        || claim
            .annotation
            .target
            .quote
            .exact
            .to_lowercase()
            .contains(query)
        || claim.annotation.note.to_lowercase().contains(query)
}

/// The side panel listing the claims.
#[component]
pub fn ClaimPanel(props: &ClaimPanelProps) -> Html {
    let title_id = crate::embed::use_unique_id("cm-panel-title");
    let query = use_state_eq(String::new);
    let limit = use_state_eq(|| PANEL_PAGE);
    let needle = query.trim().to_lowercase();
    let all = &props.ordered.0;
    let shown: Vec<&Rc<Claim>> = all
        .iter()
        .filter(|c| !is_off(props.hidden, c.annotation.certainty) && matches(c, &needle))
        .collect();
    let on_search = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let listed = shown.len().min(*limit);
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PANEL_PAGE))
    };
    let count = if listed < shown.len() {
        format!(
            "{} of {} claims shown, the first {listed} listed",
            shown.len(),
            all.len()
        )
    } else {
        format!("{} of {} claims shown", shown.len(), all.len())
    };
    html! {
        <aside class="cm-panel" aria-labelledby={title_id.clone()}>
            <h2 class="cm-panel-title" id={title_id}>{ "Claims" }</h2>
            <label class="cm-field">
                <span>{ "Search quotes and notes" }</span>
                <input type="search" class="cm-panel-search" value={(*query).clone()} oninput={on_search} />
            </label>
            <p class="cm-panel-count cm-muted" role="status">
                { count }
            </p>
            <ol class="cm-panel-list">
                { for shown.iter().take(listed).map(|claim| html! {
                    <PanelEntry key={claim.annotation.id.to_string()} claim={Rc::clone(claim)} on_pick={props.on_pick.clone()} />
                }) }
            </ol>
            if listed < shown.len() {
                <button type="button" class="cm-button cm-panel-more" onclick={more}>
                    { format!("Show {} more", (shown.len() - listed).min(PANEL_PAGE)) }
                </button>
            }
        </aside>
    }
}
