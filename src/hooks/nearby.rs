//! Which blocks of the article show their marks. Building the marks of a
//! long investigation (a megabyte, ten thousand claims) costs seconds of DOM
//! work, and nobody sees most of them: blocks within the first
//! [`EAGER_CHARS`] of text show their marks at once; the others show their
//! text (the same runs, so selection, find-in-page and assistive technology
//! work) and get their marks when they come within [`NEAR_SCREENS`] of the
//! viewport (a passive scroll listener, at most once a frame, finds them by
//! binary search over the boxes of the chunks of blocks
//! ([`crate::components::block_chunk`]), a chunk at a time: an
//! `IntersectionObserver` on thousands of blocks costs milliseconds every
//! frame); all of them while
//! printing ([`crate::hooks::marks`] asks [`crate::hooks::printing`]).
//! Blocks whose chunk is more than [`KEEP_SCREENS`] from the viewport give
//! their marks back: a fact-checker who works through a long article would
//! otherwise end with every mark of it in the page, and every frame after a
//! change paid for them (the gap between the two distances keeps a block
//! from switching at every scroll). The block holding the keyboard's
//! claim stop always shows them ([`crate::hooks::marks`] adds it), so moving to a claim
//! anywhere lands on its mark.
//!
//! Not here: the other reasons a block shows its marks ([`crate::hooks::marks`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo_render::AnimationFrame;
use web_sys::Element;
use yew::prelude::*;

use crate::store::DocumentRef;
use claimmark_core::Document;

/// Text, in code points from the top, whose blocks show their marks in
/// the first render (an article this short shows every mark at once):
/// about what a wide desktop column holds in the viewport and the two
/// screens below it, the blocks the scroll watcher would ask for anyway.
/// (20,000 until the benchmark showed the second half cost 50-100 ms of
/// the first render of a long article, for marks nobody sees yet.)
pub const EAGER_CHARS: usize = 10_000;

/// How far from the viewport a block gets its marks, in screen heights
/// above and below, so scrolling finds them already there.
pub const NEAR_SCREENS: f64 = 2.0;

/// How far from the viewport a block that shows its marks keeps them, in
/// screen heights above and below; farther, it shows its text alone again.
pub const KEEP_SCREENS: f64 = 6.0;

/// The attribute carrying a block's index, read by the scroll watcher.
pub const BLOCK_ATTR: &str = "data-block";

/// The blocks that show their marks, for one document. Compared by
/// identity; [`Nearby::version`] tells when what it holds changed.
#[derive(Clone)]
pub struct Nearby(Rc<RefCell<Shown>>);

impl PartialEq for Nearby {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

struct Shown {
    document: Option<DocumentRef>,
    blocks: Vec<bool>,
    /// Grows whenever `blocks` changes, so props can tell (see [`Nearby::version`]).
    version: u64,
}

impl Nearby {
    /// True when block `index` shows its marks.
    pub fn shows(&self, index: usize) -> bool {
        self.0.borrow().blocks.get(index).copied().unwrap_or(true)
    }

    /// Changes whenever a block starts or stops showing its marks: components that
    /// take a [`Nearby`] compare this to know whether to render again.
    pub fn version(&self) -> u64 {
        self.0.borrow().version
    }

    /// Starts afresh for `document` when it is another one.
    fn follow(&self, document: &DocumentRef) {
        let mut shown = self.0.borrow_mut();
        if shown.document.as_ref() != Some(document) {
            shown.blocks = eager_blocks(&document.0);
            shown.document = Some(document.clone());
            shown.version += 1;
        }
    }

    /// Marks `index` shown; true when it was not.
    fn show(&self, index: usize) -> bool {
        let mut shown = self.0.borrow_mut();
        let newly = match shown.blocks.get_mut(index) {
            Some(slot) if !*slot => {
                *slot = true;
                true
            }
            _ => false,
        };
        if newly {
            shown.version += 1;
        }
        newly
    }

    /// Stops showing the marks of every block outside `kept`; true when
    /// one did.
    fn keep_only(&self, kept: std::ops::Range<usize>) -> bool {
        let mut shown = self.0.borrow_mut();
        let mut dropped = false;
        for (index, slot) in shown.blocks.iter_mut().enumerate() {
            if *slot && !kept.contains(&index) {
                *slot = false;
                dropped = true;
            }
        }
        if dropped {
            shown.version += 1;
        }
        dropped
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
            version: 0,
        })))
    });
    nearby.follow(document);
    let force = use_force_update();
    {
        let (nearby, article) = ((*nearby).clone(), article.clone());
        use_effect_with(document.clone(), move |_| {
            let watcher = Rc::new(Watcher {
                nearby,
                article,
                force,
                frame: RefCell::new(None),
                moved: Cell::new(false),
            });
            // Once for where the page opens, then on every scroll (of the
            // page or any container) and resize, at most once a frame.
            watcher.schedule();
            let listeners = web_sys::window().map(|window| {
                let on = |event: &'static str| {
                    let watcher = watcher.clone();
                    let options = EventListenerOptions {
                        phase: EventListenerPhase::Capture,
                        passive: true,
                    };
                    EventListener::new_with_options(&window, event, options, move |_| {
                        watcher.moved.set(true);
                        watcher.schedule();
                    })
                };
                [on("scroll"), on("resize")]
            });
            move || {
                drop(listeners);
                watcher.frame.borrow_mut().take();
            }
        });
    }
    (*nearby).clone()
}

/// Finds the blocks near the viewport, a frame at a time.
struct Watcher {
    nearby: Nearby,
    article: NodeRef,
    force: UseForceUpdateHandle,
    frame: RefCell<Option<AnimationFrame>>,
    /// Whether the page has scrolled or resized since it opened. Until it
    /// has, no block gives its marks back: on a small screen the first
    /// [`EAGER_CHARS`] reach past [`KEEP_SCREENS`], and taking those marks
    /// back one frame after building them would be work for nothing.
    moved: Cell<bool>,
}

impl Watcher {
    fn schedule(self: &Rc<Self>) {
        if self.frame.borrow().is_some() {
            return;
        }
        let watcher = Rc::clone(self);
        let frame = gloo_render::request_animation_frame(move |_| {
            watcher.frame.borrow_mut().take();
            watcher.update();
        });
        *self.frame.borrow_mut() = Some(frame);
    }

    /// Shows the blocks of the chunks within [`NEAR_SCREENS`] screens of
    /// the viewport, and hides the marks of those beyond [`KEEP_SCREENS`]:
    /// binary searches over the chunks' boxes, so a scroll costs a few
    /// reads whatever the article's length.
    fn update(&self) {
        let Some(article) = self.article.cast::<Element>() else {
            return;
        };
        let Some(height) = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
        else {
            return;
        };
        // The article's children are chunks of blocks: their boxes are
        // known without laying out the chunks skipped off screen (a block's
        // box inside one would force its layout).
        let chunks = article.children();
        let count = chunks.length();
        let rect = |i: u32| chunks.item(i).map(|c| c.get_bounding_client_rect());
        // The chunks within `screens` of the viewport: from the first one
        // ending below the top of that band to the first starting below
        // its bottom.
        let band = |screens: f64| {
            let (above, below) = (-screens * height, (1.0 + screens) * height);
            let first = partition(count, |i| rect(i).is_some_and(|r| r.bottom() <= above));
            let end = partition(count, |i| rect(i).is_some_and(|r| r.top() < below));
            (first, end.max(first))
        };
        let (first, end) = band(NEAR_SCREENS);
        let (keep_first, keep_end) = band(KEEP_SCREENS);
        let first_block = |chunk: u32| {
            chunks
                .item(chunk)
                .and_then(|c| c.first_element_child())
                .as_ref()
                .and_then(block_index)
                .unwrap_or(usize::MAX)
        };
        let mut changed = self.moved.get()
            && self
                .nearby
                .keep_only(first_block(keep_first)..first_block(keep_end));
        for i in first..end {
            let Some(chunk) = chunks.item(i) else {
                continue;
            };
            let blocks = chunk.children();
            for j in 0..blocks.length() {
                if let Some(index) = blocks.item(j).as_ref().and_then(block_index) {
                    changed |= self.nearby.show(index);
                }
            }
        }
        if changed {
            self.force.force_update();
        }
    }
}

/// The first index in `0..count` for which `before` is false (`before`
/// true for a prefix, as for sorted boxes).
fn partition(count: u32, before: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn block_index(element: &Element) -> Option<usize> {
    element.get_attribute(BLOCK_ATTR)?.parse().ok()
}
