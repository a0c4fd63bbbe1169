//! Driving the widget from the keyboard.
//!
//! - [`article_key`] names what a key pressed inside the article means:
//!   roving between claims (one tab stop: arrows, `j` / `k`, Home, End),
//!   acting on the focused claim (1, 2, 3, Delete), and moving the reading
//!   cursor ([`claimmark_core::view::reading_cursor`]: `n` / `p` sentences, `w` /
//!   `b` words, `e` / `Shift+E` grow and shrink, `s` the whole sentence).
//! - [`step_stop`] finds the next or previous claim stop (the root focuses it).
//! - [`use_undo_shortcuts`]: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y.
//!
//! Keys with Ctrl, Alt or Meta, and keys typed into fields, are left alone.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, Node};
use yew::prelude::*;

use claimmark_core::view::reading_cursor::Move;
use claimmark_core::view::segments::Stop;
use claimmark_core::{AnnotationId, Certainty};

use crate::dom_selection::ID_ATTR;

/// What a key means inside the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleKey {
    /// Focus another claim: +1 next, -1 previous.
    Step(i32),
    /// Focus the first claim.
    First,
    /// Focus the last claim.
    Last,
    /// Give the focused claim (or the pending selection) a certainty.
    Tag(Certainty),
    /// Delete the focused claim.
    Delete,
    /// Move the reading cursor.
    Cursor(Move),
}

/// The meaning of `event` inside the article, if any.
pub fn article_key(event: &KeyboardEvent) -> Option<ArticleKey> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() || is_typing(event) {
        return None;
    }
    let key = event.key();
    if let Some(certainty) = Certainty::from_shortcut(&key) {
        return Some(ArticleKey::Tag(certainty));
    }
    Some(match key.as_str() {
        "ArrowDown" | "ArrowRight" | "j" => ArticleKey::Step(1),
        "ArrowUp" | "ArrowLeft" | "k" => ArticleKey::Step(-1),
        "Home" => ArticleKey::First,
        "End" => ArticleKey::Last,
        "Delete" | "Backspace" => ArticleKey::Delete,
        "n" => ArticleKey::Cursor(Move::NextSentence),
        "p" => ArticleKey::Cursor(Move::PreviousSentence),
        "w" => ArticleKey::Cursor(Move::NextWord),
        "b" => ArticleKey::Cursor(Move::PreviousWord),
        "e" => ArticleKey::Cursor(Move::ExtendWord),
        "E" => ArticleKey::Cursor(Move::ShrinkWord),
        "s" => ArticleKey::Cursor(Move::Sentence),
        _ => return None,
    })
}

/// True for `?` pressed outside a field.
pub fn is_help_key(event: &KeyboardEvent) -> bool {
    event.key() == "?" && !event.ctrl_key() && !event.meta_key() && !is_typing(event)
}

/// The claim stop `target` is, if it is one.
pub fn claim_stop(target: &Element) -> Option<AnnotationId> {
    if target.tag_name() != "MARK" || !target.has_attribute("tabindex") {
        return None;
    }
    target.get_attribute(ID_ATTR)?.parse().ok()
}

/// The claim stop `key` leads to from claim `from` (the focused stop, if
/// any), among `stops` in document order
/// ([`claimmark_core::view::segments::keyboard_stops`]) skipping
/// those whose certainty is filtered out. Worked out from the claims, not
/// the DOM, so it reaches claims in blocks that show no marks yet.
pub fn step_stop(
    stops: &[Stop],
    from: Option<AnnotationId>,
    key: ArticleKey,
    hidden: [bool; 3],
) -> Option<AnnotationId> {
    let stops: Vec<&Stop> = stops
        .iter()
        .filter(|stop| {
            !Certainty::ALL
                .iter()
                .zip(hidden)
                .any(|(c, off)| off && *c == stop.certainty)
        })
        .collect();
    let here = from.and_then(|from| stops.iter().position(|s| s.id == from));
    let last = stops.len().checked_sub(1)?;
    let index = match (key, here) {
        (ArticleKey::First, _) | (ArticleKey::Step(_), None) => 0,
        (ArticleKey::Last, _) => last,
        (ArticleKey::Step(delta), Some(at)) if delta < 0 => at.saturating_sub(1),
        (ArticleKey::Step(_), Some(at)) => (at + 1).min(last),
        _ => return None,
    };
    stops.get(index).map(|stop| stop.id)
}

/// Focuses the stop of claim `id` inside `root`; false when it is not shown.
pub fn focus_claim(root: &Element, id: AnnotationId) -> bool {
    let selector = format!("mark[{ID_ATTR}=\"{id}\"][tabindex]");
    let Ok(Some(element)) = root.query_selector(&selector) else {
        return false;
    };
    let Ok(element) = element.dyn_into::<HtmlElement>() else {
        return false;
    };
    element.scroll_into_view_with_bool(false);
    element.focus().is_ok()
}

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

/// True when the key goes to a field (input, textarea, select, editable
/// text), which keeps its keys to itself. Shared with `ui::selection`.
pub fn is_typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        .is_some_and(|t| {
            t.is_content_editable()
                || matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}
