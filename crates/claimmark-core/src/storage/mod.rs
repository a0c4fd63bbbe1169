//! The storage layer: claims and settings kept in a key-value store (the
//! browser's localStorage in the widget, [`MemoryStore`] in tests and with
//! `storage="none"`), on the layers below it. Everything claimmark writes
//! goes through a [`KeyValueStore`] the widget chose: nothing here reaches
//! for localStorage by itself.
//!
//! - [`keys`]: every key, in one list.
//! - [`key_value`]: the store trait, its errors, the memory store.
//! - [`envelope`]: writing a document's envelope (schema 2).
//! - [`load`]: reading it back, schema 1 included, never losing data.
//! - [`compact`]: the short rows claims take inside it.
//! - [`row_cache`]: saving again reuses the rows of unchanged claims.
//! - [`session`]: opening an article with its stored claims.
//! - [`settings`]: the author, the theme, the suggestions switch and the
//!   dismissed suggestions.

pub mod compact;
pub mod envelope;
pub mod key_value;
pub mod keys;
pub mod load;
pub mod row_cache;
pub mod session;
pub mod settings;

pub use envelope::{
    envelope_head, envelope_tail, place_text, row_json, save, save_state, save_with_deletions,
    LegacyEnvelope, TextPlacement, SCHEMA_VERSION,
};
pub use key_value::{KeyValueStore, MemoryStore, StorageError};
pub use keys::{current_document_key, document_key, sync_key, text_key, KEY_PREFIX};
pub use load::{load, parse_envelope, Loaded};

#[cfg(test)]
mod tests;
