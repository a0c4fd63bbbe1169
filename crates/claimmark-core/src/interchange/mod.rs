//! Sharing claims with other tools and people: the standard JSON formats
//! and the rules for taking claims in.
//!
//! - [`w3c`]: export as a W3C Web Annotation `AnnotationCollection`
//!   (canonical: fixed key and item order, so export → import → export is
//!   byte-identical).
//! - [`validate`]: parse and check an import (an annotation, a collection
//!   with inline pages, a page, an array) before anything changes; every
//!   refused item has a reason ([`import_errors`]), everything done to an
//!   accepted one a note ([`import_notes`]); targets and positions are
//!   [`mod@target`].
//! - [`mod@preview`]: what an import would do to the current state.
//! - [`claimreview`]: schema.org `ClaimReview` JSON-LD, one per claim.
//! - [`text_fragment`]: `#:~:text=` links to a claim in the published page.
//! - [`share_link`]: claims packed into a URL fragment and back.
//! - [`desk`]: sync with a desk server: what to send, what its answers
//!   and its change feed mean (pure; the widget does the HTTP).
//!
//! The merge-by-id rules they apply (newer `modified` wins; tombstones)
//! are [`crate::model::merge`], shared with the reducer.
//!
//! Nothing here touches the browser: the UI reads files and the clipboard,
//! the command-line tool reads files; both call these functions.

pub mod claimreview;
pub mod desk;
pub mod import_errors;
pub mod import_notes;
mod item_fields;
pub mod preview;
pub mod share_link;
pub mod target;
pub mod text_fragment;
pub mod validate;
pub mod w3c;

pub use crate::model::merge::{merge_annotations, plan, Decision};
pub use claimreview::{claim_reviews, Author, ClaimReviewError};
pub use import_errors::{ImportError, ItemError, Rejection};
pub use import_notes::{ImportNote, ItemNote, PositionProblem};
pub use preview::{preview, ImportSummary, Indexed, Preview};
pub use share_link::{
    decode_share_link, encode_share_link, encode_share_link_of_claims, ShareLinkError,
    MAX_SHARE_URL_CHARS,
};
pub use text_fragment::{text_directive, text_fragment_link};
pub use validate::{parse_import, ParsedImport};
pub use w3c::{
    export_claims, export_claims_compact, export_collection, export_collection_compact,
    target_source,
};

/// Largest import accepted, in bytes, checked before parsing (a file, a
/// paste, or a share link once inflated).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Most annotations one import may hold.
pub const MAX_ITEMS: usize = 10_000;

/// Longest quote (`exact`), in code points.
pub const MAX_QUOTE_CHARS: usize = 10_000;

/// Longest quote context (`prefix`, `suffix`), in code points.
pub const MAX_CONTEXT_CHARS: usize = 1_000;

/// Longest tag, in code points.
pub const MAX_TAG_CHARS: usize = 100;

/// Most tags one claim may carry.
pub const MAX_TAGS: usize = 50;

/// Longest target `source` (a page URL or a `urn:`), in bytes.
pub const MAX_TARGET_SOURCE_LEN: usize = 2048;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod interop_tests;
#[cfg(test)]
mod server_id_tests;
