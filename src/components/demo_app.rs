//! The demo page: the seed article (shipped in `assets/article.txt`),
//! ready to annotate, with "Load article" to try any other text.
//!
//! Not here: the widget ([`crate::components::claim_annotator`]).

use yew::prelude::*;

use crate::components::claim_annotator::ClaimAnnotator;

/// The demo article embedded in the build.
pub const SEED_ARTICLE: &str = include_str!("../../assets/article.txt");

/// The demo application.
#[component]
pub fn DemoApp() -> Html {
    html! {
        <main class="cm-demo">
            <h1>{ "claimmark" }</h1>
            <p class="cm-intro">
                { "Select a phrase, then press " }<kbd>{ "1" }</kbd>{ " Confirmed, " }<kbd>{ "2" }</kbd>
                { " Unclear or " }<kbd>{ "3" }</kbd>{ " Unconfirmed. Click a highlight to edit it. A small ✓, ? or ✗ before a sentence is a suggestion: click the sentence to accept or dismiss it. Your claims stay in this browser." }
            </p>
            <ClaimAnnotator text={SEED_ARTICLE} resume={true} allow_load={true} />
        </main>
    }
}
