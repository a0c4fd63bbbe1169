//! wasm exports for the anchoring benchmark in Chromium (this crate's cdylib,
//! never in the widget's build): the page parses the targets once, then
//! times [`AnchorBench::exact`] and friends with `performance.now()`.

use wasm_bindgen::prelude::*;

use crate::anchor_bench::{anchor_all, anchor_each, parse_targets, Landing};
use claimmark_core::{Document, Target};

/// One workload: the changed text and three sets of targets.
#[wasm_bindgen]
pub struct AnchorBench {
    text: String,
    exact: Vec<Target>,
    fuzzy: Vec<Target>,
    orphan: Vec<Target>,
    document: Option<Document>,
}

#[wasm_bindgen]
impl AnchorBench {
    /// Parses the workload (not timed).
    #[wasm_bindgen(constructor)]
    pub fn new(
        text: String,
        exact: &str,
        fuzzy: &str,
        orphan: &str,
    ) -> Result<AnchorBench, JsError> {
        Ok(AnchorBench {
            text,
            exact: parse_targets(exact)?,
            fuzzy: parse_targets(fuzzy)?,
            orphan: parse_targets(orphan)?,
            document: None,
        })
    }

    /// Opens the text afresh and anchors the exact quotes: the index build
    /// is included. Returns the landings as JSON.
    pub fn exact(&self) -> String {
        to_json(&anchor_all(&self.text, &self.exact))
    }

    /// Opens and indexes the text for the next two calls.
    pub fn prepare(&mut self) {
        let document = Document::from_plain_text(&self.text, None);
        let _ = document.search_text();
        self.document = Some(document);
    }

    /// Anchors the edited quotes on the prepared document.
    pub fn fuzzy(&self) -> String {
        self.each(&self.fuzzy)
    }

    /// Anchors the quotes that are nowhere in the text.
    pub fn orphan(&self) -> String {
        self.each(&self.orphan)
    }

    fn each(&self, targets: &[Target]) -> String {
        match &self.document {
            Some(document) => to_json(&anchor_each(document, targets)),
            None => "[]".to_owned(),
        }
    }
}

fn to_json(landings: &[Landing]) -> String {
    serde_json::to_string(landings).unwrap_or_else(|_| "[]".to_owned())
}

/// The certainty assistant on one opened text, for timing suggestions.
#[wasm_bindgen]
pub struct SuggestBench {
    document: Document,
}

#[wasm_bindgen]
impl SuggestBench {
    /// Opens `text` (not timed).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> SuggestBench {
        SuggestBench {
            document: Document::from_plain_text(text, None),
        }
    }

    /// Suggests claims for the whole text; returns how many.
    pub fn run(&self) -> usize {
        claimmark_core::assistant::suggest(
            &self.document,
            claimmark_core::assistant::Lexicon::english_shared(),
        )
        .len()
    }
}
