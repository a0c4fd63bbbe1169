//! The legend: each certainty with its colour, its symbol, its name and
//! how many claims have it, so the key never rests on colour alone.
//!
//! With `on_toggle`, each entry is a filter chip (a toggle button with
//! `aria-pressed`): switching a certainty off dims its highlights and
//! leaves it out of the claims panel and of keyboard roving.
//!
//! Not here: the filter's state (the editor's `UiState::hidden`, the
//! reader's `ReaderUi::hidden`).

use yew::prelude::*;

use claimmark_core::Certainty;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Claims per certainty, in [`Certainty::ALL`] order.
    pub counts: [usize; 3],
    /// Certainties filtered out, in [`Certainty::ALL`] order.
    #[prop_or_default]
    pub hidden: [bool; 3],
    /// Turns a certainty's filter on or off; without it the legend is a
    /// plain key.
    #[prop_or_default]
    pub on_toggle: Option<Callback<Certainty>>,
}

/// The certainty legend with counts.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="cm-legend" aria-label="Claims by certainty">
            { for Certainty::ALL.iter().zip(props.counts).zip(props.hidden).map(|((&certainty, count), hidden)| {
                let content = html! {
                    <>
                        <span class="cm-swatch" aria-hidden="true">{ certainty.symbol() }</span>
                        <span class="cm-legend-label">{ certainty.label() }</span>
                        <span class="cm-count">{ count }</span>
                    </>
                };
                html! {
                    <li data-certainty={certainty.key()} data-hidden={hidden.then_some("true")}>
                        if let Some(on_toggle) = &props.on_toggle {
                            <button type="button" class="cm-chip" data-certainty={certainty.key()}
                                aria-pressed={(!hidden).to_string()}
                                title={format!("Show or hide {} claims", certainty.key())}
                                onclick={on_toggle.reform(move |_: MouseEvent| certainty)}>
                                { content }
                            </button>
                        } else {
                            { content }
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
