//! The storage banner: every notice the person must read, as an alert,
//! with a button that downloads the claims from memory (W3C JSON) — it
//! works when storage is blocked, full or read-only. Shows nothing when
//! all is well.
//!
//! Not here: where the notices come from (the core's state, reported by
//! saving: [`crate::hooks::persistence`]).

use yew::prelude::*;

use crate::recovery::download_claims;
use crate::store::use_store;
use claimmark_core::state::notice::Notice;

/// Props of [`NoticeBanner`].
#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    /// What to say.
    pub notices: Vec<Notice>,
}

/// A banner listing storage notices, with "Export claims".
#[component]
pub fn NoticeBanner(props: &NoticeBannerProps) -> Html {
    let store = use_store();
    let status = use_state(String::new);
    if props.notices.is_empty() {
        return html! {};
    }
    let on_export = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(store) = &store {
                status.set(match download_claims(store.state()) {
                    Ok(()) => "Downloaded the claims as W3C annotation JSON.".to_owned(),
                    Err(reason) => format!("Export failed: {reason}"),
                });
            }
        })
    };
    html! {
        <div class="cm-banner" role="alert">
            { for props.notices.iter().map(|notice| html! { <p>{ notice.message() }</p> }) }
            <p class="cm-banner-actions">
                <button type="button" class="cm-button cm-export-claims" onclick={on_export}>{ "Export claims" }</button>
                <span class="cm-banner-status" role="status">{ (*status).clone() }</span>
            </p>
        </div>
    }
}
