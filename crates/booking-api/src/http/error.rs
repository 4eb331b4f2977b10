//! The one error type of the HTTP layer: every failure leaves as the
//! envelope with an HTTP status, a machine-readable `status` and the fields
//! at fault. Internal details never leave: a failure of ours carries its
//! cause to [`log_failures`], the one place that logs it.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use booking_model::{Envelope, ErrorCode, FieldError, QuoteResponse, Status};

use crate::backend::BackendError;
use crate::service::{Missing, ServiceError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A 4xx the request itself caused: its HTTP status, the envelope's
    /// status and the fields at fault.
    #[error("{} {}", .http, .status.as_str())]
    Refused {
        http: StatusCode,
        status: Status,
        errors: Vec<FieldError>,
    },
    /// 409 `PRICE_CHANGED`, with the quote the tenant should see now.
    #[error("price changed")]
    PriceChanged(Box<QuoteResponse>),
    /// 429, with how many seconds to wait.
    #[error("rate limited")]
    RateLimited { retry_after: u64 },
    /// 503: the database or the upstream did not answer.
    #[error(transparent)]
    Unavailable(#[from] BackendError),
    /// 500: a fault of ours.
    #[error("{0}")]
    Internal(String),
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// A failure's cause, handed from the response to [`log_failures`].
#[derive(Debug, Clone)]
struct Cause(String);

impl ApiError {
    #[must_use]
    pub fn new(http: StatusCode, status: Status, errors: Vec<FieldError>) -> Self {
        Self::Refused {
            http,
            status,
            errors,
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

    /// 401 for the publishable key (`X-API-Key`).
    #[must_use]
    pub fn unauthorized(message: &str) -> Self {
        Self::unauthorized_header("X-API-Key", message)
    }

    /// 401 naming the header that should have carried a valid credential.
    #[must_use]
    pub fn unauthorized_header(header: &str, message: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            Status::Unauthorized,
            vec![FieldError::new(header, ErrorCode::InvalidApiKey, message)],
        )
    }

    /// 500, with the cause for the log.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
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

    fn conflict(status: Status, code: ErrorCode, message: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            status,
            vec![FieldError::general(code, message)],
        )
    }

    /// 429 for a limiter's wait, rounded up to whole seconds.
    #[must_use]
    pub fn retry_after(wait: std::time::Duration) -> Self {
        Self::RateLimited {
            retry_after: wait.as_secs() + 1,
        }
    }
}

impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::Invalid(errors) => Self::validation(errors),
            ServiceError::NotFound(missing) => {
                let (status, message) = match missing {
                    Missing::Property => (Status::InvalidParamPropertyInfoId, "no such property"),
                    Missing::TenantType => {
                        (Status::InvalidParamTaxUserTypeInfoId, "no such tenant type")
                    }
                    Missing::Storage => (Status::InvalidParamStorageInfoId, "no such storage"),
                    Missing::StorageGroup => {
                        (Status::InvalidParamStorageGroupInfoId, "no such size group")
                    }
                    Missing::PaymentPeriod => (
                        Status::InvalidParamPaymentPeriod,
                        "this period is not offered",
                    ),
                    Missing::Booking => (Status::InvalidParamBookingId, "no such booking"),
                    Missing::Records => (Status::NoRecordsFound, "no bookings to show"),
                };
                Self::not_found(status, message)
            }
            ServiceError::SoldOut => Self::conflict(
                Status::SoldOut,
                ErrorCode::SoldOut,
                "no unit of this price is left",
            ),
            ServiceError::PriceChanged(quote) => Self::PriceChanged(quote),
            ServiceError::KeyReused => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                Status::IdempotencyKeyReused,
                vec![FieldError::new(
                    "Idempotency-Key",
                    ErrorCode::IdempotencyKeyReused,
                    "this key was used with another request body",
                )],
            ),
            ServiceError::InProgress => Self::conflict(
                Status::RequestInProgress,
                ErrorCode::RequestInProgress,
                "a request with this Idempotency-Key is running",
            ),
            ServiceError::InvalidCode => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                Status::InvalidCode,
                vec![FieldError::new(
                    "code",
                    ErrorCode::InvalidCode,
                    "this is not the code that was sent",
                )],
            ),
            ServiceError::CodeExpired => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                Status::CodeExpired,
                vec![FieldError::new(
                    "code",
                    ErrorCode::CodeExpired,
                    "no valid code: ask for a new one",
                )],
            ),
            ServiceError::NoSession => {
                Self::unauthorized_header("X-Token", "missing, expired or revoked session")
            }
            ServiceError::Unavailable(e) => Self::Unavailable(e),
            ServiceError::Internal(cause) => Self::Internal(cause),
        }
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(err: crate::db::DbError) -> Self {
        Self::Unavailable(BackendError::Database(err))
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
        let failure = |http: StatusCode, status: Status, errors: Vec<FieldError>| {
            (
                http,
                axum::Json(Envelope::<serde_json::Value>::failure(status, errors)),
            )
                .into_response()
        };
        match self {
            Self::Refused {
                http,
                status,
                errors,
            } => failure(http, status, errors),
            Self::PriceChanged(quote) => {
                let errors = vec![FieldError::new(
                    "expectedDueAtMoveIn",
                    ErrorCode::PriceChanged,
                    format!(
                        "the amount due at move-in is {}",
                        quote.quote.due_at_move_in
                    ),
                )];
                let envelope = Envelope {
                    data: serde_json::to_value(&*quote).ok(),
                    ..Envelope::<serde_json::Value>::failure(Status::PriceChanged, errors)
                };
                (StatusCode::CONFLICT, axum::Json(envelope)).into_response()
            }
            Self::RateLimited { retry_after } => {
                let mut response = failure(
                    StatusCode::TOO_MANY_REQUESTS,
                    Status::RateLimited,
                    vec![FieldError::general(
                        ErrorCode::RateLimited,
                        "too many requests from this client; retry later",
                    )],
                );
                if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                response
            }
            Self::Unavailable(cause) => {
                let mut response = match cause {
                    BackendError::Upstream(_) | BackendError::Refused(_) => failure(
                        StatusCode::SERVICE_UNAVAILABLE,
                        Status::UpstreamUnavailable,
                        vec![FieldError::general(
                            ErrorCode::UpstreamUnavailable,
                            "the operator's management system did not answer; nothing was \
                             booked; retry later with the same Idempotency-Key",
                        )],
                    ),
                    BackendError::Database(_) => failure(
                        StatusCode::SERVICE_UNAVAILABLE,
                        Status::ServiceUnavailable,
                        vec![FieldError::general(
                            ErrorCode::DatabaseUnavailable,
                            "a service this answer needs did not answer; retry later",
                        )],
                    ),
                };
                response.extensions_mut().insert(Cause(cause.to_string()));
                response
            }
            Self::Internal(cause) => {
                let mut response = failure(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Status::SomethingWentWrong,
                    Vec::new(),
                );
                response.extensions_mut().insert(Cause(cause));
                response
            }
        }
    }
}

/// Logs the cause of every failure of ours, once, with the request's
/// span (method and path); the client saw only the envelope.
pub async fn log_failures(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if let Some(Cause(cause)) = response.extensions().get::<Cause>() {
        tracing::error!(status = response.status().as_u16(), error = %cause, "request failed");
    }
    response
}

/// 200/201 with the success envelope.
pub fn ok<T: serde::Serialize>(http: StatusCode, data: T) -> Response {
    (http, axum::Json(Envelope::success(data))).into_response()
}
