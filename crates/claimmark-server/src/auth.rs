//! Members and their tokens: making a token (shown once, stored as its
//! SHA-256), finding the member behind a request's `Authorization:
//! Bearer`, and deciding whether that member may read or write an article.

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use thiserror::Error;

use crate::db::Article;
use crate::problem::ApiError;

/// What a member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reads and writes the desk's articles.
    Editor,
    /// Reads the desk's articles.
    Reader,
}

impl Role {
    /// The name stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Reader => "reader",
        }
    }
}

/// A role name that is neither `editor` nor `reader`.
#[derive(Debug, Error)]
#[error("unknown role {0:?}: use editor or reader")]
pub struct UnknownRole(String);

impl std::str::FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "editor" => Ok(Role::Editor),
            "reader" => Ok(Role::Reader),
            other => Err(UnknownRole(other.to_owned())),
        }
    }
}

/// The member a request came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Their desk.
    pub desk_id: i64,
    /// Their name, shown as who made a change.
    pub name: String,
    /// What they may do.
    pub role: Role,
}

/// Why a token could not be made.
#[derive(Debug, Error)]
pub enum TokenError {
    /// The system's random source failed.
    #[error("no random bytes for a token: {0}")]
    Random(String),
    /// A name outside 1 to 100 characters.
    #[error("a desk or member name must have 1 to 100 characters")]
    Name,
    /// The database refused.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// The SHA-256 of a token: what is stored and looked up. Tokens are 256
/// random bits, so a fast hash is enough (no password stretching needed).
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Makes a member of `desk` (created when new) and returns their token,
/// which is stored only as its hash.
pub async fn create_token(
    pool: &PgPool,
    desk: &str,
    name: &str,
    role: Role,
) -> Result<String, TokenError> {
    let valid = |s: &str| (1..=100).contains(&s.chars().count());
    if !valid(desk) || !valid(name) {
        return Err(TokenError::Name);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| TokenError::Random(e.to_string()))?;
    let token = format!("cm_{}", URL_SAFE_NO_PAD.encode(bytes));
    let desk_id = crate::db::desk_id(pool, desk).await?;
    sqlx::query("INSERT INTO members (desk_id, name, role, token_sha256) VALUES ($1, $2, $3, $4)")
        .bind(desk_id)
        .bind(name)
        .bind(role.as_str())
        .bind(token_hash(&token))
        .execute(pool)
        .await?;
    Ok(token)
}

/// Revokes every token of `name` in `desk`; how many there were.
pub async fn revoke(pool: &PgPool, desk: &str, name: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM members WHERE name = $2 AND desk_id = (SELECT id FROM desks WHERE name = $1)",
    )
    .bind(desk)
    .bind(name)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// The members of `desk`: name and role, oldest first.
pub async fn members(pool: &PgPool, desk: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.name, m.role FROM members m JOIN desks d ON d.id = m.desk_id WHERE d.name = $1 ORDER BY m.id",
    )
    .bind(desk)
    .fetch_all(pool)
    .await
}

/// The member behind the request's bearer token: `None` without one, 401
/// for one that is malformed or unknown.
pub async fn member(pool: &PgPool, headers: &HeaderMap) -> Result<Option<Member>, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 200)
        .ok_or(ApiError::Unauthorized)?;
    let row: Option<(i64, String, String)> =
        sqlx::query_as("SELECT desk_id, name, role FROM members WHERE token_sha256 = $1")
            .bind(token_hash(token))
            .fetch_optional(pool)
            .await?;
    let (desk_id, name, role) = row.ok_or(ApiError::Unauthorized)?;
    let role = role.parse().map_err(|_| ApiError::Internal)?;
    Ok(Some(Member {
        desk_id,
        name,
        role,
    }))
}

/// May `caller` read `article` (`None`: it does not exist)? Public
/// articles are read by anyone; others only by their desk. Without a
/// token the answer is 401, so that nobody learns what exists; with
/// another desk's token it is 404.
pub fn check_read(caller: Option<&Member>, article: Option<&Article>) -> Result<(), ApiError> {
    match (caller, article) {
        (_, Some(a)) if a.public => Ok(()),
        (Some(m), Some(a)) if m.desk_id == a.desk_id => Ok(()),
        (None, _) => Err(ApiError::Unauthorized),
        (Some(_), _) => Err(ApiError::NotFound),
    }
}

/// May `caller` write `article` (`None`: not there yet, created by the
/// write)? Editors of its desk only: 401 without a token, 404 for another
/// desk's, 403 for a reader.
pub fn check_write<'m>(
    caller: Option<&'m Member>,
    article: Option<&Article>,
) -> Result<&'m Member, ApiError> {
    let member = caller.ok_or(ApiError::Unauthorized)?;
    if article.is_some_and(|a| a.desk_id != member.desk_id) {
        return Err(ApiError::NotFound);
    }
    if member.role != Role::Editor {
        return Err(ApiError::Forbidden);
    }
    Ok(member)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(desk_id: i64, role: Role) -> Member {
        Member {
            desk_id,
            name: "Ana".into(),
            role,
        }
    }

    fn article(desk_id: i64, public: bool) -> Article {
        Article {
            id: 1,
            desk_id,
            public,
            seq: 0,
        }
    }

    #[test]
    fn who_may_read_and_write_what() {
        let editor = member(1, Role::Editor);
        let reader = member(1, Role::Reader);
        let stranger = member(2, Role::Editor);
        let private = article(1, false);
        let public = article(1, true);
        let status = |r: Result<(), ApiError>| r.err().map(|e| e.status().as_u16());
        assert_eq!(status(check_read(Some(&reader), Some(&private))), None);
        assert_eq!(status(check_read(None, Some(&private))), Some(401));
        assert_eq!(status(check_read(None, None)), Some(401));
        assert_eq!(status(check_read(None, Some(&public))), None);
        assert_eq!(
            status(check_read(Some(&stranger), Some(&private))),
            Some(404)
        );
        assert_eq!(status(check_read(Some(&stranger), Some(&public))), None);
        let write = |c, a| check_write(c, a).map(|_| ());
        assert_eq!(status(write(Some(&editor), Some(&private))), None);
        assert_eq!(status(write(Some(&editor), None)), None);
        assert_eq!(status(write(Some(&reader), Some(&private))), Some(403));
        assert_eq!(status(write(None, Some(&public))), Some(401));
        assert_eq!(status(write(Some(&stranger), Some(&public))), Some(404));
    }
}
