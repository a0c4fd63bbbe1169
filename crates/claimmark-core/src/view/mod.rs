//! The view layer: what the widget draws, worked out from the state — on
//! every layer below it, never the other way round.
//!
//! - [`segments`]: overlapping claims flattened per block; keyboard stops.
//! - [`suggested`]: the assistant's suggestions placed among the claims.
//! - [`document_order`]: claims in reading order, patched per change.
//! - [`reading_cursor`]: the keyboard's sentence / word cursor; the overview.
//! - [`changes`]: claim-by-claim differences, for the change events.
//! - [`prerender`]: the article and its claims as HTML that needs no
//!   script (`claimmark render`), and its stylesheet.
//! - [`roving`]: moving between claim stops, the tab stop, the filter's
//!   `data-hide` (the editor and the reader share them).
//! - [`theme`]: the `theme` attribute and `data-theme`.

pub mod changes;
pub mod document_order;
pub mod prerender;
pub mod reading_cursor;
pub mod roving;
pub mod segments;
pub mod suggested;
pub mod theme;
