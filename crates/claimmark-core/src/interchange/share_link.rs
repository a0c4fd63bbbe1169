//! Share links: claims packed into a URL fragment,
//! `URL#claimmark=<base64url(deflate(canonical JSON))>`, and unpacked with
//! the same checks as any import.
//!
//! The fragment never reaches a server. The whole link is capped at
//! [`MAX_SHARE_URL_CHARS`] characters: browsers accept far longer URLs
//! (Chromium up to 2 MB), but chat apps, mail clients and CMS link fields
//! truncate or refuse long ones, and address bars show only the first
//! tens of thousands of characters. Past 32,000 a link is not a reliable
//! carrier, and encoding returns [`ShareLinkError::TooLong`]: export a
//! file instead. For scale: a claim with a short note compresses to about
//! 250 to 400 characters, so a link holds on the order of a hundred claims.
//!
//! Decoding checks the link's length first, inflates with a cap of
//! [`super::MAX_IMPORT_BYTES`] (no decompression bombs), and then hands the
//! JSON to [`super::validate::parse_import`].
//!
//! [`encode_share_link`] and [`decode_share_link`] deflate with
//! miniz_oxide (the command line, native tests). The widget deflates with
//! the browser's `CompressionStream("deflate-raw")` instead, around the
//! same steps ([`share_json`], [`link_with`], [`packed_payload`],
//! [`read_unpacked`]), so miniz_oxide never enters its bundle; either way a
//! link is raw deflate in base64url, and a link made by one opens in the
//! other.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::rc::Rc;
use thiserror::Error;

use super::import_errors::ImportError;
use super::validate::{parse_import, ParsedImport};
use super::w3c::{export_claims_compact, export_collection_compact};
use super::MAX_IMPORT_BYTES;
use crate::model::annotation::Annotation;
use crate::state::store::Claim;
use crate::text::document::Document;

/// Longest share link produced or read, in characters (see the module
/// notes for why).
pub const MAX_SHARE_URL_CHARS: usize = 32_000;

/// The fragment's key.
pub const FRAGMENT_KEY: &str = "claimmark=";

/// Deflate level: the best; links are made rarely and must be short.
const LEVEL: u8 = 9;

/// Why a share link could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareLinkError {
    /// The link would be (or is) longer than [`MAX_SHARE_URL_CHARS`].
    #[error("the share link would be {len} characters long, more than the {max} that travel safely: export a file instead")]
    TooLong {
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// No `#claimmark=` in the link.
    #[error("this is not a claimmark share link (no #claimmark= part)")]
    NotAShareLink,
    /// The payload is not base64url.
    #[error("the share link is damaged (not base64url): was it cut short?")]
    Base64,
    /// The payload does not inflate, or inflates past the import cap.
    #[error("the share link is damaged or too large once unpacked")]
    Inflate,
    /// The unpacked payload is not UTF-8 text.
    #[error("the share link does not hold text")]
    Utf8,
    /// The unpacked JSON was refused as a whole.
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// A link to `page_url` (its fragment replaced) carrying `annotations` as a
/// canonical W3C collection whose targets name `source`.
pub fn encode_share_link(
    page_url: &str,
    source: &str,
    annotations: &[Annotation],
) -> Result<String, ShareLinkError> {
    pack(page_url, &share_json(source, annotations))
}

/// A link to `page_url` carrying `claims` described in `document` (the
/// positions of the text shown, as [`super::w3c::export_claims`] writes).
pub fn encode_share_link_of_claims(
    page_url: &str,
    source: &str,
    document: &Document,
    claims: &[Rc<Claim>],
) -> Result<String, ShareLinkError> {
    pack(page_url, &share_json_of_claims(source, document, claims))
}

fn pack(page_url: &str, json: &str) -> Result<String, ShareLinkError> {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    link_with(page_url, &packed)
}

/// The JSON a share link carries: `annotations` as a canonical W3C
/// collection whose targets name `source`, before deflating.
pub fn share_json(source: &str, annotations: &[Annotation]) -> String {
    export_collection_compact(source, annotations)
}

/// The JSON a share link of the widget carries: `claims` as placed in
/// `document` (the text shown), before deflating.
pub fn share_json_of_claims(source: &str, document: &Document, claims: &[Rc<Claim>]) -> String {
    export_claims_compact(source, document, claims)
}

/// A link to `page_url` (its fragment replaced) carrying `packed`, the raw
/// deflate of a [`share_json`].
pub fn link_with(page_url: &str, packed: &[u8]) -> Result<String, ShareLinkError> {
    let base = page_url.split('#').next().unwrap_or_default();
    let link = format!("{base}#{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(packed));
    let len = link.chars().count();
    if len > MAX_SHARE_URL_CHARS {
        return Err(ShareLinkError::TooLong {
            len,
            max: MAX_SHARE_URL_CHARS,
        });
    }
    Ok(link)
}

/// Reads the claims of a share link (a whole URL, or just its fragment),
/// checked as any import against `document` when given.
pub fn decode_share_link(
    link: &str,
    document: Option<&Document>,
) -> Result<ParsedImport, ShareLinkError> {
    let packed = packed_payload(link)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_IMPORT_BYTES)
        .map_err(|_| ShareLinkError::Inflate)?;
    read_unpacked(bytes, document)
}

/// The deflated payload of a share link (a whole URL, or just its
/// fragment), its length checked first. Inflate it with a cap of
/// [`MAX_IMPORT_BYTES`].
pub fn packed_payload(link: &str) -> Result<Vec<u8>, ShareLinkError> {
    let len = link.chars().count();
    if len > MAX_SHARE_URL_CHARS {
        return Err(ShareLinkError::TooLong {
            len,
            max: MAX_SHARE_URL_CHARS,
        });
    }
    let fragment = match link.split_once('#') {
        Some((_, fragment)) => fragment,
        None => link,
    };
    let payload = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))
        .ok_or(ShareLinkError::NotAShareLink)?;
    URL_SAFE_NO_PAD
        .decode(payload.trim())
        .map_err(|_| ShareLinkError::Base64)
}

/// The claims of an inflated payload, checked as any import against
/// `document` when given.
pub fn read_unpacked(
    bytes: Vec<u8>,
    document: Option<&Document>,
) -> Result<ParsedImport, ShareLinkError> {
    let json = String::from_utf8(bytes).map_err(|_| ShareLinkError::Utf8)?;
    Ok(parse_import(&json, document)?)
}
