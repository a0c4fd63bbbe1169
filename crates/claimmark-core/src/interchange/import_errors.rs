//! Why an import, or one item of it, was refused: [`ImportError`] for the
//! whole input (nothing of it is used), [`ItemError`] with its index
//! ([`Rejection`]) for one item. The messages are what people read in the
//! import preview, the JS API's summary and the command line.

use thiserror::Error;

use crate::model::annotation::{AnnotationId, InvalidSourceUrl};

/// Why a whole import was refused (nothing of it is used).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`]; not parsed.
    #[error("the import is {size} bytes, more than the {max} bytes accepted: split it into smaller files")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Not JSON.
    #[error("the import is not valid JSON: {0}")]
    Json(String),
    /// JSON, but none of the accepted shapes.
    #[error(
        "the import is not a W3C Annotation, AnnotationCollection, AnnotationPage or array of annotations"
    )]
    Shape,
    /// A collection whose pages are links rather than embedded.
    #[error("the annotation pages are not inline (\"first\" and each \"next\" must be a page with \"items\", not a link)")]
    PagesNotEmbedded,
    /// More than [`MAX_ITEMS`] items.
    #[error("the import holds {count} annotations, more than the {max} accepted")]
    TooManyItems {
        /// How many it holds.
        count: usize,
        /// The limit.
        max: usize,
    },
}

/// Why one item was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ItemError {
    /// Not a JSON object.
    #[error("is not a JSON object")]
    NotAnObject,
    /// `type` does not include `Annotation`.
    #[error("is not a W3C Annotation (its \"type\" does not include \"Annotation\")")]
    NotAnAnnotation,
    /// A required field is absent.
    #[error("has no \"{0}\"")]
    Missing(&'static str),
    /// A field has the wrong JSON type.
    #[error("\"{field}\" should be {expected}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// What it should be.
        expected: &'static str,
    },
    /// The id is not a UUID.
    #[error("id {0:?} is not a urn:uuid: or a UUID")]
    InvalidId(String),
    /// Another item has the same id.
    #[error("has the same id as items[{first}] ({id})")]
    DuplicateId {
        /// The id.
        id: AnnotationId,
        /// The index of the first item with it.
        first: usize,
    },
    /// A date-time that is not RFC 3339 with a zone.
    #[error("\"{field}\" {value:?} is not a date-time such as 2026-02-25T10:00:00Z")]
    InvalidTimestamp {
        /// The field.
        field: &'static str,
        /// The value found (clipped).
        value: String,
    },
    /// No TextQuoteSelector (nor, with the text, a TextPositionSelector).
    #[error("has no usable selector (found: {found}); claimmark reads TextQuoteSelector and TextPositionSelector")]
    NoUsableSelector {
        /// The selector types found, comma-separated, or "none".
        found: String,
    },
    /// `start` after `end`.
    #[error("TextPositionSelector start {start} is after its end {end}")]
    StartAfterEnd {
        /// Start.
        start: usize,
        /// End.
        end: usize,
    },
    /// A position past the end of the document's text.
    #[error("TextPositionSelector end {end} is past the end of the text ({len} code points)")]
    PastEnd {
        /// End.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// An empty quote.
    #[error("TextQuoteSelector \"exact\" is empty")]
    EmptyQuote,
    /// An evidence link that is not a safe http(s) URL.
    #[error("link {url:?} refused: {reason}")]
    BadLink {
        /// The link (clipped).
        url: String,
        /// Why.
        reason: InvalidSourceUrl,
    },
    /// A certainty that is not one of the three.
    #[error("unknown certainty {0:?}: expected confirmed, unclear or unconfirmed")]
    UnknownCertainty(String),
    /// No `assessing` body.
    #[error("has no assessing body giving its certainty (confirmed, unclear or unconfirmed)")]
    NoCertainty,
    /// Two `assessing` bodies.
    #[error("has more than one assessing body")]
    SeveralCertainties,
    /// A string longer than its cap.
    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong {
        /// Which string.
        field: &'static str,
        /// Its length (code points, bytes for URLs).
        len: usize,
        /// The cap.
        max: usize,
    },
    /// A `claimmark:history` that is not a list of certainty changes.
    #[error("has an unreadable \"claimmark:history\": {0}")]
    BadHistory(String),
    /// More elements than the cap.
    #[error("has too many {field}: {count}, at most {max}")]
    TooMany {
        /// Which list.
        field: &'static str,
        /// How many.
        count: usize,
        /// The cap.
        max: usize,
    },
}

/// One refused item: its index in the input's item list, and why.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("items[{index}] {reason}")]
pub struct Rejection {
    /// Index in the item list (`first.items`, the array), from 0.
    pub index: usize,
    /// Why it was refused.
    pub reason: ItemError,
}
