//! The tenant's account after booking: signing in with a code sent by
//! e-mail, and the tenant view in the shape of StoRegister's
//! `GET /v1/tenant/` (`api/storegister-tenant.txt`): its field names and
//! its `DD-MM-YYYY` dates. (`tenant.rs` holds the tenant a booking names.)

use serde::{Deserialize, Serialize};

use crate::{is_email, parse_json, BodyError, Country, ErrorCode, FieldError, Money, Region};

/// Longest address accepted (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;

/// `POST /v1/tenant/sign-in`: where to send a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::email))]
    pub email: String,
}

/// The same answer for every address: nothing tells who books here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SignInAccepted {
    /// How long a code sent now is valid.
    pub code_valid_for_seconds: u64,
}

/// `POST /v1/tenant/session`: the address and the code it received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::email))]
    pub email: String,
    /// Six digits.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "042917", pattern = "^[0-9]{6}$")
    )]
    pub code: String,
}

/// A session: send `token` as `X-Token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SessionResponse {
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// The address, trimmed and lower-cased, or the field's error.
fn checked_email(email: &str) -> Result<String, FieldError> {
    let email = email.trim();
    if email.is_empty() {
        return Err(FieldError::new("email", ErrorCode::Required, "required"));
    }
    if email.len() > EMAIL_MAX {
        return Err(FieldError::new(
            "email",
            ErrorCode::TooLong,
            format!("at most {EMAIL_MAX} characters"),
        ));
    }
    if !is_email(email) {
        return Err(FieldError::new(
            "email",
            ErrorCode::InvalidEmail,
            "not an e-mail address",
        ));
    }
    Ok(email.to_lowercase())
}

impl SignInRequest {
    /// Parses and checks the body; the address comes back lower-cased.
    ///
    /// # Errors
    /// Malformed JSON, or the fields at fault.
    pub fn from_json(body: &[u8]) -> Result<Self, BodyError> {
        let request: Self = parse_json(body)?;
        let email = checked_email(&request.email).map_err(|e| BodyError::Invalid(vec![e]))?;
        Ok(Self { email })
    }
}

impl SessionRequest {
    /// Parses and checks the body; the address comes back lower-cased.
    ///
    /// # Errors
    /// Malformed JSON, or the fields at fault.
    pub fn from_json(body: &[u8]) -> Result<Self, BodyError> {
        let request: Self = parse_json(body)?;
        let mut errors = Vec::new();
        let email = checked_email(&request.email)
            .map_err(|e| errors.push(e))
            .ok();
        let code_ok = request.code.len() == 6 && request.code.bytes().all(|b| b.is_ascii_digit());
        if !code_ok {
            errors.push(FieldError::new(
                "code",
                ErrorCode::InvalidValue,
                "six digits",
            ));
        }
        match email {
            Some(email) if errors.is_empty() => Ok(Self {
                email,
                code: request.code,
            }),
            _ => Err(BodyError::Invalid(errors)),
        }
    }
}

/// `GET /v1/tenant/`: the seed's tenant view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TenantAccount {
    pub contact_book: ContactBook,
    pub contact_insight: ContactInsight,
    pub contract: Vec<Contract>,
    pub un_paid_invoice: Vec<UnpaidInvoice>,
}

/// Who the tenant is, from their latest booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ContactBook {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone_number: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    pub region: Option<Region>,
    pub country: Option<Country>,
    pub profile_image_info_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ContactInsight {
    pub total_contract_count: u32,
    pub active_contract_count: u32,
    pub unpaid_invoice_count: u32,
    pub unpaid_invoice_amount: Money,
    /// Minus what is unpaid.
    pub account_balance: Money,
}

/// `{key, value}`: `INITIATED`/`Initiated`, `CANCELLED`/`Cancelled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// One booking, as a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: String,
    pub transact_id: String,
    pub storage_name: String,
    pub property_name: String,
    pub space_id: String,
    /// `DD-MM-YYYY`.
    #[cfg_attr(feature = "openapi", schema(example = "20-02-2024"))]
    pub transact_date: String,
    /// `DD-MM-YYYY`.
    #[cfg_attr(feature = "openapi", schema(example = "22-02-2024"))]
    pub move_in_date: String,
    pub rental_amount: Money,
    pub rental_payable_amount: Money,
    pub lease_status: KeyValue,
    /// `Monthly`, `Quarterly`, `HalfYearly`, `Yearly`.
    pub payment_period: String,
}

/// A booking's move-in invoice while payments do not cover it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UnpaidInvoice {
    pub id: String,
    pub sequence_id: i64,
    /// `DD-MM-YYYY`.
    pub transact_date: String,
    pub transact_id: String,
    pub transaction_type: String,
    pub transaction_type_value: String,
    pub rental_info_id: String,
    pub rental_info_transact_id: Option<String>,
    pub gross_amount: Money,
    pub paid_amount: Money,
    pub balance_amount: Money,
    pub reverse_txn_status: Option<String>,
    pub reverse_txn_status_value: Option<String>,
    pub transaction_assets_info_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_checked() {
        let ok = SignInRequest::from_json(br#"{"email": " Giada@Example.COM "}"#);
        assert_eq!(
            ok.map(|r| r.email).ok().as_deref(),
            Some("giada@example.com")
        );
        assert!(matches!(
            SignInRequest::from_json(br#"{"email": "nope"}"#),
            Err(BodyError::Invalid(_))
        ));
        assert!(matches!(
            SessionRequest::from_json(br#"{"email": "a@b.example", "code": "12345a"}"#),
            Err(BodyError::Invalid(e)) if e.len() == 1 && e[0].field.as_deref() == Some("code")
        ));
        assert!(
            SessionRequest::from_json(br#"{"email": "a@b.example", "code": "012345"}"#).is_ok()
        );
    }
}
