//! Browser helpers the editor and the reader share: the claims under an
//! element ([`claims_at`]), where a popup goes ([`popup_position`]), and
//! the `claimmark-change` event ([`announce_change`]).
//!
//! Not here: selections and offsets (the editor's `dom_selection`).

use web_sys::{DomRect, Element};
use yew::NodeRef;

use claimmark_core::AnnotationId;

/// The attribute every mark carries: its claim's id.
pub const ID_ATTR: &str = "data-annotation-id";

/// A popup's (card's, toolbar's) width, as `styles/claimmark.css` sets it.
pub const POPUP_WIDTH: f64 = 340.0;
/// The gap between a popup and what it is about.
const POPUP_GAP: f64 = 8.0;

/// The claims under `target`, innermost first (the marks it is inside).
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

/// Where a popup goes under `rect`, in the widget's coordinates, kept
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
/// `{action, id}`.
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
