//! claimmark-core: everything that decides what is true about claims and
//! text, in pure Rust — no yew, web-sys, js-sys, wasm-bindgen or gloo in its
//! tree — shared by the widget, the command line, the tools and the fuzz
//! targets, and tested natively in milliseconds.
//!
//! Layers, each using only the layers listed before it (the table in
//! ARCHITECTURE.md; `tests/layers.rs` fails on an upward import):
//!
//! - [`text`]: code-point offsets, spans, the document, word snapping,
//!   excerpts.
//! - [`model`]: certainty, the annotation and its certainty history,
//!   anchoring (W3C selectors to spans and back), the merge rules.
//! - [`assistant`]: suggested claims from certainty cues (on text and
//!   certainty only).
//! - [`state`]: the `Action`s and the pure reducer, undo, merging another
//!   tab's save, the storage notices the state carries.
//! - [`storage`]: the key list, the key-value trait, the envelope, compact
//!   rows, saving and opening an article.
//! - [`interchange`]: W3C and ClaimReview export, checked import, previews,
//!   share links and text-fragment links.
//! - [`view`]: what the widget draws: segments, suggestions placed among
//!   claims, document order, the reading cursor and overview, claim events.
//!
//! ```
//! use std::rc::Rc;
//! use claimmark_core::{reduce, Action, AnnotationId, Certainty, Document, Span, State, Timestamp};
//!
//! let doc = Rc::new(Document::from_plain_text("Officials say the talks failed.", None));
//! let state = Rc::new(State::new(doc));
//! // A sloppy selection ("fficials sa") snaps to whole words.
//! let state = reduce(state, Action::Create {
//!     id: AnnotationId::from_random_bytes([1; 16]),
//!     span: Span::new(1, 11),
//!     certainty: Certainty::Unclear,
//!     at: Timestamp(0),
//! });
//! let claim = &state.claims[0];
//! assert_eq!(claim.annotation.target.quote.exact, "Officials say");
//! assert_eq!(state.counts(), [0, 1, 0]);
//! ```

pub mod assistant;
pub mod interchange;
pub mod model;
pub mod state;
pub mod storage;
pub mod text;
pub mod view;

#[cfg(test)]
mod test_support;

pub use model::anchor::{anchor, describe, Placement};
pub use model::annotation::{Annotation, AnnotationId, Deletion, SourceUrl, Target, Timestamp};
pub use model::certainty::Certainty;
pub use state::{reduce, Action, Claim, State};
pub use text::document::{Block, BlockKind, Document, DocumentId};
pub use text::span::Span;
