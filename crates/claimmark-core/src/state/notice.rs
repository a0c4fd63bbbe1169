//! What the person must be told about storage: a [`Notice`] is part of the
//! state (the banner shows it), set by opening an article or by a failed
//! save; the storage layer decides when, this module only what it says.

/// Something about storage the person must be told.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Notice {
    /// Storage cannot be reached: changes live in memory only.
    Unavailable,
    /// Storage is full: the latest changes are not saved.
    QuotaExceeded,
    /// The data under the key could not be read as claimmark's; it was
    /// kept under `key` and the document starts empty.
    SetAside {
        /// Where the old contents now are.
        key: String,
        /// What was wrong with them.
        reason: SetAsideReason,
    },
    /// Some stored claims could not be read; all were kept under `key`.
    PartlyUnreadable {
        /// Where a full copy of the old contents now is.
        key: String,
        /// How many claims could not be read.
        unreadable: usize,
    },
    /// The data needs attention but could not be copied aside (storage
    /// full or failing), so nothing will be written over it.
    Protected,
    /// Written by a newer claimmark: shown read-only, never overwritten.
    NewerSchema {
        /// The schema version found.
        found: u32,
    },
}

/// Why stored contents were set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetAsideReason {
    /// Not valid JSON.
    Corrupt,
    /// JSON, but not a claimmark envelope for this document.
    Foreign,
}

impl Notice {
    /// The sentence the banner shows.
    pub fn message(&self) -> String {
        match self {
            Notice::Unavailable => {
                "Browser storage is not available here: your claims are kept only until this page closes. Export them to keep them.".to_owned()
            }
            Notice::QuotaExceeded => {
                "Browser storage is full: your latest changes are not being saved. Export your claims, or free space and try again.".to_owned()
            }
            Notice::SetAside { key, reason } => {
                let what = match reason {
                    SetAsideReason::Corrupt => "was damaged",
                    SetAsideReason::Foreign => "was not claimmark data for this article",
                };
                format!("The stored data for this article {what}. It was kept unchanged under the key \"{key}\", and the article starts with no claims.")
            }
            Notice::PartlyUnreadable { key, unreadable } => format!(
                "{unreadable} stored claim(s) could not be read and are not shown. A full copy of the stored data was kept under the key \"{key}\"."
            ),
            Notice::Protected => {
                "The stored data for this article could not be read or copied aside, so changes are not being saved, to protect it.".to_owned()
            }
            Notice::NewerSchema { found } => format!(
                "These claims were saved by a newer version of claimmark (format {found}). They are kept unchanged and shown read-only as far as this version can read them; changes you make now are not saved. Export them to keep a copy."
            ),
        }
    }

    /// True while the condition stops changes from being saved.
    pub fn blocks_saving(&self) -> bool {
        matches!(self, Notice::Protected | Notice::NewerSchema { .. })
    }
}
