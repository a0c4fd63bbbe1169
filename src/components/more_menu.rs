//! The toolbar's overflow menu: a menu button ("More", `aria-haspopup=menu`,
//! `aria-expanded`) and its `role=menu` list of `menuitem` /
//! `menuitemcheckbox` entries. Enter, Space, a click or ArrowDown open it
//! on its first entry (ArrowUp on its last); ArrowUp / ArrowDown / Home /
//! End move between entries; Escape closes it and gives the focus back to
//! the button; Tab or a click outside closes it.
//!
//! Which entries show is the stylesheet's business, not this component's:
//! each entry carries the `data-fold` of the toolbar command it stands for,
//! and a container query on the bar shows the entry exactly when that
//! command does not fit inline (`styles/workflow.css`); an entry with
//! `data-fold="menu"` is always in the menu. The keys move over the
//! entries that are shown.
//!
//! Not here: what the entries do (the bar's callbacks).

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};
use yew::prelude::*;

/// One entry of the menu.
#[derive(Clone, PartialEq)]
pub struct MenuEntry {
    /// The toolbar command it stands for (`data-fold`), or `"menu"`.
    pub fold: &'static str,
    /// Its text (its accessible name).
    pub label: &'static str,
    /// A switch: whether it is on (`menuitemcheckbox`, `aria-checked`).
    pub checked: Option<bool>,
    /// Its keyboard shortcut (`aria-keyshortcuts`), if any.
    pub shortcut: Option<&'static str>,
    /// What choosing it does.
    pub on_select: Callback<()>,
}

/// Props of [`MoreMenu`].
#[derive(Properties, PartialEq)]
pub struct MoreMenuProps {
    /// The entries, in the toolbar's order.
    pub entries: Vec<MenuEntry>,
}

/// Where the focus goes when the menu opens.
#[derive(Clone, Copy, PartialEq)]
enum Edge {
    First,
    Last,
}

/// The entries of `menu` that are shown (the stylesheet hides the others).
fn shown_entries(menu: &NodeRef) -> Vec<HtmlElement> {
    let Some(menu) = menu.cast::<Element>() else {
        return Vec::new();
    };
    let Ok(list) = menu.query_selector_all("[role^=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .filter(|el| el.get_bounding_client_rect().height() > 0.0)
        .collect()
}

/// Focuses the shown entry `step` places from the focused one (wrapping
/// around), or the first / last.
fn move_focus(menu: &NodeRef, step: Option<i32>, edge: Edge) {
    let entries = shown_entries(menu);
    if entries.is_empty() {
        return;
    }
    let last = entries.len() - 1;
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = active.and_then(|a| entries.iter().position(|e| **e == a));
    let index = match (step, current) {
        (Some(step), Some(at)) => {
            let len = entries.len() as i32;
            ((at as i32 + step).rem_euclid(len)) as usize
        }
        _ if edge == Edge::Last => last,
        _ => 0,
    };
    if let Some(entry) = entries.get(index) {
        let _ = entry.focus();
    }
}

/// True when `target` lies inside the element `root` refers to.
fn inside(root: &NodeRef, target: Option<web_sys::EventTarget>) -> bool {
    let (Some(root), Some(node)) = (
        root.cast::<Node>(),
        target.and_then(|t| t.dyn_into::<Node>().ok()),
    ) else {
        return false;
    };
    root.contains(Some(&node))
}

/// The "More" menu button and its menu.
#[component]
pub fn MoreMenu(props: &MoreMenuProps) -> Html {
    // `Some(edge)`: open, with the focus on that entry once rendered.
    let open = use_state(|| None::<Edge>);
    let (wrap, button, menu) = (use_node_ref(), use_node_ref(), use_node_ref());
    let menu_id = crate::embed::use_unique_id("cm-more-menu");

    {
        let menu = menu.clone();
        use_effect_with(*open, move |open| {
            if let Some(edge) = *open {
                move_focus(&menu, None, edge);
            }
        });
    }
    // A press anywhere outside closes the menu.
    {
        let (wrap, open) = (wrap.clone(), open.clone());
        use_effect_with(open.is_some(), move |is_open| {
            let listener = (*is_open)
                .then(|| web_sys::window().and_then(|w| w.document()))
                .flatten()
                .map(|document| {
                    let options = EventListenerOptions {
                        phase: EventListenerPhase::Capture,
                        passive: true,
                    };
                    EventListener::new_with_options(
                        &document,
                        "pointerdown",
                        options,
                        move |event| {
                            if !inside(&wrap, event.target()) {
                                open.set(None);
                            }
                        },
                    )
                });
            move || drop(listener)
        });
    }

    let close_to_button = {
        let (open, button) = (open.clone(), button.clone());
        move || {
            open.set(None);
            claimmark_ui::dialog::focus(&button);
        }
    };
    let on_click = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(if open.is_some() {
                None
            } else {
                Some(Edge::First)
            })
        })
    };
    let on_button_key = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            let edge = match event.key().as_str() {
                "ArrowDown" => Edge::First,
                "ArrowUp" => Edge::Last,
                _ => return,
            };
            event.prevent_default();
            open.set(Some(edge));
        })
    };
    let on_menu_key = {
        let (menu, open, close_to_button) = (menu.clone(), open.clone(), close_to_button.clone());
        Callback::from(move |event: KeyboardEvent| {
            let (step, edge) = match event.key().as_str() {
                "ArrowDown" => (Some(1), Edge::First),
                "ArrowUp" => (Some(-1), Edge::Last),
                "Home" => (None, Edge::First),
                "End" => (None, Edge::Last),
                "Escape" => {
                    event.prevent_default();
                    event.stop_propagation();
                    close_to_button();
                    return;
                }
                "Tab" => {
                    open.set(None);
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            event.stop_propagation();
            move_focus(&menu, step, edge);
        })
    };
    let on_focusout = {
        let (wrap, open) = (wrap.clone(), open.clone());
        Callback::from(move |event: FocusEvent| {
            // Focus that leaves for somewhere else on the page closes it.
            if event.related_target().is_some() && !inside(&wrap, event.related_target()) {
                open.set(None);
            }
        })
    };

    html! {
        <div class="cm-more" ref={wrap.clone()} onfocusout={on_focusout}>
            <button type="button" class="cm-button cm-more-button" ref={button.clone()}
                aria-haspopup="menu" aria-expanded={open.is_some().to_string()} aria-controls={menu_id.clone()}
                onclick={on_click} onkeydown={on_button_key}>
                { "More" }<span class="cm-more-caret" aria-hidden="true">{ "▾" }</span>
            </button>
            if open.is_some() {
                <ul class="cm-menu" role="menu" id={menu_id.clone()} aria-label="More commands" ref={menu.clone()}
                    onkeydown={on_menu_key}>
                    { for props.entries.iter().map(|entry| {
                        let on_select = entry.on_select.clone();
                        let close_to_button = close_to_button.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            // Back to the button first: what the entry opens
                            // (a dialog, a panel) takes the focus after its render.
                            close_to_button();
                            on_select.emit(());
                        });
                        html! {
                            <li role="none" data-fold={entry.fold}>
                                <button type="button" class="cm-menu-item" tabindex="-1"
                                    role={if entry.checked.is_some() { "menuitemcheckbox" } else { "menuitem" }}
                                    aria-checked={entry.checked.map(|on| on.to_string())}
                                    aria-keyshortcuts={entry.shortcut} {onclick}>
                                    <span class="cm-menu-check" aria-hidden="true">
                                        { match entry.checked { Some(true) => "✓", _ => "" } }
                                    </span>
                                    { entry.label }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
