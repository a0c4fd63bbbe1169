//! "Load article": paste text or pick a .txt file to annotate another
//! article, or go back to the demo article. Each article keeps its own
//! claims (the root opens it under an id derived from its text).
//!
//! Not here: opening the article ([`crate::hooks::widget_store`]).

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use claimmark_core::storage::session::MAX_ARTICLE_BYTES;

/// Props of [`LoadArticle`].
#[derive(Properties, PartialEq)]
pub struct LoadArticleProps {
    /// Open this text as the article.
    pub on_open: Callback<String>,
    /// Go back to the demo article.
    pub on_demo: Callback<()>,
}

/// A disclosure with a paste box, a file picker and a way back to the demo.
#[component]
pub fn LoadArticle(props: &LoadArticleProps) -> Html {
    let expanded = use_state(|| false);
    let panel_id = crate::embed::use_unique_id("cm-load-panel");
    let error = use_state(|| None::<String>);
    let paste = use_node_ref();

    let on_toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let on_submit = {
        let paste = paste.clone();
        let on_open = props.on_open.clone();
        let error = error.clone();
        let expanded = expanded.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(area) = paste.cast::<HtmlTextAreaElement>() else {
                return;
            };
            match checked(area.value()) {
                Ok(text) => {
                    error.set(None);
                    expanded.set(false);
                    on_open.emit(text);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let on_file = {
        let on_open = props.on_open.clone();
        let error = error.clone();
        let expanded = expanded.clone();
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
            let (on_open, error, expanded) = (on_open.clone(), error.clone(), expanded.clone());
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
                        expanded.set(false);
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
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| {
            expanded.set(false);
            on_demo.emit(());
        })
    };

    html! {
        <div class="cm-load">
            <button type="button" class="cm-button" aria-expanded={expanded.to_string()} aria-controls={panel_id.clone()} onclick={on_toggle}>
                { "Load article" }
            </button>
            if *expanded {
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
        </div>
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
