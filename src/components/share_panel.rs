//! "Share": export the claims (W3C annotation JSON as a file or to the
//! clipboard, schema.org ClaimReview, a share link) and import claims (a
//! file, a paste, a drop, or a share link opened in the page). An import is
//! checked whole first and previewed — new, updated, unchanged, orphaned,
//! rejected with each reason — and nothing changes until the person
//! confirms; then it is applied at once (`Action::Import`).
//!
//! Not here: the formats ([`claimmark_core::interchange`]) and the browser's
//! side of downloads and the clipboard ([`crate::share`]).

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::{DragEvent, File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::embed::WidgetStorage;
use crate::share::{self, ANNOTATION_MEDIA_TYPE};
use crate::store::{use_store, Store};
use claimmark_core::interchange::share_link::{
    link_with, packed_payload, read_unpacked, share_json_of_claims, ShareLinkError, FRAGMENT_KEY,
};
use claimmark_core::interchange::{
    claim_reviews, export_claims, parse_import, preview, target_source, Author, ParsedImport,
    Preview, MAX_IMPORT_BYTES,
};
use claimmark_core::storage::settings::{load_author, save_author};
use claimmark_core::{Action, SourceUrl, State};

/// An import waiting for confirmation.
#[derive(Clone, PartialEq)]
struct Pending {
    parsed: Rc<ParsedImport>,
    preview: Preview,
}

impl Pending {
    /// A checked import and what merging it into `state` would do.
    fn of(state: &State, parsed: ParsedImport) -> Self {
        Pending {
            preview: preview(state, &parsed),
            parsed: Rc::new(parsed),
        }
    }
}

/// What the panel says after an action.
#[derive(Clone, PartialEq, Default)]
struct Status {
    text: String,
    error: bool,
}

impl Status {
    fn ok(text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            error: false,
        }
    }

    fn error(text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            error: true,
        }
    }
}

/// The source every exported target names: the page, or the document's URN.
fn source_of(state: &State) -> String {
    let page = share::page_url().and_then(|url| SourceUrl::parse(&url).ok());
    target_source(state.document.id(), page.as_ref())
}

/// The claims of a share link, inflated by the browser.
async fn decode_link(link: &str, state: &State) -> Result<ParsedImport, ShareLinkError> {
    let packed = packed_payload(link)?;
    let bytes = crate::deflate::inflate(&packed, MAX_IMPORT_BYTES)
        .await
        .map_err(|_| ShareLinkError::Inflate)?;
    read_unpacked(bytes, Some(&state.document))
}

fn check(state: &State, text: &str) -> Result<Pending, String> {
    let parsed = parse_import(text, Some(&state.document)).map_err(|e| e.to_string())?;
    Ok(Pending::of(state, parsed))
}

/// Reads a dropped or chosen file (refused before reading when too large).
fn read_file(file: File, on_text: Callback<Result<String, String>>) {
    if file.size() > MAX_IMPORT_BYTES as f64 {
        on_text.emit(Err(format!(
            "the file is larger than {} MB; nothing was read",
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
        return;
    }
    spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        on_text.emit(
            text.ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| "the file could not be read as text".to_owned()),
        );
    });
}

/// The sharing panel, opened from the header.
#[component]
pub fn SharePanel() -> Html {
    let store = use_store();
    let panel_id = crate::embed::use_unique_id("cm-share-panel");
    let open = use_state_eq(|| false);
    let pending = use_state_eq(|| None::<Pending>);
    let status = use_state_eq(Status::default);
    let link = use_state_eq(|| None::<String>);
    // Settings go where the widget keeps its claims (nowhere with storage="none").
    let settings_store = use_context::<WidgetStorage>().unwrap_or_else(WidgetStorage::memory);
    let author = {
        let settings_store = settings_store.clone();
        use_state_eq(move || load_author(&settings_store).unwrap_or_default())
    };
    let paste = use_node_ref();

    // A share link opened in this page: previewed, never applied unasked.
    {
        let (store, open, pending, status) =
            (store.clone(), open.clone(), pending.clone(), status.clone());
        use_effect_with((), move |_| {
            if let (Some(store), Some(fragment)) = (store, share::page_fragment()) {
                if fragment.contains(FRAGMENT_KEY) {
                    open.set(true);
                    spawn_local(async move {
                        let state = store.state();
                        match decode_link(&fragment, state).await {
                            Ok(parsed) => {
                                status.set(Status::ok(
                                    "This link carries claims. Check them below, then apply or cancel.",
                                ));
                                pending.set(Some(Pending::of(state, parsed)));
                            }
                            Err(error) => status.set(Status::error(format!(
                                "The share link was refused: {error}"
                            ))),
                        }
                    });
                }
            }
        });
    }

    let Some(store) = store else {
        return html! {};
    };

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_text = {
        let (store, pending, status) = (store.clone(), pending.clone(), status.clone());
        Callback::from(move |text: Result<String, String>| {
            match text.and_then(|t| check(store.state(), &t)) {
                Ok(checked) => {
                    status.set(Status::ok("Checked. Nothing has changed yet."));
                    pending.set(Some(checked));
                }
                Err(reason) => {
                    pending.set(None);
                    status.set(Status::error(format!(
                        "Import refused, nothing changed: {reason}"
                    )));
                }
            }
        })
    };
    let on_check_paste = {
        let (paste, on_text) = (paste.clone(), on_text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = paste.cast::<HtmlTextAreaElement>() {
                on_text.emit(Ok(area.value()));
            }
        })
    };
    let on_file = {
        let on_text = on_text.clone();
        Callback::from(move |event: Event| {
            let file = event
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                read_file(file, on_text.clone());
            }
        })
    };
    let on_dragover = Callback::from(|event: DragEvent| event.prevent_default());
    let on_drop = {
        let on_text = on_text.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let file = event
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            match file {
                Some(file) => read_file(file, on_text.clone()),
                None => {
                    let text = event.data_transfer().and_then(|d| d.get_data("text").ok());
                    if let Some(text) = text.filter(|t| !t.is_empty()) {
                        on_text.emit(Ok(text));
                    }
                }
            }
        })
    };
    let on_apply = {
        let (store, pending, status) = (store.clone(), pending.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(checked) = (*pending).clone() {
                store.dispatch(Action::Import {
                    annotations: checked.parsed.annotations.clone(),
                });
                status.set(Status::ok(format!(
                    "Applied: {}.",
                    checked.preview.summary()
                )));
                pending.set(None);
                share::clear_fragment();
            }
        })
    };
    let on_cancel = {
        let (pending, status) = (pending.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            pending.set(None);
            status.set(Status::ok("Import cancelled; nothing changed."));
            share::clear_fragment();
        })
    };

    let state = store.state();
    let empty = state.claims.is_empty();
    html! {
        <div class="cm-share-wrap">
            <button type="button" class="cm-button" aria-expanded={open.to_string()}
                aria-controls={panel_id.clone()} onclick={toggle}>{ "Share" }</button>
            if *open {
                <section class="cm-share" id={panel_id.clone()} aria-label="Share claims"
                    ondragover={on_dragover} ondrop={on_drop}>
                    <h2>{ "Export" }</h2>
                    <div class="cm-share-actions">
                        { export_buttons(&store, &status, &link, &author, &settings_store, empty) }
                    </div>
                    if let Some(url) = (*link).clone() {
                        <label class="cm-field">
                            <span>{ "Share link (the claims travel in the part after #, which is never sent to a server)" }</span>
                            <input class="cm-share-link" readonly=true value={url} />
                        </label>
                    }
                    <h2>{ "Import" }</h2>
                    <p class="cm-muted">{ "W3C annotation JSON: choose a file, drop it here, or paste it. You see what would change before anything does." }</p>
                    <label class="cm-field">
                        <span>{ "Annotation file" }</span>
                        <input type="file" accept=".json,.jsonld,application/json,application/ld+json" onchange={on_file} />
                    </label>
                    <label class="cm-field">
                        <span>{ "Or paste JSON" }</span>
                        <textarea class="cm-import-text" rows="3" ref={paste} />
                    </label>
                    <button type="button" class="cm-button" onclick={on_check_paste}>{ "Check pasted JSON" }</button>
                    if let Some(checked) = (*pending).clone() {
                        { preview_view(&checked, on_apply, on_cancel) }
                    }
                    <p class={classes!("cm-share-status", status.error.then_some("cm-error"))} role="status">{ status.text.clone() }</p>
                </section>
            }
        </div>
    }
}

fn export_buttons(
    store: &Store,
    status: &UseStateHandle<Status>,
    link: &UseStateHandle<Option<String>>,
    author: &UseStateHandle<String>,
    settings: &WidgetStorage,
    empty: bool,
) -> Html {
    let export = {
        let store = store.clone();
        move || {
            let state = store.state();
            export_claims(&source_of(state), &state.document, &state.claims)
        }
    };
    let file_name = format!("claims-{}.json", store.state().document.id());
    let on_download = {
        let (export, status) = (export.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            match share::download(&file_name, ANNOTATION_MEDIA_TYPE, &export()) {
                Ok(()) => status.set(Status::ok("Downloaded the claims as W3C annotation JSON.")),
                Err(reason) => status.set(Status::error(reason)),
            }
        })
    };
    let on_copy = {
        let (export, status) = (export.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, status) = (export(), status.clone());
            spawn_local(async move {
                status.set(if share::copy(text).await {
                    Status::ok("Copied the claims' JSON to the clipboard.")
                } else {
                    Status::error("The browser did not allow copying; use Download instead.")
                });
            });
        })
    };
    let on_link = {
        let (store, status, link) = (store.clone(), status.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            let state = store.state();
            let Some(page) = share::page_url() else {
                status.set(Status::error(
                    "This page has no http(s) address to link to.",
                ));
                return;
            };
            let json = share_json_of_claims(&source_of(state), &state.document, &state.claims);
            let (status, link) = (status.clone(), link.clone());
            spawn_local(async move {
                let made = match crate::deflate::deflate(json.as_bytes()).await {
                    Ok(packed) => link_with(&page, &packed).map_err(|error| error.to_string()),
                    Err(error) => Err(error.to_string()),
                };
                match made {
                    Ok(url) => {
                        link.set(Some(url.clone()));
                        status.set(if share::copy(url).await {
                            Status::ok("Share link made and copied.")
                        } else {
                            Status::ok("Share link made; copy it from the field below.")
                        });
                    }
                    Err(error) => {
                        link.set(None);
                        status.set(Status::error(format!(
                            "{error}. Download the file instead."
                        )));
                    }
                }
            });
        })
    };
    let on_author = {
        let (author, store, settings) = (author.clone(), store.clone(), settings.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                // A name that cannot be remembered still applies to this page.
                let _ = save_author(&settings, &input.value());
                // Also the "who" of certainty histories.
                store.dispatch(claimmark_core::Action::SetAuthor(Some(input.value())));
                author.set(input.value());
            }
        })
    };
    let on_reviews = {
        let (store, status, author) = (store.clone(), status.clone(), author.clone());
        Callback::from(move |_: MouseEvent| {
            let state = store.state();
            let Some(page) = share::page_url() else {
                status.set(Status::error(
                    "This page has no http(s) address for the reviews.",
                ));
                return;
            };
            let by = Author {
                name: (*author).clone(),
                url: None,
            };
            let name = format!("claimreview-{}.json", state.document.id());
            let written = claim_reviews(
                &state.annotations(),
                &page,
                &by,
                None,
                Some(state.document.text()),
            )
            .map_err(|e| e.to_string())
            .and_then(|json| share::download(&name, "application/ld+json", &json));
            status.set(match written {
                Ok(()) => Status::ok("Downloaded schema.org ClaimReview JSON-LD."),
                Err(reason) => Status::error(format!("No reviews written: {reason}")),
            });
        })
    };
    html! {
        <>
            <button type="button" class="cm-button" disabled={empty} onclick={on_download}>{ "Download JSON" }</button>
            <button type="button" class="cm-button" disabled={empty} onclick={on_copy}>{ "Copy JSON" }</button>
            <button type="button" class="cm-button" disabled={empty} onclick={on_link}>{ "Make share link" }</button>
            <label class="cm-field">
                <span>{ "Your name (claim history; ClaimReview author)" }</span>
                <input type="text" value={(**author).clone()} oninput={on_author} />
            </label>
            <button type="button" class="cm-button" disabled={empty} onclick={on_reviews}>{ "Download ClaimReview" }</button>
        </>
    }
}

fn preview_view(
    checked: &Pending,
    on_apply: Callback<MouseEvent>,
    on_cancel: Callback<MouseEvent>,
) -> Html {
    let p = &checked.preview;
    html! {
        <div class="cm-import-preview" role="group" aria-label="Import preview">
            <p class="cm-import-summary">{ p.summary() }</p>
            if !p.notes.is_empty() {
                <ul class="cm-import-notes">
                    { for p.details().into_iter().map(|line| html! { <li>{ line }</li> }) }
                    { for p.notes.iter().map(|n| html! {
                        <li data-index={n.index.to_string()} dir="auto">{ format!("Item {}: {}", n.index, n.note) }</li>
                    }) }
                </ul>
            }
            if !p.rejected.is_empty() {
                <ul class="cm-rejections">
                    { for p.rejected.iter().map(|r| html! {
                        <li data-index={r.index.to_string()} dir="auto">{ format!("Item {}: {}", r.index, r.reason) }</li>
                    }) }
                </ul>
            }
            <button type="button" class="cm-button" disabled={!p.changes_anything()} onclick={on_apply}>{ "Apply import" }</button>
            <button type="button" class="cm-button cm-quiet" onclick={on_cancel}>{ "Cancel" }</button>
        </div>
    }
}
