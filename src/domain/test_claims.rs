//! Claims for the domain's unit tests: one anchored claim with no note,
//! sources or history, made the way `Action::Create` makes one.

use std::rc::Rc;

use super::anchor::{describe, Placement};
use super::annotation::{Annotation, AnnotationId, Timestamp};
use super::certainty::Certainty;
use super::document::Document;
use super::span::Span;
use super::store::Claim;

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
