//! The state layer: the claims of one article and every change to them, on
//! text and model only. Pure: ids and times arrive inside actions.
//!
//! - [`store`]: the [`State`] and its [`Claim`]s.
//! - [`action`]: the one [`Action`] enum.
//! - [`reduce`]: the pure [`reduce()`] (same `Rc` on a no-op).
//! - [`undo`]: undo and redo of sets of claims.
//! - [`merge`]: an import or another tab's save merged in by id.
//! - [`notice`]: what the banner tells about storage.

pub mod action;
pub mod merge;
pub mod notice;
pub mod reduce;
pub mod store;
pub mod undo;

pub use action::Action;
pub use reduce::reduce;
pub use store::{Claim, State};
