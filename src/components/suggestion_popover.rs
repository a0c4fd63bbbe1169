//! The small dialog a suggested sentence opens: why it was suggested,
//! "Accept as …" (the suggested certainty) and "Dismiss". It takes the
//! focus when it opens; Escape closes it ([`crate::hooks::suggestions`] then puts the focus
//! back on the suggestion).
//!
//! Not here: which suggestion is open and what accepting or dismissing
//! does ([`crate::hooks::suggestions`]).

use yew::prelude::*;

use claimmark_core::Certainty;

/// Props of [`SuggestionPopover`].
#[derive(Properties, PartialEq)]
pub struct SuggestionPopoverProps {
    /// Position inside the widget, in CSS pixels: (left, top).
    pub at: (i32, i32),
    /// The suggested certainty.
    pub certainty: Certainty,
    /// Why ("hedge: 'appears'").
    pub explanation: AttrValue,
    /// Accept: create the claim.
    pub on_accept: Callback<()>,
    /// Dismiss: hide this suggestion for good.
    pub on_dismiss: Callback<()>,
    /// Close without deciding.
    pub on_close: Callback<()>,
}

/// Accept / Dismiss for one suggestion.
#[component]
pub fn SuggestionPopover(props: &SuggestionPopoverProps) -> Html {
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with(props.at, move |_| {
            crate::dialog::focus(&first);
        });
    }
    let style = format!("left:{}px;top:{}px", props.at.0, props.at.1);
    let certainty = props.certainty;
    let onkeydown = crate::dialog::close_on_escape(&props.on_close);
    let on_accept = props.on_accept.reform(|_: MouseEvent| ());
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="cm-suggest-pop" role="dialog" aria-label="Suggested claim" {style} {onkeydown}
            data-certainty={certainty.key()}>
            <p class="cm-suggest-why">
                <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                { format!("Suggested {} — {}", certainty.key(), props.explanation) }
            </p>
            <div class="cm-suggest-actions">
                <button type="button" class="cm-tag cm-accept" data-certainty={certainty.key()}
                    ref={first} onclick={on_accept}>
                    { format!("Accept as {}", certainty.label()) }
                </button>
                <button type="button" class="cm-dismiss" onclick={on_dismiss}>{ "Dismiss" }</button>
                <button type="button" class="cm-close" aria-label="Close" onclick={on_close}>{ "×" }</button>
            </div>
        </div>
    }
}
