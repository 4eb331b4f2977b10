//! Bodies of `POST /v1/quotes`, `POST /v1/bookings` and `POST /v1/waiting-list`.

use chrono::{DateTime, Utc};
use pricing::{Quote, QuoteRequest};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::attribution::Attribution;
use crate::envelope::{ErrorCode, FieldError};
use crate::money::{decimal, decimal_str};
use crate::selection::Selection;
use crate::tenant::Tenant;

/// `POST /v1/quotes` answers the quote and the pricing request the server
/// built, so that a widget whose local quote differs can see why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteResponse {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::quote))]
    pub quote: Quote,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::quote_request))]
    pub request: QuoteRequest,
}

/// A selection plus who books it and what they were shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BookingRequest {
    #[serde(flatten)]
    pub selection: Selection,
    pub tenant: Tenant,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::accepted))]
    pub terms_accepted: bool,
    /// The `dueAtMoveIn` the widget showed; a different server quote books
    /// nothing and answers `PRICE_CHANGED`.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::decimal_string))]
    pub expected_due_at_move_in: Decimal,
    /// UTM parameters and referrer of the page that showed the widget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    /// The language the tenant's mails are written in (`en`, `fr`, `de`,
    /// `es`, `nl`); without it, the property's `locale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(en|fr|de|es|nl)$", example = "fr")
    )]
    pub language: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BookingExtras {
    tenant: Tenant,
    terms_accepted: bool,
    #[serde(deserialize_with = "decimal")]
    expected_due_at_move_in: Decimal,
    #[serde(default)]
    attribution: Option<Attribution>,
    #[serde(default)]
    language: Option<String>,
}

impl BookingRequest {
    /// Parses a body, naming the field at fault as a path (`tenant.email`),
    /// which serde's `flatten` alone would lose.
    ///
    /// # Errors
    /// [`BodyError::Malformed`] for text that is not JSON, [`BodyError::Invalid`]
    /// for JSON of the wrong shape.
    pub fn from_json(body: &[u8]) -> Result<Self, BodyError> {
        let selection = parse_json::<Selection>(body);
        let extras = parse_json::<BookingExtras>(body);
        match (selection, extras) {
            (Ok(selection), Ok(extras)) => Ok(Self {
                selection,
                tenant: extras.tenant,
                terms_accepted: extras.terms_accepted,
                expected_due_at_move_in: extras.expected_due_at_move_in,
                attribution: extras.attribution,
                language: extras.language,
            }),
            (Err(a), Err(b)) => Err(a.merge(b)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }
}

/// A tenant's contact, for a size that is sold out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WaitingListContact {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::name))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::name))]
    pub last_name: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::email))]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::optional_phone))]
    pub phone_number: Option<String>,
}

/// `POST /v1/waiting-list`: the selection the tenant wanted and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WaitingListRequest {
    #[serde(flatten)]
    pub selection: Selection,
    pub contact: WaitingListContact,
}

#[derive(Deserialize)]
struct WaitingListExtras {
    contact: WaitingListContact,
}

impl WaitingListRequest {
    /// As [`BookingRequest::from_json`].
    ///
    /// # Errors
    /// As [`BookingRequest::from_json`].
    pub fn from_json(body: &[u8]) -> Result<Self, BodyError> {
        match (
            parse_json::<Selection>(body),
            parse_json::<WaitingListExtras>(body),
        ) {
            (Ok(selection), Ok(extras)) => Ok(Self {
                selection,
                contact: extras.contact,
            }),
            (Err(a), Err(b)) => Err(a.merge(b)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WaitingListResponse {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: DateTime<Utc>,
    pub selection: Selection,
}

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BookingStatus {
    /// A rental: the unit is the tenant's from the move-in date.
    Confirmed,
    /// A reservation (`BOOK`): the unit is held until the move-in date.
    Reserved,
    /// Cancelled by the operator: the unit is free again.
    Cancelled,
}

impl BookingStatus {
    pub const ALL: [Self; 3] = [Self::Confirmed, Self::Reserved, Self::Cancelled];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "CONFIRMED",
            Self::Reserved => "RESERVED",
            Self::Cancelled => "CANCELLED",
        }
    }

    /// The status its wire name names.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// `201` of `POST /v1/bookings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BookingResponse {
    pub id: String,
    /// The short reference a tenant quotes on the phone (`CAT70`).
    pub transact_id: String,
    pub status: BookingStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: DateTime<Utc>,
    pub selection: Selection,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::quote))]
    pub quote: Quote,
    /// Who sent the tenant, as the widget reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
}

/// Why a request body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// Not JSON at all: a 400.
    #[error("malformed JSON: {0}")]
    Malformed(String),
    /// JSON of the wrong shape: a 422 naming the fields.
    #[error("invalid request body")]
    Invalid(Vec<FieldError>),
}

impl BodyError {
    fn merge(self, other: Self) -> Self {
        match (self, other) {
            (Self::Invalid(mut a), Self::Invalid(b)) => {
                for e in b {
                    if !a.iter().any(|x| x.field == e.field) {
                        a.push(e);
                    }
                }
                Self::Invalid(a)
            }
            (malformed @ Self::Malformed(_), _) | (_, malformed @ Self::Malformed(_)) => malformed,
        }
    }
}

/// Parses JSON, telling malformed text (400) from a wrong shape (422) and
/// naming the field at fault as a path (`addOns[0].quantity`).
///
/// # Errors
/// See [`BodyError`].
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        classify(&inner, path, body)
    })?;
    de.end().map_err(|e| classify(&e, String::new(), body))?;
    Ok(value)
}

fn classify(err: &serde_json::Error, path: String, body: &[u8]) -> BodyError {
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    };
    // serde_json reports some wrong shapes as syntax (`{}` where an enum's
    // name belongs: "expected value"): only text that is not JSON at all
    // is malformed.
    if !err.is_data() && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
        return BodyError::Malformed(message);
    }
    let path = if path == "." { String::new() } else { path };
    // serde reports a missing field at the enclosing object: name the field.
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_owned);
    let error = match missing {
        Some(field) if path.is_empty() => {
            FieldError::new(field, ErrorCode::Required, "is required")
        }
        Some(field) => FieldError::new(
            format!("{path}.{field}"),
            ErrorCode::Required,
            "is required",
        ),
        None if path.is_empty() => FieldError::general(ErrorCode::InvalidValue, message),
        None => FieldError::new(path, ErrorCode::InvalidValue, message),
    };
    BodyError::Invalid(vec![error])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_field_at_fault() {
        let body = br#"{"propertyInfoId":"p","storageInfoId":"s","storageSpaceSizeInfoId":"z","priceId":"v",
            "mode":"RENT","taxUserTypeInfoId":"t","paymentPeriod":"MONTHLY","moveInDate":"2024-2-4",
            "addOns":[],"tenant":{"firstName":"A"},"termsAccepted":true,"expectedDueAtMoveIn":"1"}"#;
        let Err(BodyError::Invalid(errors)) = BookingRequest::from_json(body) else {
            panic!("should be invalid");
        };
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, ["moveInDate", "tenant.lastName"]);
        assert_eq!(errors[1].code, ErrorCode::Required);
    }

    #[test]
    fn tells_malformed_from_invalid() {
        assert!(matches!(
            parse_json::<Selection>(b"{\"a\":"),
            Err(BodyError::Malformed(_))
        ));
        assert!(matches!(
            parse_json::<Selection>(b"[]"),
            Err(BodyError::Invalid(_))
        ));
        assert!(matches!(
            parse_json::<Selection>(b"{\"mode\": RENT}"),
            Err(BodyError::Malformed(_))
        ));
        assert!(matches!(
            parse_json::<crate::AddOnSelection>(b"{\"id\":\"a\",\"quantity\":1} x"),
            Err(BodyError::Malformed(_))
        ));
        // Well-formed JSON of the wrong shape, even where serde_json calls
        // it a syntax error, names its field (a 422, not a 400).
        let Err(BodyError::Invalid(errors)) =
            parse_json::<Selection>(br#"{"paymentPeriod": {}, "mode": "RENT"}"#)
        else {
            panic!("an object for an enum is invalid, not malformed");
        };
        assert_eq!(errors[0].field.as_deref(), Some("paymentPeriod"));
    }
}
