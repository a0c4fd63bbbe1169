//! The widget's header bar: the legend (with its filter chips) and, in
//! edit mode, Share, the suggestions switch, Load article, the dark-theme
//! switch and the shortcuts button, each only where the widget offers it;
//! the desk sync's status chip when the widget syncs.
//!
//! Not here: what the controls do (the root's hooks) and the share panel
//! itself ([`crate::components::share_panel`]).

use yew::prelude::*;

use claimmark_core::Certainty;

use crate::components::load_article::LoadArticle;
use crate::components::share_panel::SharePanel;
use crate::components::sync_chip::SyncChip;
use crate::components::theme_toggle::ThemeToggle;
use claimmark_ui::Legend;

/// Props of [`WidgetBar`].
#[derive(Properties, PartialEq)]
pub struct WidgetBarProps {
    /// Claims per certainty, in [`Certainty::ALL`] order.
    pub counts: [usize; 3],
    /// Certainties filtered out.
    pub hidden: [bool; 3],
    /// Toggle a certainty's filter.
    pub on_filter: Callback<Certainty>,
    /// Edit mode: Share and the shortcuts button (read mode shows the
    /// legend only).
    pub editing: bool,
    /// The suggestions switch, when offered: whether it is on.
    #[prop_or_default]
    pub suggestions: Option<bool>,
    /// Switch suggestions on or off.
    #[prop_or_default]
    pub on_suggestions: Callback<()>,
    /// "Load article", when offered: open a text, go back to the demo.
    #[prop_or_default]
    pub load: Option<(Callback<String>, Callback<()>)>,
    /// The dark-theme switch, when the person chooses the theme: whether
    /// the dark theme is on.
    #[prop_or_default]
    pub dark: Option<bool>,
    /// Switch the theme.
    #[prop_or_default]
    pub on_theme: Callback<()>,
    /// Open the shortcuts dialog.
    #[prop_or_default]
    pub on_help: Callback<()>,
}

/// The header bar.
#[component]
pub fn WidgetBar(props: &WidgetBarProps) -> Html {
    html! {
        <header class="cm-bar">
            <Legend counts={props.counts} hidden={props.hidden} on_toggle={props.on_filter.clone()} />
            <SyncChip />
            if props.editing {
                <SharePanel />
            }
            if let Some(on) = props.suggestions {
                <button type="button" class="cm-suggest-toggle" aria-pressed={on.to_string()}
                    title="Show or hide the assistant's suggested claims"
                    onclick={props.on_suggestions.reform(|_: MouseEvent| ())}>
                    { if on { "Suggestions: on" } else { "Suggestions: off" } }
                </button>
            }
            if let Some((on_open, on_demo)) = props.load.clone() {
                <LoadArticle {on_open} {on_demo} />
            }
            if let Some(dark) = props.dark {
                <ThemeToggle {dark} on_toggle={props.on_theme.clone()} />
            }
            if props.editing {
                <button type="button" class="cm-button cm-help-button" aria-keyshortcuts="?"
                    onclick={props.on_help.reform(|_: MouseEvent| ())}>{ "Shortcuts (?)" }</button>
            }
        </header>
    }
}
