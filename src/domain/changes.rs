//! What changed between two states, claim by claim, for embedders: the
//! `claimmark-change` event reports each created, edited or deleted claim
//! by id. Computed by comparing snapshots (id → last modification), so
//! every path that changes claims (tagging, the card, undo, an import) is
//! reported the same way.

use std::collections::BTreeMap;

use crate::domain::{AnnotationId, State, Timestamp};

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
    state
        .claims
        .iter()
        .map(|claim| (claim.annotation.id, claim.annotation.modified))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> AnnotationId {
        AnnotationId::from_random_bytes([n; 16])
    }

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
}
