//! The reference's "Error Response Format":
//! `{"error": {"code", "message", "details": [{"field", "message"}], "request_id"}}`,
//! and the JSON body extractor whose rejections are in that format.

use axum::extract::{FromRequest, Request};
use axum::http::header::{HeaderName, HeaderValue, WWW_AUTHENTICATE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::store::{FieldError, Refusal};

#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    details: Vec<FieldError>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            details: Vec::new(),
            headers: Vec::new(),
        }
    }

    pub(crate) fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// 422, as the reference's example.
    pub(crate) fn validation(details: Vec<FieldError>) -> Self {
        Self {
            details,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_error",
                "The request contains invalid data",
            )
        }
    }

    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub(crate) fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// 401 with the bearer challenge of RFC 6750.
    pub(crate) fn unauthorized(code: &'static str, message: &str) -> Self {
        let challenge = format!("Bearer error=\"{code}\"");
        Self::new(StatusCode::UNAUTHORIZED, code, message).with_header(
            WWW_AUTHENTICATE,
            HeaderValue::from_str(&challenge).unwrap_or(HeaderValue::from_static("Bearer")),
        )
    }

    pub(crate) fn rate_limited() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            "Rate limit exceeded; retry after X-RateLimit-Reset",
        )
    }

    /// The error a fault asks for, by status.
    pub(crate) fn from_status(status: StatusCode) -> Self {
        let (code, message) = match status.as_u16() {
            500 => ("internal_error", "Internal server error"),
            502 => ("bad_gateway", "Upstream service error"),
            503 => ("service_unavailable", "Service temporarily unavailable"),
            504 => ("gateway_timeout", "Upstream service timed out"),
            400 => ("bad_request", "Invalid request format or parameters"),
            401 => ("unauthorized", "Invalid or missing authentication"),
            403 => ("forbidden", "Insufficient permissions"),
            404 => ("not_found", "Resource not found"),
            409 => ("conflict", "Conflict"),
            422 => ("validation_error", "The request contains invalid data"),
            _ => ("error", status.canonical_reason().unwrap_or("Error")),
        };
        Self::new(status, code, message)
    }

    /// A refusal of the domain; a unit that is not available answers with
    /// `unit_conflict_status` (409 `unit_not_available`, or 422).
    pub(crate) fn from_refusal(refusal: Refusal, unit_conflict_status: StatusCode) -> Self {
        match refusal {
            Refusal::NotFound(what) => Self::not_found(&what),
            Refusal::Invalid(details) => Self::validation(details),
            Refusal::Conflict(message) => Self::new(StatusCode::CONFLICT, "conflict", message),
            Refusal::UnitUnavailable {
                unit_number,
                status,
                ..
            } => {
                let message = format!("Unit {unit_number} is not available ({})", status.as_str());
                let details = vec![FieldError::new("unit_id", &message)];
                if unit_conflict_status == StatusCode::UNPROCESSABLE_ENTITY {
                    Self::validation(details)
                } else {
                    Self {
                        details,
                        ..Self::new(StatusCode::CONFLICT, "unit_not_available", message)
                    }
                }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let request_id = format!("req_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let body = json!({ "error": {
            "code": self.code,
            "message": self.message,
            "details": self.details,
            "request_id": request_id,
        }});
        let mut response = (self.status, Json(body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

/// A JSON request body. Broken JSON is a 400 `invalid_json`; a field of the
/// wrong type a 422 naming the field.
#[derive(Debug)]
pub(crate) struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::bad_request("invalid_request", "The body could not be read"))?;
        if bytes.is_empty() {
            return Err(ApiError::bad_request(
                "invalid_json",
                "A JSON body is required",
            ));
        }
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut deserializer)
            .map(Body)
            .map_err(|e| {
                if e.inner().is_data() {
                    ApiError::validation(vec![FieldError::new(
                        &e.path().to_string(),
                        &e.inner().to_string(),
                    )])
                } else {
                    ApiError::bad_request("invalid_json", format!("Invalid JSON: {}", e.inner()))
                }
            })
    }
}
