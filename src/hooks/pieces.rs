//! Each block's pieces — claim segments and suggested sentences — for the
//! article's blocks: [`use_pieces`] recomputes them per revision through
//! the core's [`PiecesCache`], only for the blocks a change touches (the
//! others keep their `Rc`, which the blocks' props compare by pointer, so
//! a change re-renders only the blocks it touches), and cuts only the
//! blocks that show their marks ([`MarksShown`]). The cache starts afresh
//! with another document.
//!
//! Not here: the cutting ([`claimmark_core::view::suggested`],
//! [`claimmark_core::view::segments`]) and the blocks
//! ([`crate::components::article_blocks`]).

use std::rc::Rc;

use yew::prelude::*;

use claimmark_core::assistant::Suggestion;
use claimmark_core::view::suggested::{not_dismissed, Piece, PiecesCache};

use crate::hooks::document_order::Ordered;
use crate::hooks::marks::MarksShown;
use crate::hooks::suggestions::Suggestions;
use crate::store::{DocumentRef, StoreContext};

/// Each block's pieces, in block order (untouched blocks keep their `Rc`).
pub type Pieces = Rc<Vec<Rc<Vec<Piece>>>>;

/// The value `slot` keeps for `document`, made afresh by `fresh` when it
/// kept another document's (caches valid for one document).
pub fn for_document<'a, T>(
    slot: &'a mut (Option<DocumentRef>, T),
    document: &DocumentRef,
    fresh: impl FnOnce() -> T,
) -> &'a mut T {
    if slot.0.as_ref() != Some(document) {
        *slot = (Some(document.clone()), fresh());
    }
    &mut slot.1
}

/// The pieces of every block of the state's document: its claims (in
/// document order, `ordered`, the same revision as `state`) and the
/// suggestions shown that no claim overlaps (the cache leaves those out).
#[hook]
pub fn use_pieces(
    state: &StoreContext,
    ordered: &Ordered,
    suggestions: &Suggestions,
    marks: &MarksShown,
) -> Pieces {
    let document = DocumentRef(state.document.clone());
    let cache = use_mut_ref(|| (None::<DocumentRef>, PiecesCache::default()));
    let state = state.clone();
    let all = suggestions.all.clone();
    let on = document.clone();
    let ordered = ordered.clone();
    use_memo(
        (
            document,
            state.revision,
            suggestions.dismissed.clone(),
            suggestions.shown,
            suggestions.all.covered(),
            // Blocks that show their text alone are not cut.
            marks.clone(),
        ),
        move |(_, _, dismissed, showing, _, marks)| {
            let shown: Vec<&Suggestion> = if *showing {
                not_dismissed(&state.document, all.iter(), dismissed)
            } else {
                Vec::new()
            };
            let mut slot = cache.borrow_mut();
            let cache = for_document(&mut slot, &on, PiecesCache::default);
            let blocks = state.document.blocks();
            cache.pieces(&state.document, &ordered.0, &shown, |index| {
                blocks
                    .get(index)
                    .is_some_and(|block| marks.block(index, block))
            })
        },
    )
}
