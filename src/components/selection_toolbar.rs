//! The toolbar that appears next to a selection: one button per
//! certainty (keys 1, 2, 3). Pressing a button keeps the selection (the
//! mouse-down is cancelled) and reports the chosen certainty.
//!
//! Not here: the selection ([`crate::hooks::selection`]) and creating the
//! claim ([`crate::hooks::claims`]).

use yew::prelude::*;

use claimmark_core::Certainty;

/// Props of [`SelectionToolbar`].
#[derive(Properties, PartialEq)]
pub struct SelectionToolbarProps {
    /// Position inside the widget, in CSS pixels: (left, top).
    pub at: (i32, i32),
    /// The toolbar sits above the selection instead of below.
    #[prop_or_default]
    pub above: bool,
    /// A certainty was chosen.
    pub on_pick: Callback<Certainty>,
}

/// Confirmed / Unclear / Unconfirmed buttons for the current selection.
#[component]
pub fn SelectionToolbar(props: &SelectionToolbarProps) -> Html {
    let style = format!("left:{}px;top:{}px", props.at.0, props.at.1);
    html! {
        <div class={classes!("cm-toolbar", props.above.then_some("cm-above"))} role="toolbar" aria-label="Tag the selection" {style}>
            { for Certainty::ALL.iter().map(|&certainty| {
                let on_pick = props.on_pick.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_pick.emit(certainty));
                let onmousedown = Callback::from(|event: MouseEvent| event.prevent_default());
                let shortcut = certainty.shortcut().to_string();
                html! {
                    <button type="button" class="cm-tag" data-certainty={certainty.key()}
                        aria-keyshortcuts={shortcut.clone()} title={format!("{} (key {shortcut})", certainty.label())}
                        {onclick} {onmousedown}>
                        <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                        { certainty.label() }
                        <kbd aria-hidden="true">{ shortcut }</kbd>
                    </button>
                }
            }) }
        </div>
    }
}
