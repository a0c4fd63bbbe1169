//! Settings kept beside the claims, each under its key in
//! [`crate::storage::keys`] and always through the widget's chosen
//! [`KeyValueStore`] (so `storage="none"` writes nothing anywhere):
//!
//! - dismissed suggestions per document: a JSON array of sentence hashes,
//!   so a dismissal survives a reload and does not move to another
//!   sentence when text before it changes;
//! - the suggestions switch (`on` | `off`, one for the whole widget);
//! - the fact-checker's name, recorded in certainty histories and offered
//!   as the ClaimReview author;
//! - the theme chosen by hand (`light` | `dark`).
//!
//! Unreadable values read as "nothing dismissed", "on", "no name" and "no
//! choice"; a failed read is the same as an absent value.

use std::collections::BTreeSet;

use crate::storage::key_value::{KeyValueStore, StorageError};
use crate::storage::keys::{author_key, dismissed_key, suggestions_switch_key, theme_key};
use crate::text::document::Document;

/// The stored value of the switch when suggestions are hidden.
const OFF: &str = "off";
/// The stored value of the switch when suggestions are shown.
const ON: &str = "on";

/// A theme a person chose by hand (without one, the page's colour scheme
/// decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
}

impl ThemeChoice {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }
}

/// Reads a stored list of dismissals: a JSON array of strings. Anything
/// else (absent, corrupt, other types) counts as nothing dismissed;
/// non-string items are skipped.
pub fn parse_dismissed(raw: Option<&str>) -> BTreeSet<String> {
    raw.and_then(|raw| serde_json::from_str::<Vec<serde_json::Value>>(raw).ok())
        .map(|items| {
            items
                .into_iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The document's dismissals from `store` (none when storage fails).
pub fn load_dismissed(store: &dyn KeyValueStore, document: &Document) -> BTreeSet<String> {
    parse_dismissed(
        store
            .get(&dismissed_key(document.id()))
            .ok()
            .flatten()
            .as_deref(),
    )
}

/// Stores the document's dismissals.
pub fn save_dismissed(
    store: &dyn KeyValueStore,
    document: &Document,
    dismissed: &BTreeSet<String>,
) -> Result<(), StorageError> {
    let json = serde_json::to_string(dismissed).unwrap_or_else(|_| "[]".to_owned());
    store.set(&dismissed_key(document.id()), &json)
}

/// Whether suggestions are switched on; on unless the store says "off".
pub fn load_switch(store: &dyn KeyValueStore) -> bool {
    store
        .get(&suggestions_switch_key())
        .ok()
        .flatten()
        .as_deref()
        != Some(OFF)
}

/// Remembers the switch.
pub fn save_switch(store: &dyn KeyValueStore, on: bool) -> Result<(), StorageError> {
    store.set(&suggestions_switch_key(), if on { ON } else { OFF })
}

/// The theme chosen by hand, if any (an unknown word counts as none).
pub fn load_theme(store: &dyn KeyValueStore) -> Option<ThemeChoice> {
    match store.get(&theme_key()).ok().flatten().as_deref() {
        Some("light") => Some(ThemeChoice::Light),
        Some("dark") => Some(ThemeChoice::Dark),
        _ => None,
    }
}

/// Remembers the theme chosen by hand.
pub fn save_theme(store: &dyn KeyValueStore, theme: ThemeChoice) -> Result<(), StorageError> {
    store.set(&theme_key(), theme.as_str())
}

/// The fact-checker's name as stored (raw: the reducer cleans it).
pub fn load_author(store: &dyn KeyValueStore) -> Option<String> {
    store.get(&author_key()).ok().flatten()
}

/// Remembers the fact-checker's name.
pub fn save_author(store: &dyn KeyValueStore, name: &str) -> Result<(), StorageError> {
    store.set(&author_key(), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::key_value::MemoryStore;
    use crate::text::document::DocumentId;

    fn doc() -> Document {
        Document::from_plain_text(
            "Officials confirmed the fire.",
            DocumentId::parse("doc-test").ok(),
        )
    }

    #[test]
    fn dismissals_parse_leniently_and_round_trip_under_their_own_key() {
        let table: Vec<(Option<&str>, Vec<&str>)> = vec![
            (None, vec![]),
            (Some(""), vec![]),
            (Some("not json"), vec![]),
            (Some("{\"a\":1}"), vec![]),
            (
                Some("[1, null, \"ab\", [\"x\"], \"cd\", \"ab\"]"),
                vec!["ab", "cd"],
            ),
            (Some("[]"), vec![]),
        ];
        for (raw, expected) in table {
            let parsed: Vec<String> = parse_dismissed(raw).into_iter().collect();
            assert_eq!(parsed, expected, "{raw:?}");
        }
        let doc = doc();
        let store = MemoryStore::default();
        store.set("claimmark:v1:doc:doc-test", "keep").unwrap();
        assert!(load_dismissed(&store, &doc).is_empty());
        let set = BTreeSet::from(["0123".to_owned(), "abcd".to_owned()]);
        save_dismissed(&store, &doc, &set).unwrap();
        assert_eq!(load_dismissed(&store, &doc), set);
        let snapshot = store.snapshot();
        assert_eq!(
            snapshot
                .get("claimmark:v1:dismissed:doc-test")
                .map(String::as_str),
            Some("[\"0123\",\"abcd\"]")
        );
        assert_eq!(
            snapshot
                .get("claimmark:v1:doc:doc-test")
                .map(String::as_str),
            Some("keep")
        );
        assert!(load_dismissed(&MemoryStore::unavailable(), &doc).is_empty());
    }

    #[test]
    fn the_switch_is_on_unless_stored_off() {
        let store = MemoryStore::default();
        assert!(load_switch(&store));
        save_switch(&store, false).unwrap();
        assert!(!load_switch(&store));
        assert_eq!(
            store
                .snapshot()
                .get("claimmark:v1:suggestions")
                .map(String::as_str),
            Some("off")
        );
        save_switch(&store, true).unwrap();
        assert!(load_switch(&store));
        store.set("claimmark:v1:suggestions", "garbage").unwrap();
        assert!(load_switch(&store));
        assert!(load_switch(&MemoryStore::unavailable()));
        assert!(save_switch(&MemoryStore::unavailable(), false).is_err());
    }

    #[test]
    fn theme_and_author_round_trip_under_their_own_keys() {
        let store = MemoryStore::default();
        assert_eq!(load_theme(&store), None);
        assert_eq!(load_author(&store), None);
        save_theme(&store, ThemeChoice::Dark).unwrap();
        save_author(&store, "Ana").unwrap();
        assert_eq!(load_theme(&store), Some(ThemeChoice::Dark));
        assert_eq!(load_author(&store).as_deref(), Some("Ana"));
        let snapshot = store.snapshot();
        assert_eq!(
            snapshot
                .get("claimmark:v1:settings:theme")
                .map(String::as_str),
            Some("dark")
        );
        assert_eq!(
            snapshot
                .get("claimmark:v1:settings:author")
                .map(String::as_str),
            Some("Ana")
        );
        store.set("claimmark:v1:settings:theme", "purple").unwrap();
        assert_eq!(load_theme(&store), None, "an unknown word is no choice");
        assert_eq!(load_theme(&MemoryStore::unavailable()), None);
        assert!(save_theme(&MemoryStore::unavailable(), ThemeChoice::Light).is_err());
    }
}
