//! The widget's one context: the domain [`State`] behind Yew's
//! `use_reducer`, and [`use_store`], which hands components domain verbs
//! instead of raw setters.
//!
//! Not here: persistence, an effect keyed on the state's revision
//! ([`crate::hooks::persistence`], started by [`crate::hooks::widget_store`]),
//! and the screen state around the claims ([`crate::ui_state`]).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::{Action, Annotation, AnnotationId, Certainty, SourceUrl, Span, State};

use crate::browser;

/// The core's [`State`] as Yew's reducer state. A wrapper only because the
/// orphan rule keeps `Reducible` off a type of another crate; it derefs to
/// the state and hands back the same `Rc` when the core's reducer does (a
/// no-op then skips the re-render).
#[derive(Debug, Clone, PartialEq)]
pub struct Shared(pub Rc<State>);

impl std::ops::Deref for Shared {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}

impl Reducible for Shared {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = claimmark_core::reduce(Rc::clone(&self.0), action);
        if Rc::ptr_eq(&next, &self.0) {
            self
        } else {
            Rc::new(Shared(next))
        }
    }
}

/// What the root component provides to its descendants.
pub type StoreContext = UseReducerHandle<Shared>;

/// The state plus the verbs that change it.
#[derive(Clone, PartialEq)]
pub struct Store {
    handle: StoreContext,
}

impl Store {
    /// Wraps the reducer handle the root owns.
    pub fn from_handle(handle: StoreContext) -> Self {
        Store { handle }
    }

    /// The current state.
    pub fn state(&self) -> &State {
        &self.handle
    }

    /// Creates a claim over a raw selection; returns its id.
    pub fn create(&self, span: Span, certainty: Certainty) -> AnnotationId {
        let id = browser::new_annotation_id();
        self.handle.dispatch(Action::Create {
            id,
            span,
            certainty,
            at: browser::now(),
        });
        id
    }

    /// Changes a claim's certainty.
    pub fn set_certainty(&self, id: AnnotationId, certainty: Certainty) {
        self.handle.dispatch(Action::SetCertainty {
            id,
            certainty,
            at: browser::now(),
        });
    }

    /// Replaces a claim's note.
    pub fn set_note(&self, id: AnnotationId, note: String) {
        self.handle.dispatch(Action::SetNote {
            id,
            note,
            at: browser::now(),
        });
    }

    /// Accepts `span` as the place of a claim that needs review.
    pub fn place(&self, id: AnnotationId, span: Span) {
        self.handle.dispatch(Action::Place {
            id,
            span,
            at: browser::now(),
        });
    }

    /// Adds an evidence link.
    pub fn add_source(&self, id: AnnotationId, url: SourceUrl) {
        self.handle.dispatch(Action::AddSource {
            id,
            url,
            at: browser::now(),
        });
    }

    /// Removes an evidence link.
    pub fn remove_source(&self, id: AnnotationId, url: SourceUrl) {
        self.handle.dispatch(Action::RemoveSource {
            id,
            url,
            at: browser::now(),
        });
    }

    /// Deletes a claim; returns it as it was, for undo.
    pub fn delete(&self, id: AnnotationId) -> Option<Annotation> {
        let before = self.handle.claim(id).map(|c| c.annotation.clone());
        self.handle.dispatch(Action::DeleteAt {
            id,
            at: browser::now(),
        });
        before
    }

    /// Puts a deleted claim back.
    /// It is dated now, so that another tab that saw the deletion takes
    /// the restored claim back instead of deleting it again.
    pub fn restore(&self, mut annotation: Annotation) {
        annotation.modified = browser::now();
        self.handle.dispatch(Action::Restore { annotation });
    }

    /// Undoes the last change; false when there was nothing to undo.
    pub fn undo(&self) -> bool {
        let possible = self.handle.undo.undo_depth() > 0;
        self.handle.dispatch(Action::Undo { at: browser::now() });
        possible
    }

    /// Redoes the last undone change; false when there was nothing to redo.
    pub fn redo(&self) -> bool {
        let possible = self.handle.undo.redo_depth() > 0;
        self.handle.dispatch(Action::Redo { at: browser::now() });
        possible
    }

    /// Applies any action (opening articles, storage reports).
    pub fn dispatch(&self, action: Action) {
        self.handle.dispatch(action);
    }
}

/// The store of the enclosing widget; `None` outside one (the caller then
/// renders nothing rather than panicking).
#[hook]
pub fn use_store() -> Option<Store> {
    use_context::<StoreContext>().map(|handle| Store { handle })
}

pub use claimmark_ui::DocumentRef;
