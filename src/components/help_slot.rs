//! Where the shortcuts dialog goes: [`HelpSlot`] shows it while the screen
//! state says it is open (`?`, the header's button).
//!
//! Not here: the dialog ([`crate::components::shortcuts_help`]).

use yew::prelude::*;

use crate::components::shortcuts_help::ShortcutsHelp;

/// Props of [`HelpSlot`].
#[derive(Properties, PartialEq)]
pub struct HelpSlotProps {
    /// Shown.
    pub open: bool,
    /// Close it.
    pub on_close: Callback<()>,
}

/// The shortcuts dialog when open.
#[component]
pub fn HelpSlot(props: &HelpSlotProps) -> Html {
    if props.open {
        html! { <ShortcutsHelp on_close={props.on_close.clone()} /> }
    } else {
        html! {}
    }
}
