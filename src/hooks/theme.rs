//! The dark theme: [`use_theme`] follows the system's
//! `prefers-color-scheme` while no choice is kept, and [`DarkTheme::toggle`]
//! switches it and keeps the choice under `claimmark:v1:settings:theme`,
//! through the widget's storage choice (never localStorage directly).
//! [`data_theme`] is the root's `data-theme`.
//!
//! Not here: the fixed theme an embedder asks for ([`crate::embed::Theme`]),
//! and the toggle button ([`crate::components::theme_toggle`]).

use claimmark_core::storage::settings::{load_theme, save_theme, ThemeChoice};
use yew::prelude::*;

use crate::embed::{Theme, WidgetStorage};
use crate::hooks::ui::Ui;
use crate::ui_state::{UiAction, UiState};

/// The dark theme switch of one widget.
#[derive(Clone)]
pub struct DarkTheme {
    ui: Ui,
    storage: WidgetStorage,
}

impl DarkTheme {
    /// The dark theme is on.
    pub fn dark(&self) -> bool {
        self.ui.dark
    }

    /// Switches the theme and remembers the choice (a choice that cannot
    /// be remembered still applies to this page).
    pub fn toggle(&self) {
        let next = !self.ui.dark;
        let choice = if next {
            ThemeChoice::Dark
        } else {
            ThemeChoice::Light
        };
        let _ = save_theme(&self.storage, choice);
        self.ui.dispatch(UiAction::SetDark(next));
    }

    /// [`DarkTheme::toggle`] as a callback.
    pub fn on_toggle(&self) -> Callback<()> {
        let theme = self.clone();
        Callback::from(move |()| theme.toggle())
    }
}

/// Dark at first: the choice kept in `storage`, else the system's.
pub fn initial_dark(storage: &WidgetStorage) -> bool {
    match load_theme(storage) {
        Some(choice) => choice == ThemeChoice::Dark,
        None => prefers_dark(),
    }
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The theme switch; without a kept choice, the theme follows the
/// system's as it changes.
#[hook]
pub fn use_theme(ui: &Ui, storage: &WidgetStorage) -> DarkTheme {
    {
        let (dispatcher, storage) = (ui.dispatcher(), storage.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .map(|query| {
                    let watched = query.clone();
                    gloo_events::EventListener::new(&query, "change", move |_| {
                        if load_theme(&storage).is_none() {
                            dispatcher.dispatch(UiAction::SetDark(watched.matches()));
                        }
                    })
                });
            move || drop(listener)
        });
    }
    DarkTheme {
        ui: ui.clone(),
        storage: storage.clone(),
    }
}

/// `data-theme` of the root: a theme the embedder fixed; otherwise, in
/// edit mode, the person's choice (else the system's), and in read mode
/// `auto`, which follows the reader's `prefers-color-scheme`.
pub fn data_theme(reading: bool, theme: Theme, ui: &UiState) -> &'static str {
    match theme {
        Theme::Auto if !reading => ui.theme_key(),
        fixed => fixed.key(),
    }
}
