//! Sync with a desk server (the W3C Web Annotation Protocol server of
//! `docs/desk-server.md`), as pure decisions: the widget does the HTTP and
//! the timers, this module says what to send, what an answer means and how
//! the server's changes enter the state. Nothing here does I/O.
//!
//! The widget is offline-first: every change is saved locally first (the
//! document's envelope, as always), and [`DeskSync`] records, per claim,
//! the version the server holds (its `ETag`, and the `modified` time of that
//! version, or that it is deleted). The queue of what waits to be sent is
//! therefore never a separate list that a crash could lose: it is what
//! differs between the stored claims and the recorded server versions
//! ([`pending`]), and both are persisted.
//!
//! - a claim the server has never seen → `POST` ([`Send::Create`]);
//! - a claim whose `modified` differs from the server's version, or that
//!   the server holds as deleted → `PUT` with `If-Match` ([`Send::Replace`]);
//! - a local tombstone of a claim the server holds → `DELETE` with
//!   `If-Match` ([`Send::Delete`]).
//!
//! The server's changes (the feed, or a `GET` after a 412 or a 409) are
//! recorded and merged with the rules the widget already has
//! ([`crate::state::merge`]: the newer `modified` wins, a deletion stays
//! unless the claim was edited after it), in [`take_remote`]. When the local
//! version wins, it differs from the recorded one and is sent again; when
//! the server's wins, the claim becomes equal to it and nothing is sent: the
//! two sides reach a fixed point. A `412` therefore needs no rule of its
//! own: fetch, take it as a remote change, send what is still pending.
//!
//! The feed's and a single `GET`'s JSON are read in [`feed`].

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::interchange::w3c::{export_claims_compact, target_source};
use crate::model::annotation::{Annotation, AnnotationId, Deletion, Timestamp};
use crate::state::store::{Claim, State};
use crate::state::Action;
use crate::storage::{sync_key, KeyValueStore, StorageError};
use crate::text::document::{Document, DocumentId};

pub mod feed;
pub mod id_map;

pub use feed::{parse_feed, parse_one, FeedError, FeedPage};
pub use id_map::IdMap;

/// The version of a claim the server holds, as far as this widget knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerCopy {
    /// Its `ETag`, sent back in `If-Match` (empty when unknown).
    pub etag: String,
    /// The `modified` time of the version held, or `None` when it is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
    /// When deleted, when (from the feed); `None` when not known yet (a
    /// `410` answer says that, not when): nothing is sent for the claim
    /// until the feed tells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Timestamp>,
    /// Deleted on the server.
    #[serde(default)]
    pub deleted: bool,
}

/// What the widget keeps about one article's sync (persisted beside its
/// claims under [`sync_key`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskSync {
    /// The container this record is about (`{sync}{docId}/`); a record of
    /// another container is not used.
    pub container: String,
    /// The feed's cursor, as the server sent it (opaque).
    #[serde(default)]
    pub cursor: Option<String>,
    /// The server's version of each claim it holds.
    #[serde(default)]
    pub server: IdMap<ServerCopy>,
    /// Who last changed each claim, as the feed says (`changedBy`).
    #[serde(default)]
    pub changed_by: IdMap<String>,
}

/// One request the widget must make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Send {
    /// `POST` the claim to the container.
    Create {
        /// Which claim.
        id: AnnotationId,
        /// The version sent.
        modified: Timestamp,
    },
    /// `PUT` the claim with `If-Match: etag`.
    Replace {
        /// Which claim.
        id: AnnotationId,
        /// The server's `ETag` to match.
        etag: String,
        /// The version sent.
        modified: Timestamp,
    },
    /// `DELETE` the claim with `If-Match: etag`.
    Delete {
        /// Which claim.
        id: AnnotationId,
        /// The server's `ETag` to match.
        etag: String,
        /// When it was deleted here.
        at: Timestamp,
    },
}

impl Send {
    /// The claim concerned.
    pub fn id(&self) -> AnnotationId {
        match self {
            Send::Create { id, .. } | Send::Replace { id, .. } | Send::Delete { id, .. } => *id,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &'static str {
        match self {
            Send::Create { .. } => "POST",
            Send::Replace { .. } => "PUT",
            Send::Delete { .. } => "DELETE",
        }
    }
}

/// A change the server holds: from the feed or a `GET`.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteChange {
    /// The claim.
    pub id: AnnotationId,
    /// The new `ETag`.
    pub etag: String,
    /// Who made it (`changedBy`), when the server says.
    pub changed_by: Option<String>,
    /// The claim as stored, or its deletion.
    pub copy: RemoteCopy,
}

/// The server's version of a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteCopy {
    /// The annotation as stored, read by the importer.
    Live(Box<Annotation>),
    /// Deleted; when, if the server said (the feed's `changedAt`).
    Deleted(Option<Timestamp>),
}

impl DeskSync {
    /// A fresh record for `container`.
    pub fn new(container: &str) -> Self {
        DeskSync {
            container: container.to_owned(),
            ..DeskSync::default()
        }
    }

    /// What storage holds for `document` and `container`; a fresh record
    /// when nothing (or another container's record, or something
    /// unreadable) is there: then every claim is sent again, which the
    /// server answers with 409 for those it has, and they are merged.
    pub fn load(store: &dyn KeyValueStore, document: &DocumentId, container: &str) -> Self {
        store
            .get(&sync_key(document))
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str::<DeskSync>(&raw).ok())
            .filter(|kept| kept.container == container)
            .unwrap_or_else(|| DeskSync::new(container))
    }

    /// Writes the record for `document`.
    pub fn save(
        &self,
        store: &dyn KeyValueStore,
        document: &DocumentId,
    ) -> Result<(), StorageError> {
        let json = serde_json::to_string(self).map_err(|e| StorageError::Failed(e.to_string()))?;
        store.set(&sync_key(document), &json)
    }

    /// The request `sent` succeeded: the server now holds that version,
    /// under `etag` when the answer gave one (a `DELETE`'s may not: a
    /// tombstone's tag the feed recorded is kept).
    pub fn acknowledge(&mut self, sent: &Send, etag: Option<String>) {
        let known = self.server.get(&sent.id()).map(|c| c.etag.clone());
        let etag = etag.or(known).unwrap_or_default();
        let copy = match sent {
            Send::Create { modified, .. } | Send::Replace { modified, .. } => ServerCopy {
                etag,
                modified: Some(*modified),
                deleted_at: None,
                deleted: false,
            },
            Send::Delete { at, .. } => ServerCopy {
                etag,
                modified: None,
                deleted_at: Some(*at),
                deleted: true,
            },
        };
        self.server.insert(sent.id(), copy);
    }

    /// The server does not know the claim (`404` on a `PUT` or `DELETE`: a
    /// database started afresh): forget its version, so a claim is created
    /// again and a tombstone needs nothing.
    pub fn forget(&mut self, id: AnnotationId) {
        self.server.remove(&id);
    }
}

/// What waits to be sent for `state`, in the order of the claims, then of
/// the tombstones; `skip` holds claims not to send now (a remote version
/// held for an open card, a version the server refused). A read-only state
/// sends nothing, and neither does a claim whose server version would win
/// the merge (newer, or deleted after the claim's last change): `state` has
/// not taken it yet, and sending would undo it.
pub fn pending(state: &State, desk: &DeskSync, skip: &[AnnotationId]) -> Vec<Send> {
    if state.read_only() {
        return Vec::new();
    }
    let mut sends = Vec::new();
    for claim in &state.claims {
        let annotation = &claim.annotation;
        let (id, modified) = (annotation.id, annotation.modified);
        if skip.contains(&id) {
            continue;
        }
        match desk.server.get(&id) {
            None => sends.push(Send::Create { id, modified }),
            Some(copy) if copy.deleted && copy.deleted_at.is_none() => {}
            Some(copy) if !copy.deleted && copy.modified == Some(modified) => {}
            Some(copy) if !copy.deleted && copy.modified.is_some_and(|m| m > modified) => {}
            Some(copy) if copy.deleted_at.is_some_and(|at| at >= modified) => {}
            Some(copy) => sends.push(Send::Replace {
                id,
                etag: copy.etag.clone(),
                modified,
            }),
        }
    }
    for deletion in &state.deletions {
        if skip.contains(&deletion.id) || state.claim(deletion.id).is_some() {
            continue;
        }
        let newer_there = |c: &&ServerCopy| c.modified.is_some_and(|m| m > deletion.at);
        if let Some(copy) = desk
            .server
            .get(&deletion.id)
            .filter(|c| !c.deleted)
            .filter(|c| !newer_there(c))
        {
            sends.push(Send::Delete {
                id: deletion.id,
                etag: copy.etag.clone(),
                at: deletion.at,
            });
        }
    }
    sends
}

/// Records `change` as the server's version and returns the merge that
/// brings it into the state (the rules of [`crate::state::merge`]), or
/// `None` when there is nothing to merge yet (a deletion whose time is not
/// known).
pub fn take_remote(desk: &mut DeskSync, change: RemoteChange) -> Option<Action> {
    if let Some(by) = change.changed_by.filter(|by| !by.trim().is_empty()) {
        desk.changed_by.insert(change.id, by);
    }
    match change.copy {
        RemoteCopy::Live(annotation) => {
            desk.server.insert(
                change.id,
                ServerCopy {
                    etag: change.etag,
                    modified: Some(annotation.modified),
                    deleted_at: None,
                    deleted: false,
                },
            );
            Some(Action::Merge {
                annotations: vec![*annotation],
                deletions: Vec::new(),
            })
        }
        RemoteCopy::Deleted(at) => {
            // A 410 says deleted, not when: keep a time the feed gave.
            let at = at.or_else(|| {
                desk.server
                    .get(&change.id)
                    .filter(|c| c.deleted)
                    .and_then(|c| c.deleted_at)
            });
            desk.server.insert(
                change.id,
                ServerCopy {
                    etag: change.etag,
                    modified: None,
                    deleted_at: at,
                    deleted: true,
                },
            );
            at.map(|at| Action::Merge {
                annotations: Vec::new(),
                deletions: vec![Deletion { id: change.id, at }],
            })
        }
    }
}

/// Whether taking `change` would replace what `state` shows for its claim
/// (their version is newer, or their deletion is as new as the claim): the
/// widget holds such a change back while the claim's card is open. An older
/// version (the echo of one's own earlier edit) replaces nothing.
pub fn would_replace(state: &State, change: &RemoteChange) -> bool {
    let Some(mine) = state.claim(change.id).map(|c| &c.annotation) else {
        return false;
    };
    match &change.copy {
        RemoteCopy::Live(theirs) => **theirs != *mine && theirs.modified > mine.modified,
        RemoteCopy::Deleted(Some(at)) => *at >= mine.modified,
        RemoteCopy::Deleted(None) => false,
    }
}

/// The action that makes `chosen` the claim's version for good when the
/// person picks it in the card ("Show their version" or "Keep mine"): an
/// import of it dated after both versions (so it wins this merge and every
/// other widget's), or, for their deletion, the deletion.
pub fn choose(state: &State, chosen: RemoteCopy, id: AnnotationId, now: Timestamp) -> Action {
    match chosen {
        RemoteCopy::Deleted(_) => Action::DeleteAt { id, at: now },
        RemoteCopy::Live(mut annotation) => {
            let local = state
                .claim(id)
                .map_or(Timestamp(0), |c| c.annotation.modified);
            if annotation.modified <= local {
                annotation.modified = now.max(Timestamp(local.0 + 1));
            }
            Action::Import {
                annotations: vec![*annotation],
            }
        }
    }
}

/// The W3C annotation of one claim as the body of a `POST` or `PUT`: the
/// item core's exporter writes (its `urn:uuid:` id), alone.
pub fn annotation_body(document: &Document, claim: &Rc<Claim>) -> Option<String> {
    let source = target_source(document.id(), None);
    let collection = export_claims_compact(&source, document, std::slice::from_ref(claim));
    let mut value: serde_json::Value = serde_json::from_str(&collection).ok()?;
    let item = value.pointer_mut("/first/items/0")?.take();
    let mut item = match item {
        serde_json::Value::Object(map) => map,
        _ => return None,
    };
    item.insert(
        "@context".to_owned(),
        serde_json::Value::String("http://www.w3.org/ns/anno.jsonld".to_owned()),
    );
    serde_json::to_string(&item).ok()
}

/// What an answer to a [`Send`] means for the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Done: record the version ([`DeskSync::acknowledge`]).
    Done,
    /// The server holds another version (`409`, `412`, `428`, `410`): `GET`
    /// it, take it as a remote change, and send what is still pending.
    Refetch,
    /// The server does not know the claim: [`DeskSync::forget`] it.
    Forget,
    /// Try again later (no connection, `429`, `5xx`).
    Retry,
    /// The server refused this version (`400`, `413`, `415`): it is not sent
    /// again until it changes; the reason is shown.
    Refused,
    /// Sync cannot go on until the person acts.
    Stop(Trouble),
}

/// Why sync needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// `401`: no token, or one the server does not know.
    TokenRefused,
    /// `403`: a reader's token.
    ReadOnly,
    /// `404` on the container: not this desk's article.
    NotFound,
}

impl Trouble {
    /// What the status chip says.
    pub fn why(self) -> &'static str {
        match self {
            Trouble::TokenRefused => "token refused (401)",
            Trouble::ReadOnly => "this token may only read (403)",
            Trouble::NotFound => "article not found on this desk (404)",
        }
    }
}

/// What the HTTP `status` answering `send` means.
pub fn classify(send: &Send, status: u16) -> Answer {
    match (send, status) {
        (_, 200..=299) => Answer::Done,
        (_, 401) => Answer::Stop(Trouble::TokenRefused),
        (_, 403) => Answer::Stop(Trouble::ReadOnly),
        (Send::Create { .. }, 404) => Answer::Stop(Trouble::NotFound),
        (_, 404) => Answer::Forget,
        (_, 409 | 410 | 412 | 428) => Answer::Refetch,
        (_, 400 | 413 | 415 | 422) => Answer::Refused,
        _ => Answer::Retry,
    }
}

/// What the status chip shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStatus {
    /// Everything here is on the server, and the feed answers.
    Synced,
    /// Sending or catching up.
    Syncing,
    /// No connection: `waiting` changes are kept here until there is one.
    Offline {
        /// Changes waiting.
        waiting: usize,
    },
    /// Sync stopped or refused something: why.
    Attention {
        /// The reason, in a few words.
        why: String,
    },
}

impl SyncStatus {
    /// `synced`, `syncing`, `offline` or `attention` (the chip's
    /// `data-sync`, the event's `state`).
    pub fn key(&self) -> &'static str {
        match self {
            SyncStatus::Synced => "synced",
            SyncStatus::Syncing => "syncing",
            SyncStatus::Offline { .. } => "offline",
            SyncStatus::Attention { .. } => "attention",
        }
    }

    /// The chip's words (its accessible name, announced when it changes).
    pub fn label(&self) -> String {
        match self {
            SyncStatus::Synced => "Synced".to_owned(),
            SyncStatus::Syncing => "Syncing…".to_owned(),
            SyncStatus::Offline { waiting: 1 } => "Offline (1 change waiting)".to_owned(),
            SyncStatus::Offline { waiting } => format!("Offline ({waiting} changes waiting)"),
            SyncStatus::Attention { why } => format!("Needs attention: {why}"),
        }
    }
}

/// The container of an article: `{sync}{docId}/` (a `/` is put between
/// them when `sync` does not end with one).
pub fn container_url(sync: &str, document: &DocumentId) -> String {
    let sync = sync.trim();
    let sep = if sync.ends_with('/') { "" } else { "/" };
    format!("{sync}{sep}{document}/")
}

#[cfg(test)]
mod converge_tests;
#[cfg(test)]
mod tests;
