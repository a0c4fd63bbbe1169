//! `claimmark validate` and `claimmark convert` (alias `export`) on a file
//! another tool wrote over an article with emoji: a bare array whose
//! positions count UTF-16 units (one past the end of the text in code
//! points), selectors in another order and a wrong position. Fixtures in
//! `tests/fixtures/interchange/` (`emoji-article.txt`, `utf16-array.json`,
//! `utf16-array.converted.json`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::{claimmark, path, text};
use serde_json::Value;
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    common::scratch_in("cli-convert", name)
}

#[test]
fn validate_reports_converted_and_placed_positions_and_exits_0() {
    let file = path("utf16-array.json");
    let article = path("emoji-article.txt");
    // (with the text, lines expected in stdout)
    let table: [(bool, &[&str]); 2] = [
        (
            true,
            &[
                "items[0] TextPositionSelector 36–69 counted UTF-16 units; converted to code points 35–67",
                "items[2] TextPositionSelector 3–9 does not hold the quote; placed by its quote at 237–269",
                "items[3] TextPositionSelector 308–326 counted UTF-16 units; converted to code points 305–323",
                "3 positions counted in UTF-16 units were converted",
                "1 position was wrong; placed by its quote",
                "4 items, 4 valid, 0 refused, 0 not anchoring",
            ],
        ),
        (false, &["4 items, 4 valid, 0 refused"]),
    ];
    for (with_text, lines) in table {
        let mut args = vec!["validate", file.as_str()];
        if with_text {
            args.extend(["--text", article.as_str()]);
        }
        let out = claimmark(&args);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}");
        for line in lines {
            assert!(stdout.contains(line), "{args:?}: {line:?} not in\n{stdout}");
        }
    }
}

#[test]
fn convert_writes_the_canonical_collection_with_positions_of_the_text() {
    let article_text = std::fs::read_to_string(path("emoji-article.txt")).expect("article");
    let chars: Vec<char> = article_text.chars().collect();
    for command in ["convert", "export"] {
        let out_file = scratch(&format!("{command}.json"));
        let out_path = out_file.display().to_string();
        let out = claimmark(&[
            command,
            &path("utf16-array.json"),
            "--text",
            &path("emoji-article.txt"),
            "-o",
            &out_path,
        ]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{command}: {stderr}");
        assert!(stderr.contains("4 claims written to"), "{stderr}");
        assert!(
            stderr.contains("3 positions counted in UTF-16 units were converted"),
            "{stderr}"
        );
        let written = std::fs::read_to_string(&out_file).expect("written");
        let expected =
            std::fs::read_to_string(path("utf16-array.converted.json")).expect("expected");
        assert_eq!(written, expected, "{command}: canonical output");
        let json: Value = serde_json::from_str(&written).expect("json");
        assert!(json["id"].as_str().is_some_and(|id| id.starts_with("urn:")));
        assert_eq!(json["first"]["partOf"], json["id"]);
        for item in json["first"]["items"].as_array().expect("items") {
            let selector = &item["target"]["selector"];
            let (start, end) = (
                selector[1]["start"].as_u64().expect("start") as usize,
                selector[1]["end"].as_u64().expect("end") as usize,
            );
            let at: String = chars[start..end].iter().collect();
            assert_eq!(
                at,
                selector[0]["exact"].as_str().expect("exact"),
                "code points hold the quote"
            );
        }
        // Converting the output again changes nothing.
        let again = claimmark(&[command, &out_path, "--text", &path("emoji-article.txt")]);
        assert_eq!(text(&again.stdout), expected, "{command}: idempotent");
        assert!(text(&again.stderr).contains("4 claims written"));
    }
}

#[test]
fn convert_writes_nothing_when_an_item_is_refused_and_needs_the_text() {
    let out_file = scratch("refused.json");
    let out = claimmark(&[
        "convert",
        &path("invalid.json"),
        "--text",
        &path("article.txt"),
        "-o",
        &out_file.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nothing written"));
    assert!(!out_file.exists(), "nothing written");
    let usage = claimmark(&["convert", &path("valid.json")]);
    assert_eq!(usage.status.code(), Some(2), "--text is required");
    assert!(text(&usage.stderr).contains("--text"));
}
