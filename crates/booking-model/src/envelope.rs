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
#[error("{}: {message} ({})", field.as_deref().unwrap_or("request"), code.as_str())]
pub struct FieldError {
    pub field: Option<String>,
    /// Machine-readable: what the widget translates.
    pub code: ErrorCode,
    /// For a person; the widget may translate by `code` instead.
    pub message: String,
}

impl FieldError {
    #[must_use]
    pub fn new(field: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            code,
            message: message.into(),
        }
    }

    /// An error about the request as a whole.
    #[must_use]
    pub fn general(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: None,
            code,
            message: message.into(),
        }
    }
}

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The `code` of a [`FieldError`]: one enum for server and widget,
        /// so that a code the server starts sending cannot go untranslated
        /// in the widget without a compile error there.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
            /// A code this version does not know yet (a newer server).
            #[serde(other, rename = "UNKNOWN")]
            Unknown,
        }

        impl ErrorCode {
            /// Every code but `Unknown`, for documents and tests.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The wire name (`"INVALID_EMAIL"`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Unknown => "UNKNOWN",
                }
            }
        }

        /// The wire names, as serde writes them (the derive would show the
        /// Rust names: it cannot read a `rename` that a macro wrote). The
        /// server never sends `UNKNOWN`, a reader's fallback.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for ErrorCode {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::openapi::string_enum(
                    Self::ALL.iter().map(|c| c.as_str()),
                    "Machine-readable: what the widget translates",
                )
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for ErrorCode {}
    };
}

error_codes! {
    Required = "REQUIRED",
    TooLong = "TOO_LONG",
    InvalidCharacters = "INVALID_CHARACTERS",
    InvalidEmail = "INVALID_EMAIL",
    InvalidPhone = "INVALID_PHONE",
    InvalidPostalCode = "INVALID_POSTAL_CODE",
    InvalidCountry = "INVALID_COUNTRY",
    /// A field of the wrong type or form (a string for a number, a bad date).
    InvalidValue = "INVALID_VALUE",
    /// An id that the catalogue does not know.
    UnknownId = "UNKNOWN_ID",
    /// A known choice that this property or price does not offer.
    NotOffered = "NOT_OFFERED",
    OutOfRange = "OUT_OF_RANGE",
    Duplicate = "DUPLICATE",
    InvalidPromoCode = "INVALID_PROMO_CODE",
    MustAcceptTerms = "MUST_ACCEPT_TERMS",
    /// The catalogue produced a request the pricing rules refuse.
    PricingError = "PRICING_ERROR",
    PriceChanged = "PRICE_CHANGED",
    SoldOut = "SOLD_OUT",
    RequestInProgress = "REQUEST_IN_PROGRESS",
    IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED",
    MalformedJson = "MALFORMED_JSON",
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE",
    PayloadTooLarge = "PAYLOAD_TOO_LARGE",
    MissingIdempotencyKey = "MISSING_IDEMPOTENCY_KEY",
    InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY",
    InvalidApiKey = "INVALID_API_KEY",
    OriginNotAllowed = "ORIGIN_NOT_ALLOWED",
    NotFound = "NOT_FOUND",
    RateLimited = "RATE_LIMITED",
    DatabaseUnavailable = "DATABASE_UNAVAILABLE",
    /// The sign-in code is not the one sent.
    InvalidCode = "INVALID_CODE",
    /// The sign-in code is past its time or voided by wrong tries: ask for another.
    CodeExpired = "CODE_EXPIRED",
    UpstreamUnavailable = "UPSTREAM_UNAVAILABLE",
}

macro_rules! statuses {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The envelope's `status`: `SUCCESS` or why not. The HTTP status
        /// gives the class; this says which case of it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Status {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
            /// A status this version does not know yet (a newer server).
            #[serde(other, rename = "UNKNOWN")]
            Unknown,
        }

        impl Status {
            /// Every status but `Unknown`, for documents and tests.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The wire name (`"SOLD_OUT"`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Unknown => "UNKNOWN",
                }
            }
        }

        /// The wire names, as for [`ErrorCode`].
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for Status {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::openapi::string_enum(
                    Self::ALL.iter().map(|s| s.as_str()),
                    "`SUCCESS` or why not; the HTTP status gives the class, this the case",
                )
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for Status {}
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
    /// The sign-in code is not the one sent.
    InvalidCode = "INVALID_CODE",
    /// The sign-in code is past its time or voided by wrong tries.
    CodeExpired = "CODE_EXPIRED",
    /// 503: the operator's management system does not answer; nothing was
    /// booked, and the same request may be sent again (same key).
    UpstreamUnavailable = "UPSTREAM_UNAVAILABLE",
}
