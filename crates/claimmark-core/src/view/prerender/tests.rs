//! Tests of [`super`]: fragments parsed back with an HTML5 parser (as a
//! browser would), on the seed article and on text with emoji, combining
//! marks and right-to-left script, and with hostile input everywhere.
//! Natively only: they parse with scraper, a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use super::*;
use crate::interchange::export_collection;
use crate::model::annotation::{Annotation, SourceUrl};
use crate::test_support::{anchored, id};
use crate::text::span::Span;
use scraper::{ElementRef, Html, Selector};

const SEED: &str = include_str!("../../../../../assets/article.txt");

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

/// A claim over the first occurrence of `quote` in `text`.
fn claim_on(doc: &Document, n: u8, quote: &str, certainty: Certainty) -> Annotation {
    let text = doc.text();
    let byte = text.find(quote).expect("the quote is in the text");
    let start = text.get(..byte).expect("a char boundary").chars().count();
    let span = Span::new(start, start + quote.chars().count());
    anchored(doc, id(n), span, certainty)
        .expect("in range")
        .annotation
        .clone()
}

/// The fragment for `article` and `claims`, through the W3C file path.
fn rendered(article: &str, claims: &[Annotation]) -> Prerendered {
    let json = export_collection("urn:claimmark:doc:test", claims);
    render(article, &json, RenderTheme::Auto).expect("the export reads back")
}

/// The article's visible text: blocks' text without the claims' symbol
/// buttons, one block per line.
fn article_text(fragment: &Html) -> Vec<String> {
    fragment
        .select(&sel("article .cm-block"))
        .map(|block| text_without_buttons(block))
        .collect()
}

fn text_without_buttons(element: ElementRef) -> String {
    let mut out = String::new();
    for node in element.descendants() {
        if let Some(text) = node.value().as_text() {
            let in_button = node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "button");
            if !in_button {
                out.push_str(text);
            }
        }
    }
    out
}

fn certainty_for(n: u8) -> Certainty {
    Certainty::ALL[usize::from(n) % 3]
}

#[test]
fn seed_article_with_twenty_claims_marks_each_claim_once_with_its_card() {
    let doc = Document::from_plain_text(SEED, None);
    let words: Vec<&str> = SEED
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 6)
        .collect();
    let mut seen = std::collections::HashSet::new();
    let picks: Vec<&str> = words
        .into_iter()
        .filter(|w| seen.insert(*w))
        .take(20)
        .collect();
    assert_eq!(picks.len(), 20, "the seed has twenty distinct long words");
    let mut claims: Vec<Annotation> = picks
        .iter()
        .enumerate()
        .map(|(n, w)| claim_on(&doc, n as u8 + 1, w, certainty_for(n as u8)))
        .collect();
    claims[0].note = "Checked against the ministry's statement.".into();
    claims[0].sources = vec![SourceUrl::parse("https://example.org/statement").expect("https")];
    let out = rendered(SEED, &claims);
    assert_eq!((out.placed, out.orphans, out.rejected.len()), (20, 0, 0));

    let html = Html::parse_fragment(&out.html);
    // The text reads exactly as the article, block by block.
    let blocks: Vec<String> = doc
        .blocks()
        .iter()
        .map(|b| doc.slice(b.span).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(article_text(&html), blocks);
    // One button per claim, naming certainty and quote, opening its card.
    let buttons: Vec<ElementRef> = html
        .select(&sel("mark.cm-claim > button.cm-open"))
        .collect();
    assert_eq!(buttons.len(), 20);
    for (claim, button) in claims.iter().zip(&buttons) {
        let _ = claim;
        let target = button.attr("popovertarget").expect("opens a card");
        let card = html
            .select(&sel(&format!("[id='{target}']")))
            .next()
            .expect("its card exists");
        assert_eq!(card.attr("popover"), Some(""));
        let mark = ElementRef::wrap(button.parent().expect("in a mark")).expect("an element");
        assert_eq!(
            mark.attr("data-annotation-id"),
            card.attr("data-annotation-id")
        );
        assert_eq!(mark.attr("data-certainty"), card.attr("data-certainty"));
        let label = button.attr("aria-label").unwrap_or_default();
        let certainty = mark.attr("data-certainty").unwrap_or_default();
        assert!(
            label
                .to_lowercase()
                .starts_with(&format!("{certainty} claim: ")),
            "{label}"
        );
    }
    // The legend counts what the file holds.
    let counts: Vec<(String, String)> = html
        .select(&sel(".cm-legend li"))
        .map(|li| {
            let count = li.select(&sel(".cm-count")).next().expect("a count");
            (
                li.attr("data-certainty").unwrap_or_default().to_owned(),
                count.text().collect(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = Certainty::ALL
        .iter()
        .map(|c| {
            let n = claims.iter().filter(|a| a.certainty == *c).count();
            (c.key().to_owned(), n.to_string())
        })
        .collect();
    assert_eq!(counts, expected);
    // The first claim's card: note and a safe link.
    let card = html
        .select(&sel(&format!(
            "[data-annotation-id='{}'].cm-card",
            claims[0].id
        )))
        .next()
        .expect("card");
    assert_eq!(
        card.select(&sel(".cm-note"))
            .next()
            .map(|n| n.text().collect::<String>()),
        Some("Checked against the ministry's statement.".to_owned())
    );
    let link = card.select(&sel("a")).next().expect("a source link");
    assert_eq!(
        (link.attr("href"), link.attr("rel"), link.attr("target")),
        (
            Some("https://example.org/statement"),
            Some("noopener noreferrer"),
            Some("_blank")
        )
    );
}

#[test]
fn emoji_combining_marks_and_right_to_left_text_are_marked_on_the_same_words() {
    let article = "Reuters 😀 reports the café\u{301} reopened.\n\nالوزير قال إن المحادثات فشلت 🇪🇸 أمس.\n\nThe e\u{301}lite squad 👩‍👩‍👧 left.";
    let doc = Document::from_plain_text(article, None);
    let quotes = [
        "reports the café\u{301}",
        "المحادثات فشلت 🇪🇸",
        "e\u{301}lite squad 👩‍👩‍👧",
    ];
    let claims: Vec<Annotation> = quotes
        .iter()
        .enumerate()
        .map(|(n, q)| claim_on(&doc, n as u8 + 1, q, certainty_for(n as u8)))
        .collect();
    let out = rendered(article, &claims);
    assert_eq!((out.placed, out.orphans), (3, 0));
    let html = Html::parse_fragment(&out.html);
    let marked: Vec<String> = html
        .select(&sel("mark.cm-claim"))
        .map(text_without_buttons)
        .collect();
    assert_eq!(marked, quotes);
    assert_eq!(
        article_text(&html),
        article.split("\n\n").map(str::to_owned).collect::<Vec<_>>()
    );
    // Right-to-left paragraphs take their direction from their text.
    assert!(html
        .select(&sel("p.cm-paragraph"))
        .all(|p| p.attr("dir") == Some("auto")));
}

#[test]
fn overlapping_claims_nest_and_each_gets_one_button() {
    let article = "Officials say the talks failed on Friday.";
    let doc = Document::from_plain_text(article, None);
    let claims = vec![
        claim_on(
            &doc,
            1,
            "Officials say the talks failed",
            Certainty::Unclear,
        ),
        claim_on(&doc, 2, "the talks failed on Friday", Certainty::Confirmed),
        claim_on(&doc, 3, "Officials say the talks", Certainty::Unconfirmed),
    ];
    let out = rendered(article, &claims);
    let html = Html::parse_fragment(&out.html);
    for claim in &claims {
        let buttons = html
            .select(&sel(&format!(
                "mark[data-annotation-id='{}'] > button.cm-open",
                claim.id
            )))
            .count();
        assert_eq!(buttons, 1, "one button for {}", claim.target.quote.exact);
    }
    // Every character shows every claim over it: the text of all marks of a
    // claim, joined, is its quote.
    for claim in &claims {
        let text: String = html
            .select(&sel(&format!("mark[data-annotation-id='{}']", claim.id)))
            .filter(|m| {
                !m.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.attr("data-annotation-id") == m.attr("data-annotation-id"))
            })
            .map(text_without_buttons)
            .collect();
        assert_eq!(text, claim.target.quote.exact);
    }
    assert_eq!(article_text(&html), vec![article.to_owned()]);
}

#[test]
fn a_claim_not_in_the_article_is_listed_as_an_orphan_not_dropped() {
    let original = "The mayor said the bridge will reopen on Monday.";
    let doc = Document::from_plain_text(original, None);
    let claims = vec![
        claim_on(&doc, 1, "the bridge will reopen", Certainty::Confirmed),
        claim_on(&doc, 2, "on Monday", Certainty::Unclear),
    ];
    let corrected = "The mayor said the bridge will reopen next month, after repairs.";
    let out = rendered(corrected, &claims);
    assert_eq!((out.placed, out.orphans), (1, 1));
    let html = Html::parse_fragment(&out.html);
    let orphans: Vec<String> = html
        .select(&sel(".cm-orphans li q"))
        .map(|q| q.text().collect())
        .collect();
    assert_eq!(orphans, vec!["on Monday".to_owned()]);
    assert_eq!(
        html.select(&sel(".cm-legend li[data-certainty=unclear] .cm-count"))
            .next()
            .map(|c| c.text().collect::<String>()),
        Some("1".into())
    );
}

/// Payloads that would run, or break out of an attribute or element, if
/// anything reached the HTML unescaped (the e2e corpus, e2e/xss, runs all
/// of them through `claimmark render` in a browser).
const PAYLOADS: &[&str] = &[
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "\"><img src=x onerror=window.__xss=1>",
    "'><svg onload=window.__xss=1>",
    "</mark></p><script>window.__xss=1</script>",
    "</div><div popover id=x onbeforetoggle=window.__xss=1>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "<!--<img src=x onerror=window.__xss=1>-->",
    "<scr\0ipt>window.__xss=1</script>",
];

#[test]
fn hostile_text_in_the_article_quotes_and_notes_reaches_the_html_as_text() {
    let article = PAYLOADS.join("\n\n");
    let doc = Document::from_plain_text(&article, None);
    let mut claims: Vec<Annotation> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(n, p)| claim_on(&doc, n as u8 + 1, p, certainty_for(n as u8)))
        .collect();
    for (claim, payload) in claims.iter_mut().zip(PAYLOADS) {
        claim.note = (*payload).to_owned();
        claim.tags = vec![(*payload).to_owned()];
    }
    let out = rendered(&article, &claims);
    assert_eq!(out.placed, PAYLOADS.len());
    let html = Html::parse_fragment(&out.html);
    let allowed = [
        "html",
        "div",
        "ul",
        "li",
        "label",
        "input",
        "span",
        "article",
        "p",
        "h2",
        "h3",
        "mark",
        "button",
        "blockquote",
        "time",
        "a",
        "q",
        "strong",
        "section",
    ];
    for element in html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let name = element.value().name();
        assert!(
            allowed.contains(&name),
            "unexpected <{name}> in the fragment"
        );
        for (attr, _) in element.value().attrs() {
            assert!(
                !attr.starts_with("on"),
                "an event handler attribute {attr} on <{name}>"
            );
        }
    }
    // U+0000, a parse error in HTML, is written as U+FFFD.
    let shown: Vec<String> = PAYLOADS
        .iter()
        .map(|p| p.replace('\0', "\u{FFFD}"))
        .collect();
    assert!(!out.html.contains('\0'));
    assert_eq!(article_text(&html), shown);
    let notes: Vec<String> = html
        .select(&sel(".cm-card .cm-note"))
        .map(|n| n.text().collect())
        .collect();
    assert_eq!(notes, shown);
}

#[test]
fn a_refused_item_is_reported_and_the_rest_is_rendered() {
    let article = "The council approved the budget on Tuesday.";
    let doc = Document::from_plain_text(article, None);
    let good = claim_on(&doc, 1, "approved the budget", Certainty::Confirmed);
    let json = export_collection("urn:claimmark:doc:test", &[good]);
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let items = value["first"]["items"].as_array_mut().expect("items");
    items.push(serde_json::json!({ "type": "Annotation", "body": "javascript:alert(1)" }));
    let out = render(article, &value.to_string(), RenderTheme::Dark).expect("readable");
    assert_eq!((out.placed, out.rejected.len()), (1, 1));
    assert!(out.html.contains("data-theme=\"dark\""));
    assert!(render(article, "{ not json", RenderTheme::Auto).is_err());
}
