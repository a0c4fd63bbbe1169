//! Prerendered read mode: the article as semantic HTML with its claims
//! already marked, for publishers' servers and build steps
//! (`claimmark render`). The page needs this fragment and
//! [`READ_STYLESHEET`] (`claimmark-read.css`) and **no script**: every claim
//! shows at first paint.
//!
//! The fragment follows the widget's DOM contract (ARCHITECTURE.md):
//! `mark.cm-claim[data-certainty][data-annotation-id][data-depth]`, nested
//! outer → inner, the legend `.cm-legend li[data-certainty] .cm-count`. What
//! script does in the widget, the browser does here:
//!
//! - each claim's start holds a `button.cm-open` showing its symbol
//!   (✓ ? ✗) with the accessible name "Unclear claim: …"; it opens the
//!   claim's card, a native `popover` (mouse, touch and keyboard: Tab to the
//!   button, Enter, Escape closes), whose Close button takes focus;
//! - the legend's chips are checkboxes; the stylesheet's `:has()` rules dim
//!   a certainty that is switched off and take its buttons out of the tab
//!   order;
//! - claims that no longer anchor are listed as orphans, never dropped.
//!
//! Everything that comes from the claims file or the article reaches the
//! HTML as escaped text (maud escapes every `(…)` splice); URLs are the
//! importer's checked http(s) [`crate::SourceUrl`]s.
//!
//! Not here: reading the claims (the importer in
//! [`crate::interchange::validate`]), anchoring ([`crate::model::anchor`]).

use std::rc::Rc;

use maud::{html, Markup};

use crate::interchange::{parse_import, ImportError, Rejection};
use crate::model::annotation::AnnotationId;
use crate::model::certainty::Certainty;
use crate::state::store::{Claim, State};
use crate::state::{reduce, Action};
use crate::text::document::{Block, BlockKind, Document};
use crate::view::segments::{segments_by_block, Layer, Segment};

/// The stylesheet that goes with a prerendered fragment
/// (`claimmark-read.css`): small, no web fonts, no images.
pub const READ_STYLESHEET: &str = include_str!("../../assets/claimmark-read.css");

/// The colour scheme a fragment is drawn in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RenderTheme {
    /// The reader's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl RenderTheme {
    /// The `data-theme` value.
    pub fn key(self) -> &'static str {
        match self {
            RenderTheme::Auto => "auto",
            RenderTheme::Light => "light",
            RenderTheme::Dark => "dark",
        }
    }
}

/// A rendered fragment and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prerendered {
    /// The HTML fragment (one `div.claimmark.cm-prerendered`).
    pub html: String,
    /// Claims marked in the article.
    pub placed: usize,
    /// Of those, claims found with edits (the article changed since).
    pub review: usize,
    /// Claims whose text is not in the article, listed after it.
    pub orphans: usize,
    /// Items of the claims file that were refused, with the reasons.
    pub rejected: Vec<Rejection>,
}

/// Renders `article` (plain text, as the widget reads it) with the claims
/// of `claims_json` (W3C Web Annotation JSON, checked by the same importer
/// as the widget's Import). Refused items are reported, not rendered; an
/// unreadable file is an error.
pub fn render(
    article: &str,
    claims_json: &str,
    theme: RenderTheme,
) -> Result<Prerendered, ImportError> {
    let document = Rc::new(Document::from_plain_text(article, None));
    let parsed = parse_import(claims_json, Some(&document))?;
    let state = reduce(
        Rc::new(State::new(document)),
        Action::Import {
            annotations: parsed.annotations,
        },
    );
    let mut rendered = render_state(&state, theme);
    rendered.rejected = parsed.rejected;
    Ok(rendered)
}

/// Renders the article and claims of `state`.
pub fn render_state(state: &State, theme: RenderTheme) -> Prerendered {
    let document = &state.document;
    let segments = segments_by_block(document, &state.claims);
    let orphans: Vec<&Claim> = state.orphans().map(Rc::as_ref).collect();
    let placed = state.claims.len() - orphans.len();
    let markup = html! {
        div class="claimmark cm-prerendered" data-mode="read" data-theme=(theme.key()) {
            div class="cm-bar" { (legend(state.counts())) }
            article class="cm-article" {
                @for (index, (block, pieces)) in document.blocks().iter().zip(&segments).enumerate() {
                    (block_html(document, index, block, pieces))
                }
            }
            @if !orphans.is_empty() { (orphan_list(&orphans)) }
            div class="cm-cards" {
                @for claim in state.claims.iter().filter(|c| c.placement.span().is_some()) {
                    (card(claim))
                }
            }
        }
    };
    Prerendered {
        // U+0000 is a parse error in HTML (dropped from text, U+FFFD in
        // attributes): written as U+FFFD, it shows where it was.
        html: markup.into_string().replace('\0', "\u{FFFD}"),
        placed,
        review: state.needing_review().count(),
        orphans: orphans.len(),
        rejected: Vec::new(),
    }
}

/// The key and the filter: one checkbox per certainty, with its count.
fn legend(counts: [usize; 3]) -> Markup {
    html! {
        ul class="cm-legend" aria-label="Claims by certainty" {
            @for (certainty, count) in Certainty::ALL.iter().zip(counts) {
                li data-certainty=(certainty.key()) {
                    label class="cm-chip" title={ "Show or hide " (certainty.label().to_lowercase()) " claims" } {
                        input type="checkbox" class="cm-filter" data-certainty=(certainty.key()) checked;
                        span class="cm-swatch" aria-hidden="true" { (certainty.symbol()) }
                        " "
                        span class="cm-legend-label" { (certainty.label()) }
                        " "
                        span class="cm-count" { (count) }
                    }
                }
            }
        }
    }
}

fn block_html(document: &Document, index: usize, block: &Block, pieces: &[Segment]) -> Markup {
    let runs = html! { @for segment in pieces { (segment_html(document, segment)) } };
    match block.kind {
        BlockKind::Dateline => html! {
            p class="cm-block cm-dateline" data-block=(index) {
                time datetime=(document.slice(block.span).unwrap_or_default()) { (runs) }
            }
        },
        BlockKind::Headline => html! {
            h2 class="cm-block cm-headline" dir="auto" data-block=(index) { (runs) }
        },
        BlockKind::Paragraph => html! {
            p class="cm-block cm-paragraph" dir="auto" data-block=(index) { (runs) }
        },
    }
}

/// A segment's text inside one `mark` per claim over it, outermost first;
/// a claim's first mark begins with its card button.
fn segment_html(document: &Document, segment: &Segment) -> Markup {
    let text = document.slice(segment.span).unwrap_or_default();
    let depth = segment.layers.len();
    let mut inner = html! { (text) };
    for (index, layer) in segment.layers.iter().enumerate().rev() {
        inner = mark(document, layer, depth - 1 - index, inner);
    }
    inner
}

fn mark(document: &Document, layer: &Layer, depth: usize, inner: Markup) -> Markup {
    let certainty = layer.certainty;
    let title = claim_title(certainty, layer.review);
    html! {
        mark class="cm-claim" data-certainty=(certainty.key()) data-annotation-id=(layer.id)
            data-depth=(depth.min(3)) data-starts=(layer.starts) data-ends=(layer.ends)
            data-review=[layer.review.then_some("true")] title=(title) {
            @if layer.starts {
                button type="button" class="cm-open" popovertarget=(card_id(layer.id))
                    aria-label={ (title) ": " (document.slice(layer.claim).unwrap_or_default()) } {
                    (certainty.symbol())
                }
            }
            (inner)
        }
    }
}

fn claim_title(certainty: Certainty, review: bool) -> String {
    if review {
        format!("{} claim, found with edits", certainty.label())
    } else {
        format!("{} claim", certainty.label())
    }
}

fn card_id(id: AnnotationId) -> String {
    format!("cm-card-{id}")
}

/// A claim's read-only card: certainty (symbol and word), quote, note,
/// sources; a native popover, closed by Escape, a click outside or Close.
fn card(claim: &Claim) -> Markup {
    let annotation = &claim.annotation;
    let id = card_id(annotation.id);
    let heading = format!("{id}-title");
    let certainty = annotation.certainty;
    html! {
        div class="cm-card cm-read-card" id=(id) popover role="dialog" aria-labelledby=(heading)
            data-annotation-id=(annotation.id) data-certainty=(certainty.key()) {
            h2 class="cm-card-title" id=(heading) {
                span class="cm-swatch" aria-hidden="true" { (certainty.symbol()) }
                " " (claim_title(certainty, claim.placement.needs_review()))
            }
            blockquote class="cm-quote" dir="auto" { (annotation.target.quote.exact) }
            @if !annotation.note.is_empty() {
                p class="cm-note" dir="auto" { (annotation.note) }
            }
            @if !annotation.sources.is_empty() {
                div class="cm-sources" {
                    h3 { "Sources" }
                    ul {
                        @for url in &annotation.sources {
                            li { a href=(url.as_str()) target="_blank" rel="noopener noreferrer" dir="auto" { (url.as_str()) } }
                        }
                    }
                }
            }
            div class="cm-card-actions" {
                button type="button" class="cm-button" popovertarget=(id) popovertargetaction="hide" autofocus { "Close" }
            }
        }
    }
}

/// Claims whose text is not in this version of the article: kept and
/// shown, with their certainty, quote and note.
fn orphan_list(orphans: &[&Claim]) -> Markup {
    html! {
        section class="cm-orphans" aria-label="Orphaned claims" {
            h2 { "Orphaned claims" }
            p { "These claims' text is no longer in the article. They are kept, not deleted." }
            ul {
                @for claim in orphans {
                    @let a = &claim.annotation;
                    li data-certainty=(a.certainty.key()) data-annotation-id=(a.id) {
                        span class="cm-swatch" aria-hidden="true" { (a.certainty.symbol()) }
                        " " strong { (a.certainty.label()) } ": "
                        q dir="auto" { (a.target.quote.exact) }
                        @if !a.note.is_empty() { p class="cm-note" dir="auto" { (a.note) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
