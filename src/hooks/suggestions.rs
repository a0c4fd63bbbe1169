//! The certainty assistant's suggestions for the root.
//!
//! [`use_suggestions`] works them out after the frame that shows the
//! article and its claims, and only for the blocks that show marks (the
//! others could not show them): a megabyte's would take the assistant a
//! tenth of a second. Blocks coming near add theirs; none is worked out
//! twice. They wait while someone is selecting: they re-cut the text under
//! a selection. It also keeps the on/off switch and the dismissals
//! (settings, through the widget's storage choice): [`Suggestions::toggle`],
//! [`Suggestions::dismiss`].
//!
//! [`use_suggestion_popover`] resolves the open popover to its suggestion
//! while it is still shown, and gives its verbs: accept (a claim with a
//! note saying why), dismiss (for good), close (focus back on the
//! suggestion).
//!
//! Not here: finding suggestions ([`claimmark_core::assistant`]), placing
//! them among the claims ([`crate::hooks::pieces`]) and the popover itself
//! ([`crate::components::suggestion_popover`]).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::assistant::{Lexicon, Suggestion, SuggestionsByBlock};
use claimmark_core::storage::session;
use claimmark_core::storage::settings::{load_dismissed, load_switch, save_dismissed, save_switch};
use claimmark_core::view::suggested::{dismissal_key, suggestion_id, Piece};
use claimmark_core::{Action, Span};

use crate::embed::WidgetStorage;
use crate::hooks::after_paint::use_after_paint;
use crate::hooks::announcer::Announcer;
use crate::hooks::nearby::Nearby;
use crate::hooks::pieces::{for_document, Pieces};
use crate::hooks::selection::{use_when_not_selecting, Selecting};
use crate::hooks::ui::Ui;
use crate::store::{DocumentRef, Store};
use crate::ui_state::{OpenSuggestion, UiAction};

/// What [`use_suggestions`] needs.
pub struct SuggestArgs {
    /// The article shown.
    pub document: DocumentRef,
    /// Whether someone is selecting in the article.
    pub selecting: Selecting,
    /// The blocks near the viewport.
    pub nearby: Nearby,
    /// Where the switch and the dismissals are kept.
    pub storage: WidgetStorage,
    /// Suggestions are offered at all (the `suggestions` prop, edit mode).
    pub enabled: bool,
    /// The screen state (the popover).
    pub ui: Ui,
    /// The claims (storage failures are reported there).
    pub store: Store,
}

/// The suggestions of one render.
#[derive(Clone)]
pub struct Suggestions {
    /// Every suggestion worked out so far, block by block.
    pub all: Rc<SuggestionsByBlock>,
    /// The dismissals for the document shown.
    pub dismissed: Rc<BTreeSet<String>>,
    /// The switch is on.
    pub on: bool,
    /// Suggestions are shown now: offered, switched on, and the page has
    /// painted without a selection in the way.
    pub shown: bool,
    switch: UseStateHandle<bool>,
    dismissed_now: UseStateHandle<Option<(DocumentRef, Rc<BTreeSet<String>>)>>,
    document: DocumentRef,
    storage: WidgetStorage,
    ui: Ui,
    store: Store,
}

impl Suggestions {
    /// Switches suggestions on or off (kept in settings) and puts the
    /// popover away.
    pub fn toggle(&self) {
        let next = !*self.switch;
        if let Err(error) = save_switch(&self.storage, next) {
            self.store
                .dispatch(Action::Notify(session::notice_for(&error)));
        }
        self.ui.dispatch(UiAction::CloseSuggestion);
        self.switch.set(next);
    }

    /// [`Suggestions::toggle`] as a callback.
    pub fn on_toggle(&self) -> Callback<()> {
        let suggestions = self.clone();
        Callback::from(move |()| suggestions.toggle())
    }

    /// Hides the suggestion over `span` for good (kept in settings).
    pub fn dismiss(&self, span: Span) {
        let mut next = (*self.dismissed).clone();
        next.insert(dismissal_key(&self.document.0, span));
        if let Err(error) = save_dismissed(&self.storage, &self.document.0, &next) {
            self.store
                .dispatch(Action::Notify(session::notice_for(&error)));
        }
        self.dismissed_now
            .set(Some((self.document.clone(), Rc::new(next))));
    }
}

/// The suggestions for `document`, worked out as the blocks come near.
#[hook]
pub fn use_suggestions(args: SuggestArgs) -> Suggestions {
    let SuggestArgs {
        document,
        selecting,
        nearby,
        storage,
        enabled,
        ui,
        store,
    } = args;
    let switch = {
        let storage = storage.clone();
        use_state(move || load_switch(&storage))
    };
    // This session's dismissals, for the document they were made on.
    let dismissed_now = use_state(|| None::<(DocumentRef, Rc<BTreeSet<String>>)>);
    let painted = use_after_paint(&document);
    let assist = use_when_not_selecting(&document, painted, &selecting);
    let by_block = use_mut_ref(|| (None::<DocumentRef>, SuggestionsByBlock::default()));
    let all = use_memo(
        (document.clone(), assist, nearby.version()),
        move |(document, assist, _)| {
            let mut slot = by_block.borrow_mut();
            let by_block = for_document(&mut slot, document, || {
                SuggestionsByBlock::for_document(&document.0)
            });
            // Near the viewport only: suggestions do not print.
            if *assist {
                by_block.cover(&document.0, Lexicon::english_shared(), |index| {
                    nearby.shows(index)
                });
            }
            by_block.clone()
        },
    );
    let stored_dismissals = {
        let storage = storage.clone();
        use_memo(document.clone(), move |document| {
            Rc::new(load_dismissed(&storage, &document.0))
        })
    };
    let dismissed: Rc<BTreeSet<String>> = match &*dismissed_now {
        Some((on, set)) if *on == document => set.clone(),
        _ => (*stored_dismissals).clone(),
    };
    let on = *switch;
    Suggestions {
        all,
        dismissed,
        on,
        shown: enabled && on && assist,
        switch,
        dismissed_now,
        document,
        storage,
        ui,
        store,
    }
}

/// The open popover and its verbs.
pub struct Popover {
    /// The popover on screen and its suggestion, while it is still shown
    /// (gone once a claim covers it, or when it is dismissed or hidden).
    pub open: Option<(OpenSuggestion, Suggestion)>,
    /// Accept it as a claim.
    pub on_accept: Callback<()>,
    /// Dismiss it for good.
    pub on_dismiss: Callback<()>,
    /// Close without deciding; focus goes back to the suggestion.
    pub on_close: Callback<()>,
}

/// The popover of the suggestion the screen state names, if still shown
/// among `pieces`.
#[hook]
pub fn use_suggestion_popover(
    suggestions: &Suggestions,
    pieces: &Pieces,
    announcer: &Announcer,
    root: &NodeRef,
) -> Popover {
    let ui = suggestions.ui.clone();
    let open = ui.suggestion.clone().and_then(|open| {
        let found = suggestions
            .all
            .iter()
            .find(|s| suggestion_id(s.span) == open.id)?
            .clone();
        let still_shown = pieces
            .iter()
            .flat_map(|block| block.iter())
            .any(|piece| matches!(piece, Piece::Suggested(placed) if placed.id == open.id));
        still_shown.then_some((open, found))
    });
    let chosen = open.as_ref().map(|(_, s)| s.clone());
    let on_accept = {
        let (ui, store, announcer) = (ui.clone(), suggestions.store.clone(), announcer.clone());
        let chosen = chosen.clone();
        Callback::from(move |()| {
            if let Some(chosen) = &chosen {
                let id = store.create(chosen.span, chosen.certainty);
                store.set_note(id, format!("Suggested by cues: {}", chosen.explain()));
                announcer.say(&format!(
                    "{} claim created from a suggestion.",
                    chosen.certainty.label()
                ));
            }
            ui.dispatch(UiAction::CloseSuggestion);
        })
    };
    let on_dismiss = {
        let (suggestions, announcer) = (suggestions.clone(), announcer.clone());
        Callback::from(move |()| {
            if let Some(chosen) = &chosen {
                suggestions.dismiss(chosen.span);
                announcer.say("Suggestion dismissed.");
            }
            suggestions.ui.dispatch(UiAction::CloseSuggestion);
        })
    };
    let on_close = {
        let root = root.clone();
        Callback::from(move |()| {
            if let Some(open) = &ui.suggestion {
                let selector = format!("[data-suggestion-id=\"{}\"]", open.id);
                crate::dialog::focus_within(&root, &selector);
            }
            ui.dispatch(UiAction::CloseSuggestion);
        })
    };
    Popover {
        open,
        on_accept,
        on_dismiss,
        on_close,
    }
}
