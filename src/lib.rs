//! claimmark's widget: a thin Yew layer over [`claimmark_core`]. DOM events
//! become [`claimmark_core::Action`]s and state becomes HTML; it decides
//! nothing about claims or text itself (that is the core's job).
//!
//! - [`store`]: the one context, its reducer and the `use_store` hook.
//! - [`after_paint`]: work that waits for the first frame (suggestions).
//! - [`announcer`]: the live region, written without re-rendering the widget.
//! - [`browser`]: the clock, ids and localStorage, behind domain traits.
//! - [`dom_selection`]: a DOM selection or element to document offsets.
//! - [`keyboard`]: roving focus, the reading cursor, undo keys.
//! - [`nearby`]: which blocks of a long article show their marks (near the viewport).
//! - [`selection`]: the pending selection, its toolbar position and shortcuts.
//! - [`persistence`]: the first state from storage; saving as an effect.
//! - [`printing`]: whether the page is being printed (what only paper shows).
//! - [`sync`]: another tab's saves merged in (`storage` events).
//! - [`recovery`]: the banners' export and the panic hook's recovery banner.
//! - [`dialog`]: Escape and first focus, shared by the small dialogs.
//! - [`components`]: one component per file.
//! - [`embed`]: mode, storage and theme settings, and `mount` for host pages.

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod after_paint;
pub mod announcer;
pub mod browser;
pub mod components;
pub mod dialog;
pub mod dom_selection;
pub mod embed;
pub mod keyboard;
pub mod nearby;
pub mod persistence;
pub mod printing;
pub mod recovery;
pub mod selection;
pub mod share;
pub mod store;
pub mod sync;

pub use components::claim_annotator::{ClaimAnnotator, ClaimAnnotatorProps};
pub use components::demo_app::DemoApp;
