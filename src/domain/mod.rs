//! The pure core of claimmark: everything that decides what is true about
//! claims and text, with no browser crate in sight (no yew, web_sys, gloo
//! or wasm_bindgen), so it is tested natively in milliseconds.
//!
//! - [`offsets`]: code points inside; UTF-16 and UTF-8 conversions.
//! - [`document`]: the article, its blocks and its id.
//! - [`excerpt`]: short excerpts of quotes for labels.
//! - [`span`], [`snap`]: ranges of code points; snapping to whole words.
//! - [`certainty`], [`annotation`]: what a claim is.
//! - [`anchor`]: W3C selectors to spans and back.
//! - [`store`]: the state, the `Action`s and the pure reducer.
//! - [`history`]: undo / redo, and each claim's certainty history.
//! - [`reading_cursor`]: the keyboard's sentence / word cursor; the overview.
//! - [`segments`]: overlapping claims flattened for rendering.
//! - [`suggested`]: the assistant's suggestions placed among them, and
//!   what a reader dismissed or switched off.
//! - [`persist`]: the versioned storage envelope and its rules;
//!   [`compact`]: the short form claims take inside it; [`row_cache`]:
//!   saving again reuses the rows of the claims that did not change.
//! - [`session`]: opening an article with its stored claims.
//! - [`sync`]: merging what another tab saved (two tabs, one document).
//! - [`interchange`]: W3C and ClaimReview export, checked import, merge by
//!   id, share links and text-fragment links.
//! - [`assistant`]: suggested claims from certainty cues (hedges, sources).

pub mod anchor;
pub mod annotation;
pub mod assistant;
pub mod certainty;
pub mod changes;
pub mod compact;
pub mod document;
pub mod document_order;
pub mod excerpt;
pub mod history;
pub mod interchange;
pub mod offsets;
pub mod persist;
pub mod reading_cursor;
pub mod row_cache;
pub mod segments;
pub mod session;
pub mod snap;
pub mod span;
pub mod store;
pub mod suggested;
pub mod sync;
#[cfg(test)]
mod test_claims;

pub use anchor::{anchor, describe, Placement};
pub use annotation::{Annotation, AnnotationId, Deletion, SourceUrl, Target, Timestamp};
pub use certainty::Certainty;
pub use document::{Block, BlockKind, Document, DocumentId};
pub use span::Span;
pub use store::{reduce, Action, Claim, State};
