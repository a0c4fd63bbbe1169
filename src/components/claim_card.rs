//! The card of one claim, a dialog: its quote, certainty (buttons and keys
//! 1, 2, 3), note, source links (http and https only), delete, and the
//! other claims over the same text. It takes focus when it opens; Escape
//! or Close hands focus back ([`crate::hooks::card`] does that).
//!
//! Not here: which card is open, switching and closing it
//! ([`crate::hooks::card`]), and deleting ([`crate::hooks::claims`]).

use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::review_list::text_at;
use crate::share;
use crate::store::use_store;
use claimmark_core::interchange::text_fragment_link;
use claimmark_core::{AnnotationId, Certainty, Claim, Placement, SourceUrl};

/// Another claim over the clicked text, offered for switching.
#[derive(Clone, PartialEq)]
pub struct Neighbour {
    /// Its id.
    pub id: AnnotationId,
    /// Its certainty.
    pub certainty: Certainty,
    /// Its quote.
    pub quote: AttrValue,
}

/// Props of [`ClaimCard`].
#[derive(Properties, PartialEq)]
pub struct ClaimCardProps {
    /// The claim shown.
    pub claim: Claim,
    /// Other claims over the clicked text.
    pub neighbours: Vec<Neighbour>,
    /// Position inside the widget: (left, top) in CSS pixels.
    pub at: (i32, i32),
    /// Close the card.
    pub on_close: Callback<()>,
    /// Show another claim's card.
    pub on_select: Callback<AnnotationId>,
    /// Delete this claim.
    pub on_delete: Callback<AnnotationId>,
    /// Shown under the quote (desk sync: who changed it, a held change).
    #[prop_or_default]
    pub children: Html,
}

/// The dialog for one claim.
#[component]
pub fn ClaimCard(props: &ClaimCardProps) -> Html {
    let store = use_store();
    let dialog = use_node_ref();
    let source_input = use_node_ref();
    let source_error = use_state(|| None::<String>);
    let claim_link = use_state_eq(|| None::<String>);
    let annotation = &props.claim.annotation;
    let id = annotation.id;
    // The note being typed: shown as typed, saved on change (blur), on
    // Escape, and when the card goes away with unsaved typing.
    let draft = use_state_eq(|| annotation.note.clone());
    let unsaved = use_mut_ref(|| None::<String>);
    {
        let (draft, unsaved, note) = (draft.clone(), unsaved.clone(), annotation.note.clone());
        let store = store.clone();
        use_effect_with(id, move |_| {
            draft.set(note);
            move || {
                if let (Some(store), Some(text)) = (store, unsaved.borrow_mut().take()) {
                    store.set_note(id, text);
                }
            }
        });
    }

    {
        let dialog = dialog.clone();
        use_effect_with(id, move |_| {
            if let Some(dialog) = dialog.cast::<HtmlElement>() {
                if let Ok(Some(first)) = dialog.query_selector("[aria-pressed='true']") {
                    if let Ok(first) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(first) {
                        let _ = first.focus();
                    }
                }
            }
        });
    }

    let Some(store) = store else { return html! {} };

    let on_note_input = {
        let (draft, unsaved) = (draft.clone(), unsaved.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                *unsaved.borrow_mut() = Some(area.value());
                draft.set(area.value());
            }
        })
    };
    let on_note = {
        let (store, unsaved) = (store.clone(), unsaved.clone());
        Callback::from(move |event: Event| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                unsaved.borrow_mut().take();
                store.set_note(id, area.value());
            }
        })
    };
    let on_add_source = {
        let store = store.clone();
        let input = source_input.clone();
        let error = source_error.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            match SourceUrl::parse(&field.value()) {
                Ok(url) => {
                    store.add_source(id, url);
                    field.set_value("");
                    error.set(None);
                }
                Err(reason) => error.set(Some(reason.to_string())),
            }
        })
    };
    let on_keydown = {
        let store = store.clone();
        let unsaved_on_escape = unsaved.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                event.stop_propagation();
                // Removing a focused field fires no change event: keep the note.
                if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                    unsaved_on_escape.borrow_mut().take();
                    store.set_note(id, area.value());
                }
                on_close.emit(());
                return;
            }
            let typing = event
                .target_dyn_into::<HtmlElement>()
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if typing || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            if let Some(certainty) = Certainty::from_shortcut(&event.key()) {
                event.prevent_default();
                event.stop_propagation();
                store.set_certainty(id, certainty);
            }
        })
    };
    let on_copy_link = {
        let (store, claim_link) = (store.clone(), claim_link.clone());
        let quote = annotation.target.quote.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(page) = share::page_url() else {
                return;
            };
            let link = text_fragment_link(&page, &quote, Some(store.state().document.text()));
            claim_link.set(Some(link.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                let _ = share::copy(link).await;
            });
        })
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_delete = props.on_delete.reform(move |_: MouseEvent| id);
    let heading_id = format!("cm-card-title-{id}");
    let error_id = format!("cm-card-error-{id}");
    let style = format!("left:{}px;top:{}px", props.at.0, props.at.1);

    html! {
        <div class="cm-card" role="dialog" aria-modal="false" aria-labelledby={heading_id.clone()}
            data-annotation-id={id.to_string()} data-certainty={annotation.certainty.key()}
            ref={dialog} onkeydown={on_keydown} {style}>
            <h2 class="cm-card-title" id={heading_id}>
                <span class="cm-swatch" aria-hidden="true">{ annotation.certainty.symbol() }</span>
                { format!("{} claim", annotation.certainty.label()) }
            </h2>
            <blockquote class="cm-quote" dir="auto">{ annotation.target.quote.exact.clone() }</blockquote>
            { props.children.clone() }
            if let Placement::Fuzzy { span, score } = props.claim.placement {
                <div class="cm-review-note" role="note">
                    <p><strong>{ "Needs review: " }</strong>{ format!("the article changed; this claim was found with edits ({}% match).", score.percent()) }</p>
                    <p class="cm-now">{ "Now: " }<q dir="auto">{ text_at(&store.state().document, span) }</q></p>
                    <button type="button" class="cm-button" onclick={
                        let store = store.clone();
                        Callback::from(move |_: MouseEvent| store.place(id, span))
                    }>{ "Accept the new text" }</button>
                </div>
            }
            <div class="cm-certainty" role="group" aria-label="Certainty">
                { for Certainty::ALL.iter().map(|&certainty| {
                    let store = store.clone();
                    let onclick = Callback::from(move |_: MouseEvent| store.set_certainty(id, certainty));
                    let pressed = (certainty == annotation.certainty).to_string();
                    html! {
                        <button type="button" class="cm-tag" data-certainty={certainty.key()} aria-pressed={pressed}
                            aria-keyshortcuts={certainty.shortcut().to_string()} {onclick}>
                            <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                            { certainty.label() }
                        </button>
                    }
                }) }
            </div>
            <label class="cm-field">
                <span>{ "Note" }</span>
                <textarea rows="3" dir="auto" value={(*draft).clone()} oninput={on_note_input} onchange={on_note} />
            </label>
            <div class="cm-sources">
                <h3>{ "Sources" }</h3>
                if annotation.sources.is_empty() {
                    <p class="cm-muted">{ "No source links yet." }</p>
                } else {
                    <ul>
                        { for annotation.sources.iter().map(|url| {
                            let store = store.clone();
                            let remove = url.clone();
                            let onclick = Callback::from(move |_: MouseEvent| store.remove_source(id, remove.clone()));
                            html! {
                                <li key={url.as_str().to_owned()}>
                                    <a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer" dir="auto">{ url.as_str().to_owned() }</a>
                                    <button type="button" class="cm-button cm-quiet" aria-label={format!("Remove source {}", url.as_str())} {onclick}>{ "×" }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
                <form class="cm-add-source" onsubmit={on_add_source}>
                    <label class="cm-field">
                        <span>{ "Source link" }</span>
                        <input type="url" inputmode="url" placeholder="https://…" ref={source_input}
                            aria-describedby={error_id.clone()} aria-invalid={source_error.is_some().to_string()} />
                    </label>
                    <button type="submit" class="cm-button">{ "Add source" }</button>
                </form>
                <p class="cm-error" id={error_id} aria-live="polite">{ (*source_error).clone().unwrap_or_default() }</p>
            </div>
            if !props.neighbours.is_empty() {
                <div class="cm-neighbours">
                    <h3>{ "Other claims here" }</h3>
                    <ul>
                        { for props.neighbours.iter().map(|n| {
                            let on_select = props.on_select.clone();
                            let other = n.id;
                            let onclick = Callback::from(move |_: MouseEvent| on_select.emit(other));
                            html! {
                                <li key={n.id.to_string()}>
                                    <button type="button" class="cm-button cm-link" data-certainty={n.certainty.key()} {onclick}>
                                        <span class="cm-swatch" aria-hidden="true">{ n.certainty.symbol() }</span>
                                        { format!("{} claim: ", n.certainty.label()) }<q dir="auto">{ n.quote.clone() }</q>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
            { crate::components::certainty_history::history_view(&annotation.history) }
            if let Some(link) = (*claim_link).clone() {
                <label class="cm-field">
                    <span>{ "Link to this claim (copied)" }</span>
                    <input class="cm-claim-link" readonly=true value={link} />
                </label>
            }
            <div class="cm-card-actions">
                <button type="button" class="cm-button" onclick={on_copy_link}>{ "Copy link to claim" }</button>
                <button type="button" class="cm-button cm-danger" onclick={on_delete}>{ "Delete claim" }</button>
                <button type="button" class="cm-button" onclick={on_close}>{ "Close" }</button>
            </div>
        </div>
    }
}
