//! A claim's certainty history as its card shows it: a `details.cm-history`
//! disclosure, newest change first, each with its time and who made it.
//!
//! Not here: recording the changes ([`claimmark_core::model::certainty_change`]).

use yew::prelude::*;

use claimmark_core::model::certainty_change::CertaintyChange;
use claimmark_core::Timestamp;

/// A time as "2026-02-25 10:00 UTC".
pub fn short_time(at: Timestamp) -> String {
    let full = at.to_rfc3339();
    let date = full.get(..10).unwrap_or(&full);
    let clock = full.get(11..16).unwrap_or_default();
    format!("{date} {clock} UTC")
}

/// A claim's certainty history, newest first, as a disclosure.
pub fn history_view(history: &[CertaintyChange]) -> Html {
    if history.is_empty() {
        return html! {};
    }
    html! {
        <details class="cm-history">
            <summary>{ format!("History ({})", history.len()) }</summary>
            <ol reversed=true>
                { for history.iter().rev().map(|change| html! {
                    <li>
                        { change.describe() }
                        { ", " }<time datetime={change.at.to_rfc3339()}>{ short_time(change.at) }</time>
                        if let Some(by) = &change.by { { format!(", by {by}") } }
                    </li>
                }) }
            </ol>
        </details>
    }
}
