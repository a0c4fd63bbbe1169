//! [`Annotation`]: one claim a fact-checker recorded, and its field types.
//!
//! Owns the annotation's identity ([`AnnotationId`], a UUID v4), its target
//! as W3C selectors ([`Target`]), its time stamps ([`Timestamp`], UTC) and
//! its evidence links ([`SourceUrl`], http and https only), and the
//! tombstone a deletion leaves ([`Deletion`]). It does not
//! find targets in text (that is `anchor`) nor change annotations (that is
//! `store`).

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::model::certainty::Certainty;
use crate::model::certainty_change::CertaintyChange;

/// Longest note kept, in code points; longer input is cut, never refused.
pub const NOTE_MAX_CHARS: usize = 10_000;

/// Most source links one claim keeps.
pub const SOURCES_MAX: usize = 50;

/// An annotation's id: a UUID, written as `urn:uuid:…` in W3C exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub uuid::Uuid);

impl AnnotationId {
    /// An id from 16 random bytes (the caller owns the randomness, so the
    /// domain stays deterministic under test).
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        AnnotationId(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl std::str::FromStr for AnnotationId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(s.strip_prefix("urn:uuid:").unwrap_or(s)).map(AnnotationId)
    }
}

/// A moment in UTC, kept as milliseconds since the Unix epoch and written
/// as an RFC 3339 / xsd:dateTime string ending in `Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

/// A time stamp that is not an RFC 3339 date-time with a zone.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid date-time {0:?}: expected RFC 3339 such as 2026-02-25T10:00:00Z")]
pub struct InvalidTimestamp(pub String);

impl Timestamp {
    /// Parses an RFC 3339 date-time with any offset.
    pub fn parse(raw: &str) -> Result<Self, InvalidTimestamp> {
        let parsed =
            OffsetDateTime::parse(raw, &Rfc3339).map_err(|_| InvalidTimestamp(raw.to_owned()))?;
        let millis = parsed.unix_timestamp_nanos() / 1_000_000;
        i64::try_from(millis)
            .map(Timestamp)
            .map_err(|_| InvalidTimestamp(raw.to_owned()))
    }

    /// Formats as RFC 3339 in UTC, with milliseconds only when non-zero.
    pub fn to_rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Timestamp::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// An evidence link: an absolute http or https URL with a host.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceUrl(String);

/// Why a source link was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvalidSourceUrl {
    /// Not http or https (`javascript:`, `data:`, `file:`, relative …).
    #[error("only http:// and https:// links are accepted")]
    Scheme,
    /// No host after the scheme.
    #[error("the link has no host name")]
    NoHost,
    /// Spaces or control characters inside.
    #[error("the link contains spaces or control characters")]
    BadCharacter,
    /// Longer than [`SourceUrl::MAX_LEN`].
    #[error("the link is longer than 2048 characters")]
    TooLong,
}

impl SourceUrl {
    /// Longest link accepted, in bytes.
    pub const MAX_LEN: usize = 2048;

    /// Validates a link a person typed or a file carried; surrounding
    /// whitespace is trimmed.
    pub fn parse(raw: &str) -> Result<Self, InvalidSourceUrl> {
        let url = raw.trim();
        if url.len() > Self::MAX_LEN {
            return Err(InvalidSourceUrl::TooLong);
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(InvalidSourceUrl::BadCharacter);
        }
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            url.get(8..)
        } else if lower.starts_with("http://") {
            url.get(7..)
        } else {
            return Err(InvalidSourceUrl::Scheme);
        };
        let host = rest
            .unwrap_or_default()
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default();
        let host = host.rsplit('@').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err(InvalidSourceUrl::NoHost);
        }
        Ok(SourceUrl(url.to_owned()))
    }

    /// The link as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SourceUrl {
    type Error = InvalidSourceUrl;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        SourceUrl::parse(&value)
    }
}

impl From<SourceUrl> for String {
    fn from(url: SourceUrl) -> Self {
        url.0
    }
}

/// W3C `TextQuoteSelector`: the quoted text and its context.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    /// The text of the claim.
    pub exact: String,
    /// Up to [`crate::model::anchor::CONTEXT_CHARS`] code points before.
    pub prefix: String,
    /// Up to [`crate::model::anchor::CONTEXT_CHARS`] code points after.
    pub suffix: String,
}

/// W3C `TextPositionSelector`: code points, half-open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextPositionSelector {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// Where a claim sits: two alternative W3C descriptions of one span.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// The quote with context, which survives edits of the text.
    pub quote: TextQuoteSelector,
    /// The position when described, fast and exact while the text is unchanged.
    pub position: TextPositionSelector,
}

/// One claim: where it is, how certain it is, and the fact-checker's notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable identity across edits, exports and merges.
    pub id: AnnotationId,
    /// The claim's text in the document.
    pub target: Target,
    /// The verdict.
    pub certainty: Certainty,
    /// Free text, plain (never parsed as HTML).
    #[serde(default)]
    pub note: String,
    /// Evidence links.
    #[serde(default)]
    pub sources: Vec<SourceUrl>,
    /// Free-form labels (W3C `tagging` bodies); absent from storage when
    /// empty, so data written before tags existed still loads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When it was created.
    pub created: Timestamp,
    /// When it last changed.
    pub modified: Timestamp,
    /// Its certainty changes, oldest first (see [`crate::model::certainty_change`]);
    /// absent from storage when empty, so older data still loads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<CertaintyChange>,
}

/// A tombstone: claim `id` was deleted at `at`. Kept so that a merge does
/// not bring back a claim deleted here after the incoming copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deletion {
    /// The deleted claim.
    pub id: AnnotationId,
    /// When it was deleted.
    pub at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_urls_accept_only_http_and_https_with_a_host() {
        let table: [(&str, Result<&str, InvalidSourceUrl>); 11] = [
            (
                "https://www.reuters.com/world/",
                Ok("https://www.reuters.com/world/"),
            ),
            (
                "  HTTP://example.org/a?b#c ",
                Ok("HTTP://example.org/a?b#c"),
            ),
            ("http://user@host:8080/x", Ok("http://user@host:8080/x")),
            ("javascript:alert(1)", Err(InvalidSourceUrl::Scheme)),
            ("data:text/html,<script>", Err(InvalidSourceUrl::Scheme)),
            ("JaVaScRiPt:alert(1)", Err(InvalidSourceUrl::Scheme)),
            ("//example.org", Err(InvalidSourceUrl::Scheme)),
            ("https://", Err(InvalidSourceUrl::NoHost)),
            ("https:///path", Err(InvalidSourceUrl::NoHost)),
            ("https://exa mple.org", Err(InvalidSourceUrl::BadCharacter)),
            ("https://x.org/\u{0}", Err(InvalidSourceUrl::BadCharacter)),
        ];
        for (raw, expected) in table {
            assert_eq!(
                SourceUrl::parse(raw).as_ref().map(SourceUrl::as_str),
                expected.as_ref().map(|s| *s),
                "{raw:?}"
            );
        }
        let long = format!("https://x.org/{}", "a".repeat(SourceUrl::MAX_LEN));
        assert_eq!(SourceUrl::parse(&long), Err(InvalidSourceUrl::TooLong));
    }

    #[test]
    fn timestamps_round_trip_as_utc_rfc3339() {
        let table = [
            (
                "2026-02-25T10:00:00Z",
                1_772_013_600_000,
                "2026-02-25T10:00:00Z",
            ),
            (
                "2026-02-25T11:00:00+01:00",
                1_772_013_600_000,
                "2026-02-25T10:00:00Z",
            ),
            (
                "2026-02-25T10:00:00.250Z",
                1_772_013_600_250,
                "2026-02-25T10:00:00.25Z",
            ),
        ];
        for (raw, millis, written) in table {
            let parsed = Timestamp::parse(raw).expect("valid");
            assert_eq!(parsed, Timestamp(millis), "{raw}");
            assert_eq!(parsed.to_rfc3339(), written);
        }
        for bad in ["2026-02-25", "yesterday", "2026-02-25T10:00:00"] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn annotation_ids_are_v4_and_accept_the_urn_form() {
        let id = AnnotationId::from_random_bytes([7; 16]);
        assert_eq!(id.0.get_version_num(), 4);
        let urn = format!("urn:uuid:{id}");
        assert_eq!(urn.parse::<AnnotationId>().ok(), Some(id));
        assert!("not-a-uuid".parse::<AnnotationId>().is_err());
    }
}
