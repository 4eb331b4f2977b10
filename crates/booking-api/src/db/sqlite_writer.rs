//! The one SQLite writer. SQLite serialises writers anyway, so one task
//! holds the write connection, takes whatever is queued and runs it as one
//! transaction: one commit, one fsync for the whole batch (group commit).
//! Callers are answered only once the commit returned.
//!
//! Each write leaves the database untouched unless it fully applies (a
//! booking checks its key and its stock before it writes anything), so
//! writes need no savepoint. Should one fail with an error all the same,
//! the batch is rolled back, that write answered with its error, and the
//! others run again in a new transaction.

use std::future::Future;
use std::pin::Pin;

use sqlx::SqliteConnection;
use tokio::sync::{mpsc, oneshot};

use super::statements::sql;
use super::{BookOutcome, DbError, NewBooking, NewWaiting, OutboxEvent, Result};

/// A write for the SQLite writer task.
pub(super) enum Write {
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

/// Opaque so that `Store` can be `Debug` and `Clone`.
pub struct WriteJob(pub(super) Write);

impl std::fmt::Debug for WriteJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteJob")
    }
}

/// What a write did, before its caller is told.
enum Done {
    Book(BookOutcome),
    Nothing,
    Events(Vec<OutboxEvent>),
    Count(u64),
}

/// Most writes one transaction holds: bounds a batch's latency.
const MAX_BATCH: usize = 256;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs for the life of the store.
pub(super) async fn sqlite_writer(mut conn: SqliteConnection, mut jobs: mpsc::Receiver<WriteJob>) {
    let mut queued = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut queued, MAX_BATCH).await > 0 {
        let mut batch: Vec<Write> = queued.drain(..).map(|WriteJob(w)| w).collect();
        while !batch.is_empty() {
            batch = run_batch(&mut conn, batch).await;
        }
    }
}

/// Runs a batch in one transaction and answers it; returns the writes to
/// run again when one of them failed.
async fn run_batch(conn: &mut SqliteConnection, mut batch: Vec<Write>) -> Vec<Write> {
    if let Err(e) = exec(conn, "BEGIN IMMEDIATE").await {
        tracing::error!(error = %e, "cannot begin a write transaction");
        let message = e.to_string();
        for write in batch {
            write.answer(Err(protocol(&message)));
        }
        return Vec::new();
    }
    let mut done = Vec::with_capacity(batch.len());
    for (i, write) in batch.iter().enumerate() {
        match write.run(conn).await {
            Ok(d) => done.push(d),
            Err(e) => {
                tracing::error!(error = %e, "a write failed; its batch runs again without it");
                if let Err(e) = exec(conn, "ROLLBACK").await {
                    tracing::error!(error = %e, "rollback failed");
                }
                batch.remove(i).answer(Err(e));
                return batch;
            }
        }
    }
    match exec(conn, "COMMIT").await {
        Ok(()) => {
            for (write, d) in batch.into_iter().zip(done) {
                write.answer(Ok(d));
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "commit failed; nothing of the batch was stored");
            let _ = exec(conn, "ROLLBACK").await;
            let message = e.to_string();
            for write in batch {
                write.answer(Err(protocol(&message)));
            }
        }
    }
    Vec::new()
}

fn protocol(message: &str) -> DbError {
    DbError::Sql(sqlx::Error::Protocol(message.to_owned()))
}

impl Write {
    /// The write's statements, inside the batch's transaction. Boxed so
    /// that the writer's future is `Send` for every lifetime (sqlx's
    /// executor bounds otherwise defeat the compiler's proof).
    fn run<'c>(&'c self, conn: &'c mut SqliteConnection) -> BoxFuture<'c, Result<Done>> {
        Box::pin(async move {
            Ok(match self {
                Self::Book(booking, _) => Done::Book(book(conn, booking).await?),
                Self::Waiting(entry, _) => {
                    sqlx::query(sql::INSERT_WAITING)
                        .bind(&entry.id)
                        .bind(&entry.api_key)
                        .bind(&entry.property_id)
                        .bind(&entry.selection)
                        .bind(&entry.contact)
                        .bind(&entry.created_at)
                        .execute(conn)
                        .await?;
                    Done::Nothing
                }
                Self::Claim {
                    now_ms,
                    lease_ms,
                    limit,
                    ..
                } => {
                    let rows = sqlx::query(sql::CLAIM_EVENTS)
                        .bind(now_ms)
                        .bind(lease_ms)
                        .bind(limit)
                        .fetch_all(conn)
                        .await?;
                    Done::Events(rows.iter().map(super::event_row).collect())
                }
                Self::Delivered { id, now_ms, .. } => {
                    sqlx::query(sql::DELIVERED)
                        .bind(id)
                        .bind(now_ms)
                        .execute(conn)
                        .await?;
                    Done::Nothing
                }
                Self::Failed {
                    id, next_ms, error, ..
                } => {
                    sqlx::query(sql::FAILED)
                        .bind(id)
                        .bind(next_ms)
                        .bind(error)
                        .execute(conn)
                        .await?;
                    Done::Nothing
                }
                Self::Purge { before_unix, .. } => Done::Count(
                    sqlx::query(sql::PURGE)
                        .bind(before_unix)
                        .execute(conn)
                        .await?
                        .rows_affected(),
                ),
            })
        })
    }

    /// Tells the caller; a caller that went away is no one's concern.
    fn answer(self, result: Result<Done>) {
        let mismatch = || {
            DbError::Sql(sqlx::Error::Protocol(
                "writer answered the wrong kind".into(),
            ))
        };
        match self {
            Self::Book(_, reply) => {
                let _ = reply.send(result.and_then(|d| match d {
                    Done::Book(outcome) => Ok(outcome),
                    _ => Err(mismatch()),
                }));
            }
            Self::Claim { reply, .. } => {
                let _ = reply.send(result.and_then(|d| match d {
                    Done::Events(events) => Ok(events),
                    _ => Err(mismatch()),
                }));
            }
            Self::Purge { reply, .. } => {
                let _ = reply.send(result.and_then(|d| match d {
                    Done::Count(n) => Ok(n),
                    _ => Err(mismatch()),
                }));
            }
            Self::Waiting(_, reply)
            | Self::Delivered { reply, .. }
            | Self::Failed { reply, .. } => {
                let _ = reply.send(result.map(|_| ()));
            }
        }
    }
}

/// A booking, writing nothing unless it is taken: the key is looked up
/// before the unit, and the unit before any insert. The single writer makes
/// the look-up and the insert one step (other processes wait on
/// `BEGIN IMMEDIATE`).
async fn book(conn: &mut SqliteConnection, b: &NewBooking) -> Result<BookOutcome> {
    let used: i64 = sqlx::query_scalar(sql::KEY_USED)
        .bind(&b.api_key)
        .bind(&b.idempotency_key)
        .fetch_one(&mut *conn)
        .await?;
    if used > 0 {
        return Ok(BookOutcome::KeyTaken);
    }
    if take_unit!(conn, b) == 0 {
        return Ok(BookOutcome::SoldOut);
    }
    claim_key!(conn, b);
    book_inserts!(conn, b);
    Ok(BookOutcome::Booked)
}

fn exec<'c>(
    conn: &'c mut SqliteConnection,
    q: &'static str,
) -> BoxFuture<'c, Result<(), sqlx::Error>> {
    Box::pin(async move { sqlx::query(q).execute(conn).await.map(|_| ()) })
}
