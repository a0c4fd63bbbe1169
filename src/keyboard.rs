//! Driving the widget from the keyboard.
//!
//! - [`article_key`] names what a key pressed inside the article means:
//!   roving between claims (one tab stop: arrows, `j` / `k`, Home, End),
//!   acting on the focused claim (1, 2, 3, Delete), and moving the reading
//!   cursor ([`claimmark_core::view::reading_cursor`]: `n` / `p` sentences, `w` /
//!   `b` words, `e` / `Shift+E` grow and shrink, `s` the whole sentence).
//! - [`step_stop`] finds the next or previous claim stop ([`crate::hooks::roving_focus`] focuses it).
//! - [`focus_claim`]: focus a claim's stop, scrolled into view.
//!
//! Not here: what the keys do (the hooks [`crate::hooks::key_commands`]
//! and [`crate::hooks::undo_keys`]).
//!
//! Keys with Ctrl, Alt or Meta, and keys typed into fields, are left alone.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use claimmark_core::view::reading_cursor::Move;
use claimmark_core::view::roving::{self, StopMove};
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
/// those whose certainty is filtered out
/// ([`claimmark_core::view::roving::step_stop`], shared with the reader).
/// Worked out from the claims, not the DOM, so it reaches claims in blocks
/// that show no marks yet.
pub fn step_stop(
    stops: &[Stop],
    from: Option<AnnotationId>,
    key: ArticleKey,
    hidden: [bool; 3],
) -> Option<AnnotationId> {
    let to = match key {
        ArticleKey::First => StopMove::First,
        ArticleKey::Last => StopMove::Last,
        ArticleKey::Step(delta) if delta < 0 => StopMove::Previous,
        ArticleKey::Step(_) => StopMove::Next,
        _ => return None,
    };
    roving::step_stop(stops, from, to, hidden)
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

/// True when the key goes to a field (input, textarea, select, editable
/// text), which keeps its keys to itself. Shared with [`crate::hooks::selection`].
pub fn is_typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        .is_some_and(|t| {
            t.is_content_editable()
                || matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}
