//! [`use_ui`]: the widget's screen-only state ([`UiState`]) behind Yew's
//! `use_reducer`, as a [`Ui`] handle that reads the state and dispatches
//! [`UiAction`]s. The focused hooks ([`crate::hooks::card`],
//! [`crate::hooks::roving_focus`], …) build their verbs on it.
//!
//! Not here: what the state means and how it changes (the pure reducer,
//! [`crate::ui_state`]).

use std::ops::Deref;

use yew::prelude::*;

use crate::embed::WidgetStorage;
use crate::hooks::theme::initial_dark;
use crate::ui_state::{UiAction, UiState};

/// The screen state of one widget, and its dispatcher.
#[derive(Clone, PartialEq)]
pub struct Ui(UseReducerHandle<UiState>);

impl Deref for Ui {
    type Target = UiState;

    fn deref(&self) -> &UiState {
        &self.0
    }
}

impl Ui {
    /// Applies `action`.
    pub fn dispatch(&self, action: UiAction) {
        self.0.dispatch(action);
    }

    /// The dispatcher, the same in every render (for listeners made once
    /// and callbacks compared by props).
    pub fn dispatcher(&self) -> UseReducerDispatcher<UiState> {
        self.0.dispatcher()
    }

    /// A callback that applies the action `make` turns its argument into.
    pub fn callback<T: 'static>(&self, make: impl Fn(T) -> UiAction + 'static) -> Callback<T> {
        let dispatcher = self.dispatcher();
        Callback::from(move |value: T| dispatcher.dispatch(make(value)))
    }
}

/// The widget's screen state; the theme starts as the choice kept in
/// `storage`, else the system's.
#[hook]
pub fn use_ui(storage: &WidgetStorage) -> Ui {
    let storage = storage.clone();
    Ui(use_reducer(move || UiState::new(initial_dark(&storage))))
}
