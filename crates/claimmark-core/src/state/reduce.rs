//! The pure reducer: [`reduce`] applies an [`Action`] to a [`State`].
//!
//! It does no I/O. A no-op returns the same `Rc`, so Yew skips the
//! re-render. `revision` grows with every change that must be persisted
//! (not with opening an article, which changes nothing stored); the
//! widget's persistence effect is keyed on it. Every change a person makes
//! is recorded for undo. [`Action::Import`] and [`Action::Merge`] merge
//! by id with the rules of [`crate::model::merge`], through
//! [`crate::state::merge`].

use std::rc::Rc;

use crate::model::anchor::{anchor, describe, Placement};
use crate::model::annotation::{
    Annotation, AnnotationId, Deletion, Timestamp, NOTE_MAX_CHARS, SOURCES_MAX,
};
use crate::model::certainty_change::{clean_author, push_change, CertaintyChange};
use crate::state::action::Action;
use crate::state::merge::{apply_decisions, merge_stored};
use crate::state::notice::Notice;
use crate::state::store::{Claim, State};
use crate::state::undo::{restore, UndoStack};
use crate::text::snap::snap_to_words;

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
        } => merge_stored(state, annotations, deletions),
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

/// Merges `incoming` by id (see [`apply_decisions`]); the same `Rc` when
/// nothing is new or newer.
fn import(state: Rc<State>, incoming: Vec<Annotation>) -> Rc<State> {
    let mut next = (*state).clone();
    if !apply_decisions(&mut next, incoming) {
        return state;
    }
    next.revision += 1;
    Rc::new(next)
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
mod tests;
