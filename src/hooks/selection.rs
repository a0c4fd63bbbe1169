//! The selection in the article, as hooks for the root.
//!
//! [`use_pending_selection`] follows the document's selection inside the
//! article (on `selectionchange`, and once a drag or touch long-press
//! ends) and reports the span waiting for a certainty, with the toolbar's
//! position, as [`UiAction::Select`]. [`use_tag_shortcuts`] listens for 1,
//! 2, 3 and Escape while a selection is pending. [`use_when_not_selecting`]
//! holds back work that would re-cut the article's text (and so lose a
//! selection) until no selection is being made or waits there;
//! [`use_selection_kept`] puts a selection back on its text when a render
//! re-cut it anyway (another tab's changes merged in, an import through
//! the JS API). [`popup_position`] places the toolbar and cards.
//!
//! Not here: the pending selection itself, which is screen state
//! ([`crate::ui_state::UiState::pending`]), and creating the claim
//! ([`crate::hooks::claims`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element};
use yew::prelude::*;

use claimmark_core::Certainty;

use crate::dom_selection::{clear_selection, selected_span, selection_reaches, SelectionPlace};
use crate::keyboard::is_typing;
use crate::store::DocumentRef;
use crate::ui_state::{Pending, UiAction, UiState};
use claimmark_ui::dom::popup_position;

/// Whether someone is selecting in the article: the button pressed there
/// is still down, or a selection reaches into it.
#[derive(Clone)]
pub struct Selecting {
    pointer_down: Rc<RefCell<bool>>,
    article: NodeRef,
}

impl Selecting {
    /// True while a press in the article lasts or a selection reaches it.
    pub fn now(&self) -> bool {
        *self.pointer_down.borrow()
            || self
                .article
                .cast::<Element>()
                .is_some_and(|article| selection_reaches(&article))
    }
}

/// Reports the pending selection in `article` to `ui` (the reducer
/// compares it: caret moves elsewhere re-render nothing); returns the
/// article's `pointerdown` handler (a drag in progress is read once, when
/// it ends) and whether someone is selecting.
#[hook]
pub fn use_pending_selection(
    ui: UseReducerDispatcher<UiState>,
    root: &NodeRef,
    article: &NodeRef,
) -> (Callback<PointerEvent>, Selecting) {
    let pointer_down = use_mut_ref(|| false);
    let refresh = {
        let (root, article) = (root.clone(), article.clone());
        Callback::from(move |()| ui.dispatch(UiAction::Select(read_pending(&root, &article))))
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
    let selecting = Selecting {
        pointer_down: pointer_down.clone(),
        article: article.clone(),
    };
    let on_pointerdown = Callback::from(move |_: PointerEvent| {
        *pointer_down.borrow_mut() = true;
    });
    (on_pointerdown, selecting)
}

/// True once `ready` has held for `key` at a moment nobody was selecting in
/// the article, and from then on until `key` changes.
///
/// Work that re-renders the article's text runs (the assistant's
/// suggestions) must not land under a selection: the text nodes it was
/// made on are replaced and the selection is lost, mid-drag or with the
/// toolbar showing. So it waits until the press ends without a selection
/// or the selection goes (tagged, dropped, moved elsewhere), checked on
/// each `pointerup`, `pointercancel` and `selectionchange`. These run after
/// [`use_pending_selection`]'s own, which was called first.
#[hook]
pub fn use_when_not_selecting<K: PartialEq + Clone + 'static>(
    key: &K,
    ready: bool,
    selecting: &Selecting,
) -> bool {
    let open_for = use_state_eq(|| None::<K>);
    let open = open_for.as_ref() == Some(key);
    {
        let (open_for, selecting) = (open_for.clone(), selecting.clone());
        use_effect_with((key.clone(), ready && !open), move |(key, waiting)| {
            let open_if_quiet = {
                let key = key.clone();
                Rc::new(move || {
                    if !selecting.now() {
                        open_for.set(Some(key.clone()));
                    }
                })
            };
            let listeners = waiting
                .then(|| web_sys::window().and_then(|w| w.document()))
                .flatten()
                .map(|document| {
                    open_if_quiet();
                    ["pointerup", "pointercancel", "selectionchange"].map(|kind| {
                        let open_if_quiet = open_if_quiet.clone();
                        EventListener::new(&document, kind, move |_| open_if_quiet())
                    })
                });
            move || drop(listeners)
        });
    }
    ready && open
}

/// Keeps the page's selection in the article across the root's renders of
/// `document`: read where it is before the render replaces any text run,
/// put back on the same code points after, when the runs under it were
/// replaced. Without it, another tab's change merged in while the toolbar
/// shows would drop the selection, and the key that follows would tag
/// nothing. Nothing is kept across a change of document, whose code
/// points mean other text.
#[hook]
pub fn use_selection_kept(article: &NodeRef, document: &DocumentRef) {
    let shown = use_mut_ref(|| None::<DocumentRef>);
    // Read in the render itself: the runs are replaced after it, before
    // any effect.
    let place = (shown.borrow().as_ref() == Some(document))
        .then(|| article.cast::<Element>())
        .flatten()
        .and_then(|article| SelectionPlace::read(&article));
    let (article, document) = (article.clone(), document.clone());
    use_effect(move || {
        *shown.borrow_mut() = Some(document);
        if let (Some(place), Some(article)) = (place, article.cast::<Element>()) {
            place.keep(&article);
        }
    });
}

/// While a selection is `pending`, keys 1, 2, 3 pick a certainty and
/// Escape drops the selection (not while typing in a field, not with
/// modifiers).
#[hook]
pub fn use_tag_shortcuts(
    pending: Option<Pending>,
    ui: UseReducerDispatcher<UiState>,
    on_pick: Callback<Certainty>,
) {
    // Keyed on the pending value: the listener is re-made for each new
    // selection and never outlives it.
    use_effect_with(pending, move |current| {
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
                        ui.dispatch(UiAction::Select(None));
                    } else if let Some(certainty) = Certainty::from_shortcut(&event.key()) {
                        event.prevent_default();
                        on_pick.emit(certainty);
                    }
                })
            });
        move || drop(listener)
    });
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
