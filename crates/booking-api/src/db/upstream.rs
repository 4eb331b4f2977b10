//! What a connector to the operator's management system keeps here: each
//! booking attempt, written before the upstream is asked (so that a lost
//! answer is looked for, not sent again), the upstream's booking once it
//! answered, and the webhook deliveries already acted on.

use booking_model::BookingStatus;

use super::statements::sql;
use super::{BookOutcome, DbError, NewBooking, Result, Store};

/// Where an attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptState {
    /// Sent (or about to be); its answer not seen.
    Sending,
    /// The upstream refused the unit: nothing was booked with it.
    Refused,
    /// The upstream booked it and our booking is recorded.
    Booked,
}

impl AttemptState {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sending => "sending",
            Self::Refused => "refused",
            Self::Booked => "booked",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Sending, Self::Refused, Self::Booked]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One idempotency key's attempt at an upstream booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamAttempt {
    pub api_key: String,
    pub idempotency_key: String,
    /// `stortech`.
    pub upstream: String,
    pub facility_id: String,
    pub customer_id: Option<String>,
    pub unit_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub move_in_date: String,
    pub state: AttemptState,
}

/// What the upstream answered for a booking it made.
#[derive(Debug, Clone)]
pub struct UpstreamBooked {
    /// `None` when the booking was found among the customer's rentals
    /// after its answer was lost: rentals carry no booking id.
    pub upstream_booking_id: Option<String>,
    pub unit_id: String,
    pub unit_number: String,
    /// The upstream's figure, exact decimal text.
    pub total_due_today: Option<String>,
    /// Ours, kept beside it when the two differ.
    pub our_due_at_move_in: String,
    pub price_mismatch: bool,
    /// `booking.price_mismatch` for the key's webhook, written with the booking.
    pub mismatch_event: Option<super::NewEvent>,
}

/// A recorded upstream booking, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamRecord {
    pub booking_id: Option<String>,
    pub upstream_booking_id: Option<String>,
    pub unit_id: Option<String>,
    pub unit_number: Option<String>,
    pub total_due_today: Option<String>,
    pub price_mismatch: bool,
    pub state: AttemptState,
}

/// A write of this module, for the SQLite writer or a PostgreSQL
/// transaction; each answers a row count.
#[derive(Debug)]
pub(super) enum UpstreamOp {
    SaveAttempt(UpstreamAttempt),
    /// 1: recorded; 0: the key already holds a booking.
    Record(Box<NewBooking>, String, UpstreamBooked),
    SetStatus {
        upstream_booking_id: String,
        status: BookingStatus,
    },
    /// 1: this request holds the key's lease; 0: another does (or the
    /// key is booked).
    Claim {
        attempt: UpstreamAttempt,
        now_ms: i64,
        until_ms: i64,
    },
    Release {
        api_key: String,
        idempotency_key: String,
    },
    /// 1: first delivery; 0: seen before.
    Seen(String),
}

const SAVE_ATTEMPT: &str = "INSERT INTO upstream_attempts \
    (api_key, idempotency_key, upstream, facility_id, customer_id, unit_id, move_in_date, state, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
    ON CONFLICT (api_key, idempotency_key) DO UPDATE SET customer_id = $5, unit_id = $6, state = $8, updated_at = $9 \
    WHERE upstream_attempts.state <> 'booked'";
const RECORD_ATTEMPT: &str = "INSERT INTO upstream_attempts \
    (api_key, idempotency_key, upstream, facility_id, customer_id, unit_id, move_in_date, state, booking_id, \
     upstream_booking_id, unit_number, total_due_today, our_due_at_move_in, price_mismatch, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, NULL, $5, $6, 'booked', $7, $8, $9, $10, $11, $12, $13, $13) \
    ON CONFLICT (api_key, idempotency_key) DO UPDATE SET unit_id = $5, state = 'booked', booking_id = $7, \
    upstream_booking_id = $8, unit_number = $9, total_due_today = $10, our_due_at_move_in = $11, \
    price_mismatch = $12, updated_at = $13";
const SET_STATUS: &str = "UPDATE bookings SET status = $1, \
    cancelled_at = CASE WHEN $1 = 'CANCELLED' THEN COALESCE(cancelled_at, $3) ELSE cancelled_at END \
    WHERE id = (SELECT booking_id FROM upstream_attempts WHERE upstream_booking_id = $2) AND status <> $1 \
    AND status <> 'CANCELLED'";
const CLAIM: &str = "INSERT INTO upstream_attempts \
    (api_key, idempotency_key, upstream, facility_id, move_in_date, state, lease_until, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, $5, 'sending', $7, $8, $8) \
    ON CONFLICT (api_key, idempotency_key) DO UPDATE SET lease_until = $7 \
    WHERE upstream_attempts.state <> 'booked' \
    AND (upstream_attempts.lease_until IS NULL OR upstream_attempts.lease_until < $6)";
const RELEASE: &str =
    "UPDATE upstream_attempts SET lease_until = NULL WHERE api_key = $1 AND idempotency_key = $2";
const SEEN: &str =
    "INSERT INTO upstream_webhooks_seen (dedup_key, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING";

/// The op's statements on one connection, inside the caller's transaction.
macro_rules! upstream_statements {
    ($conn:expr, $op:expr) => {{
        let now = chrono::Utc::now().to_rfc3339();
        match $op {
            UpstreamOp::SaveAttempt(a) => sqlx::query(SAVE_ATTEMPT)
                .bind(&a.api_key)
                .bind(&a.idempotency_key)
                .bind(&a.upstream)
                .bind(&a.facility_id)
                .bind(&a.customer_id)
                .bind(&a.unit_id)
                .bind(&a.move_in_date)
                .bind(a.state.as_str())
                .bind(&now)
                .execute(&mut *$conn)
                .await?
                .rows_affected(),
            UpstreamOp::Record(booking, facility_id, up) => {
                let b: &NewBooking = booking;
                if claim_key!($conn, b) == 0 {
                    0
                } else {
                    book_inserts!($conn, b);
                    let move_in = serde_json::from_str::<serde_json::Value>(&b.selection)
                        .ok()
                        .and_then(|s| s.get("moveInDate")?.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    sqlx::query(RECORD_ATTEMPT)
                        .bind(&b.api_key)
                        .bind(&b.idempotency_key)
                        .bind("stortech")
                        .bind(facility_id)
                        .bind(&up.unit_id)
                        .bind(move_in)
                        .bind(&b.id)
                        .bind(&up.upstream_booking_id)
                        .bind(&up.unit_number)
                        .bind(&up.total_due_today)
                        .bind(&up.our_due_at_move_in)
                        .bind(i64::from(up.price_mismatch))
                        .bind(&now)
                        .execute(&mut *$conn)
                        .await?;
                    if let Some(event) = &up.mismatch_event {
                        insert_event!($conn, event, &b.api_key, b.created_at_unix());
                    }
                    1
                }
            }
            UpstreamOp::SetStatus {
                upstream_booking_id,
                status,
            } => sqlx::query(SET_STATUS)
                .bind(status.as_str())
                .bind(upstream_booking_id)
                .bind(&now)
                .execute(&mut *$conn)
                .await?
                .rows_affected(),
            UpstreamOp::Claim {
                attempt: a,
                now_ms,
                until_ms,
            } => sqlx::query(CLAIM)
                .bind(&a.api_key)
                .bind(&a.idempotency_key)
                .bind(&a.upstream)
                .bind(&a.facility_id)
                .bind(&a.move_in_date)
                .bind(*now_ms)
                .bind(*until_ms)
                .bind(&now)
                .execute(&mut *$conn)
                .await?
                .rows_affected(),
            UpstreamOp::Release {
                api_key,
                idempotency_key,
            } => sqlx::query(RELEASE)
                .bind(api_key)
                .bind(idempotency_key)
                .execute(&mut *$conn)
                .await?
                .rows_affected(),
            UpstreamOp::Seen(key) => sqlx::query(SEEN)
                .bind(key)
                .bind(&now)
                .execute(&mut *$conn)
                .await?
                .rows_affected(),
        }
    }};
}

/// SQLite: inside the writer's batch transaction.
pub(super) fn run_sqlite<'c>(
    conn: &'c mut sqlx::SqliteConnection,
    op: &'c UpstreamOp,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<u64>> + Send + 'c>> {
    Box::pin(async move { Ok::<u64, DbError>(upstream_statements!(conn, op)) })
}

async fn run_postgres(pool: &sqlx::PgPool, op: &UpstreamOp) -> Result<u64> {
    let mut tx = pool.begin().await?;
    let n: u64 = upstream_statements!(&mut *tx, op);
    tx.commit().await?;
    Ok(n)
}

impl Store {
    async fn upstream_op(&self, op: UpstreamOp) -> Result<u64> {
        match self {
            Self::Sqlite { .. } => {
                self.write(|reply| super::sqlite_writer::Write::Upstream(Box::new(op), reply))
                    .await
            }
            Self::Postgres(pool) => run_postgres(pool, &op).await,
        }
    }

    /// Writes (or moves on) the key's attempt before the upstream is
    /// asked; an attempt already booked is left as it is.
    ///
    /// # Errors
    /// A database error: then the upstream must not be asked.
    pub async fn save_upstream_attempt(&self, attempt: UpstreamAttempt) -> Result<()> {
        self.upstream_op(UpstreamOp::SaveAttempt(attempt)).await?;
        Ok(())
    }

    /// Our booking, its key and the upstream's answer, in one transaction.
    ///
    /// # Errors
    /// A database error.
    pub async fn record_upstream_booking(
        &self,
        booking: NewBooking,
        facility_id: &str,
        booked: UpstreamBooked,
    ) -> Result<BookOutcome> {
        let n = self
            .upstream_op(UpstreamOp::Record(
                Box::new(booking),
                facility_id.to_owned(),
                booked,
            ))
            .await?;
        Ok(if n > 0 {
            BookOutcome::Booked
        } else {
            BookOutcome::KeyTaken
        })
    }

    /// Our booking follows the upstream's status; false when no booking
    /// of ours has that upstream id, or it already had that status, or it
    /// is cancelled (final: a confirmation delivered late changes nothing).
    ///
    /// # Errors
    /// A database error.
    pub async fn follow_upstream_status(
        &self,
        upstream_booking_id: &str,
        status: BookingStatus,
    ) -> Result<bool> {
        Ok(self
            .upstream_op(UpstreamOp::SetStatus {
                upstream_booking_id: upstream_booking_id.to_owned(),
                status,
            })
            .await?
            > 0)
    }

    /// Takes the key's lease until `until_ms` (written before anything
    /// else): false while another request, here or on another instance,
    /// holds it, or when the key is already booked.
    ///
    /// # Errors
    /// A database error.
    pub async fn claim_upstream_attempt(
        &self,
        attempt: UpstreamAttempt,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool> {
        Ok(self
            .upstream_op(UpstreamOp::Claim {
                attempt,
                now_ms,
                until_ms,
            })
            .await?
            > 0)
    }

    /// Gives the key's lease back.
    ///
    /// # Errors
    /// A database error.
    pub async fn release_upstream_attempt(
        &self,
        api_key: &str,
        idempotency_key: &str,
    ) -> Result<()> {
        self.upstream_op(UpstreamOp::Release {
            api_key: api_key.to_owned(),
            idempotency_key: idempotency_key.to_owned(),
        })
        .await?;
        Ok(())
    }

    /// True the first time a delivery is seen.
    ///
    /// # Errors
    /// A database error.
    pub async fn first_delivery(&self, dedup_key: &str) -> Result<bool> {
        Ok(self
            .upstream_op(UpstreamOp::Seen(dedup_key.to_owned()))
            .await?
            > 0)
    }

    /// The attempt of a key.
    ///
    /// # Errors
    /// A database error or a state the schema does not allow.
    pub async fn upstream_attempt(
        &self,
        api_key: &str,
        idempotency_key: &str,
    ) -> Result<Option<(UpstreamAttempt, UpstreamRecord)>> {
        type Raw = (
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
        );
        let q =
            "SELECT upstream, facility_id, customer_id, unit_id, move_in_date, state, booking_id, \
                 upstream_booking_id, unit_number, total_due_today, price_mismatch \
                 FROM upstream_attempts WHERE api_key = $1 AND idempotency_key = $2";
        let row: Option<Raw> = on_pool!(self, pool => {
            sqlx::query_as(q).bind(api_key).bind(idempotency_key).fetch_optional(pool).await?
        });
        row.map(|r| {
            let state = AttemptState::parse(&r.5)
                .ok_or_else(|| DbError::Corrupt(format!("upstream attempt state {}", r.5)))?;
            Ok((
                UpstreamAttempt {
                    api_key: api_key.to_owned(),
                    idempotency_key: idempotency_key.to_owned(),
                    upstream: r.0,
                    facility_id: r.1,
                    customer_id: r.2,
                    unit_id: r.3.clone(),
                    move_in_date: r.4,
                    state,
                },
                UpstreamRecord {
                    booking_id: r.6,
                    upstream_booking_id: r.7,
                    unit_id: r.3,
                    unit_number: r.8,
                    total_due_today: r.9,
                    price_mismatch: r.10 != 0,
                    state,
                },
            ))
        })
        .transpose()
    }
}
