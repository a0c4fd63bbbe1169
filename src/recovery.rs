//! Never losing a claim when things go wrong: the export every storage
//! banner offers, and a panic hook that shows a recovery banner.
//!
//! The release build aborts on panic (`panic = "abort"`), so the hook runs
//! once and the wasm module is dead afterwards. The recovery banner is
//! therefore plain DOM built with `web_sys` (no Yew), and its export is an
//! `<a download href="blob:…">` made inside the hook: clicking it needs no
//! wasm. The claims come from the last state each mounted widget rendered
//! (remembered here on every revision); when that cannot be read, the last
//! envelope saved in localStorage is offered instead.
//!
//! Not here: saving ([`crate::hooks::persistence`]) and the storage banner
//! in the widget ([`crate::components::notice_banner`]).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Once;

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, Url};

use crate::share::{self, ANNOTATION_MEDIA_TYPE};
use crate::store::StoreContext;
use claimmark_core::interchange::{export_claims, target_source};
use claimmark_core::storage::document_key;
use claimmark_core::{SourceUrl, State};

thread_local! {
    /// The latest state of each mounted widget, by storage key.
    static LAST: RefCell<BTreeMap<String, StoreContext>> = const { RefCell::new(BTreeMap::new()) };
}

/// The class of the recovery banner (besides `cm-banner`).
pub const RECOVERY_CLASS: &str = "cm-recovery";

/// The claims of `state` as a W3C annotation collection: (file name, JSON).
/// Built from memory, so it works when storage is blocked or full.
pub fn export_file(state: &State) -> (String, String) {
    let page = share::page_url().and_then(|url| SourceUrl::parse(&url).ok());
    let source = target_source(state.document.id(), page.as_ref());
    (
        format!("claims-{}.json", state.document.id()),
        export_claims(&source, &state.document, &state.claims),
    )
}

/// Downloads the claims of `state` (what the banners' export buttons do).
pub fn download_claims(state: &State) -> Result<(), String> {
    let (name, json) = export_file(state);
    share::download(&name, ANNOTATION_MEDIA_TYPE, &json)
}

/// Remembers a widget's latest state for the panic hook's export.
pub fn remember(handle: &StoreContext) {
    let key = document_key(handle.document.id());
    let _ = LAST.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            last.insert(key, handle.clone());
        }
    });
}

/// Installs the panic hook (once; later calls do nothing).
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("claimmark: {info}").into());
            show_recovery_banner();
        }));
    });
}

/// What the recovery banner offers: (file name, media type, contents).
fn recovery_files() -> Vec<(String, String, String)> {
    let from_memory = LAST
        .try_with(|last| {
            last.try_borrow().ok().map(|last| {
                last.values()
                    .map(|handle| {
                        let (name, json) = export_file(handle);
                        (name, ANNOTATION_MEDIA_TYPE.to_owned(), json)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .ok()
        .flatten();
    if let Some(files) = from_memory.filter(|files| !files.is_empty()) {
        return files;
    }
    // Memory is out of reach: offer what was last saved, byte for byte.
    let keys: Vec<String> = LAST
        .try_with(|last| {
            last.try_borrow()
                .map(|last| last.keys().cloned().collect())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    keys.into_iter()
        .filter_map(|key| {
            let saved = storage.as_ref()?.get_item(&key).ok().flatten()?;
            let name = format!("{}.json", key.replace(':', "-"));
            Some((name, "application/json".to_owned(), saved))
        })
        .collect()
}

/// Shows the recovery banner at the top of every widget on the page (or of
/// the page's body when none is found). Plain DOM; safe to call any number
/// of times (a widget gets one banner).
pub fn show_recovery_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let files = recovery_files();
    let mut hosts: Vec<Element> = Vec::new();
    if let Ok(roots) = document.query_selector_all(".claimmark") {
        for index in 0..roots.length() {
            if let Some(root) = roots.item(index).and_then(|n| n.dyn_into::<Element>().ok()) {
                hosts.push(root);
            }
        }
    }
    if hosts.is_empty() {
        if let Some(body) = document.body() {
            hosts.push(body.into());
        }
    }
    for host in hosts {
        let already = host
            .query_selector(&format!(".{RECOVERY_CLASS}"))
            .ok()
            .flatten()
            .is_some();
        if !already {
            if let Some(banner) = build_banner(&document, &files) {
                let _ = host.insert_before(&banner, host.first_child().as_ref());
            }
        }
    }
}

fn build_banner(
    document: &web_sys::Document,
    files: &[(String, String, String)],
) -> Option<Element> {
    let banner = document.create_element("div").ok()?;
    banner.set_class_name(&format!("cm-banner {RECOVERY_CLASS}"));
    let _ = banner.set_attribute("role", "alert");
    let text = document.create_element("p").ok()?;
    text.set_text_content(Some(if files.is_empty() {
        "claimmark stopped after an internal error. Claims saved before now are still in this browser's storage; reload the page to continue."
    } else {
        "claimmark stopped after an internal error. Export your claims now, then reload the page to continue."
    }));
    let _ = banner.append_child(&text);
    for (name, media_type, contents) in files {
        let Some(url) = blob_url(media_type, contents) else {
            continue;
        };
        let link = document.create_element("a").ok()?;
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        link.set_class_name("cm-button");
        link.set_text_content(Some(&format!("Export claims ({name})")));
        let _ = banner.append_child(&link);
    }
    Some(banner)
}

fn blob_url(media_type: &str, contents: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}
