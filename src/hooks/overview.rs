//! The overview's numbers: [`use_sentence_overview`] cuts the article into
//! sentences once per document, after the frame that shows the article and
//! when the page is idle (a megabyte's take tens of milliseconds that the
//! first paint need not wait for), and counts them by certainty once per
//! revision. The reading cursor reuses the sentences.
//!
//! Not here: the counting ([`claimmark_core::view::reading_cursor`]) and
//! the bar ([`crate::components::overview`]).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::view::reading_cursor::{overview, sentences_of};
use claimmark_core::Span;

use crate::hooks::after_paint::use_after_paint;
use crate::hooks::document_order::Ordered;
use crate::store::DocumentRef;

/// The sentences and their counts, once cut.
pub struct SentenceOverview {
    /// Sentences: confirmed, unclear, unconfirmed, untagged; `None` until
    /// they are counted.
    pub counts: Option<[usize; 4]>,
    /// The article's sentences, once cut.
    pub sentences: Rc<Option<Vec<Span>>>,
}

/// The overview of `document`'s sentences by the certainty of the claims
/// over them (`ordered`, at `revision`).
#[hook]
pub fn use_sentence_overview(
    document: &DocumentRef,
    ordered: &Ordered,
    revision: u64,
) -> SentenceOverview {
    let counting = use_after_paint(document);
    let sentences = use_memo((document.clone(), counting), |(document, counting)| {
        counting.then(|| sentences_of(&document.0))
    });
    let counts = {
        // In document order, the claims need no sorting.
        let (ordered, sentences) = (ordered.clone(), sentences.clone());
        *use_memo((document.clone(), revision, counting), move |_| {
            sentences
                .as_ref()
                .as_ref()
                .map(|sentences| overview(sentences, &ordered.0))
        })
    };
    SentenceOverview { counts, sentences }
}
