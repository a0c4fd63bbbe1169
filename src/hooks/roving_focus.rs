//! Roving focus among the claims: the widget has one tab stop among its
//! claims ([`TabStop`]: the claim last focused, picked or created while it
//! is shown, else the first shown), and focus moves between claims with
//! the keyboard, the panel and after a creation or deletion.
//! [`use_roving_focus`] works the stop out each render and, after the
//! render a focus request ([`crate::ui_state::FocusRequest`]) appeared in,
//! focuses its claim (once its block shows its marks) or the article.
//!
//! Not here: which key means what ([`crate::keyboard`]) and the state it
//! keeps (`current`, `focus`: [`crate::ui_state::UiState`]).

use web_sys::Element;
use yew::prelude::*;

use claimmark_core::view::segments::keyboard_stops;
use claimmark_core::{AnnotationId, Span, State};

use crate::hooks::document_order::Ordered;
use crate::hooks::ui::Ui;
use crate::keyboard::{claim_stop, focus_claim, step_stop, ArticleKey};
use crate::store::Store;
use crate::ui_state::{FocusTarget, UiAction, UiState};

/// The claim that is the widget's one tab stop among claims, and the code
/// point where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TabStop(pub Option<(AnnotationId, usize)>);

impl TabStop {
    /// The tab-stop claim when it starts inside `block`.
    pub fn within(self, block: Span) -> Option<AnnotationId> {
        self.0
            .filter(|(_, start)| block.start() <= *start && *start < block.end())
            .map(|(id, _)| id)
    }
}

/// Roving focus for one render.
#[derive(Clone)]
pub struct RovingFocus {
    /// The claim that is the tab stop.
    pub stop: TabStop,
    /// Make a claim the tab stop, scroll to it and focus it: one picked in
    /// the panel. Made once, so the panel's entries, which compare it,
    /// re-render only for their own claim's changes.
    pub pick: Callback<AnnotationId>,
    ui: Ui,
    store: Store,
    ordered: Ordered,
}

impl RovingFocus {
    /// The claim that takes `id`'s place as the tab stop when it is
    /// deleted: the next shown claim in document order, else the previous
    /// (the order sorted once for this revision, not sorted again).
    pub fn neighbour_of(&self, id: AnnotationId) -> Option<AnnotationId> {
        let shown: Vec<AnnotationId> = self
            .ordered
            .0
            .iter()
            .filter(|c| c.placement.span().is_some() && !self.ui.is_hidden(c.annotation.certainty))
            .map(|c| c.annotation.id)
            .collect();
        let at = shown.iter().position(|c| *c == id)?;
        shown
            .get(at + 1)
            .or_else(|| at.checked_sub(1).and_then(|i| shown.get(i)))
            .copied()
    }

    /// Moves the stop as `key` (a step, first or last) says from the
    /// focused claim, among the claims the filter shows; its block shows
    /// its marks once it is the stop, and focus follows after that render.
    /// False when there is no claim to move to.
    pub fn step(&self, key: ArticleKey, focused: Option<AnnotationId>) -> bool {
        let stops = keyboard_stops(&self.store.state().claims);
        let Some(id) = step_stop(&stops, focused, key, self.ui.hidden) else {
            return false;
        };
        self.ui.dispatch(UiAction::FocusClaim(id));
        true
    }

    /// Focus moving inside the article: a claim's stop becomes the tab stop.
    pub fn on_focusin(&self) -> Callback<FocusEvent> {
        let ui = self.ui.clone();
        Callback::from(move |event: FocusEvent| {
            if let Some(id) = event
                .target_dyn_into::<Element>()
                .as_ref()
                .and_then(claim_stop)
            {
                ui.dispatch(UiAction::Focused(id));
            }
        })
    }
}

/// The tab stop, and focus moved where the last action asked once its
/// render is on screen.
#[hook]
pub fn use_roving_focus(
    ui: &Ui,
    store: &Store,
    ordered: &Ordered,
    root: &NodeRef,
    article: &NodeRef,
) -> RovingFocus {
    {
        let (root, article) = (root.clone(), article.clone());
        use_effect_with(ui.focus, move |request| match request.map(|r| r.target) {
            Some(FocusTarget::Claim(id)) => {
                if let Some(root) = root.cast::<Element>() {
                    focus_claim(&root, id);
                }
            }
            Some(FocusTarget::Article) => {
                if let Some(article) = article.cast::<web_sys::HtmlElement>() {
                    let _ = article.focus();
                }
            }
            None => {}
        });
    }
    let pick = {
        let dispatcher = ui.dispatcher();
        use_callback((), move |id: AnnotationId, ()| {
            dispatcher.dispatch(UiAction::FocusClaim(id));
        })
    };
    RovingFocus {
        stop: tab_stop(store.state(), ordered, ui),
        pick,
        ui: ui.clone(),
        store: store.clone(),
        ordered: ordered.clone(),
    }
}

/// The tab stop: the current claim (or the outer claim starting where it
/// does), else the first shown claim.
fn tab_stop(state: &State, ordered: &Ordered, ui: &UiState) -> TabStop {
    let shown = |id: AnnotationId| {
        state
            .claim(id)
            .is_some_and(|c| c.placement.span().is_some() && !ui.is_hidden(c.annotation.certainty))
    };
    let stop = ui
        .current
        .filter(|id| shown(*id))
        .and_then(|id| state.claim(id)?.placement.span())
        .or_else(|| {
            ordered
                .0
                .iter()
                .find(|c| shown(c.annotation.id))
                .and_then(|c| c.placement.span())
        })
        .and_then(|span| {
            ordered
                .0
                .iter()
                .find(|c| c.placement.span().map(Span::start) == Some(span.start()))
                .map(|c| (c.annotation.id, span.start()))
        });
    TabStop(stop)
}
