//! Tables for desk sync: what is sent for each local change, what a remote
//! change does, what each answer means, the record, the feed. Two widgets
//! converging through a simulated server are in `converge_tests.rs`.

use std::rc::Rc;

use super::*;
use crate::storage::MemoryStore;
use crate::test_support::id;
use crate::{reduce, Certainty, Span};

const TEXT: &str = "Officials say the talks failed on Tuesday, and the mayor denied it. The budget grew by a third, the council said.";

pub(super) fn start() -> Rc<State> {
    Rc::new(State::new(Rc::new(Document::from_plain_text(TEXT, None))))
}

pub(super) fn create(state: Rc<State>, n: u8, at: i64) -> Rc<State> {
    let from = usize::from(n % 10) * 6;
    reduce(
        state,
        Action::Create {
            id: id(n),
            span: Span::new(from, from + 4),
            certainty: Certainty::Unclear,
            at: Timestamp(at),
        },
    )
}

pub(super) fn edit(state: Rc<State>, n: u8, at: i64) -> Rc<State> {
    reduce(
        state,
        Action::SetNote {
            id: id(n),
            note: format!("note at {at}"),
            at: Timestamp(at),
        },
    )
}

pub(super) fn delete(state: Rc<State>, n: u8, at: i64) -> Rc<State> {
    reduce(
        state,
        Action::DeleteAt {
            id: id(n),
            at: Timestamp(at),
        },
    )
}

fn live(etag: &str, modified: i64) -> ServerCopy {
    ServerCopy {
        etag: etag.into(),
        modified: Some(Timestamp(modified)),
        deleted_at: None,
        deleted: false,
    }
}

fn gone(etag: &str, at: Option<i64>) -> ServerCopy {
    ServerCopy {
        etag: etag.into(),
        modified: None,
        deleted_at: at.map(Timestamp),
        deleted: true,
    }
}

/// The kind of each send, as a short word.
fn kinds(sends: &[Send]) -> Vec<String> {
    sends
        .iter()
        .map(|s| match s {
            Send::Create { .. } => "POST".to_owned(),
            Send::Replace { etag, .. } => format!("PUT {etag}"),
            Send::Delete { etag, .. } => format!("DELETE {etag}"),
        })
        .collect()
}

#[test]
fn what_is_sent_for_each_local_change() {
    // (local: claim 1 modified at / deleted at, the server's copy, expected)
    let claim10 = || create(start(), 1, 10);
    let deleted20 = || delete(create(start(), 1, 10), 1, 20);
    type Row = (
        &'static str,
        Rc<State>,
        Option<ServerCopy>,
        Vec<&'static str>,
    );
    let rows: Vec<Row> = vec![
        ("new claim", claim10(), None, vec!["POST"]),
        ("in sync", claim10(), Some(live("e1", 10)), vec![]),
        (
            "edited here",
            claim10(),
            Some(live("e1", 5)),
            vec!["PUT e1"],
        ),
        (
            "newer on server, not taken yet",
            claim10(),
            Some(live("e1", 30)),
            vec![],
        ),
        (
            "deleted there after my last change",
            claim10(),
            Some(gone("t", Some(10))),
            vec![],
        ),
        (
            "deleted there, kept here",
            claim10(),
            Some(gone("t", Some(5))),
            vec!["PUT t"],
        ),
        (
            "deleted there, time unknown",
            claim10(),
            Some(gone("t", None)),
            vec![],
        ),
        (
            "deleted here",
            deleted20(),
            Some(live("e1", 10)),
            vec!["DELETE e1"],
        ),
        (
            "deleted both",
            deleted20(),
            Some(gone("t", Some(20))),
            vec![],
        ),
        ("deleted before sent", deleted20(), None, vec![]),
        (
            "edited there after my deletion",
            deleted20(),
            Some(live("e1", 30)),
            vec![],
        ),
    ];
    for (name, state, server, expected) in rows {
        let mut desk = DeskSync::new("c/");
        if let Some(copy) = server {
            desk.server.insert(id(1), copy);
        }
        assert_eq!(kinds(&pending(&state, &desk, &[])), expected, "{name}");
        let skip = [id(1)];
        assert!(pending(&state, &desk, &skip).is_empty(), "{name}: skipped");
    }
}

fn annotation_at(n: u8, modified: i64) -> Annotation {
    let state = edit(create(start(), n, 1), n, modified);
    state.annotations().remove(0)
}

#[test]
fn a_remote_change_merges_with_the_rules_and_decides_what_is_sent_back() {
    // (local state of claim 1, remote change, claim shown after (its
    // modified, or None when gone), what is then sent)
    type Row = (
        &'static str,
        Rc<State>,
        RemoteCopy,
        Option<i64>,
        Vec<&'static str>,
    );
    let rows: Vec<Row> = vec![
        (
            "new there",
            start(),
            RemoteCopy::Live(Box::new(annotation_at(1, 15))),
            Some(15),
            vec![],
        ),
        (
            "newer there",
            edit(create(start(), 1, 1), 1, 10),
            RemoteCopy::Live(Box::new(annotation_at(1, 15))),
            Some(15),
            vec![],
        ),
        (
            "newer here",
            edit(create(start(), 1, 1), 1, 30),
            RemoteCopy::Live(Box::new(annotation_at(1, 15))),
            Some(30),
            vec!["PUT e9"],
        ),
        (
            "deleted there after my edit",
            edit(create(start(), 1, 1), 1, 10),
            RemoteCopy::Deleted(Some(Timestamp(20))),
            None,
            vec![],
        ),
        (
            "edited here after their deletion",
            edit(create(start(), 1, 1), 1, 30),
            RemoteCopy::Deleted(Some(Timestamp(20))),
            Some(30),
            vec!["PUT e9"],
        ),
        (
            "deleted here after their edit",
            delete(create(start(), 1, 1), 1, 40),
            RemoteCopy::Live(Box::new(annotation_at(1, 15))),
            None,
            vec!["DELETE e9"],
        ),
        (
            "edited there after my deletion",
            delete(create(start(), 1, 1), 1, 10),
            RemoteCopy::Live(Box::new(annotation_at(1, 15))),
            Some(15),
            vec![],
        ),
        (
            "410 without a time",
            edit(create(start(), 1, 1), 1, 10),
            RemoteCopy::Deleted(None),
            Some(10),
            vec![],
        ),
    ];
    for (name, state, copy, shown, sends) in rows {
        let mut desk = DeskSync::new("c/");
        let change = RemoteChange {
            id: id(1),
            etag: "e9".into(),
            changed_by: Some("Ana".into()),
            copy,
        };
        let after = match take_remote(&mut desk, change) {
            Some(action) => reduce(state, action),
            None => state,
        };
        assert_eq!(
            after.claim(id(1)).map(|c| c.annotation.modified.0),
            shown,
            "{name}"
        );
        assert_eq!(kinds(&pending(&after, &desk, &[])), sends, "{name}");
        assert_eq!(desk.changed_by.get(&id(1)).map(String::as_str), Some("Ana"));
        // Taking the same change again changes nothing (the feed's echo).
        let mut again = desk.clone();
        let echo = RemoteChange {
            id: id(1),
            etag: "e9".into(),
            changed_by: None,
            copy: match desk.server.get(&id(1)) {
                Some(c) if c.deleted => RemoteCopy::Deleted(c.deleted_at),
                _ => RemoteCopy::Live(Box::new(annotation_at(1, 15))),
            },
        };
        if let Some(action) = take_remote(&mut again, echo) {
            let twice = reduce(after.clone(), action);
            assert_eq!(twice.annotations(), after.annotations(), "{name}: echo");
        }
    }
}

#[test]
fn a_stale_write_is_resolved_by_fetching_and_merging() {
    // Here: edited at 30 over the version e1 (10). There: edited at 20 (e2).
    let state = edit(create(start(), 1, 10), 1, 30);
    let mut desk = DeskSync::new("c/");
    desk.server.insert(id(1), live("e1", 10));
    let sends = pending(&state, &desk, &[]);
    assert_eq!(kinds(&sends), vec!["PUT e1"]);
    let first = sends.first().cloned().unwrap_or_else(|| panic!("a send"));
    assert_eq!(classify(&first, 412), Answer::Refetch);
    // GET gives e2 at 20: ours is newer, so it is sent again over e2.
    let got = RemoteChange {
        id: id(1),
        etag: "e2".into(),
        changed_by: None,
        copy: RemoteCopy::Live(Box::new(annotation_at(1, 20))),
    };
    let state = match take_remote(&mut desk, got) {
        Some(action) => reduce(state, action),
        None => state,
    };
    assert_eq!(kinds(&pending(&state, &desk, &[])), vec!["PUT e2"]);
    // Theirs newer (40): taken, nothing to send.
    let newer = RemoteChange {
        id: id(1),
        etag: "e3".into(),
        changed_by: None,
        copy: RemoteCopy::Live(Box::new(annotation_at(1, 40))),
    };
    let state = match take_remote(&mut desk, newer) {
        Some(action) => reduce(state, action),
        None => state,
    };
    assert!(pending(&state, &desk, &[]).is_empty());
    // Acknowledged writes record the version sent.
    let put = Send::Replace {
        id: id(1),
        etag: "e3".into(),
        modified: Timestamp(50),
    };
    desk.acknowledge(&put, Some("e4".into()));
    assert_eq!(desk.server.get(&id(1)), Some(&live("e4", 50)));
    let del = Send::Delete {
        id: id(1),
        etag: "e4".into(),
        at: Timestamp(60),
    };
    desk.acknowledge(&del, None);
    assert_eq!(desk.server.get(&id(1)), Some(&gone("e4", Some(60))));
    desk.forget(id(1));
    assert!(desk.server.is_empty());
}

#[test]
fn each_answer_means_one_thing() {
    let post = Send::Create {
        id: id(1),
        modified: Timestamp(1),
    };
    let put = Send::Replace {
        id: id(1),
        etag: "e".into(),
        modified: Timestamp(1),
    };
    let rows = [
        (&post, 201, Answer::Done),
        (&put, 200, Answer::Done),
        (&post, 409, Answer::Refetch),
        (&put, 412, Answer::Refetch),
        (&put, 428, Answer::Refetch),
        (&put, 410, Answer::Refetch),
        (&put, 404, Answer::Forget),
        (&post, 404, Answer::Stop(Trouble::NotFound)),
        (&put, 401, Answer::Stop(Trouble::TokenRefused)),
        (&post, 403, Answer::Stop(Trouble::ReadOnly)),
        (&post, 400, Answer::Refused),
        (&post, 413, Answer::Refused),
        (&post, 429, Answer::Retry),
        (&post, 503, Answer::Retry),
        (&post, 0, Answer::Retry),
    ];
    for (send, status, expected) in rows {
        assert_eq!(
            classify(send, status),
            expected,
            "{} {status}",
            send.method()
        );
    }
    let labels = [
        (SyncStatus::Synced, "synced", "Synced"),
        (SyncStatus::Syncing, "syncing", "Syncing…"),
        (
            SyncStatus::Offline { waiting: 1 },
            "offline",
            "Offline (1 change waiting)",
        ),
        (
            SyncStatus::Offline { waiting: 3 },
            "offline",
            "Offline (3 changes waiting)",
        ),
        (
            SyncStatus::Attention {
                why: Trouble::ReadOnly.why().into(),
            },
            "attention",
            "Needs attention: this token may only read (403)",
        ),
    ];
    for (status, key, label) in labels {
        assert_eq!((status.key(), status.label().as_str()), (key, label));
    }
}

#[test]
fn the_record_persists_per_container() {
    let store = MemoryStore::default();
    let doc =
        crate::text::document::DocumentId::parse("budget-2026").unwrap_or_else(|e| panic!("{e:?}"));
    let container = container_url("http://127.0.0.1:9/annotations", &doc);
    assert_eq!(container, "http://127.0.0.1:9/annotations/budget-2026/");
    let mut desk = DeskSync::load(&store, &doc, &container);
    assert_eq!(desk, DeskSync::new(&container));
    desk.cursor = Some("42".into());
    desk.server.insert(id(1), live("\"7\"", 10));
    desk.server.insert(id(2), gone("\"8\"", Some(11)));
    desk.changed_by.insert(id(1), "Ana".into());
    desk.save(&store, &doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(DeskSync::load(&store, &doc, &container), desk);
    assert_eq!(
        DeskSync::load(&store, &doc, "http://other/"),
        DeskSync::new("http://other/")
    );
}

#[test]
fn choosing_in_the_card_wins_everywhere() {
    let mine = edit(create(start(), 1, 1), 1, 30);
    let theirs = annotation_at(1, 20);
    let taken = reduce(
        mine.clone(),
        choose(
            &mine,
            RemoteCopy::Live(Box::new(theirs.clone())),
            id(1),
            Timestamp(25),
        ),
    );
    let shown = taken
        .claim(id(1))
        .map(|c| (c.annotation.note.clone(), c.annotation.modified));
    assert_eq!(shown, Some((theirs.note.clone(), Timestamp(31))));
    let kept = reduce(
        mine.clone(),
        choose(
            &mine,
            RemoteCopy::Live(Box::new(mine.annotations().remove(0))),
            id(1),
            Timestamp(40),
        ),
    );
    assert_eq!(
        kept.claim(id(1)).map(|c| c.annotation.modified),
        Some(Timestamp(40))
    );
    let gone = reduce(
        mine.clone(),
        choose(&mine, RemoteCopy::Deleted(None), id(1), Timestamp(40)),
    );
    assert!(gone.claim(id(1)).is_none());
    let change = RemoteChange {
        id: id(1),
        etag: "e".into(),
        changed_by: None,
        copy: RemoteCopy::Live(Box::new(theirs)),
    };
    assert!(
        !would_replace(&mine, &change),
        "older than mine: replaces nothing"
    );
    let newer = RemoteChange {
        copy: RemoteCopy::Live(Box::new(annotation_at(1, 35))),
        ..change.clone()
    };
    assert!(would_replace(&mine, &newer));
    assert!(
        !would_replace(&start(), &newer),
        "no local claim: nothing to protect"
    );
    let deleted = RemoteChange {
        copy: RemoteCopy::Deleted(Some(Timestamp(30))),
        ..change
    };
    assert!(would_replace(&mine, &deleted));
}
