//! The storage layer: claims kept in a key-value store (the browser's
//! localStorage in the widget, [`persist::MemoryStore`] in tests), on the
//! layers below it.
//!
//! - [`persist`]: the key list, the store trait, the versioned envelope.
//! - [`compact`]: the short rows claims take inside it.
//! - [`row_cache`]: saving again reuses the rows of unchanged claims.
//! - [`session`]: opening an article with its stored claims.

pub mod compact;
pub mod persist;
pub mod row_cache;
pub mod session;
