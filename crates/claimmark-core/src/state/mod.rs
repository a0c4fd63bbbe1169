//! The state layer: the claims of one article and every change to them, on
//! text and model only. Pure: ids and times arrive inside actions.
//!
//! - [`store`]: the [`store::State`], the one [`store::Action`] enum and
//!   the pure [`store::reduce`] (same `Rc` on a no-op).
//! - [`undo`]: undo and redo of sets of claims.
//! - [`sync`]: another tab's save merged in.
//! - [`notice`]: what the banner tells about storage.

pub mod notice;
pub mod store;
pub mod sync;
pub mod undo;
