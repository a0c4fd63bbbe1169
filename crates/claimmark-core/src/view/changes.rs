//! What changed between two states, claim by claim, for embedders: the
//! `claimmark-change` event reports each created, edited or deleted claim
//! by id. Computed by comparing snapshots (id → last modification), so
//! every path that changes claims (tagging, the card, undo, an import) is
//! reported the same way.

use std::collections::BTreeMap;

use std::rc::Rc;

use crate::{AnnotationId, Certainty, Claim, State, Timestamp};

/// The kind of a change, as the event's `action` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A claim appeared (created, restored by undo, or imported).
    Create,
    /// A claim's certainty, note, sources or place changed.
    Edit,
    /// A claim went away.
    Delete,
}

impl ChangeKind {
    /// The word embedders see: `create`, `edit` or `delete`.
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Create => "create",
            ChangeKind::Edit => "edit",
            ChangeKind::Delete => "delete",
        }
    }
}

/// Each claim's id and the time of its last change.
pub type Snapshot = BTreeMap<AnnotationId, Timestamp>;

/// The snapshot of `state`'s claims.
pub fn snapshot(state: &State) -> Snapshot {
    snapshot_of(&state.claims)
}

/// The changes from `before` to `after`: deletions, then creations and
/// edits, each in id order.
pub fn diff(before: &Snapshot, after: &Snapshot) -> Vec<(ChangeKind, AnnotationId)> {
    let deleted = before
        .keys()
        .filter(|id| !after.contains_key(id))
        .map(|id| (ChangeKind::Delete, *id));
    let changed = after
        .iter()
        .filter_map(|(id, modified)| match before.get(id) {
            None => Some((ChangeKind::Create, *id)),
            Some(old) if old != modified => Some((ChangeKind::Edit, *id)),
            Some(_) => None,
        });
    deleted.chain(changed).collect()
}

/// The changes from `before` to `after` (claims as [`State`] keeps them),
/// the same as [`diff`] of their snapshots. A change leaves the claims it
/// did not touch as the same `Rc` in the same order, so the usual change
/// (one claim created or edited) costs a pointer comparison per claim and
/// no map; anything else (a deletion, a merge) takes the snapshots.
pub fn diff_claims(before: &[Rc<Claim>], after: &[Rc<Claim>]) -> Vec<(ChangeKind, AnnotationId)> {
    let Some(aligned) = Aligned::of(before, after) else {
        return diff(&snapshot_of(before), &snapshot_of(after));
    };
    let mut deleted: Vec<AnnotationId> = aligned.deleted.iter().map(|c| c.annotation.id).collect();
    deleted.sort();
    let mut changed: Vec<(ChangeKind, AnnotationId)> = aligned
        .edited
        .iter()
        .filter(|(old, new)| old.annotation.modified != new.annotation.modified)
        .map(|(_, new)| (ChangeKind::Edit, new.annotation.id))
        .chain(
            aligned
                .created
                .iter()
                .map(|c| (ChangeKind::Create, c.annotation.id)),
        )
        .collect();
    changed.sort_by_key(|(_, id)| *id);
    deleted
        .into_iter()
        .map(|id| (ChangeKind::Delete, id))
        .chain(changed)
        .collect()
}

/// The claims kept from `before` to `after` whose certainty changed, with
/// the new certainty, in `after`'s order.
pub fn certainty_changes(
    before: &[Rc<Claim>],
    after: &[Rc<Claim>],
) -> Vec<(AnnotationId, Certainty)> {
    if let Some(aligned) = Aligned::of(before, after) {
        return aligned
            .edited
            .iter()
            .filter(|(old, new)| old.annotation.certainty != new.annotation.certainty)
            .map(|(_, new)| (new.annotation.id, new.annotation.certainty))
            .collect();
    }
    let old: BTreeMap<AnnotationId, Certainty> = before
        .iter()
        .map(|c| (c.annotation.id, c.annotation.certainty))
        .collect();
    after
        .iter()
        .filter(|c| {
            old.get(&c.annotation.id)
                .is_some_and(|was| *was != c.annotation.certainty)
        })
        .map(|c| (c.annotation.id, c.annotation.certainty))
        .collect()
}

/// `before` and `after` with the same ids in the same order up to where
/// one ends: the pairs that are no longer the same `Rc`, and the tails.
struct Aligned<'a> {
    edited: Vec<(&'a Claim, &'a Claim)>,
    deleted: &'a [Rc<Claim>],
    created: &'a [Rc<Claim>],
}

impl<'a> Aligned<'a> {
    fn of(before: &'a [Rc<Claim>], after: &'a [Rc<Claim>]) -> Option<Self> {
        let common = before.len().min(after.len());
        let mut edited = Vec::new();
        for (old, new) in before.iter().zip(after) {
            if Rc::ptr_eq(old, new) {
                continue;
            }
            if old.annotation.id != new.annotation.id {
                return None;
            }
            edited.push((old.as_ref(), new.as_ref()));
        }
        let deleted = before.get(common..).unwrap_or_default();
        let created = after.get(common..).unwrap_or_default();
        Some(Aligned {
            edited,
            deleted,
            created,
        })
    }
}

fn snapshot_of(claims: &[Rc<Claim>]) -> Snapshot {
    claims
        .iter()
        .map(|claim| (claim.annotation.id, claim.annotation.modified))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::id;

    #[test]
    fn reports_creations_edits_and_deletions() {
        let before: Snapshot = [
            (id(1), Timestamp(1)),
            (id(2), Timestamp(1)),
            (id(3), Timestamp(1)),
        ]
        .into_iter()
        .collect();
        let after: Snapshot = [
            (id(1), Timestamp(1)),
            (id(2), Timestamp(5)),
            (id(4), Timestamp(5)),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            diff(&before, &after),
            vec![
                (ChangeKind::Delete, id(3)),
                (ChangeKind::Edit, id(2)),
                (ChangeKind::Create, id(4)),
            ]
        );
    }

    #[test]
    fn no_change_reports_nothing() {
        let same: Snapshot = [(id(1), Timestamp(1))].into_iter().collect();
        assert!(diff(&same, &same).is_empty());
        assert_eq!(ChangeKind::Edit.key(), "edit");
    }

    fn claims(spec: &[(u8, i64, Certainty)]) -> Vec<Rc<Claim>> {
        use crate::model::anchor::{describe, Placement};
        use crate::{Annotation, Document, Span};
        let doc = Document::from_plain_text("Alpha beta gamma delta.", None);
        spec.iter()
            .map(|&(n, modified, certainty)| {
                Rc::new(Claim {
                    annotation: Annotation {
                        id: id(n),
                        target: describe(&doc, Span::new(0, 5)).expect("in range"),
                        certainty,
                        note: String::new(),
                        sources: Vec::new(),
                        tags: Vec::new(),
                        created: Timestamp(0),
                        modified: Timestamp(modified),
                        history: Vec::new(),
                    },
                    placement: Placement::Anchored(Span::new(0, 5)),
                })
            })
            .collect()
    }

    #[test]
    fn diffing_claims_agrees_with_diffing_snapshots_on_every_kind_of_change() {
        use Certainty::{Confirmed as C, Unclear as U, Unconfirmed as X};
        let base = claims(&[(1, 1, C), (2, 1, U), (3, 1, X)]);
        let edited = {
            let mut next = base.clone();
            next[1] = claims(&[(2, 5, C)]).remove(0);
            next
        };
        let created = {
            let mut next = edited.clone();
            next.push(claims(&[(9, 6, U)]).remove(0));
            next
        };
        let deleted: Vec<Rc<Claim>> = created
            .iter()
            .filter(|c| c.annotation.id != id(1))
            .cloned()
            .collect();
        let shuffled: Vec<Rc<Claim>> = deleted.iter().rev().cloned().collect();
        let states = [base, edited, created, deleted, shuffled];
        for before in &states {
            for after in &states {
                let by_snapshots = diff(&snapshot_of(before), &snapshot_of(after));
                assert_eq!(diff_claims(before, after), by_snapshots);
                let old: BTreeMap<AnnotationId, Certainty> = before
                    .iter()
                    .map(|c| (c.annotation.id, c.annotation.certainty))
                    .collect();
                let mut expected: Vec<(AnnotationId, Certainty)> = after
                    .iter()
                    .filter(|c| {
                        old.get(&c.annotation.id)
                            .is_some_and(|w| *w != c.annotation.certainty)
                    })
                    .map(|c| (c.annotation.id, c.annotation.certainty))
                    .collect();
                let mut got = certainty_changes(before, after);
                expected.sort();
                got.sort();
                assert_eq!(got, expected);
            }
        }
    }
}
