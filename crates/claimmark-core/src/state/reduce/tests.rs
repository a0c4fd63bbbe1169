//! The reducer's tests: every action, its no-ops, revisions and limits.

use super::*;
use crate::model::annotation::SourceUrl;
use crate::model::certainty::Certainty;
use crate::test_support::id;
use crate::text::document::Document;
use crate::text::span::Span;

const TEXT: &str = "date 2026-02-25 Hundreds of Cuban security personnel have begun departing.\n\nIt is unclear whether the pullback is voluntary.";

fn start() -> Rc<State> {
    Rc::new(State::new(Rc::new(Document::from_plain_text(TEXT, None))))
}

fn create(state: Rc<State>, n: u8, start: usize, end: usize, certainty: Certainty) -> Rc<State> {
    reduce(
        state,
        Action::Create {
            id: id(n),
            span: Span::new(start, end),
            certainty,
            at: Timestamp(100),
        },
    )
}

fn quote(state: &State, n: u8) -> Option<String> {
    state
        .claim(id(n))
        .map(|c| c.annotation.target.quote.exact.clone())
}

#[test]
fn create_snaps_to_words_and_describes_the_claim() {
    let state = create(start(), 1, 18, 31, Certainty::Unclear);
    assert_eq!(quote(&state, 1).as_deref(), Some("Hundreds of Cuban"));
    let claim = state.claim(id(1)).expect("created");
    assert_eq!(claim.placement, Placement::Anchored(Span::new(16, 33)));
    assert_eq!(claim.annotation.certainty, Certainty::Unclear);
    assert_eq!(
        (claim.annotation.created, claim.annotation.modified),
        (Timestamp(100), Timestamp(100))
    );
    assert_eq!(state.revision, 1);
    assert_eq!(state.counts(), [0, 1, 0]);
}

#[test]
fn no_op_actions_return_the_same_state() {
    let state = create(start(), 1, 16, 33, Certainty::Unclear);
    let url = SourceUrl::parse("https://example.org").expect("valid");
    let no_ops = [
        Action::Create {
            id: id(1),
            span: Span::new(40, 50),
            certainty: Certainty::Confirmed,
            at: Timestamp(5),
        },
        Action::Create {
            id: id(2),
            span: Span::new(15, 16),
            certainty: Certainty::Confirmed,
            at: Timestamp(5),
        },
        Action::Create {
            id: id(2),
            span: Span::new(900, 999),
            certainty: Certainty::Confirmed,
            at: Timestamp(5),
        },
        Action::SetCertainty {
            id: id(1),
            certainty: Certainty::Unclear,
            at: Timestamp(5),
        },
        Action::SetCertainty {
            id: id(9),
            certainty: Certainty::Confirmed,
            at: Timestamp(5),
        },
        Action::SetNote {
            id: id(1),
            note: String::new(),
            at: Timestamp(5),
        },
        Action::RemoveSource {
            id: id(1),
            url,
            at: Timestamp(5),
        },
        Action::Delete { id: id(9) },
        Action::Saved,
    ];
    for action in no_ops {
        let next = reduce(state.clone(), action.clone());
        assert!(Rc::ptr_eq(&state, &next), "{action:?} should be a no-op");
    }
}

#[test]
fn every_edit_changes_one_field_and_the_modified_time() {
    let state = create(start(), 1, 16, 33, Certainty::Unclear);
    let url = SourceUrl::parse("https://reuters.com/x").expect("valid");
    let state = reduce(
        state,
        Action::SetCertainty {
            id: id(1),
            certainty: Certainty::Confirmed,
            at: Timestamp(200),
        },
    );
    let state = reduce(
        state,
        Action::SetNote {
            id: id(1),
            note: "Two sources.".into(),
            at: Timestamp(300),
        },
    );
    let state = reduce(
        state,
        Action::AddSource {
            id: id(1),
            url: url.clone(),
            at: Timestamp(400),
        },
    );
    let again = reduce(
        state.clone(),
        Action::AddSource {
            id: id(1),
            url: url.clone(),
            at: Timestamp(401),
        },
    );
    assert!(
        Rc::ptr_eq(&state, &again),
        "a duplicate link is not added twice"
    );
    let annotation = &state.claim(id(1)).expect("present").annotation;
    assert_eq!(annotation.certainty, Certainty::Confirmed);
    assert_eq!(annotation.note, "Two sources.");
    assert_eq!(annotation.sources, vec![url.clone()]);
    assert_eq!(annotation.created, Timestamp(100));
    assert_eq!(annotation.modified, Timestamp(400));
    assert_eq!(state.revision, 4);
    let state = reduce(
        state,
        Action::RemoveSource {
            id: id(1),
            url,
            at: Timestamp(500),
        },
    );
    assert!(state
        .claim(id(1))
        .expect("present")
        .annotation
        .sources
        .is_empty());
    let long = reduce(
        state,
        Action::SetNote {
            id: id(1),
            note: "x".repeat(NOTE_MAX_CHARS + 5),
            at: Timestamp(600),
        },
    );
    assert_eq!(
        long.claim(id(1))
            .expect("present")
            .annotation
            .note
            .chars()
            .count(),
        NOTE_MAX_CHARS
    );
}

#[test]
fn delete_then_restore_brings_back_the_same_claim() {
    let state = create(start(), 1, 16, 33, Certainty::Unclear);
    let state = reduce(
        state,
        Action::SetNote {
            id: id(1),
            note: "n".into(),
            at: Timestamp(150),
        },
    );
    let before = state.claim(id(1)).cloned().expect("present");
    let deleted = reduce(state, Action::Delete { id: id(1) });
    assert!(deleted.claim(id(1)).is_none());
    assert_eq!(deleted.counts(), [0, 0, 0]);
    let restored = reduce(
        deleted,
        Action::Restore {
            annotation: before.annotation.clone(),
        },
    );
    assert_eq!(restored.claim(id(1)), Some(&before));
    let twice = reduce(
        restored.clone(),
        Action::Restore {
            annotation: before.annotation,
        },
    );
    assert!(Rc::ptr_eq(&restored, &twice));
}

#[test]
fn open_anchors_stored_claims_and_keeps_orphans() {
    let state = create(start(), 1, 16, 33, Certainty::Unclear);
    let state = create(state, 2, 81, 88, Certainty::Unconfirmed);
    assert_eq!(quote(&state, 2).as_deref(), Some("unclear"));
    let annotations = state.annotations();
    let edited = Rc::new(Document::from_plain_text(
        "date 2026-02-26 Update: Hundreds of Cuban security personnel left.\n\nThe pullback is voluntary.",
        None,
    ));
    let reopened = reduce(
        state,
        Action::Open {
            document: edited,
            keep_text: true,
            annotations,
            deletions: vec![],
            notices: vec![],
        },
    );
    assert_eq!(
        reopened.claim(id(1)).map(|c| c.placement),
        Some(Placement::Anchored(Span::new(24, 41)))
    );
    assert_eq!(
        reopened.claim(id(2)).map(|c| c.placement),
        Some(Placement::Orphan)
    );
    assert_eq!(reopened.orphans().count(), 1);
    assert_eq!(reopened.counts(), [0, 1, 1], "orphans still count");
}

#[test]
fn a_claim_found_with_edits_needs_review_until_placed() {
    // "Cuban security personnel" (16..41 of TEXT) and the unclear sentence.
    let state = create(start(), 1, 28, 52, Certainty::Confirmed);
    let state = create(state, 2, 80, 128, Certainty::Unclear);
    let corrected = Rc::new(Document::from_plain_text(
        "date 2026-02-26 Hundreds of Cuban securty personnel have begun departing.\n\n\
         It is unclear whether the pullback is voluntary.",
        None,
    ));
    let reopened = reduce(
        state.clone(),
        Action::Open {
            document: corrected.clone(),
            keep_text: false,
            annotations: state.annotations(),
            notices: vec![],
            deletions: vec![],
        },
    );
    let Some(Placement::Fuzzy { span, score }) = reopened.claim(id(1)).map(|c| c.placement) else {
        panic!("expected a fuzzy placement")
    };
    assert_eq!(corrected.slice(span), Some("Cuban securty personnel"));
    assert!(score.percent() >= 90, "{score:?}");
    assert!(matches!(
        reopened.claim(id(2)).map(|c| c.placement),
        Some(Placement::Anchored(_))
    ));
    let review: Vec<_> = reopened.needing_review().map(|c| c.annotation.id).collect();
    assert_eq!(review, vec![id(1)]);

    let placed = reduce(
        reopened.clone(),
        Action::Place {
            id: id(1),
            span,
            at: Timestamp(99),
        },
    );
    assert_eq!(placed.revision, reopened.revision + 1);
    let claim = placed.claim(id(1)).expect("kept");
    assert_eq!(claim.placement, Placement::Anchored(span));
    assert_eq!(
        claim.annotation.target.quote.exact,
        "Cuban securty personnel"
    );
    assert_eq!(claim.annotation.modified, Timestamp(99));
    assert_eq!(placed.needing_review().count(), 0);
    // An unknown claim or an empty span changes nothing.
    let same = reduce(
        placed.clone(),
        Action::Place {
            id: id(9),
            span,
            at: Timestamp(100),
        },
    );
    assert!(Rc::ptr_eq(&same, &placed));
}

#[test]
fn notices_are_added_once_and_saving_clears_transient_ones() {
    let state = reduce(start(), Action::Notify(Notice::QuotaExceeded));
    let same = reduce(state.clone(), Action::Notify(Notice::QuotaExceeded));
    assert!(Rc::ptr_eq(&state, &same));
    let state = reduce(state, Action::Notify(Notice::NewerSchema { found: 2 }));
    assert!(state.read_only());
    let state = reduce(state, Action::Saved);
    assert_eq!(state.notices, vec![Notice::NewerSchema { found: 2 }]);
}
