//! Raw deflate by the browser's `CompressionStream` and
//! `DecompressionStream` ("deflate-raw"), for share links: the bundle
//! carries no deflate of its own (core's miniz_oxide path serves the
//! command line). Both are asynchronous; inflating stops at a cap, so a
//! small link cannot unpack into a large allocation.
//!
//! Not here: the link's format (core's `interchange::share_link`).

use thiserror::Error;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableStreamReadResult,
    ReadableWritablePair, WritableStream,
};

// web-sys has these streams only behind its unstable APIs.
#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream`.
    type CompressionStream;

    #[wasm_bindgen(catch, constructor, js_class = "CompressionStream")]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(method, getter, js_class = "CompressionStream")]
    fn readable(this: &CompressionStream) -> ReadableStream;

    #[wasm_bindgen(method, getter, js_class = "CompressionStream")]
    fn writable(this: &CompressionStream) -> WritableStream;

    /// The browser's `DecompressionStream`.
    type DecompressionStream;

    #[wasm_bindgen(catch, constructor, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    #[wasm_bindgen(method, getter, js_class = "DecompressionStream")]
    fn readable(this: &DecompressionStream) -> ReadableStream;

    #[wasm_bindgen(method, getter, js_class = "DecompressionStream")]
    fn writable(this: &DecompressionStream) -> WritableStream;
}

/// The format both streams are made with: deflate without a header.
const FORMAT: &str = "deflate-raw";

/// Why the browser could not deflate or inflate.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DeflateError {
    /// The browser has no such stream, or the data is not raw deflate.
    #[error("the browser could not {0}")]
    Browser(&'static str),
    /// Inflating went past the cap.
    #[error("the data unpacks to more than {0} bytes")]
    TooLarge(usize),
}

/// `bytes`, raw-deflated by the browser.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, DeflateError> {
    let failed = |_| DeflateError::Browser("compress");
    let stream = CompressionStream::new(FORMAT).map_err(failed)?;
    run(bytes, &stream.readable(), &stream.writable(), usize::MAX)
        .await
        .map_err(|error| error.unwrap_or(DeflateError::Browser("compress")))
}

/// `packed` (raw deflate) inflated by the browser, refused past `cap`
/// bytes.
pub async fn inflate(packed: &[u8], cap: usize) -> Result<Vec<u8>, DeflateError> {
    let failed = |_| DeflateError::Browser("unpack");
    let stream = DecompressionStream::new(FORMAT).map_err(failed)?;
    run(packed, &stream.readable(), &stream.writable(), cap)
        .await
        .map_err(|error| error.unwrap_or(DeflateError::Browser("unpack")))
}

/// Pipes `bytes` through a transform's two ends and reads what comes out,
/// up to `cap` bytes. `Err(None)` is the browser's refusal.
async fn run(
    bytes: &[u8],
    readable: &ReadableStream,
    writable: &WritableStream,
    cap: usize,
) -> Result<Vec<u8>, Option<DeflateError>> {
    let js = |_: JsValue| None;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(js)?;
    let output = blob
        .stream()
        .pipe_through(&ReadableWritablePair::new(readable, writable));
    let reader = output
        .get_reader()
        .unchecked_into::<ReadableStreamDefaultReader>();
    let mut out = Vec::new();
    loop {
        let result = JsFuture::from(reader.read())
            .await
            .map_err(js)?
            .unchecked_into::<ReadableStreamReadResult>();
        if result.get_done().unwrap_or(true) {
            return Ok(out);
        }
        let chunk = js_sys::Uint8Array::new(&result.get_value());
        if out.len().saturating_add(chunk.length() as usize) > cap {
            let _ = reader.cancel();
            return Err(Some(DeflateError::TooLarge(cap)));
        }
        out.extend(chunk.to_vec());
    }
}
