//! Screen-only state: what the widget shows around the claims but that is
//! part of no claim and is never saved with them — the selection waiting
//! for a certainty, the open card, the suggestion popover, the undo toast
//! (the deleted claim it offers back), the shortcuts dialog, the legend's
//! certainty filter, the dark theme, the roving claim (the keyboard's one
//! tab stop) and the focus the last action asked for.
//!
//! [`UiState`] changes only through [`UiAction`]s, in a pure reducer
//! ([`UiState::apply`]; Yew's `use_reducer` runs it through
//! [`Reducible`], which hands back the same `Rc` when nothing changed, so a
//! no-op re-renders nothing). No DOM here: positions arrive inside
//! actions, and the hooks in [`crate::hooks`] do the DOM work (reading a
//! selection, moving focus after the render, saving the theme choice).
//!
//! Not here: claims and their undo history (the core's `State`, in
//! [`crate::store`]), what the assistant suggests and which suggestions
//! were dismissed (settings, [`crate::hooks::suggestions`]), which blocks
//! are near the viewport ([`crate::hooks::nearby`]) and the live region's
//! text ([`crate::hooks::announcer`]).

use std::mem::replace;
use std::rc::Rc;

use yew::Reducible;

use claimmark_core::{Annotation, AnnotationId, Certainty, Span};

/// A position inside the widget, in CSS pixels: (left, top).
pub type At = (i32, i32);

/// A selection waiting for a certainty.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Pending {
    /// The selected code points, not yet snapped.
    pub span: Span,
    /// Where the toolbar goes.
    pub at: At,
}

/// The card on screen.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OpenCard {
    /// The claim shown (the innermost under what was clicked).
    pub id: AnnotationId,
    /// The other claims over the same text, offered for switching.
    pub others: Vec<AnnotationId>,
    /// Where the card goes.
    pub at: At,
    /// Read mode: opened by Enter or a tap (focus moves into the card).
    pub take_focus: bool,
}

/// The suggestion whose popover is open.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OpenSuggestion {
    /// Its `data-suggestion-id` (`"<start>-<end>"`).
    pub id: String,
    /// Where the popover goes.
    pub at: At,
}

/// What focus should go to after the next render.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FocusTarget {
    /// A claim's keyboard stop (scrolled into view).
    Claim(AnnotationId),
    /// The article itself (the last claim shown was deleted).
    Article,
}

/// A focus request: `seq` grows with each, so asking again for the same
/// target is a new request (the focus follows the render it causes).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FocusRequest {
    /// Counts the requests made.
    pub seq: u64,
    /// Where focus goes.
    pub target: FocusTarget,
}

/// What a click, a tap, Enter or (read mode) a hover found in the article.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Inspected {
    /// The claims over the target, innermost first (none: plain text).
    pub claims: Vec<AnnotationId>,
    /// Where a card for them goes.
    pub at: At,
    /// The suggestion around the target, if any, and where its popover goes.
    pub suggestion: Option<OpenSuggestion>,
    /// Focus moves into the card (read mode: Enter or a tap).
    pub take_focus: bool,
}

/// The widget's screen-only state.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct UiState {
    /// The selection waiting for a certainty (the toolbar shows).
    pub pending: Option<Pending>,
    /// The card on screen.
    pub card: Option<OpenCard>,
    /// The suggestion popover on screen.
    pub suggestion: Option<OpenSuggestion>,
    /// The claim the undo toast offers back.
    pub deleted: Option<Rc<Annotation>>,
    /// The shortcuts dialog is open.
    pub help_open: bool,
    /// Certainties filtered out, in [`Certainty::ALL`] order.
    pub hidden: [bool; 3],
    /// The dark theme is on.
    pub dark: bool,
    /// "Review suggestions": every suggested sentence outlined (at rest
    /// a suggestion shows only its marker).
    pub review_suggestions: bool,
    /// The claim last focused, picked or created: the keyboard's tab stop
    /// while it is shown.
    pub current: Option<AnnotationId>,
    /// The focus the last action asked for, taken after its render.
    pub focus: Option<FocusRequest>,
}

/// Every change to [`UiState`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum UiAction {
    /// The selection in the article changed (`None`: nothing selected).
    Select(Option<Pending>),
    /// A claim was created from the pending selection: the selection is
    /// used up, and the new claim becomes the tab stop and takes focus.
    Created(AnnotationId),
    /// Something in the article was clicked, tapped, entered or (read
    /// mode) hovered: the card of the claims there and the popover of the
    /// suggestion there replace those on screen (plain text closes both).
    Inspect(Inspected),
    /// The card switches to another claim over the same text.
    SelectCard(AnnotationId),
    /// The card goes away.
    CloseCard,
    /// The suggestion popover goes away (accepted, dismissed, closed, or
    /// the suggestions switched off).
    CloseSuggestion,
    /// A claim was deleted: `neighbour` (the next shown claim, else the
    /// previous) becomes the tab stop and takes focus, or the article does
    /// when none is left; `removed` is offered back by the undo toast.
    Deleted {
        /// The claim that takes the deleted one's place as the tab stop.
        neighbour: Option<AnnotationId>,
        /// The claim as it was, when there was one to delete.
        removed: Option<Annotation>,
    },
    /// The undo toast goes away (undone, dismissed, or an undo or redo).
    DismissToast,
    /// The shortcuts dialog opens.
    OpenHelp,
    /// The shortcuts dialog closes.
    CloseHelp,
    /// A certainty's filter chip was pressed.
    ToggleFilter(Certainty),
    /// The dark theme is on or off.
    SetDark(bool),
    /// "Review suggestions" is switched on or off.
    ToggleReviewSuggestions,
    /// Focus moved onto a claim's stop: it becomes the tab stop.
    Focused(AnnotationId),
    /// A claim becomes the tab stop and takes focus once rendered (picked
    /// in the panel, reached with the arrow keys).
    FocusClaim(AnnotationId),
    /// Another article opens: what was about the last one goes (the
    /// selection, card, popover and toast); the filter, theme, dialog and
    /// tab stop stay.
    Reset,
}

impl UiState {
    /// The state with the dark theme on or off (the stored choice, else
    /// the system's preference).
    pub fn new(dark: bool) -> Self {
        UiState {
            dark,
            ..UiState::default()
        }
    }

    /// True when claims of `certainty` are filtered out.
    pub fn is_hidden(&self, certainty: Certainty) -> bool {
        is_off(self.hidden, certainty)
    }

    /// `data-hide` of the root: the certainties filtered out, if any.
    pub fn hide_attr(&self) -> Option<String> {
        claimmark_core::view::roving::hide_attr(self.hidden)
    }

    /// `data-theme` of the root when the person's choice decides.
    pub fn theme_key(&self) -> &'static str {
        if self.dark {
            "dark"
        } else {
            "light"
        }
    }

    /// The state after `action`.
    pub fn apply(&self, action: UiAction) -> UiState {
        let mut next = self.clone();
        next.update(action);
        next
    }

    /// Applies `action` in place; false when it changed nothing.
    pub fn update(&mut self, action: UiAction) -> bool {
        match action {
            UiAction::Select(pending) => replace(&mut self.pending, pending) != pending,
            UiAction::Created(id) => {
                self.pending = None;
                self.focus_on(FocusTarget::Claim(id));
                self.current = Some(id);
                true
            }
            UiAction::Inspect(found) => {
                self.suggestion = found.suggestion;
                self.card = found.claims.split_first().map(|(&id, others)| OpenCard {
                    id,
                    others: others.to_vec(),
                    at: found.at,
                    take_focus: found.take_focus,
                });
                true
            }
            UiAction::SelectCard(id) => {
                let Some(open) = &mut self.card else {
                    return false;
                };
                open.others.retain(|o| *o != id);
                open.others.push(open.id);
                open.id = id;
                true
            }
            UiAction::CloseCard => self.card.take().is_some(),
            UiAction::CloseSuggestion => self.suggestion.take().is_some(),
            UiAction::Deleted { neighbour, removed } => {
                self.focus_on(neighbour.map_or(FocusTarget::Article, FocusTarget::Claim));
                self.current = neighbour;
                if let Some(removed) = removed {
                    self.deleted = Some(Rc::new(removed));
                }
                true
            }
            UiAction::DismissToast => self.deleted.take().is_some(),
            UiAction::OpenHelp => !replace(&mut self.help_open, true),
            UiAction::CloseHelp => replace(&mut self.help_open, false),
            UiAction::ToggleFilter(certainty) => {
                let slot = Certainty::ALL
                    .iter()
                    .position(|c| *c == certainty)
                    .and_then(|i| self.hidden.get_mut(i));
                slot.map(|slot| *slot = !*slot).is_some()
            }
            UiAction::SetDark(dark) => replace(&mut self.dark, dark) != dark,
            UiAction::ToggleReviewSuggestions => {
                self.review_suggestions = !self.review_suggestions;
                true
            }
            UiAction::Focused(id) => self.current.replace(id) != Some(id),
            UiAction::FocusClaim(id) => {
                self.focus_on(FocusTarget::Claim(id));
                self.current = Some(id);
                true
            }
            UiAction::Reset => {
                let open = [
                    self.suggestion.take().is_some(),
                    self.card.take().is_some(),
                    self.pending.take().is_some(),
                    self.deleted.take().is_some(),
                ];
                open.contains(&true)
            }
        }
    }

    /// Asks for focus on `target` after the next render.
    fn focus_on(&mut self, target: FocusTarget) {
        let seq = self.focus.map_or(1, |f| f.seq.wrapping_add(1));
        self.focus = Some(FocusRequest { seq, target });
    }
}

impl Reducible for UiState {
    type Action = UiAction;

    /// [`UiState::update`] on a copy; the same `Rc` when nothing
    /// changed, so Yew skips the render.
    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = UiState::clone(&self);
        if next.update(action) {
            Rc::new(next)
        } else {
            self
        }
    }
}

/// True when `certainty` is off in `hidden` ([`Certainty::ALL`] order).
pub fn is_off(hidden: [bool; 3], certainty: Certainty) -> bool {
    Certainty::ALL
        .iter()
        .zip(hidden)
        .any(|(c, off)| off && *c == certainty)
}

#[cfg(test)]
mod tests;
