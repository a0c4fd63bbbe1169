//! Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo: [`use_undo_shortcuts`]
//! listens for them on the page and tells the root which was pressed.
//!
//! Not here: what undo does ([`crate::store::Store::undo`]) and what is
//! said about it ([`crate::hooks::key_commands`]).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, Node};
use yew::prelude::*;

use crate::keyboard::is_typing;

/// Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo — with focus in the
/// widget `root`, or on the page's body when it is the page's only widget
/// (so that several widgets on one page never all undo), never inside
/// fields, which keep their own undo.
/// `on_undo` gets `true` for redo.
#[hook]
pub fn use_undo_shortcuts(root: NodeRef, on_undo: Callback<bool>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .and_then(|w| w.document())
            .map(|document| {
                let options = EventListenerOptions::enable_prevent_default();
                let page = document.clone();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !(event.ctrl_key() || event.meta_key())
                        || event.alt_key()
                        || is_typing(event)
                    {
                        return;
                    }
                    let target = event.target().and_then(|t| t.dyn_into::<Node>().ok());
                    let ours = match (&target, root.cast::<Node>()) {
                        (Some(target), Some(root)) => {
                            root.contains(Some(target))
                                || (matches!(target.node_name().as_str(), "BODY" | "#document")
                                    && only_widget(&page))
                        }
                        _ => false,
                    };
                    if !ours {
                        return;
                    }
                    let redo = match event.key().as_str() {
                        "z" | "Z" => event.shift_key(),
                        "y" | "Y" if event.ctrl_key() => true,
                        _ => return,
                    };
                    event.prevent_default();
                    on_undo.emit(redo);
                })
            });
        move || drop(listener)
    });
}

/// True when the page shows one widget: only then does a key pressed on
/// the page's body belong to it (with several, the body names none).
fn only_widget(document: &web_sys::Document) -> bool {
    document
        .query_selector_all(".claimmark")
        .is_ok_and(|found| found.length() == 1)
}
