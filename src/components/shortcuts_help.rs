//! The `?` dialog: every keyboard shortcut. It takes focus when it opens
//! and gives it back to where it was when it closes (Escape or Close).
//!
//! Not here: when it opens ([`crate::ui_state::UiState::help_open`]) and what
//! the keys do ([`crate::hooks::key_commands`]).

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Shortcuts by group: (keys, what they do).
pub const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Claims",
        &[
            (
                "Tab",
                "Reach the claims (one stop), then the rest of the page",
            ),
            ("↓ → j / ↑ ← k", "Next / previous claim"),
            ("Home / End", "First / last claim"),
            ("Enter", "Open the claim's card"),
            ("Escape", "Close the card or this help"),
            ("1 / 2 / 3", "Confirmed / unclear / unconfirmed"),
            ("Delete", "Delete the focused claim"),
        ],
    ),
    (
        "Creating a claim without a mouse",
        &[
            ("n / p", "Select the next / previous sentence"),
            ("w / b", "Select the next / previous word"),
            ("e / Shift+E", "Grow / shrink the selection by a word"),
            ("s", "Select the whole sentence"),
            ("1 / 2 / 3", "Tag the selection"),
        ],
    ),
    (
        "Everywhere",
        &[
            ("Ctrl+Z / ⌘Z", "Undo"),
            ("Shift+Ctrl+Z / Shift+⌘Z", "Redo"),
            ("?", "Show these shortcuts"),
        ],
    ),
];

/// Props of [`ShortcutsHelp`].
#[derive(Properties, PartialEq)]
pub struct ShortcutsHelpProps {
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// The shortcuts dialog.
#[component]
pub fn ShortcutsHelp(props: &ShortcutsHelpProps) -> Html {
    let title_id = crate::embed::use_unique_id("cm-help-title");
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            crate::dialog::focus(&close_button);
            move || {
                if let Some(previous) = previous {
                    let _ = previous.focus();
                }
            }
        });
    }
    let on_keydown = crate::dialog::close_on_escape(&props.on_close);
    let on_click = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="cm-help" role="dialog" aria-modal="false" aria-labelledby={title_id.clone()} onkeydown={on_keydown}>
            <h2 id={title_id}>{ "Keyboard shortcuts" }</h2>
            { for SHORTCUTS.iter().map(|(group, keys)| html! {
                <table class="cm-help-table">
                    <caption>{ *group }</caption>
                    <tbody>
                        { for keys.iter().map(|(key, what)| html! {
                            <tr><th scope="row"><kbd>{ *key }</kbd></th><td>{ *what }</td></tr>
                        }) }
                    </tbody>
                </table>
            }) }
            <button type="button" class="cm-button" ref={close_button} onclick={on_click}>{ "Close" }</button>
        </div>
    }
}
