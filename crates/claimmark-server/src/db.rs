//! Every SQL statement of the server. Writes run in one transaction that
//! first takes the article row's lock and its next change number, so
//! change numbers follow commit order, then announce the change with
//! `pg_notify` (delivered at commit, to every instance).

use serde_json::Value;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// The `NOTIFY` channel of changes: payload `article_id:seq`.
pub const CHANNEL: &str = "claimmark_changes";

/// An article's row.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Article {
    /// Its key.
    pub id: i64,
    /// The desk it belongs to.
    pub desk_id: i64,
    /// Readable without a token.
    pub public: bool,
    /// Its last change number.
    pub seq: i64,
}

/// One annotation's current version or tombstone.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Stored {
    /// The claim's id.
    pub uuid: Uuid,
    /// The annotation as JSON text (`None` once deleted).
    pub body: Option<String>,
    /// Deleted: a tombstone.
    pub deleted: bool,
    /// Its change number: the ETag.
    pub seq: i64,
    /// Who made the change.
    pub changed_by: String,
    /// When, in milliseconds since the Unix epoch.
    pub changed_at_ms: i64,
}

impl Stored {
    /// The annotation, unless deleted (or, impossibly, not JSON).
    pub fn annotation(&self) -> Option<Value> {
        match (&self.body, self.deleted) {
            (Some(text), false) => serde_json::from_str(text).ok(),
            _ => None,
        }
    }
}

const STORED_COLUMNS: &str = "uuid, body, deleted, seq, changed_by, \
     (extract(epoch FROM changed_at) * 1000)::bigint AS changed_at_ms";

/// The id of `desk`, made when new.
pub async fn desk_id(pool: &PgPool, desk: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO desks (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
    )
    .bind(desk)
    .fetch_one(pool)
    .await
}

/// The article with this document id.
pub async fn article(pool: &PgPool, doc_id: &str) -> Result<Option<Article>, sqlx::Error> {
    sqlx::query_as("SELECT id, desk_id, public, seq FROM articles WHERE doc_id = $1")
        .bind(doc_id)
        .fetch_optional(pool)
        .await
}

/// Makes an article public (or not); `false` when the desk has no such article.
pub async fn set_public(
    pool: &PgPool,
    desk: &str,
    doc_id: &str,
    public: bool,
) -> Result<bool, sqlx::Error> {
    let desk_id = desk_id(pool, desk).await?;
    let done = sqlx::query(
        "INSERT INTO articles (desk_id, doc_id, public) VALUES ($1, $2, $3) \
         ON CONFLICT (doc_id) DO UPDATE SET public = EXCLUDED.public WHERE articles.desk_id = EXCLUDED.desk_id",
    )
    .bind(desk_id)
    .bind(doc_id)
    .bind(public)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A write in progress on one article: its lock is held and its next
/// change number taken until [`Write::commit`].
pub struct Write {
    tx: Transaction<'static, Postgres>,
    /// The article written.
    pub article_id: i64,
    /// The change number of this write.
    pub seq: i64,
}

/// Starts a write on `doc_id` for `desk_id`, making the article first
/// when `exists` is false; `None` when it belongs to another desk.
pub async fn begin_write(
    pool: &PgPool,
    desk_id: i64,
    doc_id: &str,
    exists: bool,
) -> Result<Option<Write>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if !exists {
        sqlx::query(
            "INSERT INTO articles (desk_id, doc_id) VALUES ($1, $2) ON CONFLICT (doc_id) DO NOTHING",
        )
        .bind(desk_id)
        .bind(doc_id)
        .execute(&mut *tx)
        .await?;
    }
    let row: Option<(i64, i64)> = sqlx::query_as(
        "UPDATE articles SET seq = seq + 1 WHERE doc_id = $1 AND desk_id = $2 RETURNING id, seq",
    )
    .bind(doc_id)
    .bind(desk_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row.map(|(article_id, seq)| Write {
        tx,
        article_id,
        seq,
    }))
}

impl Write {
    /// The current version or tombstone of `uuid`, locked.
    pub async fn current(&mut self, uuid: Uuid) -> Result<Option<Stored>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {STORED_COLUMNS} FROM annotations WHERE article_id = $1 AND uuid = $2 FOR UPDATE"
        ))
        .bind(self.article_id)
        .bind(uuid)
        .fetch_optional(&mut *self.tx)
        .await
    }

    /// Stores `body` (or a tombstone when `None`) as `uuid`'s version at
    /// this change number.
    pub async fn put(
        &mut self,
        uuid: Uuid,
        body: Option<&Value>,
        by: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO annotations (article_id, uuid, body, deleted, seq, changed_by) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (article_id, uuid) DO UPDATE SET body = EXCLUDED.body, deleted = EXCLUDED.deleted, \
             seq = EXCLUDED.seq, changed_by = EXCLUDED.changed_by, changed_at = now()",
        )
        .bind(self.article_id)
        .bind(uuid)
        .bind(body.map(Value::to_string))
        .bind(body.is_none())
        .bind(self.seq)
        .bind(by)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Announces the change to every instance and commits.
    pub async fn commit(mut self) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(format!("{}:{}", self.article_id, self.seq))
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(self.seq)
    }
}

/// One annotation's current version or tombstone, unlocked.
pub async fn stored(
    pool: &PgPool,
    article_id: i64,
    uuid: Uuid,
) -> Result<Option<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} FROM annotations WHERE article_id = $1 AND uuid = $2"
    ))
    .bind(article_id)
    .bind(uuid)
    .fetch_optional(pool)
    .await
}

/// How many annotations of the article are not deleted.
pub async fn count_live(pool: &PgPool, article_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM annotations WHERE article_id = $1 AND NOT deleted")
        .bind(article_id)
        .fetch_one(pool)
        .await
}

/// A page of the live annotations, in a stable order (by id).
pub async fn page(
    pool: &PgPool,
    article_id: i64,
    offset: i64,
    limit: i64,
) -> Result<Vec<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} FROM annotations WHERE article_id = $1 AND NOT deleted \
         ORDER BY uuid OFFSET $2 LIMIT $3"
    ))
    .bind(article_id)
    .bind(offset)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Versions and tombstones changed after change number `since`, in the
/// order they were committed.
pub async fn changes(
    pool: &PgPool,
    article_id: i64,
    since: i64,
    limit: i64,
) -> Result<Vec<Stored>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STORED_COLUMNS} FROM annotations WHERE article_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    ))
    .bind(article_id)
    .bind(since)
    .bind(limit)
    .fetch_all(pool)
    .await
}
