//! The claims panel: every claim in document order (quote, certainty, the
//! start of its note, how many sources), filtered by the legend's chips
//! and by a search over quotes and notes. Choosing an entry scrolls to its
//! highlight and focuses it (the root does that through `on_pick`). A long
//! investigation has thousands of claims: the panel lists the first
//! [`PANEL_PAGE`] that match and a button shows more, so the page never
//! lays out ten thousand entries nobody scrolls through (search narrows).
//! Each entry is its own component compared by the claim's pointer, so a
//! change to one claim re-renders that entry, not the page of them.
//!
//! Also here: [`PrintClaims`], the numbered list of claims that only the
//! print stylesheet shows, and [`history_view`], a claim's certainty
//! history as the card shows it.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use claimmark_core::model::certainty_change::CertaintyChange;
use claimmark_core::text::excerpt::first_words;
use claimmark_core::view::document_order::{in_document_order, reordered};
use claimmark_core::{AnnotationId, Certainty, Claim, Placement, Timestamp};

/// Words of a quote shown per entry.
const QUOTE_WORDS: usize = 14;
/// Words of a note shown per entry.
const NOTE_WORDS: usize = 10;
/// Entries listed at first, and added by each "Show more".
pub const PANEL_PAGE: usize = 100;

/// Props of [`ClaimPanel`].
#[derive(Properties, PartialEq)]
pub struct ClaimPanelProps {
    /// Certainties filtered out, in [`Certainty::ALL`] order.
    pub hidden: [bool; 3],
    /// Every claim, in document order.
    pub ordered: Ordered,
    /// Scroll to and focus a claim.
    pub on_pick: Callback<AnnotationId>,
}

/// Claims in document order, sorted once per revision and shared: props
/// holding it compare by pointer.
#[derive(Clone, Default)]
pub struct Ordered(pub Rc<Vec<Rc<Claim>>>);

impl PartialEq for Ordered {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Ordered {
    /// `claims` in document order ([`in_document_order`]).
    pub fn of(claims: &[Rc<Claim>]) -> Self {
        Ordered(Rc::new(in_document_order(claims)))
    }

    /// `claims` in document order, worked out from this order of
    /// `earlier` ([`reordered`]: patched when a change touched a claim or
    /// added one).
    pub fn after(&self, earlier: &[Rc<Claim>], claims: &[Rc<Claim>]) -> Self {
        Ordered(Rc::new(reordered(earlier, &self.0, claims)))
    }
}

/// True when `query` (already lower-cased) is in the claim's quote or note.
fn matches(claim: &Claim, query: &str) -> bool {
    query.is_empty()
        || claim
            .annotation
            .target
            .quote
            .exact
            .to_lowercase()
            .contains(query)
        || claim.annotation.note.to_lowercase().contains(query)
}

fn is_hidden(hidden: [bool; 3], certainty: Certainty) -> bool {
    Certainty::ALL
        .iter()
        .zip(hidden)
        .any(|(c, off)| off && *c == certainty)
}

/// The side panel listing the claims.
#[component]
pub fn ClaimPanel(props: &ClaimPanelProps) -> Html {
    let title_id = crate::embed::use_unique_id("cm-panel-title");
    let query = use_state_eq(String::new);
    let limit = use_state_eq(|| PANEL_PAGE);
    let needle = query.trim().to_lowercase();
    let all = &props.ordered.0;
    let shown: Vec<&Rc<Claim>> = all
        .iter()
        .filter(|c| !is_hidden(props.hidden, c.annotation.certainty) && matches(c, &needle))
        .collect();
    let on_search = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let listed = shown.len().min(*limit);
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PANEL_PAGE))
    };
    let count = if listed < shown.len() {
        format!(
            "{} of {} claims shown, the first {listed} listed",
            shown.len(),
            all.len()
        )
    } else {
        format!("{} of {} claims shown", shown.len(), all.len())
    };
    html! {
        <aside class="cm-panel" aria-labelledby={title_id.clone()}>
            <h2 class="cm-panel-title" id={title_id}>{ "Claims" }</h2>
            <label class="cm-field">
                <span>{ "Search quotes and notes" }</span>
                <input type="search" class="cm-panel-search" value={(*query).clone()} oninput={on_search} />
            </label>
            <p class="cm-panel-count cm-muted" role="status">
                { count }
            </p>
            <ol class="cm-panel-list">
                { for shown.iter().take(listed).map(|claim| html! {
                    <PanelEntry key={claim.annotation.id.to_string()} claim={Rc::clone(claim)} on_pick={props.on_pick.clone()} />
                }) }
            </ol>
            if listed < shown.len() {
                <button type="button" class="cm-button cm-panel-more" onclick={more}>
                    { format!("Show {} more", (shown.len() - listed).min(PANEL_PAGE)) }
                </button>
            }
        </aside>
    }
}

/// Props of [`PanelEntry`].
#[derive(Properties)]
struct PanelEntryProps {
    /// The claim listed.
    claim: Rc<Claim>,
    /// Scroll to and focus it.
    on_pick: Callback<AnnotationId>,
}

/// By pointer: a claim that did not change is the same `Rc` in the next
/// state, so a change to one claim re-renders one entry, not the page of
/// them.
impl PartialEq for PanelEntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.claim, &other.claim) && self.on_pick == other.on_pick
    }
}

/// One entry of the list: certainty, the quote's first words, the note's,
/// how many sources; a button that picks the claim.
#[component]
fn PanelEntry(props: &PanelEntryProps) -> Html {
    let claim = &props.claim;
    let annotation = &claim.annotation;
    let id = annotation.id;
    let certainty = annotation.certainty;
    let sources = match annotation.sources.len() {
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    let orphan = claim.placement == Placement::Orphan;
    let onclick = props.on_pick.reform(move |_: MouseEvent| id);
    html! {
        <li>
            <button type="button" class="cm-panel-item" data-annotation-id={id.to_string()}
                data-certainty={certainty.key()} disabled={orphan} {onclick}>
                <span class="cm-panel-certainty">
                    <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                    { certainty.label() }
                    if orphan { { " (not found in the text)" } }
                </span>
                <q class="cm-panel-quote" dir="auto">{ first_words(&annotation.target.quote.exact, QUOTE_WORDS) }</q>
                if !annotation.note.is_empty() {
                    <span class="cm-panel-note" dir="auto">{ first_words(&annotation.note, NOTE_WORDS) }</span>
                }
                <span class="cm-panel-sources">{ sources }</span>
            </button>
        </li>
    }
}

/// Props of [`PrintClaims`].
#[derive(Properties, PartialEq)]
pub struct PrintClaimsProps {
    /// Every claim in document order (the panel's order, shared).
    pub ordered: Ordered,
}

/// The numbered list of claims for print (hidden on screen).
#[component]
pub fn PrintClaims(props: &PrintClaimsProps) -> Html {
    let claims = &props.ordered.0;
    html! {
        <section class="cm-print-claims" aria-hidden="true">
            <h2>{ "Claims" }</h2>
            <ol>
                { for claims.iter().map(|claim| {
                    let annotation = &claim.annotation;
                    html! {
                        <li key={annotation.id.to_string()} data-certainty={annotation.certainty.key()}>
                            <strong>{ format!("{} {}", annotation.certainty.symbol(), annotation.certainty.label()) }</strong>
                            { ": " }<q dir="auto">{ annotation.target.quote.exact.clone() }</q>
                            if !annotation.note.is_empty() {
                                <p class="cm-print-note" dir="auto">{ format!("Note: {}", annotation.note) }</p>
                            }
                            if !annotation.sources.is_empty() {
                                <ul class="cm-print-sources">
                                    { for annotation.sources.iter().map(|url| html! { <li>{ url.as_str().to_owned() }</li> }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// A time as "2026-02-25 10:00 UTC".
pub fn short_time(at: Timestamp) -> String {
    let full = at.to_rfc3339();
    let date = full.get(..10).unwrap_or(&full);
    let clock = full.get(11..16).unwrap_or_default();
    format!("{date} {clock} UTC")
}

/// A claim's certainty history, newest first, as a disclosure.
pub fn history_view(history: &[CertaintyChange]) -> Html {
    if history.is_empty() {
        return html! {};
    }
    html! {
        <details class="cm-history">
            <summary>{ format!("History ({})", history.len()) }</summary>
            <ol reversed=true>
                { for history.iter().rev().map(|change| html! {
                    <li>
                        { change.describe() }
                        { ", " }<time datetime={change.at.to_rfc3339()}>{ short_time(change.at) }</time>
                        if let Some(by) = &change.by { { format!(", by {by}") } }
                    </li>
                }) }
            </ol>
        </details>
    }
}
