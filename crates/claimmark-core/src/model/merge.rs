//! Merging claims by id: the one set of rules that the import preview, the
//! reducer's [`crate::Action::Import`] and the command line's
//! `merge` share.
//!
//! For each incoming annotation, against the local claims and tombstones:
//! - no local claim, no tombstone → **new**;
//! - no local claim, a tombstone at or after the incoming `modified` → it
//!   **stays deleted** (deleted here after that copy was made); a tombstone
//!   older than the incoming `modified` → **new** again (edited elsewhere
//!   after the deletion);
//! - a local claim equal to it → **unchanged**;
//! - a local claim with an older `modified` → **updated** (the newer wins);
//! - a local claim with the same or a newer `modified` → **kept local**
//!   (on a tie, the copy already here wins, so merging is deterministic).
//!
//! Incoming items are decided one after another, so an id that comes twice
//! is compared with its first copy.

use std::collections::HashMap;

use crate::model::annotation::{Annotation, AnnotationId, Deletion, Timestamp};

/// What merging does with one incoming annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Added: no claim with its id here.
    New,
    /// Replaces an older local copy.
    Updated,
    /// The same as the local copy.
    Unchanged,
    /// The local copy is as new or newer: kept.
    KeptLocal,
    /// Deleted here after the incoming copy was last modified.
    StaysDeleted,
}

/// Decides each incoming annotation, in order (see the module rules).
pub fn plan(
    local: &[Annotation],
    deletions: &[Deletion],
    incoming: &[Annotation],
) -> Vec<Decision> {
    let mut current: HashMap<AnnotationId, &Annotation> = local.iter().map(|a| (a.id, a)).collect();
    let tombstones: HashMap<AnnotationId, Timestamp> =
        deletions.iter().map(|d| (d.id, d.at)).collect();
    incoming
        .iter()
        .map(|annotation| {
            let decision = decide(
                current.get(&annotation.id).copied(),
                tombstones.get(&annotation.id).copied(),
                annotation,
            );
            if matches!(decision, Decision::New | Decision::Updated) {
                current.insert(annotation.id, annotation);
            }
            decision
        })
        .collect()
}

fn decide(
    local: Option<&Annotation>,
    tombstone: Option<Timestamp>,
    incoming: &Annotation,
) -> Decision {
    match (local, tombstone) {
        (Some(local), _) if local == incoming => Decision::Unchanged,
        (Some(local), _) if incoming.modified > local.modified => Decision::Updated,
        (Some(_), _) => Decision::KeptLocal,
        (None, Some(at)) if at >= incoming.modified => Decision::StaysDeleted,
        (None, _) => Decision::New,
    }
}

/// Merges two lists of annotations by id (the command line's `merge`):
/// `base` and `incoming` have no tombstones, so every id of either is kept,
/// in the newer copy (`base` wins ties). Order: `base`'s, then new ones.
pub fn merge_annotations(base: &[Annotation], incoming: &[Annotation]) -> Vec<Annotation> {
    let mut merged: Vec<Annotation> = base.to_vec();
    for (annotation, decision) in incoming.iter().zip(plan(base, &[], incoming)) {
        match decision {
            Decision::New => merged.push(annotation.clone()),
            Decision::Updated => {
                if let Some(slot) = merged.iter_mut().find(|a| a.id == annotation.id) {
                    *slot = annotation.clone();
                }
            }
            Decision::Unchanged | Decision::KeptLocal | Decision::StaysDeleted => {}
        }
    }
    merged
}
