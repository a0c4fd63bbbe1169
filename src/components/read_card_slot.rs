//! Where the read-mode card goes: [`ReadCardSlot`] looks the open card's
//! claim up in the store and shows it, read-only, or nothing once it is
//! gone.
//!
//! Not here: which card is open (`card` in [`crate::ui_state::UiState`])
//! and the card itself ([`crate::components::read_card`]).

use yew::prelude::*;

use crate::store::use_store;
use crate::ui_state::OpenCard;
use claimmark_ui::ReadCard;

/// Props of [`ReadCardSlot`].
#[derive(Properties, PartialEq)]
pub struct ReadCardSlotProps {
    /// The card on screen.
    pub open: OpenCard,
    /// Close it.
    pub on_close: Callback<()>,
}

/// Read mode's card: looks the claim up and shows it, read-only.
#[component]
pub fn ReadCardSlot(props: &ReadCardSlotProps) -> Html {
    let Some(store) = use_store() else {
        return html! {};
    };
    let Some(claim) = store.state().shared_claim(props.open.id).cloned() else {
        return html! {};
    };
    html! {
        <ReadCard {claim} at={props.open.at} take_focus={props.open.take_focus} on_close={props.on_close.clone()} />
    }
}
