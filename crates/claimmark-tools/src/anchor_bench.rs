//! The anchoring benchmark's workload, shared by the native runner
//! (`claimmark-anchor-bench`) and the wasm export used in Chromium
//! (feature `bench`): parse the generated targets, then open the text and
//! anchor every target, as the widget does when an article changed.
//!
//! Timing is the callers' job; this only does the work and reports where
//! each target landed so the runner can measure recall.

use serde::Serialize;

use claimmark_core::{anchor, Document, Placement, Target};

/// Where one target landed: `[start, end, kind]`, kind 0 anchored,
/// 1 fuzzy, 2 ambiguous, 3 orphan (spans 0 when unplaced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Landing(pub [usize; 3]);

/// Parses a JSON array of W3C targets (`{quote: {exact, prefix, suffix},
/// position: {start, end}}`).
pub fn parse_targets(json: &str) -> Result<Vec<Target>, serde_json::Error> {
    serde_json::from_str(json)
}

/// Opens `text` afresh (so the index is built inside the measurement) and
/// anchors every target.
pub fn anchor_all(text: &str, targets: &[Target]) -> Vec<Landing> {
    anchor_each(&Document::from_plain_text(text, None), targets)
}

/// Anchors every target on an already opened document.
pub fn anchor_each(document: &Document, targets: &[Target]) -> Vec<Landing> {
    targets
        .iter()
        .map(|target| landing(anchor(document, target)))
        .collect()
}

fn landing(placement: Placement) -> Landing {
    match placement {
        Placement::Anchored(span) => Landing([span.start(), span.end(), 0]),
        Placement::Fuzzy { span, .. } => Landing([span.start(), span.end(), 1]),
        Placement::Ambiguous { .. } => Landing([0, 0, 2]),
        Placement::Orphan => Landing([0, 0, 3]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_land() {
        let json = r#"[{"quote":{"exact":"brown fox","prefix":"quick ","suffix":" jumps"},"position":{"start":0,"end":0}},
                       {"quote":{"exact":"purple cow","prefix":"","suffix":""},"position":{"start":0,"end":0}}]"#;
        let targets = parse_targets(json).unwrap();
        let landed = anchor_all("The quick brown fox jumps.", &targets);
        assert_eq!(landed, vec![Landing([10, 19, 0]), Landing([0, 0, 3])]);
        assert!(parse_targets("{").is_err());
    }
}
