//! The widget's hooks: each owns one concern of the root and hands it a
//! handle with verbs (`card.close()`, `suggestions.toggle()`,
//! `roving.step(…)`) or the few values and handlers it wires into its HTML,
//! never raw setters. The screen state they share is one reducer
//! ([`crate::ui_state`], through [`ui::use_ui`]); the claims are the
//! store's ([`crate::store`], through [`widget_store::use_widget_store`]).
//!
//! Not here: components ([`crate::components`]) and pure logic (the
//! core, [`crate::ui_state`], [`crate::keyboard`]).

pub mod after_paint;
pub mod announce_changes;
pub mod announcer;
pub mod card;
pub mod claims;
pub mod desk;
pub mod document_order;
pub mod key_commands;
pub mod marks;
pub mod nearby;
pub mod overview;
pub mod persistence;
pub mod pieces;
pub mod printing;
pub mod reading_cursor;
pub mod roving_focus;
pub mod selection;
pub mod suggestions;
pub mod sync;
pub mod theme;
pub mod ui;
pub mod undo_keys;
pub mod widget_store;

pub use announce_changes::use_change_announcements;
pub use announcer::use_announcer;
pub use card::use_card;
pub use claims::use_claim_actions;
pub use document_order::use_document_order;
pub use key_commands::{use_key_commands, KeyArgs};
pub use marks::use_marks_shown;
pub use overview::use_sentence_overview;
pub use pieces::use_pieces;
pub use reading_cursor::use_reading_cursor;
pub use roving_focus::use_roving_focus;
pub use selection::{use_pending_selection, use_selection_kept, use_tag_shortcuts};
pub use suggestions::{use_suggestion_popover, use_suggestions, SuggestArgs};
pub use theme::{data_theme, use_theme};
pub use ui::use_ui;
pub use widget_store::{use_widget_store, StoreArgs};
