//! claimmark: highlight a news article's claims by certainty — confirmed,
//! unclear, unconfirmed — keep them in the browser's localStorage and
//! share them as JSON.
//!
//! Two layers:
//! - [`domain`] is pure Rust: the [`domain::Document`], W3C selectors and
//!   anchoring, the [`domain::Certainty`] of each [`domain::Annotation`],
//!   the one [`domain::Action`] enum and its pure [`domain::reduce`]r,
//!   render segments and the storage envelope.
//! - [`ui`] is a thin Yew layer: DOM events become actions, state becomes
//!   HTML, persistence is an effect.
//!
//! ```
//! use std::rc::Rc;
//! use claimmark::domain::{reduce, Action, AnnotationId, Certainty, Document, Span, State, Timestamp};
//!
//! let doc = Rc::new(Document::from_plain_text("Officials say the talks failed.", None));
//! let state = Rc::new(State::new(doc));
//! // A sloppy selection ("fficials sa") snaps to whole words.
//! let state = reduce(state, Action::Create {
//!     id: AnnotationId::from_random_bytes([1; 16]),
//!     span: Span::new(1, 11),
//!     certainty: Certainty::Unclear,
//!     at: Timestamp(0),
//! });
//! let claim = &state.claims[0];
//! assert_eq!(claim.annotation.target.quote.exact, "Officials say");
//! assert_eq!(state.counts(), [0, 1, 0]);
//! ```

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod anchor_bench;
#[cfg(feature = "bench")]
pub mod bench_exports;
pub mod domain;
pub mod ui;
