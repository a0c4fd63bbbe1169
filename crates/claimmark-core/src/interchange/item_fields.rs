//! Reading the parts of one imported item: typed fields with their size
//! caps, the bodies by purpose (`assessing` certainty, `commenting` notes,
//! `linking` http(s) links, `tagging` tags), the certainty history under
//! `claimmark:history`. Each refusal is an [`ItemError`];
//! [`crate::interchange::validate`] puts the parts together with the
//! target ([`super::target`]).

use serde_json::{Map, Value};

use super::import_errors::ItemError;
use super::w3c::HISTORY_KEY;
use super::{MAX_TAGS, MAX_TAG_CHARS};
use crate::model::annotation::{SourceUrl, Timestamp, SOURCES_MAX};
use crate::model::certainty::Certainty;
use crate::model::certainty_change::{CertaintyChange, AUTHOR_MAX_CHARS, HISTORY_MAX};

/// True when `type` is `wanted` or a list including it.
pub(super) fn has_type(object: &Map<String, Value>, wanted: &str) -> bool {
    match object.get("type") {
        Some(Value::String(kind)) => kind == wanted,
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str() == Some(wanted)),
        _ => false,
    }
}

/// At most 80 characters of an untrusted value, for messages.
pub(super) fn clip(raw: &str) -> String {
    const MAX: usize = 80;
    if raw.chars().count() <= MAX {
        raw.to_owned()
    } else {
        let mut clipped: String = raw.chars().take(MAX).collect();
        clipped.push('…');
        clipped
    }
}

pub(super) fn string_field<'v>(
    object: &'v Map<String, Value>,
    field: &'static str,
) -> Result<Option<&'v str>, ItemError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ItemError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

pub(super) fn capped(field: &'static str, value: &str, max: usize) -> Result<String, ItemError> {
    let len = value.chars().count();
    if len > max {
        return Err(ItemError::TooLong { field, len, max });
    }
    Ok(value.to_owned())
}

pub(super) fn timestamp(
    object: &Map<String, Value>,
    field: &'static str,
) -> Result<Option<Timestamp>, ItemError> {
    string_field(object, field)?
        .map(|raw| {
            Timestamp::parse(raw).map_err(|_| ItemError::InvalidTimestamp {
                field,
                value: clip(raw),
            })
        })
        .transpose()
}

/// One value or a list of them, as JSON-LD allows.
pub(super) fn one_or_many(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(values) => values.iter().collect(),
        other => vec![other],
    }
}

/// What the bodies say.
#[derive(Default)]
pub(super) struct Bodies {
    /// The `assessing` body's certainty.
    pub certainty: Option<Certainty>,
    /// Every `commenting` body's text.
    pub notes: Vec<String>,
    /// The `linking` bodies' http(s) links.
    pub sources: Vec<SourceUrl>,
    /// The `tagging` bodies' tags.
    pub tags: Vec<String>,
}

pub(super) fn read_bodies(object: &Map<String, Value>) -> Result<Bodies, ItemError> {
    let mut bodies = Bodies::default();
    let Some(raw) = object.get("body") else {
        return Err(ItemError::NoCertainty);
    };
    for body in one_or_many(raw) {
        let Value::Object(body) = body else {
            // A bare IRI body: a link without a stated purpose; not ours.
            continue;
        };
        let purposes: Vec<&str> = body
            .get("purpose")
            .map(one_or_many)
            .unwrap_or_default()
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        for purpose in purposes {
            match purpose {
                "assessing" => {
                    let value = string_field(body, "value")?.ok_or(ItemError::NoCertainty)?;
                    let certainty = value
                        .parse::<Certainty>()
                        .map_err(|_| ItemError::UnknownCertainty(clip(value)))?;
                    if bodies.certainty.replace(certainty).is_some() {
                        return Err(ItemError::SeveralCertainties);
                    }
                }
                "commenting" => {
                    if let Some(value) = string_field(body, "value")? {
                        bodies.notes.push(value.to_owned());
                    }
                }
                "linking" => {
                    let url = match string_field(body, "source")? {
                        Some(url) => url,
                        None => string_field(body, "id")?.ok_or(ItemError::Missing("source"))?,
                    };
                    let link = SourceUrl::parse(url).map_err(|reason| ItemError::BadLink {
                        url: clip(url),
                        reason,
                    })?;
                    if !bodies.sources.contains(&link) {
                        bodies.sources.push(link);
                    }
                }
                "tagging" => {
                    let value = string_field(body, "value")?.ok_or(ItemError::Missing("value"))?;
                    let tag = capped("tag", value, MAX_TAG_CHARS)?;
                    if !tag.is_empty() && !bodies.tags.contains(&tag) {
                        bodies.tags.push(tag);
                    }
                }
                _ => {}
            }
        }
    }
    if bodies.sources.len() > SOURCES_MAX {
        return Err(ItemError::TooMany {
            field: "links",
            count: bodies.sources.len(),
            max: SOURCES_MAX,
        });
    }
    if bodies.tags.len() > MAX_TAGS {
        return Err(ItemError::TooMany {
            field: "tags",
            count: bodies.tags.len(),
            max: MAX_TAGS,
        });
    }
    Ok(bodies)
}

/// The certainty history under [`HISTORY_KEY`]; empty when absent.
pub(super) fn read_history(object: &Map<String, Value>) -> Result<Vec<CertaintyChange>, ItemError> {
    let Some(raw) = object.get(HISTORY_KEY) else {
        return Ok(Vec::new());
    };
    let Some(lines) = raw.as_array() else {
        return Err(ItemError::WrongType {
            field: HISTORY_KEY,
            expected: "an array",
        });
    };
    if lines.len() > HISTORY_MAX {
        return Err(ItemError::TooMany {
            field: "history lines",
            count: lines.len(),
            max: HISTORY_MAX,
        });
    }
    lines
        .iter()
        .map(|line| {
            let change: CertaintyChange = serde_json::from_value(line.clone())
                .map_err(|e| ItemError::BadHistory(clip(&e.to_string())))?;
            match &change.by {
                Some(by) if by.chars().count() > AUTHOR_MAX_CHARS => Err(ItemError::TooLong {
                    field: "history name",
                    len: by.chars().count(),
                    max: AUTHOR_MAX_CHARS,
                }),
                _ => Ok(change),
            }
        })
        .collect()
}
