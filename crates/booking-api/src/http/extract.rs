//! Request extractors whose every refusal is an [`ApiError`] envelope.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use booking_model::{ErrorCode, FieldError, Status};

use super::error::ApiError;
use crate::catalogue::PublishableKey;

/// Largest body accepted: a booking is well under 4 KiB.
pub const MAX_BODY: usize = 16 * 1024;

/// Up to this much of an oversized body is read (and dropped) before the 413.
const DRAIN_LIMIT: usize = 1024 * 1024;

/// A JSON body's bytes: `application/json` (else 415), at most
/// [`MAX_BODY`] (else 413). Parsing is left to the handler, which names
/// the fields at fault.
#[derive(Debug)]
pub struct JsonBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, ApiError> {
        require_json(req.headers())?;
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > DRAIN_LIMIT) {
            return Err(too_large(MAX_BODY));
        }
        // A somewhat large body is read to its end before the 413, so that
        // the client, still sending, gets the answer rather than a reset.
        let bytes = axum::body::to_bytes(req.into_body(), DRAIN_LIMIT)
            .await
            .map_err(|_| too_large(MAX_BODY))?;
        if bytes.len() > MAX_BODY {
            return Err(too_large(MAX_BODY));
        }
        Ok(Self(bytes))
    }
}

/// 415 unless the body is declared `application/json`.
///
/// # Errors
/// Any other content type, or none.
pub fn require_json(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if is_json {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Status::UnsupportedMediaType,
        vec![FieldError::new(
            "Content-Type",
            ErrorCode::UnsupportedMediaType,
            "must be application/json",
        )],
    ))
}

/// 413 for a body over `max` bytes.
#[must_use]
pub fn too_large(max: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        Status::PayloadTooLarge,
        vec![FieldError::general(
            ErrorCode::PayloadTooLarge,
            format!("the body must be at most {max} bytes"),
        )],
    )
}

/// The publishable key the auth layer accepted for this request.
#[derive(Debug, Clone)]
pub struct ApiKey(pub PublishableKey);

impl<S: Send + Sync> FromRequestParts<S> for ApiKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Self>()
            .cloned()
            .ok_or_else(|| ApiError::unauthorized("missing X-API-Key"))
    }
}
