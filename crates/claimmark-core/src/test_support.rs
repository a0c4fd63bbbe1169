//! Helpers shared by the crate's unit tests (the one test-support module of
//! claimmark-core): numbered ids, and one anchored claim with no note,
//! sources or history, made the way `Action::Create` makes one.

use std::rc::Rc;

use crate::model::anchor::{describe, Placement};
use crate::model::annotation::{Annotation, AnnotationId, Timestamp};
use crate::model::certainty::Certainty;
use crate::state::store::Claim;
use crate::text::document::Document;
use crate::text::span::Span;

/// The id numbered `n`: sixteen bytes of `n`, so tests can name claims 1, 2, 3.
pub fn id(n: u8) -> AnnotationId {
    AnnotationId::from_random_bytes([n; 16])
}

/// Claim `id` over `span` of `document` with `certainty`; `None` when
/// `describe` refuses the span (an empty one, or outside the text).
pub fn anchored(
    document: &Document,
    id: AnnotationId,
    span: Span,
    certainty: Certainty,
) -> Option<Rc<Claim>> {
    Some(Rc::new(Claim {
        annotation: Annotation {
            id,
            target: describe(document, span)?,
            certainty,
            note: String::new(),
            sources: Vec::new(),
            tags: Vec::new(),
            created: Timestamp(0),
            modified: Timestamp(0),
            history: Vec::new(),
        },
        placement: Placement::Anchored(span),
    }))
}
