//! Undo and redo.
//!
//! [`UndoStack`] keeps up to [`UNDO_LIMIT`] earlier sets of claims (shared
//! `Rc`s, so a state clone copies pointers, not claims) and the ones undone
//! since the last change. The reducer ([`crate::state::reduce::reduce`]) records
//! the claims before every change a person makes (create, certainty, note,
//! sources, place, delete, restore, import); a new change clears redo;
//! opening an article clears both. [`restore`] computes the claims and
//! tombstones after an undo or a redo: a claim that disappears (an undone
//! create, a redone delete) gets a tombstone, a claim that comes back (an
//! undone delete) loses its own tombstone, and every claim that differs from
//! what was on screen is dated `at`, so a merge sees the undo as the newest
//! change. The certainty history of one claim is
//! [`crate::model::certainty_change`].

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use crate::model::annotation::{AnnotationId, Deletion, Timestamp};
use crate::state::store::Claim;

/// How many changes can be undone.
pub const UNDO_LIMIT: usize = 200;

/// Earlier and undone sets of claims.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoStack {
    past: VecDeque<Rc<Vec<Rc<Claim>>>>,
    future: Vec<Rc<Vec<Rc<Claim>>>>,
}

impl UndoStack {
    /// Records `before` as the claims preceding a new change; clears redo.
    pub fn record(&mut self, before: Rc<Vec<Rc<Claim>>>) {
        self.past.push_back(before);
        while self.past.len() > UNDO_LIMIT {
            self.past.pop_front();
        }
        self.future.clear();
    }

    /// How many changes can be undone.
    pub fn undo_depth(&self) -> usize {
        self.past.len()
    }

    /// How many undone changes can be redone.
    pub fn redo_depth(&self) -> usize {
        self.future.len()
    }

    /// Takes the claims to go back to, remembering `current` for redo.
    pub fn step_back(&mut self, current: Rc<Vec<Rc<Claim>>>) -> Option<Rc<Vec<Rc<Claim>>>> {
        let target = self.past.pop_back()?;
        self.future.push(current);
        Some(target)
    }

    /// Takes the claims to go forward to, remembering `current` for undo.
    pub fn step_forward(&mut self, current: Rc<Vec<Rc<Claim>>>) -> Option<Rc<Vec<Rc<Claim>>>> {
        let target = self.future.pop()?;
        self.past.push_back(current);
        Some(target)
    }
}

/// The claims and tombstones after moving from `current` to `target`
/// (an undo or a redo) at `at`.
pub fn restore(
    current: &[Rc<Claim>],
    deletions: &[Deletion],
    target: &[Rc<Claim>],
    at: Timestamp,
) -> (Vec<Rc<Claim>>, Vec<Deletion>) {
    let before: BTreeMap<AnnotationId, &Rc<Claim>> =
        current.iter().map(|c| (c.annotation.id, c)).collect();
    let after: BTreeMap<AnnotationId, &Rc<Claim>> =
        target.iter().map(|c| (c.annotation.id, c)).collect();
    let claims = target
        .iter()
        .map(|claim| {
            let mut claim = Rc::clone(claim);
            let unchanged = before
                .get(&claim.annotation.id)
                .is_some_and(|now| Rc::ptr_eq(now, &claim) || **now == claim);
            if !unchanged {
                let modified = at.max(claim.annotation.modified);
                Rc::make_mut(&mut claim).annotation.modified = modified;
            }
            claim
        })
        .collect();
    let mut tombstones: Vec<Deletion> = deletions
        .iter()
        .filter(|d| !after.contains_key(&d.id))
        .copied()
        .collect();
    for id in before.keys().filter(|id| !after.contains_key(id)) {
        tombstones.retain(|d| d.id != *id);
        tombstones.push(Deletion { id: *id, at });
    }
    (claims, tombstones)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotation::SourceUrl;
    use crate::model::certainty::Certainty;
    use crate::state::{reduce, Action, State};
    use crate::test_support::id;
    use crate::text::document::Document;
    use crate::text::span::Span;

    const TEXT: &str = "Hundreds of Cuban security personnel have begun departing. It is unclear whether the pullback is voluntary.";

    fn start() -> Rc<State> {
        Rc::new(State::new(Rc::new(Document::from_plain_text(TEXT, None))))
    }

    fn create(state: Rc<State>, n: u8, at: i64) -> Rc<State> {
        reduce(
            state,
            Action::Create {
                id: id(n),
                span: Span::new(0, 8),
                certainty: Certainty::Unclear,
                at: Timestamp(at),
            },
        )
    }

    fn certainty_of(state: &State, n: u8) -> Option<Certainty> {
        state.claim(id(n)).map(|c| c.annotation.certainty)
    }

    fn tombstoned(state: &State, n: u8) -> bool {
        state.deletions.iter().any(|d| d.id == id(n))
    }

    #[test]
    fn every_change_undoes_and_redoes_with_consistent_tombstones() {
        let created = create(start(), 1, 10);
        let changed = reduce(
            created.clone(),
            Action::SetCertainty {
                id: id(1),
                certainty: Certainty::Confirmed,
                at: Timestamp(20),
            },
        );
        let noted = reduce(
            changed,
            Action::SetNote {
                id: id(1),
                note: "n".into(),
                at: Timestamp(30),
            },
        );
        let url = SourceUrl::parse("https://example.org/a").unwrap_or_else(|e| panic!("{e}"));
        let sourced = reduce(
            noted,
            Action::AddSource {
                id: id(1),
                url,
                at: Timestamp(40),
            },
        );
        let deleted = reduce(
            sourced.clone(),
            Action::DeleteAt {
                id: id(1),
                at: Timestamp(50),
            },
        );
        assert!(tombstoned(&deleted, 1));
        assert_eq!(deleted.undo.undo_depth(), 5);

        // Undoing the delete brings the claim back untombstoned, as it was.
        let back = reduce(deleted.clone(), Action::Undo { at: Timestamp(60) });
        assert_eq!(back.revision, deleted.revision + 1, "an undo is saved");
        assert!(!tombstoned(&back, 1));
        assert_eq!(
            back.claim(id(1)).map(|c| c.annotation.sources.len()),
            Some(1)
        );
        let back = reduce(back, Action::Undo { at: Timestamp(61) });
        let back = reduce(back, Action::Undo { at: Timestamp(62) });
        assert_eq!(
            back.claim(id(1)).map(|c| c.annotation.note.clone()),
            Some(String::new())
        );
        let back = reduce(back, Action::Undo { at: Timestamp(63) });
        assert_eq!(certainty_of(&back, 1), Some(Certainty::Unclear));
        assert_eq!(
            back.claim(id(1)).map(|c| c.annotation.modified),
            Some(Timestamp(63)),
            "an undone edit is the newest change for merges"
        );
        // Undoing the create tombstones the claim.
        let empty = reduce(back, Action::Undo { at: Timestamp(64) });
        assert!(empty.claims.is_empty());
        assert!(tombstoned(&empty, 1));
        let same = reduce(empty.clone(), Action::Undo { at: Timestamp(65) });
        assert!(Rc::ptr_eq(&same, &empty), "nothing left to undo");

        // Redo replays; a redo of the create drops the tombstone.
        let again = reduce(empty, Action::Redo { at: Timestamp(70) });
        assert!(!tombstoned(&again, 1));
        assert_eq!(certainty_of(&again, 1), Some(Certainty::Unclear));
        let again = reduce(again, Action::Redo { at: Timestamp(71) });
        assert_eq!(certainty_of(&again, 1), Some(Certainty::Confirmed));
        assert_eq!(again.undo.redo_depth(), 3);
        // A new change clears what could be redone.
        let fresh = create(again, 2, 80);
        assert_eq!(fresh.undo.redo_depth(), 0);
        let same = reduce(fresh.clone(), Action::Redo { at: Timestamp(81) });
        assert!(Rc::ptr_eq(&same, &fresh));
    }

    #[test]
    fn at_least_a_hundred_steps_undo_and_opening_clears_them() {
        let mut state = create(start(), 1, 1);
        let certainties = [Certainty::Confirmed, Certainty::Unconfirmed];
        for (n, certainty) in certainties.iter().cycle().take(150).enumerate() {
            state = reduce(
                state,
                Action::SetCertainty {
                    id: id(1),
                    certainty: *certainty,
                    at: Timestamp(i64::try_from(n).unwrap_or_default() + 2),
                },
            );
        }
        assert_eq!(state.undo.undo_depth(), 151);
        for n in 0..151 {
            state = reduce(
                state,
                Action::Undo {
                    at: Timestamp(1000 + n),
                },
            );
        }
        assert!(state.claims.is_empty(), "all 151 changes undone");
        let reopened = reduce(
            create(state, 3, 2000),
            Action::Open {
                document: Rc::new(Document::from_plain_text(TEXT, None)),
                keep_text: false,
                annotations: vec![],
                deletions: vec![],
                notices: vec![],
            },
        );
        assert_eq!(reopened.undo.undo_depth(), 0);
        assert_eq!(reopened.undo.redo_depth(), 0);
    }

    #[test]
    fn certainty_changes_record_from_to_when_and_who() {
        let state = reduce(start(), Action::SetAuthor(Some("  Ana  ".into())));
        assert_eq!(state.author.as_deref(), Some("Ana"));
        assert_eq!(state.revision, 0, "a setting is not a saved change");
        let state = create(state, 1, 10);
        let state = reduce(
            state,
            Action::SetCertainty {
                id: id(1),
                certainty: Certainty::Confirmed,
                at: Timestamp(20),
            },
        );
        let state = reduce(state, Action::SetAuthor(None));
        let state = reduce(
            state,
            Action::SetCertainty {
                id: id(1),
                certainty: Certainty::Unconfirmed,
                at: Timestamp(30),
            },
        );
        let history = state
            .claim(id(1))
            .map(|c| c.annotation.history.clone())
            .unwrap_or_default();
        let lines: Vec<_> = history
            .iter()
            .map(|c| (c.describe(), c.at, c.by.clone()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (
                    "Created as Unclear".to_owned(),
                    Timestamp(10),
                    Some("Ana".to_owned())
                ),
                (
                    "Unclear → Confirmed".to_owned(),
                    Timestamp(20),
                    Some("Ana".to_owned())
                ),
                ("Confirmed → Unconfirmed".to_owned(), Timestamp(30), None),
            ]
        );
    }

    #[test]
    fn an_import_undoes_in_one_step() {
        let mine = create(start(), 1, 10);
        let theirs = create(start(), 2, 20);
        let imported = reduce(
            mine.clone(),
            Action::Import {
                annotations: theirs.annotations(),
            },
        );
        assert_eq!(imported.claims.len(), 2);
        let undone = reduce(imported, Action::Undo { at: Timestamp(30) });
        assert_eq!(undone.annotations(), mine.annotations());
        assert!(
            tombstoned(&undone, 2),
            "the undone import's claim is tombstoned"
        );
        let redone = reduce(undone, Action::Redo { at: Timestamp(40) });
        assert_eq!(redone.claims.len(), 2);
        assert!(!tombstoned(&redone, 2));
    }
}
