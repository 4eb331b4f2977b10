//! The domain layer: what the API does, as functions of typed inputs that
//! answer typed outcomes or a [`ServiceError`]. No HTTP here (the `http`
//! module extracts, calls and maps) and no SQL (the backend and the store
//! keep that), so the connectors and the operator's API reuse the same
//! rules as the widget's calls.

pub mod admin;
pub mod booking;
pub mod catalogue;
pub mod pricing;
pub mod waiting_list;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use booking_model::{FieldError, QuoteResponse};
use tokio::sync::Notify;

use crate::backend::{Backend, BackendError, Snapshot};
use crate::db::{DbError, Store};
use crate::state::ListingCache;

/// Why a request was not carried out. Each variant is one answer the
/// client can act on; nothing was stored in any of them.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Fields at fault, every one of them.
    #[error("{} invalid field(s)", .0.len())]
    Invalid(Vec<FieldError>),
    /// An id of the request's path names nothing this key may see.
    #[error("no such {0:?}")]
    NotFound(Missing),
    /// No unit of the chosen variant and mode is free.
    #[error("sold out")]
    SoldOut,
    /// The price is not the one the tenant was shown: the current quote.
    #[error("the price changed")]
    PriceChanged(Box<QuoteResponse>),
    /// The idempotency key holds a booking made from another body.
    #[error("the idempotency key was used with another body")]
    KeyReused,
    /// The first request with this idempotency key is still running.
    #[error("a request with this idempotency key is running")]
    InProgress,
    /// The database or the upstream did not answer; retry.
    #[error(transparent)]
    Unavailable(BackendError),
    /// A fault of ours (a catalogue the pricing rules refuse, a stored
    /// row that no longer parses): logged, never shown.
    #[error("{0}")]
    Internal(String),
}

impl From<BackendError> for ServiceError {
    fn from(err: BackendError) -> Self {
        match err {
            BackendError::Refused(fields) => Self::Invalid(fields),
            other => Self::Unavailable(other),
        }
    }
}

impl From<DbError> for ServiceError {
    fn from(err: DbError) -> Self {
        Self::Unavailable(BackendError::Database(err))
    }
}

/// What a path id failed to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Property,
    TenantType,
    Storage,
    StorageGroup,
    PaymentPeriod,
    Booking,
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// What the domain functions share: the backend, this server's own
/// records, and the per-instance state of requests in flight.
#[derive(Debug, Clone)]
pub struct Services {
    pub backend: Arc<dyn Backend>,
    /// Idempotency keys, the waiting list and the outbox live here
    /// whatever the backend.
    pub store: Store,
    /// `(api key, Idempotency-Key)` pairs being processed by this instance:
    /// a second request answers 409 at once instead of queueing behind the
    /// first. Across instances the database's key row decides.
    in_flight: Arc<Mutex<HashSet<(String, String)>>>,
    /// Wakes the webhook worker when a write queued an event.
    pub outbox_notify: Arc<Notify>,
    /// Serialized listings, dropped when this instance takes a unit.
    pub listings: Arc<ListingCache>,
}

impl Services {
    #[must_use]
    pub fn new(backend: Arc<dyn Backend>, store: Store) -> Self {
        Self {
            backend,
            store,
            in_flight: Arc::default(),
            outbox_notify: Arc::new(Notify::new()),
            listings: Arc::default(),
        }
    }

    /// The catalogue as the widget's traffic reads it.
    ///
    /// # Errors
    /// The backend did not answer.
    pub async fn snapshot(&self) -> Result<Snapshot> {
        Ok(self.backend.snapshot().await?)
    }
}
