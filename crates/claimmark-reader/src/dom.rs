//! The reader's own browser helpers: the browser's NFC for anchoring
//! ([`register_platform`]), the claim a stop is ([`claim_stop`]), focusing
//! a claim's stop ([`focus_claim`]) and the page's address.
//!
//! Not here: what the editor shares with it (claimmark-ui's `dom`: the
//! claims under an element, where a card goes, the `claimmark-change`
//! event), and any write: the reader touches no storage, selection or
//! clipboard.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::NodeRef;

use claimmark_core::model::anchor::normalize;
use claimmark_core::AnnotationId;
use claimmark_ui::dom::ID_ATTR;

fn browser_nfc(text: &str) -> String {
    String::from(js_sys::JsString::from(text).normalize("NFC"))
}

/// Hands anchoring the browser's `String.normalize` (no Unicode tables in
/// the bundle); safe to call any number of times.
pub fn register_platform() {
    let _ = normalize::set_composer(browser_nfc);
}

/// The claim whose stop `target` is, if it is one.
pub fn claim_stop(target: &Element) -> Option<AnnotationId> {
    if target.tag_name() != "MARK" || !target.has_attribute("tabindex") {
        return None;
    }
    target.get_attribute(ID_ATTR)?.parse().ok()
}

/// Focuses the stop of claim `id` inside `root`, scrolled into view;
/// false when it is not shown.
pub fn focus_claim(root: &NodeRef, id: AnnotationId, scroll: bool) -> bool {
    let Some(root) = root.cast::<Element>() else {
        return false;
    };
    let selector = format!("mark[{ID_ATTR}=\"{id}\"][tabindex]");
    let Ok(Some(element)) = root.query_selector(&selector) else {
        return false;
    };
    let Ok(element) = element.dyn_into::<HtmlElement>() else {
        return false;
    };
    if scroll {
        element.scroll_into_view_with_bool(false);
    }
    element.focus().is_ok()
}
