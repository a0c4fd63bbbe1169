//! The browser's side of the domain's seams: the clock, random ids, Unicode
//! composition for anchoring, word and grapheme boundaries (registered
//! from [`crate::segmenter`]), and localStorage as a [`KeyValueStore`]
//! (whose values reach Rust through the browser's UTF-8 encoder).
//!
//! localStorage is reached only through `Window::local_storage()`, whose
//! `Result` covers sandboxed frames and blocked storage; it never calls
//! `clear()` or enumerates keys, so a host page's data is never touched.
//!
//! Not here: which store a widget uses (`WidgetStorage`, [`crate::embed`])
//! and what is kept under which key (the core's `storage`).

use claimmark_core::model::anchor::normalize;
use claimmark_core::model::annotation::{AnnotationId, Timestamp};
use claimmark_core::storage::{KeyValueStore, StorageError};
use claimmark_core::text::segment;

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

/// Hands the domain what the browser provides (NFC for anchoring, text
/// segmentation where the browser has `Intl.Segmenter`) and installs the
/// panic hook's recovery banner; safe to call any number of times.
pub fn register_platform() {
    crate::recovery::install();
    let _ = normalize::set_composer(browser_nfc);
    if crate::segmenter::available() {
        let _ = segment::set_segmenter(crate::segmenter::browser_segments);
    }
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
        use wasm_bindgen::JsCast;
        let value = Self::storage()?
            .unchecked_ref::<StorageArea>()
            .get_item_value(key)
            .map_err(|e| StorageError::Unavailable(describe(&e)))?;
        match value.dyn_into::<js_sys::JsString>() {
            Ok(value) => utf8_of(&value).map(Some),
            Err(_) => Ok(None),
        }
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

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A `Storage`, for `getItem` without converting its value.
    #[wasm_bindgen(js_name = Storage)]
    type StorageArea;

    /// `Storage.getItem`, its value left in JS (a string, or null).
    #[wasm_bindgen(method, catch, js_class = "Storage", js_name = getItem)]
    fn get_item_value(
        this: &StorageArea,
        key: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;

    /// The browser's `TextEncoder`.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;

    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;

    /// `TextEncoder.encodeInto`: as much of `source` as fits `into`.
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(
        this: &Utf8Encoder,
        source: &js_sys::JsString,
        into: &js_sys::Uint8Array,
    ) -> Encoded;

    /// What `encodeInto` did: UTF-16 units read, bytes written.
    type Encoded;

    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;

    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

/// A JS string as a Rust one, encoded by the browser straight into wasm
/// memory. wasm-bindgen's own conversion copies ASCII one character at a
/// time in JS: for a stored envelope of 700,000 characters, that loop was
/// the largest part of reading it. Lone surrogates become U+FFFD, as they
/// do there.
fn utf8_of(value: &js_sys::JsString) -> Result<String, StorageError> {
    use wasm_bindgen::JsCast;
    let failed = || StorageError::Failed("the stored text could not be read".to_owned());
    let units = value.length();
    let encoder = Utf8Encoder::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut read = 0;
    // Room for ASCII and a few longer characters first; then three bytes
    // for each unit left, which always fits.
    let mut room = units as usize + units as usize / 8 + 8;
    while read < units {
        let rest = if read == 0 {
            value.clone()
        } else {
            value.slice(read, units)
        };
        let start = bytes.len();
        bytes.resize(start + room, 0);
        // Taken after the resize: growing wasm memory detaches old views.
        let memory = wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map_err(|_| failed())?;
        let offset = u32::try_from(bytes.as_ptr() as usize + start).map_err(|_| failed())?;
        let length = u32::try_from(room).map_err(|_| failed())?;
        let into =
            js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), offset, length);
        let encoded = encoder.encode_into(&rest, &into);
        // The room always fits a character, so each round reads some.
        if encoded.read() == 0 {
            return Err(failed());
        }
        read += encoded.read();
        bytes.truncate(start + encoded.written() as usize);
        room = (units - read) as usize * 3;
    }
    String::from_utf8(bytes).map_err(|_| failed())
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
