//! The screen-state reducer's behaviour: what each action opens, closes
//! and keeps (run natively: `cargo test -p claimmark`).
//!
//! Not here: the reducer itself (the parent module).

use super::*;

fn id(n: u128) -> AnnotationId {
    AnnotationId(uuid::Uuid::from_u128(n))
}

fn run(state: UiState, actions: impl IntoIterator<Item = UiAction>) -> UiState {
    actions.into_iter().fold(state, |s, a| s.apply(a))
}

fn pending() -> Pending {
    Pending {
        span: Span::new(3, 9),
        at: (10, 20),
    }
}

fn inspect(claims: &[AnnotationId], suggestion: Option<&str>) -> UiAction {
    UiAction::Inspect(Inspected {
        claims: claims.to_vec(),
        at: (5, 6),
        suggestion: suggestion.map(|s| OpenSuggestion {
            id: s.to_owned(),
            at: (7, 8),
        }),
        take_focus: false,
    })
}

fn annotation(n: u128) -> Annotation {
    let document = claimmark_core::Document::from_plain_text("One two three four.", None);
    let target = claimmark_core::describe(&document, Span::new(0, 3)).unwrap();
    Annotation {
        id: id(n),
        target,
        certainty: Certainty::Unclear,
        note: String::new(),
        sources: Vec::new(),
        tags: Vec::new(),
        created: claimmark_core::Timestamp(0),
        modified: claimmark_core::Timestamp(0),
        history: Vec::new(),
    }
}

#[test]
fn starts_with_nothing_open_and_the_given_theme() {
    let state = UiState::new(true);
    assert!(state.dark);
    assert_eq!(state.theme_key(), "dark");
    assert_eq!(UiState::new(false).theme_key(), "light");
    assert!(state.card.is_none() && state.suggestion.is_none() && state.pending.is_none());
    assert!(!state.help_open);
    assert_eq!(state.hide_attr(), None);
    assert_eq!(state.focus, None);
}

#[test]
fn clicking_a_claim_opens_its_card_innermost_first() {
    let state = UiState::default().apply(inspect(&[id(1), id(2), id(3)], None));
    let card = state.card.unwrap();
    assert_eq!(card.id, id(1));
    assert_eq!(card.others, vec![id(2), id(3)]);
    assert_eq!(card.at, (5, 6));
    assert!(!card.take_focus);
}

#[test]
fn opening_a_card_closes_the_popover_and_the_reverse() {
    let with_popover = UiState::default().apply(inspect(&[], Some("0-9")));
    assert_eq!(with_popover.suggestion.as_ref().unwrap().id, "0-9");
    assert!(with_popover.card.is_none());
    let with_card = with_popover.apply(inspect(&[id(1)], None));
    assert!(with_card.suggestion.is_none());
    assert_eq!(with_card.card.as_ref().unwrap().id, id(1));
    let back = with_card.apply(inspect(&[], Some("10-19")));
    assert!(back.card.is_none());
    assert_eq!(back.suggestion.unwrap().at, (7, 8));
}

#[test]
fn clicking_plain_text_closes_card_and_popover() {
    let state = run(
        UiState::default(),
        [inspect(&[id(1)], None), inspect(&[], None)],
    );
    assert!(state.card.is_none() && state.suggestion.is_none());
}

#[test]
fn switching_the_card_keeps_the_others_on_offer() {
    let state = run(
        UiState::default(),
        [
            inspect(&[id(1), id(2), id(3)], None),
            UiAction::SelectCard(id(3)),
        ],
    );
    let card = state.card.unwrap();
    assert_eq!(card.id, id(3));
    assert_eq!(card.others, vec![id(2), id(1)]);
    assert_eq!(card.at, (5, 6));
}

#[test]
fn switching_without_a_card_does_nothing() {
    let state = UiState::default();
    assert_eq!(state.apply(UiAction::SelectCard(id(1))), state);
}

#[test]
fn closing_the_card_leaves_the_rest() {
    let state = run(
        UiState::default(),
        [
            UiAction::Deleted {
                neighbour: None,
                removed: Some(annotation(9)),
            },
            inspect(&[id(1)], None),
            UiAction::OpenHelp,
            UiAction::CloseCard,
        ],
    );
    assert!(state.card.is_none());
    assert!(state.deleted.is_some());
    assert!(state.help_open);
}

#[test]
fn deleting_a_claim_offers_the_toast_and_moves_the_stop() {
    let state = UiState::default().apply(UiAction::Deleted {
        neighbour: Some(id(2)),
        removed: Some(annotation(1)),
    });
    assert_eq!(state.deleted.as_ref().map(|a| a.id), Some(id(1)));
    assert_eq!(state.current, Some(id(2)));
    assert_eq!(
        state.focus.map(|f| f.target),
        Some(FocusTarget::Claim(id(2)))
    );
    let undone = state.apply(UiAction::DismissToast);
    assert!(undone.deleted.is_none());
}

#[test]
fn deleting_the_last_claim_focuses_the_article() {
    let state = UiState::default().apply(UiAction::Deleted {
        neighbour: None,
        removed: Some(annotation(1)),
    });
    assert_eq!(state.current, None);
    assert_eq!(state.focus.map(|f| f.target), Some(FocusTarget::Article));
}

#[test]
fn deleting_nothing_keeps_the_toast_of_an_earlier_deletion() {
    let state = run(
        UiState::default(),
        [
            UiAction::Deleted {
                neighbour: Some(id(2)),
                removed: Some(annotation(1)),
            },
            UiAction::Deleted {
                neighbour: Some(id(3)),
                removed: None,
            },
        ],
    );
    assert_eq!(state.deleted.map(|a| a.id), Some(id(1)));
    assert_eq!(state.current, Some(id(3)));
}

#[test]
fn the_filter_toggles_each_certainty() {
    let state = UiState::default().apply(UiAction::ToggleFilter(Certainty::Unclear));
    assert!(state.is_hidden(Certainty::Unclear));
    assert!(!state.is_hidden(Certainty::Confirmed));
    assert_eq!(state.hide_attr().as_deref(), Some("unclear"));
    let both = state.apply(UiAction::ToggleFilter(Certainty::Confirmed));
    assert_eq!(both.hidden, [true, true, false]);
    assert_eq!(both.hide_attr().as_deref(), Some("confirmed unclear"));
    let back = run(
        both,
        [
            UiAction::ToggleFilter(Certainty::Unclear),
            UiAction::ToggleFilter(Certainty::Confirmed),
        ],
    );
    assert_eq!(back.hidden, [false; 3]);
    assert_eq!(back.hide_attr(), None);
}

#[test]
fn review_suggestions_switches_on_and_off_and_outlasts_another_article() {
    let on = run(UiState::default(), [UiAction::ToggleReviewSuggestions]);
    assert!(on.review_suggestions);
    assert!(
        on.apply(UiAction::Reset).review_suggestions,
        "a setting, not about one article"
    );
    assert!(
        !on.apply(UiAction::ToggleReviewSuggestions)
            .review_suggestions
    );
}

#[test]
fn help_opens_and_closes() {
    let open = UiState::default().apply(UiAction::OpenHelp);
    assert!(open.help_open);
    assert!(!open.apply(UiAction::CloseHelp).help_open);
}

#[test]
fn the_theme_switches() {
    let state = UiState::new(false).apply(UiAction::SetDark(true));
    assert!(state.dark);
    assert!(!state.apply(UiAction::SetDark(false)).dark);
}

#[test]
fn creating_a_claim_uses_up_the_selection_and_focuses_the_claim() {
    let state = run(
        UiState::default(),
        [UiAction::Select(Some(pending())), UiAction::Created(id(4))],
    );
    assert_eq!(state.pending, None);
    assert_eq!(state.current, Some(id(4)));
    assert_eq!(
        state.focus.map(|f| f.target),
        Some(FocusTarget::Claim(id(4)))
    );
}

#[test]
fn focus_moving_onto_a_stop_asks_for_no_focus() {
    let state = UiState::default().apply(UiAction::Focused(id(1)));
    assert_eq!(state.current, Some(id(1)));
    assert_eq!(state.focus, None);
}

#[test]
fn asking_for_the_same_focus_again_is_a_new_request() {
    let once = UiState::default().apply(UiAction::FocusClaim(id(1)));
    let twice = once.apply(UiAction::FocusClaim(id(1)));
    assert_ne!(once.focus, twice.focus);
    assert_eq!(twice.focus.map(|f| f.target), once.focus.map(|f| f.target));
}

#[test]
fn another_article_clears_what_was_about_the_last() {
    let state = run(
        UiState::new(true),
        [
            UiAction::ToggleFilter(Certainty::Confirmed),
            UiAction::OpenHelp,
            UiAction::Focused(id(1)),
            UiAction::Select(Some(pending())),
            inspect(&[id(1)], Some("0-3")),
            UiAction::Deleted {
                neighbour: Some(id(1)),
                removed: Some(annotation(2)),
            },
            UiAction::Reset,
        ],
    );
    assert!(state.pending.is_none() && state.card.is_none());
    assert!(state.suggestion.is_none() && state.deleted.is_none());
    assert!(state.help_open && state.dark);
    assert_eq!(state.hidden, [true, false, false]);
    assert_eq!(state.current, Some(id(1)));
}

#[test]
fn a_no_op_keeps_the_same_rc() {
    let state = Rc::new(UiState::default());
    let same = Rc::clone(&state).reduce(UiAction::CloseCard);
    assert!(Rc::ptr_eq(&state, &same));
    let same = Rc::clone(&state).reduce(UiAction::Select(None));
    assert!(Rc::ptr_eq(&state, &same));
    let changed = Rc::clone(&state).reduce(UiAction::OpenHelp);
    assert!(!Rc::ptr_eq(&state, &changed));
}

#[test]
fn update_tells_whether_anything_changed() {
    let mut state = UiState::new(false);
    assert!(!state.update(UiAction::CloseHelp));
    assert!(!state.update(UiAction::SetDark(false)));
    assert!(!state.update(UiAction::DismissToast));
    assert!(!state.update(UiAction::Reset));
    assert!(state.update(UiAction::Focused(id(1))));
    assert!(!state.update(UiAction::Focused(id(1))));
    assert!(state.update(UiAction::Select(Some(pending()))));
    assert!(!state.update(UiAction::Select(Some(pending()))));
    assert!(state.update(UiAction::Reset));
    assert_eq!(state.pending, None);
}
