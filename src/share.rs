//! The browser's side of sharing: the page's address, downloads, the
//! clipboard and the share-link fragment. What is shared is decided in
//! the core's [`claimmark_core::interchange`]; this only moves text in and
//! out of the browser.
//!
//! Not here: the Share panel ([`crate::components::share_panel`]).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Media type of a W3C annotation collection file.
pub const ANNOTATION_MEDIA_TYPE: &str =
    "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";

/// The page's address without its fragment, when it is http(s).
pub use claimmark_ui::js_api::page_url;

/// The page's fragment (with its `#`), if any.
pub fn page_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    (!hash.is_empty()).then_some(hash)
}

/// Removes the fragment from the address bar without reloading, so a
/// share link is not applied twice.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let (Ok(history), Some(url)) = (window.history(), page_url()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, media_type: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to make the file".to_owned())?;
    let url = Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to make the file".to_owned())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element")?
        .dyn_into()
        .map_err(|_| "no link element")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Copies `text` to the clipboard; resolves to whether it worked.
pub async fn copy(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
