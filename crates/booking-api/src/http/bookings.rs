//! `POST /v1/bookings`: the one place a unit is taken.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use booking_model::{BookingRequest, ErrorCode};
use sha2::{Digest, Sha256};

use super::error::{ApiError, Result};
use super::extract::{ApiKey, JsonBody};
use crate::service::booking::BookCommand;
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
    let canonical = serde_json::to_vec(&value).map_err(ApiError::internal)?;
    Ok(base64::engine::general_purpose::STANDARD_NO_PAD.encode(Sha256::digest(&canonical)))
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
    super::admit(&state.booking_limiter, &state, client.ip(), &headers)?;
    let idempotency_key = idempotency_key(&headers)?;
    let fingerprint = fingerprint(&body)?;
    let request = BookingRequest::from_json(&body)?;
    let receipt = state
        .services
        .book(BookCommand {
            key,
            idempotency_key,
            fingerprint,
            request,
        })
        .await?;
    Ok(replay(receipt.status_code, receipt.body))
}
