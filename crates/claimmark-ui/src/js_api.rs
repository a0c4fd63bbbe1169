//! The JS API's answers, the same from the editor's `EmbedHandle` and the
//! reader's `ReaderHandle`: `exportAnnotations()` (the claims described
//! again in the text shown, claimmark-core's `export_claims`), `annotations`
//! (its `first.items`), the text `importAnnotations(json)` reads (a string
//! or any JSON value) and the summary it returns (core's `ImportSummary`).
//!
//! Not here: changing the state (each handle's own) and the wasm exports.

use wasm_bindgen::{JsError, JsValue};

use claimmark_core::interchange::{export_claims, target_source, Preview};
use claimmark_core::{SourceUrl, State};

/// The page's address without its fragment, when it is http(s).
pub fn page_url() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let base = href.split('#').next().unwrap_or_default().to_owned();
    (base.starts_with("http://") || base.starts_with("https://")).then_some(base)
}

/// `exportAnnotations()`: the claims as a W3C `AnnotationCollection` (a
/// plain object) whose targets name this page (or the document's urn).
pub fn export_annotations(state: &State) -> Result<JsValue, JsError> {
    let page = page_url().and_then(|url| SourceUrl::parse(&url).ok());
    let source = target_source(state.document.id(), page.as_ref());
    parse_json(&export_claims(&source, &state.document, &state.claims))
}

/// `annotations`: the items of an exported collection.
pub fn items(collection: &JsValue) -> Result<JsValue, JsError> {
    js_sys::Reflect::get(collection, &"first".into())
        .and_then(|page| js_sys::Reflect::get(&page, &"items".into()))
        .map_err(|_| JsError::new("the export has no items"))
}

/// What `importAnnotations(json)` was given, as JSON text: a string as it
/// is, anything else through `JSON.stringify`.
pub fn import_text(json: &JsValue) -> Result<String, JsError> {
    match json.as_string() {
        Some(text) => Ok(text),
        None => js_sys::JSON::stringify(json)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("importAnnotations: not JSON")),
    }
}

/// The summary `importAnnotations()` returns for `counted`.
pub fn import_summary(counted: &Preview) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(&counted.api_summary())
        .map_err(|error| JsError::new(&format!("importAnnotations: {error}")))?;
    parse_json(&json)
}

fn parse_json(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("invalid JSON from the widget"))
}

/// A string option of `mount(element, options)`.
pub fn option(options: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(options, &name.into())
        .ok()
        .and_then(|value| value.as_string())
}
