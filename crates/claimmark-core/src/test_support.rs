//! Claims for the domain's unit tests: one anchored claim with no note,
//! sources or history, made the way `Action::Create` makes one.

use std::rc::Rc;

use crate::model::anchor::{describe, Placement};
use crate::model::annotation::{Annotation, AnnotationId, Timestamp};
use crate::model::certainty::Certainty;
use crate::state::store::Claim;
use crate::text::document::Document;
use crate::text::span::Span;

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
