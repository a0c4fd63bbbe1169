//! The "claim deleted" toast with its Undo button.
//!
//! Not here: the deleted claim and putting it back ([`crate::hooks::claims`]).

use yew::prelude::*;

/// Props of [`UndoToast`].
#[derive(Properties, PartialEq)]
pub struct UndoToastProps {
    /// The start of the deleted claim's quote.
    pub quote: AttrValue,
    /// Puts the claim back.
    pub on_undo: Callback<()>,
    /// Hides the toast.
    pub on_dismiss: Callback<()>,
}

/// A status message offering to undo a deletion.
#[component]
pub fn UndoToast(props: &UndoToastProps) -> Html {
    let on_undo = props.on_undo.reform(|_: MouseEvent| ());
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="cm-toast" role="status">
            <span>{ "Claim deleted: " }<q dir="auto">{ props.quote.clone() }</q></span>
            <button type="button" class="cm-button" onclick={on_undo}>{ "Undo" }</button>
            <button type="button" class="cm-button cm-quiet" aria-label="Dismiss" onclick={on_dismiss}>{ "×" }</button>
        </div>
    }
}
