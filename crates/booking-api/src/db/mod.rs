//! The database: SQLite (embedded, the default) or PostgreSQL (shared by
//! several instances), chosen by the URL's scheme, with the same SQL and
//! the same guarantees.
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

#[macro_use]
mod statements;
pub mod admin;
mod sqlite_writer;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Row, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use self::sqlite_writer::{sqlite_writer, Write, WriteJob};
use self::statements::sql;

use crate::catalogue::Catalogue;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("catalogue document: {0}")]
    Document(#[from] serde_json::Error),
    #[error("the database writer has stopped")]
    WriterGone,
    #[error("unsupported database URL (use sqlite:… or postgres://…)")]
    UnsupportedUrl,
}

pub type Result<T, E = DbError> = std::result::Result<T, E>;

/// A booking to store, with everything written in its transaction.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub id: String,
    pub transact_id: String,
    pub api_key: String,
    pub property_id: String,
    pub price_id: String,
    pub mode: &'static str,
    pub status: &'static str,
    pub created_at: String,
    pub due_at_move_in: String,
    pub selection: String,
    pub tenant: String,
    pub quote: String,
    /// The booking's `Attribution` as JSON, if the widget sent one.
    pub attribution: Option<String>,
    pub idempotency_key: String,
    pub fingerprint: String,
    /// The 201 body, replayed for the same key.
    pub response: String,
    pub created_at_unix: i64,
    pub event: Option<NewEvent>,
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: String,
    pub event_type: String,
    pub payload: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookOutcome {
    Booked,
    SoldOut,
    /// Another request stored this idempotency key first.
    KeyTaken,
}

/// What a used idempotency key answers.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub fingerprint: String,
    pub status_code: u16,
    pub response: String,
}

/// A stored booking.
#[derive(Debug, Clone)]
pub struct BookingRow {
    pub id: String,
    pub transact_id: String,
    pub api_key: String,
    pub property_id: String,
    pub created_at: String,
    pub selection: String,
    pub tenant: String,
    pub quote: String,
    pub attribution: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewWaiting {
    pub id: String,
    pub api_key: String,
    pub property_id: String,
    pub selection: String,
    pub contact: String,
    pub created_at: String,
}

/// An event claimed for delivery.
#[derive(Debug, Clone)]
pub struct OutboxEvent {
    pub id: String,
    pub api_key: String,
    pub payload: String,
    pub attempts: i64,
}

#[derive(Debug, Clone)]
pub enum Store {
    Sqlite {
        read: SqlitePool,
        writer: mpsc::Sender<WriteJob>,
    },
    Postgres(PgPool),
}

impl Store {
    /// Opens the database, creating a SQLite file if needed, and migrates it.
    ///
    /// # Errors
    /// An unreachable database or a failed migration.
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            // The writer never checkpoints: a checkpoint in the middle of a
            // commit would stall every booking queued behind it. A task
            // checkpoints from a reader connection instead, beside the writer.
            let writer_options = options.clone().pragma("wal_autocheckpoint", "0");
            let mut writer = SqliteConnection::connect_with(&writer_options).await?;
            sqlx::migrate!("migrations/sqlite").run(&mut writer).await?;
            let read = SqlitePoolOptions::new()
                .max_connections(4)
                .min_connections(1)
                .connect_with(options)
                .await?;
            let (tx, rx) = mpsc::channel(4096);
            tokio::spawn(sqlite_writer(writer, rx));
            tokio::spawn(checkpoint_wal(read.clone()));
            Ok(Self::Sqlite { read, writer: tx })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
            Ok(Self::Postgres(pool))
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
        match self {
            Self::Sqlite { read, .. } => {
                sqlx::query("SELECT 1").execute(read).await?;
            }
            Self::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    /// The catalogue's version, to tell whether a cached copy is current.
    ///
    /// # Errors
    /// A database error.
    pub async fn catalogue_version(&self) -> Result<Option<i64>> {
        let q = "SELECT version FROM catalogue WHERE id = 1";
        Ok(match self {
            Self::Sqlite { read, .. } => sqlx::query_scalar(q).fetch_optional(read).await?,
            Self::Postgres(pool) => sqlx::query_scalar(q).fetch_optional(pool).await?,
        })
    }

    /// # Errors
    /// A database error or a stored document that no longer parses.
    pub async fn catalogue(&self) -> Result<Option<(i64, Catalogue)>> {
        let q = "SELECT version, document FROM catalogue WHERE id = 1";
        let row: Option<(i64, String)> = match self {
            Self::Sqlite { read, .. } => sqlx::query_as(q).fetch_optional(read).await?,
            Self::Postgres(pool) => sqlx::query_as(q).fetch_optional(pool).await?,
        };
        row.map(|(v, doc)| Ok((v, serde_json::from_str(&doc)?)))
            .transpose()
    }

    /// Replaces the catalogue and resets the stock to the catalogue's.
    ///
    /// # Errors
    /// A database error.
    pub async fn replace_catalogue(&self, catalogue: &Catalogue) -> Result<()> {
        match self {
            Self::Sqlite { read, .. } => {
                let mut conn = read.acquire().await?;
                sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
                match replace_catalogue_statements!(&mut *conn, catalogue) {
                    Ok(()) => {
                        sqlx::query("COMMIT").execute(&mut *conn).await?;
                    }
                    Err(e) => {
                        sqlx::query("ROLLBACK").execute(&mut *conn).await?;
                        return Err(e);
                    }
                }
            }
            Self::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // One importer at a time; the table lock orders them.
                sqlx::query("LOCK TABLE catalogue IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                replace_catalogue_statements!(&mut *tx, catalogue)?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// Free units per `(price id, mode)` at a property.
    ///
    /// # Errors
    /// A database error.
    pub async fn stock(&self, property_id: &str) -> Result<Vec<(String, String, i64)>> {
        let q = "SELECT price_id, mode, available FROM stock WHERE property_id = $1";
        Ok(match self {
            Self::Sqlite { read, .. } => {
                sqlx::query_as(q).bind(property_id).fetch_all(read).await?
            }
            Self::Postgres(pool) => sqlx::query_as(q).bind(property_id).fetch_all(pool).await?,
        })
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
        let row: Option<(String, i64, String)> = match self {
            Self::Sqlite { read, .. } => {
                sqlx::query_as(q)
                    .bind(api_key)
                    .bind(key)
                    .fetch_optional(read)
                    .await?
            }
            Self::Postgres(pool) => {
                sqlx::query_as(q)
                    .bind(api_key)
                    .bind(key)
                    .fetch_optional(pool)
                    .await?
            }
        };
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
            Self::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // The key first: of two requests with one key, the second
                // waits here for the first's commit, then takes nothing.
                if claim_key!(&mut *tx, &booking) == 0 {
                    tx.rollback().await?;
                    return Ok(BookOutcome::KeyTaken);
                }
                if take_unit!(&mut *tx, &booking) == 0 {
                    tx.rollback().await?;
                    return Ok(BookOutcome::SoldOut);
                }
                book_inserts!(&mut *tx, &booking);
                tx.commit().await?;
                Ok(BookOutcome::Booked)
            }
        }
    }

    /// # Errors
    /// A database error.
    pub async fn booking(&self, id: &str) -> Result<Option<BookingRow>> {
        let q =
            "SELECT id, transact_id, api_key, property_id, created_at, selection, tenant, quote, \
                 attribution FROM bookings WHERE id = $1";
        let row = match self {
            Self::Sqlite { read, .. } => sqlx::query(q).bind(id).fetch_optional(read).await?,
            Self::Postgres(pool) => {
                return Ok(sqlx::query(q)
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
                    .map(|r| booking_row(&r)))
            }
        };
        Ok(row.map(|r| booking_row(&r)))
    }

    /// # Errors
    /// A database error.
    pub async fn add_waiting(&self, entry: NewWaiting) -> Result<()> {
        match self {
            Self::Sqlite { .. } => self.write(|reply| Write::Waiting(entry, reply)).await,
            Self::Postgres(pool) => {
                sqlx::query(sql::INSERT_WAITING)
                    .bind(entry.id)
                    .bind(entry.api_key)
                    .bind(entry.property_id)
                    .bind(entry.selection)
                    .bind(entry.contact)
                    .bind(entry.created_at)
                    .execute(pool)
                    .await?;
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
            Self::Postgres(pool) => {
                let rows = sqlx::query(
                    "UPDATE outbox SET next_attempt_at = $1 + $2 WHERE id IN ( \
                       SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 \
                       ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) \
                     RETURNING id, api_key, payload, attempts",
                )
                .bind(now_ms)
                .bind(lease_ms)
                .bind(limit)
                .fetch_all(pool)
                .await?;
                Ok(rows.iter().map(event_row).collect())
            }
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

/// Copies the WAL back into the database file now and then, without
/// blocking the writer (`PASSIVE`), so that the WAL stays small.
async fn checkpoint_wal(pool: SqlitePool) {
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    loop {
        tick.tick().await;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}

fn booking_row<R: Row>(r: &R) -> BookingRow
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'a> sqlx::Decode<'a, R::Database>,
{
    let get = |c: &str| r.try_get::<String, _>(c).unwrap_or_default();
    BookingRow {
        attribution: r.try_get::<Option<String>, _>("attribution").ok().flatten(),
        id: get("id"),
        transact_id: get("transact_id"),
        api_key: get("api_key"),
        property_id: get("property_id"),
        created_at: get("created_at"),
        selection: get("selection"),
        tenant: get("tenant"),
        quote: get("quote"),
    }
}

fn event_row<R: Row>(r: &R) -> OutboxEvent
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    i64: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    OutboxEvent {
        id: r.try_get("id").unwrap_or_default(),
        api_key: r.try_get("api_key").unwrap_or_default(),
        payload: r.try_get("payload").unwrap_or_default(),
        attempts: r.try_get("attempts").unwrap_or_default(),
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
            mode: "RENT",
            status: "CONFIRMED",
            created_at: "2024-02-04T00:00:00Z".into(),
            due_at_move_in: "1.00".into(),
            selection: "{}".into(),
            tenant: "{}".into(),
            quote: "{}".into(),
            attribution: None,
            idempotency_key: key.into(),
            fingerprint: "f".into(),
            response: "{}".into(),
            created_at_unix: 0,
            event: None,
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
            .find(|(p, m, _)| p == price && m == "RENT")
            .map(|r| r.2);
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
