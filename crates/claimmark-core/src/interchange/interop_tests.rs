//! Table tests of interoperability: every input shape other tools write
//! (an annotation, a collection with inline pages, a page, an array;
//! targets as object, array or IRI; selectors in any order, refined or of
//! unknown types), positions counted in UTF-16 units, stale or out of
//! range, and the export's W3C ids and positions consistent with the text.

use std::rc::Rc;

use serde_json::{json, Value};

use super::*;
use crate::model::anchor::{anchor, describe};
use crate::model::annotation::{Annotation, Timestamp};
use crate::model::certainty::Certainty;
use crate::state::{reduce, Action, State};
use crate::test_support::id;
use crate::text::document::Document;
use crate::text::offsets::{char_to_utf16, CharOffset};
use crate::text::span::Span;

/// Emoji (astral: two UTF-16 units each) before the claims, so UTF-16
/// offsets run ahead of code points.
const ARTICLE: &str = "Mayor 😀 said: the bridge 🌉 is safe.\n\nCritics 🇺🇦 disagree: the old bridge is not safe at all, they say.";

fn doc() -> Document {
    Document::from_plain_text(ARTICLE, None)
}

/// (start, end) in code points of the first `quote` in `text`.
fn chars_of(text: &str, quote: &str) -> (usize, usize) {
    let byte = text.find(quote).expect("quote in text");
    let start = text.get(..byte).expect("boundary").chars().count();
    (start, start + quote.chars().count())
}

/// The same span counted in UTF-16 units, as JavaScript annotators count.
fn utf16_of(text: &str, quote: &str) -> (usize, usize) {
    let (start, end) = chars_of(text, quote);
    (
        char_to_utf16(text, CharOffset(start)).0,
        char_to_utf16(text, CharOffset(end)).0,
    )
}

fn quote(exact: &str) -> Value {
    json!({"type": "TextQuoteSelector", "exact": exact})
}

fn position(start: usize, end: usize) -> Value {
    json!({"type": "TextPositionSelector", "start": start, "end": end})
}

/// An annotation of claim `n` with `target` as given.
fn annotation(n: u8, target: Value) -> Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", id(n)),
        "type": "Annotation",
        "created": "2026-02-25T10:00:00Z",
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": "unclear"}],
        "target": target,
    })
}

fn target(selector: Value) -> Value {
    json!({"source": "https://news.example/bridge", "selector": selector})
}

/// What an input must give.
enum Expect {
    /// Accepted: how many claims, the first one's text in the article, how
    /// many positions converted and placed by quote, a note's words.
    Placed(usize, &'static str, usize, usize, Option<&'static str>),
    /// Refused with these words.
    Refused(&'static str),
}

#[test]
fn every_input_shape_is_read_or_refused_with_a_reason() {
    let text = doc();
    let safe = "is not safe";
    let (s, e) = chars_of(ARTICLE, safe);
    let (us, ue) = utf16_of(ARTICLE, safe);
    assert_ne!((s, e), (us, ue), "the emoji put UTF-16 ahead");
    let good = || target(json!([quote(safe), position(s, e)]));
    let one = annotation(1, good());
    let two = annotation(2, target(json!([quote("the bridge"), position(0, 0)])));
    let len = text.char_len();
    let rows: Vec<(&str, Value, Expect)> = vec![
        (
            "one annotation",
            one.clone(),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "collection with its page inline",
            json!({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:c", "type": "AnnotationCollection",
                   "first": {"id": "urn:x:c:1", "type": "AnnotationPage", "items": [one.clone()]}}),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "collection with two inline pages",
            json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [one.clone()],
                   "next": {"type": "AnnotationPage", "items": [two.clone()]}}}),
            Expect::Placed(2, safe, 0, 1, Some("placed by its quote")),
        ),
        (
            "page",
            json!({"type": "AnnotationPage", "items": [one.clone()]}),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "bare array",
            json!([one.clone()]),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "target array",
            annotation(1, json!([good()])),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "target array with an IRI first",
            annotation(1, json!(["https://news.example/bridge", good()])),
            Expect::Placed(1, safe, 0, 0, Some("skipped 1 other target")),
        ),
        (
            "target IRI only",
            annotation(1, json!("https://news.example/bridge")),
            Expect::Refused("no usable selector (found: an IRI target)"),
        ),
        (
            "one selector object",
            annotation(1, target(quote(safe))),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "position before quote",
            annotation(1, target(json!([position(s, e), quote(safe)]))),
            Expect::Placed(1, safe, 0, 0, None),
        ),
        (
            "refinedBy on the quote",
            annotation(
                1,
                target(json!([{"type": "TextQuoteSelector", "exact": safe,
                "refinedBy": {"type": "TextPositionSelector", "start": 1, "end": 3}}])),
            ),
            Expect::Placed(
                1,
                safe,
                0,
                0,
                Some("skipped the refinedBy of its TextQuoteSelector"),
            ),
        ),
        (
            "quote refining a fragment",
            annotation(
                1,
                target(json!({"type": "FragmentSelector", "value": "para2",
                "refinedBy": {"type": "TextQuoteSelector", "exact": safe}})),
            ),
            Expect::Placed(
                1,
                safe,
                0,
                0,
                Some("read the TextQuoteSelector refining its FragmentSelector"),
            ),
        ),
        (
            "unknown selector beside a quote",
            annotation(
                1,
                target(json!([{"type": "XPathSelector", "value": "/p[2]"}, quote(safe)])),
            ),
            Expect::Placed(1, safe, 0, 0, Some("skipped a XPathSelector")),
        ),
        (
            "UTF-16 offsets after emoji",
            annotation(1, target(json!([quote(safe), position(us, ue)]))),
            Expect::Placed(
                1,
                safe,
                1,
                0,
                Some("counted UTF-16 units; converted to code points"),
            ),
        ),
        (
            "UTF-16 offsets past the end in code points",
            annotation(
                1,
                target(json!([
                    quote("they say."),
                    position(utf16_of(ARTICLE, "they say.").0, len + 4)
                ])),
            ),
            Expect::Placed(1, "they say.", 1, 0, None),
        ),
        (
            "stale offsets (another text there)",
            annotation(1, target(json!([quote(safe), position(0, 11)]))),
            Expect::Placed(
                1,
                safe,
                0,
                1,
                Some("does not hold the quote; placed by its quote"),
            ),
        ),
        (
            "out-of-range offsets",
            annotation(1, target(json!([quote(safe), position(900, 911)]))),
            Expect::Placed(1, safe, 0, 1, Some("runs past the end of the text")),
        ),
        (
            "reversed offsets",
            annotation(1, target(json!([quote(safe), position(e, s)]))),
            Expect::Placed(1, safe, 0, 1, Some("starts after its end")),
        ),
        (
            "malformed offsets beside a quote",
            annotation(
                1,
                target(
                    json!([quote(safe), {"type": "TextPositionSelector", "start": "x", "end": 3}]),
                ),
            ),
            Expect::Placed(1, safe, 0, 0, Some("should be a whole number")),
        ),
        (
            "a quote without exact beside a position",
            annotation(
                1,
                target(json!([{"type": "TextQuoteSelector", "prefix": "x"}, position(s, e)])),
            ),
            Expect::Placed(
                1,
                safe,
                0,
                0,
                Some("skipped a TextQuoteSelector (has no \"exact\")"),
            ),
        ),
        (
            "two quotes",
            annotation(1, target(json!([quote(safe), quote("the bridge")]))),
            Expect::Placed(1, safe, 0, 0, Some("skipped a second TextQuoteSelector")),
        ),
        (
            "position alone",
            annotation(1, target(position(s, e))),
            Expect::Placed(1, safe, 0, 0, Some("its quote was taken from the text")),
        ),
        (
            "position alone past the end",
            annotation(1, target(position(s, len + 1))),
            Expect::Refused("is past the end of the text"),
        ),
        (
            "malformed position alone",
            annotation(
                1,
                target(json!({"type": "TextPositionSelector", "start": -1, "end": 3})),
            ),
            Expect::Refused("\"start\" should be a whole number"),
        ),
        (
            "neither quote nor position",
            annotation(1, target(json!([{"type": "CssSelector", "value": "p"}]))),
            Expect::Refused("no usable selector (found: CssSelector)"),
        ),
    ];
    for (name, input, expect) in rows {
        let parsed = parse_import(&input.to_string(), Some(&text)).expect(name);
        let notes: Vec<String> = parsed.notes.iter().map(ToString::to_string).collect();
        match expect {
            Expect::Placed(count, first, converted, by_quote, note) => {
                assert!(parsed.rejected.is_empty(), "{name}: {:?}", parsed.rejected);
                assert_eq!(parsed.annotations.len(), count, "{name}");
                let target = &parsed.annotations[0].target;
                let placed = anchor(&text, target).span().expect("placed");
                assert_eq!(
                    text.slice(placed),
                    Some(first),
                    "{name}: drawn on the quote"
                );
                // A stale position inside the text stays as recorded; any
                // other is the quote's place.
                let span = Span::new(target.position.start, target.position.end);
                if !name.starts_with("stale") {
                    assert_eq!(
                        text.slice(span),
                        Some(first),
                        "{name}: the position holds the quote"
                    );
                }
                assert_eq!(parsed.converted(), converted, "{name}: {notes:?}");
                assert_eq!(parsed.placed_by_quote(), by_quote, "{name}: {notes:?}");
                if let Some(words) = note {
                    assert!(notes.iter().any(|n| n.contains(words)), "{name}: {notes:?}");
                }
            }
            Expect::Refused(words) => {
                assert!(parsed.annotations.is_empty(), "{name}: accepted");
                assert_eq!(parsed.rejected.len(), 1, "{name}");
                let reason = parsed.rejected[0].to_string();
                assert!(reason.contains(words), "{name}: {reason}");
            }
        }
    }
}

#[test]
fn without_the_text_positions_are_kept_unless_reversed() {
    let (s, e) = chars_of(ARTICLE, "is not safe");
    let kept = annotation(1, target(json!([quote("is not safe"), position(s, e)])));
    let parsed = parse_import(&kept.to_string(), None).expect("parsed");
    assert_eq!(parsed.annotations[0].target.position.start, s);
    let reversed = annotation(1, target(json!([quote("is not safe"), position(e, s)])));
    let parsed = parse_import(&reversed.to_string(), None).expect("parsed");
    assert!(parsed.rejected.is_empty());
    assert_eq!(parsed.placed_by_quote(), 1);
    let position = parsed.annotations[0].target.position;
    assert_eq!((position.start, position.end), (0, 0), "left to the quote");
}

#[test]
fn the_preview_and_the_api_summary_say_what_was_converted_and_placed() {
    let text = Rc::new(doc());
    let (us, ue) = utf16_of(ARTICLE, "is not safe");
    let (vs, ve) = utf16_of(ARTICLE, "they say");
    let items = json!([
        annotation(1, target(json!([quote("is not safe"), position(us, ue)]))),
        annotation(2, target(json!([quote("they say"), position(vs, ve)]))),
        annotation(3, target(json!([quote("disagree"), position(500, 508)]))),
        annotation(4, target(json!([{"type": "CssSelector", "value": "p"}]))),
    ]);
    let parsed = parse_import(&items.to_string(), Some(&text)).expect("parsed");
    let state = State::new(text.clone());
    let counted = preview(&state, &parsed);
    assert_eq!(
        counted.details(),
        vec![
            "2 positions counted in UTF-16 units were converted",
            "1 position was wrong; placed by its quote"
        ]
    );
    let summary = serde_json::to_value(counted.api_summary()).expect("json");
    assert_eq!(summary["added"], 3);
    assert_eq!(summary["converted"], 2);
    assert_eq!(summary["placedByQuote"], 1);
    assert_eq!(summary["rejected"][0]["index"], 3);
    assert_eq!(summary["notes"].as_array().map(Vec::len), Some(3));
    assert_eq!(summary["notes"][2]["index"], 2);
    assert_eq!(
        summary["messages"][0],
        "2 positions counted in UTF-16 units were converted"
    );
}

fn claim_on(doc: &Document, n: u8, quote: &str) -> Annotation {
    let (start, end) = chars_of(doc.text(), quote);
    Annotation {
        id: id(n),
        target: describe(doc, Span::new(start, end)).expect("in range"),
        certainty: Certainty::Confirmed,
        note: String::new(),
        sources: Vec::new(),
        tags: Vec::new(),
        created: Timestamp(1_772_013_600_000),
        modified: Timestamp(1_772_013_600_000),
        history: Vec::new(),
    }
}

#[test]
fn the_export_has_the_w3c_ids_and_contexts_and_positions_of_the_current_text() {
    // Claims made on one version of the article, opened in a corrected one.
    let old = Document::from_plain_text(ARTICLE, None);
    let annotations = vec![
        claim_on(&old, 1, "is not safe"),
        claim_on(&old, 2, "Mayor 😀 said"),
    ];
    let corrected = Rc::new(Document::from_plain_text(
        &format!(
            "Update 🛠 at 9:00.\n\n{}",
            ARTICLE.replace("Mayor 😀 said", "The mayor told us")
        ),
        None,
    ));
    let state = reduce(
        Rc::new(State::new(corrected.clone())),
        Action::Import { annotations },
    );
    let source = "https://news.example/bridge";
    let exported: Value =
        serde_json::from_str(&export_claims(source, &corrected, &state.claims)).expect("json");
    // §5.1, §5.2: ids on the collection and its page; §3.1 on each item.
    let collection_id = exported["id"].as_str().expect("collection id");
    assert!(collection_id.starts_with("urn:claimmark:collection:"));
    assert_eq!(exported["type"], "AnnotationCollection");
    assert_eq!(exported["first"]["id"], format!("{collection_id}:page:0"));
    assert_eq!(exported["first"]["type"], "AnnotationPage");
    assert_eq!(exported["first"]["partOf"], collection_id);
    let items = exported["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    for item in items {
        assert_eq!(item["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(item["type"], "Annotation");
    }
    // The orphan comes first (its old position is 0) and says so.
    let orphan = &items[0];
    assert_eq!(orphan["id"], format!("urn:uuid:{}", id(2)));
    assert_eq!(orphan["claimmark:orphan"], true);
    assert_eq!(orphan["target"]["selector"][0]["exact"], "Mayor 😀 said");
    assert!(orphan.get("claimmark:recorded").is_none());
    // The placed claim: its position in the corrected text, the old one recorded.
    let placed = &items[1];
    let (start, end) = chars_of(corrected.text(), "is not safe");
    assert_eq!(placed["target"]["selector"][1], position(start, end));
    let (old_start, old_end) = chars_of(ARTICLE, "is not safe");
    assert_eq!(
        placed["claimmark:recorded"]["selector"][1],
        position(old_start, old_end)
    );
    assert!(placed.get("claimmark:orphan").is_none());
    // Reading the export back into the corrected text places it unchanged,
    // and a second export has nothing left to record.
    let again = parse_import(&exported.to_string(), Some(&corrected)).expect("parsed");
    let notes: Vec<String> = again.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        ["items[0] TextPositionSelector 0–12 does not hold the quote, and the quote is not found: kept as an orphan"],
        "only the orphan's old position is wrong here"
    );
    let fresh = reduce(
        Rc::new(State::new(corrected.clone())),
        Action::Import {
            annotations: again.annotations,
        },
    );
    let second: Value =
        serde_json::from_str(&export_claims(source, &corrected, &fresh.claims)).expect("json");
    assert!(second["first"]["items"][1]
        .get("claimmark:recorded")
        .is_none());
    assert_eq!(second["first"]["items"][1]["target"], placed["target"]);
}

#[test]
fn a_share_link_carries_the_positions_of_the_text_shown() {
    let old = Document::from_plain_text(ARTICLE, None);
    let annotations = vec![claim_on(&old, 1, "is not safe")];
    let corrected = Rc::new(Document::from_plain_text(
        &format!("Update 🛠.\n\n{ARTICLE}"),
        None,
    ));
    let state = reduce(
        Rc::new(State::new(corrected.clone())),
        Action::Import { annotations },
    );
    let link = encode_share_link_of_claims(
        "https://news.example/bridge",
        "https://news.example/bridge",
        &corrected,
        &state.claims,
    )
    .expect("fits");
    let parsed = decode_share_link(&link, Some(&corrected)).expect("decodes");
    assert!(
        parsed.notes.is_empty(),
        "no position to correct: {:?}",
        parsed.notes
    );
    let position = parsed.annotations[0].target.position;
    assert_eq!(
        (position.start, position.end),
        chars_of(corrected.text(), "is not safe")
    );
}
