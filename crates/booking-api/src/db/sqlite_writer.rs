//! The one SQLite writer. SQLite serialises writers anyway, so one task
//! holds the write connection, takes whatever is queued and runs it as one
//! transaction: one commit, one fsync for the whole batch (group commit).
//! Callers are answered only once the commit returned.
//!
//! Each write leaves the database untouched unless it fully applies (a
//! booking takes its unit only if its key is unused, in one statement), so
//! writes need no savepoint; the rows of the batch's bookings are then
//! inserted together, a few statements for the whole batch. Should a
//! statement fail all the same, the batch is rolled back and each of its
//! writes runs again alone, so that the error reaches only its own caller.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use super::rows::{booking_columns, key_columns, new_event_columns, new_mail_columns};
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
    /// A connector's write (`db::upstream`).
    Upstream(
        Box<super::upstream::UpstreamOp>,
        oneshot::Sender<Result<u64>>,
    ),
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
        let batch: Vec<Write> = queued.drain(..).map(|WriteJob(w)| w).collect();
        for write in run_batch(&mut conn, batch).await {
            // Alone, a write's error is its own: it is answered, never returned.
            let _ = run_batch(&mut conn, vec![write]).await;
        }
    }
}

/// Runs writes in one transaction and answers them. When a statement
/// fails in a batch of several, nothing is answered and the writes are
/// returned, to be run one by one.
async fn run_batch(conn: &mut SqliteConnection, batch: Vec<Write>) -> Vec<Write> {
    let result = apply(conn, &batch).await;
    let done = match result {
        Ok(done) => done,
        Err(e) if batch.len() > 1 => {
            tracing::warn!(error = %e, "a write failed; its batch runs again one write at a time");
            return batch;
        }
        Err(e) => {
            tracing::error!(error = %e, "a write failed");
            for write in batch {
                write.answer(Err(protocol(&e.to_string())));
            }
            return Vec::new();
        }
    };
    for (write, d) in batch.into_iter().zip(done) {
        write.answer(Ok(d));
    }
    Vec::new()
}

/// The batch's transaction, committed only if every statement succeeded.
async fn apply(conn: &mut SqliteConnection, batch: &[Write]) -> Result<Vec<Done>> {
    exec(conn, "BEGIN IMMEDIATE").await?;
    let result = statements(conn, batch).await;
    let result = match result {
        Ok(done) => exec(conn, "COMMIT")
            .await
            .map(|()| done)
            .map_err(DbError::from),
        Err(e) => Err(e),
    };
    if result.is_err() {
        // After a failed COMMIT too: SQLite may keep the transaction open.
        let _ = exec(conn, "ROLLBACK").await;
    }
    result
}

async fn statements(conn: &mut SqliteConnection, batch: &[Write]) -> Result<Vec<Done>> {
    let mut done = Vec::with_capacity(batch.len());
    let mut booked: Vec<&NewBooking> = Vec::new();
    let mut keys = HashSet::new();
    for write in batch {
        done.push(match write {
            Write::Book(b, _) => {
                // Two requests with one key in one batch: the first decides.
                let outcome = if keys.insert((&b.api_key, &b.idempotency_key)) {
                    take_unit(conn, b).await?
                } else {
                    BookOutcome::KeyTaken
                };
                if outcome == BookOutcome::Booked {
                    booked.push(b);
                }
                Done::Book(outcome)
            }
            other => other.run(conn).await?,
        });
    }
    insert_bookings(conn, &booked).await?;
    Ok(done)
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
                // Taken by `statements`, which groups the inserts.
                Self::Book(..) => return Err(protocol("a booking runs through `statements`")),
                Self::Waiting(entry, _) => {
                    sqlx::query(sql::INSERT_WAITING)
                        .bind(&entry.id)
                        .bind(&entry.api_key)
                        .bind(&entry.property_id)
                        .bind(&entry.selection)
                        .bind(&entry.contact)
                        .bind(&entry.created_at)
                        .execute(&mut *conn)
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
                            .execute(&mut *conn)
                            .await?;
                    }
                    Done::Nothing
                }
                Self::Claim {
                    now_ms,
                    lease_ms,
                    limit,
                    ..
                } => {
                    let rows = sqlx::query_as(sql::CLAIM_EVENTS)
                        .bind(now_ms)
                        .bind(lease_ms)
                        .bind(limit)
                        .fetch_all(conn)
                        .await?;
                    Done::Events(rows)
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
                Self::Upstream(op, _) => Done::Count(super::upstream::run_sqlite(conn, op).await?),
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
            Self::Purge { reply, .. } | Self::Upstream(_, reply) => {
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

/// Takes a unit unless the key is used, in one statement; only when
/// nothing was taken does a second one say why.
fn take_unit<'c>(
    conn: &'c mut SqliteConnection,
    b: &'c NewBooking,
) -> BoxFuture<'c, Result<BookOutcome>> {
    Box::pin(async move {
        let taken = sqlx::query(sql::TAKE_UNIT_UNLESS_KEY_USED)
            .bind(&b.price_id)
            .bind(b.mode.as_str())
            .bind(&b.api_key)
            .bind(&b.idempotency_key)
            .execute(&mut *conn)
            .await?
            .rows_affected();
        if taken > 0 {
            return Ok(BookOutcome::Booked);
        }
        let used: i64 = sqlx::query_scalar(sql::KEY_USED)
            .bind(&b.api_key)
            .bind(&b.idempotency_key)
            .fetch_one(&mut *conn)
            .await?;
        Ok(if used > 0 {
            BookOutcome::KeyTaken
        } else {
            BookOutcome::SoldOut
        })
    })
}

/// Every row of the batch's bookings: keys, bookings, events, one
/// multi-row `INSERT` each (256 bookings × 12 columns stays far below
/// SQLite's limit of bound parameters).
fn insert_bookings<'c>(
    conn: &'c mut SqliteConnection,
    booked: &'c [&'c NewBooking],
) -> BoxFuture<'c, Result<()>> {
    Box::pin(async move {
        if booked.is_empty() {
            return Ok(());
        }
        let mut keys = QueryBuilder::<Sqlite>::new(concat!(
            "INSERT INTO idempotency_keys (",
            key_columns!(),
            ") "
        ));
        keys.push_values(booked, |mut row, b| {
            row.push_bind(&b.api_key)
                .push_bind(&b.idempotency_key)
                .push_bind(&b.fingerprint)
                .push_bind(201_i64)
                .push_bind(&b.response)
                .push_bind(&b.id)
                .push_bind(b.created_at_unix());
        });
        keys.build().execute(&mut *conn).await?;

        let mut bookings = QueryBuilder::<Sqlite>::new(concat!(
            "INSERT INTO bookings (",
            booking_columns!(),
            ") "
        ));
        bookings.push_values(booked, |mut row, b| {
            row.push_bind(&b.id)
                .push_bind(&b.transact_id)
                .push_bind(&b.api_key)
                .push_bind(&b.property_id)
                .push_bind(&b.price_id)
                .push_bind(b.mode.as_str())
                .push_bind(b.status.as_str())
                .push_bind(b.created_at_text())
                .push_bind(&b.due_at_move_in)
                .push_bind(&b.selection)
                .push_bind(&b.tenant)
                .push_bind(&b.quote)
                .push_bind(&b.attribution);
        });
        bookings.build().execute(&mut *conn).await?;

        let with_events: Vec<_> = booked
            .iter()
            .filter_map(|b| Some((*b, b.event.as_ref()?)))
            .collect();
        if !with_events.is_empty() {
            let mut events = QueryBuilder::<Sqlite>::new(concat!(
                "INSERT INTO outbox (",
                new_event_columns!(),
                ") "
            ));
            events.push_values(with_events, |mut row, (b, event)| {
                row.push_bind(&event.id)
                    .push_bind(&b.api_key)
                    .push_bind(&event.event_type)
                    .push_bind(&event.payload)
                    .push_bind(b.created_at_unix())
                    .push_bind(0_i64)
                    .push_bind(b.created_at_unix() * 1000);
            });
            events.build().execute(&mut *conn).await?;
        }

        let languages: Vec<_> = booked
            .iter()
            .filter_map(|b| Some((*b, b.language.as_ref()?)))
            .collect();
        if !languages.is_empty() {
            let mut rows = QueryBuilder::<Sqlite>::new(
                "INSERT INTO booking_languages (booking_id, language) ",
            );
            rows.push_values(languages, |mut row, (b, language)| {
                row.push_bind(&b.id).push_bind(language);
            });
            rows.build().execute(&mut *conn).await?;
        }

        let mails: Vec<_> = booked
            .iter()
            .flat_map(|b| b.mails.iter().map(move |mail| (*b, mail)))
            .collect();
        // 7 parameters a mail: 256 bookings × 2 mails stay below SQLite's limit.
        if !mails.is_empty() {
            let mut rows = QueryBuilder::<Sqlite>::new(concat!(
                "INSERT INTO mail_outbox (",
                new_mail_columns!(),
                ") "
            ));
            rows.push_values(mails, |mut row, (b, mail)| {
                row.push_bind(&mail.id)
                    .push_bind(mail.kind)
                    .push_bind(&mail.recipient)
                    .push_bind(&mail.message)
                    .push_bind(b.created_at_unix())
                    .push_bind(0_i64)
                    .push_bind(b.created_at_unix() * 1000);
            });
            rows.build().execute(&mut *conn).await?;
        }
        Ok(())
    })
}

fn exec<'c>(
    conn: &'c mut SqliteConnection,
    q: &'static str,
) -> BoxFuture<'c, Result<(), sqlx::Error>> {
    Box::pin(async move { sqlx::query(q).execute(conn).await.map(|_| ()) })
}
