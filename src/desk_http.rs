//! HTTP for desk sync, through the browser's `fetch`: one request with the
//! token as `Authorization: Bearer`, `If-Match` when given, a JSON body
//! when given; the answer's status, `ETag` and text. A request that never
//! got an answer (no connection, CORS refused, DNS) is a [`NetError`].
//!
//! Not here: what to send and what answers mean (the core's
//! `interchange::desk`), the sync loops ([`crate::desk`]).

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// The media type of the protocol's bodies.
pub const ANNOTATION_TYPE: &str =
    "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";

/// A request that got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NetError {
    /// The request could not be made (a bad URL, a header refused).
    #[error("the request could not be made: {0}")]
    Request(String),
    /// No answer: offline, refused by CORS, or the server is down.
    #[error("no answer from the desk server")]
    Unreachable,
}

/// What the server answered.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `ETag` header, if any.
    pub etag: Option<String>,
    /// The body as text (empty when there is none or it cannot be read).
    pub text: String,
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Makes one request and reads the whole answer.
pub async fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    if_match: Option<&str>,
    body: Option<&str>,
) -> Result<Reply, NetError> {
    let headers = Headers::new().map_err(|e| NetError::Request(describe(&e)))?;
    // Without the profile: its quotes would make `Accept` a header that
    // needs a CORS preflight's permission.
    let mut pairs = vec![("Accept", "application/ld+json".to_owned())];
    if let Some(token) = token {
        pairs.push(("Authorization", format!("Bearer {token}")));
    }
    if let Some(tag) = if_match {
        pairs.push(("If-Match", tag.to_owned()));
    }
    if body.is_some() {
        pairs.push(("Content-Type", ANNOTATION_TYPE.to_owned()));
    }
    for (name, value) in &pairs {
        headers
            .set(name, value)
            .map_err(|e| NetError::Request(describe(&e)))?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let request =
        Request::new_with_str_and_init(url, &init).map_err(|e| NetError::Request(describe(&e)))?;
    let window = web_sys::window().ok_or_else(|| NetError::Request("no window".to_owned()))?;
    let answer = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| NetError::Unreachable)?;
    let response: Response = answer.dyn_into().map_err(|_| NetError::Unreachable)?;
    let etag = response.headers().get("ETag").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply {
        status: response.status(),
        etag,
        text,
    })
}
