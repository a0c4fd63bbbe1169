//! The storage banner: every notice the person must read, as an alert.
//! Shows nothing when all is well.

use yew::prelude::*;

use crate::domain::persist::Notice;

/// Props of [`NoticeBanner`].
#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    /// What to say.
    pub notices: Vec<Notice>,
}

/// A banner listing storage notices.
#[component]
pub fn NoticeBanner(props: &NoticeBannerProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="cm-banner" role="alert">
            { for props.notices.iter().map(|notice| html! { <p>{ notice.message() }</p> }) }
        </div>
    }
}
