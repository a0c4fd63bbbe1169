//! The desk sync's status chip in the widget's bar: Synced · Syncing ·
//! Offline (N waiting) · Needs attention (and why). Words and a symbol,
//! never colour alone; a polite live region, so a change is announced.
//! Nothing when the widget does not sync.
//!
//! Not here: the status itself ([`crate::desk`]).

use yew::prelude::*;

use claimmark_core::interchange::desk::SyncStatus;

use crate::hooks::desk::DeskContext;

/// The chip; reads the desk context.
#[component]
pub fn SyncChip() -> Html {
    let Some(desk) = use_context::<Option<DeskContext>>().flatten() else {
        return html! {};
    };
    let status = &desk.view.status;
    let symbol = match status {
        SyncStatus::Synced => "✓",
        SyncStatus::Syncing => "↻",
        SyncStatus::Offline { .. } => "⏸",
        SyncStatus::Attention { .. } => "⚠",
    };
    html! {
        <span class="cm-sync" role="status" aria-live="polite" aria-atomic="true" data-sync={status.key()}
            aria-label={format!("Desk sync: {}", status.label())}>
            <span class="cm-sync-symbol" aria-hidden="true">{ symbol }</span>
            { status.label() }
        </span>
    }
}
