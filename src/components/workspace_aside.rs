//! What sits beside the article: the overview of sentences by certainty and
//! the claims panel, plus the numbered claim list while printing (it holds
//! every claim in full, so it is built only for paper).
//!
//! Not here: the panel's own search and paging ([`crate::components::claim_panel`]).

use yew::prelude::*;

use claimmark_core::AnnotationId;

use crate::components::claim_panel::ClaimPanel;
use crate::components::overview::Overview;
use crate::components::print_claims::PrintClaims;
use crate::hooks::document_order::Ordered;
use crate::hooks::printing::use_printing;

/// Props of [`WorkspaceAside`].
#[derive(Properties, PartialEq)]
pub struct WorkspaceAsideProps {
    /// Certainties filtered out.
    pub hidden: [bool; 3],
    /// The overview's counts, once counted.
    pub counts: Option<[usize; 4]>,
    /// Every claim in document order.
    pub ordered: Ordered,
    /// Scroll to and focus a claim.
    pub on_pick: Callback<AnnotationId>,
}

/// The overview and the claims panel beside the article; the print list
/// while printing.
#[component]
pub fn WorkspaceAside(props: &WorkspaceAsideProps) -> Html {
    let printing = use_printing();
    html! {
        <div class="cm-aside">
            <Overview counts={props.counts} />
            <ClaimPanel hidden={props.hidden} ordered={props.ordered.clone()} on_pick={props.on_pick.clone()} />
            if printing {
                <PrintClaims ordered={props.ordered.clone()} />
            }
        </div>
    }
}
