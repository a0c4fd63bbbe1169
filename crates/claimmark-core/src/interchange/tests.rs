//! Table tests of the interchange formats: the W3C round trip, every
//! reason an item is refused, the merge rules, previews, ClaimReview,
//! text fragments and share links.

use std::rc::Rc;

use serde_json::{json, Value};

use super::*;
use crate::model::anchor::describe;
use crate::model::annotation::{Annotation, Deletion, SourceUrl, Timestamp};
use crate::model::certainty::Certainty;
use crate::state::{reduce, Action, State};
use crate::storage::{self, MemoryStore};
use crate::test_support::id;
use crate::text::document::Document;
use crate::text::span::Span;

const SEED: &str = include_str!("../../../../assets/article.txt");
const EMOJI: &str = "Der Bürgermeister 😀 sagte: „Die 𝔘𝔫𝔦𝔠𝔬𝔡𝔢-Brücke ist sicher.“\n\nKritiker 🇺🇦 widersprechen: Die Brücke ist nicht sicher, sagen sie.";
const T0: i64 = 1_772_013_600_000;

fn url(raw: &str) -> SourceUrl {
    SourceUrl::parse(raw).expect("valid link")
}

/// A claim over `span` of `doc` with the given extras.
fn claim(doc: &Document, n: u8, span: (usize, usize), certainty: Certainty) -> Annotation {
    Annotation {
        id: id(n),
        target: describe(doc, Span::new(span.0, span.1)).expect("span in range"),
        certainty,
        note: String::new(),
        sources: Vec::new(),
        tags: Vec::new(),
        created: Timestamp(T0),
        modified: Timestamp(T0 + i64::from(n)),
        history: Vec::new(),
    }
}

fn state_of(doc: &Rc<Document>, annotations: Vec<Annotation>) -> Rc<State> {
    let empty = Rc::new(State::new(doc.clone()));
    reduce(empty, Action::Import { annotations })
}

fn span_of(doc: &Document, quote: &str) -> (usize, usize) {
    let byte = doc.text().find(quote).expect("quote in text");
    let start = doc.text().get(..byte).expect("boundary").chars().count();
    (start, start + quote.chars().count())
}

/// A named document, its page URL if any, and its claims.
type Case = (
    &'static str,
    Rc<Document>,
    Option<SourceUrl>,
    Vec<Annotation>,
);

/// A merge case: name, local claims, tombstones, incoming, decision, note after.
type MergeRow = (
    &'static str,
    Vec<Annotation>,
    Vec<Deletion>,
    Annotation,
    Decision,
    Option<&'static str>,
);

/// The documents and claims of the round-trip table.
fn round_trip_cases() -> Vec<Case> {
    let seed = Rc::new(Document::from_plain_text(SEED, None));
    let emoji = Rc::new(Document::from_plain_text(EMOJI, None));
    let mut seed_claims = vec![
        claim(&seed, 3, (17, 53), Certainty::Unconfirmed),
        claim(&seed, 1, (17, 25), Certainty::Confirmed),
        claim(&seed, 2, span_of(&seed, "Venezuela"), Certainty::Unclear),
    ];
    seed_claims[0].note =
        "<b>Only</b> anonymous sources & <script>alert(1)</script>\nline two".to_owned();
    seed_claims[0].sources = vec![
        url("https://www.reuters.com/world/a"),
        url("https://apnews.com/b?x=1&y=2"),
        url("http://example.org/c#frag"),
    ];
    seed_claims[0].tags = vec!["cuba".to_owned(), "security forces".to_owned()];
    seed_claims[1].modified = Timestamp(T0 + 250);
    let mut emoji_claims = vec![
        claim(&emoji, 7, span_of(&emoji, "😀 sagte"), Certainty::Unclear),
        claim(
            &emoji,
            5,
            span_of(&emoji, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢-Brücke"),
            Certainty::Confirmed,
        ),
        claim(
            &emoji,
            6,
            span_of(&emoji, "Kritiker 🇺🇦"),
            Certainty::Unconfirmed,
        ),
    ];
    emoji_claims[1].note = "Bestätigt 👍 <i>zweimal</i>".to_owned();
    emoji_claims[1].tags = vec!["brücke 🌉".to_owned()];
    vec![
        (
            "seed article with a URL",
            seed.clone(),
            Some(url("https://news.example/cuba")),
            seed_claims,
        ),
        ("astral characters, no URL", emoji, None, emoji_claims),
        ("no claims", seed, None, Vec::new()),
    ]
}

#[test]
fn export_import_export_is_byte_identical() {
    for (name, doc, page, annotations) in round_trip_cases() {
        let source = target_source(doc.id(), page.as_ref());
        let first = export_collection(&source, &annotations);
        let parsed = parse_import(&first, Some(&doc)).expect("own export parses");
        assert!(parsed.rejected.is_empty(), "{name}: {:?}", parsed.rejected);
        assert_eq!(parsed.total, annotations.len(), "{name}");
        assert_eq!(
            parsed.source.as_deref(),
            (!annotations.is_empty()).then_some(source.as_str()),
            "{name}"
        );
        let state = state_of(&doc, parsed.annotations);
        let second = export_collection(&source, &state.annotations());
        assert_eq!(first, second, "{name}");
        assert_eq!(
            export_collection_compact(&source, &annotations),
            export_collection_compact(&source, &state.annotations()),
            "{name}"
        );
        // Every imported claim anchors where it was.
        for original in &annotations {
            let placed = state.claim(original.id).expect("imported");
            assert_eq!(&placed.annotation, original, "{name}");
            let position = original.target.position;
            assert_eq!(
                placed.placement.span(),
                Some(Span::new(position.start, position.end)),
                "{name}"
            );
        }
    }
}

#[test]
fn export_follows_the_w3c_model_in_a_fixed_order() {
    let (_, doc, page, annotations) = round_trip_cases().into_iter().next().expect("a case");
    let source = target_source(doc.id(), page.as_ref());
    let exported = export_collection(&source, &annotations);
    let value: Value = serde_json::from_str(&exported).expect("json");
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    assert_eq!(value["total"], 3);
    let items = value["first"]["items"].as_array().expect("items");
    // Document order: (17, 25) before (17, 53), then Venezuela.
    let ids: Vec<String> = items
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(
        ids,
        vec![
            format!("urn:uuid:{}", id(1)),
            format!("urn:uuid:{}", id(3)),
            format!("urn:uuid:{}", id(2))
        ]
    );
    let full = &items[1];
    assert_eq!(full["motivation"], "assessing");
    assert_eq!(
        full["body"][0],
        json!({"type": "TextualBody", "purpose": "assessing", "value": "unconfirmed"})
    );
    assert_eq!(full["body"][1]["purpose"], "commenting");
    assert_eq!(full["body"][1]["format"], "text/plain");
    assert_eq!(
        full["body"][2],
        json!({"type": "SpecificResource", "purpose": "linking", "source": "https://www.reuters.com/world/a"})
    );
    assert_eq!(
        full["body"][5],
        json!({"type": "TextualBody", "purpose": "tagging", "value": "cuba"})
    );
    assert_eq!(full["target"]["source"], "https://news.example/cuba");
    assert_eq!(full["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(
        full["target"]["selector"][0]["exact"],
        "Hundreds of Cuban security personnel"
    );
    assert_eq!(
        full["target"]["selector"][1],
        json!({"type": "TextPositionSelector", "start": 17, "end": 53})
    );
    assert_eq!(full["created"], "2026-02-25T10:00:00Z");
    let keys: Vec<&str> = exported
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('"'))
        .filter_map(|l| l.split('"').next())
        .take(6)
        .collect();
    assert_eq!(
        keys,
        vec!["@context", "id", "type", "label", "total", "first"]
    );
    let no_url = target_source(doc.id(), None);
    assert_eq!(no_url, format!("urn:claimmark:doc:{}", doc.id()));
}

/// A valid import item for claim `n` of the seed article.
fn item(n: u8) -> Value {
    let seed = Document::from_plain_text(SEED, None);
    let annotation = claim(&seed, n, (17, 53), Certainty::Unclear);
    let exported = export_collection("https://news.example/a", &[annotation]);
    let value: Value = serde_json::from_str(&exported).expect("json");
    value["first"]["items"][0].clone()
}

#[test]
fn every_refused_item_says_why_with_its_index_and_changes_nothing() {
    type Mutate = fn(&mut Value);
    let rows: Vec<(&str, Mutate, &str)> = vec![
        (
            "unknown selector",
            |i| i["target"]["selector"] = json!([{"type": "CssSelector", "value": "#x"}]),
            "no usable selector (found: CssSelector)",
        ),
        (
            "no selector",
            |i| {
                i["target"]
                    .as_object_mut()
                    .expect("o")
                    .retain(|k, _| k != "selector")
            },
            "no usable selector (found: none)",
        ),
        (
            "missing id",
            |i| {
                i.as_object_mut().expect("o").remove("id");
            },
            "has no \"id\"",
        ),
        (
            "missing target",
            |i| {
                i.as_object_mut().expect("o").remove("target");
            },
            "has no \"target\"",
        ),
        (
            "wrong type",
            |i| i["created"] = json!(5),
            "\"created\" should be a string",
        ),
        (
            "invalid id",
            |i| i["id"] = json!("https://hypothes.is/a/xyz"),
            "is not a urn:uuid: or a UUID",
        ),
        (
            "javascript link",
            |i| {
                i["body"].as_array_mut().expect("a").push(json!({"type": "SpecificResource", "purpose": "linking", "source": "javascript:alert(1)"}))
            },
            "link \"javascript:alert(1)\" refused: only http:// and https://",
        ),
        (
            "data link",
            |i| {
                i["body"]
                    .as_array_mut()
                    .expect("a")
                    .push(json!({"id": "data:text/html,<script>", "purpose": "linking"}))
            },
            "link \"data:text/html,<script>\" refused",
        ),
        (
            "unknown certainty",
            |i| i["body"][0]["value"] = json!("maybe"),
            "unknown certainty \"maybe\"",
        ),
        (
            "no certainty",
            |i| i["body"] = json!([]),
            "no assessing body",
        ),
        (
            "two certainties",
            |i| {
                i["body"].as_array_mut().expect("a").push(
                    json!({"type": "TextualBody", "purpose": "assessing", "value": "confirmed"}),
                )
            },
            "more than one assessing body",
        ),
        (
            "bad date",
            |i| i["modified"] = json!("yesterday"),
            "\"modified\" \"yesterday\" is not a date-time",
        ),
        (
            "no dates",
            |i| {
                let o = i.as_object_mut().expect("o");
                o.remove("created");
                o.remove("modified");
            },
            "has no \"modified\"",
        ),
        (
            "empty quote",
            |i| i["target"]["selector"] = json!([{"type": "TextQuoteSelector", "exact": ""}]),
            "\"exact\" is empty",
        ),
        (
            "quote too long",
            |i| i["target"]["selector"][0]["exact"] = json!("q".repeat(MAX_QUOTE_CHARS + 1)),
            "quote is too long: 10001 characters",
        ),
        (
            "prefix too long",
            |i| i["target"]["selector"][0]["prefix"] = json!("p".repeat(MAX_CONTEXT_CHARS + 1)),
            "prefix is too long",
        ),
        (
            "suffix too long",
            |i| i["target"]["selector"][0]["suffix"] = json!("s".repeat(MAX_CONTEXT_CHARS + 1)),
            "suffix is too long",
        ),
        (
            "note too long",
            |i| {
                i["body"].as_array_mut().expect("a").push(json!({"type": "TextualBody", "purpose": "commenting", "value": "n".repeat(10_001)}))
            },
            "note is too long",
        ),
        (
            "link too long",
            |i| {
                i["body"].as_array_mut().expect("a").push(json!({"type": "SpecificResource", "purpose": "linking", "source": format!("https://x.org/{}", "a".repeat(3000))}))
            },
            "longer than 2048",
        ),
        (
            "tag too long",
            |i| {
                i["body"].as_array_mut().expect("a").push(json!({"type": "TextualBody", "purpose": "tagging", "value": "t".repeat(MAX_TAG_CHARS + 1)}))
            },
            "tag is too long",
        ),
        (
            "target source too long",
            |i| i["target"]["source"] = json!("u".repeat(MAX_TARGET_SOURCE_LEN + 1)),
            "target source is too long",
        ),
        (
            "not an annotation",
            |i| i["type"] = json!("Note"),
            "is not a W3C Annotation",
        ),
        ("not an object", |i| *i = json!(42), "is not a JSON object"),
        (
            "duplicate id",
            |i| *i = item(1),
            "has the same id as items[0]",
        ),
    ];
    let doc = Rc::new(Document::from_plain_text(SEED, None));
    let local = claim(&doc, 1, (17, 53), Certainty::Unclear);
    for (name, mutate, expected) in rows {
        let mut bad = item(2);
        mutate(&mut bad);
        // Item 0 is identical to the local claim, so only item 1 could change anything.
        let input = json!([item(1), bad]).to_string();
        let parsed = parse_import(&input, Some(&doc)).expect("the list itself is fine");
        assert_eq!(parsed.rejected.len(), 1, "{name}: {:?}", parsed.rejected);
        let message = parsed.rejected[0].to_string();
        assert_eq!(parsed.rejected[0].index, 1, "{name}");
        assert!(message.starts_with("items[1] "), "{name}: {message}");
        assert!(
            message.contains(expected),
            "{name}: {message:?} lacks {expected:?}"
        );
        let state = state_of(&doc, vec![local.clone()]);
        let shown = preview(&state, &parsed);
        assert_eq!(
            (shown.new, shown.unchanged, shown.rejected.len()),
            (0, 1, 1),
            "{name}"
        );
        let after = reduce(
            state.clone(),
            Action::Import {
                annotations: parsed.annotations,
            },
        );
        assert!(Rc::ptr_eq(&state, &after), "{name}: state unchanged");
    }
}

#[test]
fn html_in_notes_is_kept_as_text_and_other_purposes_are_ignored() {
    let mut value = item(4);
    value["body"].as_array_mut().expect("a").extend([
        json!({"type": "TextualBody", "purpose": "commenting", "format": "text/html", "value": "<p onclick=\"x()\">Hi</p>"}),
        json!({"type": "TextualBody", "purpose": "highlighting", "value": "ignored"}),
        json!("https://bare.example/iri"),
    ]);
    value["target"]["selector"]
        .as_array_mut()
        .expect("a")
        .push(json!({"type": "XPathSelector", "value": "/p[1]"}));
    let parsed = parse_import(&value.to_string(), None).expect("one annotation");
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    assert_eq!(parsed.annotations[0].note, "<p onclick=\"x()\">Hi</p>");
}

#[test]
fn whole_inputs_are_refused_with_a_reason() {
    let big = " ".repeat(MAX_IMPORT_BYTES + 1);
    let many = Value::Array(vec![json!(1); MAX_ITEMS + 1]).to_string();
    let table: [(&str, String, &str); 6] = [
        ("too large", big, "more than the 5242880 bytes accepted"),
        ("not json", "{\"first\": [".to_owned(), "not valid JSON"),
        (
            "a number",
            "42".to_owned(),
            "not a W3C Annotation, AnnotationCollection",
        ),
        (
            "an unknown object",
            "{\"type\": \"Thing\"}".to_owned(),
            "not a W3C Annotation, AnnotationCollection",
        ),
        (
            "pages by reference",
            json!({"type": "AnnotationCollection", "first": "https://x.org/page1"}).to_string(),
            "are not inline",
        ),
        (
            "too many items",
            many,
            "10001 annotations, more than the 10000",
        ),
    ];
    for (name, input, expected) in table {
        let error = parse_import(&input, None).expect_err(name);
        assert!(error.to_string().contains(expected), "{name}: {error}");
    }
    // The accepted shapes: a collection, a page, an array, one annotation.
    let one = item(1);
    for input in [
        json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [one.clone()]}}),
        json!({"type": "AnnotationPage", "items": [one.clone()]}),
        json!([one.clone()]),
        one.clone(),
    ] {
        assert_eq!(
            parse_import(&input.to_string(), None)
                .expect("accepted")
                .annotations
                .len(),
            1
        );
    }
}

#[test]
fn a_quote_alone_or_a_position_alone_with_the_text_is_enough() {
    let doc = Document::from_plain_text(SEED, None);
    let mut quote_only = item(1);
    quote_only["target"]["selector"] = quote_only["target"]["selector"][0].clone();
    let parsed = parse_import(&quote_only.to_string(), Some(&doc)).expect("parsed");
    assert!(parsed.rejected.is_empty());
    let state = state_of(&Rc::new(doc.clone()), parsed.annotations);
    assert_eq!(
        state.claim(id(1)).and_then(|c| c.placement.span()),
        Some(Span::new(17, 53))
    );
    let mut position_only = item(1);
    position_only["target"]["selector"] = position_only["target"]["selector"][1].clone();
    let with_text = parse_import(&position_only.to_string(), Some(&doc)).expect("parsed");
    assert_eq!(
        with_text.annotations[0].target.quote.exact,
        "Hundreds of Cuban security personnel"
    );
    let without = parse_import(&position_only.to_string(), None).expect("parsed");
    assert!(without.rejected[0]
        .to_string()
        .contains("no usable selector (found: TextPositionSelector, and no text"));
}

#[test]
fn merge_by_id_newer_wins_and_tombstones_hold() {
    let doc = Rc::new(Document::from_plain_text(SEED, None));
    let base = claim(&doc, 1, (17, 53), Certainty::Unclear);
    let with = |modified: i64, note: &str| Annotation {
        modified: Timestamp(modified),
        note: note.to_owned(),
        ..base.clone()
    };
    let local = with(T0 + 1000, "local");
    // (case, local claims, tombstones, incoming, decision, note afterwards or None when absent)
    let table: Vec<MergeRow> = vec![
        (
            "newer wins",
            vec![local.clone()],
            vec![],
            with(T0 + 2000, "newer"),
            Decision::Updated,
            Some("newer"),
        ),
        (
            "older ignored",
            vec![local.clone()],
            vec![],
            with(T0 + 500, "older"),
            Decision::KeptLocal,
            Some("local"),
        ),
        (
            "same time, different: local kept",
            vec![local.clone()],
            vec![],
            with(T0 + 1000, "other"),
            Decision::KeptLocal,
            Some("local"),
        ),
        (
            "equal unchanged",
            vec![local.clone()],
            vec![],
            local.clone(),
            Decision::Unchanged,
            Some("local"),
        ),
        (
            "absent: new",
            vec![],
            vec![],
            with(T0 + 2000, "new"),
            Decision::New,
            Some("new"),
        ),
        (
            "deleted after the copy: stays deleted",
            vec![],
            vec![Deletion {
                id: id(1),
                at: Timestamp(T0 + 3000),
            }],
            with(T0 + 2000, "x"),
            Decision::StaysDeleted,
            None,
        ),
        (
            "deleted at the copy's time: stays deleted",
            vec![],
            vec![Deletion {
                id: id(1),
                at: Timestamp(T0 + 2000),
            }],
            with(T0 + 2000, "x"),
            Decision::StaysDeleted,
            None,
        ),
        (
            "edited after the deletion: comes back",
            vec![],
            vec![Deletion {
                id: id(1),
                at: Timestamp(T0 + 1500),
            }],
            with(T0 + 2000, "back"),
            Decision::New,
            Some("back"),
        ),
    ];
    for (name, claims, deletions, incoming, decision, note) in table {
        assert_eq!(
            plan(&claims, &deletions, std::slice::from_ref(&incoming)),
            vec![decision],
            "{name}"
        );
        let mut state = (*state_of(&doc, claims)).clone();
        state.deletions = deletions;
        let state = Rc::new(state);
        let after = reduce(
            state.clone(),
            Action::Import {
                annotations: vec![incoming],
            },
        );
        assert_eq!(
            after.claim(id(1)).map(|c| c.annotation.note.as_str()),
            note,
            "{name}"
        );
        let changed = matches!(decision, Decision::New | Decision::Updated);
        assert_eq!(!Rc::ptr_eq(&state, &after), changed, "{name}");
        if changed {
            assert_eq!(after.revision, state.revision + 1, "{name}: one revision");
            assert!(after.deletions.is_empty(), "{name}: tombstone gone");
        }
    }
}

#[test]
fn deleting_records_a_tombstone_that_restore_removes_and_storage_keeps() {
    let doc = Rc::new(Document::from_plain_text(SEED, None));
    let original = claim(&doc, 1, (17, 53), Certainty::Unclear);
    let state = state_of(
        &doc,
        vec![
            original.clone(),
            claim(&doc, 2, (1, 5), Certainty::Confirmed),
        ],
    );
    // Without a clock, the tombstone is dated at the claim's last change.
    let deleted = reduce(state, Action::Delete { id: id(1) });
    assert_eq!(
        deleted.deletions,
        vec![Deletion {
            id: id(1),
            at: original.modified
        }]
    );
    let same_copy = reduce(
        deleted.clone(),
        Action::Import {
            annotations: vec![original.clone()],
        },
    );
    assert!(
        Rc::ptr_eq(&deleted, &same_copy),
        "re-importing the deleted copy does not resurrect it"
    );
    let restored = reduce(
        deleted,
        Action::Restore {
            annotation: original.clone(),
        },
    );
    assert!(restored.deletions.is_empty());
    let deleted = reduce(
        restored,
        Action::DeleteAt {
            id: id(2),
            at: Timestamp(T0 + 9000),
        },
    );
    assert_eq!(
        deleted.deletions,
        vec![Deletion {
            id: id(2),
            at: Timestamp(T0 + 9000)
        }]
    );

    let store = MemoryStore::default();
    storage::save_state(&store, &deleted).expect("saved");
    let loaded = storage::load(&store, doc.id(), Timestamp(1), Some(&doc));
    assert_eq!(loaded.deletions, deleted.deletions);
    assert_eq!(loaded.annotations, deleted.annotations());
    assert!(loaded.notices.is_empty());
    // Envelopes without tombstones (older data) still load, and none are written when empty.
    storage::save(&store, &doc, false, &[original]).expect("saved");
    let raw = store.snapshot().into_values().next().expect("one key");
    assert!(!raw.contains("deletions"), "{raw}");
    assert!(storage::load(&store, doc.id(), Timestamp(1), Some(&doc))
        .deletions
        .is_empty());
}

#[test]
fn preview_counts_every_outcome_without_changing_anything() {
    let doc = Rc::new(Document::from_plain_text(SEED, None));
    let a = claim(&doc, 1, (17, 53), Certainty::Unclear);
    let b = claim(&doc, 2, (1, 5), Certainty::Confirmed);
    let state = state_of(&doc, vec![a.clone(), b.clone()]);
    let mut newer_b = b.clone();
    newer_b.modified = Timestamp(T0 + 5000);
    newer_b.certainty = Certainty::Unconfirmed;
    let mut orphan = claim(&doc, 3, (17, 53), Certainty::Confirmed);
    orphan.target.quote.exact = "Words that are not in the article".to_owned();
    let fresh = claim(&doc, 4, span_of(&doc, "Venezuela"), Certainty::Unclear);
    let mut items: Vec<Value> = [a, newer_b, orphan, fresh]
        .iter()
        .map(|x| {
            serde_json::from_str::<Value>(&export_collection(
                "https://n.example/a",
                std::slice::from_ref(x),
            ))
            .expect("json")["first"]["items"][0]
                .clone()
        })
        .collect();
    items.push(json!({"type": "Annotation"}));
    let parsed = parse_import(&Value::Array(items).to_string(), Some(&doc)).expect("parsed");
    let shown = preview(&state, &parsed);
    assert_eq!(
        (
            shown.new,
            shown.updated,
            shown.unchanged,
            shown.kept_local,
            shown.stays_deleted,
            shown.orphaned,
            shown.rejected.len()
        ),
        (2, 1, 1, 0, 0, 1, 1)
    );
    assert_eq!(shown.rejected[0].index, 4);
    assert!(shown.changes_anything());
    assert!(shown.summary().starts_with("2 new, 1 updated, 1 unchanged"));
    let applied = reduce(
        state.clone(),
        Action::Import {
            annotations: parsed.annotations,
        },
    );
    assert_eq!(applied.revision, state.revision + 1);
    assert_eq!(applied.claims.len(), 4);
    assert_eq!(applied.orphans().count(), 1, "the orphan is kept");
    assert_eq!(
        applied.claim(id(2)).map(|c| c.annotation.certainty),
        Some(Certainty::Unconfirmed)
    );
}

#[test]
fn claim_reviews_carry_the_required_and_recommended_fields() {
    let doc = Document::from_plain_text(SEED, None);
    let mut annotations = vec![
        claim(&doc, 1, (17, 53), Certainty::Unconfirmed),
        claim(&doc, 2, (1, 5), Certainty::Confirmed),
        claim(&doc, 3, span_of(&doc, "Venezuela"), Certainty::Unclear),
    ];
    annotations[0].note = "internal".to_owned();
    let author = Author {
        name: "Fact Desk".to_owned(),
        url: Some(url("https://factdesk.example")),
    };
    let json = claim_reviews(
        &annotations,
        "https://news.example/cuba#top",
        &author,
        None,
        Some(doc.text()),
    )
    .expect("reviews");
    let reviews: Value = serde_json::from_str(&json).expect("json");
    let reviews = reviews.as_array().expect("array");
    assert_eq!(reviews.len(), 3);
    let table = [
        (0, "date", 3, "Confirmed"),
        (1, "Hundreds of Cuban security personnel", 1, "Unconfirmed"),
        (2, "Venezuela", 2, "Unclear"),
    ];
    for (i, quote, value, label) in table {
        let r = &reviews[i];
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["claimReviewed"], quote);
        assert_eq!(
            r["reviewRating"],
            json!({"@type": "Rating", "ratingValue": value, "worstRating": 1, "bestRating": 3, "alternateName": label})
        );
        assert_eq!(
            r["itemReviewed"],
            json!({"@type": "Claim", "appearance": {"@type": "CreativeWork", "url": "https://news.example/cuba"}})
        );
        assert_eq!(
            r["author"],
            json!({"@type": "Organization", "name": "Fact Desk", "url": "https://factdesk.example"})
        );
        assert!(
            r["url"]
                .as_str()
                .expect("url")
                .starts_with("https://news.example/cuba#:~:text="),
            "{}",
            r["url"]
        );
        assert!(r.get("ratingExplanation").is_none(), "notes stay private");
    }
    assert_eq!(
        reviews[1]["url"],
        "https://news.example/cuba#:~:text=Hundreds%20of%20Cuban%20security%20personnel"
    );
    assert_eq!(reviews[1]["datePublished"], Timestamp(T0 + 1).to_rfc3339());
    let dated = claim_reviews(
        &annotations,
        "https://news.example/cuba",
        &author,
        Some(Timestamp(T0)),
        None,
    )
    .expect("reviews");
    assert!(dated.contains("\"datePublished\": \"2026-02-25T10:00:00Z\""));
    let errors = [
        claim_reviews(&annotations, "javascript:alert(1)", &author, None, None),
        claim_reviews(
            &annotations,
            "https://x.org",
            &Author {
                name: " ".to_owned(),
                url: None,
            },
            None,
            None,
        ),
    ];
    assert!(errors[0]
        .as_ref()
        .expect_err("bad url")
        .to_string()
        .contains("only http:// and https://"));
    assert_eq!(errors[1], Err(ClaimReviewError::AuthorName));
}

#[test]
fn text_fragments_encode_each_part_and_disambiguate_repeats() {
    use crate::model::annotation::TextQuoteSelector;
    let q = |exact: &str, prefix: &str, suffix: &str| TextQuoteSelector {
        exact: exact.to_owned(),
        prefix: prefix.to_owned(),
        suffix: suffix.to_owned(),
    };
    let repeated = "The mayor said yes. Later the council said yes, again.";
    let table: [(&str, TextQuoteSelector, Option<&str>, &str); 7] = [
        (
            "short",
            q("Hundreds of Cuban", "", ""),
            None,
            "https://x.org/a#:~:text=Hundreds%20of%20Cuban",
        ),
        (
            "syntax characters",
            q("state-run, cash & carry", "", ""),
            None,
            "https://x.org/a#:~:text=state%2Drun%2C%20cash%20%26%20carry",
        ),
        (
            "astral and accents",
            q("Brücke 😀", "", ""),
            None,
            "https://x.org/a#:~:text=Br%C3%BCcke%20%F0%9F%98%80",
        ),
        (
            "whitespace collapsed",
            q("two\n\n  lines", "", ""),
            None,
            "https://x.org/a#:~:text=two%20lines",
        ),
        (
            "long: start and end words",
            q(
                "one two three four five six seven eight nine ten eleven twelve",
                "",
                "",
            ),
            None,
            "https://x.org/a#:~:text=one%20two%20three,ten%20eleven%20twelve",
        ),
        (
            "repeated: prefix and suffix words",
            q("said yes", "Later the council ", ", again."),
            Some(repeated),
            "https://x.org/a#:~:text=council-,said%20yes,-%2C",
        ),
        (
            "unique in the text: no context",
            q("mayor said", "The ", " yes."),
            Some(repeated),
            "https://x.org/a#:~:text=mayor%20said",
        ),
    ];
    for (name, quote, text, expected) in table {
        assert_eq!(
            text_fragment_link("https://x.org/a#old-fragment", &quote, text),
            expected,
            "{name}"
        );
    }
}

#[test]
fn share_links_round_trip_and_refuse_what_they_cannot_carry() {
    let (_, doc, page, annotations) = round_trip_cases().into_iter().next().expect("a case");
    let source = target_source(doc.id(), page.as_ref());
    let link =
        encode_share_link("https://news.example/cuba#old", &source, &annotations).expect("fits");
    assert!(
        link.starts_with("https://news.example/cuba#claimmark="),
        "{link}"
    );
    assert!(
        link.len() < 2000,
        "three claims make a short link: {}",
        link.len()
    );
    let parsed = decode_share_link(&link, Some(&doc)).expect("decodes");
    assert!(parsed.rejected.is_empty());
    let state = state_of(&doc, parsed.annotations);
    assert_eq!(
        export_collection(&source, &state.annotations()),
        export_collection(&source, &annotations)
    );
    let fragment = link
        .split_once('#')
        .map(|(_, f)| format!("#{f}"))
        .expect("fragment");
    assert!(
        decode_share_link(&fragment, Some(&doc)).is_ok(),
        "the fragment alone is enough"
    );

    // Notes that do not compress make the link too long.
    let mut seed = 7u32;
    let mut noisy: Vec<Annotation> = Vec::new();
    for n in 0..40u8 {
        let mut a = claim(&doc, n, (17, 53), Certainty::Unclear);
        a.note = (0..1000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b'!' + u8::try_from((seed >> 16) % 90).expect("small"))
            })
            .collect();
        noisy.push(a);
    }
    let error =
        encode_share_link("https://news.example/cuba", &source, &noisy).expect_err("too long");
    assert!(
        matches!(
            error,
            ShareLinkError::TooLong {
                max: MAX_SHARE_URL_CHARS,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("export a file instead"));

    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_IMPORT_BYTES + 10], 9);
    use base64::Engine as _;
    let bomb = format!(
        "#claimmark={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb)
    );
    let long = format!(
        "https://x.org/#claimmark={}",
        "A".repeat(MAX_SHARE_URL_CHARS)
    );
    let table: [(&str, String, &str); 5] = [
        (
            "no fragment",
            "https://news.example/cuba".to_owned(),
            "not a claimmark share link",
        ),
        ("damaged", "#claimmark=***".to_owned(), "not base64url"),
        (
            "not deflate",
            "#claimmark=AAAA".to_owned(),
            "damaged or too large",
        ),
        ("bomb", bomb, "damaged or too large"),
        ("too long", long, "more than the 32000"),
    ];
    for (name, input, expected) in table {
        let error = decode_share_link(&input, None).expect_err(name);
        assert!(error.to_string().contains(expected), "{name}: {error}");
    }
}

#[test]
fn merging_two_files_keeps_every_id_in_its_newest_copy() {
    let doc = Document::from_plain_text(SEED, None);
    let a1 = claim(&doc, 1, (17, 53), Certainty::Unclear);
    let a2 = claim(&doc, 2, (1, 5), Certainty::Confirmed);
    let mut a1_newer = a1.clone();
    a1_newer.modified = Timestamp(T0 + 9000);
    a1_newer.certainty = Certainty::Confirmed;
    let b3 = claim(&doc, 3, span_of(&doc, "Venezuela"), Certainty::Unclear);
    let merged = merge_annotations(&[a1, a2.clone()], &[a1_newer.clone(), b3.clone()]);
    assert_eq!(merged, vec![a1_newer, a2, b3]);
}

#[test]
fn certainty_history_travels_in_exports_and_old_or_bad_files_are_handled() {
    let doc = Rc::new(Document::from_plain_text(
        "Hundreds of Cuban security personnel have begun departing.",
        None,
    ));
    let state = reduce(
        Rc::new(State::new(doc)),
        Action::SetAuthor(Some("Ana".into())),
    );
    let state = reduce(
        state,
        Action::Create {
            id: id(1),
            span: Span::new(0, 8),
            certainty: Certainty::Unclear,
            at: Timestamp(10),
        },
    );
    let state = reduce(
        state,
        Action::SetCertainty {
            id: id(1),
            certainty: Certainty::Confirmed,
            at: Timestamp(20),
        },
    );
    let json = export_collection("urn:claimmark:doc:x", &state.annotations());
    assert!(json.contains("\"claimmark:history\": ["), "{json}");
    assert!(json.contains("\"by\": \"Ana\""), "{json}");
    let back = parse_import(&json, Some(&state.document)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        back.annotations,
        state.annotations(),
        "a round trip keeps it"
    );

    // A file from before histories has none and still loads.
    let mut old: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    if let Some(item) = old
        .pointer_mut("/first/items/0")
        .and_then(|i| i.as_object_mut())
    {
        item.remove("claimmark:history");
    }
    let old = parse_import(&old.to_string(), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(old.annotations.len(), 1);
    assert!(old.annotations.iter().all(|a| a.history.is_empty()));

    // An unreadable history refuses the item with a reason.
    let bad = json.replace("\"to\": \"confirmed\"", "\"to\": \"maybe\"");
    let bad = parse_import(&bad, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(bad.annotations.is_empty());
    let reason = bad
        .rejected
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        reason.starts_with("items[0] has an unreadable \"claimmark:history\""),
        "{reason}"
    );
}
