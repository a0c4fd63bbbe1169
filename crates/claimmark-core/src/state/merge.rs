//! Merging claims from elsewhere into the state, by id: one
//! [`apply_decisions`] for an import ([`crate::state::action::Action::Import`])
//! and for the envelope another tab saved
//! ([`crate::state::action::Action::Merge`], [`merge_stored`]). It merges,
//! never replaces:
//!
//! - an incoming tombstone deletes the local claim when the claim was last
//!   changed at or before the deletion (a later edit here keeps it), and is
//!   recorded unless the claim lives on here;
//! - incoming claims follow the import rules of
//!   [`crate::model::merge`] against the local claims and (now
//!   merged) tombstones: new ones are added, newer copies win, a claim
//!   deleted at or after its last change stays deleted.
//!
//! A merge that changes nothing returns the same `Rc` with the same
//! revision, so nothing is saved and two tabs reach a fixed point instead of
//! echoing saves back and forth. Merging is idempotent: merging the same
//! envelope twice changes nothing the second time.

use std::rc::Rc;

use crate::model::anchor::anchor;
use crate::model::annotation::{Annotation, Deletion};
use crate::model::merge::{plan, Decision};
use crate::state::store::{Claim, State};

/// Merges `incoming` into `state` by id with the rules of
/// [`crate::model::merge`]: new claims are added (anchored afresh, their
/// tombstones dropped), newer copies replace older ones; the rest stays.
/// True when anything changed. Shared by [`crate::state::action::Action::Import`]
/// and another tab's save ([`merge_stored`]).
pub fn apply_decisions(state: &mut State, incoming: Vec<Annotation>) -> bool {
    let local = state.annotations();
    let decisions = plan(&local, &state.deletions, &incoming);
    let mut changed = false;
    for (annotation, decision) in incoming.into_iter().zip(decisions) {
        match decision {
            Decision::New => {
                let placement = anchor(&state.document, &annotation.target);
                state.deletions.retain(|d| d.id != annotation.id);
                state.claims.push(Rc::new(Claim {
                    annotation,
                    placement,
                }));
                changed = true;
            }
            Decision::Updated => {
                let placement = anchor(&state.document, &annotation.target);
                if let Some(claim) = state
                    .claims
                    .iter_mut()
                    .find(|c| c.annotation.id == annotation.id)
                {
                    *claim = Rc::new(Claim {
                        annotation,
                        placement,
                    });
                    changed = true;
                }
            }
            Decision::Unchanged | Decision::KeptLocal | Decision::StaysDeleted => {}
        }
    }
    changed
}

/// `state` with another tab's saved claims and tombstones merged in; the
/// same `Rc` when nothing changes.
pub fn merge_stored(
    state: Rc<State>,
    annotations: Vec<Annotation>,
    deletions: Vec<Deletion>,
) -> Rc<State> {
    let mut next = (*state).clone();
    let mut changed = false;
    for deletion in deletions {
        let local = next
            .claims
            .iter()
            .find(|c| c.annotation.id == deletion.id)
            .map(|c| c.annotation.modified);
        match local {
            // Edited here after that deletion: the claim stays.
            Some(modified) if modified > deletion.at => continue,
            Some(_) => {
                next.claims.retain(|c| c.annotation.id != deletion.id);
                changed = true;
            }
            None => {}
        }
        match next.deletions.iter_mut().find(|d| d.id == deletion.id) {
            Some(known) if known.at >= deletion.at => {}
            Some(known) => {
                known.at = deletion.at;
                changed = true;
            }
            None => {
                next.deletions.push(deletion);
                changed = true;
            }
        }
    }
    changed |= apply_decisions(&mut next, annotations);
    if !changed {
        return state;
    }
    next.revision += 1;
    Rc::new(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::id;
    use crate::{reduce, Action, AnnotationId, Certainty, Document, Span, Timestamp};

    const TEXT: &str = "Officials say the talks failed on Tuesday, and the mayor denied it.";

    fn start() -> Rc<State> {
        Rc::new(State::new(Rc::new(Document::from_plain_text(TEXT, None))))
    }

    fn create(state: Rc<State>, n: u8, from: usize, to: usize, at: i64) -> Rc<State> {
        reduce(
            state,
            Action::Create {
                id: id(n),
                span: Span::new(from, to),
                certainty: Certainty::Unclear,
                at: Timestamp(at),
            },
        )
    }

    fn ids(state: &State) -> Vec<AnnotationId> {
        let mut ids: Vec<AnnotationId> = state.claims.iter().map(|c| c.annotation.id).collect();
        ids.sort();
        ids
    }

    /// What tab `from` would save, merged into tab `into`.
    fn sync(into: Rc<State>, from: &State) -> Rc<State> {
        merge_stored(into, from.annotations(), from.deletions.clone())
    }

    #[test]
    fn two_tabs_merge_creates_edits_and_deletions_to_a_fixed_point() {
        let a = create(start(), 1, 0, 9, 10);
        let b = create(start(), 2, 14, 19, 11);
        // Both created at once: each merges the other's, neither replaces.
        let a = sync(a, &b);
        let b = sync(b, &a);
        assert_eq!(ids(&a), vec![id(1), id(2)]);
        assert_eq!(ids(&b), ids(&a));
        // A deletes 1 while B edits 2; then they exchange.
        let a = reduce(
            a,
            Action::DeleteAt {
                id: id(1),
                at: Timestamp(20),
            },
        );
        let b = reduce(
            b,
            Action::SetCertainty {
                id: id(2),
                certainty: Certainty::Confirmed,
                at: Timestamp(21),
            },
        );
        let b = sync(b, &a);
        let a = sync(a, &b);
        assert_eq!(ids(&a), vec![id(2)]);
        assert_eq!(ids(&b), vec![id(2)], "the deletion reached B");
        assert_eq!(
            a.claim(id(2)).map(|c| c.annotation.certainty),
            Some(Certainty::Confirmed)
        );
        // A stale copy from before the deletion does not bring 1 back.
        let stale = create(start(), 1, 0, 9, 10);
        assert!(Rc::ptr_eq(&sync(a.clone(), &stale), &a));
        // Fixed point: merging again changes nothing (no save loop).
        let again_a = sync(a.clone(), &b);
        let again_b = sync(b.clone(), &a);
        assert!(Rc::ptr_eq(&again_a, &a));
        assert!(Rc::ptr_eq(&again_b, &b));
    }

    #[test]
    fn an_edit_made_after_a_deletion_elsewhere_keeps_the_claim() {
        let a = create(start(), 1, 0, 9, 10);
        let b = sync(start(), &a);
        let a = reduce(
            a,
            Action::DeleteAt {
                id: id(1),
                at: Timestamp(20),
            },
        );
        let b = reduce(
            b,
            Action::SetNote {
                id: id(1),
                note: "checked".to_owned(),
                at: Timestamp(30),
            },
        );
        let b2 = sync(b.clone(), &a);
        assert!(Rc::ptr_eq(&b2, &b), "B's later edit wins over the deletion");
        let a = sync(a, &b);
        assert_eq!(ids(&a), vec![id(1)]);
        assert!(
            a.deletions.is_empty(),
            "the tombstone goes with the claim back"
        );
    }
}
