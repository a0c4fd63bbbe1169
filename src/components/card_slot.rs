//! Where the edit-mode card goes: [`CardSlot`] looks the open card's claim
//! and the other claims over the same text up in the store (inside the
//! provider) and shows the [`ClaimCard`], or nothing once the claim is
//! gone.
//!
//! Not here: which card is open (`card` in [`crate::ui_state::UiState`])
//! and the card itself ([`crate::components::claim_card`]).

use yew::prelude::*;

use claimmark_core::AnnotationId;

use crate::components::claim_card::{ClaimCard, Neighbour};
use crate::components::desk_card_note::DeskCardNote;
use crate::components::short_quote;
use crate::hooks::desk::DeskContext;
use crate::store::use_store;
use crate::ui_state::OpenCard;

/// Props of [`CardSlot`].
#[derive(Properties, PartialEq)]
pub struct CardSlotProps {
    /// The card on screen.
    pub open: OpenCard,
    /// Close it.
    pub on_close: Callback<()>,
    /// Show another claim's card.
    pub on_select: Callback<AnnotationId>,
    /// Delete the claim.
    pub on_delete: Callback<AnnotationId>,
}

/// The open card's claim, with its neighbours, in a [`ClaimCard`].
#[component]
pub fn CardSlot(props: &CardSlotProps) -> Html {
    let desk = use_context::<Option<DeskContext>>().flatten();
    let Some(store) = use_store() else {
        return html! {};
    };
    let state = store.state();
    let Some(claim) = state.claim(props.open.id).cloned() else {
        return html! {};
    };
    let neighbours: Vec<Neighbour> = props
        .open
        .others
        .iter()
        .filter_map(|id| state.claim(*id))
        .map(|c| Neighbour {
            id: c.annotation.id,
            certainty: c.annotation.certainty,
            quote: short_quote(&c.annotation.target.quote.exact).into(),
        })
        .collect();
    // Drawn afresh (its note too) when the person took another version.
    let key = format!("{}-{}", props.open.id, desk.map_or(0, |d| d.view.chosen));
    html! {
        <ClaimCard {key} {claim} {neighbours} at={props.open.at} on_close={props.on_close.clone()}
            on_select={props.on_select.clone()} on_delete={props.on_delete.clone()}>
            <DeskCardNote id={props.open.id} />
        </ClaimCard>
    }
}
