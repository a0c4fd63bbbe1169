//! The reading cursor: creating a claim without a mouse. `n` / `p`, `w` /
//! `b`, `e` / `Shift+E` and `s` move a cursor over the article's sentences
//! and words; [`ReadingCursor::step`] makes it the page's real selection
//! (so the toolbar and keys 1-3 tag it as any selection) and reads it out.
//!
//! Not here: the sentences and word moves ([`claimmark_core::view::reading_cursor`])
//! and which key is which ([`crate::keyboard::article_key`]).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use claimmark_core::text::excerpt::first_words;
use claimmark_core::view::reading_cursor::{sentences_of, Move, Reading};
use claimmark_core::Span;

use crate::dom_selection::select_span;
use crate::hooks::announcer::Announcer;
use crate::store::DocumentRef;

/// Words of a cursor selection read out by the live region.
const ANNOUNCE_WORDS: usize = 20;

/// A value kept for one document.
type PerDocument<T> = Rc<RefCell<Option<(DocumentRef, T)>>>;

/// The reading cursor of one widget.
#[derive(Clone)]
pub struct ReadingCursor {
    document: DocumentRef,
    /// The overview's sentences, once cut (else cut on the first move).
    sentences: Rc<Option<Vec<Span>>>,
    article: NodeRef,
    announcer: Announcer,
    /// Where the cursor is.
    cursor: PerDocument<Span>,
    /// The sentences and words it moves over, made on the first move.
    reading: PerDocument<Rc<Reading>>,
}

impl ReadingCursor {
    /// Moves the cursor, selects what it covers and says so.
    pub fn step(&self, step: Move) {
        let Some(article) = self.article.cast::<Element>() else {
            return;
        };
        let document = &self.document;
        let reading = {
            let mut cache = self.reading.borrow_mut();
            match &*cache {
                Some((on, built)) if on == document => built.clone(),
                _ => {
                    // The overview's sentences, cut once per document.
                    let built = Rc::new(Reading::with_sentences(
                        &document.0,
                        match &*self.sentences {
                            Some(sentences) => sentences.clone(),
                            None => sentences_of(&document.0),
                        },
                    ));
                    *cache = Some((document.clone(), built.clone()));
                    built
                }
            }
        };
        let at = self
            .cursor
            .borrow()
            .as_ref()
            .filter(|(on, _)| on == document)
            .map(|(_, span)| *span);
        let Some(next) = reading.step(at, step) else {
            return;
        };
        *self.cursor.borrow_mut() = Some((document.clone(), next));
        if !select_span(&article, next) {
            return;
        }
        let text = document.0.slice(next).unwrap_or_default();
        self.announcer.say(&format!(
            "Selected: {}. Press 1, 2 or 3 to tag it.",
            first_words(text, ANNOUNCE_WORDS)
        ));
    }
}

/// The reading cursor over `document` in `article`.
#[hook]
pub fn use_reading_cursor(
    document: &DocumentRef,
    sentences: Rc<Option<Vec<Span>>>,
    article: &NodeRef,
    announcer: &Announcer,
) -> ReadingCursor {
    let cursor = use_mut_ref(|| None::<(DocumentRef, Span)>);
    let reading = use_mut_ref(|| None::<(DocumentRef, Rc<Reading>)>);
    ReadingCursor {
        document: document.clone(),
        sentences,
        article: article.clone(),
        announcer: announcer.clone(),
        cursor,
        reading,
    }
}
