//! Desk sync at run time: a [`Desk`] per mounted editor with a `sync`
//! container. Two loops run beside the widget, never inside the reducer:
//! the sender (what [`pending`] says waits: `POST`, `PUT` / `DELETE` with
//! `If-Match`; on 412 or 409 a `GET` taken as a remote change), and the
//! follower (the change feed, long-polled, with backoff on errors). Every
//! server change goes through the core's [`take_remote`] and the reducer's
//! merge; the record ([`DeskSync`]: `ETag`s, cursor, who changed what) is
//! written through the widget's storage choice after each step, beside the
//! claims, so a reload or a crash loses nothing: what waits is recomputed
//! from the two.
//!
//! A change to the claim whose card is open, that would replace what the
//! person sees, is held ([`Desk::held`]) until they choose (or close the
//! card). What the UI shows is published as a [`DeskView`].
//!
//! Not here: the decisions (the core's `interchange::desk`), fetch
//! ([`crate::desk_http`]), the hook and the components.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use claimmark_core::interchange::desk::{
    annotation_body, choose, classify, parse_feed, parse_one, pending, take_remote, would_replace,
    Answer, DeskSync, IdMap, RemoteChange, RemoteCopy, Send, SyncStatus,
};
use claimmark_core::{reduce, Action, AnnotationId, DocumentId, State, Timestamp};

use crate::browser::now;
use crate::desk_http::{call, NetError};
use crate::embed::WidgetStorage;

/// Where to sync: the `sync` attribute or option, and the token given to
/// `mount()` (never an attribute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskConfig {
    /// The annotations base, e.g. `https://desk.example/annotations/`.
    pub sync: String,
    /// The bearer token, if any (a public article is read without one).
    pub token: Option<String>,
}

/// What the UI shows of sync.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskView {
    /// The status chip's state.
    pub status: SyncStatus,
    /// A change held for the open card: who made it, and whether it is a
    /// deletion.
    pub held: Option<(AnnotationId, String, bool)>,
    /// Who last changed each claim.
    pub changed_by: Rc<IdMap<String>>,
    /// [`Desk::chosen`].
    pub chosen: u32,
}

/// The longest wait between two attempts after an error, in ms.
const MAX_BACKOFF_MS: u32 = 8_000;

/// One article's sync.
pub struct Desk {
    container: String,
    token: Option<String>,
    document: DocumentId,
    storage: WidgetStorage,
    record: RefCell<DeskSync>,
    state: RefCell<Rc<State>>,
    dispatch: Callback<Action>,
    publish_to: Callback<DeskView>,
    sending: Cell<bool>,
    offline: Cell<bool>,
    feed_ok: Cell<bool>,
    trouble: RefCell<Option<String>>,
    refused: RefCell<IdMap<(Timestamp, String)>>,
    held: RefCell<IdMap<RemoteChange>>,
    open: Cell<Option<AnnotationId>>,
    stopped: Cell<bool>,
    /// Moves on `online` and after a first write: every pause ends then.
    wake: Cell<u32>,
    chosen: Cell<u32>,
}

impl Desk {
    /// Starts syncing `state`'s article with `container`.
    pub fn start(
        container: String,
        token: Option<String>,
        storage: WidgetStorage,
        state: Rc<State>,
        dispatch: Callback<Action>,
        publish_to: Callback<DeskView>,
    ) -> Rc<Self> {
        let document = state.document.id().clone();
        let record = DeskSync::load(&storage, &document, &container);
        let desk = Rc::new(Desk {
            container,
            token,
            document,
            storage,
            record: RefCell::new(record),
            state: RefCell::new(state),
            dispatch,
            publish_to,
            sending: Cell::new(false),
            offline: Cell::new(false),
            feed_ok: Cell::new(false),
            trouble: RefCell::new(None),
            refused: RefCell::new(IdMap::default()),
            held: RefCell::new(IdMap::default()),
            open: Cell::new(None),
            stopped: Cell::new(false),
            wake: Cell::new(0),
            chosen: Cell::new(0),
        });
        wasm_bindgen_futures::spawn_local(Rc::clone(&desk).follow());
        desk.kick();
        desk
    }

    /// The widget goes away: the loops end at their next step.
    pub fn stop(&self) {
        self.stopped.set(true);
    }

    /// The connection is back (`online`): retry now rather than after the backoff.
    pub fn wake(self: &Rc<Self>) {
        self.wake.set(self.wake.get().wrapping_add(1));
        self.kick();
    }

    /// How many times the person took the other version in a card (the
    /// card is drawn afresh then, its note too).
    pub fn chosen(&self) -> u32 {
        self.chosen.get()
    }

    /// A new state was rendered: send what it changed.
    pub fn rendered(self: &Rc<Self>, state: Rc<State>) {
        *self.state.borrow_mut() = state;
        self.kick();
    }

    /// The card open now; changes held for a card that closed are taken.
    pub fn card_open(self: &Rc<Self>, open: Option<AnnotationId>) {
        self.open.set(open);
        let released: Vec<RemoteChange> = {
            let mut held = self.held.borrow_mut();
            let ids: Vec<AnnotationId> = held
                .keys()
                .filter(|id| Some(**id) != open)
                .copied()
                .collect();
            ids.iter().filter_map(|id| held.remove(id)).collect()
        };
        for change in released {
            self.take(change);
        }
        self.publish();
    }

    /// The person chose in the card: their version (`theirs`) or theirs kept aside.
    pub fn choose(self: &Rc<Self>, id: AnnotationId, theirs: bool) {
        let Some(change) = self.held.borrow_mut().remove(&id) else {
            return;
        };
        let state = self.state.borrow().clone();
        let copy = if theirs {
            self.chosen.set(self.chosen.get().wrapping_add(1));
            change.copy
        } else {
            match state.claim(id) {
                Some(mine) => RemoteCopy::Live(Box::new(mine.annotation.clone())),
                None => return,
            }
        };
        self.apply(choose(&state, copy, id, now()));
        self.publish();
        self.kick();
    }

    fn apply(&self, action: Action) {
        let next = reduce(self.state.borrow().clone(), action.clone());
        *self.state.borrow_mut() = next;
        self.dispatch.emit(action);
    }

    /// Takes a server change: merged now, or held for the open card.
    fn take(&self, change: RemoteChange) {
        let state = self.state.borrow().clone();
        if self.open.get() == Some(change.id) && would_replace(&state, &change) {
            let _ = take_remote(&mut self.record.borrow_mut(), change.clone());
            self.held.borrow_mut().insert(change.id, change);
            return;
        }
        let action = take_remote(&mut self.record.borrow_mut(), change);
        if let Some(action) = action {
            self.apply(action);
        }
    }

    fn save(&self) {
        // A failure to write is the claims' too; the banner already tells it.
        let _ = self.record.borrow().save(&self.storage, &self.document);
    }

    fn skip(&self, state: &State) -> Vec<AnnotationId> {
        let mut skip: Vec<AnnotationId> = self.held.borrow().keys().copied().collect();
        for (id, (modified, _)) in self.refused.borrow().iter() {
            if state.claim(*id).map(|c| c.annotation.modified) == Some(*modified) {
                skip.push(*id);
            }
        }
        skip
    }

    fn waiting(&self) -> Vec<Send> {
        let state = self.state.borrow().clone();
        pending(&state, &self.record.borrow(), &self.skip(&state))
    }

    fn publish(&self) {
        let waiting = self.waiting().len();
        let status = if let Some(why) = self.trouble.borrow().clone() {
            SyncStatus::Attention { why }
        } else if self.offline.get() {
            SyncStatus::Offline { waiting }
        } else if self.sending.get() || waiting > 0 || !self.feed_ok.get() {
            SyncStatus::Syncing
        } else if let Some((_, (_, why))) = self.refused.borrow().iter().next() {
            SyncStatus::Attention { why: why.clone() }
        } else {
            SyncStatus::Synced
        };
        let held = self.open.get().and_then(|open| {
            let held = self.held.borrow();
            let change = held.get(&open)?;
            let by = self.record.borrow().changed_by.get(&open).cloned();
            let deleted = matches!(change.copy, RemoteCopy::Deleted(_));
            Some((open, by.unwrap_or_else(|| "someone".to_owned()), deleted))
        });
        self.publish_to.emit(DeskView {
            status,
            held,
            changed_by: Rc::new(self.record.borrow().changed_by.clone()),
            chosen: self.chosen.get(),
        });
    }

    /// Waits `ms`, or less when woken or stopped.
    async fn pause(&self, ms: u32) {
        let mut left = ms;
        let woken = self.wake.get();
        while left > 0 && !self.stopped.get() && self.wake.get() == woken {
            let step = left.min(250);
            TimeoutFuture::new(step).await;
            left -= step;
        }
    }

    /// Starts the sender unless it runs.
    fn kick(self: &Rc<Self>) {
        if self.sending.get() || self.trouble.borrow().is_some() || self.stopped.get() {
            self.publish();
            return;
        }
        self.sending.set(true);
        wasm_bindgen_futures::spawn_local(Rc::clone(self).send_all());
    }

    fn claim_url(&self, id: AnnotationId) -> String {
        format!("{}{id}", self.container)
    }

    async fn send_all(self: Rc<Self>) {
        let mut backoff = 1000;
        let mut last: Option<Send> = None;
        self.publish();
        while !self.stopped.get() && self.trouble.borrow().is_none() {
            let Some(send) = self.waiting().into_iter().next() else {
                break;
            };
            // The same request again (a refetch that did not help): not in a tight loop.
            if last.as_ref() == Some(&send) {
                self.pause(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF_MS);
            }
            last = Some(send.clone());
            let state = self.state.borrow().clone();
            let body = state
                .claims
                .iter()
                .find(|claim| claim.annotation.id == send.id())
                .and_then(|claim| annotation_body(&state.document, claim));
            let (url, if_match) = match &send {
                Send::Create { .. } => (self.container.clone(), None),
                Send::Replace { id, etag, .. } | Send::Delete { id, etag, .. } => {
                    (self.claim_url(*id), Some(etag.as_str()))
                }
            };
            let body = if matches!(send, Send::Delete { .. }) {
                None
            } else {
                body
            };
            let reply = call(
                send.method(),
                &url,
                self.token.as_deref(),
                if_match,
                body.as_deref(),
            )
            .await;
            let answer = match &reply {
                Ok(reply) => classify(&send, reply.status),
                Err(NetError::Unreachable | NetError::Request(_)) => Answer::Retry,
            };
            self.offline.set(reply.is_err());
            match answer {
                Answer::Done => {
                    let etag = reply.ok().and_then(|r| r.etag);
                    self.record.borrow_mut().acknowledge(&send, etag);
                    // The feed may have waited for the article to exist.
                    if matches!(send, Send::Create { .. }) {
                        self.wake.set(self.wake.get().wrapping_add(1));
                    }
                    backoff = 1000;
                }
                Answer::Refetch => self.refetch(send.id()).await,
                Answer::Forget => self.record.borrow_mut().forget(send.id()),
                Answer::Retry => {
                    self.publish();
                    self.pause(backoff).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                    // Retried as it is, without a second pause.
                    last = None;
                }
                Answer::Refused => {
                    let detail = reply.map(|r| problem_detail(&r.text)).unwrap_or_default();
                    let modified = state
                        .claim(send.id())
                        .map_or(Timestamp(0), |c| c.annotation.modified);
                    let why = format!("the server refused a claim: {detail}");
                    self.refused.borrow_mut().insert(send.id(), (modified, why));
                }
                Answer::Stop(trouble) => {
                    *self.trouble.borrow_mut() = Some(trouble.why().to_owned())
                }
            }
            self.save();
            self.publish();
        }
        self.sending.set(false);
        self.publish();
    }

    /// `GET` the claim after a 412 or 409 and take what the server holds.
    async fn refetch(&self, id: AnnotationId) {
        let url = self.claim_url(id);
        let Ok(reply) = call("GET", &url, self.token.as_deref(), None, None).await else {
            self.offline.set(true);
            self.pause(1000).await;
            return;
        };
        let etag = reply.etag.clone().unwrap_or_default();
        let document = self.state.borrow().document.clone();
        let change = match reply.status {
            200 => parse_one(&reply.text, &etag, &document),
            410 => Some(RemoteChange {
                id,
                etag,
                changed_by: None,
                copy: RemoteCopy::Deleted(None),
            }),
            404 => {
                self.record.borrow_mut().forget(id);
                None
            }
            _ => {
                self.pause(1000).await;
                None
            }
        };
        if let Some(change) = change {
            self.take(change);
        }
    }

    /// The change feed, long-polled until the widget goes away.
    async fn follow(self: Rc<Self>) {
        let mut backoff = 1000;
        while !self.stopped.get() {
            let cursor = self
                .record
                .borrow()
                .cursor
                .clone()
                .unwrap_or_else(|| "0".to_owned());
            let url = format!(
                "{}changes?since={}&wait=25",
                self.container,
                js_sys::encode_uri_component(&cursor)
            );
            let reply = call("GET", &url, self.token.as_deref(), None, None).await;
            if self.stopped.get() {
                break;
            }
            let document = self.state.borrow().document.clone();
            match reply {
                Ok(reply) if reply.status == 200 => {
                    let Ok(page) = parse_feed(&reply.text, &document) else {
                        self.pause(backoff).await;
                        continue;
                    };
                    for change in page.changes {
                        self.take(change);
                    }
                    self.record.borrow_mut().cursor = Some(page.cursor);
                    self.save();
                    self.feed_ok.set(true);
                    self.offline.set(false);
                    backoff = 1000;
                    self.kick();
                }
                // No article yet (nobody wrote to it), or another desk's:
                // nothing to catch up with; a first write here wakes this.
                Ok(reply) if reply.status == 404 => {
                    self.feed_ok.set(true);
                    self.offline.set(false);
                    self.publish();
                    self.pause(1000).await;
                }
                Ok(reply) if reply.status == 401 => {
                    *self.trouble.borrow_mut() = Some("token refused (401)".to_owned());
                    self.publish();
                    break;
                }
                other => {
                    self.feed_ok.set(false);
                    if other.is_err() {
                        self.offline.set(true);
                    }
                    self.publish();
                    self.pause(backoff).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                    // Back online: whatever waits is sent too.
                    if !self.offline.get() {
                        self.kick();
                    }
                }
            }
        }
    }
}

/// The reasons of an RFC 9457 problem document, or its title.
fn problem_detail(text: &str) -> String {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return "no reason given".to_owned();
    };
    let field = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    field("detail")
        .or_else(|| field("title"))
        .unwrap_or_else(|| "no reason given".to_owned())
}
