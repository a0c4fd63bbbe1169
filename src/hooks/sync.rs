//! Two tabs on one document: when another tab of this browser saves the
//! document's key, its `storage` event carries the new envelope, which is
//! merged into this tab's state ([`Action::Merge`]: merge, never replace;
//! rules in [`claimmark_core::state::merge`]). A merge that changes something is
//! saved like any change, the other tab merges that in turn, and the two
//! reach a fixed point (a merge that changes nothing saves nothing).
//!
//! A removed key (`newValue` null) or contents this version cannot read are
//! ignored: nothing is ever deleted because of them.
//!
//! Not here: the merge rules (the core) and saving ([`crate::hooks::persistence`]).

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use claimmark_core::storage::{document_key, parse_envelope};
use claimmark_core::Action;

use crate::store::{DocumentRef, Shared};

/// Listens to `storage` events for the shown document's key (when the
/// widget keeps its claims in localStorage: `enabled`).
#[hook]
pub fn use_tab_sync(handle: &UseReducerHandle<Shared>, enabled: bool) {
    let document = DocumentRef(handle.document.clone());
    let dispatcher = handle.dispatcher();
    use_effect_with((document, enabled), move |(document, enabled)| {
        let enabled = *enabled;
        let document = document.0.clone();
        let key = document_key(document.id());
        let listener = web_sys::window().filter(|_| enabled).map(|window| {
            EventListener::new(&window, "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if event.key().as_deref() != Some(key.as_str()) {
                    return;
                }
                let Some(raw) = event.new_value() else {
                    return;
                };
                if let Some((annotations, deletions)) = parse_envelope(&raw, &document) {
                    dispatcher.dispatch(Action::Merge {
                        annotations,
                        deletions,
                    });
                }
            })
        });
        move || drop(listener)
    });
}
