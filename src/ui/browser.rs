//! The browser's side of the domain's seams: the clock, random ids, Unicode
//! composition for anchoring, and localStorage as a [`KeyValueStore`].
//!
//! localStorage is reached only through `Window::local_storage()`, whose
//! `Result` covers sandboxed frames and blocked storage; it never calls
//! `clear()` or enumerates keys, so a host page's data is never touched.

use crate::domain::anchor::normalize;
use crate::domain::annotation::{AnnotationId, Timestamp};
use crate::domain::persist::{KeyValueStore, StorageError};

/// Now, in milliseconds since the epoch (UTC).
pub fn now() -> Timestamp {
    // Date.now() is an integer number of milliseconds.
    #[allow(clippy::cast_possible_truncation)]
    Timestamp(js_sys::Date::now() as i64)
}

/// Canonical composition (NFC) by the browser's `String.prototype.normalize`.
pub fn browser_nfc(text: &str) -> String {
    String::from(js_sys::JsString::from(text).normalize("NFC"))
}

/// Hands the domain what the browser provides (NFC for anchoring) and
/// installs the panic hook's recovery banner; safe to call any number of
/// times.
pub fn register_platform() {
    super::recovery::install();
    let _ = normalize::set_composer(browser_nfc);
}

/// A fresh UUID v4 from the browser's crypto random source.
pub fn new_annotation_id() -> AnnotationId {
    AnnotationId(uuid::Uuid::new_v4())
}

/// The browser's localStorage, looked up on every call so that a storage
/// that becomes available (or not) mid-session is seen.
#[derive(Debug, Default, Clone, Copy)]
pub struct LocalStorage;

impl LocalStorage {
    fn storage() -> Result<web_sys::Storage, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".to_owned()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(storage),
            Ok(None) => Err(StorageError::Unavailable(
                "localStorage is missing".to_owned(),
            )),
            Err(error) => Err(StorageError::Unavailable(describe(&error))),
        }
    }
}

impl KeyValueStore for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Self::storage()?
            .get_item(key)
            .map_err(|e| StorageError::Unavailable(describe(&e)))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        Self::storage()?.set_item(key, value).map_err(|error| {
            if is_quota_error(&error) {
                StorageError::QuotaExceeded
            } else {
                StorageError::Failed(describe(&error))
            }
        })
    }
}

fn is_quota_error(error: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22)
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<web_sys::DomException>() {
        Some(exception) => exception.name(),
        None => error
            .as_string()
            .unwrap_or_else(|| "unknown error".to_owned()),
    }
}
