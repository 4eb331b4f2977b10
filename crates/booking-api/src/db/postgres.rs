//! PostgreSQL, for several stateless instances: each write is its own
//! transaction, ordered by row locks.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::statements::sql;
use super::{BookOutcome, DbError, NewBooking, OutboxEvent, Result};
use crate::catalogue::Catalogue;

pub(super) async fn connect(url: &str) -> Result<PgPool> {
    let options = PgConnectOptions::from_str(url)?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    sqlx::migrate!("migrations/postgres").run(&pool).await?;
    Ok(pool)
}

pub(super) async fn replace_catalogue(pool: &PgPool, catalogue: &Catalogue) -> Result<()> {
    let mut tx = pool.begin().await?;
    // One importer at a time; the table lock orders them.
    sqlx::query("LOCK TABLE catalogue IN EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    replace_catalogue_statements!(&mut *tx, catalogue)?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn book(pool: &PgPool, booking: &NewBooking) -> Result<BookOutcome> {
    let mut tx = pool.begin().await?;
    // The key first: of two requests with one key, the second
    // waits here for the first's commit, then takes nothing.
    if claim_key!(&mut *tx, booking) == 0 {
        tx.rollback().await?;
        return Ok(BookOutcome::KeyTaken);
    }
    if take_unit!(&mut *tx, booking) == 0 {
        tx.rollback().await?;
        return Ok(BookOutcome::SoldOut);
    }
    book_inserts!(&mut *tx, booking);
    tx.commit().await?;
    Ok(BookOutcome::Booked)
}

/// SQLite's statement plus `FOR UPDATE SKIP LOCKED`, so that instances
/// claim different events.
pub(super) async fn claim_events(
    pool: &PgPool,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<OutboxEvent>> {
    Ok(sqlx::query_as(concat!(
        "UPDATE outbox SET next_attempt_at = $1 + $2 WHERE id IN ( \
           SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 \
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) \
         RETURNING ",
        super::rows::event_columns!()
    ))
    .bind(now_ms)
    .bind(lease_ms)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}
