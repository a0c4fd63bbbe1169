//! The `claimmark` command line on the fixture files in
//! `tests/fixtures/interchange/`: validate (exit status and per-item
//! reasons, anchoring with `--text`), merge (newer wins, canonical output,
//! nothing written on invalid input) and claimreview.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::{claimmark, fixture, path, text};
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    common::scratch_in("cli", name)
}

#[test]
fn validate_reports_each_refused_item_and_sets_the_exit_status() {
    let article = path("article.txt");
    // (file, with the text, exit code, lines expected in stdout)
    let table: [(&str, bool, i32, &[&str]); 5] = [
        ("valid.json", false, 0, &["2 items, 2 valid, 0 refused"]),
        ("valid.json", true, 0, &["2 items, 2 valid, 0 refused, 0 not anchoring"]),
        (
            "invalid.json",
            false,
            1,
            &[
                "items[1] link \"javascript:alert(1)\" refused: only http:// and https:// links are accepted",
                "items[2] TextPositionSelector 90–80 starts after its end; it is ignored and the quote places the claim",
                "3 items, 2 valid, 1 refused",
            ],
        ),
        ("orphan.json", false, 0, &["1 items, 1 valid, 0 refused"]),
        (
            "orphan.json",
            true,
            1,
            &["items[0] does not anchor in the text: \"the tunnel is closed\" not found"],
        ),
    ];
    for (file, with_text, code, lines) in table {
        let file_path = path(file);
        let mut args = vec!["validate", file_path.as_str()];
        if with_text {
            args.extend(["--text", article.as_str()]);
        }
        let out = claimmark(&args);
        let stdout = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{file} {with_text}: {stdout}"
        );
        for line in lines {
            assert!(stdout.contains(line), "{file}: {stdout:?} lacks {line:?}");
        }
    }
}

#[test]
fn validate_refuses_unreadable_input_as_a_whole() {
    let not_json = scratch("not.json");
    std::fs::write(&not_json, "{ nope").expect("written");
    let out = claimmark(&["validate", not_json.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not valid JSON"),
        "{}",
        text(&out.stderr)
    );
    let missing = claimmark(&["validate", "no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(1));
    let usage = claimmark(&["validate"]);
    assert_eq!(usage.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn merge_keeps_the_newer_copy_and_writes_canonical_output() {
    let out_path = scratch("merged.json");
    let out = claimmark(&[
        "merge",
        &path("a.json"),
        &path("b.json"),
        "-o",
        out_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let merged = std::fs::read_to_string(&out_path).expect("written");
    let expected = std::fs::read_to_string(fixture("merged.expected.json")).expect("fixture");
    assert_eq!(merged, expected);
    assert!(
        merged.contains("\"value\": \"unconfirmed\""),
        "b's newer copy of claim 1 won"
    );
    assert!(merged.contains("\"value\": \"second look\""));
    assert!(!merged.contains("first look"));

    // Canonical: merging the result with either input changes nothing.
    let again = scratch("merged-again.json");
    for other in ["a.json", "b.json"] {
        let out = claimmark(&[
            "merge",
            out_path.to_str().expect("utf-8"),
            &path(other),
            "-o",
            again.to_str().expect("utf-8"),
        ]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            std::fs::read_to_string(&again).expect("written"),
            expected,
            "{other}"
        );
    }
    let reversed = claimmark(&[
        "merge",
        &path("b.json"),
        &path("a.json"),
        "-o",
        again.to_str().expect("utf-8"),
    ]);
    assert_eq!(reversed.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&again).expect("written"),
        expected,
        "order does not matter when times differ"
    );
}

#[test]
fn merge_writes_nothing_when_an_input_has_refused_items() {
    let out_path = scratch("never.json");
    let out = claimmark(&[
        "merge",
        &path("a.json"),
        &path("invalid.json"),
        "-o",
        out_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("items[1] link \"javascript:alert(1)\""));
    assert!(!out_path.exists(), "nothing written");
}

#[test]
fn claimreview_writes_one_review_per_claim() {
    let out = claimmark(&[
        "claimreview",
        &path("valid.json"),
        "--url",
        "https://news.example/bridge#comments",
        "--author",
        "Fact Desk",
        "--author-url",
        "https://factdesk.example",
        "--date",
        "2026-02-27T08:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let reviews: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let reviews = reviews.as_array().expect("array");
    assert_eq!(reviews.len(), 2);
    let first = &reviews[0];
    assert_eq!(first["@type"], "ClaimReview");
    assert_eq!(first["claimReviewed"], "the bridge is safe 😀");
    assert_eq!(first["reviewRating"]["ratingValue"], 2);
    assert_eq!(first["reviewRating"]["alternateName"], "Unclear");
    assert_eq!(first["author"]["name"], "Fact Desk");
    assert_eq!(first["datePublished"], "2026-02-27T08:00:00Z");
    assert_eq!(
        first["url"],
        "https://news.example/bridge#:~:text=the%20bridge%20is%20safe%20%F0%9F%98%80"
    );
    assert_eq!(
        first["itemReviewed"]["appearance"]["url"],
        "https://news.example/bridge"
    );
    let refused = claimmark(&[
        "claimreview",
        &path("valid.json"),
        "--url",
        "javascript:alert(1)",
        "--author",
        "Fact Desk",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("only http:// and https://"));
}

#[test]
fn render_writes_the_marked_article_and_its_stylesheet_and_refuses_a_bad_file() {
    let article = path("article.txt");
    // Valid: two claims marked, each with one card button; the stylesheet
    // is written where asked.
    let (out_file, css) = (scratch("fragment.html"), scratch("claimmark-read.css"));
    let valid = path("valid.json");
    let out = claimmark(&[
        "render",
        &article,
        &valid,
        "-o",
        out_file.to_str().unwrap(),
        "--stylesheet",
        css.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&out_file).expect("fragment written");
    assert!(html.starts_with("<div class=\"claimmark cm-prerendered\""));
    assert_eq!(html.matches("class=\"cm-open\"").count(), 2);
    assert!(!html.contains("<script"));
    assert!(std::fs::read_to_string(&css)
        .expect("css written")
        .contains(".cm-prerendered"));
    assert!(
        text(&out.stderr).contains("2 claims marked"),
        "{}",
        text(&out.stderr)
    );

    // A claim not in the article is listed as an orphan, not dropped.
    let orphan = path("orphan.json");
    let out = claimmark(&["render", &article, &orphan, "--theme", "dark"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("class=\"cm-orphans\"") && stdout.contains("the tunnel is closed"));
    assert!(stdout.contains("data-theme=\"dark\""));

    // Refused items: reasons printed, nothing written, exit 1.
    let refused = scratch("refused.html");
    let invalid = path("invalid.json");
    let out = claimmark(&[
        "render",
        &article,
        &invalid,
        "-o",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("items[1] link \"javascript:alert(1)\" refused"));
    assert!(
        !refused.exists(),
        "nothing written for a file with refused items"
    );

    // A bad --theme is a clear error.
    let out = claimmark(&["render", &article, &valid, "--theme", "sepia"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--theme \"sepia\": use auto, light or dark"));
}
