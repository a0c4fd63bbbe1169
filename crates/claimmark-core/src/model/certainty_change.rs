//! One line of a claim's certainty history: [`CertaintyChange`] (from, to,
//! when, who), kept inside the annotation, stored and exported; the bound
//! on how many lines a claim keeps and the clean-up of the author's name.

use serde::{Deserialize, Serialize};

use crate::model::annotation::Timestamp;
use crate::model::certainty::Certainty;

/// Most history lines one claim keeps (the oldest are dropped first).
pub const HISTORY_MAX: usize = 100;

/// Longest name recorded as "who", in code points.
pub const AUTHOR_MAX_CHARS: usize = 100;

/// One certainty change of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertaintyChange {
    /// The certainty before; `None` when the claim was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Certainty>,
    /// The certainty after.
    pub to: Certainty,
    /// When.
    pub at: Timestamp,
    /// Who, as set in the settings; `None` when no name was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl CertaintyChange {
    /// A line for people: "Unclear → Confirmed" or "Created as Unclear".
    pub fn describe(&self) -> String {
        match self.from {
            Some(from) => format!("{} → {}", from.label(), self.to.label()),
            None => format!("Created as {}", self.to.label()),
        }
    }
}

/// Appends `change` to `history`, keeping at most [`HISTORY_MAX`] lines.
pub fn push_change(history: &mut Vec<CertaintyChange>, change: CertaintyChange) {
    history.push(change);
    let excess = history.len().saturating_sub(HISTORY_MAX);
    if excess > 0 {
        history.drain(..excess);
    }
}

/// A name for the history: trimmed, cut to [`AUTHOR_MAX_CHARS`], control
/// characters removed; `None` when nothing is left.
pub fn clean_author(raw: &str) -> Option<String> {
    let name: String = raw
        .chars()
        .filter(|c| !c.is_control())
        .take(AUTHOR_MAX_CHARS)
        .collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_is_bounded_and_names_are_cleaned() {
        let mut history = Vec::new();
        for n in 0..(HISTORY_MAX + 5) {
            push_change(
                &mut history,
                CertaintyChange {
                    from: Some(Certainty::Unclear),
                    to: Certainty::Confirmed,
                    at: Timestamp(i64::try_from(n).unwrap_or_default()),
                    by: None,
                },
            );
        }
        assert_eq!(history.len(), HISTORY_MAX);
        assert_eq!(history.first().map(|c| c.at), Some(Timestamp(5)));
        assert_eq!(clean_author("  Ana\u{7} B  ").as_deref(), Some("Ana B"));
        assert_eq!(clean_author(" \n "), None);
        assert_eq!(
            clean_author(&"x".repeat(500)).map(|n| n.chars().count()),
            Some(AUTHOR_MAX_CHARS)
        );
    }

    #[test]
    fn old_history_lines_without_from_or_by_read_back() {
        let line: CertaintyChange =
            serde_json::from_str(r#"{"to":"unclear","at":"2026-02-25T10:00:00Z"}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(line.describe(), "Created as Unclear");
        assert_eq!(line.by, None);
    }
}
