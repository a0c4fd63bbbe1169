//! The widget's storage side in the UI: opening the first article with
//! what localStorage holds for it, and saving as an effect keyed on the
//! state's revision and the article shown (never I/O inside the reducer).
//! Both are bracketed by `performance.measure` entries (`claimmark:load`,
//! `claimmark:save`) that `make bench` reads.
//!
//! Not here: what is written and how it reads back (the core's `storage`),
//! and another tab's saves ([`crate::hooks::sync`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;

use yew::prelude::*;

use crate::store::Shared;
use claimmark_core::storage::row_cache::{save_state_cached, RowCache};
use claimmark_core::storage::session::{self, Origin};
use claimmark_core::storage::{save_state, KeyValueStore, StorageError};
use claimmark_core::{reduce, Action, Document, DocumentId, State};

use crate::browser::now;
use crate::embed::WidgetStorage;

/// The first state: the embedder's article (or, on the demo page, the
/// article loaded last) with the claims storage holds for it.
pub fn initial_state(
    store: &dyn KeyValueStore,
    text: &str,
    doc_id: Option<DocumentId>,
    resume: bool,
) -> Shared {
    measured("claimmark:load", || {
        let action = match (resume, doc_id) {
            (true, None) => session::resume_demo(store, text, now()),
            (_, given) => session::open_article(store, text, given, Origin::Embedded, now()),
        };
        let empty = Rc::new(State::new(Rc::new(Document::from_plain_text("", None))));
        Shared(reduce(empty, action))
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

/// How long a change waits before it is saved, in ms. Saving serialises
/// the whole envelope; doing it after the frame that shows the change keeps
/// it out of the time a person waits, and a burst of changes (typing a note,
/// undoing several steps) is written once.
pub const SAVE_DELAY_MS: u32 = 100;

/// Saves the claims to `storage` shortly after the revision moves
/// ([`SAVE_DELAY_MS`], after the frame that shows the change), unless storage
/// must be protected; reports the outcome back to the store. What is not yet
/// saved is written at once when the page is hidden or left
/// (`visibilitychange`, `pagehide`) and when the widget goes away, so closing
/// a tab loses nothing. A failed save keeps the claims in memory and is
/// retried on the next change and on those events, so room made meanwhile is
/// used. When another article opens, what waits for the one left is written
/// at once; if that fails, its state is kept, retried with every later save,
/// and merged back in if that article is opened again, so switching articles
/// with storage full loses nothing. With localStorage, another tab's saves
/// of the same document are merged in ([`crate::hooks::sync`]).
///
/// The [`Saving`] handle it returns writes the article shown at once before
/// another opens ([`Saving::before_leaving`]).
#[hook]
pub fn use_persistence(handle: &UseReducerHandle<Shared>, storage: WidgetStorage) -> Saving {
    crate::hooks::sync::use_tab_sync(handle, matches!(storage, WidgetStorage::Local));
    let first = handle.revision;
    let saver = use_memo((), move |()| Saver::new(storage, first));
    {
        let saver = saver.clone();
        use_effect_with((), move |()| {
            let listeners = web_sys::window().map(|window| {
                let flush_on = |event: &'static str| {
                    let saver = saver.clone();
                    gloo_events::EventListener::new(&window, event, move |_| saver.flush(true))
                };
                let hidden = {
                    let saver = saver.clone();
                    let document = window.document();
                    gloo_events::EventListener::new(&window, "visibilitychange", move |_| {
                        if document.as_ref().is_some_and(|d| d.hidden()) {
                            saver.flush(true);
                        }
                    })
                };
                [flush_on("pagehide"), hidden]
            });
            move || {
                drop(listeners);
                // The widget is going away: write, but report to no one.
                saver.flush(false);
            }
        });
    }
    // On a change, and on another article (opening one keeps the revision):
    // the panic hook's export reads the latest claims of each document, and
    // what waits for the article left is written then, not at the next
    // change.
    //
    // The state saved is the one this render shows, taken now: the
    // handle reads the reducer's state of the moment, and Yew may yield to
    // the browser between a render and its effects (a long render), so an
    // event in between (another article opened) would otherwise have this
    // effect save that article's state and lose this render's change.
    let rendered = Rc::clone(&handle.0);
    let reducer = handle.clone();
    let shown = crate::store::DocumentRef(handle.document.clone());
    let saving = Saving(Rc::clone(&saver));
    use_effect_with((handle.revision, shown), move |(revision, _)| {
        crate::recovery::remember(&reducer);
        saver.changed(*revision, &rendered, reducer);
    });
    saving
}

/// The widget's saving, for the verbs that open another article.
#[derive(Clone)]
pub struct Saving(Rc<Saver>);

impl Saving {
    /// Another article is about to be read from storage: what `reducer`
    /// holds now, the article being left with its latest change, is written
    /// at once (kept aside if it cannot be, as when the next article's render
    /// writes it). Else a change whose render's effect has not run yet (Yew
    /// may yield to the browser in between) would still be waiting when the
    /// article is read again, which would then show it without that change.
    pub fn before_leaving(&self, reducer: &UseReducerHandle<Shared>) {
        let state = State::clone(reducer);
        self.0.changed(state.revision, &state, reducer.clone());
        self.0.flush(true);
    }
}

/// The pending save: the latest state not yet written, and the timer that
/// will write it.
struct Saver {
    storage: WidgetStorage,
    saved: Cell<u64>,
    /// A copy of the state to write, taken when it was rendered (pointers:
    /// the claims are shared). Not the reducer's handle, which reads the
    /// state of the moment: after another article was opened, that would
    /// have been the new article's, and the last change to the one left
    /// would never be written.
    pending: RefCell<Option<State>>,
    /// Articles left while their last save failed (one state each): written
    /// again with every later save until it works, and merged back in when
    /// the article is shown again.
    left: RefCell<Vec<State>>,
    /// The reducer, told the outcome of a save.
    reducer: RefCell<Option<UseReducerHandle<Shared>>>,
    timer: RefCell<Option<Timeout>>,
    /// The rows of the last save, reused for the claims that did not change.
    rows: RefCell<RowCache>,
}

impl Saver {
    fn new(storage: WidgetStorage, opened_at: u64) -> Rc<Self> {
        Rc::new(Saver {
            storage,
            saved: Cell::new(opened_at),
            pending: RefCell::new(None),
            left: RefCell::new(Vec::new()),
            reducer: RefCell::new(None),
            timer: RefCell::new(None),
            rows: RefCell::new(RowCache::default()),
        })
    }

    /// A state at `revision` was rendered: save it soon if it is new. When
    /// it shows another article than the state waiting to be saved, that
    /// one is written first, at once, and kept aside if it cannot be; when
    /// it shows an article kept aside so, that article's claims are merged
    /// back in (as another tab's would be: newer copies win, tombstones
    /// hold) while `reducer` still shows that article. `state` is the state
    /// as rendered; `reducer` takes the merge and hears how saving went.
    fn changed(self: &Rc<Self>, revision: u64, state: &State, reducer: UseReducerHandle<Shared>) {
        let other_article = self
            .pending
            .borrow()
            .as_ref()
            .is_some_and(|pending| !Rc::ptr_eq(&pending.document, &state.document));
        if other_article {
            self.flush(true);
            if let Some(unsaved) = self.pending.borrow_mut().take() {
                self.keep_aside(unsaved);
            }
        }
        let still_shown = Rc::ptr_eq(&reducer.document, &state.document);
        if let Some(unsaved) = still_shown
            .then(|| self.take_aside(&state.document))
            .flatten()
        {
            reducer.dispatch(Action::Merge {
                annotations: unsaved.annotations(),
                deletions: unsaved.deletions.clone(),
            });
        }
        if self.saved.get() == revision || state.read_only() {
            return;
        }
        self.saved.set(revision);
        *self.pending.borrow_mut() = Some(state.clone());
        *self.reducer.borrow_mut() = Some(reducer);
        if self.timer.borrow().is_none() {
            let saver = Rc::clone(self);
            let timer = Timeout::new(SAVE_DELAY_MS, move || {
                saver.timer.borrow_mut().take();
                saver.flush(true);
            });
            *self.timer.borrow_mut() = Some(timer);
        }
    }

    /// Keeps the unsaved state of an article no longer shown, in place of
    /// an older one of the same article.
    fn keep_aside(&self, unsaved: State) {
        let mut left = self.left.borrow_mut();
        left.retain(|kept| kept.document.id() != unsaved.document.id());
        left.push(unsaved);
    }

    /// The unsaved state kept aside for `document`'s article, if any (only
    /// articles no longer shown are kept aside).
    fn take_aside(&self, document: &Document) -> Option<State> {
        let mut left = self.left.borrow_mut();
        let at = left
            .iter()
            .position(|kept| kept.document.id() == document.id())?;
        Some(left.remove(at))
    }

    /// Writes the pending state now, if any, and the articles kept aside
    /// again; reports the outcome to the store when `report` (a failure of
    /// either is reported, so the notice stays while any claim is unsaved).
    fn flush(&self, report: bool) {
        if let Some(timer) = self.timer.borrow_mut().take() {
            timer.cancel();
        }
        let pending = self
            .pending
            .borrow_mut()
            .take()
            .filter(|state| !state.read_only());
        let current = pending.map(|state| {
            // Tombstones are saved too, so an import never revives a deletion.
            let outcome = measured("claimmark:save", || {
                save_state_cached(&self.storage, &state, &mut self.rows.borrow_mut())
            });
            if outcome.is_err() {
                *self.pending.borrow_mut() = Some(state);
            }
            outcome
        });
        let outcome = match (current, self.save_aside()) {
            (None, None) => return,
            (Some(Err(error)), _) | (_, Some(Err(error))) => Err(error),
            _ => Ok(()),
        };
        if !report {
            return;
        }
        let Some(reducer) = self.reducer.borrow().clone() else {
            return;
        };
        reducer.dispatch(match outcome {
            Ok(()) => Action::Saved,
            Err(error) => Action::Notify(session::notice_for(&error)),
        });
    }

    /// Writes each article kept aside again and keeps those that still
    /// fail: `None` when there are none, else the first failure or `Ok`.
    fn save_aside(&self) -> Option<Result<(), StorageError>> {
        let mut left = self.left.borrow_mut();
        if left.is_empty() {
            return None;
        }
        let mut failure = None;
        left.retain(|state| match save_state(&self.storage, state) {
            Ok(()) => false,
            Err(error) => {
                failure.get_or_insert(error);
                true
            }
        });
        Some(failure.map_or(Ok(()), Err))
    }
}
