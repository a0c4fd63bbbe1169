//! Loading a stored envelope from an arbitrary string: `persist::load`
//! must never panic, and whatever it did not understand must be kept
//! (the original value is never changed).
#![no_main]

use libfuzzer_sys::fuzz_target;

use claimmark_core::model::annotation::Timestamp;
use claimmark_core::text::document::{Document, DocumentId};
use claimmark_core::storage::{document_key, load, KeyValueStore, MemoryStore};

fuzz_target!(|data: &[u8]| {
    let Ok(stored) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(id) = DocumentId::parse("story-1") else {
        return;
    };
    let store = MemoryStore::default();
    let key = document_key(&id);
    if store.set(&key, stored).is_err() {
        return;
    }
    // Read alone, and against an article (compact claims resolve against it).
    let _ = load(&store, &id, Timestamp(0), None);
    let article = Document::from_plain_text("Officials said the bridge fell. 😀", Some(id.clone()));
    let _ = load(&store, &id, Timestamp(0), Some(&article));
    assert_eq!(store.get(&key).ok().flatten().as_deref(), Some(stored));
});
