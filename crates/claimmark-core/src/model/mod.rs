//! The model layer: what a claim is, on the text layer only.
//!
//! - [`certainty`]: confirmed, unclear, unconfirmed.
//! - [`annotation`]: the W3C annotation with its target, note, sources and
//!   size limits.
//! - [`certainty_change`]: one line of a claim's certainty history.
//! - [`anchor`]: a span described as W3C selectors, and found again.
//! - [`merge`]: which of two copies of a claim wins (newer `modified`;
//!   tombstones), for imports and for another tab's save alike.

pub mod anchor;
pub mod annotation;
pub mod certainty;
pub mod certainty_change;
pub mod merge;
