//! Saving again without writing everything again: [`RowCache`] keeps the
//! JSON of each claim's row from the last save, and of the article's text,
//! and [`save_state_cached`] reuses them for the claims that are still the
//! same `Rc` (a change clones only the claim it edits, see
//! [`crate::state::store::State::claims`]). The envelope written is byte for byte
//! the one [`crate::storage::save_state`] writes.

use std::collections::HashMap;
use std::rc::{Rc, Weak};

use crate::state::store::{Claim, State};
use crate::storage::{
    document_key, envelope_head, envelope_tail, place_text, row_json, KeyValueStore, StorageError,
    TextPlacement,
};
use crate::text::document::Document;

/// The rows of the last save, by claim. A row is reused only while the
/// cache still holds a weak pointer to the very claim it was written from,
/// so a freed claim's address can never be mistaken for a new one's.
#[derive(Debug, Default)]
pub struct RowCache {
    /// The article the rows were written against, and whether its text is
    /// kept: either changing makes every row stale.
    document: Weak<Document>,
    keep_text: bool,
    /// The article's text is under its key (written by this cache).
    text_written: bool,
    /// The envelope up to the claims, for the text where it was last put.
    head: Option<(TextPlacement, String)>,
    rows: HashMap<*const Claim, (Weak<Claim>, String)>,
    /// Bytes written last time, to size the next buffer at once.
    last_len: usize,
}

/// Writes `state`'s envelope (and, once, its kept text) as
/// [`crate::storage::save_state`] does, serialising only the claims that
/// changed since the last save through `cache`.
pub fn save_state_cached(
    store: &dyn KeyValueStore,
    state: &State,
    cache: &mut RowCache,
) -> Result<(), StorageError> {
    let document = &state.document;
    let same_article = Weak::as_ptr(&cache.document) == Rc::as_ptr(document)
        && cache.document.strong_count() > 0
        && cache.keep_text == state.keep_text;
    if !same_article {
        *cache = RowCache {
            document: Rc::downgrade(document),
            keep_text: state.keep_text,
            ..RowCache::default()
        };
    }
    let placement = place_text(store, document, state.keep_text, cache.text_written)?;
    cache.text_written = placement == TextPlacement::Key;
    let json =
        envelope_json(state, placement, cache).map_err(|e| StorageError::Failed(e.to_string()))?;
    store.set(&document_key(document.id()), &json)
}

fn envelope_json(
    state: &State,
    placement: TextPlacement,
    cache: &mut RowCache,
) -> Result<String, serde_json::Error> {
    let document = &state.document;
    let head = match cache.head.take() {
        Some((placed, head)) if placed == placement => head,
        _ => envelope_head(document, placement)?,
    };
    let mut out = String::with_capacity(cache.last_len.max(head.len() + 64));
    out.push_str(&head);
    cache.head = Some((placement, head));
    let mut rows = HashMap::with_capacity(state.claims.len());
    for (n, claim) in state.claims.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let key = Rc::as_ptr(claim);
        let row = match cache.rows.remove(&key) {
            Some((weak, row)) if weak.strong_count() > 0 => row,
            _ => row_json(&claim.annotation, document, state.keep_text)?,
        };
        out.push_str(&row);
        rows.insert(key, (Rc::downgrade(claim), row));
    }
    cache.rows = rows;
    out.push_str(&envelope_tail(&state.deletions)?);
    cache.last_len = out.len();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{save_state, MemoryStore};
    use crate::{reduce, Action, AnnotationId, Certainty, Span, Timestamp};

    fn written(store: &MemoryStore) -> String {
        store.snapshot().into_values().next().expect("one key")
    }

    #[test]
    fn cached_saves_write_what_a_full_save_writes_after_every_kind_of_change() {
        let text =
            "Officials confirmed the fire on Tuesday. The mayor denied it. Police said two died.";
        let mut state = Rc::new(State::new(Rc::new(Document::from_plain_text(text, None))));
        let mut cache = RowCache::default();
        let cached = MemoryStore::default();
        let full = MemoryStore::default();
        let id = |n: u8| AnnotationId::from_random_bytes([n; 16]);
        type Step = Box<dyn Fn(Rc<State>) -> Rc<State>>;
        let steps: Vec<Step> = vec![
            Box::new(|s| s),
            Box::new(move |s| {
                reduce(
                    s,
                    Action::Create {
                        id: id(1),
                        span: Span::new(0, 9),
                        certainty: Certainty::Unclear,
                        at: Timestamp(5),
                    },
                )
            }),
            Box::new(move |s| {
                reduce(
                    s,
                    Action::Create {
                        id: id(2),
                        span: Span::new(41, 50),
                        certainty: Certainty::Confirmed,
                        at: Timestamp(6),
                    },
                )
            }),
            Box::new(move |s| {
                reduce(
                    s,
                    Action::SetCertainty {
                        id: id(1),
                        certainty: Certainty::Unconfirmed,
                        at: Timestamp(7),
                    },
                )
            }),
            Box::new(move |s| {
                reduce(
                    s,
                    Action::SetNote {
                        id: id(2),
                        note: "asked the mayor's office".to_owned(),
                        at: Timestamp(8),
                    },
                )
            }),
            Box::new(move |s| {
                reduce(
                    s,
                    Action::DeleteAt {
                        id: id(1),
                        at: Timestamp(9),
                    },
                )
            }),
            Box::new(|s| reduce(s, Action::Undo { at: Timestamp(10) })),
            Box::new(|mut s| {
                Rc::make_mut(&mut s).keep_text = true;
                s
            }),
            Box::new(move |s| {
                reduce(
                    s,
                    Action::SetCertainty {
                        id: id(2),
                        certainty: Certainty::Unclear,
                        at: Timestamp(11),
                    },
                )
            }),
        ];
        for (n, step) in steps.iter().enumerate() {
            state = step(state);
            save_state_cached(&cached, &state, &mut cache).expect("saved");
            save_state(&full, &state).expect("saved");
            assert_eq!(written(&cached), written(&full), "after step {n}");
        }
        assert_eq!(cache.rows.len(), state.claims.len(), "no stale rows kept");

        // Another article: nothing of the first one's rows is reused.
        let other = Rc::new(State::new(Rc::new(Document::from_plain_text(
            "Officials confirmed the fire on Wednesday.",
            None,
        ))));
        save_state_cached(&cached, &other, &mut cache).expect("saved");
        save_state(&full, &other).expect("saved");
        assert_eq!(cached.snapshot(), full.snapshot());
    }
}
