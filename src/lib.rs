//! claimmark's widget: a thin Yew layer over [`claimmark_core`]. DOM events
//! become [`claimmark_core::Action`]s and state becomes HTML; it decides
//! nothing about claims or text itself (that is the core's job).
//!
//! - [`store`]: the one context, its reducer and the `use_store` hook.
//! - [`ui_state`]: screen-only state (card, popover, toast, help, filter,
//!   theme, roving focus) as a pure, natively tested reducer.
//! - [`hooks`]: one concern each (saving, the selection, roving focus, the
//!   card, suggestions, keys, theme, …), as handles with verbs.
//! - [`components`]: one component per file; the root is
//!   [`components::claim_annotator`].
//! - [`browser`]: the clock, ids and localStorage, behind domain traits.
//! - [`dom_selection`]: a DOM selection or element to document offsets.
//! - [`keyboard`]: what a key means (roving, tagging, the reading cursor).
//! - [`recovery`]: the banners' export and the panic hook's recovery banner.
//! - [`segmenter`]: word and grapheme boundaries by `Intl.Segmenter`.
//! - [`dialog`]: Escape and first focus, shared by the small dialogs.
//! - [`share`]: page URL and fragment, downloads, clipboard.
//! - [`deflate`]: raw deflate by the browser's compression streams.
//! - [`embed`]: mode, storage and theme settings, and `mount` for host pages.
//! - [`desk`] and [`desk_http`]: sync with a desk server (the decisions
//!   are the core's `interchange::desk`).
//!
//! Not here: anything about claims or text ([`claimmark_core`]).

pub mod browser;
pub mod components;
pub mod deflate;
pub mod desk;
pub mod desk_http;
pub use claimmark_ui::dialog;
pub mod dom_selection;
pub mod embed;
pub mod hooks;
pub mod keyboard;
pub mod recovery;
pub mod segmenter;
pub mod share;
pub mod store;
pub mod ui_state;

pub use components::claim_annotator::{ClaimAnnotator, ClaimAnnotatorProps};
pub use components::demo_app::DemoApp;
