//! What the widget's small dialogs (the read-only card, the shortcuts
//! help, the suggestion popover) share: Escape closes them without the key
//! reaching the article's own handlers, and focus goes to one of their
//! buttons when they open; [`focus_within`] hands focus back to what a
//! dialog was opened from.
//!
//! Not here: the dialogs themselves and which one is open (the editor's
//! and the reader's screen state).

use yew::prelude::*;

/// A keydown handler: Escape calls `on_close`, and the key goes no further.
pub fn close_on_escape(on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let on_close = on_close.clone();
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            on_close.emit(());
        }
    })
}

/// Focuses the element `node` refers to, if it is on the page.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Focuses the first element inside `root` that `selector` finds (without
/// scrolling it into view), if any.
pub fn focus_within(root: &NodeRef, selector: &str) {
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    if let Ok(Some(element)) = root.query_selector(selector) {
        if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
            let _ = element.focus();
        }
    }
}
