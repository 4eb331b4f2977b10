//! Booking: the one place a unit is taken, exactly once per idempotency
//! key.

use booking_model::{
    validate_attribution, validate_tenant, BookingRequest, BookingResponse, BookingStatus,
    Envelope, ErrorCode, FieldError, Mode, QuoteResponse,
};

use super::pricing::price_collecting;
use super::{Missing, Result, ServiceError, Services};
use crate::backend::Snapshot;
use crate::catalogue::PublishableKey;
use crate::db::{BookOutcome, BookingRow, NewBooking, NewEvent, NewMail};
use crate::mail::compose::BookingFacts;
use crate::mail::texts::Lang;

/// A booking request as the HTTP layer hands it over.
#[derive(Debug)]
pub struct BookCommand {
    pub key: PublishableKey,
    /// The client's `Idempotency-Key`, already checked for form.
    pub idempotency_key: String,
    /// A hash of the body's canonical JSON: the same request re-sent,
    /// however re-serialized, is the same request.
    pub fingerprint: String,
    pub request: BookingRequest,
}

/// The booking's 201 body, exactly as first answered: a retry with the
/// same key gets these bytes again.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub status_code: u16,
    pub body: String,
}

/// Removes the in-flight mark however the booking ends.
struct InFlight<'a> {
    services: &'a Services,
    entry: (String, String),
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut set) = self.services.in_flight.lock() {
            set.remove(&self.entry);
        }
    }
}

impl Services {
    /// Books a selection for a tenant, or answers the booking this key
    /// already made.
    ///
    /// # Errors
    /// Invalid fields, a price that is not the one shown, sold out, a key
    /// reused with another body or still in flight, an unavailable backend.
    pub async fn book(&self, command: BookCommand) -> Result<Receipt> {
        let entry = (command.key.key.clone(), command.idempotency_key.clone());
        let fresh = self
            .in_flight
            .lock()
            .map(|mut set| set.insert(entry.clone()))
            .unwrap_or(true);
        if !fresh {
            return Err(ServiceError::InProgress);
        }
        let _in_flight = InFlight {
            services: self,
            entry,
        };
        match self.book_once(&command).await {
            Ok(receipt) => Ok(receipt),
            // This request booked nothing. If its key already holds a
            // booking (an earlier try, or a concurrent one on another
            // instance), that booking is the answer, whatever this try
            // would have said: the price or the move-in window may have
            // moved since.
            Err(error) => match self
                .store
                .stored_response(&command.key.key, &command.idempotency_key)
                .await
            {
                Ok(Some(stored)) if stored.fingerprint == command.fingerprint => Ok(Receipt {
                    status_code: stored.status_code,
                    body: stored.response,
                }),
                Ok(Some(_)) => Err(ServiceError::KeyReused),
                Ok(None) | Err(_) => Err(error),
            },
        }
    }

    /// Validates, prices and stores one booking.
    async fn book_once(&self, command: &BookCommand) -> Result<Receipt> {
        let BookCommand { key, request, .. } = command;
        let snapshot = self.snapshot().await?;
        let mut errors = validate_tenant(&request.tenant);
        if let Some(attribution) = &request.attribution {
            errors.extend(validate_attribution(attribution));
        }
        let language = match request.language.as_deref() {
            None => None,
            Some(code) => {
                let lang = Lang::parse(code);
                if lang.is_none() {
                    errors.push(FieldError::new(
                        "language",
                        ErrorCode::InvalidValue,
                        "one of en, fr, de, es, nl",
                    ));
                }
                lang
            }
        };
        if !request.terms_accepted {
            errors.push(FieldError::new(
                "termsAccepted",
                ErrorCode::MustAcceptTerms,
                "the terms must be accepted",
            ));
        }
        let priced = price_collecting(&snapshot.loaded, key, &request.selection, &mut errors)?;
        let Some(priced) = priced.filter(|_| errors.is_empty()) else {
            return Err(ServiceError::Invalid(errors));
        };
        if priced.quote.due_at_move_in.value() != request.expected_due_at_move_in {
            return Err(ServiceError::PriceChanged(Box::new(QuoteResponse {
                quote: priced.quote,
                request: priced.request,
            })));
        }
        let booking = new_booking(request, priced.quote);
        let response = serde_json::to_string(&Envelope::success(&booking))
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let mails = self.mailer.booking_mails(&BookingFacts {
            id: &booking.id,
            transact_id: &booking.transact_id,
            selection: &booking.selection,
            quote: &booking.quote,
            tenant: &request.tenant,
            property: priced.property,
            language,
        });
        let record = record(
            command,
            &booking,
            &priced.property.details.property.id,
            response,
            language,
            mails,
        )?;
        match self.backend.book(record.clone()).await? {
            BookOutcome::Booked => {
                tracing::info!(
                    booking_id = %booking.id,
                    transact_id = %booking.transact_id,
                    backend = self.backend.name(),
                    "booked"
                );
                self.outbox_notify.notify_one();
                self.mail_notify.notify_one();
                self.listings.invalidate();
                Ok(Receipt {
                    status_code: 201,
                    body: record.response,
                })
            }
            BookOutcome::SoldOut => Err(ServiceError::SoldOut),
            // The caller replays the key's booking.
            BookOutcome::KeyTaken => Err(ServiceError::InProgress),
        }
    }
}

/// The booking as the tenant will see it.
fn new_booking(request: &BookingRequest, quote: pricing::Quote) -> BookingResponse {
    let id = uuid::Uuid::new_v4();
    BookingResponse {
        id: id.to_string(),
        transact_id: format!("BK{}", &id.simple().to_string()[..10].to_ascii_uppercase()),
        status: match request.selection.mode {
            Mode::Rent => BookingStatus::Confirmed,
            Mode::Book => BookingStatus::Reserved,
        },
        created_at: chrono::Utc::now(),
        selection: request.selection.clone(),
        quote,
        attribution: request.attribution.clone().filter(|a| !a.is_empty()),
    }
}

/// Everything the booking's transaction writes: the row, the key with
/// the answer to replay, the `booking.created` event for the key's
/// webhook, and the mails.
fn record(
    command: &BookCommand,
    booking: &BookingResponse,
    property_id: &str,
    response: String,
    language: Option<Lang>,
    mails: Vec<NewMail>,
) -> Result<NewBooking> {
    let event = command.key.webhook_url.as_ref().map(|_| NewEvent {
        id: format!("msg_{}", uuid::Uuid::new_v4().simple()),
        event_type: "booking.created".to_owned(),
        payload: serde_json::json!({
            "type": "booking.created",
            "timestamp": booking.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "data": { "booking": booking, "tenant": &command.request.tenant },
        })
        .to_string(),
    });
    Ok(NewBooking {
        id: booking.id.clone(),
        transact_id: booking.transact_id.clone(),
        api_key: command.key.key.clone(),
        property_id: property_id.to_owned(),
        price_id: booking.selection.price_id.clone(),
        mode: booking.selection.mode,
        status: booking.status,
        created_at: booking.created_at,
        due_at_move_in: booking.quote.due_at_move_in.to_string(),
        selection: json(&booking.selection)?,
        tenant: json(&command.request.tenant)?,
        quote: json(&booking.quote)?,
        attribution: booking.attribution.as_ref().map(json).transpose()?,
        idempotency_key: command.idempotency_key.clone(),
        fingerprint: command.fingerprint.clone(),
        response,
        event,
        language: language.map(|l| l.code().to_owned()),
        mails,
    })
}

/// Serialising our own types cannot fail in practice; if it ever did, it
/// is our fault, not the client's.
fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// A booking made under a key, with the catalogue it is read against.
#[derive(Debug)]
pub struct KeyBooking {
    pub row: BookingRow,
    pub snapshot: Snapshot,
}

impl Services {
    /// A booking this key made; another key's is not found, so that ids
    /// cannot be probed across sites.
    ///
    /// # Errors
    /// Not found, or the backend did not answer.
    pub async fn booking_for_key(&self, key: &PublishableKey, id: &str) -> Result<KeyBooking> {
        let row = self
            .backend
            .booking(id)
            .await?
            .filter(|b| b.api_key == key.key)
            .ok_or(ServiceError::NotFound(Missing::Booking))?;
        Ok(KeyBooking {
            row,
            snapshot: self.snapshot().await?,
        })
    }
}
