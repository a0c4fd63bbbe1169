//! The widget's keyboard commands, as the handlers the root wires in:
//! inside the article, arrows / `j` / `k` / Home / End move between claims,
//! 1-3 mark the focused claim, Delete deletes it, the reading-cursor keys
//! select sentences and words, Enter or Space opens the card or popover of
//! what has focus, and in read mode Escape puts away a card opened by
//! hover or focus; anywhere in the widget `?` opens the shortcuts; on the
//! page, Ctrl/Cmd+Z undoes and Shift+Ctrl/Cmd+Z or Ctrl+Y redoes.
//!
//! Not here: what a key means ([`crate::keyboard::article_key`]), and the
//! verbs the commands call (the other hooks: [`crate::hooks::roving_focus`],
//! [`crate::hooks::claims`], [`crate::hooks::reading_cursor`],
//! [`crate::hooks::card`]).

use web_sys::Element;
use yew::prelude::*;

use crate::hooks::announce_changes::ChangeAnnouncements;
use crate::hooks::announcer::Announcer;
use crate::hooks::card::Card;
use crate::hooks::claims::ClaimActions;
use crate::hooks::reading_cursor::ReadingCursor;
use crate::hooks::roving_focus::RovingFocus;
use crate::hooks::ui::Ui;
use crate::hooks::undo_keys::use_undo_shortcuts;
use crate::keyboard::{article_key, claim_stop, is_help_key, ArticleKey};
use crate::store::Store;
use crate::ui_state::UiAction;

/// What [`use_key_commands`] drives.
pub struct KeyArgs {
    /// The screen state.
    pub ui: Ui,
    /// The claims.
    pub store: Store,
    /// Roving focus among claims.
    pub roving: RovingFocus,
    /// Create, mark and delete claims.
    pub claims: ClaimActions,
    /// The reading cursor.
    pub cursor: ReadingCursor,
    /// The card.
    pub card: Card,
    /// The live region.
    pub announcer: Announcer,
    /// Undo's own messages.
    pub changes: ChangeAnnouncements,
    /// The widget's root element (undo keys count inside it).
    pub root: NodeRef,
    /// Read mode: moving between claims and opening cards only; the keys
    /// that change claims (1-3, Delete, undo, the reading cursor) do nothing.
    pub read_only: bool,
}

/// The keyboard handlers for the root.
pub struct KeyCommands {
    /// Keys inside the article.
    pub on_article_keydown: Callback<KeyboardEvent>,
    /// Keys anywhere in the widget (`?`).
    pub on_root_keydown: Callback<KeyboardEvent>,
}

/// The widget's keyboard commands; undo and redo listen on the page.
#[hook]
pub fn use_key_commands(args: KeyArgs) -> KeyCommands {
    let KeyArgs {
        ui,
        store,
        roving,
        claims,
        cursor,
        card,
        announcer,
        changes,
        root,
        read_only,
    } = args;
    {
        let (ui, store, announcer) = (ui.clone(), store.clone(), announcer.clone());
        use_undo_shortcuts(
            root,
            Callback::from(move |redo: bool| {
                if read_only {
                    return;
                }
                let done = if redo { store.redo() } else { store.undo() };
                changes.undo_said(done);
                ui.dispatch(UiAction::DismissToast);
                announcer.say(match (redo, done) {
                    (false, true) => "Undone.",
                    (true, true) => "Redone.",
                    (false, false) => "Nothing to undo.",
                    (true, false) => "Nothing to redo.",
                });
            }),
        );
    }
    let on_article_keydown = {
        let ui = ui.clone();
        Callback::from(move |event: KeyboardEvent| {
            // Read mode: a card opened by focus or hover closes with Escape
            // from the highlight (it never took focus).
            if read_only && event.key() == "Escape" && card.escape() {
                event.prevent_default();
                return;
            }
            claim_keys(&event, &ui, &roving, &claims, &cursor, read_only);
            if matches!(event.key().as_str(), "Enter" | " ") {
                if let Some(target) = event.target_dyn_into::<Element>() {
                    if target.has_attribute("data-annotation-id")
                        || target.has_attribute("data-suggestion-id")
                    {
                        event.prevent_default();
                        card.show(&target);
                    }
                }
            }
        })
    };
    let on_root_keydown = Callback::from(move |event: KeyboardEvent| {
        if is_help_key(&event) {
            event.prevent_default();
            ui.dispatch(UiAction::OpenHelp);
        }
    });
    KeyCommands {
        on_article_keydown,
        on_root_keydown,
    }
}

/// The article's keys for claims and the reading cursor.
fn claim_keys(
    event: &KeyboardEvent,
    ui: &Ui,
    roving: &RovingFocus,
    claims: &ClaimActions,
    cursor: &ReadingCursor,
    read_only: bool,
) {
    let Some(key) = article_key(event) else {
        return;
    };
    let moving = matches!(
        key,
        ArticleKey::Step(_) | ArticleKey::First | ArticleKey::Last
    );
    if read_only && !moving {
        return;
    }
    let focused = event
        .target_dyn_into::<Element>()
        .as_ref()
        .and_then(claim_stop);
    match key {
        ArticleKey::Step(_) | ArticleKey::First | ArticleKey::Last => {
            event.prevent_default();
            roving.step(key, focused);
        }
        ArticleKey::Tag(certainty) => {
            // A pending selection is tagged by the selection's own keys.
            if let (None, Some(id)) = (ui.pending, focused) {
                event.prevent_default();
                claims.mark(id, certainty);
            }
        }
        ArticleKey::Delete => {
            if let Some(id) = focused {
                event.prevent_default();
                claims.delete(id, false);
            }
        }
        ArticleKey::Cursor(step) => {
            event.prevent_default();
            cursor.step(step);
        }
    }
}
