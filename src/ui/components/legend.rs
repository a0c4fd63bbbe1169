//! The legend: each certainty with its colour, its symbol, its name and
//! how many claims have it, so the key never rests on colour alone.

use yew::prelude::*;

use crate::domain::Certainty;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Claims per certainty, in [`Certainty::ALL`] order.
    pub counts: [usize; 3],
}

/// The certainty legend with counts.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="cm-legend" aria-label="Claims by certainty">
            { for Certainty::ALL.iter().zip(props.counts).map(|(certainty, count)| html! {
                <li data-certainty={certainty.key()}>
                    <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                    <span class="cm-legend-label">{ certainty.label() }</span>
                    <span class="cm-count">{ count }</span>
                </li>
            }) }
        </ul>
    }
}
