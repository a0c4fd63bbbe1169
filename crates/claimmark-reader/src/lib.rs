//! claimmark-reader: what a publisher's readers load for
//! `<claim-annotator mode="read">` — the article with its claims
//! highlighted by certainty, the legend with its filter chips, the
//! read-only card, moving between claims from the keyboard, and W3C import
//! with anchoring (claimmark-core's). It draws the editor's read-mode DOM
//! (ARCHITECTURE.md, "DOM contract"), so host CSS and tests see the same
//! elements, and exports the editor's `mount(element, options)` with the
//! same handle, so the embed module (`embed/claimmark.js`) can load either.
//!
//! Not here: anything that writes — tagging, the claim card's edits,
//! share, suggestions, undo, storage, the claims panel. Those are the
//! editor's (the root package). Pure logic both need lives in
//! claimmark-core's `view` layer.
//!
//! - [`mount`] / [`handle`]: the wasm exports and the page's handle.
//! - [`reader`]: the root component; [`ui`] its screen state.
//! - [`article`], [`block`]: the article's blocks and their marks.
//! - [`dom`]: the reader's own browser helpers (focus, NFC, the page URL).
//!
//! The legend, the card, the orphan list, the marks and the helpers the
//! editor also needs come from `claimmark-ui`.

pub mod article;
pub mod block;
pub mod dom;
pub mod handle;
pub mod reader;
pub mod ui;

pub use handle::{mount, ReaderHandle};
