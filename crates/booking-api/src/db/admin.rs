//! The operator's reads and writes: bookings and the waiting list by page,
//! cancellations, payments, secret keys.
//!
//! The same SQL runs on both backends (sqlx binds `$n` on SQLite too).
//! Writes that must be atomic run in their own transaction on a pooled
//! connection: `BEGIN IMMEDIATE` on SQLite (the file's write lock, taken
//! up front, so the writer task and this wait for each other instead of
//! failing), a row lock (`FOR UPDATE`) on PostgreSQL. They stay out of the
//! SQLite writer's batches: they are rare, and a refused payment must roll
//! back alone.

use sqlx::Row;

use super::statements::sql;
use super::{DbError, NewEvent, NewMail, Result, Store};
use crate::service::admin::{BookingFilter, BookingState, PaymentMethod};

/// A stored secret key, without the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretKeyRow {
    pub id: String,
    /// Hex SHA-256 of the key.
    pub hash: String,
    pub label: Option<String>,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A booking as the operator sees it; the JSON columns are parsed by the
/// service.
#[derive(Debug, Clone)]
pub struct AdminBookingRow {
    pub id: String,
    pub transact_id: String,
    pub api_key: String,
    pub property_id: String,
    pub price_id: String,
    pub mode: String,
    pub status: BookingState,
    pub created_at: String,
    pub due_at_move_in: String,
    pub selection: String,
    pub tenant: String,
    pub quote: String,
    pub attribution: Option<String>,
    pub cancelled_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: String,
    pub booking_id: String,
    pub amount: String,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    /// The secret key that recorded it.
    pub key_id: String,
    pub created_at: String,
}

#[derive(Debug, Clone)]
pub struct WaitingRow {
    pub id: String,
    pub property_id: String,
    pub selection: String,
    pub contact: String,
    pub created_at: String,
}

/// One page: `LIMIT` and `OFFSET`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub limit: i64,
    pub offset: i64,
}

/// A cancellation and every outbox row it writes with it.
#[derive(Debug, Clone)]
pub struct CancelBooking {
    pub id: String,
    pub api_key: String,
    pub cancelled_at: String,
    pub now_unix: i64,
    /// Written only if this call is the one that cancels: the
    /// `booking.cancelled` webhook event, and whatever else must leave
    /// exactly once with the cancellation (the tenant's e-mail).
    pub events: Vec<NewEvent>,
    /// The tenant's cancellation mail, written with it.
    pub mails: Vec<NewMail>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    /// This call cancelled it: unit freed, events written.
    Cancelled,
    /// It was cancelled before; nothing was written.
    AlreadyCancelled,
    Missing,
}

#[derive(Debug, Clone)]
pub struct NewPayment {
    pub id: String,
    pub booking_id: String,
    pub amount: String,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    pub key_id: String,
    pub created_at: String,
}

/// What a payment is checked against, read under the booking's lock.
#[derive(Debug, Clone)]
pub struct PaymentFacts {
    pub status: BookingState,
    pub due_at_move_in: String,
    /// The amounts already paid.
    pub paid: Vec<String>,
}

const BOOKING_COLUMNS: &str = "id, transact_id, api_key, property_id, price_id, mode, status, \
    created_at, due_at_move_in, selection, tenant, quote, attribution, cancelled_at";

const PAYMENT_COLUMNS: &str = "id, booking_id, amount, method, reference, key_id, created_at";

/// Runs `$body` with `$pool` bound to the backend's pool and `$Db` to its
/// sqlx database type: one text, compiled for each backend.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            Store::Sqlite { read: $pool, .. } => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` (an expression of type `Result<T>`) in a transaction on
/// `$conn`, committed if it is `Ok`, rolled back otherwise; `$lock` is
/// the clause that locks a row read for update (empty on SQLite, whose
/// `BEGIN IMMEDIATE` already holds the write lock).
macro_rules! in_transaction {
    ($store:expr, |$conn:ident, $lock:ident| $body:expr) => {
        match $store {
            Store::Sqlite { read, .. } => {
                let mut guard = read.acquire().await?;
                sqlx::query("BEGIN IMMEDIATE").execute(&mut *guard).await?;
                // In a block of its own, so that a `?` in the body ends the
                // body, not the function: the ROLLBACK below must run.
                let result: Result<_> = async {
                    let $conn: &mut sqlx::SqliteConnection = &mut *guard;
                    let $lock = "";
                    let out: Result<_> = $body;
                    out
                }
                .await;
                match result {
                    Ok(value) => match sqlx::query("COMMIT").execute(&mut *guard).await {
                        Ok(_) => Ok(value),
                        Err(e) => {
                            let _ = sqlx::query("ROLLBACK").execute(&mut *guard).await;
                            Err(DbError::from(e))
                        }
                    },
                    Err(e) => {
                        let _ = sqlx::query("ROLLBACK").execute(&mut *guard).await;
                        Err(e)
                    }
                }
            }
            Store::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let result: Result<_> = async {
                    let $conn: &mut sqlx::PgConnection = &mut *tx;
                    let $lock = " FOR UPDATE";
                    let out: Result<_> = $body;
                    out
                }
                .await;
                match result {
                    Ok(value) => {
                        tx.commit().await?;
                        Ok(value)
                    }
                    // Dropping the transaction rolls it back.
                    Err(e) => Err(e),
                }
            }
        }
    };
}

type BookingTuple = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

type WaitingTuple = (String, String, String, String, String);

type PaymentTuple = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
);

fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Sql(sqlx::Error::Decode(
        format!("unknown {what} {value:?} in the database").into(),
    ))
}

fn booking_from(t: BookingTuple) -> Result<AdminBookingRow> {
    let status = BookingState::parse(&t.6).ok_or_else(|| corrupt("booking status", &t.6))?;
    Ok(AdminBookingRow {
        id: t.0,
        transact_id: t.1,
        api_key: t.2,
        property_id: t.3,
        price_id: t.4,
        mode: t.5,
        status,
        created_at: t.7,
        due_at_move_in: t.8,
        selection: t.9,
        tenant: t.10,
        quote: t.11,
        attribution: t.12,
        cancelled_at: t.13,
    })
}

fn payment_from(t: PaymentTuple) -> Result<PaymentRow> {
    let method = PaymentMethod::parse(&t.3).ok_or_else(|| corrupt("payment method", &t.3))?;
    Ok(PaymentRow {
        id: t.0,
        booking_id: t.1,
        amount: t.2,
        method,
        reference: t.4,
        key_id: t.5,
        created_at: t.6,
    })
}

/// The `WHERE` clause of a booking filter and its binds, in order.
fn booking_where(filter: &BookingFilter) -> (String, Vec<String>) {
    let mut conditions = Vec::new();
    let mut binds = Vec::new();
    let mut condition = |sql: &str, value: String| {
        binds.push(value);
        conditions.push(sql.replace('?', &format!("${}", binds.len())));
    };
    if let Some(status) = filter.status {
        condition("status = ?", status.as_str().to_owned());
    }
    if let Some(property) = &filter.property_id {
        condition("property_id = ?", property.clone());
    }
    // ISO dates compare as text.
    if let Some(from) = filter.from {
        condition("move_in_date >= ?", from.format("%Y-%m-%d").to_string());
    }
    if let Some(to) = filter.to {
        condition("move_in_date <= ?", to.format("%Y-%m-%d").to_string());
    }
    let clause = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    (clause, binds)
}

impl Store {
    /// A page of bookings, newest first, and how many match in all.
    ///
    /// # Errors
    /// A database error, or a row whose status is unknown.
    pub async fn admin_bookings(
        &self,
        filter: &BookingFilter,
        window: Window,
    ) -> Result<(Vec<AdminBookingRow>, i64)> {
        let (clause, binds) = booking_where(filter);
        let select = format!(
            "SELECT {BOOKING_COLUMNS} FROM bookings{clause} \
             ORDER BY created_at DESC, id DESC LIMIT {} OFFSET {}",
            window.limit.max(0),
            window.offset.max(0)
        );
        let count = format!("SELECT COUNT(*) FROM bookings{clause}");
        let (rows, total): (Vec<BookingTuple>, i64) = on_pool!(self, pool => {
            let mut q = sqlx::query_as::<_, BookingTuple>(&select);
            let mut c = sqlx::query_scalar::<_, i64>(&count);
            for bind in &binds {
                q = q.bind(bind);
                c = c.bind(bind);
            }
            (q.fetch_all(pool).await?, c.fetch_one(pool).await?)
        });
        let rows = rows.into_iter().map(booking_from).collect::<Result<_>>()?;
        Ok((rows, total))
    }

    /// # Errors
    /// A database error, or a row whose status is unknown.
    pub async fn admin_booking(&self, id: &str) -> Result<Option<AdminBookingRow>> {
        let q = format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE id = $1");
        let row: Option<BookingTuple> = on_pool!(self, pool => {
            sqlx::query_as(&q).bind(id).fetch_optional(pool).await?
        });
        row.map(booking_from).transpose()
    }

    /// The payments of these bookings, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn payments_of(&self, booking_ids: &[String]) -> Result<Vec<PaymentRow>> {
        if booking_ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=booking_ids.len()).map(|n| format!("${n}")).collect();
        let q = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments WHERE booking_id IN ({}) ORDER BY created_at, id",
            placeholders.join(", ")
        );
        let rows: Vec<PaymentTuple> = on_pool!(self, pool => {
            let mut query = sqlx::query_as::<_, PaymentTuple>(&q);
            for id in booking_ids {
                query = query.bind(id);
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter().map(payment_from).collect()
    }

    /// Cancels a booking unless it is already: status, the unit back in
    /// stock and the events, all in one transaction, so that a second
    /// cancellation (however concurrent) frees nothing and sends nothing.
    ///
    /// # Errors
    /// A database error: nothing was written.
    pub async fn cancel_booking(&self, cancel: &CancelBooking) -> Result<CancelOutcome> {
        let (store, cancel) = (self.clone(), cancel.clone());
        run_to_end(async move { store.cancel_now(&cancel).await }).await
    }

    async fn cancel_now(&self, cancel: &CancelBooking) -> Result<CancelOutcome> {
        in_transaction!(self, |conn, _lock| {
            let freed: Option<(String, String)> = sqlx::query_as(
                "UPDATE bookings SET status = $2, cancelled_at = $3 \
                 WHERE id = $1 AND status <> $2 RETURNING price_id, mode",
            )
            .bind(&cancel.id)
            .bind(BookingState::Cancelled.as_str())
            .bind(&cancel.cancelled_at)
            .fetch_optional(&mut *conn)
            .await?;
            match freed {
                Some((price_id, mode)) => {
                    // A price the catalogue no longer has updates nothing:
                    // there is no unit to give back.
                    sqlx::query(
                        "UPDATE stock SET available = available + 1 WHERE price_id = $1 AND mode = $2",
                    )
                    .bind(&price_id)
                    .bind(&mode)
                    .execute(&mut *conn)
                    .await?;
                    for event in &cancel.events {
                        insert_event!(conn, event, &cancel.api_key, cancel.now_unix);
                    }
                    for mail in &cancel.mails {
                        sqlx::query(sql::INSERT_MAIL)
                            .bind(&mail.id)
                            .bind(mail.kind)
                            .bind(&mail.recipient)
                            .bind(&mail.message)
                            .bind(cancel.now_unix)
                            .bind(cancel.now_unix.saturating_mul(1000))
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(CancelOutcome::Cancelled)
                }
                None => {
                    // COUNT: a BIGINT on PostgreSQL too (a bare 1 is an INT4).
                    let exists: i64 =
                        sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE id = $1")
                            .bind(&cancel.id)
                            .fetch_one(&mut *conn)
                            .await?;
                    Ok(if exists > 0 {
                        CancelOutcome::AlreadyCancelled
                    } else {
                        CancelOutcome::Missing
                    })
                }
            }
        })
    }

    /// Records a payment if `check`, shown the booking as it stands under
    /// its lock (`None`: no such booking), accepts it; two payments of one
    /// booking are checked one after the other, never against the same total.
    ///
    /// # Errors
    /// A database error: nothing was written.
    pub async fn record_payment<E: Send + 'static>(
        &self,
        payment: &NewPayment,
        check: impl FnOnce(Option<&PaymentFacts>) -> std::result::Result<(), E> + Send + 'static,
    ) -> Result<std::result::Result<(), E>> {
        let (store, payment) = (self.clone(), payment.clone());
        run_to_end(async move { store.record_payment_now(&payment, check).await }).await
    }

    async fn record_payment_now<E>(
        &self,
        payment: &NewPayment,
        check: impl FnOnce(Option<&PaymentFacts>) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        in_transaction!(self, |conn, lock| {
            let booking: Option<(String, String)> = sqlx::query_as(&format!(
                "SELECT status, due_at_move_in FROM bookings WHERE id = $1{lock}"
            ))
            .bind(&payment.booking_id)
            .fetch_optional(&mut *conn)
            .await?;
            let facts = match booking {
                Some((status, due_at_move_in)) => {
                    let paid: Vec<String> =
                        sqlx::query_scalar("SELECT amount FROM payments WHERE booking_id = $1")
                            .bind(&payment.booking_id)
                            .fetch_all(&mut *conn)
                            .await?;
                    Some(PaymentFacts {
                        status: BookingState::parse(&status)
                            .ok_or_else(|| corrupt("booking status", &status))?,
                        due_at_move_in,
                        paid,
                    })
                }
                None => None,
            };
            match check(facts.as_ref()) {
                Ok(()) => {
                    sqlx::query(&format!(
                        "INSERT INTO payments ({PAYMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                    ))
                    .bind(&payment.id)
                    .bind(&payment.booking_id)
                    .bind(&payment.amount)
                    .bind(payment.method.as_str())
                    .bind(&payment.reference)
                    .bind(&payment.key_id)
                    .bind(&payment.created_at)
                    .execute(&mut *conn)
                    .await?;
                    Ok(Ok(()))
                }
                // Refused: nothing written, the transaction only read.
                Err(refusal) => Ok(Err(refusal)),
            }
        })
    }

    /// A page of the waiting list, newest first, and its total.
    ///
    /// # Errors
    /// A database error.
    pub async fn admin_waiting_list(
        &self,
        property_id: Option<&str>,
        window: Window,
    ) -> Result<(Vec<WaitingRow>, i64)> {
        let clause = if property_id.is_some() {
            " WHERE property_id = $1"
        } else {
            ""
        };
        let select = format!(
            "SELECT id, property_id, selection, contact, created_at FROM waiting_list{clause} \
             ORDER BY created_at DESC, id DESC LIMIT {} OFFSET {}",
            window.limit.max(0),
            window.offset.max(0)
        );
        let count = format!("SELECT COUNT(*) FROM waiting_list{clause}");
        let (rows, total): (Vec<WaitingTuple>, i64) = on_pool!(self, pool => {
            let mut q = sqlx::query_as(&select);
            let mut c = sqlx::query_scalar::<_, i64>(&count);
            if let Some(property) = property_id {
                q = q.bind(property);
                c = c.bind(property);
            }
            (q.fetch_all(pool).await?, c.fetch_one(pool).await?)
        });
        let rows = rows
            .into_iter()
            .map(
                |(id, property_id, selection, contact, created_at)| WaitingRow {
                    id,
                    property_id,
                    selection,
                    contact,
                    created_at,
                },
            )
            .collect();
        Ok((rows, total))
    }

    /// # Errors
    /// A database error (a duplicate hash cannot happen for random keys).
    pub async fn create_secret_key(
        &self,
        id: &str,
        hash: &str,
        label: Option<&str>,
        created_at: &str,
    ) -> Result<()> {
        let q = "INSERT INTO secret_keys (id, hash, label, created_at) VALUES ($1, $2, $3, $4)";
        on_pool!(self, pool => {
            sqlx::query(q)
                .bind(id)
                .bind(hash)
                .bind(label)
                .bind(created_at)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Every key, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub async fn secret_keys(&self) -> Result<Vec<SecretKeyRow>> {
        let q = "SELECT id, hash, label, created_at, revoked_at FROM secret_keys \
                 ORDER BY created_at, id";
        let rows = on_pool!(self, pool => {
            sqlx::query(q)
                .fetch_all(pool)
                .await?
                .iter()
                .map(key_row)
                .collect::<std::result::Result<Vec<_>, sqlx::Error>>()?
        });
        Ok(rows)
    }

    /// The key stored under `hash`, revoked or not.
    ///
    /// # Errors
    /// A database error.
    pub async fn secret_key_by_hash(&self, hash: &str) -> Result<Option<SecretKeyRow>> {
        let q = "SELECT id, hash, label, created_at, revoked_at FROM secret_keys WHERE hash = $1";
        let row = on_pool!(self, pool => {
            sqlx::query(q)
                .bind(hash)
                .fetch_optional(pool)
                .await?
                .map(|r| key_row(&r))
                .transpose()?
        });
        Ok(row)
    }

    /// Revokes a key; `false` if there is no such key. Revoking twice
    /// keeps the first date.
    ///
    /// # Errors
    /// A database error.
    pub async fn revoke_secret_key(&self, id: &str, now: &str) -> Result<bool> {
        let q = "UPDATE secret_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1";
        let n = on_pool!(self, pool => {
            sqlx::query(q).bind(id).bind(now).execute(pool).await?.rows_affected()
        });
        Ok(n > 0)
    }
}

/// Runs a transaction in a task of its own, to its end even if the request
/// that asked for it is dropped (client gone, timeout): a pooled SQLite
/// connection left inside `BEGIN IMMEDIATE` would hold the file's write
/// lock for as long as it idles in the pool.
async fn run_to_end<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T>> + Send + 'static,
) -> Result<T> {
    tokio::spawn(work)
        .await
        .map_err(|_| DbError::Sql(sqlx::Error::WorkerCrashed))?
}

fn key_row<R: Row>(r: &R) -> std::result::Result<SecretKeyRow, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'a> sqlx::Decode<'a, R::Database>,
{
    Ok(SecretKeyRow {
        id: r.try_get("id")?,
        hash: r.try_get("hash")?,
        label: r.try_get("label")?,
        created_at: r.try_get("created_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}
