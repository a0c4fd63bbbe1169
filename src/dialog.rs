//! What the widget's small dialogs (the read-only card, the shortcuts
//! help, the suggestion popover) share: Escape closes them without the key
//! reaching the article's own handlers, and focus goes to one of their
//! buttons when they open.

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
