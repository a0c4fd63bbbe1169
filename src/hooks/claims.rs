//! What a person does to claims from the article, as verbs for the root:
//! [`ClaimActions::create`] (the pending selection gets a certainty),
//! [`ClaimActions::mark`] (the focused claim gets one), [`ClaimActions::delete`]
//! (focus moves to the neighbour, the undo toast offers the claim back),
//! [`ClaimActions::restore_deleted`] and [`ClaimActions::dismiss_toast`].
//! Each says what it did in the live region.
//!
//! Not here: the changes themselves ([`crate::store::Store`]'s verbs, the
//! core's reducer) and the card's own edits ([`crate::components::claim_card`]).

use web_sys::Element;
use yew::prelude::*;

use claimmark_core::{Annotation, AnnotationId, Certainty};

use crate::dom_selection::{clear_selection, selected_span};
use crate::hooks::announcer::Announcer;
use crate::hooks::roving_focus::RovingFocus;
use crate::hooks::ui::Ui;
use crate::store::Store;
use crate::ui_state::UiAction;

/// The verbs on claims for one render.
#[derive(Clone)]
pub struct ClaimActions {
    ui: Ui,
    store: Store,
    roving: RovingFocus,
    announcer: Announcer,
    article: NodeRef,
    read_only: bool,
}

impl ClaimActions {
    /// Makes the pending selection a claim of `certainty` (nothing in read
    /// mode, nothing without a selection), which then takes focus.
    pub fn create(&self, certainty: Certainty) {
        let Some(selection) = self.ui.pending.filter(|_| !self.read_only) else {
            return;
        };
        // The live selection: `selectionchange` may not have updated
        // `pending` yet when a key follows a keyboard selection fast.
        let span = self
            .article
            .cast::<Element>()
            .and_then(|a| selected_span(&a))
            .map_or(selection.span, |s| s.span);
        let id = self.store.create(span, certainty);
        clear_selection();
        self.announcer
            .say(&format!("{} claim created.", certainty.label()));
        self.ui.dispatch(UiAction::Created(id));
    }

    /// [`ClaimActions::create`] as a callback (the toolbar, keys 1-3).
    pub fn on_create(&self) -> Callback<Certainty> {
        let actions = self.clone();
        Callback::from(move |certainty| actions.create(certainty))
    }

    /// Gives claim `id` the certainty `certainty`.
    pub fn mark(&self, id: AnnotationId, certainty: Certainty) {
        self.store.set_certainty(id, certainty);
        self.announcer
            .say(&format!("Claim marked {}.", certainty.label()));
    }

    /// Deletes claim `id`: its neighbour becomes the tab stop and takes
    /// focus, and the undo toast offers the claim back; `close_card` puts
    /// the card away too (deleted from the card).
    pub fn delete(&self, id: AnnotationId, close_card: bool) {
        let neighbour = self.roving.neighbour_of(id);
        let removed = self.store.delete(id);
        if removed.is_some() {
            self.announcer.say("Claim deleted.");
        }
        self.ui.dispatch(UiAction::Deleted { neighbour, removed });
        if close_card {
            self.ui.dispatch(UiAction::CloseCard);
        }
    }

    /// Puts the claim the toast offers back.
    pub fn restore_deleted(&self) {
        if let Some(annotation) = self.ui.deleted.clone() {
            self.store.restore(Annotation::clone(&annotation));
            self.announcer.say("Claim restored.");
        }
        self.ui.dispatch(UiAction::DismissToast);
    }

    /// Hides the toast.
    pub fn dismiss_toast(&self) {
        self.ui.dispatch(UiAction::DismissToast);
    }

    /// The card's Delete: [`ClaimActions::delete`], closing the card.
    pub fn on_delete(&self) -> Callback<AnnotationId> {
        let actions = self.clone();
        Callback::from(move |id| actions.delete(id, true))
    }

    /// The toast's Undo: [`ClaimActions::restore_deleted`].
    pub fn on_restore(&self) -> Callback<()> {
        let actions = self.clone();
        Callback::from(move |()| actions.restore_deleted())
    }

    /// The toast's ×: [`ClaimActions::dismiss_toast`].
    pub fn on_dismiss_toast(&self) -> Callback<()> {
        self.ui.callback(|()| UiAction::DismissToast)
    }
}

/// The verbs on claims (`read_only`: none creates anything).
#[hook]
pub fn use_claim_actions(
    ui: &Ui,
    store: &Store,
    roving: &RovingFocus,
    announcer: &Announcer,
    article: &NodeRef,
    read_only: bool,
) -> ClaimActions {
    ClaimActions {
        ui: ui.clone(),
        store: store.clone(),
        roving: roving.clone(),
        announcer: announcer.clone(),
        article: article.clone(),
        read_only,
    }
}
