//! The dark-theme switch in the header: a toggle button (`aria-pressed`).
//!
//! Not here: remembering the choice and following the system's preference
//! ([`crate::hooks::theme`]).

use yew::prelude::*;

/// Props of [`ThemeToggle`].
#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    /// The dark theme is on.
    pub dark: bool,
    /// Switch it.
    pub on_toggle: Callback<()>,
}

/// The dark-theme switch.
#[component]
pub fn ThemeToggle(props: &ThemeToggleProps) -> Html {
    html! {
        <button type="button" class="cm-button cm-theme-toggle" data-fold="2" aria-pressed={props.dark.to_string()}
            onclick={props.on_toggle.reform(|_: MouseEvent| ())}>
            { "Dark theme" }
        </button>
    }
}
