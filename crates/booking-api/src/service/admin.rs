//! What the operator may do with bookings, payments, the waiting list and
//! the catalogue, as plain functions of typed inputs: the HTTP layer turns
//! requests into these and [`AdminError`] into answers.

use booking_model::{ErrorCode, FieldError, Selection, Tenant, WaitingListContact};
use chrono::NaiveDate;
use pricing::Quote;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::backend::{Backend, BackendError};
use crate::catalogue::{Catalogue, CatalogueError};
use crate::db::admin::{
    AdminBookingRow, CancelBooking, CancelOutcome, NewPayment, PaymentFacts, PaymentRow,
    WaitingRow, Window,
};
use crate::db::{DbError, NewEvent, Store};
use crate::mail::compose::BookingFacts;
use crate::mail::texts::Lang;
use crate::mail::Mailer;

/// A booking's state: created `CONFIRMED` (`RENT`) or `RESERVED`
/// (`BOOK`); only the operator cancels. The wire's own enum.
pub use booking_model::BookingStatus as BookingState;

/// How the tenant paid.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethod {
    Card,
    Cash,
    Transfer,
    Check,
    Other,
}

impl PaymentMethod {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Card => "CARD",
            Self::Cash => "CASH",
            Self::Transfer => "TRANSFER",
            Self::Check => "CHECK",
            Self::Other => "OTHER",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Card,
            Self::Cash,
            Self::Transfer,
            Self::Check,
            Self::Other,
        ]
        .into_iter()
        .find(|m| m.as_str() == text)
    }
}

/// Which bookings a listing shows; dates are the move-in date's, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookingFilter {
    pub status: Option<BookingState>,
    pub property_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub const MAX_PAGE_SIZE: u32 = 100;
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// A page number from 1 and a size of 1 to [`MAX_PAGE_SIZE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub page_size: u32,
}

impl PageRequest {
    fn window(self) -> Window {
        Window {
            limit: i64::from(self.page_size),
            offset: i64::from(self.page.saturating_sub(1)) * i64::from(self.page_size),
        }
    }

    fn answer<T>(self, items: Vec<T>, total_count: i64) -> Paged<T> {
        let size = i64::from(self.page_size.max(1));
        Paged {
            items,
            page: self.page,
            page_size: self.page_size,
            total_count,
            total_pages: (total_count + size - 1) / size,
        }
    }
}

/// A page of a listing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub page_size: u32,
    pub total_count: i64,
    pub total_pages: i64,
}

/// A recorded payment of a booking's move-in invoice.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: String,
    #[schema(value_type = String, example = "102.50")]
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    /// The secret key that recorded it.
    pub key_id: String,
    pub created_at: String,
}

/// A booking as the operator sees it: what the tenant booked, who they
/// are, and what has been paid of the move-in invoice.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminBooking {
    pub id: String,
    pub transact_id: String,
    pub status: BookingState,
    pub property_info_id: String,
    pub price_id: String,
    pub mode: String,
    #[schema(value_type = String, format = Date)]
    pub move_in_date: NaiveDate,
    /// The move-in invoice's amount.
    #[schema(value_type = String, example = "102.50")]
    pub due_at_move_in: Decimal,
    pub currency: String,
    /// The sum of the payments.
    #[schema(value_type = String, example = "0.00")]
    pub paid: Decimal,
    /// What is left to pay of the move-in invoice (0 once cancelled).
    #[schema(value_type = String, example = "102.50")]
    pub outstanding: Decimal,
    /// Whether the payments cover the move-in invoice.
    pub move_in_invoice_settled: bool,
    pub created_at: String,
    pub cancelled_at: Option<String>,
    pub tenant: Tenant,
    pub selection: Selection,
    #[schema(value_type = Object)]
    pub quote: Quote,
    #[schema(value_type = Option<Object>)]
    pub attribution: Option<serde_json::Value>,
    pub payments: Vec<Payment>,
}

/// A waiting-list entry.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitingEntry {
    pub id: String,
    pub property_info_id: String,
    pub created_at: String,
    pub selection: Selection,
    pub contact: WaitingListContact,
}

/// What a payment records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentInput {
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub reference: Option<String>,
}

pub const REFERENCE_MAX: usize = 100;

/// Why an operator's request was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// No booking with this id.
    #[error("no such booking")]
    NotFound,
    /// A request's fields are wrong (422).
    #[error("invalid request")]
    Invalid(Vec<FieldError>),
    /// A catalogue that `import` would refuse too (422 naming the path).
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    /// A stored row that no longer parses: a bug or a hand-edited database.
    #[error("stored data does not parse: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] DbError),
    /// The backend did not answer (an upstream's outage).
    #[error(transparent)]
    Backend(BackendError),
}

fn backend_error(err: BackendError) -> AdminError {
    match err {
        BackendError::Database(e) => AdminError::Db(e),
        other => AdminError::Backend(other),
    }
}

type Result<T, E = AdminError> = std::result::Result<T, E>;

fn corrupt(what: &str, id: &str, e: impl std::fmt::Display) -> AdminError {
    AdminError::Corrupt(format!("{what} of {id}: {e}"))
}

/// Sums amounts kept as decimal strings.
fn sum(amounts: impl IntoIterator<Item = impl AsRef<str>>) -> Result<Decimal, String> {
    amounts.into_iter().try_fold(Decimal::ZERO, |total, a| {
        let a = a.as_ref();
        a.parse::<Decimal>()
            .map(|v| total + v)
            .map_err(|e| format!("amount {a:?}: {e}"))
    })
}

fn rescaled(mut value: Decimal, dp: u32) -> Decimal {
    value.rescale(dp);
    value
}

fn booking_view(row: AdminBookingRow, payments: Vec<PaymentRow>) -> Result<AdminBooking> {
    let id = row.id.clone();
    let selection: Selection =
        serde_json::from_str(&row.selection).map_err(|e| corrupt("selection", &id, e))?;
    let tenant: Tenant =
        serde_json::from_str(&row.tenant).map_err(|e| corrupt("tenant", &id, e))?;
    let quote: Quote = serde_json::from_str(&row.quote).map_err(|e| corrupt("quote", &id, e))?;
    let attribution = row
        .attribution
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| corrupt("attribution", &id, e))?;
    let due: Decimal = row
        .due_at_move_in
        .parse()
        .map_err(|e| corrupt("dueAtMoveIn", &id, e))?;
    let payments = payments
        .into_iter()
        .map(|p| {
            Ok(Payment {
                amount: p.amount.parse().map_err(|e| corrupt("payment", &p.id, e))?,
                id: p.id,
                method: p.method,
                reference: p.reference,
                key_id: p.key_id,
                created_at: p.created_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let dp = quote.currency.minor_units();
    let paid: Decimal = payments.iter().map(|p| p.amount).sum();
    let outstanding = if row.status == BookingState::Cancelled {
        Decimal::ZERO
    } else {
        (due - paid).max(Decimal::ZERO)
    };
    Ok(AdminBooking {
        id: row.id,
        transact_id: row.transact_id,
        status: row.status,
        property_info_id: row.property_id,
        price_id: row.price_id,
        mode: row.mode,
        move_in_date: selection.move_in_date,
        due_at_move_in: due,
        currency: serde_json::to_value(quote.currency)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        paid: rescaled(paid, dp),
        outstanding: rescaled(outstanding, dp),
        move_in_invoice_settled: paid >= due,
        created_at: row.created_at,
        cancelled_at: row.cancelled_at,
        tenant,
        selection,
        quote,
        attribution,
        payments,
    })
}

/// Pairs each booking with its payments.
async fn views(store: &Store, rows: Vec<AdminBookingRow>) -> Result<Vec<AdminBooking>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut payments = store.payments_of(&ids).await?;
    rows.into_iter()
        .map(|row| {
            let (own, rest) = payments.drain(..).partition(|p| p.booking_id == row.id);
            payments = rest;
            booking_view(row, own)
        })
        .collect()
}

/// A page of bookings, newest first.
///
/// # Errors
/// A database error or a stored booking that no longer parses.
pub async fn list_bookings(
    store: &Store,
    filter: &BookingFilter,
    page: PageRequest,
) -> Result<Paged<AdminBooking>> {
    let (rows, total) = store.admin_bookings(filter, page.window()).await?;
    Ok(page.answer(views(store, rows).await?, total))
}

/// # Errors
/// [`AdminError::NotFound`], a database error, or a stored booking that no
/// longer parses.
pub async fn booking(store: &Store, id: &str) -> Result<AdminBooking> {
    let row = store.admin_booking(id).await?.ok_or(AdminError::NotFound)?;
    views(store, vec![row])
        .await?
        .pop()
        .ok_or(AdminError::NotFound)
}

/// A cancellation's result.
#[derive(Debug, Clone)]
pub struct Cancellation {
    pub booking: AdminBooking,
    /// False when it had been cancelled before (nothing was done).
    pub newly_cancelled: bool,
}

/// Cancels a booking: its unit is free again and the operator's webhook
/// hears `booking.cancelled`, both in the cancellation's transaction.
/// Cancelling a cancelled booking does nothing and answers it as it is.
/// Payments already recorded stay (refunds are the operator's business).
///
/// # Errors
/// [`AdminError::NotFound`], or a database error (nothing changed).
pub async fn cancel_booking(
    store: &Store,
    backend: &dyn Backend,
    catalogue: &Catalogue,
    mailer: &Mailer,
    id: &str,
) -> Result<Cancellation> {
    let before = booking(store, id).await?;
    if before.status == BookingState::Cancelled {
        return Ok(Cancellation {
            booking: before,
            newly_cancelled: false,
        });
    }
    let row = store.admin_booking(id).await?.ok_or(AdminError::NotFound)?;
    let now = chrono::Utc::now();
    let mut after = before;
    after.status = BookingState::Cancelled;
    after.cancelled_at = Some(now.to_rfc3339());
    after.outstanding = rescaled(Decimal::ZERO, after.quote.currency.minor_units());
    let mut events = Vec::new();
    let webhook = catalogue
        .key(&row.api_key)
        .is_some_and(|k| k.webhook_url.is_some());
    if webhook {
        events.push(NewEvent {
            id: format!("msg_{}", uuid::Uuid::new_v4().simple()),
            event_type: "booking.cancelled".to_owned(),
            payload: serde_json::json!({
                "type": "booking.cancelled",
                "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "data": { "booking": &after, "tenant": &after.tenant },
            })
            .to_string(),
        });
    }
    // The tenant's cancellation e-mail, written in the cancellation's
    // transaction: it leaves exactly once with it.
    let language = store
        .booking_language(id)
        .await?
        .as_deref()
        .and_then(Lang::parse);
    let mails = catalogue
        .property(&row.property_id)
        .and_then(|property| {
            mailer.cancellation_mail(&BookingFacts {
                id,
                transact_id: &after.transact_id,
                selection: &after.selection,
                quote: &after.quote,
                tenant: &after.tenant,
                property,
                language,
            })
        })
        .into_iter()
        .collect();
    let cancel = CancelBooking {
        id: id.to_owned(),
        api_key: row.api_key,
        cancelled_at: now.to_rfc3339(),
        now_unix: now.timestamp(),
        events,
        mails,
    };
    match backend.cancel(cancel).await.map_err(backend_error)? {
        CancelOutcome::Cancelled => Ok(Cancellation {
            booking: booking(store, id).await?,
            newly_cancelled: true,
        }),
        // Another call won the race: its cancellation is the answer.
        CancelOutcome::AlreadyCancelled => Ok(Cancellation {
            booking: booking(store, id).await?,
            newly_cancelled: false,
        }),
        CancelOutcome::Missing => Err(AdminError::NotFound),
    }
}

/// Records a payment of the move-in invoice by the key `key_id`.
///
/// A payment must be positive, in the booking's currency's minor unit
/// (cents: 2 decimals), and at most what is still due: an overpayment is
/// refused (422 on `amount`, saying what is due) rather than kept as a
/// credit nobody asked for, and a cancelled booking owes nothing. There is
/// no idempotency key: a payment retried after a lost answer is refused
/// once the first covered the invoice, and the booking's `payments` show
/// what was recorded.
///
/// # Errors
/// [`AdminError::NotFound`], [`AdminError::Invalid`] naming the field, or a
/// database error (nothing recorded).
pub async fn record_payment(
    store: &Store,
    booking_id: &str,
    key_id: &str,
    input: PaymentInput,
) -> Result<(Payment, AdminBooking)> {
    let current = booking(store, booking_id).await?;
    let dp = current.quote.currency.minor_units();
    let mut errors = Vec::new();
    if input.amount <= Decimal::ZERO {
        errors.push(FieldError::new(
            "amount",
            ErrorCode::OutOfRange,
            "must be more than 0",
        ));
    } else if input.amount.normalize().scale() > dp {
        errors.push(FieldError::new(
            "amount",
            ErrorCode::InvalidValue,
            format!("at most {dp} decimals in {}", current.currency),
        ));
    }
    if let Some(reference) = &input.reference {
        if reference.chars().count() > REFERENCE_MAX {
            errors.push(FieldError::new(
                "reference",
                ErrorCode::TooLong,
                format!("at most {REFERENCE_MAX} characters"),
            ));
        } else if reference.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "reference",
                ErrorCode::InvalidCharacters,
                "no control characters",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AdminError::Invalid(errors));
    }
    let amount = rescaled(input.amount, dp);
    let payment = NewPayment {
        id: format!("pay_{}", uuid::Uuid::new_v4().simple()),
        booking_id: booking_id.to_owned(),
        amount: amount.to_string(),
        method: input.method,
        reference: input.reference.filter(|r| !r.trim().is_empty()),
        key_id: key_id.to_owned(),
        created_at: chrono::Utc::now().to_rfc3339(),
    };
    let accepted = store
        .record_payment(&payment, move |facts| admit_payment(facts, amount, dp))
        .await?;
    accepted?;
    let after = booking(store, booking_id).await?;
    let recorded = after
        .payments
        .iter()
        .find(|p| p.id == payment.id)
        .cloned()
        .ok_or(AdminError::NotFound)?;
    Ok((recorded, after))
}

/// The payment rule, applied under the booking's lock.
fn admit_payment(facts: Option<&PaymentFacts>, amount: Decimal, dp: u32) -> Result<()> {
    let facts = facts.ok_or(AdminError::NotFound)?;
    if facts.status == BookingState::Cancelled {
        return Err(AdminError::Invalid(vec![FieldError::new(
            "amount",
            ErrorCode::OutOfRange,
            "the booking is cancelled: nothing is due",
        )]));
    }
    let due: Decimal = facts
        .due_at_move_in
        .parse()
        .map_err(|e| AdminError::Corrupt(format!("dueAtMoveIn: {e}")))?;
    let paid = sum(&facts.paid).map_err(AdminError::Corrupt)?;
    let outstanding = (due - paid).max(Decimal::ZERO);
    if amount > outstanding {
        return Err(AdminError::Invalid(vec![FieldError::new(
            "amount",
            ErrorCode::OutOfRange,
            format!(
                "at most {} is due on the move-in invoice",
                rescaled(outstanding, dp)
            ),
        )]));
    }
    Ok(())
}

fn waiting_view(row: WaitingRow) -> Result<WaitingEntry> {
    Ok(WaitingEntry {
        selection: serde_json::from_str(&row.selection)
            .map_err(|e| corrupt("selection", &row.id, e))?,
        contact: serde_json::from_str(&row.contact).map_err(|e| corrupt("contact", &row.id, e))?,
        id: row.id,
        property_info_id: row.property_id,
        created_at: row.created_at,
    })
}

/// A page of the waiting list, newest first.
///
/// # Errors
/// A database error or a stored entry that no longer parses.
pub async fn waiting_list(
    store: &Store,
    property_id: Option<&str>,
    page: PageRequest,
) -> Result<Paged<WaitingEntry>> {
    let (rows, total) = store.admin_waiting_list(property_id, page.window()).await?;
    let items = rows
        .into_iter()
        .map(waiting_view)
        .collect::<Result<Vec<_>>>()?;
    Ok(page.answer(items, total))
}

/// Replaces the catalogue with a document, as `booking-api import` does
/// (`crate::import`): our format or a StoRegister listing; a document
/// without keys keeps the current ones for the properties it has; the
/// stock is reset to the document's. A refused document changes nothing.
///
/// # Errors
/// [`AdminError::Catalogue`] naming the path at fault, or a database error.
pub async fn replace_catalogue(store: &Store, document: &str) -> Result<Catalogue> {
    let mut catalogue = Catalogue::from_json(document)?;
    if catalogue.publishable_keys.is_empty() {
        catalogue.keep_keys_of(crate::current_catalogue(store).await?);
    }
    catalogue.validate()?;
    // In a task of its own, to its end even if the request is dropped: on
    // SQLite the replacement holds `BEGIN IMMEDIATE` on a pooled connection.
    let (store, document) = (store.clone(), catalogue.clone());
    tokio::spawn(async move { store.replace_catalogue(&document).await })
        .await
        .map_err(|_| DbError::Sql(sqlx::Error::WorkerCrashed))??;
    Ok(catalogue)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: BookingState, due: &str, paid: &[&str]) -> PaymentFacts {
        PaymentFacts {
            status,
            due_at_move_in: due.into(),
            paid: paid.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    fn dec(text: &str) -> Decimal {
        text.parse().expect("decimal")
    }

    #[test]
    fn a_payment_may_cover_what_is_due_and_no_more() {
        let open = facts(BookingState::Confirmed, "102.50", &["50.00"]);
        assert!(admit_payment(Some(&open), dec("52.50"), 2).is_ok());
        assert!(admit_payment(Some(&open), dec("0.01"), 2).is_ok());
        let Err(AdminError::Invalid(errors)) = admit_payment(Some(&open), dec("52.51"), 2) else {
            panic!("an overpayment was admitted");
        };
        assert_eq!(errors[0].field.as_deref(), Some("amount"));
        assert!(errors[0].message.contains("52.50"), "{}", errors[0].message);
        let settled = facts(BookingState::Reserved, "10.00", &["4.00", "6.00"]);
        assert!(admit_payment(Some(&settled), dec("0.01"), 2).is_err());
        let cancelled = facts(BookingState::Cancelled, "10.00", &[]);
        assert!(admit_payment(Some(&cancelled), dec("1.00"), 2).is_err());
        assert!(matches!(
            admit_payment(None, dec("1.00"), 2),
            Err(AdminError::NotFound)
        ));
    }

    #[test]
    fn states_and_methods_round_trip() {
        for s in [
            BookingState::Confirmed,
            BookingState::Reserved,
            BookingState::Cancelled,
        ] {
            assert_eq!(BookingState::parse(s.as_str()), Some(s));
        }
        assert_eq!(BookingState::parse("confirmed"), None);
        assert_eq!(PaymentMethod::parse("CHECK"), Some(PaymentMethod::Check));
        assert_eq!(PaymentMethod::parse("BITCOIN"), None);
    }

    #[test]
    fn pages_count_up() {
        let page = PageRequest {
            page: 3,
            page_size: 20,
        };
        assert_eq!(page.window().offset, 40);
        assert_eq!(page.answer(Vec::<()>::new(), 41).total_pages, 3);
        assert_eq!(page.answer(Vec::<()>::new(), 40).total_pages, 2);
        assert_eq!(page.answer(Vec::<()>::new(), 0).total_pages, 0);
    }
}
