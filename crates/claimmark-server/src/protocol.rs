//! The W3C Web Annotation Protocol's vocabulary on the wire: media types,
//! the `Allow` and `Vary` values, ETags made from change numbers, and the
//! `If-Match` and `Prefer` headers read from a request. No I/O here.

use axum::http::{header, HeaderMap, HeaderValue};

/// The media type of annotations and collections.
pub const ANNOTATION_MEDIA_TYPE: &str =
    "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";

/// The JSON-LD context of the W3C model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Methods of a container.
pub const ALLOW_CONTAINER: &str = "GET, HEAD, POST, OPTIONS";

/// Methods of one annotation.
pub const ALLOW_ANNOTATION: &str = "GET, HEAD, PUT, DELETE, OPTIONS";

/// What a response depends on besides its URL.
pub const VARY: &str = "Accept, Prefer, Authorization, Origin";

/// The LDP link headers of a container (W3C protocol §4.1).
pub const CONTAINER_LINKS: &str = "<http://www.w3.org/ns/ldp#BasicContainer>; rel=\"type\", <http://www.w3.org/TR/annotation-protocol/>; rel=\"http://www.w3.org/ns/ldp#constrainedBy\"";

/// The link header of one annotation.
pub const ANNOTATION_LINKS: &str = "<http://www.w3.org/ns/ldp#Resource>; rel=\"type\"";

/// Sets `key` of a JSON object (a no-op on anything else).
pub fn set_field(object: &mut serde_json::Value, key: &str, value: serde_json::Value) {
    if let serde_json::Value::Object(map) = object {
        map.insert(key.to_owned(), value);
    }
}

/// The strong ETag of change number `seq`.
pub fn etag(seq: i64) -> String {
    format!("\"{seq}\"")
}

/// What `If-Match` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any current version.
    Any,
    /// One of these change numbers (an unreadable tag matches nothing).
    Tags(Vec<Option<i64>>),
}

impl IfMatch {
    /// Whether the version `seq` satisfies it.
    pub fn matches(&self, seq: i64) -> bool {
        match self {
            IfMatch::Any => true,
            IfMatch::Tags(tags) => tags.contains(&Some(seq)),
        }
    }
}

/// The request's `If-Match`, if it has one.
pub fn if_match(headers: &HeaderMap) -> Option<IfMatch> {
    let raw = headers.get(header::IF_MATCH)?.to_str().ok()?.trim();
    if raw == "*" {
        return Some(IfMatch::Any);
    }
    let tags = raw
        .split(',')
        .map(|tag| {
            let tag = tag.trim();
            // A weak tag never matches a strong comparison (RFC 9110 §13.1.1).
            let inner = tag.strip_prefix('"')?.strip_suffix('"')?;
            inner.parse::<i64>().ok()
        })
        .collect();
    Some(IfMatch::Tags(tags))
}

/// What a container GET should list (`Prefer`, W3C protocol §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preference {
    /// The container only, no pages.
    MinimalContainer,
    /// Pages listing the annotations' IRIs.
    ContainedIris,
    /// Pages with the annotations themselves (the default).
    ContainedDescriptions,
}

/// Reads `Prefer: return=representation;include="…"`.
pub fn preference(headers: &HeaderMap) -> Preference {
    let prefer = headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(" ");
    if prefer.contains("http://www.w3.org/ns/ldp#PreferMinimalContainer") {
        Preference::MinimalContainer
    } else if prefer.contains("http://www.w3.org/ns/oa#PreferContainedIRIs") {
        Preference::ContainedIris
    } else {
        Preference::ContainedDescriptions
    }
}

/// Sets the headers every protocol response carries.
pub fn set_protocol_headers(headers: &mut HeaderMap, allow: &'static str, links: &'static str) {
    let pairs = [
        (header::CONTENT_TYPE, ANNOTATION_MEDIA_TYPE),
        (header::ALLOW, allow),
        (header::VARY, VARY),
        (header::LINK, links),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    for (name, value) in pairs {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: &'static str, value: &'static str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(name, HeaderValue::from_static(value));
        map
    }

    #[test]
    fn if_match_reads_strong_tags_and_refuses_weak_ones() {
        let rows = [
            ("\"7\"", 7, true),
            ("\"7\"", 8, false),
            ("\"3\", \"7\"", 7, true),
            ("W/\"7\"", 7, false),
            ("*", 99, true),
            ("7", 7, false),
        ];
        for (raw, seq, expected) in rows {
            let found = if_match(&headers("if-match", raw)).map(|m| m.matches(seq));
            assert_eq!(found, Some(expected), "{raw} against {seq}");
        }
        assert_eq!(if_match(&HeaderMap::new()), None);
    }

    #[test]
    fn prefer_picks_what_the_container_lists() {
        let minimal =
            "return=representation;include=\"http://www.w3.org/ns/ldp#PreferMinimalContainer\"";
        let iris = "return=representation;include=\"http://www.w3.org/ns/oa#PreferContainedIRIs\"";
        assert_eq!(
            preference(&headers("prefer", minimal)),
            Preference::MinimalContainer
        );
        assert_eq!(
            preference(&headers("prefer", iris)),
            Preference::ContainedIris
        );
        assert_eq!(
            preference(&HeaderMap::new()),
            Preference::ContainedDescriptions
        );
    }
}
