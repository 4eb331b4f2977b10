//! The mail outbox: claimed with a lease, marked sent once the mail server
//! accepted a message. Single statements on the pool (on SQLite each is
//! its own transaction, waiting for the writer's batch through
//! `busy_timeout`), so the booking writer's batches stay as they were.

use super::{OutgoingMail, Result, Store};

/// SQLite's claim; PostgreSQL's adds `FOR UPDATE SKIP LOCKED`.
const CLAIM: &str = "UPDATE mail_outbox SET next_attempt_at = $1 + $2 WHERE id IN ( \
    SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 \
    ORDER BY next_attempt_at LIMIT $3) \
    RETURNING id, kind, recipient, message, attempts";

const CLAIM_PG: &str = "UPDATE mail_outbox SET next_attempt_at = $1 + $2 WHERE id IN ( \
    SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 \
    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) \
    RETURNING id, kind, recipient, message, attempts";

impl Store {
    /// Takes up to `limit` due mails for `lease_ms`: no other worker (or
    /// instance) takes them before the lease ends.
    ///
    /// # Errors
    /// A database error.
    pub async fn claim_mails(
        &self,
        now_ms: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<OutgoingMail>> {
        Ok(match self {
            Self::Sqlite { read, .. } => {
                sqlx::query_as(CLAIM)
                    .bind(now_ms)
                    .bind(lease_ms)
                    .bind(limit)
                    .fetch_all(read)
                    .await?
            }
            Self::Postgres(pool) => {
                sqlx::query_as(CLAIM_PG)
                    .bind(now_ms)
                    .bind(lease_ms)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
        })
    }

    /// # Errors
    /// A database error.
    pub async fn mail_sent(&self, id: &str, now_ms: i64) -> Result<()> {
        let q = "UPDATE mail_outbox SET sent_at = $2, last_error = NULL WHERE id = $1";
        on_pool!(self, pool => {
            sqlx::query(q).bind(id).bind(now_ms).execute(pool).await?;
        });
        Ok(())
    }

    /// Several mails at once: one transaction for a batch of files.
    ///
    /// # Errors
    /// A database error.
    pub async fn mails_sent(&self, ids: &[String], now_ms: i64) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let placeholders: Vec<String> = (2..ids.len() + 2).map(|n| format!("${n}")).collect();
        let q = format!(
            "UPDATE mail_outbox SET sent_at = $1, last_error = NULL WHERE id IN ({})",
            placeholders.join(", ")
        );
        on_pool!(self, pool => {
            let mut query = sqlx::query(&q).bind(now_ms);
            for id in ids {
                query = query.bind(id);
            }
            query.execute(pool).await?;
        });
        Ok(())
    }

    /// # Errors
    /// A database error.
    pub async fn mail_failed(&self, id: &str, next_ms: i64, error: &str) -> Result<()> {
        let q = "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $2, \
                 last_error = $3 WHERE id = $1 AND sent_at IS NULL";
        on_pool!(self, pool => {
            sqlx::query(q).bind(id).bind(next_ms).bind(error).execute(pool).await?;
        });
        Ok(())
    }
}
