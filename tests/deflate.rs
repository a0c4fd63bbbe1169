//! Browser test (wasm-bindgen-test, headless Chromium, then Firefox): share
//! links deflated by the browser's compression streams read with
//! miniz_oxide (the command line's path, and links made before), and the
//! other way round; inflating stops at its cap and refuses damaged data.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use claimmark::deflate::{deflate, inflate, DeflateError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_browsers_raw_deflate_and_miniz_read_each_other() {
    let text = r#"{"type":"AnnotationCollection","items":[{"id":"urn:uuid:1"}]} "#.repeat(200);
    let packed = deflate(text.as_bytes()).await.expect("deflates");
    assert!(packed.len() < text.len() / 10, "{} bytes", packed.len());
    let read = miniz_oxide::inflate::decompress_to_vec(&packed).expect("raw deflate");
    assert_eq!(read, text.as_bytes());

    let old = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    assert_eq!(
        inflate(&old, text.len()).await.as_deref(),
        Ok(text.as_bytes())
    );
    assert_eq!(
        inflate(&old, text.len() - 1).await,
        Err(DeflateError::TooLarge(text.len() - 1))
    );
    assert!(inflate(b"\xff not deflate at all", 1000).await.is_err());
    assert_eq!(
        inflate(&deflate(b"").await.expect("empty"), 10).await,
        Ok(Vec::new())
    );
}
