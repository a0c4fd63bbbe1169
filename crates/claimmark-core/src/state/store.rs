//! The widget's state: the article, its claims (shared `Rc`s, so a change
//! copies pointers and clones only the claim it edits), tombstones, storage
//! notices, the revision the saver is keyed on, undo history and the
//! author's name. How it changes is [`crate::state::action::Action`] and
//! [`crate::state::reduce::reduce`].
//!
//! Deleting a claim leaves a tombstone ([`Deletion`]) in
//! [`State::deletions`], so that importing an older copy of the claim does
//! not bring it back.

use std::rc::Rc;

use crate::model::anchor::Placement;
use crate::model::annotation::{Annotation, AnnotationId, Deletion};
use crate::model::certainty::Certainty;
use crate::state::notice::Notice;
use crate::state::undo::UndoStack;
use crate::text::document::Document;

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
        self.shared_claim(id).map(Rc::as_ref)
    }

    /// The claim with `id` as the state holds it (an `Rc`: props holding
    /// it clone a pointer, not the claim).
    pub fn shared_claim(&self, id: AnnotationId) -> Option<&Rc<Claim>> {
        self.claims.iter().find(|c| c.annotation.id == id)
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
    pub fn orphans(&self) -> impl Iterator<Item = &Rc<Claim>> {
        self.claims
            .iter()
            .filter(|c| c.placement == Placement::Orphan)
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
