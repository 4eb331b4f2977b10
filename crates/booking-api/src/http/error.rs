//! The one error type of the HTTP layer: every failure leaves as the
//! envelope with a status code, a machine-readable `status` and the fields
//! at fault; internal details are logged, never sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use booking_model::{Envelope, ErrorCode, FieldError, Status};

use crate::db::DbError;

#[derive(Debug)]
pub struct ApiError {
    pub http: StatusCode,
    pub status: Status,
    pub errors: Vec<FieldError>,
    /// Only `PRICE_CHANGED` carries data: the new quote.
    pub data: Option<serde_json::Value>,
    pub retry_after: Option<u64>,
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl ApiError {
    #[must_use]
    pub fn new(http: StatusCode, status: Status, errors: Vec<FieldError>) -> Self {
        Self {
            http,
            status,
            errors,
            data: None,
            retry_after: None,
        }
    }

    /// 400: malformed JSON or a missing or bad header.
    pub fn bad_request(code: ErrorCode, field: Option<&str>, message: impl Into<String>) -> Self {
        let error = match field {
            Some(f) => FieldError::new(f, code, message),
            None => FieldError::general(code, message),
        };
        Self::new(StatusCode::BAD_REQUEST, Status::BadRequest, vec![error])
    }

    /// 422 naming every field at fault.
    #[must_use]
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Status::ValidationFailed,
            errors,
        )
    }

    #[must_use]
    pub fn not_found(status: Status, message: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            status,
            vec![FieldError::general(ErrorCode::NotFound, message)],
        )
    }

    #[must_use]
    pub fn unauthorized(message: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            Status::Unauthorized,
            vec![FieldError::new(
                "X-API-Key",
                ErrorCode::InvalidApiKey,
                message,
            )],
        )
    }

    #[must_use]
    pub fn forbidden_origin() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            Status::OriginNotAllowed,
            vec![FieldError::new(
                "Origin",
                ErrorCode::OriginNotAllowed,
                "this key may not be used from this origin",
            )],
        )
    }

    #[must_use]
    pub fn conflict(status: Status, message: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            status,
            vec![FieldError::general(conflict_code(status), message)],
        )
    }

    #[must_use]
    pub fn rate_limited(retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                Status::RateLimited,
                vec![FieldError::general(
                    ErrorCode::RateLimited,
                    "too many bookings from this client; retry later",
                )],
            )
        }
    }

    #[must_use]
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Status::SomethingWentWrong,
            Vec::new(),
        )
    }
}

/// The field code that repeats a conflict's status.
fn conflict_code(status: Status) -> ErrorCode {
    match status {
        Status::SoldOut => ErrorCode::SoldOut,
        Status::PriceChanged => ErrorCode::PriceChanged,
        Status::RequestInProgress => ErrorCode::RequestInProgress,
        Status::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
        _ => ErrorCode::Unknown,
    }
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        tracing::error!(error = %err, "database error");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Status::ServiceUnavailable,
            vec![FieldError::general(
                ErrorCode::DatabaseUnavailable,
                "the database did not answer; retry later",
            )],
        )
    }
}

impl From<booking_model::BodyError> for ApiError {
    fn from(err: booking_model::BodyError) -> Self {
        match err {
            booking_model::BodyError::Malformed(message) => {
                Self::bad_request(ErrorCode::MalformedJson, None, message)
            }
            booking_model::BodyError::Invalid(errors) => Self::validation(errors),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let envelope = Envelope {
            data: self.data,
            ..Envelope::<serde_json::Value>::failure(self.status, self.errors)
        };
        let mut response = (self.http, axum::Json(envelope)).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// 200/201 with the success envelope.
pub fn ok<T: serde::Serialize>(http: StatusCode, data: T) -> Response {
    (http, axum::Json(Envelope::success(data))).into_response()
}
