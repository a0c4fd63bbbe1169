//! "Load article": paste text or pick a .txt file to annotate another
//! article, or go back to the demo article. Each article keeps its own
//! claims (the root opens it under an id derived from its text).
//!
//! Not here: opening the article ([`crate::hooks::widget_store`]).

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use claimmark_core::storage::session::MAX_ARTICLE_BYTES;

/// Whether the panel is open, and from where: opened from the toolbar's
/// menu (its own button folded away), it takes the focus.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LoadOpen {
    /// Closed.
    Closed,
    /// Opened by its button.
    FromButton,
    /// Opened from the overflow menu.
    FromMenu,
}

/// Props of [`LoadArticle`].
#[derive(Properties, PartialEq)]
pub struct LoadArticleProps {
    /// Open this text as the article.
    pub on_open: Callback<String>,
    /// Go back to the demo article.
    pub on_demo: Callback<()>,
    /// The panel is open (the toolbar holds it: its menu opens it too).
    pub open: LoadOpen,
    /// Open (from where) or close the panel.
    pub on_toggle: Callback<LoadOpen>,
}

/// A disclosure with a paste box, a file picker and a way back to the demo.
#[component]
pub fn LoadArticle(props: &LoadArticleProps) -> Html {
    let panel_id = crate::embed::use_unique_id("cm-load-panel");
    let error = use_state(|| None::<String>);
    let paste = use_node_ref();
    {
        let paste = paste.clone();
        use_effect_with(props.open, move |open| {
            if *open == LoadOpen::FromMenu {
                claimmark_ui::dialog::focus(&paste);
            }
        });
    }
    // Closing is a toggle from an open panel.
    let close = props.on_toggle.reform(|()| LoadOpen::Closed);
    let on_toggle = props.on_toggle.reform(|_: MouseEvent| LoadOpen::FromButton);
    let on_submit = {
        let paste = paste.clone();
        let on_open = props.on_open.clone();
        let error = error.clone();
        let close = close.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(area) = paste.cast::<HtmlTextAreaElement>() else {
                return;
            };
            match checked(area.value()) {
                Ok(text) => {
                    error.set(None);
                    close.emit(());
                    on_open.emit(text);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let on_file = {
        let on_open = props.on_open.clone();
        let error = error.clone();
        let close = close.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            if file.size() > MAX_ARTICLE_BYTES as f64 {
                error.set(Some(too_long()));
                return;
            }
            let (on_open, error, close) = (on_open.clone(), error.clone(), close.clone());
            spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                match text
                    .ok_or_else(|| "The file could not be read as text.".to_owned())
                    .and_then(checked)
                {
                    Ok(text) => {
                        error.set(None);
                        close.emit(());
                        on_open.emit(text);
                    }
                    Err(message) => error.set(Some(message)),
                }
            });
            input.set_value("");
        })
    };
    let on_demo = {
        let on_demo = props.on_demo.clone();
        let close = close.clone();
        Callback::from(move |_: MouseEvent| {
            close.emit(());
            on_demo.emit(());
        })
    };

    html! {
        <>
        <div class="cm-load" data-fold="3">
            <button type="button" class="cm-button" aria-expanded={(props.open != LoadOpen::Closed).to_string()} aria-controls={panel_id.clone()} onclick={on_toggle}>
                { "Load article" }
            </button>
        </div>
        // Beside the button's wrapper, not in it: the wrapper folds away
        // into the toolbar's menu on a narrow widget, the panel must not.
        if props.open != LoadOpen::Closed {
            <form id={panel_id.clone()} class="cm-load-panel" onsubmit={on_submit}>
                <label class="cm-field">
                    <span>{ "Article text" }</span>
                    <textarea rows="8" ref={paste} dir="auto" placeholder="Paste the article here. Separate paragraphs with a blank line." />
                </label>
                <div class="cm-load-actions">
                    <button type="submit" class="cm-button">{ "Open article" }</button>
                    <label class="cm-file">
                        <span>{ "Article file (.txt)" }</span>
                        <input type="file" accept=".txt,text/plain" onchange={on_file} />
                    </label>
                    <button type="button" class="cm-button cm-quiet" onclick={on_demo}>{ "Demo article" }</button>
                </div>
                <p class="cm-error" aria-live="polite">{ (*error).clone().unwrap_or_default() }</p>
            </form>
        }
        </>
    }
}

fn too_long() -> String {
    format!(
        "That article is longer than {} MB; split it first.",
        MAX_ARTICLE_BYTES / (1024 * 1024)
    )
}

fn checked(text: String) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("The article is empty.".to_owned())
    } else if text.len() > MAX_ARTICLE_BYTES {
        Err(too_long())
    } else {
        Ok(text)
    }
}
