//! The claim card, as verbs for the root: [`Card::show_at`] opens the card
//! of the innermost claim under a clicked, tapped or entered element (and
//! the popover of a suggestion there; plain text puts both away),
//! [`Card::close`] hands focus back to the claim, [`Card::on_select`] switches
//! to another claim over the same text. In read mode a highlight also shows
//! its card on hover and on focus ([`Card::on_hover`]); closing hands focus
//! back to the highlight, and that focus must not reopen the card just
//! closed.
//!
//! Not here: the card on screen (`card` in [`crate::ui_state::UiState`])
//! and the card itself ([`crate::components::claim_card`],
//! [`crate::components::read_card`]).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use claimmark_core::AnnotationId;

use crate::dom_selection::{claims_at, selected_span};
use crate::hooks::ui::Ui;
use crate::ui_state::{Inspected, OpenCard, OpenSuggestion, UiAction};
use claimmark_ui::dom::popup_position;

/// The card verbs for one render.
#[derive(Clone)]
pub struct Card {
    ui: Ui,
    root: NodeRef,
    article: NodeRef,
    reading: bool,
    /// The claim whose card was just closed (read mode).
    just_closed: Rc<RefCell<Option<String>>>,
}

impl Card {
    /// The card on screen.
    pub fn open(&self) -> Option<OpenCard> {
        self.ui.card.clone()
    }

    /// Shows the card of the innermost claim under `target` and the popover
    /// of the suggestion around it; a target with neither puts them away.
    /// `take_focus`: focus moves into a read-mode card.
    pub fn show_at(&self, target: &Element, take_focus: bool) {
        let suggestion = target
            .closest(".cm-suggestion")
            .ok()
            .flatten()
            .and_then(|wrapper| {
                Some(OpenSuggestion {
                    id: wrapper.get_attribute("data-suggestion-id")?,
                    at: popup_position(&self.root, &wrapper.get_bounding_client_rect()),
                })
            });
        self.ui.dispatch(UiAction::Inspect(Inspected {
            claims: claims_at(target),
            at: popup_position(&self.root, &target.get_bounding_client_rect()),
            suggestion,
            take_focus,
        }));
    }

    /// What a click or Enter on `target` opens (read mode: focus moves in).
    pub fn show(&self, target: &Element) {
        self.show_at(target, self.reading);
    }

    /// The article's click: opens what is under it, unless a selection is
    /// being made.
    pub fn on_click(&self) -> Callback<MouseEvent> {
        let card = self.clone();
        Callback::from(move |event: MouseEvent| {
            let selecting = card
                .article
                .cast::<Element>()
                .is_some_and(|a| selected_span(&a).is_some());
            if let (false, Some(target)) = (selecting, event.target_dyn_into::<Element>()) {
                card.show(&target);
            }
        })
    }

    /// Read mode: a highlight hovered or focused shows its card (not the
    /// one just closed, whose highlight gets the focus back).
    pub fn on_hover(&self) -> Callback<Event> {
        let card = self.clone();
        Callback::from(move |event: Event| {
            let Some(mark) = event
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("mark.cm-claim").ok().flatten())
            else {
                return;
            };
            let id = mark.get_attribute("data-annotation-id");
            if card
                .just_closed
                .borrow_mut()
                .take()
                .is_some_and(|closed| Some(closed) == id)
            {
                return;
            }
            let shown = card.ui.card.as_ref().map(|open| open.id.to_string());
            if shown != id {
                card.show_at(&mark, false);
            }
        })
    }

    /// Puts the card away and hands focus back to its claim.
    pub fn close(&self) {
        if let Some(open) = &self.ui.card {
            *self.just_closed.borrow_mut() = Some(open.id.to_string());
            crate::dialog::focus_within(
                &self.root,
                &format!("mark[data-annotation-id=\"{}\"][tabindex]", open.id),
            );
        }
        self.ui.dispatch(UiAction::CloseCard);
    }

    /// Read mode's Escape from the highlight: puts the card away (it never
    /// took focus); false when no card was open.
    pub fn escape(&self) -> bool {
        if self.ui.card.is_none() {
            return false;
        }
        self.ui.dispatch(UiAction::CloseCard);
        true
    }

    /// [`Card::close`] as a callback.
    pub fn on_close(&self) -> Callback<()> {
        let card = self.clone();
        Callback::from(move |()| card.close())
    }

    /// Switches the card to claim `id`, as a callback.
    pub fn on_select(&self) -> Callback<AnnotationId> {
        self.ui.callback(UiAction::SelectCard)
    }
}

/// The card verbs (`reading`: read mode's card).
#[hook]
pub fn use_card(ui: &Ui, root: &NodeRef, article: &NodeRef, reading: bool) -> Card {
    let just_closed = use_mut_ref(|| None::<String>);
    Card {
        ui: ui.clone(),
        root: root.clone(),
        article: article.clone(),
        reading,
        just_closed,
    }
}
