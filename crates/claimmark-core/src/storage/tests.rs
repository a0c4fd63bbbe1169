//! Tests of the envelope: saving and loading, set-aside, legacy and newer
//! schemas, quotas, and the key list.

use super::*;
use crate::model::annotation::{Annotation, Deletion, Timestamp};
use crate::model::annotation::{
    AnnotationId, SourceUrl, Target, TextPositionSelector, TextQuoteSelector,
};
use crate::model::certainty::Certainty;
use crate::model::certainty_change::CertaintyChange;
use crate::state::notice::{Notice, SetAsideReason};
use crate::state::store::State;
use crate::storage::row_cache::{save_state_cached, RowCache};
use crate::text::document::{Document, DocumentId};
use std::rc::Rc;

fn doc_id() -> DocumentId {
    DocumentId::parse("story-1").expect("valid")
}

const TEXT: &str = "The date 2026: Hundreds 😀 have gathered, officials said.";

fn document() -> Document {
    Document::from_plain_text(TEXT, Some(doc_id()))
}

/// A claim on "Hundreds 😀" of [`TEXT`], described as `describe` would.
fn claim(seed: u8) -> Annotation {
    Annotation {
        id: AnnotationId::from_random_bytes([seed; 16]),
        target: Target {
            quote: TextQuoteSelector {
                exact: "Hundreds 😀".to_owned(),
                prefix: "The date 2026: ".to_owned(),
                suffix: " have gathered, officials said.".to_owned(),
            },
            position: TextPositionSelector { start: 15, end: 25 },
        },
        certainty: Certainty::Unclear,
        note: "<b>not html</b>".to_owned(),
        sources: Vec::new(),
        tags: Vec::new(),
        created: Timestamp(1_772_013_600_000),
        modified: Timestamp(1_772_013_600_500),
        history: Vec::new(),
    }
}

/// Claims of every shape the compact form distinguishes.
fn every_shape() -> Vec<Annotation> {
    let mut all = vec![claim(1)];
    let mut rich = claim(2);
    rich.note = "Line one\nline \"two\"".to_owned();
    rich.sources = vec![SourceUrl::parse("https://example.org/a?b=1").expect("url")];
    rich.tags = vec!["police".to_owned(), "numbers".to_owned()];
    rich.history = vec![
        CertaintyChange {
            from: None,
            to: Certainty::Confirmed,
            at: rich.created,
            by: None,
        },
        CertaintyChange {
            from: Some(Certainty::Confirmed),
            to: Certainty::Unclear,
            at: Timestamp(rich.created.0 + 60_000),
            by: None,
        },
        CertaintyChange {
            from: None,
            to: Certainty::Unconfirmed,
            at: Timestamp(rich.created.0 - 5),
            by: Some("Ana".to_owned()),
        },
    ];
    all.push(rich);
    let quote = |exact: &str, prefix: &str, suffix: &str| TextQuoteSelector {
        exact: exact.to_owned(),
        prefix: prefix.to_owned(),
        suffix: suffix.to_owned(),
    };
    let at = |start, end| TextPositionSelector { start, end };
    let variants: [(u8, Option<TextPositionSelector>, Option<TextQuoteSelector>); 6] = [
        // Placed by its quote elsewhere than its position says.
        (3, Some(at(0, 8)), None),
        // An orphan: its quote is nowhere in the text.
        (
            4,
            None,
            Some(quote("a sentence since edited away", "before ", "")),
        ),
        // Positions past the end, reversed, and an empty quote.
        (5, Some(at(50, 900)), None),
        (6, Some(at(25, 15)), None),
        (7, None, Some(quote("", "", ""))),
        // The same words, but its context recorded before an edit.
        (
            8,
            None,
            Some(quote(
                "Hundreds 😀",
                "On the date 2026: ",
                " have gathered, officials said.",
            )),
        ),
    ];
    for (seed, position, changed) in variants {
        let mut variant = claim(seed);
        if let Some(position) = position {
            variant.target.position = position;
        }
        if let Some(changed) = changed {
            variant.target.quote = changed;
            variant.certainty = Certainty::Confirmed;
        }
        all.push(variant);
    }
    all
}

#[test]
fn every_claim_reads_back_equal_against_the_same_text() {
    let doc = document();
    let claims = every_shape();
    let deletions = vec![Deletion {
        id: AnnotationId::from_random_bytes([9; 16]),
        at: Timestamp(1_772_013_700_000),
    }];
    for keep_text in [true, false] {
        let store = MemoryStore::default();
        save_with_deletions(&store, &doc, keep_text, &claims, &deletions).expect("saved");
        let keys: Vec<String> = store.snapshot().into_keys().collect();
        let mut expected = vec!["claimmark:v1:doc:story-1".to_owned()];
        if keep_text {
            expected.push("claimmark:v1:text:story-1".to_owned());
        }
        assert_eq!(keys, expected);
        let loaded = load(&store, &doc_id(), Timestamp(5), Some(&doc));
        assert_eq!(loaded.annotations, claims, "keep_text {keep_text}");
        assert_eq!(loaded.deletions, deletions);
        assert_eq!(loaded.text_kept, keep_text);
        assert!(loaded.notices.is_empty());
        // Without the shown article, only a kept text can be read against.
        let alone = load(&store, &doc_id(), Timestamp(5), None);
        assert_eq!(alone.annotations.len(), claims.len());
        assert_eq!(
            alone.document.map(|d| d.text().to_owned()),
            keep_text.then(|| TEXT.to_owned())
        );
    }
    let other = DocumentId::parse("other").expect("valid");
    let store = MemoryStore::default();
    save(&store, &doc, false, &claims).expect("saved");
    assert!(load(&store, &other, Timestamp(5), None)
        .annotations
        .is_empty());
}

#[test]
fn the_compact_form_leaves_out_what_the_text_gives_back() {
    let doc = document();
    let claims = vec![claim(1), every_shape().remove(1), every_shape().remove(3)];
    let store = MemoryStore::default();
    save(&store, &doc, true, &claims).expect("saved");
    let mut snapshot = store.snapshot();
    let written = snapshot
        .remove("claimmark:v1:doc:story-1")
        .expect("written");
    assert_eq!(
        snapshot.remove("claimmark:v1:text:story-1").as_deref(),
        Some(TEXT),
        "the text under its own key, raw"
    );
    let id = |n: u8| {
        AnnotationId::from_random_bytes([n; 16])
            .0
            .simple()
            .to_string()
    };
    let expected = format!(
        concat!(
            r#"{{"schema":2,"document":"story-1","textHash":"{hash}","textKept":true,"claims":["#,
            r#"["{one}",15,25,1,1772013600000,500,0,{{"n":"<b>not html</b>"}}],"#,
            r#"["{two}",15,25,1,1772013600000,500,0,{{"n":"Line one\nline \"two\"","#,
            r#""s":["https://example.org/a?b=1"],"t":["police","numbers"],"#,
            r#""h":[[0,0],[1,60000,0],[2,-5,null,"Ana"]]}}],"#,
            r#"["{four}",15,25,0,1772013600000,500,"#,
            r#"["a sentence since edited away","before ",""],{{"n":"<b>not html</b>"}}]]}}"#
        ),
        hash = doc.text_hash(),
        one = id(1),
        two = id(2),
        four = id(4),
    );
    assert_eq!(written, expected);

    // Without the text: the exact words stay, the context is the
    // article's again when its hash matches, and is lost (not guessed)
    // when the article changed.
    save(&store, &doc, false, &[claim(1)]).expect("saved");
    let written = store
        .snapshot()
        .remove("claimmark:v1:doc:story-1")
        .expect("written");
    assert!(
        written.contains(&format!(r#""textHash":"{}""#, doc.text_hash())),
        "{written}"
    );
    assert!(written.contains(r#",500,"Hundreds 😀",{"#), "{written}");
    let edited = Document::from_plain_text(&TEXT.replace("said", "told us"), Some(doc_id()));
    let loaded = load(&store, &doc_id(), Timestamp(5), Some(&edited));
    let quote = &loaded.annotations.first().expect("kept").target.quote;
    assert_eq!(
        (
            quote.exact.as_str(),
            quote.prefix.as_str(),
            quote.suffix.as_str()
        ),
        ("Hundreds 😀", "", "")
    );
    assert!(loaded.notices.is_empty());
}

#[test]
fn a_state_is_saved_as_the_rows_it_loads_from() {
    use crate::{reduce, Action, Span};
    let text = "Officials confirmed the fire on Tuesday. The mayor denied it.";
    let document = Rc::new(Document::from_plain_text(text, Some(doc_id())));
    let mut state = Rc::new(State::new(document.clone()));
    Rc::make_mut(&mut state).keep_text = true;
    for (n, start) in [(1u8, 0), (2, 41), (3, 10)] {
        let action = Action::Create {
            id: AnnotationId::from_random_bytes([n; 16]),
            span: Span::new(start, start + 9),
            certainty: crate::Certainty::Unclear,
            at: Timestamp(i64::from(n)),
        };
        state = reduce(state, action);
    }
    let gone = AnnotationId::from_random_bytes([3; 16]);
    state = reduce(
        state,
        Action::DeleteAt {
            id: gone,
            at: Timestamp(9),
        },
    );
    let store = MemoryStore::default();
    save_state(&store, &state).expect("saved");
    let written = store
        .snapshot()
        .remove("claimmark:v1:doc:story-1")
        .expect("written");
    let copy = MemoryStore::default();
    save_with_deletions(
        &copy,
        &document,
        true,
        &state.annotations(),
        &state.deletions,
    )
    .expect("saved");
    assert_eq!(
        Some(&written),
        copy.snapshot().get("claimmark:v1:doc:story-1"),
        "the state is written as its annotations are"
    );
    let loaded = load(&store, &doc_id(), Timestamp(10), None);
    assert_eq!(loaded.annotations, state.annotations());
    assert_eq!(
        loaded.deletions,
        vec![Deletion {
            id: gone,
            at: Timestamp(9)
        }]
    );
    assert_eq!(
        loaded.document.map(|d| d.text().to_owned()),
        Some(text.to_owned())
    );
}

#[test]
fn a_store_too_full_for_the_text_key_keeps_the_text_in_the_envelope_until_it_fits() {
    let claims = every_shape();
    let legacy = serde_json::to_string(&LegacyEnvelope {
        schema: 1,
        document: doc_id(),
        text: Some(TEXT.to_owned()),
        annotations: claims.clone(),
        deletions: Vec::new(),
    })
    .expect("json");
    let key = "claimmark:v1:doc:story-1";
    // Room for the schema 1 envelope and a little more, not for a copy
    // of the text beside it.
    let store = MemoryStore::with_quota(key.len() + legacy.encode_utf16().count() + 20);
    store.set(key, &legacy).expect("seeded");
    let loaded = load(&store, &doc_id(), Timestamp(5), None);
    let reopened = Rc::new(loaded.document.expect("text kept"));
    let mut state = State::new(reopened.clone());
    state.keep_text = true;
    state.claims = loaded
        .annotations
        .iter()
        .map(|annotation| {
            Rc::new(crate::Claim {
                placement: crate::model::anchor::anchor(&reopened, &annotation.target),
                annotation: annotation.clone(),
            })
        })
        .collect();
    let mut cache = RowCache::default();
    save_state_cached(&store, &state, &mut cache).expect("saved inline");
    let snapshot = store.snapshot();
    assert_eq!(snapshot.len(), 1, "no text key yet");
    let inline = snapshot.get(key).expect("written");
    assert!(inline.contains(r#","text":"#) && !inline.contains("textKept"));
    assert_eq!(
        load(&store, &doc_id(), Timestamp(6), None).annotations,
        claims
    );
    // The smaller envelope made room: the next save moves the text out.
    save_state_cached(&store, &state, &mut cache).expect("saved");
    let snapshot = store.snapshot();
    assert_eq!(
        snapshot
            .get("claimmark:v1:text:story-1")
            .map(String::as_str),
        Some(TEXT)
    );
    assert!(snapshot
        .get(key)
        .expect("written")
        .contains(r#""textKept":true"#));
    let again = load(&store, &doc_id(), Timestamp(7), None);
    assert_eq!(again.annotations, claims);
    assert!(again.notices.is_empty());
}

#[test]
fn a_text_key_that_is_not_the_version_named_leaves_its_claims_set_aside_not_guessed() {
    let doc = document();
    let claims = every_shape();
    let store = MemoryStore::default();
    save(&store, &doc, true, &claims).expect("saved");
    store
        .set("claimmark:v1:text:story-1", "Another text altogether.")
        .expect("tampered");
    let loaded = load(&store, &doc_id(), Timestamp(8), None);
    // Rows whose quote is "the text's" cannot be read without it; the
    // others (written in full) still are.
    let lost = claims.len() - loaded.annotations.len();
    assert!(lost > 0 && !loaded.annotations.is_empty(), "{lost}");
    assert_eq!(
        loaded.notices,
        vec![Notice::PartlyUnreadable {
            key: "claimmark:v1:doc:story-1:set-aside:8".to_owned(),
            unreadable: lost,
        }]
    );
    // With the right article at hand, every claim reads back.
    assert_eq!(
        load(&store, &doc_id(), Timestamp(9), Some(&doc)).annotations,
        claims
    );
}

#[test]
fn schema_1_still_loads_and_the_next_save_writes_schema_2() {
    let claims = every_shape();
    let legacy = LegacyEnvelope {
        schema: 1,
        document: doc_id(),
        text: Some(TEXT.to_owned()),
        annotations: claims.clone(),
        deletions: Vec::new(),
    };
    let store = MemoryStore::default();
    let key = "claimmark:v1:doc:story-1";
    store
        .set(key, &serde_json::to_string(&legacy).expect("json"))
        .expect("seeded");
    let loaded = load(&store, &doc_id(), Timestamp(5), None);
    assert_eq!(loaded.annotations, claims);
    assert!(loaded.text_kept && loaded.notices.is_empty());
    let reopened = loaded.document.expect("text kept");
    save(&store, &reopened, true, &loaded.annotations).expect("saved");
    let written = store.snapshot().remove(key).expect("written");
    assert!(written.starts_with(r#"{"schema":2,"#), "{written}");
    assert!(written.len() < serde_json::to_string(&legacy).expect("json").len());
    assert_eq!(
        load(&store, &doc_id(), Timestamp(6), None).annotations,
        claims
    );
}

#[test]
fn unreadable_contents_are_set_aside_never_overwritten() {
    let key = "claimmark:v1:doc:story-1";
    let good = serde_json::to_value(claim(1)).expect("json");
    let partly =
        serde_json::json!({"schema": 1, "document": "story-1", "annotations": [good, {"id": 5}]})
            .to_string();
    let row = |n: u8, quote: serde_json::Value| {
        let id = AnnotationId::from_random_bytes([n; 16])
            .0
            .simple()
            .to_string();
        serde_json::json!([id, 15, 25, 1, 1_772_013_600_000_i64, 0, quote])
    };
    // A row whose quote is "the text's" in an envelope without text
    // cannot be read; nor can a certainty of 7.
    let partly_compact =
        serde_json::json!({"schema": 2, "document": "story-1", "textHash": "0", "claims": [
            row(1, "Hundreds 😀".into()), row(2, 0.into()), [row(3, "x".into())], {"id": 5}
        ], "deletions": [["bad"]]})
        .to_string();
    let mut bad_certainty = row(4, "Hundreds 😀".into());
    if let Some(certainty) = bad_certainty.get_mut(3) {
        *certainty = 7.into();
    }
    let partly_compact_certainty = serde_json::json!({"schema": 2, "document": "story-1", "claims": [row(1, "Hundreds 😀".into()), bad_certainty]}).to_string();
    let newer_with_claims = serde_json::json!({"schema": 3, "document": "story-1", "claims": [row(1, "Hundreds 😀".into()), {"future": "shape"}], "extra": 1}).to_string();
    let table: [(&str, String, Option<Notice>, usize); 8] = [
        (
            "corrupt",
            "{not json".to_owned(),
            Some(Notice::SetAside {
                key: format!("{key}:set-aside:9"),
                reason: SetAsideReason::Corrupt,
            }),
            0,
        ),
        (
            "foreign",
            "[1,2,3]".to_owned(),
            Some(Notice::SetAside {
                key: format!("{key}:set-aside:9"),
                reason: SetAsideReason::Foreign,
            }),
            0,
        ),
        (
            "other document",
            serde_json::json!({"schema": 1, "document": "story-2", "annotations": []}).to_string(),
            Some(Notice::SetAside {
                key: format!("{key}:set-aside:9"),
                reason: SetAsideReason::Foreign,
            }),
            0,
        ),
        (
            "partly",
            partly,
            Some(Notice::PartlyUnreadable {
                key: format!("{key}:set-aside:9"),
                unreadable: 1,
            }),
            1,
        ),
        (
            "partly compact",
            partly_compact,
            Some(Notice::PartlyUnreadable {
                key: format!("{key}:set-aside:9"),
                unreadable: 4,
            }),
            1,
        ),
        (
            "partly compact",
            partly_compact_certainty,
            Some(Notice::PartlyUnreadable {
                key: format!("{key}:set-aside:9"),
                unreadable: 1,
            }),
            1,
        ),
        (
            "newer",
            r#"{"schema": 7, "whatever": true}"#.to_owned(),
            Some(Notice::NewerSchema { found: 7 }),
            0,
        ),
        (
            "newer",
            newer_with_claims,
            Some(Notice::NewerSchema { found: 3 }),
            1,
        ),
    ];
    for (name, raw, notice, kept) in table {
        let store = MemoryStore::default();
        store.set(key, &raw).expect("seeded");
        let loaded = load(&store, &doc_id(), Timestamp(9), Some(&document()));
        assert_eq!(
            loaded.notices,
            notice.into_iter().collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(loaded.annotations.len(), kept, "{name}");
        let snapshot = store.snapshot();
        assert_eq!(snapshot.get(key), Some(&raw), "{name}: original untouched");
        if name != "newer" {
            assert_eq!(
                snapshot.get(&format!("{key}:set-aside:9")),
                Some(&raw),
                "{name}: copy kept"
            );
        } else {
            assert!(loaded.read_only());
        }
    }
}

#[test]
fn a_second_set_aside_does_not_overwrite_the_first() {
    let store = MemoryStore::default();
    let key = "claimmark:v1:doc:story-1";
    store.set(key, "first bad").expect("seeded");
    load(&store, &doc_id(), Timestamp(9), None);
    store.set(key, "second bad").expect("seeded");
    let loaded = load(&store, &doc_id(), Timestamp(9), None);
    assert_eq!(
        loaded.notices,
        vec![Notice::SetAside {
            key: format!("{key}:set-aside:9-1"),
            reason: SetAsideReason::Corrupt
        }]
    );
    let snapshot = store.snapshot();
    assert_eq!(
        snapshot
            .get(&format!("{key}:set-aside:9"))
            .map(String::as_str),
        Some("first bad")
    );
    assert_eq!(
        snapshot
            .get(&format!("{key}:set-aside:9-1"))
            .map(String::as_str),
        Some("second bad")
    );
}

#[test]
fn storage_faults_become_notices_and_keep_old_values() {
    let blocked = MemoryStore::unavailable();
    assert_eq!(
        load(&blocked, &doc_id(), Timestamp(1), None).notices,
        vec![Notice::Unavailable]
    );
    assert!(matches!(
        save(&blocked, &document(), false, &[claim(1)]),
        Err(StorageError::Unavailable(_))
    ));

    let small = MemoryStore::with_quota(400);
    save(&small, &document(), false, &[claim(1)]).expect("fits");
    let before = small.snapshot();
    let many: Vec<Annotation> = (0..10).map(claim).collect();
    assert_eq!(
        save(&small, &document(), false, &many),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(
        small.snapshot(),
        before,
        "the old value survives a full store"
    );

    // Full before a set-aside can be made: the original is protected.
    let full = MemoryStore::with_quota(40);
    full.set("claimmark:v1:doc:story-1", "{bad").expect("fits");
    let loaded = load(&full, &doc_id(), Timestamp(3), None);
    assert_eq!(loaded.notices, vec![Notice::Protected]);
    assert!(loaded.read_only());
}
