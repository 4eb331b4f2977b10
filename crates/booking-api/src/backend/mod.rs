//! The seam between the booking rules and where inventory and bookings
//! live: this server's own database (`local`) or, with the connectors, the
//! operator's management system. The rules (validation, pricing,
//! idempotency, the quote the tenant was shown) are the service layer's and
//! the same for every backend; a backend answers only what it alone knows:
//! what is for sale, what is free, and whether a unit could be taken.

pub mod local;
pub mod storegister;
pub mod stortech;

use std::collections::HashMap;
use std::sync::Arc;

use booking_model::Mode;
use chrono::{DateTime, Utc};

use crate::db::admin::{CancelBooking, CancelOutcome};
use crate::db::{BookOutcome, BookingRow, DbError, NewBooking};
use crate::state::Loaded;

pub use local::Local;

/// Why a backend could not answer. Either way the request changed
/// nothing, and the client may retry.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// This server's database did not answer.
    #[error("database: {0}")]
    Database(#[from] DbError),
    /// The operator's management system did not answer (down, timed out,
    /// rate limited): bookings wait, the listing is served as of its
    /// snapshot.
    #[error("upstream: {0}")]
    Upstream(String),
    /// The operator's management system refused the request's data (its
    /// validation, stricter than ours in places): the fields, named as
    /// ours. Nothing was booked.
    #[error("upstream refused {} field(s)", .0.len())]
    Refused(Vec<booking_model::FieldError>),
}

/// The catalogue as the widget's traffic reads it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub loaded: Arc<Loaded>,
    /// When an upstream was last read; `None` when the backend is the
    /// source itself and so always current (`local`).
    pub as_of: Option<DateTime<Utc>>,
}

/// Free units per price variant and mode at one property.
#[derive(Debug, Clone, Default)]
pub struct Availability(HashMap<(String, Mode), i64>);

impl Availability {
    #[must_use]
    pub fn new(free: impl IntoIterator<Item = ((String, Mode), i64)>) -> Self {
        Self(free.into_iter().collect())
    }

    /// Free units of a variant; an unknown variant has none.
    #[must_use]
    pub fn free(&self, price_id: &str, mode: Mode) -> i64 {
        self.0
            .get(&(price_id.to_owned(), mode))
            .copied()
            .unwrap_or(0)
    }
}

/// Where inventory and bookings live.
///
/// Every implementation keeps two promises the service layer builds on:
/// a booking takes a unit **exactly once per idempotency key**, however
/// often it is asked, and never takes a unit that is not free; and an
/// error means nothing was taken.
#[async_trait::async_trait]
pub trait Backend: Send + Sync + std::fmt::Debug {
    /// For logs and `/healthz`: `local`, `stortech`, …
    fn name(&self) -> &'static str;

    /// What is for sale: properties, sizes, prices, and the keys that may
    /// show them.
    async fn snapshot(&self) -> Result<Snapshot, BackendError>;

    /// A number that changes whenever what is free may have changed by
    /// other means than a booking of this instance (an upstream's snapshot
    /// or webhook): cached listings keyed by it are never served stale.
    fn availability_generation(&self) -> u64 {
        0
    }

    /// What is free at a property now.
    async fn availability(&self, property_id: &str) -> Result<Availability, BackendError>;

    /// Takes a unit for the booking and records it with its idempotency
    /// key, or says why not (sold out, key already used).
    async fn book(&self, booking: NewBooking) -> Result<BookOutcome, BackendError>;

    /// Cancels a booking and gives its unit back, with the events written
    /// in the same step; a second cancellation changes nothing.
    async fn cancel(&self, cancel: CancelBooking) -> Result<CancelOutcome, BackendError>;

    /// A recorded booking.
    async fn booking(&self, id: &str) -> Result<Option<BookingRow>, BackendError>;

    /// Answers when the backend does.
    async fn ping(&self) -> Result<(), BackendError>;
}
