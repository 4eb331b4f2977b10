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
//!   commit), each booking in its own savepoint: one fsync for many bookings.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Row, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

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

/// A write for the SQLite writer task.
enum Write {
    Book(Box<NewBooking>, oneshot::Sender<Result<BookOutcome>>),
    Waiting(NewWaiting, oneshot::Sender<Result<()>>),
    Claim {
        now_ms: i64,
        lease_ms: i64,
        limit: i64,
        reply: oneshot::Sender<Result<Vec<OutboxEvent>>>,
    },
    Delivered {
        id: String,
        now_ms: i64,
        reply: oneshot::Sender<Result<()>>,
    },
    Failed {
        id: String,
        next_ms: i64,
        error: String,
        reply: oneshot::Sender<Result<()>>,
    },
    Purge {
        before_unix: i64,
        reply: oneshot::Sender<Result<u64>>,
    },
}

#[derive(Debug, Clone)]
pub enum Store {
    Sqlite {
        read: SqlitePool,
        writer: mpsc::Sender<WriteJob>,
    },
    Postgres(PgPool),
}

/// Opaque so that `Store` can be `Debug` and `Clone`.
pub struct WriteJob(Write);

impl std::fmt::Debug for WriteJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteJob")
    }
}

/// SQL shared by both backends (sqlx binds `$n` on SQLite too).
mod sql {
    pub const CLAIM_KEY: &str = "INSERT INTO idempotency_keys \
        (api_key, idempotency_key, fingerprint, status_code, response, booking_id, created_at) \
        VALUES ($1, $2, $3, 201, $4, $5, $6) ON CONFLICT DO NOTHING";
    pub const TAKE_UNIT: &str =
        "UPDATE stock SET available = available - 1 WHERE price_id = $1 AND mode = $2 AND available > 0";
    pub const INSERT_BOOKING: &str = "INSERT INTO bookings \
        (id, transact_id, api_key, property_id, price_id, mode, status, created_at, due_at_move_in, selection, tenant, quote) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    pub const INSERT_EVENT: &str = "INSERT INTO outbox \
        (id, api_key, event_type, payload, created_at, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, 0, $6)";
    pub const INSERT_WAITING: &str = "INSERT INTO waiting_list \
        (id, api_key, property_id, selection, contact, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    pub const DELIVERED: &str =
        "UPDATE outbox SET delivered_at = $2, last_error = NULL WHERE id = $1";
    pub const FAILED: &str =
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1 AND delivered_at IS NULL";
    pub const PURGE: &str = "DELETE FROM idempotency_keys WHERE created_at < $1";
}

/// The booking's statements, the same on both backends, run inside a
/// transaction (SQLite: a savepoint of the group commit). The order matters:
/// the key first, so that of two requests with one key only one ever takes
/// a unit.
macro_rules! book_statements {
    ($conn:expr, $b:expr) => {{
        let b: &NewBooking = $b;
        let claimed = sqlx::query(sql::CLAIM_KEY)
            .bind(&b.api_key)
            .bind(&b.idempotency_key)
            .bind(&b.fingerprint)
            .bind(&b.response)
            .bind(&b.id)
            .bind(b.created_at_unix)
            .execute(&mut *$conn)
            .await?
            .rows_affected();
        if claimed == 0 {
            Ok::<_, DbError>(BookOutcome::KeyTaken)
        } else {
            let taken = sqlx::query(sql::TAKE_UNIT)
                .bind(&b.price_id)
                .bind(b.mode)
                .execute(&mut *$conn)
                .await?
                .rows_affected();
            if taken == 0 {
                Ok(BookOutcome::SoldOut)
            } else {
                sqlx::query(sql::INSERT_BOOKING)
                    .bind(&b.id)
                    .bind(&b.transact_id)
                    .bind(&b.api_key)
                    .bind(&b.property_id)
                    .bind(&b.price_id)
                    .bind(b.mode)
                    .bind(b.status)
                    .bind(&b.created_at)
                    .bind(&b.due_at_move_in)
                    .bind(&b.selection)
                    .bind(&b.tenant)
                    .bind(&b.quote)
                    .execute(&mut *$conn)
                    .await?;
                if let Some(event) = &b.event {
                    sqlx::query(sql::INSERT_EVENT)
                        .bind(&event.id)
                        .bind(&b.api_key)
                        .bind(&event.event_type)
                        .bind(&event.payload)
                        .bind(b.created_at_unix)
                        .bind(b.created_at_unix * 1000)
                        .execute(&mut *$conn)
                        .await?;
                }
                Ok(BookOutcome::Booked)
            }
        }
    }};
}

/// Replaces the catalogue document and the stock, bumping the version.
macro_rules! replace_catalogue_statements {
    ($conn:expr, $catalogue:expr) => {{
        let catalogue: &Catalogue = $catalogue;
        let document = serde_json::to_string(catalogue)?;
        let now = chrono::Utc::now().to_rfc3339();
        sqlx::query(
            "INSERT INTO catalogue (id, version, document, updated_at) VALUES (1, 1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET version = catalogue.version + 1, document = $1, updated_at = $2",
        )
        .bind(&document)
        .bind(&now)
        .execute(&mut *$conn)
        .await?;
        sqlx::query("DELETE FROM stock").execute(&mut *$conn).await?;
        for row in catalogue.stock() {
            sqlx::query("INSERT INTO stock (price_id, mode, property_id, available) VALUES ($1, $2, $3, $4)")
                .bind(&row.price_id)
                .bind(row.mode)
                .bind(&row.property_id)
                .bind(row.available)
                .execute(&mut *$conn)
                .await?;
        }
        Ok::<(), DbError>(())
    }};
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
            let mut writer = SqliteConnection::connect_with(&options).await?;
            sqlx::migrate!("migrations/sqlite").run(&mut writer).await?;
            let read = SqlitePoolOptions::new()
                .max_connections(4)
                .min_connections(1)
                .connect_with(options)
                .await?;
            let (tx, rx) = mpsc::channel(4096);
            tokio::spawn(sqlite_writer(writer, rx));
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
                let outcome = book_statements!(&mut *tx, &booking)?;
                if outcome == BookOutcome::Booked {
                    tx.commit().await?;
                } else {
                    tx.rollback().await?;
                }
                Ok(outcome)
            }
        }
    }

    /// # Errors
    /// A database error.
    pub async fn booking(&self, id: &str) -> Result<Option<BookingRow>> {
        let q =
            "SELECT id, transact_id, api_key, property_id, created_at, selection, tenant, quote \
                 FROM bookings WHERE id = $1";
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

fn booking_row<R: Row>(r: &R) -> BookingRow
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let get = |c: &str| r.try_get::<String, _>(c).unwrap_or_default();
    BookingRow {
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

/// Answers a writer job's caller once the batch's commit is known.
type Answer = Box<dyn FnOnce(Option<&DbError>) + Send>;

/// Most writes one transaction holds: bounds a batch's latency.
const MAX_BATCH: usize = 256;

/// The one SQLite writer: takes what is queued, runs each write in a
/// savepoint of one transaction, commits once, then answers every caller.
async fn sqlite_writer(mut conn: SqliteConnection, mut jobs: mpsc::Receiver<WriteJob>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut done: Vec<Answer> = Vec::with_capacity(batch.len());
        let began = exec(&mut conn, "BEGIN IMMEDIATE").await;
        if let Err(e) = began {
            tracing::error!(error = %e, "cannot begin a write transaction");
            let e = std::sync::Arc::new(e);
            for WriteJob(job) in batch.drain(..) {
                fail(job, &e);
            }
            continue;
        }
        for WriteJob(job) in batch.drain(..) {
            let finish = run_in_savepoint(&mut conn, job).await;
            done.push(finish);
        }
        let committed = exec(&mut conn, "COMMIT").await;
        let error = match committed {
            Ok(_) => None,
            Err(e) => {
                tracing::error!(error = %e, "commit failed; the batch is lost");
                let _ = exec(&mut conn, "ROLLBACK").await;
                Some(DbError::Sql(e))
            }
        };
        for finish in done {
            finish(error.as_ref());
        }
    }
}

fn fail(job: Write, e: &std::sync::Arc<sqlx::Error>) {
    let err = || DbError::Sql(sqlx::Error::Protocol(e.to_string()));
    match job {
        Write::Book(_, r) => drop(r.send(Err(err()))),
        Write::Waiting(_, r) => drop(r.send(Err(err()))),
        Write::Claim { reply, .. } => drop(reply.send(Err(err()))),
        Write::Delivered { reply, .. } | Write::Failed { reply, .. } => {
            drop(reply.send(Err(err())))
        }
        Write::Purge { reply, .. } => drop(reply.send(Err(err()))),
    }
}

/// Runs one write in a savepoint, rolled back if it did not apply, and
/// returns how to answer its caller once the commit is known.
fn run_in_savepoint(conn: &mut SqliteConnection, job: Write) -> BoxFuture<'_, Answer> {
    Box::pin(run_in_savepoint_inner(conn, job))
}

async fn run_in_savepoint_inner(conn: &mut SqliteConnection, job: Write) -> Answer {
    if let Err(e) = exec(conn, "SAVEPOINT job").await {
        let e = std::sync::Arc::new(e);
        fail(job, &e);
        return Box::new(|_| ());
    }
    macro_rules! finish {
        ($result:expr, $keep:expr, $reply:expr) => {{
            let result = $result;
            let keep = match &result {
                Ok(value) => $keep(value),
                Err(_) => false,
            };
            let ended = if keep {
                exec(conn, "RELEASE job").await
            } else {
                match exec(conn, "ROLLBACK TO job").await {
                    Ok(()) => exec(conn, "RELEASE job").await,
                    Err(e) => Err(e),
                }
            };
            let reply = $reply;
            Box::new(move |commit_error: Option<&DbError>| {
                let result = match (ended, commit_error) {
                    (Err(e), _) => Err(DbError::Sql(e)),
                    (Ok(_), Some(e)) if keep => {
                        Err(DbError::Sql(sqlx::Error::Protocol(e.to_string())))
                    }
                    (Ok(_), _) => result,
                };
                let _ = reply.send(result);
            }) as Answer
        }};
    }
    match job {
        Write::Book(booking, reply) => {
            let result = sqlite_book(conn, booking).await;
            finish!(result, |o: &BookOutcome| *o == BookOutcome::Booked, reply)
        }
        Write::Waiting(entry, reply) => {
            let result = sqlite_waiting(conn, entry).await;
            finish!(result, |_: &()| true, reply)
        }
        Write::Claim {
            now_ms,
            lease_ms,
            limit,
            reply,
        } => {
            let result = sqlite_claim(conn, now_ms, lease_ms, limit).await;
            finish!(result, |_: &Vec<OutboxEvent>| true, reply)
        }
        Write::Delivered { id, now_ms, reply } => {
            let result = sqlite_exec(conn, sql::DELIVERED, id, now_ms, None)
                .await
                .map(|_| ());
            finish!(result, |_: &()| true, reply)
        }
        Write::Failed {
            id,
            next_ms,
            error,
            reply,
        } => {
            let result = sqlite_exec(conn, sql::FAILED, id, next_ms, Some(error))
                .await
                .map(|_| ());
            finish!(result, |_: &()| true, reply)
        }
        Write::Purge { before_unix, reply } => {
            let result = sqlite_purge(conn, before_unix).await;
            finish!(result, |_: &u64| true, reply)
        }
    }
}

type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Boxed so that the writer task's future is `Send` for every lifetime
/// (sqlx's executor bounds otherwise defeat the compiler's proof).
fn exec<'c>(
    conn: &'c mut SqliteConnection,
    q: &'static str,
) -> BoxFuture<'c, Result<(), sqlx::Error>> {
    Box::pin(async move { sqlx::query(q).execute(conn).await.map(|_| ()) })
}

async fn sqlite_book(conn: &mut SqliteConnection, booking: Box<NewBooking>) -> Result<BookOutcome> {
    book_statements!(conn, &*booking)
}

async fn sqlite_waiting(conn: &mut SqliteConnection, entry: NewWaiting) -> Result<()> {
    sqlx::query(sql::INSERT_WAITING)
        .bind(entry.id)
        .bind(entry.api_key)
        .bind(entry.property_id)
        .bind(entry.selection)
        .bind(entry.contact)
        .bind(entry.created_at)
        .execute(conn)
        .await?;
    Ok(())
}

async fn sqlite_claim(
    conn: &mut SqliteConnection,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<OutboxEvent>> {
    let rows = sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1 + $2 WHERE id IN ( \
           SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 \
           ORDER BY next_attempt_at LIMIT $3) \
         RETURNING id, api_key, payload, attempts",
    )
    .bind(now_ms)
    .bind(lease_ms)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(event_row).collect())
}

async fn sqlite_exec(
    conn: &mut SqliteConnection,
    q: &str,
    id: String,
    at: i64,
    error: Option<String>,
) -> Result<u64> {
    let mut query = sqlx::query(q).bind(id).bind(at);
    if let Some(error) = error {
        query = query.bind(error);
    }
    Ok(query.execute(conn).await?.rows_affected())
}

async fn sqlite_purge(conn: &mut SqliteConnection, before_unix: i64) -> Result<u64> {
    Ok(sqlx::query(sql::PURGE)
        .bind(before_unix)
        .execute(conn)
        .await?
        .rows_affected())
}
