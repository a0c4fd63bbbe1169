//! Every change the widget can make to its state, as one enum: what the
//! reducer ([`crate::state::reduce::reduce`]) takes. Ids and times arrive
//! inside actions, so the reducer reads no clock or random source.

use std::rc::Rc;

use crate::model::annotation::{Annotation, AnnotationId, Deletion, SourceUrl, Timestamp};
use crate::model::certainty::Certainty;
use crate::state::notice::Notice;
use crate::text::document::Document;
use crate::text::span::Span;

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
    /// tombstones); never replaces (rules in [`crate::state::merge`]).
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
