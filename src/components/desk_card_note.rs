//! The desk's line in a claim's card: "Last changed by Ana", or, when
//! another person's change to this claim arrived while the card was open,
//! "Changed by Ana" (or "Deleted by Ana") with "Show their version" and
//! "Keep mine" (plain buttons: keyboard and screen readers work as
//! anywhere; the note is an alert, so it is announced once it appears).
//! Nothing when the widget does not sync.
//!
//! Not here: holding the change and applying the choice ([`crate::desk`]).

use yew::prelude::*;

use claimmark_core::AnnotationId;

use crate::hooks::desk::DeskContext;

/// Props of [`DeskCardNote`].
#[derive(Properties, PartialEq)]
pub struct DeskCardNoteProps {
    /// The card's claim.
    pub id: AnnotationId,
}

/// Who changed the claim, and a held change's choice.
#[component]
pub fn DeskCardNote(props: &DeskCardNoteProps) -> Html {
    let Some(desk) = use_context::<Option<DeskContext>>().flatten() else {
        return html! {};
    };
    let id = props.id;
    if let Some((_, by, deleted)) = desk.view.held.clone().filter(|held| held.0 == id) {
        let pick = |theirs: bool| {
            let desk = desk.clone();
            Callback::from(move |_: MouseEvent| desk.choose(id, theirs))
        };
        let what = if deleted { "Deleted by" } else { "Changed by" };
        let theirs = if deleted {
            "Delete it"
        } else {
            "Show their version"
        };
        return html! {
            <div class="cm-desk-changed" role="alert">
                <p><strong>{ format!("{what} {by}") }</strong>{ " while you had this claim open." }</p>
                <button type="button" class="cm-button" onclick={pick(true)}>{ theirs }</button>
                <button type="button" class="cm-button" onclick={pick(false)}>{ "Keep mine" }</button>
            </div>
        };
    }
    match desk.view.changed_by.get(&id) {
        Some(by) => {
            html! { <p class="cm-muted cm-changed-by">{ format!("Last changed by {by}") }</p> }
        }
        None => html! {},
    }
}
