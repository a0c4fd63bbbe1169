//! Which blocks of the article render their marks, and so need their
//! pieces cut ([`MarksShown`]): those near the viewport
//! ([`crate::hooks::nearby`]), all of them while printing
//! ([`crate::hooks::printing`]), and the one holding the keyboard's tab
//! stop, so moving to a claim anywhere lands on its mark.
//!
//! Not here: the blocks themselves ([`crate::components::article_blocks`]).

use yew::prelude::*;

use claimmark_core::Block;

use crate::hooks::nearby::{use_nearby_blocks, Nearby};
use crate::hooks::printing::use_printing;
use crate::hooks::roving_focus::TabStop;
use crate::store::DocumentRef;

/// Which blocks render their marks. Compared in constant time.
#[derive(Clone, PartialEq)]
pub struct MarksShown {
    /// The blocks near the viewport.
    pub nearby: Nearby,
    /// [`Nearby::version`] when taken, so that a block coming near counts
    /// as a change.
    pub version: u64,
    /// The page is being printed.
    pub printing: bool,
    /// The claim that is the tab stop, and where it starts.
    pub stop: TabStop,
}

impl MarksShown {
    /// True when block `index` renders its marks.
    pub fn block(&self, index: usize, block: &Block) -> bool {
        self.printing || self.nearby.shows(index) || self.stop.within(block.span).is_some()
    }
}

/// The blocks of `document` in `article` that show their marks, given the
/// tab stop.
#[hook]
pub fn use_marks_shown(article: &NodeRef, document: &DocumentRef, stop: TabStop) -> MarksShown {
    let nearby = use_nearby_blocks(article, document);
    MarksShown {
        version: nearby.version(),
        nearby,
        printing: use_printing(),
        stop,
    }
}
