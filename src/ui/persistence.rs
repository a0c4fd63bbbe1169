//! The widget's storage side in the UI: opening the first article with
//! what localStorage holds for it, and saving as an effect keyed on the
//! state's revision (never I/O inside the reducer). Both are bracketed by
//! `performance.measure` entries (`claimmark:load`, `claimmark:save`) that
//! `make bench` reads.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::persist::{self, KeyValueStore};
use crate::domain::session::{self, Origin};
use crate::domain::{reduce, Action, Document, DocumentId, State};

use super::browser::now;
use super::embed::WidgetStorage;

/// The first state: the embedder's article (or, on the demo page, the
/// article loaded last) with the claims storage holds for it.
pub fn initial_state(
    store: &dyn KeyValueStore,
    text: &str,
    doc_id: Option<DocumentId>,
    resume: bool,
) -> State {
    measured("claimmark:load", || {
        let action = match (resume, doc_id) {
            (true, None) => session::resume_demo(store, text, now()),
            (_, given) => session::open_article(store, text, given, Origin::Embedded, now()),
        };
        let empty = Rc::new(State::new(Rc::new(Document::from_plain_text("", None))));
        let opened = reduce(empty, action);
        Rc::try_unwrap(opened).unwrap_or_else(|shared| (*shared).clone())
    })
}

/// Runs `work` between `performance.mark("<name>:start")` and
/// `performance.measure(name)`; without a `Performance` it just runs it.
fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start);
    }
    result
}

/// Saves the claims to `storage` whenever the revision moves, unless
/// storage must be protected; reports the outcome back to the store. A
/// failed save keeps the claims in memory and is retried on the next change
/// and when the page is hidden or left (`pagehide`), so room made meanwhile
/// is used. With localStorage, another tab's saves of the same document are
/// merged in (`ui::sync`).
#[hook]
pub fn use_persistence(handle: &UseReducerHandle<State>, storage: WidgetStorage) {
    super::sync::use_tab_sync(handle, matches!(storage, WidgetStorage::Local));
    let unsaved = use_mut_ref(|| None::<UseReducerHandle<State>>);
    {
        let (unsaved, storage) = (unsaved.clone(), storage.clone());
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "pagehide", move |_| {
                    let pending = unsaved.borrow_mut().take();
                    if let Some(state) = pending.filter(|s| !s.read_only()) {
                        let _ = persist::save_state(&storage, &state);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let saved = use_mut_ref(|| handle.revision);
    let state = handle.clone();
    // The panic hook's export reads the latest claims of each document.
    let latest = handle.clone();
    let document = super::store::DocumentRef(handle.document.clone());
    use_effect_with((handle.revision, document), move |_| {
        super::recovery::remember(&latest);
    });
    use_effect_with(handle.revision, move |revision| {
        if *saved.borrow() != *revision && !state.read_only() {
            *saved.borrow_mut() = *revision;
            // Tombstones are saved too, so an import never revives a deletion.
            let outcome = measured("claimmark:save", || persist::save_state(&storage, &state));
            *unsaved.borrow_mut() = outcome.is_err().then(|| state.clone());
            state.dispatch(match outcome {
                Ok(()) => Action::Saved,
                Err(error) => Action::Notify(session::notice_for(&error)),
            });
        }
    });
}
