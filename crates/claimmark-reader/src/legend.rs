//! The legend: each certainty with its symbol, its name and how many
//! claims have it (never colour alone), each a filter chip (a toggle
//! button with `aria-pressed`): switching a certainty off dims its
//! highlights and leaves it out of keyboard moves. The same elements as
//! the editor's legend (`.cm-legend li[data-certainty] button.cm-chip`).
//!
//! Not here: the filter's state ([`crate::ui::ReaderUi::hidden`]).

use yew::prelude::*;

use claimmark_core::Certainty;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Claims per certainty, in [`Certainty::ALL`] order.
    pub counts: [usize; 3],
    /// Certainties filtered out, in [`Certainty::ALL`] order.
    pub hidden: [bool; 3],
    /// Turns a certainty's filter on or off.
    pub on_toggle: Callback<Certainty>,
}

/// The certainty legend with counts and filter chips.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="cm-legend" aria-label="Claims by certainty">
            { for Certainty::ALL.iter().zip(props.counts).zip(props.hidden).map(|((&certainty, count), hidden)| html! {
                <li data-certainty={certainty.key()} data-hidden={hidden.then_some("true")}>
                    <button type="button" class="cm-chip" data-certainty={certainty.key()}
                        aria-pressed={(!hidden).to_string()}
                        title={format!("Show or hide {} claims", certainty.key())}
                        onclick={props.on_toggle.reform(move |_: MouseEvent| certainty)}>
                        <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                        <span class="cm-legend-label">{ certainty.label() }</span>
                        <span class="cm-count">{ count }</span>
                    </button>
                </li>
            }) }
        </ul>
    }
}
