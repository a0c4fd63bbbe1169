//! The reader's screen state: which certainties the legend filters out,
//! which claim's card is open (and where), and which claim is the tab stop
//! among claims. A pure reducer ([`ReaderUi`] + [`UiAction`]) that hands
//! back the same `Rc` when nothing changes, so Yew skips the render.
//!
//! Not here: the claims (claimmark-core's `State`, held by
//! [`crate::handle::Link`]) and what the filter means for the keyboard
//! (claimmark-core's `view::roving`).

use std::rc::Rc;

use yew::Reducible;

use claimmark_core::{AnnotationId, Certainty};

/// The open card: its claim (the innermost under what was hovered,
/// focused, tapped or entered), where it goes, and whether it takes focus
/// (Enter and taps do; hover and focus must not move the reader's focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenCard {
    /// The claim shown.
    pub id: AnnotationId,
    /// (left, top) inside the widget, in CSS pixels.
    pub at: (i32, i32),
    /// Focus moves into the card.
    pub take_focus: bool,
}

/// What the reader shows around the claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderUi {
    /// Certainties filtered out, in [`Certainty::ALL`] order.
    pub hidden: [bool; 3],
    /// The card on screen.
    pub card: Option<OpenCard>,
    /// The claim last focused or reached with the keys: the tab stop.
    pub current: Option<AnnotationId>,
}

/// A change to [`ReaderUi`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiAction {
    /// Show a claim's card (`None`: put it away, as a tap on plain text).
    Show(Option<OpenCard>),
    /// Put the card away.
    Close,
    /// A legend chip: show or hide a certainty.
    ToggleFilter(Certainty),
    /// A claim's stop has focus: it becomes the tab stop.
    Focused(AnnotationId),
}

impl ReaderUi {
    /// The state after `action`; `None` when nothing changes.
    pub fn apply(&self, action: UiAction) -> Option<ReaderUi> {
        let mut next = *self;
        match action {
            UiAction::Show(card) => next.card = card,
            UiAction::Close => next.card = None,
            UiAction::ToggleFilter(certainty) => {
                let slot = Certainty::ALL
                    .iter()
                    .position(|c| *c == certainty)
                    .and_then(|i| next.hidden.get_mut(i));
                if let Some(slot) = slot {
                    *slot = !*slot;
                }
                // A card of a claim now hidden goes too.
                next.card = None;
            }
            UiAction::Focused(id) => next.current = Some(id),
        }
        (next != *self).then_some(next)
    }
}

impl Reducible for ReaderUi {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_op_actions_change_nothing() {
        let id = AnnotationId::from_random_bytes([7; 16]);
        let ui = ReaderUi::default();
        assert_eq!(ui.apply(UiAction::Close), None);
        let focused = ui.apply(UiAction::Focused(id));
        assert_eq!(focused.map(|u| u.current), Some(Some(id)));
        let open = OpenCard {
            id,
            at: (1, 2),
            take_focus: false,
        };
        let shown = ui.apply(UiAction::Show(Some(open)));
        assert_eq!(shown.and_then(|u| u.card), Some(open));
        let filtered = shown.and_then(|u| u.apply(UiAction::ToggleFilter(Certainty::Unclear)));
        assert_eq!(
            filtered.map(|u| (u.hidden, u.card)),
            Some(([false, true, false], None))
        );
    }
}
