//! Between the DOM and document offsets: the one place that reads a
//! `Selection`, a `Range` boundary or a clicked element and turns it into
//! code points of the document, and that puts a span of code points back
//! into the page's selection ([`select_span`], [`SelectionPlace`]).
//!
//! Every run of article text is rendered inside an element carrying
//! `data-s` and `data-e` (its span in code points); a boundary inside a
//! text node converts its UTF-16 offset with
//! [`claimmark_core::text::offsets::utf16_to_char`], and back with
//! [`claimmark_core::text::offsets::char_to_utf16`]. Boundaries outside the
//! article clamp to its first or last run. Anything unexpected gives
//! `None`, never a panic: DOM selections are untrusted input.
//!
//! Not here: what a selection becomes (the pending selection,
//! [`crate::hooks::selection`]; a claim, [`crate::hooks::claims`]).

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, NodeList, Range, Selection};

use claimmark_core::text::offsets::{char_to_utf16, utf16_to_char, CharOffset, Utf16Offset};
use claimmark_core::Span;

/// Attribute holding a text run's first code point.
pub const START_ATTR: &str = "data-s";
/// Attribute holding a text run's end (exclusive).
pub const END_ATTR: &str = "data-e";
pub use claimmark_ui::dom::{claims_at, ID_ATTR};

/// A non-empty selection inside `article`, as a span and the rectangle it
/// covers on screen (viewport coordinates: left, top, right, bottom).
pub struct SelectedSpan {
    /// The selected code points, not yet snapped.
    pub span: Span,
    /// Where it is on screen.
    pub rect: (f64, f64, f64, f64),
}

/// Reads the window's selection relative to `article`.
pub fn selected_span(article: &Element) -> Option<SelectedSpan> {
    let range = range_reaching(article)?;
    let start = boundary(
        article,
        &range.start_container().ok()?,
        range.start_offset().ok()?,
    )?;
    let end = boundary(
        article,
        &range.end_container().ok()?,
        range.end_offset().ok()?,
    )?;
    if start >= end {
        return None;
    }
    let rect = range.get_bounding_client_rect();
    Some(SelectedSpan {
        span: Span::new(start, end),
        rect: (rect.left(), rect.top(), rect.right(), rect.bottom()),
    })
}

/// Whether the window holds a non-empty selection that reaches into
/// `article` (what [`selected_span`] starts from).
pub fn selection_reaches(article: &Element) -> bool {
    range_reaching(article).is_some()
}

/// The first range of the window's selection, when it is not empty and
/// reaches into `article`.
fn range_reaching(article: &Element) -> Option<Range> {
    selection_reaching(article).map(|(_, range)| range)
}

/// The window's selection and its first range, when it is not empty and
/// reaches into `article`.
fn selection_reaching(article: &Element) -> Option<(Selection, Range)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    range
        .intersects_node(article)
        .unwrap_or(false)
        .then_some((selection, range))
}

/// Selects `span` of the article in the page (the reading cursor, or a
/// selection put back); false when its ends are not in the article's runs.
pub fn select_span(article: &Element, span: Span) -> bool {
    select_between(article, span.start(), span.end())
}

/// Selects from code point `anchor` to `focus` (either order: a selection
/// made backwards stays backwards); false when either is not in a run.
fn select_between(article: &Element, anchor: usize, focus: usize) -> bool {
    let backwards = focus < anchor;
    let (low, high) = if backwards {
        (focus, anchor)
    } else {
        (anchor, focus)
    };
    let Ok(runs) = article.query_selector_all(&format!("[{START_ATTR}]")) else {
        return false;
    };
    let (Some(low), Some(high)) = (dom_point(&runs, low, false), dom_point(&runs, high, true))
    else {
        return false;
    };
    let (anchor, focus) = if backwards { (high, low) } else { (low, high) };
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
        return false;
    };
    selection
        .set_base_and_extent(&anchor.0, anchor.1, &focus.0, focus.1)
        .is_ok()
}

/// Where the window's selection was, with its ends as nodes and as code
/// points: read before a render that may replace the text nodes under it,
/// and put back on the same code points if it did ([`Self::keep`]).
pub struct SelectionPlace {
    anchor: (Node, u32),
    focus: (Node, u32),
    anchor_at: usize,
    focus_at: usize,
}

impl SelectionPlace {
    /// The window's selection, when it is not empty and reaches `article`.
    pub fn read(article: &Element) -> Option<Self> {
        let (selection, _) = selection_reaching(article)?;
        let anchor = (selection.anchor_node()?, selection.anchor_offset());
        let focus = (selection.focus_node()?, selection.focus_offset());
        Some(Self {
            anchor_at: boundary(article, &anchor.0, anchor.1)?,
            focus_at: boundary(article, &focus.0, focus.1)?,
            anchor,
            focus,
        })
    }

    /// Puts the selection back on its code points when it has moved off its
    /// nodes or offsets (they were replaced or edited).
    pub fn keep(&self, article: &Element) {
        let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten())
        else {
            return;
        };
        let stays = |node: Option<Node>, offset: u32, (was, was_offset): &(Node, u32)| {
            node.as_ref() == Some(was) && offset == *was_offset && was.is_connected()
        };
        if stays(
            selection.anchor_node(),
            selection.anchor_offset(),
            &self.anchor,
        ) && stays(
            selection.focus_node(),
            selection.focus_offset(),
            &self.focus,
        ) {
            return;
        }
        select_between(article, self.anchor_at, self.focus_at);
    }
}

/// The text node and UTF-16 offset of code point `at` among the article's
/// `runs` (in document order, so found by bisection); `at_end` picks the
/// run that ends there rather than the one that starts there.
fn dom_point(runs: &NodeList, at: usize, at_end: bool) -> Option<(Node, u32)> {
    let run_at = |index: u32| -> Option<(Element, usize, usize)> {
        let run: Element = runs.item(index)?.dyn_into().ok()?;
        let start = attr_offset(&run, START_ATTR)?;
        let end = attr_offset(&run, END_ATTR)?;
        Some((run, start, end))
    };
    // The first run that starts after `at` (at or after, for an end).
    let (mut low, mut high) = (0, runs.length());
    while low < high {
        let middle = low + (high - low) / 2;
        let (_, start, _) = run_at(middle)?;
        let before = if at_end { start < at } else { start <= at };
        if before {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    let (run, start, end) = run_at(low.checked_sub(1)?)?;
    let inside = if at_end { at <= end } else { at < end };
    if !inside {
        return None;
    }
    let text = run.first_child()?;
    let content = text.text_content().unwrap_or_default();
    let offset = char_to_utf16(&content, CharOffset(at - start)).0;
    Some((text, u32::try_from(offset).ok()?))
}

/// Empties the window's selection.
pub fn clear_selection() {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.remove_all_ranges();
    }
}

/// The document offset of a range boundary (`node`, `offset`).
fn boundary(article: &Element, node: &Node, offset: u32) -> Option<usize> {
    if !article.contains(Some(node)) {
        let position = article.compare_document_position(node);
        return if position & Node::DOCUMENT_POSITION_PRECEDING != 0 {
            first_run_start(article)
        } else {
            last_run_end(article)
        };
    }
    if node.node_type() == Node::TEXT_NODE {
        let run = node
            .parent_element()?
            .closest(&format!("[{START_ATTR}]"))
            .ok()??;
        let start = attr_offset(&run, START_ATTR)?;
        let text = node.text_content().unwrap_or_default();
        let inside = utf16_to_char(&text, Utf16Offset(offset as usize));
        return Some(start + inside.0);
    }
    let element: &Element = node.dyn_ref()?;
    if let Some(start) = attr_offset(element, START_ATTR) {
        // Inside a run element but not in its text: before or after the text.
        return if offset == 0 {
            Some(start)
        } else {
            attr_offset(element, END_ATTR)
        };
    }
    let children = node.child_nodes();
    let mut index = offset;
    while let Some(child) = children.item(index) {
        if let Some(start) = first_run_in(&child).and_then(|run| attr_offset(&run, START_ATTR)) {
            return Some(start);
        }
        index += 1;
    }
    // After the last child: the end of the last run before this point.
    let mut index = offset;
    while index > 0 {
        index -= 1;
        if let Some(end) = children
            .item(index)
            .and_then(|child| last_run_in(&child))
            .and_then(|run| attr_offset(&run, END_ATTR))
        {
            return Some(end);
        }
    }
    None
}

fn first_run_in(node: &Node) -> Option<Element> {
    let element: &Element = node.dyn_ref()?;
    if element.has_attribute(START_ATTR) {
        return Some(element.clone());
    }
    element.query_selector(&format!("[{START_ATTR}]")).ok()?
}

fn last_run_in(node: &Node) -> Option<Element> {
    let element: &Element = node.dyn_ref()?;
    if element.has_attribute(START_ATTR) {
        return Some(element.clone());
    }
    let all = element
        .query_selector_all(&format!("[{START_ATTR}]"))
        .ok()?;
    all.item(all.length().checked_sub(1)?)?.dyn_into().ok()
}

fn first_run_start(article: &Element) -> Option<usize> {
    first_run_in(article).and_then(|run| attr_offset(&run, START_ATTR))
}

fn last_run_end(article: &Element) -> Option<usize> {
    last_run_in(article).and_then(|run| attr_offset(&run, END_ATTR))
}

fn attr_offset(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}
