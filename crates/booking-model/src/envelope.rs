//! The StoRegister response envelope that every endpoint answers with.

use serde::{Deserialize, Serialize};

/// `{"data", "succeeded", "status", "errors"}`: one shape for success and
/// failure, so that a client reads `status` before it looks at `data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Envelope<T> {
    pub data: Option<T>,
    pub succeeded: bool,
    pub status: Status,
    pub errors: Option<Vec<FieldError>>,
}

impl<T> Envelope<T> {
    #[must_use]
    pub fn success(data: T) -> Self {
        Self {
            data: Some(data),
            succeeded: true,
            status: Status::Success,
            errors: None,
        }
    }

    /// A failure; `errors` is `null` rather than `[]` when no field is named,
    /// as StoRegister does.
    #[must_use]
    pub fn failure(status: Status, errors: Vec<FieldError>) -> Self {
        Self {
            data: None,
            succeeded: false,
            status,
            errors: if errors.is_empty() {
                None
            } else {
                Some(errors)
            },
        }
    }
}

/// What went wrong with one field, in a form the widget can place beside
/// the input: `field` is a JSON path into the request (`tenant.email`,
/// `addOns[1].quantity`), `null` when no single field is at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[error("{}: {message} ({code})", field.as_deref().unwrap_or("request"))]
pub struct FieldError {
    pub field: Option<String>,
    /// Machine-readable; see [`codes`].
    pub code: String,
    /// For a person; the widget may translate by `code` instead.
    pub message: String,
}

impl FieldError {
    #[must_use]
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// An error about the request as a whole.
    #[must_use]
    pub fn general(code: &str, message: impl Into<String>) -> Self {
        Self {
            field: None,
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// The `code` values of [`FieldError`].
pub mod codes {
    pub const REQUIRED: &str = "REQUIRED";
    pub const TOO_LONG: &str = "TOO_LONG";
    pub const INVALID_CHARACTERS: &str = "INVALID_CHARACTERS";
    pub const INVALID_EMAIL: &str = "INVALID_EMAIL";
    pub const INVALID_PHONE: &str = "INVALID_PHONE";
    pub const INVALID_POSTAL_CODE: &str = "INVALID_POSTAL_CODE";
    pub const INVALID_COUNTRY: &str = "INVALID_COUNTRY";
    /// A field of the wrong type or form (a string for a number, a bad date).
    pub const INVALID_VALUE: &str = "INVALID_VALUE";
    /// An id that the catalogue does not know.
    pub const UNKNOWN_ID: &str = "UNKNOWN_ID";
    /// A known choice that this property or price does not offer.
    pub const NOT_OFFERED: &str = "NOT_OFFERED";
    pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
    pub const DUPLICATE: &str = "DUPLICATE";
    pub const INVALID_PROMO_CODE: &str = "INVALID_PROMO_CODE";
    pub const MUST_ACCEPT_TERMS: &str = "MUST_ACCEPT_TERMS";
    /// The catalogue produced a request the pricing rules refuse.
    pub const PRICING_ERROR: &str = "PRICING_ERROR";
    pub const PRICE_CHANGED: &str = "PRICE_CHANGED";
    pub const SOLD_OUT: &str = "SOLD_OUT";
    pub const MALFORMED_JSON: &str = "MALFORMED_JSON";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "UNSUPPORTED_MEDIA_TYPE";
    pub const PAYLOAD_TOO_LARGE: &str = "PAYLOAD_TOO_LARGE";
    pub const MISSING_IDEMPOTENCY_KEY: &str = "MISSING_IDEMPOTENCY_KEY";
    pub const INVALID_IDEMPOTENCY_KEY: &str = "INVALID_IDEMPOTENCY_KEY";
    pub const INVALID_API_KEY: &str = "INVALID_API_KEY";
    pub const ORIGIN_NOT_ALLOWED: &str = "ORIGIN_NOT_ALLOWED";
}

macro_rules! statuses {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The envelope's `status`: `SUCCESS` or why not. The HTTP status
        /// gives the class; this says which case of it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum Status {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
            /// A status this version does not know yet (a newer server).
            #[serde(other, rename = "UNKNOWN")]
            Unknown,
        }

        impl Status {
            /// The wire name (`"SOLD_OUT"`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Unknown => "UNKNOWN",
                }
            }
        }
    };
}

statuses! {
    Success = "SUCCESS",
    InvalidParamPropertyInfoId = "INVALID_PARAM_PROPERTY_INFO_ID",
    InvalidParamStorageInfoId = "INVALID_PARAM_STORAGE_INFO_ID",
    InvalidParamTaxUserTypeInfoId = "INVALID_PARAM_TAX_USER_TYPE_INFO_ID",
    InvalidParamStorageGroupInfoId = "INVALID_PARAM_STORAGE_GROUP_INFO_ID",
    InvalidParamPaymentPeriod = "INVALID_PARAM_PAYMENT_PERIOD",
    InvalidParamBookingId = "INVALID_PARAM_BOOKING_ID",
    /// 422: one or more fields are wrong; `errors` names them.
    ValidationFailed = "VALIDATION_FAILED",
    /// 400: the body is not JSON, or a required header is missing.
    BadRequest = "BAD_REQUEST",
    /// 401: missing or unknown publishable key.
    Unauthorized = "UNAUTHORIZED",
    /// 403: the page's origin is not on the key's allowlist.
    OriginNotAllowed = "ORIGIN_NOT_ALLOWED",
    /// 413.
    PayloadTooLarge = "PAYLOAD_TOO_LARGE",
    /// 415: the body is not `application/json`.
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE",
    /// 409: the chosen variant has no free unit left for that mode.
    SoldOut = "SOLD_OUT",
    /// 409: the server's quote is not what the tenant was shown.
    PriceChanged = "PRICE_CHANGED",
    /// 422: the Idempotency-Key was used before with another body.
    IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED",
    /// 409: the first request with this Idempotency-Key is still running.
    RequestInProgress = "REQUEST_IN_PROGRESS",
    /// 429: see `Retry-After`.
    RateLimited = "RATE_LIMITED",
    /// 404.
    NoRecordsFound = "NO_RECORDS_FOUND",
    /// 500.
    SomethingWentWrong = "SOMETHING_WENT_WRONG",
    /// 503: the database does not answer.
    ServiceUnavailable = "SERVICE_UNAVAILABLE",
}
