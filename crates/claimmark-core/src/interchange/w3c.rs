//! Export as a W3C Web Annotation `AnnotationCollection` (JSON-LD).
//!
//! Each claim is one `Annotation` with motivation `assessing` and bodies in
//! this order:
//! - the certainty: a `TextualBody` with purpose `assessing` and value
//!   `confirmed`, `unclear` or `unconfirmed`;
//! - the note, when not empty: a `TextualBody` with purpose `commenting`
//!   and format `text/plain` (HTML in it is text, never markup);
//! - each evidence link: a `SpecificResource` with purpose `linking` whose
//!   `source` is the URL. The W3C model puts `purpose` on a specific
//!   resource, not on a bare external resource, so this is the form that
//!   says "this link is evidence" (the importer also reads a body whose
//!   `id` is the URL);
//! - each tag: a `TextualBody` with purpose `tagging`.
//!
//! A claim's certainty history (from, to, when, who; see
//! [`crate::model::certainty_change`]) follows the target under the namespaced key
//! [`HISTORY_KEY`] (`claimmark:history`, a compact IRI that JSON-LD
//! processors keep as an absolute IRI and other readers ignore); it is left
//! out when empty, so claims without history export as before.
//!
//! The target is a `SpecificResource` whose `source` is the article's URL,
//! or `urn:claimmark:doc:<document id>` when there is none, with a
//! `TextQuoteSelector` and a `TextPositionSelector` (code points).
//!
//! The output is canonical: keys in a fixed order (the struct order here),
//! items in document order (start, end, then id), so export → import into an
//! empty state → export gives the same bytes. Reading is [`super::validate`].

use serde::Serialize;

use crate::model::annotation::{Annotation, SourceUrl, Timestamp};
use crate::model::certainty_change::CertaintyChange;
use crate::text::document::DocumentId;

/// The key of a claim's certainty history in an exported annotation.
pub const HISTORY_KEY: &str = "claimmark:history";

/// The JSON-LD context of the W3C Web Annotation model.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The prefix of a target source naming a document without a URL.
pub const DOC_URN_PREFIX: &str = "urn:claimmark:doc:";

/// The target `source` for a document: its page URL when known, else
/// `urn:claimmark:doc:<document id>`.
pub fn target_source(document: &DocumentId, page_url: Option<&SourceUrl>) -> String {
    match page_url {
        Some(url) => url.as_str().to_owned(),
        None => format!("{DOC_URN_PREFIX}{document}"),
    }
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: Timestamp,
    modified: Timestamp,
    body: Vec<Body<'a>>,
    target: TargetOut<'a>,
    #[serde(rename = "claimmark:history", skip_serializing_if = "<[_]>::is_empty")]
    history: &'a [CertaintyChange],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Textual {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<&'static str>,
    },
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        source: &'a str,
    },
}

#[derive(Serialize)]
struct TargetOut<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Selector<'a> {
    Quote {
        #[serde(rename = "type")]
        kind: &'static str,
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    Position {
        #[serde(rename = "type")]
        kind: &'static str,
        start: usize,
        end: usize,
    },
}

fn textual<'a>(purpose: &'static str, value: &'a str, format: Option<&'static str>) -> Body<'a> {
    Body::Textual {
        kind: "TextualBody",
        purpose,
        value,
        format,
    }
}

fn item<'a>(annotation: &'a Annotation, source: &'a str) -> Item<'a> {
    let mut body = vec![textual("assessing", annotation.certainty.key(), None)];
    if !annotation.note.is_empty() {
        body.push(textual("commenting", &annotation.note, Some("text/plain")));
    }
    body.extend(annotation.sources.iter().map(|url| Body::Link {
        kind: "SpecificResource",
        purpose: "linking",
        source: url.as_str(),
    }));
    body.extend(
        annotation
            .tags
            .iter()
            .map(|tag| textual("tagging", tag, None)),
    );
    let quote = &annotation.target.quote;
    let position = annotation.target.position;
    Item {
        id: format!("urn:uuid:{}", annotation.id),
        kind: "Annotation",
        motivation: "assessing",
        created: annotation.created,
        modified: annotation.modified,
        body,
        target: TargetOut {
            source,
            selector: [
                Selector::Quote {
                    kind: "TextQuoteSelector",
                    exact: &quote.exact,
                    prefix: &quote.prefix,
                    suffix: &quote.suffix,
                },
                Selector::Position {
                    kind: "TextPositionSelector",
                    start: position.start,
                    end: position.end,
                },
            ],
        },
        history: &annotation.history,
    }
}

/// The annotations in canonical order: by position (start, end), then id.
pub fn canonical_order(annotations: &[Annotation]) -> Vec<&Annotation> {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by_key(|a| (a.target.position.start, a.target.position.end, a.id));
    sorted
}

fn collection<'a>(source: &'a str, annotations: &'a [Annotation]) -> Collection<'a> {
    let items: Vec<Item<'a>> = canonical_order(annotations)
        .into_iter()
        .map(|a| item(a, source))
        .collect();
    Collection {
        context: ANNO_CONTEXT,
        id: format!(
            "urn:claimmark:collection:{:016x}",
            xxhash_rust::xxh3::xxh3_64(source.as_bytes())
        ),
        kind: "AnnotationCollection",
        label: "claimmark claims",
        total: items.len(),
        first: Page {
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    }
}

/// The claims as a W3C `AnnotationCollection`, pretty-printed (two-space
/// indent) with a final newline: the file format. `source` is the targets'
/// source, from [`target_source`].
pub fn export_collection(source: &str, annotations: &[Annotation]) -> String {
    let mut json =
        serde_json::to_string_pretty(&collection(source, annotations)).unwrap_or_default();
    json.push('\n');
    json
}

/// The same collection on one line, for share links.
pub fn export_collection_compact(source: &str, annotations: &[Annotation]) -> String {
    serde_json::to_string(&collection(source, annotations)).unwrap_or_default()
}
