//! `POST /v1/bookings`: the one place a unit is taken.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use booking_model::{
    validate_tenant, BookingRequest, BookingResponse, BookingStatus, Envelope, ErrorCode,
    FieldError, Mode, QuoteResponse, Status,
};
use sha2::{Digest, Sha256};

use super::error::{ApiError, Result};
use super::extract::{ApiKey, JsonBody};
use super::quotes::price;
use crate::catalogue::PublishableKey;
use crate::db::{BookOutcome, NewBooking, NewEvent};
use crate::state::AppState;

/// Keys are opaque strings; the draft suggests UUIDs. Bounded so that a
/// key cannot be used to fill the database.
fn idempotency_key(headers: &HeaderMap) -> Result<String> {
    let Some(value) = headers.get("idempotency-key") else {
        return Err(ApiError::bad_request(
            ErrorCode::MissingIdempotencyKey,
            Some("Idempotency-Key"),
            "the Idempotency-Key header is required",
        ));
    };
    let key = value
        .to_str()
        .ok()
        .map(|k| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic()));
    key.map(str::to_owned).ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::InvalidIdempotencyKey,
            Some("Idempotency-Key"),
            "must be 1 to 255 visible ASCII characters",
        )
    })
}

/// The body's fingerprint: a hash of its canonical JSON (keys sorted,
/// whitespace dropped), so that the same request re-serialized is the same.
fn fingerprint(body: &[u8]) -> Result<String> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(ErrorCode::MalformedJson, None, e.to_string()))?;
    let canonical = serde_json::to_vec(&value).map_err(|_| ApiError::internal())?;
    Ok(base64::engine::general_purpose::STANDARD_NO_PAD.encode(Sha256::digest(&canonical)))
}

/// Removes the in-flight mark however the handler ends.
struct InFlight<'a> {
    state: &'a AppState,
    entry: (String, String),
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut set) = self.state.in_flight.lock() {
            set.remove(&self.entry);
        }
    }
}

fn replay(status_code: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status_code).unwrap_or(StatusCode::CREATED);
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    response
}

/// Books a selection for a tenant.
#[utoipa::path(
    post, path = "/v1/bookings", tag = "booking",
    request_body(content = BookingRequest, content_type = "application/json"),
    params(("Idempotency-Key" = String, Header,
        description = "The same key with the same body answers the same booking; 1 to 255 visible ASCII \
            characters (400 MISSING_IDEMPOTENCY_KEY / INVALID_IDEMPOTENCY_KEY otherwise)",
        min_length = 1, max_length = 255, pattern = r#"^[!#-~](?:[!-~]{0,253}[!#-~])?$"#)),
    responses(
        (status = 201, description = "Booked (or the same booking again for a repeated key)", body = super::openapi::BookingEnvelope),
        (status = 400, response = super::openapi::BadRequest),
        (status = 409, response = super::openapi::Conflict),
        (status = 413, response = super::openapi::PayloadTooLarge),
        (status = 415, response = super::openapi::UnsupportedMediaType),
        (status = 422, response = super::openapi::Unprocessable),
        (status = 429, response = super::openapi::RateLimited),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiKey(key): ApiKey,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    super::admit_write(&state, client.ip(), &headers)?;
    let idempotency_key = idempotency_key(&headers)?;
    let fingerprint = fingerprint(&body)?;

    let entry = (key.key.clone(), idempotency_key.clone());
    let fresh = state
        .in_flight
        .lock()
        .map(|mut set| set.insert(entry.clone()))
        .unwrap_or(true);
    if !fresh {
        return Err(ApiError::conflict(
            Status::RequestInProgress,
            "a request with this Idempotency-Key is running",
        ));
    }
    let _in_flight = InFlight {
        state: &state,
        entry,
    };

    match book(
        &state,
        &key,
        &body,
        idempotency_key.clone(),
        fingerprint.clone(),
    )
    .await
    {
        Ok(response) => Ok(response),
        // This request booked nothing. If its key already holds a booking
        // (an earlier try, or a concurrent one on another instance), that
        // booking is the answer, whatever this try would have said: the
        // price or the move-in window may have moved since.
        Err(error) => match state
            .store
            .stored_response(&key.key, &idempotency_key)
            .await
        {
            Ok(Some(stored)) if stored.fingerprint == fingerprint => {
                Ok(replay(stored.status_code, stored.response))
            }
            Ok(Some(_)) => Err(key_reused()),
            Ok(None) | Err(_) => Err(error),
        },
    }
}

/// Validates, prices and stores one booking.
async fn book(
    state: &AppState,
    key: &PublishableKey,
    body: &[u8],
    idempotency_key: String,
    fingerprint: String,
) -> Result<Response> {
    let request = BookingRequest::from_json(body)?;
    let loaded = state.catalogue.get(&state.store).await?;
    let mut errors = validate_tenant(&request.tenant);
    if let Some(attribution) = &request.attribution {
        errors.extend(booking_model::validate_attribution(attribution));
    }
    if !request.terms_accepted {
        errors.push(FieldError::new(
            "termsAccepted",
            ErrorCode::MustAcceptTerms,
            "the terms must be accepted",
        ));
    }
    let priced = price(&loaded, key, &request.selection);
    let (property, pricing_request, quote) = match priced {
        Ok(priced) => priced,
        Err(mut e) if e.status == Status::ValidationFailed => {
            errors.append(&mut e.errors);
            return Err(ApiError::validation(errors));
        }
        Err(e) => return Err(e),
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if quote.due_at_move_in.value() != request.expected_due_at_move_in {
        let mut error = ApiError::conflict(
            Status::PriceChanged,
            "the price is not the one shown; nothing was booked",
        );
        error.errors = vec![FieldError::new(
            "expectedDueAtMoveIn",
            ErrorCode::PriceChanged,
            format!("the amount due at move-in is {}", quote.due_at_move_in),
        )];
        error.data = serde_json::to_value(QuoteResponse {
            quote,
            request: pricing_request,
        })
        .ok();
        return Err(error);
    }

    let id = uuid::Uuid::new_v4();
    let created_at = chrono::Utc::now();
    let booking = BookingResponse {
        id: id.to_string(),
        transact_id: format!("BK{}", &id.simple().to_string()[..10].to_ascii_uppercase()),
        status: match request.selection.mode {
            Mode::Rent => BookingStatus::Confirmed,
            Mode::Book => BookingStatus::Reserved,
        },
        created_at,
        selection: request.selection.clone(),
        quote,
        attribution: request.attribution.clone().filter(|a| !a.is_empty()),
    };
    let response =
        serde_json::to_string(&Envelope::success(&booking)).map_err(|_| ApiError::internal())?;
    let event = key.webhook_url.as_ref().map(|_| NewEvent {
        id: format!("msg_{}", uuid::Uuid::new_v4().simple()),
        event_type: "booking.created".to_owned(),
        payload: serde_json::json!({
            "type": "booking.created",
            "timestamp": created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "data": { "booking": &booking, "tenant": &request.tenant },
        })
        .to_string(),
    });
    let new = NewBooking {
        id: booking.id.clone(),
        transact_id: booking.transact_id.clone(),
        api_key: key.key.clone(),
        property_id: property.details.property.id.clone(),
        price_id: booking.selection.price_id.clone(),
        mode: booking.selection.mode.as_str(),
        status: booking.status.as_str(),
        created_at: created_at.to_rfc3339(),
        due_at_move_in: booking.quote.due_at_move_in.to_string(),
        selection: serde_json::to_string(&booking.selection).map_err(|_| ApiError::internal())?,
        tenant: serde_json::to_string(&request.tenant).map_err(|_| ApiError::internal())?,
        quote: serde_json::to_string(&booking.quote).map_err(|_| ApiError::internal())?,
        attribution: booking
            .attribution
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|_| ApiError::internal())?,
        idempotency_key,
        fingerprint,
        response: response.clone(),
        created_at_unix: created_at.timestamp(),
        event,
    };
    match state.store.book(new).await? {
        BookOutcome::Booked => {
            tracing::info!(booking_id = %booking.id, transact_id = %booking.transact_id, "booked");
            state.outbox_notify.notify_one();
            state.listings.invalidate();
            Ok(replay(201, response))
        }
        BookOutcome::SoldOut => Err(ApiError::conflict(
            Status::SoldOut,
            "no unit of this price is left",
        )),
        // The caller replays the key's booking.
        BookOutcome::KeyTaken => Err(ApiError::conflict(
            Status::RequestInProgress,
            "another request with this Idempotency-Key was running",
        )),
    }
}

fn key_reused() -> ApiError {
    let mut error = ApiError::validation(vec![FieldError::new(
        "Idempotency-Key",
        ErrorCode::IdempotencyKeyReused,
        "this key was used with another request body",
    )]);
    error.status = Status::IdempotencyKeyReused;
    error
}
