//! The domain layer: what the API does, as functions of typed inputs that
//! answer typed outcomes or a [`ServiceError`]. No HTTP here (the `http`
//! module extracts, calls and maps) and no SQL (the backend and the store
//! keep that), so the connectors and the operator's API reuse the same
//! rules as the widget's calls.

pub mod admin;
pub mod booking;
pub mod catalogue;
pub mod pricing;
pub mod tenant_account;
pub mod waiting_list;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use booking_model::{FieldError, QuoteResponse};
use tokio::sync::Notify;

use crate::backend::{Backend, BackendError, Snapshot};
use crate::db::{DbError, Store};
use crate::mail::{Mailer, DEFAULT_FROM};
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
    /// The sign-in code is not the one sent (422 `INVALID_CODE`).
    #[error("wrong sign-in code")]
    InvalidCode,
    /// No live code: none sent, past its time, used, or voided (422 `CODE_EXPIRED`).
    #[error("no live sign-in code")]
    CodeExpired,
    /// No live session for this token (401 naming `X-Token`).
    #[error("no live session")]
    NoSession,
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
    /// No booking left to show a signed-in tenant.
    Records,
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
    /// Renders and hands over mails.
    pub mailer: Arc<Mailer>,
    /// Wakes the mail worker when a write queued a mail.
    pub mail_notify: Arc<Notify>,
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
            mailer: Arc::new(Mailer {
                from: DEFAULT_FROM.parse().unwrap_or_else(|_| {
                    lettre::message::Mailbox::new(
                        None,
                        lettre::Address::new_dangerous("no-reply", "localhost"),
                    )
                }),
                transport: crate::mail::Transport::Files("mail".into()),
                code_ttl: std::time::Duration::from_secs(600),
            }),
            mail_notify: Arc::new(Notify::new()),
        }
    }

    /// The same services, mailing through `mailer`.
    #[must_use]
    pub fn with_mailer(mut self, mailer: Mailer) -> Self {
        self.mailer = Arc::new(mailer);
        self
    }

    /// The catalogue as the widget's traffic reads it.
    ///
    /// # Errors
    /// The backend did not answer.
    pub async fn snapshot(&self) -> Result<Snapshot> {
        Ok(self.backend.snapshot().await?)
    }
}
