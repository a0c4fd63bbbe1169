//! Opening an article: which document, which stored claims, what to tell.
//!
//! [`open_article`] turns article text into the [`Action::Open`] that shows
//! it, reading the document's envelope through any [`KeyValueStore`];
//! articles a person loaded by hand are remembered (their text is kept and
//! the demo's "current" key points at them). [`resume_demo`] reopens the
//! article last opened on the demo page, or the seed. Storage failures
//! become notices; nothing here panics or overwrites what it cannot read.

use std::rc::Rc;

use crate::model::annotation::Timestamp;
use crate::state::notice::Notice;
use crate::state::Action;
use crate::storage::{self, KeyValueStore, Loaded};
use crate::text::document::{Document, DocumentId};

/// Where an article's text came from, which decides what is remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with the page (the demo's seed, an embedder's article):
    /// the text is not stored.
    Embedded,
    /// Loaded by a person (pasted or a file): the text is stored with its
    /// claims and the demo reopens it after a reload.
    LoadedByHand,
}

/// Largest article accepted by hand, in bytes (a long report is ~100 KB).
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

/// Builds the action that shows `text`, with its stored claims.
pub fn open_article(
    store: &dyn KeyValueStore,
    text: &str,
    id: Option<DocumentId>,
    origin: Origin,
    now: Timestamp,
) -> Action {
    let document = Document::from_plain_text(text, id);
    let loaded = storage::load(store, document.id(), now, Some(&document));
    open_loaded(store, document, loaded, origin, None)
}

/// [`open_article`] once its stored entry is read (so it is read once).
/// `current` is what the demo's "current" key is known to hold already:
/// it is not written again (a write to a full storage area cost about 3 ms
/// of every reload of a long investigation).
fn open_loaded(
    store: &dyn KeyValueStore,
    document: Document,
    loaded: Loaded,
    origin: Origin,
    current: Option<&DocumentId>,
) -> Action {
    let keep_text = origin == Origin::LoadedByHand;
    let mut notices = loaded.notices.clone();
    if keep_text && !loaded.read_only() {
        let pointed = if current == Some(document.id()) {
            Ok(())
        } else {
            store.set(&storage::current_document_key(), document.id().as_str())
        };
        let remembered = pointed.and_then(|()| {
            if loaded.text_kept {
                Ok(())
            } else {
                storage::save_with_deletions(
                    store,
                    &document,
                    true,
                    &loaded.annotations,
                    &loaded.deletions,
                )
            }
        });
        if let Err(error) = remembered {
            notices.push(notice_for(&error));
        }
    }
    Action::Open {
        document: Rc::new(document),
        keep_text,
        annotations: loaded.annotations,
        deletions: loaded.deletions,
        notices: dedup(notices),
    }
}

/// Reopens the article the demo showed last if its text is stored, else
/// the seed; and points "current" back at the seed when asked to.
pub fn resume_demo(store: &dyn KeyValueStore, seed: &str, now: Timestamp) -> Action {
    let remembered = store
        .get(&storage::current_document_key())
        .ok()
        .flatten()
        .and_then(|raw| DocumentId::parse(&raw).ok());
    if let Some(id) = remembered {
        let mut loaded = storage::load(store, &id, now, None);
        if let Some(document) = loaded.document.take() {
            if document.content_id() == id {
                return open_loaded(store, document, loaded, Origin::LoadedByHand, Some(&id));
            }
        }
    }
    open_article(store, seed, None, Origin::Embedded, now)
}

/// Leaves an article loaded by hand for the embedded one (the demo's
/// seed): "current" is forgotten, and a failure to write that becomes a
/// notice of the opened article.
pub fn return_to_embedded(
    store: &dyn KeyValueStore,
    text: &str,
    id: Option<DocumentId>,
    now: Timestamp,
) -> Action {
    let forgotten = forget_current(store);
    let mut action = open_article(store, text, id, Origin::Embedded, now);
    if let (Err(error), Action::Open { notices, .. }) = (forgotten, &mut action) {
        let notice = notice_for(&error);
        if !notices.contains(&notice) {
            notices.push(notice);
        }
    }
    action
}

/// Makes the seed the demo's current article again.
pub fn forget_current(store: &dyn KeyValueStore) -> Result<(), storage::StorageError> {
    store.set(&storage::current_document_key(), "")
}

/// The notice a failed write deserves.
pub fn notice_for(error: &storage::StorageError) -> Notice {
    match error {
        storage::StorageError::QuotaExceeded => Notice::QuotaExceeded,
        _ => Notice::Unavailable,
    }
}

fn dedup(notices: Vec<Notice>) -> Vec<Notice> {
    let mut out: Vec<Notice> = Vec::with_capacity(notices.len());
    for notice in notices {
        if !out.contains(&notice) {
            out.push(notice);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, State};
    use crate::storage::MemoryStore;
    use crate::{AnnotationId, Certainty, Span};

    const SEED: &str = "date 2026-02-25 Seed article text.\n\nSecond paragraph.";
    const PASTED: &str = "A pasted article.\n\nWith two paragraphs.";

    fn opened(action: &Action) -> (String, bool, usize, Vec<Notice>) {
        match action {
            Action::Open {
                document,
                keep_text,
                annotations,
                notices,
                ..
            } => (
                document.text().to_owned(),
                *keep_text,
                annotations.len(),
                notices.clone(),
            ),
            other => panic!("expected Open, got {other:?}"),
        }
    }

    #[test]
    fn demo_starts_on_the_seed_then_resumes_the_article_loaded_by_hand() {
        let store = MemoryStore::default();
        assert_eq!(opened(&resume_demo(&store, SEED, Timestamp(1))).0, SEED);
        let action = open_article(&store, PASTED, None, Origin::LoadedByHand, Timestamp(2));
        assert_eq!(opened(&action), (PASTED.to_owned(), true, 0, vec![]));
        // A claim in the pasted article, saved as the UI's effect would.
        let state = reduce(
            Rc::new(State::new(Rc::new(Document::from_plain_text(SEED, None)))),
            action,
        );
        let state = reduce(
            state,
            Action::Create {
                id: AnnotationId::from_random_bytes([3; 16]),
                span: Span::new(2, 8),
                certainty: Certainty::Confirmed,
                at: Timestamp(3),
            },
        );
        storage::save(&store, &state.document, true, &state.annotations()).expect("saved");
        let resumed = resume_demo(&store, SEED, Timestamp(4));
        assert_eq!(opened(&resumed), (PASTED.to_owned(), true, 1, vec![]));
        assert_eq!(
            opened(&return_to_embedded(&store, SEED, None, Timestamp(5))),
            (SEED.to_owned(), false, 0, vec![])
        );
        assert_eq!(
            opened(&resume_demo(&store, SEED, Timestamp(5))),
            (SEED.to_owned(), false, 0, vec![])
        );
        // The seed's claims and the pasted article's are kept apart.
        assert_eq!(
            opened(&open_article(
                &store,
                PASTED,
                None,
                Origin::LoadedByHand,
                Timestamp(6)
            ))
            .2,
            1
        );
    }

    #[test]
    fn storage_faults_still_open_the_article_with_a_notice() {
        let blocked = MemoryStore::unavailable();
        assert_eq!(
            opened(&return_to_embedded(&blocked, SEED, None, Timestamp(1))).3,
            vec![Notice::Unavailable],
            "one notice, not one per failed call"
        );
        assert_eq!(
            opened(&resume_demo(&blocked, SEED, Timestamp(1))),
            (SEED.to_owned(), false, 0, vec![Notice::Unavailable])
        );
        assert_eq!(
            opened(&open_article(
                &blocked,
                PASTED,
                None,
                Origin::LoadedByHand,
                Timestamp(1)
            ))
            .3,
            vec![Notice::Unavailable]
        );
        assert_eq!(
            opened(&return_to_embedded(&blocked, SEED, None, Timestamp(1))).3,
            vec![Notice::Unavailable],
            "one notice, not one per failed call"
        );
        let full = MemoryStore::with_quota(10);
        assert_eq!(
            opened(&open_article(
                &full,
                PASTED,
                None,
                Origin::LoadedByHand,
                Timestamp(1)
            ))
            .3,
            vec![Notice::QuotaExceeded]
        );
    }

    /// A store that counts its writes.
    #[derive(Default)]
    struct CountingStore {
        inner: MemoryStore,
        writes: std::cell::Cell<usize>,
    }

    impl KeyValueStore for CountingStore {
        fn get(&self, key: &str) -> Result<Option<String>, storage::StorageError> {
            self.inner.get(key)
        }

        fn set(&self, key: &str, value: &str) -> Result<(), storage::StorageError> {
            self.writes.set(self.writes.get() + 1);
            self.inner.set(key, value)
        }
    }

    #[test]
    fn resuming_the_article_loaded_by_hand_writes_nothing() {
        let store = CountingStore::default();
        let action = open_article(&store, PASTED, None, Origin::LoadedByHand, Timestamp(1));
        assert_eq!(opened(&action).0, PASTED);
        assert!(store.writes.get() > 0, "opening it remembers it");
        let before = store.inner.snapshot();
        store.writes.set(0);
        let resumed = resume_demo(&store, SEED, Timestamp(2));
        assert_eq!(opened(&resumed), (PASTED.to_owned(), true, 0, vec![]));
        assert_eq!(store.writes.get(), 0, "storage already says so");
        assert_eq!(store.inner.snapshot(), before);
        // Opening it again by hand (another paste of the same text) still
        // points "current" at it.
        open_article(&store, PASTED, None, Origin::LoadedByHand, Timestamp(3));
        assert!(store.writes.get() > 0);
    }
}
