//! Which blocks of the article show their marks. Building the marks of a
//! long investigation (a megabyte, ten thousand claims) costs seconds of DOM
//! work, and nobody sees most of them: blocks within the first
//! [`EAGER_CHARS`] of text show their marks at once; the others show their
//! text (the same runs, so selection, find-in-page and assistive technology
//! work) and get their marks when they come within [`NEAR_MARGIN`] of the
//! viewport (an `IntersectionObserver`); all of them while printing (the
//! root asks [`crate::ui::printing`]).
//! A block keeps its marks once shown. The block holding the keyboard's
//! claim stop always shows them (the root passes it), so moving to a claim
//! anywhere lands on its mark.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

use crate::domain::Document;
use crate::ui::store::DocumentRef;

/// Text, in code points from the top, whose blocks show their marks in
/// the first render (an article this short shows every mark at once).
pub const EAGER_CHARS: usize = 20_000;

/// How far from the viewport a block gets its marks: two screens above
/// and below, so scrolling finds them already there.
pub const NEAR_MARGIN: &str = "200% 0px 200% 0px";

/// The attribute carrying a block's index, read by the observer.
pub const BLOCK_ATTR: &str = "data-block";

/// The blocks that show their marks, for one document.
#[derive(Clone)]
pub struct Nearby(Rc<RefCell<Shown>>);

struct Shown {
    document: Option<DocumentRef>,
    blocks: Vec<bool>,
}

impl Nearby {
    /// True when block `index` shows its marks.
    pub fn shows(&self, index: usize) -> bool {
        self.0.borrow().blocks.get(index).copied().unwrap_or(true)
    }

    /// Starts afresh for `document` when it is another one.
    fn follow(&self, document: &DocumentRef) {
        let mut shown = self.0.borrow_mut();
        if shown.document.as_ref() != Some(document) {
            shown.blocks = eager_blocks(&document.0);
            shown.document = Some(document.clone());
        }
    }

    /// Marks `index` shown; true when it was not.
    fn show(&self, index: usize) -> bool {
        let mut shown = self.0.borrow_mut();
        match shown.blocks.get_mut(index) {
            Some(slot) if !*slot => {
                *slot = true;
                true
            }
            _ => false,
        }
    }

    /// Marks every block shown; true when some was not.
    fn show_all(&self) -> bool {
        let mut shown = self.0.borrow_mut();
        let changed = shown.blocks.iter().any(|b| !b);
        shown.blocks.iter_mut().for_each(|b| *b = true);
        changed
    }
}

/// Blocks that start within the first [`EAGER_CHARS`] code points.
fn eager_blocks(document: &Document) -> Vec<bool> {
    document
        .blocks()
        .iter()
        .map(|block| block.span.start() < EAGER_CHARS)
        .collect()
}

/// The blocks of `article` (elements with [`BLOCK_ATTR`]) that show their
/// marks; re-renders the calling component when more come near.
#[hook]
pub fn use_nearby_blocks(article: &NodeRef, document: &DocumentRef) -> Nearby {
    let nearby = use_memo((), |()| {
        Nearby(Rc::new(RefCell::new(Shown {
            document: None,
            blocks: Vec::new(),
        })))
    });
    nearby.follow(document);
    let force = use_force_update();
    {
        let (nearby, article, force) = ((*nearby).clone(), article.clone(), force.clone());
        use_effect_with(document.clone(), move |_| {
            let observer = article
                .cast::<Element>()
                .and_then(|article| observe(&article, nearby, force));
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    (*nearby).clone()
}

type Observed = (
    IntersectionObserver,
    Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
);

/// Watches the blocks of `article` not yet shown; `None` without an
/// `IntersectionObserver` (then every block is shown).
fn observe(article: &Element, nearby: Nearby, force: UseForceUpdateHandle) -> Option<Observed> {
    let on_change = {
        let nearby = nearby.clone();
        let force = force.clone();
        move |entries: js_sys::Array, observer: IntersectionObserver| {
            let mut changed = false;
            for entry in entries.iter() {
                let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                    continue;
                };
                if !entry.is_intersecting() {
                    continue;
                }
                let target = entry.target();
                observer.unobserve(&target);
                if let Some(index) = block_index(&target) {
                    changed |= nearby.show(index);
                }
            }
            if changed {
                force.force_update();
            }
        }
    };
    let callback = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(on_change);
    let options = IntersectionObserverInit::new();
    options.set_root_margin(NEAR_MARGIN);
    let Ok(observer) =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    else {
        if nearby.show_all() {
            force.force_update();
        }
        return None;
    };
    let blocks = article
        .query_selector_all(&format!("[{BLOCK_ATTR}]"))
        .ok()?;
    for i in 0..blocks.length() {
        let Some(block) = blocks.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if block_index(&block).is_some_and(|index| !nearby.shows(index)) {
            observer.observe(&block);
        }
    }
    Some((observer, callback))
}

fn block_index(element: &Element) -> Option<usize> {
    element.get_attribute(BLOCK_ATTR)?.parse().ok()
}
