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
//! What the W3C model requires of the file (§ of the Web Annotation Data
//! Model): the collection has `@context`, an `id` (an IRI,
//! `urn:claimmark:collection:<hash of the source>`) and `type`
//! `AnnotationCollection` (§5.1); its one page, `first`, has an `id`
//! (`<collection id>:page:0`), `type` `AnnotationPage`, `partOf` and
//! `items` (§5.2); each annotation has its own `@context`, so it stays
//! valid when taken out of the file (§3.1), an `id`, `type` `Annotation`
//! and a target.
//!
//! Positions: [`export_claims`] describes every placed claim again
//! against the text being exported ([`crate::model::anchor::describe`] of
//! where it is drawn), so the `TextPositionSelector` always holds the
//! quote in that text. When its place or words differ from the description
//! the claim was created or imported with (the article was corrected
//! since), the older one follows under `claimmark:recorded` (its two
//! selectors), for a reader holding the older text; a new context alone is
//! not recorded. A claim that is not placed keeps its last
//! description and says why: `"claimmark:orphan": true` (not found) or
//! `"claimmark:ambiguous": true` (found in two places). [`export_collection`]
//! writes annotations as recorded, for tools with no text at hand (`claimmark
//! merge`).
//!
//! The output is canonical: keys in a fixed order (the struct order here),
//! items in document order (start, end, then id), so export → import into an
//! empty state → export gives the same bytes. Reading is [`super::validate`].

use std::borrow::Cow;
use std::rc::Rc;

use serde::Serialize;

use crate::model::anchor::{describe, Placement};
use crate::model::annotation::{Annotation, SourceUrl, Target, Timestamp};
use crate::model::certainty_change::CertaintyChange;
use crate::state::store::Claim;
use crate::text::document::{Document, DocumentId};

/// The key of a claim's certainty history in an exported annotation.
pub const HISTORY_KEY: &str = "claimmark:history";

/// The key of the description a claim was recorded with, when the export's
/// differs (the text changed since).
pub const RECORDED_KEY: &str = "claimmark:recorded";

/// The key saying a claim is not found in the exported text.
pub const ORPHAN_KEY: &str = "claimmark:orphan";

/// The key saying a claim fits two places of the exported text.
pub const AMBIGUOUS_KEY: &str = "claimmark:ambiguous";

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
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
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
    #[serde(rename = "claimmark:recorded", skip_serializing_if = "Option::is_none")]
    recorded: Option<Recorded<'a>>,
    #[serde(rename = "claimmark:orphan", skip_serializing_if = "is_false")]
    orphan: bool,
    #[serde(rename = "claimmark:ambiguous", skip_serializing_if = "is_false")]
    ambiguous: bool,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

#[derive(Serialize)]
struct Recorded<'a> {
    selector: [Selector<'a>; 2],
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

fn selectors(target: &Target) -> [Selector<'_>; 2] {
    let quote = &target.quote;
    [
        Selector::Quote {
            kind: "TextQuoteSelector",
            exact: &quote.exact,
            prefix: &quote.prefix,
            suffix: &quote.suffix,
        },
        Selector::Position {
            kind: "TextPositionSelector",
            start: target.position.start,
            end: target.position.end,
        },
    ]
}

/// One claim as it is written: the annotation, its target in the exported
/// text, and how it was placed there.
struct Placed<'a> {
    annotation: &'a Annotation,
    target: Cow<'a, Target>,
    placement: Option<Placement>,
    /// The recorded description differs in place or words from `target`.
    recorded: bool,
}

impl<'a> Placed<'a> {
    fn as_recorded(annotation: &'a Annotation) -> Self {
        Placed {
            annotation,
            target: Cow::Borrowed(&annotation.target),
            placement: None,
            recorded: false,
        }
    }

    fn in_text(document: &Document, claim: &'a Claim) -> Self {
        let annotation = &claim.annotation;
        let target = claim
            .placement
            .span()
            .and_then(|span| describe(document, span))
            .filter(|now| *now != annotation.target)
            .map_or(Cow::Borrowed(&annotation.target), Cow::Owned);
        // Context alone (a file's quote without prefix and suffix, a word
        // changed nearby) is not worth recording: the place and the words are.
        let recorded = target.position != annotation.target.position
            || target.quote.exact != annotation.target.quote.exact;
        Placed {
            annotation,
            target,
            placement: Some(claim.placement),
            recorded,
        }
    }
}

fn item<'a>(placed: &'a Placed<'a>, source: &'a str) -> Item<'a> {
    let annotation = placed.annotation;
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
    let target: &Target = &placed.target;
    Item {
        context: ANNO_CONTEXT,
        id: format!("urn:uuid:{}", annotation.id),
        kind: "Annotation",
        motivation: "assessing",
        created: annotation.created,
        modified: annotation.modified,
        body,
        target: TargetOut {
            source,
            selector: selectors(target),
        },
        history: &annotation.history,
        recorded: placed.recorded.then(|| Recorded {
            selector: selectors(&annotation.target),
        }),
        orphan: placed.placement == Some(Placement::Orphan),
        ambiguous: matches!(placed.placement, Some(Placement::Ambiguous { .. })),
    }
}

/// The annotations in canonical order: by position (start, end), then id.
pub fn canonical_order(annotations: &[Annotation]) -> Vec<&Annotation> {
    let mut sorted: Vec<&Annotation> = annotations.iter().collect();
    sorted.sort_by_key(|a| (a.target.position.start, a.target.position.end, a.id));
    sorted
}

/// The id of the collection of the claims on `source` (an IRI, §5.1).
pub fn collection_id(source: &str) -> String {
    format!(
        "urn:claimmark:collection:{:016x}",
        xxhash_rust::xxh3::xxh3_64(source.as_bytes())
    )
}

fn collection<'a>(source: &'a str, placed: &'a [Placed<'a>]) -> Collection<'a> {
    let mut sorted: Vec<&Placed<'a>> = placed.iter().collect();
    sorted.sort_by_key(|p| {
        let position = p.target.position;
        (position.start, position.end, p.annotation.id)
    });
    let items: Vec<Item<'a>> = sorted.into_iter().map(|p| item(p, source)).collect();
    let id = collection_id(source);
    Collection {
        context: ANNO_CONTEXT,
        label: "claimmark claims",
        total: items.len(),
        first: Page {
            id: format!("{id}:page:0"),
            kind: "AnnotationPage",
            part_of: id.clone(),
            start_index: 0,
            items,
        },
        id,
        kind: "AnnotationCollection",
    }
}

fn recorded(annotations: &[Annotation]) -> Vec<Placed<'_>> {
    annotations.iter().map(Placed::as_recorded).collect()
}

fn in_text<'a>(document: &Document, claims: &'a [Rc<Claim>]) -> Vec<Placed<'a>> {
    claims
        .iter()
        .map(|claim| Placed::in_text(document, claim))
        .collect()
}

fn pretty(collection: &Collection<'_>) -> String {
    let mut json = serde_json::to_string_pretty(collection).unwrap_or_default();
    json.push('\n');
    json
}

/// The claims as a W3C `AnnotationCollection`, pretty-printed (two-space
/// indent) with a final newline: the file format. Each claim is described
/// again where it is placed in `document` (see the module's docs);
/// `source` is the targets' source, from [`target_source`].
pub fn export_claims(source: &str, document: &Document, claims: &[Rc<Claim>]) -> String {
    pretty(&collection(source, &in_text(document, claims)))
}

/// [`export_claims`] on one line, for share links.
pub fn export_claims_compact(source: &str, document: &Document, claims: &[Rc<Claim>]) -> String {
    serde_json::to_string(&collection(source, &in_text(document, claims))).unwrap_or_default()
}

/// The annotations as recorded (no text to place them in), pretty-printed
/// like [`export_claims`].
pub fn export_collection(source: &str, annotations: &[Annotation]) -> String {
    pretty(&collection(source, &recorded(annotations)))
}

/// The same collection on one line.
pub fn export_collection_compact(source: &str, annotations: &[Annotation]) -> String {
    serde_json::to_string(&collection(source, &recorded(annotations))).unwrap_or_default()
}
