//! The widget's state, every way it can change ([`Action`]), and the pure
//! reducer ([`reduce`]).
//!
//! The reducer does no I/O and reads no clock or random source: ids and
//! times arrive inside actions. A no-op returns the same `Rc`, so Yew
//! skips the re-render. `revision` grows with every change that must be
//! persisted (not with opening an article, which changes nothing stored);
//! the UI's persistence effect is keyed on it.
//!
//! Deleting a claim leaves a tombstone ([`Deletion`]) in
//! [`State::deletions`], so that importing an older copy of the claim does
//! not bring it back; [`Action::Import`] merges validated annotations by id
//! in one step (rules in [`crate::model::merge`]).

use std::rc::Rc;

use crate::model::anchor::{anchor, describe, Placement};
use crate::model::annotation::{Annotation, AnnotationId, Deletion, SourceUrl, Timestamp};
use crate::model::certainty::Certainty;
use crate::model::certainty_change::{clean_author, push_change, CertaintyChange};
use crate::model::merge::{plan, Decision};
use crate::state::notice::Notice;
use crate::state::undo::{restore, UndoStack};
use crate::text::document::Document;
use crate::text::snap::snap_to_words;
use crate::text::span::Span;

/// Longest note kept, in code points; longer input is cut, never refused.
pub const NOTE_MAX_CHARS: usize = 10_000;

/// Most source links one claim keeps.
pub const SOURCES_MAX: usize = 50;

/// An annotation and where it currently sits in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The stored record.
    pub annotation: Annotation,
    /// Where it anchored in the current text.
    pub placement: Placement,
}

/// Everything the widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The article.
    pub document: Rc<Document>,
    /// The article's text is kept in storage (articles loaded by hand).
    pub keep_text: bool,
    /// All claims, orphans included, in creation order. Shared, so that a
    /// change copies pointers: only the claim it touches is cloned
    /// (`Rc::make_mut`), and undo snapshots cost one pointer per claim.
    pub claims: Vec<Rc<Claim>>,
    /// Tombstones of claims deleted here (one per id), kept for merges.
    pub deletions: Vec<Deletion>,
    /// What the person must be told about storage.
    pub notices: Vec<Notice>,
    /// Grows with every change that must be saved.
    pub revision: u64,
    /// Earlier and undone claims, for undo and redo ([`crate::state::undo`]).
    pub undo: UndoStack,
    /// The name recorded in certainty histories (settings), if any.
    pub author: Option<String>,
}

/// Every change the widget can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show `document` with its stored annotations (anchored afresh).
    Open {
        /// The article.
        document: Rc<Document>,
        /// Keep the article's text in storage.
        keep_text: bool,
        /// What storage held for it.
        annotations: Vec<Annotation>,
        /// The tombstones storage held for it.
        deletions: Vec<Deletion>,
        /// What reading storage found.
        notices: Vec<Notice>,
    },
    /// Create a claim over a selection, snapped to whole words.
    Create {
        /// The new claim's id.
        id: AnnotationId,
        /// The raw selection.
        span: Span,
        /// Its certainty.
        certainty: Certainty,
        /// Now.
        at: Timestamp,
    },
    /// Change a claim's certainty.
    SetCertainty {
        /// Which claim.
        id: AnnotationId,
        /// The new certainty.
        certainty: Certainty,
        /// Now.
        at: Timestamp,
    },
    /// Replace a claim's note.
    SetNote {
        /// Which claim.
        id: AnnotationId,
        /// The new note, plain text.
        note: String,
        /// Now.
        at: Timestamp,
    },
    /// Add an evidence link.
    AddSource {
        /// Which claim.
        id: AnnotationId,
        /// The validated link.
        url: SourceUrl,
        /// Now.
        at: Timestamp,
    },
    /// Remove an evidence link.
    RemoveSource {
        /// Which claim.
        id: AnnotationId,
        /// The link to remove.
        url: SourceUrl,
        /// Now.
        at: Timestamp,
    },
    /// Put a claim that needs review (found with edits, or in two places) on
    /// `span`: its selectors are described afresh there and it is anchored.
    Place {
        /// Which claim.
        id: AnnotationId,
        /// Where it belongs: the fuzzy match or one of the ambiguous places.
        span: Span,
        /// Now.
        at: Timestamp,
    },
    /// Delete a claim (the UI offers undo through [`Action::Restore`]).
    /// Without a clock, the tombstone is dated at the claim's last
    /// modification: an import of the same or an older copy does not bring
    /// it back, a copy edited later elsewhere does. Prefer
    /// [`Action::DeleteAt`], which records the real time.
    Delete {
        /// Which claim.
        id: AnnotationId,
    },
    /// Delete a claim and record when, for merges.
    DeleteAt {
        /// Which claim.
        id: AnnotationId,
        /// Now.
        at: Timestamp,
    },
    /// Put back a deleted claim exactly as it was (and drop its tombstone).
    Restore {
        /// The claim as it was before deletion.
        annotation: Annotation,
    },
    /// Merge validated annotations (an import or a share link the person
    /// confirmed) by id, in one revision: new claims are added, newer
    /// copies replace older ones, claims deleted here after the copy was
    /// made stay deleted. Every merged claim is anchored afresh on the
    /// current document; those that do not anchor are kept as orphans.
    Import {
        /// The annotations, as [`crate::interchange::parse_import`] returned them.
        annotations: Vec<Annotation>,
    },
    /// Merge what another tab saved for this document (its claims and
    /// tombstones); never replaces (rules in [`crate::state::sync`]).
    Merge {
        /// The other tab's claims.
        annotations: Vec<Annotation>,
        /// The other tab's tombstones.
        deletions: Vec<Deletion>,
    },
    /// Go back to the claims before the last change (a new revision, saved
    /// like any change; see [`crate::state::undo::restore`] for tombstones).
    Undo {
        /// Now.
        at: Timestamp,
    },
    /// Redo the last undone change.
    Redo {
        /// Now.
        at: Timestamp,
    },
    /// The name certainty changes are recorded under (settings); cleaned
    /// by [`crate::model::certainty_change::clean_author`]. Changes nothing stored.
    SetAuthor(Option<String>),
    /// Storage reported a problem.
    Notify(Notice),
    /// A save succeeded: problems that only concerned saving are over.
    Saved,
}

impl State {
    /// A document with no claims.
    pub fn new(document: Rc<Document>) -> Self {
        State {
            document,
            keep_text: false,
            claims: Vec::new(),
            deletions: Vec::new(),
            notices: Vec::new(),
            revision: 0,
            undo: UndoStack::default(),
            author: None,
        }
    }

    /// The claim with `id`, if any.
    pub fn claim(&self, id: AnnotationId) -> Option<&Claim> {
        self.claims
            .iter()
            .find(|c| c.annotation.id == id)
            .map(Rc::as_ref)
    }

    /// The annotations, as stored.
    pub fn annotations(&self) -> Vec<Annotation> {
        self.claims.iter().map(|c| c.annotation.clone()).collect()
    }

    /// How many claims have each certainty, in [`Certainty::ALL`] order.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for claim in &self.claims {
            if let Some(slot) = Certainty::ALL
                .iter()
                .position(|c| *c == claim.annotation.certainty)
                .and_then(|i| counts.get_mut(i))
            {
                *slot += 1;
            }
        }
        counts
    }

    /// Claims that no longer anchor, in creation order.
    pub fn orphans(&self) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .filter(|c| c.placement == Placement::Orphan)
            .map(Rc::as_ref)
    }

    /// Claims found with edits or in two places, awaiting a person's choice,
    /// in creation order.
    pub fn needing_review(&self) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .filter(|c| c.placement.needs_review())
            .map(Rc::as_ref)
    }

    /// True while saving is blocked to protect stored data.
    pub fn read_only(&self) -> bool {
        self.notices.iter().any(Notice::blocks_saving)
    }
}

/// Applies `action`; returns `state` itself when nothing changes. Every
/// change a person makes can be undone ([`Action::Undo`]).
pub fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
    match action {
        Action::Undo { at } => step(state, at, UndoStack::step_back),
        Action::Redo { at } => step(state, at, UndoStack::step_forward),
        Action::SetAuthor(raw) => {
            let author = raw.as_deref().and_then(clean_author);
            if author == state.author {
                return state;
            }
            let mut next = (*state).clone();
            next.author = author;
            Rc::new(next)
        }
        action => {
            let undoable = !matches!(
                action,
                Action::Open { .. } | Action::Notify(_) | Action::Saved
            );
            let from_another_tab = matches!(action, Action::Merge { .. });
            let next = apply(state.clone(), action);
            if !undoable || Rc::ptr_eq(&state, &next) {
                return next;
            }
            let mut next = next;
            if from_another_tab {
                // Undo goes back to earlier sets of claims; one from before
                // another tab's work would delete that work. Undo starts
                // afresh instead (the other tab can still undo its own).
                Rc::make_mut(&mut next).undo = UndoStack::default();
                return next;
            }
            Rc::make_mut(&mut next)
                .undo
                .record(Rc::new(state.claims.clone()));
            next
        }
    }
}

/// Moves to the claims `take` hands back (undo or redo) as one new revision.
fn step(
    state: Rc<State>,
    at: Timestamp,
    take: impl FnOnce(&mut UndoStack, Rc<Vec<Rc<Claim>>>) -> Option<Rc<Vec<Rc<Claim>>>>,
) -> Rc<State> {
    let mut next = (*state).clone();
    let Some(target) = take(&mut next.undo, Rc::new(state.claims.clone())) else {
        return state;
    };
    let (claims, deletions) = restore(&state.claims, &state.deletions, &target, at);
    next.claims = claims;
    next.deletions = deletions;
    next.revision += 1;
    Rc::new(next)
}

/// Applies a change that is not undo, redo or a setting.
fn apply(state: Rc<State>, action: Action) -> Rc<State> {
    match action {
        Action::Open {
            document,
            keep_text,
            annotations,
            deletions,
            notices,
        } => {
            let claims = annotations
                .into_iter()
                .map(|annotation| {
                    Rc::new(Claim {
                        placement: anchor(&document, &annotation.target),
                        annotation,
                    })
                })
                .collect();
            Rc::new(State {
                document,
                keep_text,
                claims,
                deletions,
                notices,
                // Opening changes nothing that needs saving.
                revision: state.revision,
                // Another article: nothing to undo.
                undo: UndoStack::default(),
                author: state.author.clone(),
            })
        }
        Action::Create {
            id,
            span,
            certainty,
            at,
        } => {
            if state.claim(id).is_some() {
                return state;
            }
            let Some(snapped) = snap_to_words(&state.document, span) else {
                return state;
            };
            let Some(target) = describe(&state.document, snapped) else {
                return state;
            };
            let annotation = Annotation {
                id,
                target,
                certainty,
                note: String::new(),
                sources: Vec::new(),
                tags: Vec::new(),
                created: at,
                modified: at,
                history: vec![CertaintyChange {
                    from: None,
                    to: certainty,
                    at,
                    by: state.author.clone(),
                }],
            };
            changed(&state, |next| {
                next.claims.push(Rc::new(Claim {
                    annotation,
                    placement: Placement::Anchored(snapped),
                }));
            })
        }
        Action::SetCertainty { id, certainty, at } => {
            let by = state.author.clone();
            edit(state, id, at, |a| {
                if a.certainty == certainty {
                    return false;
                }
                let change = CertaintyChange {
                    from: Some(a.certainty),
                    to: certainty,
                    at,
                    by,
                };
                push_change(&mut a.history, change);
                a.certainty = certainty;
                true
            })
        }
        Action::SetNote { id, note, at } => edit(state, id, at, |a| {
            let note: String = note.chars().take(NOTE_MAX_CHARS).collect();
            let differs = a.note != note;
            a.note = note;
            differs
        }),
        Action::AddSource { id, url, at } => edit(state, id, at, |a| {
            if a.sources.contains(&url) || a.sources.len() >= SOURCES_MAX {
                return false;
            }
            a.sources.push(url);
            true
        }),
        Action::RemoveSource { id, url, at } => edit(state, id, at, |a| {
            let before = a.sources.len();
            a.sources.retain(|s| *s != url);
            a.sources.len() != before
        }),
        Action::Place { id, span, at } => {
            let Some(target) = describe(&state.document, span) else {
                return state;
            };
            let Some(index) = state.claims.iter().position(|c| c.annotation.id == id) else {
                return state;
            };
            changed(&state, |next| {
                if let Some(claim) = next.claims.get_mut(index).map(Rc::make_mut) {
                    claim.annotation.target = target;
                    claim.annotation.modified = at;
                    claim.placement = Placement::Anchored(span);
                }
            })
        }
        Action::Delete { id } => {
            let Some(at) = state.claim(id).map(|c| c.annotation.modified) else {
                return state;
            };
            delete(state, id, at)
        }
        Action::DeleteAt { id, at } => delete(state, id, at),
        Action::Restore { annotation } => {
            if state.claim(annotation.id).is_some() {
                return state;
            }
            let placement = anchor(&state.document, &annotation.target);
            changed(&state, |next| {
                next.deletions.retain(|d| d.id != annotation.id);
                next.claims.push(Rc::new(Claim {
                    annotation,
                    placement,
                }))
            })
        }
        Action::Import { annotations } => import(state, annotations),
        Action::Merge {
            annotations,
            deletions,
        } => crate::state::sync::merge_stored(state, annotations, deletions),
        Action::Undo { .. } | Action::Redo { .. } | Action::SetAuthor(_) => reduce(state, action),
        Action::Notify(notice) => {
            if state.notices.contains(&notice) {
                return state;
            }
            let mut next = (*state).clone();
            next.notices.push(notice);
            Rc::new(next)
        }
        Action::Saved => {
            let transient = |n: &Notice| matches!(n, Notice::Unavailable | Notice::QuotaExceeded);
            if !state.notices.iter().any(transient) {
                return state;
            }
            let mut next = (*state).clone();
            next.notices.retain(|n| !transient(n));
            Rc::new(next)
        }
    }
}

/// Removes claim `id` and records its tombstone dated `at`.
fn delete(state: Rc<State>, id: AnnotationId, at: Timestamp) -> Rc<State> {
    if state.claim(id).is_none() {
        return state;
    }
    changed(&state, |next| {
        next.claims.retain(|c| c.annotation.id != id);
        next.deletions.retain(|d| d.id != id);
        next.deletions.push(Deletion { id, at });
    })
}

/// Merges `incoming` by id (see [`plan`]); the same `Rc` when nothing is new
/// or newer.
fn import(state: Rc<State>, incoming: Vec<Annotation>) -> Rc<State> {
    let local = state.annotations();
    let decisions = plan(&local, &state.deletions, &incoming);
    if !decisions
        .iter()
        .any(|d| matches!(d, Decision::New | Decision::Updated))
    {
        return state;
    }
    changed(&state, |next| {
        for (annotation, decision) in incoming.into_iter().zip(decisions) {
            match decision {
                Decision::New => {
                    let placement = anchor(&next.document, &annotation.target);
                    next.deletions.retain(|d| d.id != annotation.id);
                    next.claims.push(Rc::new(Claim {
                        annotation,
                        placement,
                    }));
                }
                Decision::Updated => {
                    let placement = anchor(&next.document, &annotation.target);
                    if let Some(claim) = next
                        .claims
                        .iter_mut()
                        .find(|c| c.annotation.id == annotation.id)
                    {
                        *claim = Rc::new(Claim {
                            annotation,
                            placement,
                        });
                    }
                }
                Decision::Unchanged | Decision::KeptLocal | Decision::StaysDeleted => {}
            }
        }
    })
}

/// A copy of `state` changed by `change`, with a new revision.
fn changed(state: &Rc<State>, change: impl FnOnce(&mut State)) -> Rc<State> {
    let mut next = (**state).clone();
    change(&mut next);
    next.revision += 1;
    Rc::new(next)
}

/// Applies `change` to one annotation; `change` says whether it changed
/// anything. The modified time moves only on a real change.
fn edit(
    state: Rc<State>,
    id: AnnotationId,
    at: Timestamp,
    change: impl FnOnce(&mut Annotation) -> bool,
) -> Rc<State> {
    let Some(index) = state.claims.iter().position(|c| c.annotation.id == id) else {
        return state;
    };
    let mut next = (*state).clone();
    let Some(claim) = next.claims.get_mut(index).map(Rc::make_mut) else {
        return state;
    };
    if !change(&mut claim.annotation) {
        return state;
    }
    claim.annotation.modified = at;
    next.revision += 1;
    Rc::new(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "date 2026-02-25 Hundreds of Cuban security personnel have begun departing.\n\nIt is unclear whether the pullback is voluntary.";

    fn id(n: u8) -> AnnotationId {
        AnnotationId::from_random_bytes([n; 16])
    }

    fn start() -> Rc<State> {
        Rc::new(State::new(Rc::new(Document::from_plain_text(TEXT, None))))
    }

    fn create(
        state: Rc<State>,
        n: u8,
        start: usize,
        end: usize,
        certainty: Certainty,
    ) -> Rc<State> {
        reduce(
            state,
            Action::Create {
                id: id(n),
                span: Span::new(start, end),
                certainty,
                at: Timestamp(100),
            },
        )
    }

    fn quote(state: &State, n: u8) -> Option<String> {
        state
            .claim(id(n))
            .map(|c| c.annotation.target.quote.exact.clone())
    }

    #[test]
    fn create_snaps_to_words_and_describes_the_claim() {
        let state = create(start(), 1, 18, 31, Certainty::Unclear);
        assert_eq!(quote(&state, 1).as_deref(), Some("Hundreds of Cuban"));
        let claim = state.claim(id(1)).expect("created");
        assert_eq!(claim.placement, Placement::Anchored(Span::new(16, 33)));
        assert_eq!(claim.annotation.certainty, Certainty::Unclear);
        assert_eq!(
            (claim.annotation.created, claim.annotation.modified),
            (Timestamp(100), Timestamp(100))
        );
        assert_eq!(state.revision, 1);
        assert_eq!(state.counts(), [0, 1, 0]);
    }

    #[test]
    fn no_op_actions_return_the_same_state() {
        let state = create(start(), 1, 16, 33, Certainty::Unclear);
        let url = SourceUrl::parse("https://example.org").expect("valid");
        let no_ops = [
            Action::Create {
                id: id(1),
                span: Span::new(40, 50),
                certainty: Certainty::Confirmed,
                at: Timestamp(5),
            },
            Action::Create {
                id: id(2),
                span: Span::new(15, 16),
                certainty: Certainty::Confirmed,
                at: Timestamp(5),
            },
            Action::Create {
                id: id(2),
                span: Span::new(900, 999),
                certainty: Certainty::Confirmed,
                at: Timestamp(5),
            },
            Action::SetCertainty {
                id: id(1),
                certainty: Certainty::Unclear,
                at: Timestamp(5),
            },
            Action::SetCertainty {
                id: id(9),
                certainty: Certainty::Confirmed,
                at: Timestamp(5),
            },
            Action::SetNote {
                id: id(1),
                note: String::new(),
                at: Timestamp(5),
            },
            Action::RemoveSource {
                id: id(1),
                url,
                at: Timestamp(5),
            },
            Action::Delete { id: id(9) },
            Action::Saved,
        ];
        for action in no_ops {
            let next = reduce(state.clone(), action.clone());
            assert!(Rc::ptr_eq(&state, &next), "{action:?} should be a no-op");
        }
    }

    #[test]
    fn every_edit_changes_one_field_and_the_modified_time() {
        let state = create(start(), 1, 16, 33, Certainty::Unclear);
        let url = SourceUrl::parse("https://reuters.com/x").expect("valid");
        let state = reduce(
            state,
            Action::SetCertainty {
                id: id(1),
                certainty: Certainty::Confirmed,
                at: Timestamp(200),
            },
        );
        let state = reduce(
            state,
            Action::SetNote {
                id: id(1),
                note: "Two sources.".into(),
                at: Timestamp(300),
            },
        );
        let state = reduce(
            state,
            Action::AddSource {
                id: id(1),
                url: url.clone(),
                at: Timestamp(400),
            },
        );
        let again = reduce(
            state.clone(),
            Action::AddSource {
                id: id(1),
                url: url.clone(),
                at: Timestamp(401),
            },
        );
        assert!(
            Rc::ptr_eq(&state, &again),
            "a duplicate link is not added twice"
        );
        let annotation = &state.claim(id(1)).expect("present").annotation;
        assert_eq!(annotation.certainty, Certainty::Confirmed);
        assert_eq!(annotation.note, "Two sources.");
        assert_eq!(annotation.sources, vec![url.clone()]);
        assert_eq!(annotation.created, Timestamp(100));
        assert_eq!(annotation.modified, Timestamp(400));
        assert_eq!(state.revision, 4);
        let state = reduce(
            state,
            Action::RemoveSource {
                id: id(1),
                url,
                at: Timestamp(500),
            },
        );
        assert!(state
            .claim(id(1))
            .expect("present")
            .annotation
            .sources
            .is_empty());
        let long = reduce(
            state,
            Action::SetNote {
                id: id(1),
                note: "x".repeat(NOTE_MAX_CHARS + 5),
                at: Timestamp(600),
            },
        );
        assert_eq!(
            long.claim(id(1))
                .expect("present")
                .annotation
                .note
                .chars()
                .count(),
            NOTE_MAX_CHARS
        );
    }

    #[test]
    fn delete_then_restore_brings_back_the_same_claim() {
        let state = create(start(), 1, 16, 33, Certainty::Unclear);
        let state = reduce(
            state,
            Action::SetNote {
                id: id(1),
                note: "n".into(),
                at: Timestamp(150),
            },
        );
        let before = state.claim(id(1)).cloned().expect("present");
        let deleted = reduce(state, Action::Delete { id: id(1) });
        assert!(deleted.claim(id(1)).is_none());
        assert_eq!(deleted.counts(), [0, 0, 0]);
        let restored = reduce(
            deleted,
            Action::Restore {
                annotation: before.annotation.clone(),
            },
        );
        assert_eq!(restored.claim(id(1)), Some(&before));
        let twice = reduce(
            restored.clone(),
            Action::Restore {
                annotation: before.annotation,
            },
        );
        assert!(Rc::ptr_eq(&restored, &twice));
    }

    #[test]
    fn open_anchors_stored_claims_and_keeps_orphans() {
        let state = create(start(), 1, 16, 33, Certainty::Unclear);
        let state = create(state, 2, 81, 88, Certainty::Unconfirmed);
        assert_eq!(quote(&state, 2).as_deref(), Some("unclear"));
        let annotations = state.annotations();
        let edited = Rc::new(Document::from_plain_text(
            "date 2026-02-26 Update: Hundreds of Cuban security personnel left.\n\nThe pullback is voluntary.",
            None,
        ));
        let reopened = reduce(
            state,
            Action::Open {
                document: edited,
                keep_text: true,
                annotations,
                deletions: vec![],
                notices: vec![],
            },
        );
        assert_eq!(
            reopened.claim(id(1)).map(|c| c.placement),
            Some(Placement::Anchored(Span::new(24, 41)))
        );
        assert_eq!(
            reopened.claim(id(2)).map(|c| c.placement),
            Some(Placement::Orphan)
        );
        assert_eq!(reopened.orphans().count(), 1);
        assert_eq!(reopened.counts(), [0, 1, 1], "orphans still count");
    }

    #[test]
    fn a_claim_found_with_edits_needs_review_until_placed() {
        // "Cuban security personnel" (16..41 of TEXT) and the unclear sentence.
        let state = create(start(), 1, 28, 52, Certainty::Confirmed);
        let state = create(state, 2, 80, 128, Certainty::Unclear);
        let corrected = Rc::new(Document::from_plain_text(
            "date 2026-02-26 Hundreds of Cuban securty personnel have begun departing.\n\n\
             It is unclear whether the pullback is voluntary.",
            None,
        ));
        let reopened = reduce(
            state.clone(),
            Action::Open {
                document: corrected.clone(),
                keep_text: false,
                annotations: state.annotations(),
                notices: vec![],
                deletions: vec![],
            },
        );
        let Some(Placement::Fuzzy { span, score }) = reopened.claim(id(1)).map(|c| c.placement)
        else {
            panic!("expected a fuzzy placement")
        };
        assert_eq!(corrected.slice(span), Some("Cuban securty personnel"));
        assert!(score.percent() >= 90, "{score:?}");
        assert!(matches!(
            reopened.claim(id(2)).map(|c| c.placement),
            Some(Placement::Anchored(_))
        ));
        let review: Vec<_> = reopened.needing_review().map(|c| c.annotation.id).collect();
        assert_eq!(review, vec![id(1)]);

        let placed = reduce(
            reopened.clone(),
            Action::Place {
                id: id(1),
                span,
                at: Timestamp(99),
            },
        );
        assert_eq!(placed.revision, reopened.revision + 1);
        let claim = placed.claim(id(1)).expect("kept");
        assert_eq!(claim.placement, Placement::Anchored(span));
        assert_eq!(
            claim.annotation.target.quote.exact,
            "Cuban securty personnel"
        );
        assert_eq!(claim.annotation.modified, Timestamp(99));
        assert_eq!(placed.needing_review().count(), 0);
        // An unknown claim or an empty span changes nothing.
        let same = reduce(
            placed.clone(),
            Action::Place {
                id: id(9),
                span,
                at: Timestamp(100),
            },
        );
        assert!(Rc::ptr_eq(&same, &placed));
    }

    #[test]
    fn notices_are_added_once_and_saving_clears_transient_ones() {
        let state = reduce(start(), Action::Notify(Notice::QuotaExceeded));
        let same = reduce(state.clone(), Action::Notify(Notice::QuotaExceeded));
        assert!(Rc::ptr_eq(&state, &same));
        let state = reduce(state, Action::Notify(Notice::NewerSchema { found: 2 }));
        assert!(state.read_only());
        let state = reduce(state, Action::Saved);
        assert_eq!(state.notices, vec![Notice::NewerSchema { found: 2 }]);
    }
}
