//! What the database stores and returns, typed: modes and statuses are
//! enums here and strings only in SQL; the JSON columns come back parsed.

use booking_model::{Attribution, BookingStatus, Mode, Selection, Tenant};
use chrono::{DateTime, Utc};
use pricing::Quote;

use super::DbError;

/// The `bookings` columns, written once for every statement that names them.
macro_rules! booking_columns {
    () => {
        "id, transact_id, api_key, property_id, price_id, mode, status, created_at, \
         due_at_move_in, selection, tenant, quote, attribution"
    };
}
pub(super) use booking_columns;

/// The `idempotency_keys` columns a booking writes.
macro_rules! key_columns {
    () => {
        "api_key, idempotency_key, fingerprint, status_code, response, booking_id, created_at"
    };
}
pub(super) use key_columns;

/// The `outbox` columns a new event writes.
macro_rules! new_event_columns {
    () => {
        "id, api_key, event_type, payload, created_at, attempts, next_attempt_at"
    };
}
pub(super) use new_event_columns;

/// The `outbox` columns a worker reads.
macro_rules! event_columns {
    () => {
        "id, api_key, payload, attempts"
    };
}
pub(super) use event_columns;

/// The `mail_outbox` columns a new mail writes.
macro_rules! new_mail_columns {
    () => {
        "id, kind, recipient, message, created_at, attempts, next_attempt_at"
    };
}
pub(super) use new_mail_columns;

/// A booking to store, with everything written in its transaction.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub id: String,
    pub transact_id: String,
    pub api_key: String,
    pub property_id: String,
    pub price_id: String,
    pub mode: Mode,
    pub status: BookingStatus,
    pub created_at: DateTime<Utc>,
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
    pub event: Option<NewEvent>,
    /// The language the tenant asked for (`fr`), if any.
    pub language: Option<String>,
    /// The tenant's confirmation and the desk's notice: they leave exactly
    /// once with the booking, or not at all.
    pub mails: Vec<NewMail>,
}

impl NewBooking {
    /// Text, as the schema keeps it: RFC 3339.
    #[must_use]
    pub fn created_at_text(&self) -> String {
        self.created_at.to_rfc3339()
    }

    #[must_use]
    pub fn created_at_unix(&self) -> i64 {
        self.created_at.timestamp()
    }
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: String,
    pub event_type: String,
    pub payload: String,
}

/// A rendered mail for the mail outbox.
#[derive(Clone)]
pub struct NewMail {
    /// Also the Message-ID's left part: a duplicate is recognisable.
    pub id: String,
    /// `booking.confirmation`, `booking.notice`, …: for logs.
    pub kind: &'static str,
    pub recipient: String,
    /// The whole RFC 5322 message.
    pub message: String,
}

/// The recipient and message are the tenant's: never in a log or a panic.
impl std::fmt::Debug for NewMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewMail")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// A mail claimed for sending.
#[derive(Clone, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: String,
    pub kind: String,
    pub recipient: String,
    pub message: String,
    pub attempts: i64,
}

impl std::fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
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
    pub price_id: String,
    pub mode: Mode,
    pub status: BookingStatus,
    pub created_at: DateTime<Utc>,
    pub due_at_move_in: String,
    pub selection: Selection,
    pub tenant: Tenant,
    pub quote: Quote,
    pub attribution: Option<Attribution>,
}

/// The columns as SQL returns them, before they are given their types.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct RawBooking {
    id: String,
    transact_id: String,
    api_key: String,
    property_id: String,
    price_id: String,
    mode: String,
    status: String,
    created_at: String,
    due_at_move_in: String,
    selection: String,
    tenant: String,
    quote: String,
    attribution: Option<String>,
}

impl TryFrom<RawBooking> for BookingRow {
    type Error = DbError;

    fn try_from(raw: RawBooking) -> Result<Self, DbError> {
        let corrupt = |what: &str| DbError::Corrupt(format!("booking {}: {what}", raw.id));
        Ok(Self {
            mode: mode_from_sql(&raw.mode).ok_or_else(|| corrupt("mode"))?,
            status: status_from_sql(&raw.status).ok_or_else(|| corrupt("status"))?,
            created_at: DateTime::parse_from_rfc3339(&raw.created_at)
                .map_err(|_| corrupt("created_at"))?
                .with_timezone(&Utc),
            selection: serde_json::from_str(&raw.selection)?,
            tenant: serde_json::from_str(&raw.tenant)?,
            quote: serde_json::from_str(&raw.quote)?,
            attribution: raw
                .attribution
                .as_deref()
                .map(serde_json::from_str)
                .transpose()?,
            id: raw.id,
            transact_id: raw.transact_id,
            api_key: raw.api_key,
            property_id: raw.property_id,
            price_id: raw.price_id,
            due_at_move_in: raw.due_at_move_in,
        })
    }
}

#[must_use]
pub fn mode_from_sql(text: &str) -> Option<Mode> {
    [Mode::Rent, Mode::Book]
        .into_iter()
        .find(|m| m.as_str() == text)
}

#[must_use]
pub fn status_from_sql(text: &str) -> Option<BookingStatus> {
    BookingStatus::parse(text)
}

/// Free units of one price variant and mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockRow {
    pub price_id: String,
    pub mode: Mode,
    pub available: i64,
}

#[derive(Debug, Clone)]
pub struct NewWaiting {
    pub id: String,
    pub api_key: String,
    pub property_id: String,
    pub selection: String,
    pub contact: String,
    pub created_at: String,
    /// The tenant's acknowledgement, written with the entry.
    pub mails: Vec<NewMail>,
}

/// An event claimed for delivery.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxEvent {
    pub id: String,
    pub api_key: String,
    pub payload: String,
    pub attempts: i64,
}
