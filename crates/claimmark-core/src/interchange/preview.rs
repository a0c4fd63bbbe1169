//! What an import would do, before it is applied: counts for the person to
//! confirm, computed with the same rules as the merge itself
//! ([`crate::model::merge::plan`]). Nothing changes here; applying is
//! [`crate::Action::Import`]. [`ImportSummary`] is the same outcome as the
//! JS API's `importAnnotations()` returns it.

use serde::Serialize;

use super::import_errors::Rejection;
use super::import_notes::{sentences, ItemNote};
use super::validate::ParsedImport;
use crate::model::anchor::anchor;
use crate::model::merge::{plan, Decision};
use crate::state::store::State;

/// The outcome of an import, counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preview {
    /// Claims that would be added.
    pub new: usize,
    /// Claims whose newer copy would replace the one here.
    pub updated: usize,
    /// Claims identical to the ones here.
    pub unchanged: usize,
    /// Claims whose copy here is as new or newer (kept as they are).
    pub kept_local: usize,
    /// Claims deleted here after the incoming copy was made (stay deleted).
    pub stays_deleted: usize,
    /// Of the new and updated claims, those that do not anchor in the
    /// current text; they are kept and listed as orphans.
    pub orphaned: usize,
    /// Refused items, each with its index and reason.
    pub rejected: Vec<Rejection>,
    /// What was done to accepted items (positions converted or placed by
    /// their quotes, parts skipped), each with its index.
    pub notes: Vec<ItemNote>,
}

/// What `importAnnotations()` answers, in JSON: the counts, the refusals
/// and notes with their indexes, and the notes' sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Claims added.
    pub added: usize,
    /// Claims replaced by a newer copy.
    pub updated: usize,
    /// Claims identical to the ones here.
    pub unchanged: usize,
    /// New or updated claims that do not anchor in the text.
    pub orphaned: usize,
    /// Positions counted in UTF-16 units, converted to code points.
    pub converted: usize,
    /// Wrong positions, replaced by where the quote is.
    pub placed_by_quote: usize,
    /// Refused items: `{index, reason}`.
    pub rejected: Vec<Indexed>,
    /// Notes on accepted items: `{index, reason}`.
    pub notes: Vec<Indexed>,
    /// One sentence per kind of note, such as "2 positions counted in
    /// UTF-16 units were converted".
    pub messages: Vec<String>,
}

/// An item's index and a sentence about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indexed {
    /// Index in the input's item list, from 0.
    pub index: usize,
    /// What happened to it.
    pub reason: String,
}

impl Preview {
    /// True when applying would change the state.
    pub fn changes_anything(&self) -> bool {
        self.new + self.updated > 0
    }

    /// One line for the person, such as "2 new, 1 updated, 0 unchanged, …".
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} updated, {} unchanged, {} kept (newer here), {} stay deleted, {} orphaned, {} rejected",
            self.new,
            self.updated,
            self.unchanged,
            self.kept_local,
            self.stays_deleted,
            self.orphaned,
            self.rejected.len()
        )
    }

    /// The notes' sentences ("1 position was wrong; placed by its quote"),
    /// one per kind that occurred.
    pub fn details(&self) -> Vec<String> {
        sentences(&self.notes)
    }

    /// The outcome as the JS API answers it.
    pub fn api_summary(&self) -> ImportSummary {
        let indexed = |index: usize, reason: String| Indexed { index, reason };
        ImportSummary {
            added: self.new,
            updated: self.updated,
            unchanged: self.unchanged,
            orphaned: self.orphaned,
            converted: self.notes.iter().filter(|n| n.note.is_conversion()).count(),
            placed_by_quote: self
                .notes
                .iter()
                .filter(|n| n.note.is_placed_by_quote())
                .count(),
            rejected: self
                .rejected
                .iter()
                .map(|r| indexed(r.index, r.reason.to_string()))
                .collect(),
            notes: self
                .notes
                .iter()
                .map(|n| indexed(n.index, n.note.to_string()))
                .collect(),
            messages: self.details(),
        }
    }
}

/// Counts what merging `import` into `state` would do.
pub fn preview(state: &State, import: &ParsedImport) -> Preview {
    let local = state.annotations();
    let decisions = plan(&local, &state.deletions, &import.annotations);
    let mut preview = Preview {
        rejected: import.rejected.clone(),
        notes: import.notes.clone(),
        ..Preview::default()
    };
    for (annotation, decision) in import.annotations.iter().zip(decisions) {
        let slot = match decision {
            Decision::New => &mut preview.new,
            Decision::Updated => &mut preview.updated,
            Decision::Unchanged => &mut preview.unchanged,
            Decision::KeptLocal => &mut preview.kept_local,
            Decision::StaysDeleted => &mut preview.stays_deleted,
        };
        *slot += 1;
        if matches!(decision, Decision::New | Decision::Updated)
            && anchor(&state.document, &annotation.target).span().is_none()
        {
            preview.orphaned += 1;
        }
    }
    preview
}
