//! How an instance learns of writes made through any instance: one
//! `LISTEN` connection to PostgreSQL per instance, its notifications fanned
//! out to the change feed's waiting requests. Nothing here is state another
//! instance needs: a lost connection only wakes every waiter to read the
//! database again.

use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::broadcast;

use crate::db::CHANNEL;

/// What a waiting feed request is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// This article changed.
    Article(i64),
    /// Notifications may have been missed: read again.
    All,
}

impl Signal {
    /// Whether a request waiting on `article_id` should read again.
    pub fn concerns(self, article_id: i64) -> bool {
        match self {
            Signal::Article(id) => id == article_id,
            Signal::All => true,
        }
    }
}

/// The sender the feed subscribes to.
pub fn channel() -> broadcast::Sender<Signal> {
    broadcast::channel(1024).0
}

/// Listens for changes until the process ends, reconnecting after a lost
/// connection (PostgreSQL restarted, a network cut).
pub fn spawn_listener(
    pool: PgPool,
    signals: broadcast::Sender<Signal>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(CHANNEL).await {
                        tracing::warn!(%error, "LISTEN failed");
                    } else {
                        listen(&mut listener, &signals).await;
                    }
                }
                Err(error) => tracing::warn!(%error, "no LISTEN connection"),
            }
            let _ = signals.send(Signal::All);
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    })
}

/// Forwards notifications until the connection fails.
async fn listen(listener: &mut PgListener, signals: &broadcast::Sender<Signal>) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                let article = notification
                    .payload()
                    .split(':')
                    .next()
                    .and_then(|id| id.parse::<i64>().ok());
                let _ = signals.send(article.map_or(Signal::All, Signal::Article));
            }
            // The connection was lost; the listener reconnects on the next
            // call, and what was sent meanwhile is read from the database.
            Ok(None) => {
                tracing::warn!("LISTEN connection lost; reconnecting");
                let _ = signals.send(Signal::All);
            }
            Err(error) => {
                tracing::warn!(%error, "LISTEN failed");
                return;
            }
        }
    }
}
