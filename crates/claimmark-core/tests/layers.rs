//! The layer check: every module of claimmark-core uses only its own layer
//! and the layers the table in ARCHITECTURE.md ("Layers of claimmark-core")
//! allows it. A `crate::<layer>` path to a layer it may not use — an
//! upward import — fails this test with the file, the line and the rule.
//! The table is read from ARCHITECTURE.md, so the documented rule and the
//! enforced one cannot drift apart; a folder under `src/` that the table
//! does not name fails too.
//!
//! Only code is checked, not comments (a doc link may point anywhere).
//! `test_support` (helpers for unit tests) may be used from any layer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const CRATE_DIR: &str = env!("CARGO_MANIFEST_DIR");
const TABLE_HEADING: &str = "## Layers of claimmark-core";
const EXEMPT: &str = "test_support";

/// Each layer and the layers it may use, from the table under
/// [`TABLE_HEADING`]: rows `| layer | may use |`, the uses comma-separated
/// ("—" for none).
fn rules(architecture: &str) -> BTreeMap<String, BTreeSet<String>> {
    let section = architecture
        .split(TABLE_HEADING)
        .nth(1)
        .expect("ARCHITECTURE.md has a section \"## Layers of claimmark-core\"");
    let mut rules = BTreeMap::new();
    for line in section.lines().skip_while(|l| !l.starts_with('|')) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (Some(layer), Some(uses)) = (cells.first(), cells.get(1)) else {
            continue;
        };
        let layer = layer.trim_matches('`');
        if layer == "layer" || layer.starts_with('-') {
            continue;
        }
        let uses = uses
            .split(',')
            .map(|u| u.trim().trim_matches('`').to_owned())
            .filter(|u| !u.is_empty() && u != "—")
            .collect();
        rules.insert(layer.to_owned(), uses);
    }
    assert!(
        !rules.is_empty(),
        "the layer table under {TABLE_HEADING} has no rows"
    );
    rules
}

/// The layer a source file belongs to: the first folder (or file stem)
/// under `src/`; `None` for the crate root.
fn layer_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let stem = first.strip_suffix(".rs").unwrap_or(first);
    (stem != "lib").then(|| stem.to_owned())
}

/// Every `crate::<name>` the code (not the comments) of `source` names,
/// with its line number.
fn crate_paths(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some((_, after)) = rest.split_once("crate::") {
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` names several at once.
            if let Some(group) = after.strip_prefix('{').filter(|_| name.is_empty()) {
                let inner = group.split('}').next().unwrap_or("");
                for part in inner.split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.push((n + 1, name));
                    }
                }
            } else if !name.is_empty() {
                found.push((n + 1, name));
            }
            rest = after;
        }
    }
    found
}

/// The violations of `rules` in one file of layer `layer`.
fn violations(
    rules: &BTreeMap<String, BTreeSet<String>>,
    file: &str,
    layer: &str,
    source: &str,
) -> Vec<String> {
    let Some(allowed) = rules.get(layer) else {
        return vec![format!(
            "{file}: layer `{layer}` is not in the table under \"{TABLE_HEADING}\" in ARCHITECTURE.md"
        )];
    };
    crate_paths(source)
        .into_iter()
        .filter(|(_, used)| rules.contains_key(used) && used != layer && !allowed.contains(used))
        .map(|(line, used)| {
            format!(
                "{file}:{line}: layer `{layer}` uses `{used}`, which it may not (it may use: {})",
                if allowed.is_empty() {
                    "nothing".to_owned()
                } else {
                    allowed.iter().cloned().collect::<Vec<_>>().join(", ")
                }
            )
        })
        .collect()
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable src folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

fn architecture() -> String {
    let path = Path::new(CRATE_DIR).join("../../ARCHITECTURE.md");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let rules = rules(&architecture());
    let src = Path::new(CRATE_DIR).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in &files {
        let relative = path.strip_prefix(&src).expect("under src");
        let Some(layer) = layer_of(relative) else {
            continue;
        };
        if layer == EXEMPT {
            continue;
        }
        let source = fs::read_to_string(path).expect("readable source");
        problems.extend(violations(
            &rules,
            &format!("src/{}", relative.display()),
            &layer,
            &source,
        ));
        checked += 1;
    }
    assert!(checked > 20, "only {checked} files were checked");
    assert!(
        problems.is_empty(),
        "upward imports (see \"{TABLE_HEADING}\" in ARCHITECTURE.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_layer_folder_is_in_the_table_and_every_row_is_a_folder() {
    let rules = rules(&architecture());
    let src = Path::new(CRATE_DIR).join("src");
    let folders: BTreeSet<String> = fs::read_dir(&src)
        .expect("src")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect();
    let rows: BTreeSet<String> = rules.keys().cloned().collect();
    assert_eq!(
        folders, rows,
        "the folders under src/ and the table's layers"
    );
    for (layer, uses) in &rules {
        for used in uses {
            assert!(
                rules.contains_key(used),
                "{layer} may use `{used}`, which is no layer"
            );
        }
    }
}

#[test]
fn the_check_catches_an_upward_import_and_lets_allowed_ones_pass() {
    let rules = rules(
        "## Layers of claimmark-core\n\n| layer | may use |\n|---|---|\n| text | — |\n| model | text |\n| state | text, model |\n",
    );
    let upward = "use crate::state::store::State;\nfn f() {}\n";
    let found = violations(&rules, "src/model/x.rs", "model", upward);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found
            .first()
            .is_some_and(|f| f.starts_with("src/model/x.rs:1: layer `model` uses `state`")),
        "{found:?}"
    );
    let grouped = "use crate::{state::State, text::span::Span};";
    assert_eq!(
        violations(&rules, "src/model/x.rs", "model", grouped).len(),
        1
    );
    let inline = "let s = crate::model::anchor::anchor(&d, &t);";
    assert_eq!(violations(&rules, "src/text/x.rs", "text", inline).len(), 1);
    let allowed = "use crate::text::span::Span;\nuse crate::model::certainty::Certainty;";
    assert!(violations(&rules, "src/state/x.rs", "state", allowed).is_empty());
    let comment =
        "//! See [`crate::state::reduce`].\n/// [`crate::state`]\nfn f() {} // crate::state";
    assert!(violations(&rules, "src/text/x.rs", "text", comment).is_empty());
    assert_eq!(
        violations(&rules, "src/view/x.rs", "view", "").first().map(String::as_str),
        Some("src/view/x.rs: layer `view` is not in the table under \"## Layers of claimmark-core\" in ARCHITECTURE.md")
    );
}
