//! What an import would do, before it is applied: counts for the person to
//! confirm, computed with the same rules as the merge itself
//! ([`crate::model::merge::plan`]). Nothing changes here; applying is
//! [`crate::Action::Import`].

use super::import_errors::Rejection;
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
}

/// Counts what merging `import` into `state` would do.
pub fn preview(state: &State, import: &ParsedImport) -> Preview {
    let local = state.annotations();
    let decisions = plan(&local, &state.deletions, &import.annotations);
    let mut preview = Preview {
        rejected: import.rejected.clone(),
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
