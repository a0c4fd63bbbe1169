//! The reader's root component: the editor's read-mode widget without the
//! editor — `.claimmark[data-mode=read][data-theme][data-hide]`, the legend
//! bar, `article.cm-article` with the highlights, the orphaned claims and
//! the read-only card.
//!
//! What it does: a highlight hovered or focused shows its card (without
//! taking focus); a tap or Enter / Space shows it and moves focus in;
//! Escape or Close puts it away (Close hands focus back to the highlight,
//! whose focus then does not reopen it). Arrow keys, `j` / `k`, Home and
//! End move between claim stops (roving focus: one stop has
//! `tabindex=0`), skipping certainties the legend filters out.
//!
//! Not here: the claims' state and the page's handle ([`crate::handle`]),
//! the screen state's rules ([`crate::ui`]), the moves' rules
//! (claimmark-core's `view::roving`).

use std::rc::Rc;

use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use claimmark_core::view::roving::{hide_attr, step_stop, tab_stop, StopMove};
use claimmark_core::view::segments::{keyboard_stops, segments_by_block, Stop};
pub use claimmark_core::view::theme::Theme;
use claimmark_core::{Document, State};

use crate::article::ArticleBlocks;
use crate::dom::{claim_stop, focus_claim};
use crate::handle::Link;
use crate::ui::{OpenCard, ReaderUi, UiAction};
use claimmark_ui::dom::{claims_at, popup_position, ID_ATTR};
use claimmark_ui::{DocumentRef, Legend, OrphanList, ReadCard};

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The claims, shared with the page's handle.
    pub link: Link,
    /// Colours.
    #[prop_or_default]
    pub theme: Theme,
}

/// A state compared by pointer: what the memos are keyed on.
#[derive(Clone)]
struct Revision(Rc<State>);

impl PartialEq for Revision {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The card's verbs for one render.
#[derive(Clone)]
struct Cards {
    ui: UseReducerHandle<ReaderUi>,
    root: NodeRef,
    /// The claim whose card was just closed: the focus handed back to its
    /// highlight must not reopen it.
    just_closed: Rc<std::cell::RefCell<Option<String>>>,
}

impl Cards {
    /// Shows the card of the innermost claim under `target` (plain text
    /// puts it away).
    fn show_at(&self, target: &Element, take_focus: bool) {
        let at = popup_position(&self.root, &target.get_bounding_client_rect());
        let card = claims_at(target)
            .first()
            .map(|&id| OpenCard { id, at, take_focus });
        self.ui.dispatch(UiAction::Show(card));
    }

    /// Hover or focus on a highlight shows its card, not taking focus.
    fn hover(&self, target: Option<Element>) {
        let Some(mark) = target.and_then(|t| t.closest("mark.cm-claim").ok().flatten()) else {
            return;
        };
        let id = mark.get_attribute(ID_ATTR);
        if self
            .just_closed
            .borrow_mut()
            .take()
            .is_some_and(|closed| Some(closed) == id)
        {
            return;
        }
        let shown = self.ui.card.map(|open| open.id.to_string());
        if shown != id {
            self.show_at(&mark, false);
        }
    }

    /// Puts the card away and hands focus back to its claim's highlight.
    fn close(&self) {
        if let Some(open) = self.ui.card {
            *self.just_closed.borrow_mut() = Some(open.id.to_string());
            focus_claim(&self.root, open.id, false);
        }
        self.ui.dispatch(UiAction::Close);
    }
}

/// The move a key asks for among claims, if any.
fn stop_move(event: &KeyboardEvent) -> Option<StopMove> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    Some(match event.key().as_str() {
        "ArrowDown" | "ArrowRight" | "j" => StopMove::Next,
        "ArrowUp" | "ArrowLeft" | "k" => StopMove::Previous,
        "Home" => StopMove::First,
        "End" => StopMove::Last,
        _ => return None,
    })
}

/// The article's keys: Escape closes the card, moves between claims, and
/// Enter / Space opens the focused claim's card.
fn on_key(event: &KeyboardEvent, cards: &Cards, stops: &[Stop]) {
    let ui = &cards.ui;
    if event.key() == "Escape" && ui.card.is_some() {
        event.prevent_default();
        ui.dispatch(UiAction::Close);
        return;
    }
    let target = event.target_dyn_into::<Element>();
    if let Some(to) = stop_move(event) {
        let from = target.as_ref().and_then(claim_stop);
        if let Some(id) = step_stop(stops, from, to, ui.hidden) {
            event.prevent_default();
            ui.dispatch(UiAction::Focused(id));
            focus_claim(&cards.root, id, true);
        }
        return;
    }
    if matches!(event.key().as_str(), "Enter" | " ") {
        if let Some(target) = target.filter(|t| t.has_attribute(ID_ATTR)) {
            event.prevent_default();
            cards.show_at(&target, true);
        }
    }
}

/// The reader widget.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let state = {
        let link = props.link.clone();
        use_state(move || {
            link.state().unwrap_or_else(|| {
                Rc::new(State::new(Rc::new(Document::from_plain_text("", None))))
            })
        })
    };
    {
        let setter = state.setter();
        props
            .link
            .attach(Callback::from(move |next: Rc<State>| setter.set(next)));
    }
    let ui = use_reducer(ReaderUi::default);
    let (root, article) = (use_node_ref(), use_node_ref());
    let just_closed = use_mut_ref(|| None::<String>);
    let revision = Revision((*state).clone());
    let segments = use_memo(revision.clone(), |r| {
        Rc::new(
            segments_by_block(&r.0.document, &r.0.claims)
                .into_iter()
                .map(Rc::new)
                .collect::<Vec<_>>(),
        )
    });
    let stops = use_memo(revision, |r| keyboard_stops(&r.0.claims));
    let stop = tab_stop(&stops, ui.current, ui.hidden);
    let cards = Cards {
        ui: ui.clone(),
        root: root.clone(),
        just_closed,
    };

    let on_click = {
        let cards = cards.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(target) = event.target_dyn_into::<Element>() {
                cards.show_at(&target, true);
            }
        })
    };
    let on_hover = {
        let cards = cards.clone();
        Callback::from(move |event: MouseEvent| cards.hover(event.target_dyn_into()))
    };
    let on_focusin = {
        let cards = cards.clone();
        Callback::from(move |event: FocusEvent| {
            let target = event.target_dyn_into::<Element>();
            if let Some(id) = target.as_ref().and_then(claim_stop) {
                cards.ui.dispatch(UiAction::Focused(id));
            }
            cards.hover(target);
        })
    };
    let on_keydown = {
        let (cards, stops) = (cards.clone(), stops.clone());
        Callback::from(move |event: KeyboardEvent| on_key(&event, &cards, &stops))
    };
    let on_close = {
        let cards = cards.clone();
        Callback::from(move |()| cards.close())
    };
    let on_filter = {
        let ui = ui.clone();
        Callback::from(move |certainty| ui.dispatch(UiAction::ToggleFilter(certainty)))
    };
    let orphans: Vec<_> = state.orphans().cloned().collect();
    let card = ui
        .card
        .and_then(|open| Some((open, state.shared_claim(open.id)?.clone())));
    html! {
        <div class="claimmark" data-mode="read" ref={root} data-theme={props.theme.key()}
            data-hide={hide_attr(ui.hidden)}>
            <header class="cm-bar">
                <Legend counts={state.counts()} hidden={ui.hidden} on_toggle={on_filter} />
            </header>
            <div class="cm-workspace">
                <article class="cm-article" ref={article} onclick={on_click} onkeydown={on_keydown}
                    onmouseover={on_hover} onfocusin={on_focusin}>
                    <ArticleBlocks document={DocumentRef(state.document.clone())} segments={(*segments).clone()} {stop} />
                </article>
            </div>
            <OrphanList {orphans} />
            if let Some((open, claim)) = card {
                <ReadCard {claim} at={open.at} take_focus={open.take_focus} {on_close} />
            }
        </div>
    }
}
