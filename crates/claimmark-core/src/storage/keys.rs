//! Every key claimmark reads or writes, in one list. All start with
//! [`KEY_PREFIX`]; the widget never touches, enumerates or clears any other
//! key. What is stored under each is described in ARCHITECTURE.md.

use crate::text::document::DocumentId;

/// Every key this widget owns starts with this; it touches no other key.
pub const KEY_PREFIX: &str = "claimmark:v1:";

/// The key of a document's envelope.
pub fn document_key(id: &DocumentId) -> String {
    format!("{KEY_PREFIX}doc:{id}")
}

/// The key of a document's desk-server sync record (server versions,
/// feed cursor, who changed what: `interchange::desk::DeskSync`).
pub fn sync_key(id: &DocumentId) -> String {
    format!("{KEY_PREFIX}sync:{id}")
}

/// The key where the demo page remembers the article last opened.
pub fn current_document_key() -> String {
    format!("{KEY_PREFIX}demo:current")
}

/// The key under which an article loaded by hand keeps its text: raw, not
/// JSON. Its document id is the text's hash, so it never changes.
pub fn text_key(id: &DocumentId) -> String {
    format!("{KEY_PREFIX}text:{id}")
}

/// The key of a document's dismissed suggestions.
pub fn dismissed_key(id: &DocumentId) -> String {
    format!("{KEY_PREFIX}dismissed:{id}")
}

/// The key of the suggestions switch (one for the whole widget).
pub fn suggestions_switch_key() -> String {
    format!("{KEY_PREFIX}suggestions")
}

/// The key of the fact-checker's name (certainty history, ClaimReview author).
pub fn author_key() -> String {
    format!("{KEY_PREFIX}settings:author")
}

/// The key of the theme chosen by hand (`light` | `dark`).
pub fn theme_key() -> String {
    format!("{KEY_PREFIX}settings:theme")
}

/// The key beside `key` where unreadable contents are copied (attempt 0,
/// then `-1`, `-2`, … when that one is taken), named with the time `ms`.
pub fn set_aside_key(key: &str, ms: i64, attempt: u32) -> String {
    match attempt {
        0 => format!("{key}:set-aside:{ms}"),
        n => format!("{key}:set-aside:{ms}-{n}"),
    }
}
