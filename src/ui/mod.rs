//! The thin Yew layer: DOM events become [`crate::domain::Action`]s and
//! state becomes HTML. It decides nothing about claims or text itself.
//!
//! - [`store`]: the one context, its reducer and the `use_store` hook.
//! - [`browser`]: the clock, ids and localStorage, behind domain traits.
//! - [`dom_selection`]: a DOM selection or element to document offsets.
//! - [`keyboard`]: roving focus, the reading cursor, undo keys.
//! - [`selection`]: the pending selection, its toolbar position and shortcuts.
//! - [`persistence`]: the first state from storage; saving as an effect.
//! - [`components`]: one component per file.

pub mod browser;
pub mod components;
pub mod dom_selection;
pub mod keyboard;
pub mod persistence;
pub mod selection;
pub mod share;
pub mod store;

pub use components::claim_annotator::{ClaimAnnotator, ClaimAnnotatorProps};
pub use components::demo_app::DemoApp;
