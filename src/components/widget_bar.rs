//! The widget's toolbar: the legend (with its filter chips) on the left
//! and, in edit mode, the commands as one compact group on the right —
//! Share, the suggestions switch, Load article, the dark-theme switch, the
//! shortcuts button (each only where the widget offers it) and "More", the
//! overflow menu. What does not fit in one row goes into the menu: each
//! command carries `data-fold` (1 folds first), and container queries on
//! the bar (`styles/workflow.css`) hide it inline and show its menu entry;
//! "Review suggestions" is always in the menu. Keyboard order is the
//! visual order: chips, then commands, then More. The desk sync's status
//! chip sits between the legend and the commands when the widget syncs.
//!
//! Not here: what the controls do (the root's hooks), the share panel
//! ([`crate::components::share_panel`]) and the menu's keys
//! ([`crate::components::more_menu`]).

use yew::prelude::*;

use claimmark_core::Certainty;

use crate::components::load_article::{LoadArticle, LoadOpen};
use crate::components::more_menu::{MenuEntry, MoreMenu};
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
    /// Edit mode: the commands (read mode shows the legend only).
    pub editing: bool,
    /// The suggestions switch, when offered: whether it is on.
    #[prop_or_default]
    pub suggestions: Option<bool>,
    /// Switch suggestions on or off.
    #[prop_or_default]
    pub on_suggestions: Callback<()>,
    /// "Review suggestions" (every suggested sentence outlined) is on.
    #[prop_or_default]
    pub review: bool,
    /// Switch "Review suggestions".
    #[prop_or_default]
    pub on_review: Callback<()>,
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

/// The toolbar.
#[component]
pub fn WidgetBar(props: &WidgetBarProps) -> Html {
    let load_open = use_state(|| LoadOpen::Closed);
    let legend = html! {
        <Legend counts={props.counts} hidden={props.hidden} on_toggle={props.on_filter.clone()} />
    };
    if !props.editing {
        return html! { <header class="cm-bar">{ legend }</header> };
    }
    let on_load_toggle = {
        let load_open = load_open.clone();
        Callback::from(move |from: LoadOpen| {
            load_open.set(if *load_open == LoadOpen::Closed {
                from
            } else {
                LoadOpen::Closed
            })
        })
    };
    let menu = menu_entries(props, on_load_toggle.clone());
    html! {
        <header class="cm-bar" data-menu-always={props.suggestions.is_some().then_some("true")}>
            { legend }
            <SyncChip />
            <div class="cm-commands" role="group" aria-label="Commands">
                <SharePanel />
                if let Some(on) = props.suggestions {
                    <button type="button" class="cm-button cm-suggest-toggle" data-fold="4" aria-pressed={on.to_string()}
                        title="Show or hide the assistant's suggested claims"
                        onclick={props.on_suggestions.reform(|_: MouseEvent| ())}>
                        { if on { "Suggestions: on" } else { "Suggestions: off" } }
                    </button>
                }
                if let Some((on_open, on_demo)) = props.load.clone() {
                    <LoadArticle {on_open} {on_demo} open={*load_open} on_toggle={on_load_toggle} />
                }
                if let Some(dark) = props.dark {
                    <ThemeToggle {dark} on_toggle={props.on_theme.clone()} />
                }
                <button type="button" class="cm-button cm-help-button" data-fold="1" aria-keyshortcuts="?"
                    onclick={props.on_help.reform(|_: MouseEvent| ())}>{ "Shortcuts (?)" }</button>
                <MoreMenu entries={menu} />
            </div>
        </header>
    }
}

/// The menu's entries: every command that can fold, in the toolbar's
/// order, and "Review suggestions" (always in the menu).
fn menu_entries(props: &WidgetBarProps, on_load: Callback<LoadOpen>) -> Vec<MenuEntry> {
    let mut entries = Vec::new();
    if let Some(on) = props.suggestions {
        entries.push(MenuEntry {
            fold: "4",
            label: "Suggestions",
            checked: Some(on),
            shortcut: None,
            on_select: props.on_suggestions.clone(),
        });
        entries.push(MenuEntry {
            fold: "menu",
            label: "Review suggestions",
            checked: Some(props.review),
            shortcut: None,
            on_select: props.on_review.clone(),
        });
    }
    if props.load.is_some() {
        entries.push(MenuEntry {
            fold: "3",
            label: "Load article",
            checked: None,
            shortcut: None,
            on_select: on_load.reform(|()| LoadOpen::FromMenu),
        });
    }
    if let Some(dark) = props.dark {
        entries.push(MenuEntry {
            fold: "2",
            label: "Dark theme",
            checked: Some(dark),
            shortcut: None,
            on_select: props.on_theme.clone(),
        });
    }
    entries.push(MenuEntry {
        fold: "1",
        label: "Shortcuts",
        checked: None,
        shortcut: Some("?"),
        on_select: props.on_help.clone(),
    });
    entries
}
