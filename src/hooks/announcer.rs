//! The widget's polite live region: what a screen reader hears after an
//! action ("Confirmed claim created.", "Undone.").
//!
//! The message is written straight into the region's element rather than
//! kept as component state: saying something must not re-render the
//! whole widget. At 10,000 claims a certainty change re-rendered the root
//! twice, once for the change and once for its message. The region is
//! rendered without children, so Yew never touches the text set here.
//!
//! Not here: what is said (the hooks that act).

use yew::prelude::*;

/// Writes messages into the live region rendered with [`Announcer::region`].
#[derive(Clone, PartialEq)]
pub struct Announcer {
    region: NodeRef,
}

impl Announcer {
    /// Replaces the region's message (nothing before the region is on
    /// screen). The same message again leaves the region alone, as a state
    /// set to an equal value did: a change announced by its key and again
    /// by the revision's effect is heard once.
    pub fn say(&self, message: &str) {
        if let Some(region) = self.region.get() {
            if region.text_content().as_deref() != Some(message) {
                region.set_text_content(Some(message));
            }
        }
    }

    /// The reference for the region's element: an empty
    /// `role="status" aria-live="polite"` element.
    pub fn region(&self) -> NodeRef {
        self.region.clone()
    }
}

/// An announcer for one widget.
#[hook]
pub fn use_announcer() -> Announcer {
    Announcer {
        region: use_node_ref(),
    }
}
