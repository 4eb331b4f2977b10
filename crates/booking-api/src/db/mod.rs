//! The database: SQLite (embedded, the default) or PostgreSQL (shared by
//! several instances), chosen by the URL's scheme, with the same SQL and
//! the same guarantees. [`Store`] is the one facade; `sqlite` and
//! `postgres` hold what differs between them (connecting, and the writes
//! each serialises its own way); a statement both run alike is written
//! once, through [`on_pool!`].
//!
//! - No overbooking: a booking decrements its stock row with
//!   `UPDATE … SET available = available - 1 WHERE … AND available > 0` in
//!   the booking's own transaction; no row updated means sold out, and a
//!   `CHECK (available >= 0)` backs it up.
//! - Idempotency: the key and the answer to replay are inserted in that same
//!   transaction, so a key is either unused or bound to exactly one booking.
//! - Durability: SQLite runs in WAL mode with `synchronous = FULL`; a reply
//!   is only sent after `COMMIT` returned. Its writes go through one writer
//!   task that commits whatever is queued as one transaction (group
//!   commit, see `sqlite_writer`): one fsync for many bookings.

mod rows;
#[macro_use]
mod statements;
pub mod admin;
mod postgres;
mod sqlite;
mod sqlite_writer;

use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use self::sqlite_writer::{Write, WriteJob};
use self::statements::sql;

pub use self::rows::{
    mode_from_sql, status_from_sql, BookOutcome, BookingRow, NewBooking, NewEvent, NewMail,
    NewWaiting, OutboxEvent, OutgoingMail, StockRow, StoredResponse,
};

use crate::catalogue::Catalogue;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored document: {0}")]
    Document(#[from] serde_json::Error),
    #[error("stored row: {0}")]
    Corrupt(String),
    #[error("the database writer has stopped")]
    WriterGone,
    #[error("unsupported database URL (use sqlite:… or postgres://…)")]
    UnsupportedUrl,
}

pub type Result<T, E = DbError> = std::result::Result<T, E>;

#[derive(Debug, Clone)]
pub enum Store {
    Sqlite {
        read: SqlitePool,
        writer: mpsc::Sender<WriteJob>,
    },
    Postgres(PgPool),
}

/// Runs `$body` against whichever pool the store has: a statement that
/// both databases run alike, written once. On SQLite it reads through the
/// reader pool (writes go through the writer task).
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            Store::Sqlite { read: $pool, .. } => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

// After `on_pool!`, which they use.
mod mail;
pub mod tenant_account;
pub mod upstream;

impl Store {
    /// Opens the database, creating a SQLite file if needed, and migrates it.
    ///
    /// # Errors
    /// An unreachable database or a failed migration.
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            sqlite::connect(url).await
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres(postgres::connect(url).await?))
        } else {
            Err(DbError::UnsupportedUrl)
        }
    }

    async fn write<T>(&self, make: impl FnOnce(oneshot::Sender<Result<T>>) -> Write) -> Result<T> {
        let Self::Sqlite { writer, .. } = self else {
            return Err(DbError::WriterGone);
        };
        let (tx, rx) = oneshot::channel();
        writer
            .send(WriteJob(make(tx)))
            .await
            .map_err(|_| DbError::WriterGone)?;
        rx.await.map_err(|_| DbError::WriterGone)?
    }

    /// Answers when the database does.
    ///
    /// # Errors
    /// The database is unreachable.
    pub async fn ping(&self) -> Result<()> {
        on_pool!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// The catalogue's version, to tell whether a cached copy is current.
    ///
    /// # Errors
    /// A database error.
    pub async fn catalogue_version(&self) -> Result<Option<i64>> {
        let q = "SELECT version FROM catalogue WHERE id = 1";
        Ok(on_pool!(self, pool => sqlx::query_scalar(q).fetch_optional(pool).await?))
    }

    /// # Errors
    /// A database error or a stored document that no longer parses.
    pub async fn catalogue(&self) -> Result<Option<(i64, Catalogue)>> {
        let q = "SELECT version, document FROM catalogue WHERE id = 1";
        let row: Option<(i64, String)> =
            on_pool!(self, pool => sqlx::query_as(q).fetch_optional(pool).await?);
        row.map(|(v, doc)| Ok((v, serde_json::from_str(&doc)?)))
            .transpose()
    }

    /// Replaces the catalogue and resets the stock to the catalogue's.
    ///
    /// # Errors
    /// A database error.
    pub async fn replace_catalogue(&self, catalogue: &Catalogue) -> Result<()> {
        match self {
            Self::Sqlite { read, .. } => sqlite::replace_catalogue(read, catalogue).await,
            Self::Postgres(pool) => postgres::replace_catalogue(pool, catalogue).await,
        }
    }

    /// Free units per price variant and mode at a property.
    ///
    /// # Errors
    /// A database error, or a mode the schema does not allow.
    pub async fn stock(&self, property_id: &str) -> Result<Vec<StockRow>> {
        let q = "SELECT price_id, mode, available FROM stock WHERE property_id = $1";
        let rows: Vec<(String, String, i64)> = on_pool!(self, pool => {
            sqlx::query_as(q).bind(property_id).fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|(price_id, mode, available)| {
                Ok(StockRow {
                    mode: mode_from_sql(&mode)
                        .ok_or_else(|| DbError::Corrupt(format!("stock {price_id}: mode")))?,
                    price_id,
                    available,
                })
            })
            .collect()
    }

    /// # Errors
    /// A database error.
    pub async fn stored_response(
        &self,
        api_key: &str,
        key: &str,
    ) -> Result<Option<StoredResponse>> {
        let q = "SELECT fingerprint, status_code, response FROM idempotency_keys \
                 WHERE api_key = $1 AND idempotency_key = $2";
        let row: Option<(String, i64, String)> = on_pool!(self, pool => {
            sqlx::query_as(q).bind(api_key).bind(key).fetch_optional(pool).await?
        });
        Ok(row.map(|(fingerprint, status, response)| StoredResponse {
            fingerprint,
            status_code: u16::try_from(status).unwrap_or(500),
            response,
        }))
    }

    /// Stores a booking if its key is unused and a unit is free.
    ///
    /// # Errors
    /// A database error: nothing was stored.
    pub async fn book(&self, booking: NewBooking) -> Result<BookOutcome> {
        match self {
            Self::Sqlite { .. } => {
                self.write(|reply| Write::Book(Box::new(booking), reply))
                    .await
            }
            Self::Postgres(pool) => postgres::book(pool, &booking).await,
        }
    }

    /// # Errors
    /// A database error, or a stored booking that no longer parses.
    pub async fn booking(&self, id: &str) -> Result<Option<BookingRow>> {
        let raw: Option<rows::RawBooking> = on_pool!(self, pool => {
            sqlx::query_as(sql::SELECT_BOOKING).bind(id).fetch_optional(pool).await?
        });
        raw.map(BookingRow::try_from).transpose()
    }

    /// # Errors
    /// A database error.
    pub async fn add_waiting(&self, entry: NewWaiting) -> Result<()> {
        match self {
            Self::Sqlite { .. } => self.write(|reply| Write::Waiting(entry, reply)).await,
            Self::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query(sql::INSERT_WAITING)
                    .bind(&entry.id)
                    .bind(&entry.api_key)
                    .bind(&entry.property_id)
                    .bind(&entry.selection)
                    .bind(&entry.contact)
                    .bind(&entry.created_at)
                    .execute(&mut *tx)
                    .await?;
                let now = chrono::Utc::now().timestamp();
                for mail in &entry.mails {
                    sqlx::query(sql::INSERT_MAIL)
                        .bind(&mail.id)
                        .bind(mail.kind)
                        .bind(&mail.recipient)
                        .bind(&mail.message)
                        .bind(now)
                        .bind(now * 1000)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// Takes up to `limit` due events for `lease_ms`; another worker (or
    /// instance) will not take them again before the lease ends.
    ///
    /// # Errors
    /// A database error.
    pub async fn claim_events(
        &self,
        now_ms: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<OutboxEvent>> {
        match self {
            Self::Sqlite { .. } => {
                self.write(|reply| Write::Claim {
                    now_ms,
                    lease_ms,
                    limit,
                    reply,
                })
                .await
            }
            Self::Postgres(pool) => postgres::claim_events(pool, now_ms, lease_ms, limit).await,
        }
    }

    /// # Errors
    /// A database error.
    pub async fn event_delivered(&self, id: &str, now_ms: i64) -> Result<()> {
        let id = id.to_owned();
        match self {
            Self::Sqlite { .. } => {
                self.write(|reply| Write::Delivered { id, now_ms, reply })
                    .await
            }
            Self::Postgres(pool) => {
                sqlx::query(sql::DELIVERED)
                    .bind(id)
                    .bind(now_ms)
                    .execute(pool)
                    .await?;
                Ok(())
            }
        }
    }

    /// # Errors
    /// A database error.
    pub async fn event_failed(&self, id: &str, next_ms: i64, error: String) -> Result<()> {
        let id = id.to_owned();
        match self {
            Self::Sqlite { .. } => {
                self.write(|reply| Write::Failed {
                    id,
                    next_ms,
                    error,
                    reply,
                })
                .await
            }
            Self::Postgres(pool) => {
                sqlx::query(sql::FAILED)
                    .bind(id)
                    .bind(next_ms)
                    .bind(error)
                    .execute(pool)
                    .await?;
                Ok(())
            }
        }
    }

    /// Forgets idempotency keys older than `before_unix` (their bookings stay).
    ///
    /// # Errors
    /// A database error.
    pub async fn purge_keys(&self, before_unix: i64) -> Result<u64> {
        match self {
            Self::Sqlite { .. } => {
                self.write(|reply| Write::Purge { before_unix, reply })
                    .await
            }
            Self::Postgres(pool) => Ok(sqlx::query(sql::PURGE)
                .bind(before_unix)
                .execute(pool)
                .await?
                .rows_affected()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn booking(id: &str, key: &str, price: &str) -> NewBooking {
        NewBooking {
            id: id.into(),
            transact_id: format!("T-{key}"),
            api_key: "pk_demo".into(),
            property_id: "a99c4590-9475-404e-bcbd-6cba2e2b5e16".into(),
            price_id: price.into(),
            mode: booking_model::Mode::Rent,
            status: booking_model::BookingStatus::Confirmed,
            created_at: chrono::DateTime::UNIX_EPOCH,
            due_at_move_in: "1.00".into(),
            selection: "{}".into(),
            tenant: "{}".into(),
            quote: "{}".into(),
            attribution: None,
            idempotency_key: key.into(),
            fingerprint: "f".into(),
            response: "{}".into(),
            event: None,
            language: None,
            mails: Vec::new(),
        }
    }

    /// A write that fails (here a duplicate booking id) is answered with its
    /// error and leaves nothing behind; the writes batched with it still land.
    #[tokio::test]
    async fn a_failing_write_does_not_take_its_batch_down() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("t.sqlite").display());
        let store = Store::connect(&url).await.expect("store");
        let seed = Catalogue::from_json(crate::SEED_CATALOGUE).expect("seed");
        store.replace_catalogue(&seed).await.expect("seed stored");
        let price = "33903946-7989-471d-9f89-91ddb68c701e";
        let (a, b, c) = tokio::join!(
            store.book(booking("same-id", "k1", price)),
            store.book(booking("same-id", "k2", price)),
            store.book(booking("other-id", "k3", price)),
        );
        let outcomes = [a, b, c];
        let booked = outcomes
            .iter()
            .filter(|o| matches!(o, Ok(BookOutcome::Booked)))
            .count();
        let failed = outcomes.iter().filter(|o| o.is_err()).count();
        assert_eq!((booked, failed), (2, 1), "{outcomes:?}");
        let stock = store
            .stock("a99c4590-9475-404e-bcbd-6cba2e2b5e16")
            .await
            .expect("stock");
        let left = stock
            .iter()
            .find(|r| r.price_id == price && r.mode == booking_model::Mode::Rent)
            .map(|r| r.available);
        assert_eq!(left, Some(8 - 2), "the failed write took no unit");
        assert!(
            store
                .stored_response("pk_demo", "k2")
                .await
                .expect("read")
                .is_none()
                || store
                    .stored_response("pk_demo", "k1")
                    .await
                    .expect("read")
                    .is_none()
        );
    }
}
