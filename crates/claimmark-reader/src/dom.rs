//! The reader's few browser helpers: the browser's NFC for anchoring
//! ([`register_platform`]), the claims under an element ([`claims_at`]),
//! focusing a claim's stop ([`focus_claim`]), where a card goes
//! ([`popup_position`]), the page's address and the `claimmark-change`
//! event.
//!
//! Not here: what the reader shows (the components) and any write: the
//! reader touches no storage, selection or clipboard.

use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element, HtmlElement};
use yew::NodeRef;

use claimmark_core::model::anchor::normalize;
use claimmark_core::AnnotationId;

/// The attribute every mark carries: its claim's id.
pub const ID_ATTR: &str = "data-annotation-id";

/// The card's width and its gap under what it is about (the editor's,
/// `styles/claimmark.css`).
const POPUP_WIDTH: f64 = 340.0;
const POPUP_GAP: f64 = 8.0;

fn browser_nfc(text: &str) -> String {
    String::from(js_sys::JsString::from(text).normalize("NFC"))
}

/// Hands anchoring the browser's `String.normalize` (no Unicode tables in
/// the bundle); safe to call any number of times.
pub fn register_platform() {
    let _ = normalize::set_composer(browser_nfc);
}

/// The page's address without its fragment, when it is http(s).
pub fn page_url() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let base = href.split('#').next().unwrap_or_default().to_owned();
    (base.starts_with("http://") || base.starts_with("https://")).then_some(base)
}

/// The claims over `target`, innermost first (the marks it is inside).
pub fn claims_at(target: &Element) -> Vec<AnnotationId> {
    let mut ids = Vec::new();
    let selector = format!("[{ID_ATTR}]");
    let mut current = target.closest(&selector).ok().flatten();
    while let Some(element) = current {
        if let Some(id) = element
            .get_attribute(ID_ATTR)
            .and_then(|raw| raw.parse().ok())
        {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        current = element
            .parent_element()
            .and_then(|parent| parent.closest(&selector).ok().flatten());
    }
    ids
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

/// Focuses the element `node` refers to, if it is on the page.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Where a card goes under `rect`, in the widget's coordinates, kept
/// inside the widget's width.
pub fn popup_position(root: &NodeRef, rect: &DomRect) -> (i32, i32) {
    let Some(root) = root.cast::<Element>() else {
        return (0, 0);
    };
    let frame = root.get_bounding_client_rect();
    let max_left = (frame.width() - POPUP_WIDTH).max(0.0);
    let left = (rect.left() - frame.left()).clamp(0.0, max_left);
    let top = rect.bottom() - frame.top() + POPUP_GAP;
    // Pixel positions fit easily in i32.
    #[allow(clippy::cast_possible_truncation)]
    (left.round() as i32, top.round() as i32)
}

/// Dispatches `claimmark-change` (bubbling, composed) on `host` with
/// `{action, id}`, as the editor does.
pub fn announce_change(host: &Element, action: &str, id: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"action".into(), &action.into());
    let _ = js_sys::Reflect::set(&detail, &"id".into(), &id.into());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("claimmark-change", &init) {
        let _ = host.dispatch_event(&event);
    }
}
