//! The pending selection and its shortcuts, as hooks for the root.
//!
//! [`use_pending_selection`] follows the document's selection inside the
//! article (on `selectionchange`, and once a drag or touch long-press
//! ends) and keeps the span waiting for a certainty with the toolbar's
//! position. [`use_tag_shortcuts`] listens for 1, 2, 3 and Escape while a
//! selection is pending. [`popup_position`] places the toolbar and cards.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element};
use yew::prelude::*;

use crate::domain::{Certainty, Span};

use super::dom_selection::{clear_selection, selected_span};
use super::keyboard::is_typing;

/// Width the card and toolbar keep clear of the widget's right edge.
pub const POPUP_WIDTH: f64 = 340.0;
/// Gap between a selection or highlight and what pops up under it.
const POPUP_GAP: f64 = 8.0;

/// A selection waiting for a certainty.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Pending {
    /// The selected code points, not yet snapped.
    pub span: Span,
    /// Where the toolbar goes, in the widget's coordinates.
    pub at: (i32, i32),
}

/// The pending selection in `article`, and the article's `pointerdown`
/// handler (a drag in progress is read once, when it ends).
#[hook]
pub fn use_pending_selection(
    root: &NodeRef,
    article: &NodeRef,
) -> (UseStateHandle<Option<Pending>>, Callback<PointerEvent>) {
    // Compared before setting: caret moves elsewhere must not re-render.
    let pending = use_state_eq(|| None::<Pending>);
    let pointer_down = use_mut_ref(|| false);
    let refresh = {
        let (root, article, pending) = (root.clone(), article.clone(), pending.clone());
        Callback::from(move |()| pending.set(read_pending(&root, &article)))
    };
    {
        let pointer_down = pointer_down.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    let on_change = {
                        let (refresh, pointer_down) = (refresh.clone(), pointer_down.clone());
                        EventListener::new(&document, "selectionchange", move |_| {
                            if !*pointer_down.borrow() {
                                refresh.emit(());
                            }
                        })
                    };
                    // A touch long-press hands the gesture to the browser's own
                    // selection: the pointer is cancelled, not lifted.
                    let ends = ["pointerup", "pointercancel"].map(|kind| {
                        let (refresh, pointer_down) = (refresh.clone(), pointer_down.clone());
                        EventListener::new(&document, kind, move |_| {
                            if pointer_down.replace(false) {
                                refresh.emit(());
                            }
                        })
                    });
                    (on_change, ends)
                });
            move || drop(listeners)
        });
    }
    let on_pointerdown = Callback::from(move |_: PointerEvent| {
        *pointer_down.borrow_mut() = true;
    });
    (pending, on_pointerdown)
}

/// While a selection is pending, keys 1, 2, 3 pick a certainty and Escape
/// drops the selection (not while typing in a field, not with modifiers).
#[hook]
pub fn use_tag_shortcuts(pending: &UseStateHandle<Option<Pending>>, on_pick: Callback<Certainty>) {
    let handle = pending.clone();
    // Keyed on the pending value: the listener is re-made for each new
    // selection and never outlives it.
    use_effect_with(**pending, move |current| {
        let listener = current
            .is_some()
            .then(|| web_sys::window().and_then(|w| w.document()))
            .flatten()
            .map(|document| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if is_typing(event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
                        return;
                    }
                    if event.key() == "Escape" {
                        clear_selection();
                        handle.set(None);
                    } else if let Some(certainty) = Certainty::from_shortcut(&event.key()) {
                        event.prevent_default();
                        on_pick.emit(certainty);
                    }
                })
            });
        move || drop(listener)
    });
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

fn read_pending(root: &NodeRef, article: &NodeRef) -> Option<Pending> {
    let article = article.cast::<Element>()?;
    let selected = selected_span(&article)?;
    let (left, _, _, bottom) = selected.rect;
    let rect = DomRect::new_with_x_and_y_and_width_and_height(left, bottom, 0.0, 0.0).ok()?;
    Some(Pending {
        span: selected.span,
        at: popup_position(root, &rect),
    })
}
