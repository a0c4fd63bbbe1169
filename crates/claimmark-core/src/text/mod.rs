//! The text layer: the article and positions in it. Uses nothing else of
//! the crate (the matching kernels are the `claimmark-match` crate).
//!
//! - [`offsets`]: code points inside; the only UTF-16 and UTF-8 conversions.
//! - [`document`]: the article, its blocks and its id.
//! - [`span`], [`snap`]: ranges of code points; snapping to whole words.
//! - [`excerpt`]: short excerpts of quotes for labels.
//! - [`segment`]: grapheme and word boundaries, a platform seam (the
//!   browser registers `Intl.Segmenter`), re-exported from `claimmark-match`.

pub mod document;
pub mod excerpt;
pub mod offsets;
pub mod snap;
pub mod span;

pub use claimmark_match::segment;
