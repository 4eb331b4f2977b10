//! `POST /admin/v1/bookings/{id}/payments`: the move-in invoice's payment.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use booking_model::{parse_json, Envelope, ErrorCode, FieldError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::auth::SecretKeyId;
use crate::http::error::{ok, ApiError, Result};
use crate::http::extract::JsonBody;
use crate::service::admin::{self, AdminBooking, Payment, PaymentInput, PaymentMethod};
use crate::state::AppState;

/// A payment as the operator records it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentRequest {
    /// A decimal string in the booking's currency, at most its minor
    /// unit's decimals (`"102.50"`), more than 0 and at most what is due.
    #[schema(example = "102.50")]
    pub amount: String,
    pub method: PaymentMethod,
    /// The operator's own reference (receipt, transfer id), up to 100 characters.
    #[serde(default)]
    pub reference: Option<String>,
}

/// The payment and the booking it leaves.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PaymentRecorded {
    pub payment: Payment,
    pub booking: AdminBooking,
}

/// Digits with an optional fraction, nothing else: no sign, exponent or
/// spaces, which `Decimal`'s parser would let through.
fn amount(text: &str) -> Result<Decimal> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shaped = !whole.is_empty()
        && whole.len() <= 12
        && digits(whole)
        && digits(fraction)
        && (fraction.len() <= 10)
        && (!text.contains('.') || !fraction.is_empty());
    shaped
        .then(|| text.parse::<Decimal>().ok())
        .flatten()
        .ok_or_else(|| {
            ApiError::validation(vec![FieldError::new(
                "amount",
                ErrorCode::InvalidValue,
                "a decimal string such as \"102.50\"",
            )])
        })
}

/// Records a payment of the booking's move-in invoice.
#[utoipa::path(
    post, path = "/admin/v1/bookings/{bookingId}/payments", tag = "operator",
    params(("bookingId" = String, Path)),
    request_body(content = PaymentRequest, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded; the booking shows `paid`, `outstanding` and `moveInInvoiceSettled`", body = Envelope<PaymentRecorded>),
        (status = 400, description = "Malformed JSON"),
        (status = 401, description = "Missing, unknown or revoked secret key"),
        (status = 503, description = "The database did not answer; nothing changed, retry"),
        (status = 404, description = "No booking with this id"),
        (status = 413, description = "Body too large"),
        (status = 415, description = "Not application/json"),
        (status = 422, description = "A field is wrong: `amount` more than is due (the message says how much is), not positive, too many decimals, or the booking is cancelled; `method` unknown; `reference` too long"),
    )
)]
pub async fn record(
    State(state): State<AppState>,
    SecretKeyId(key_id): SecretKeyId,
    Path(booking_id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let request: PaymentRequest = parse_json(&body)?;
    let input = PaymentInput {
        amount: amount(&request.amount)?,
        method: request.method,
        reference: request.reference,
    };
    let (payment, booking) =
        admin::record_payment(&state.services.store, &booking_id, &key_id, input).await?;
    tracing::info!(%booking_id, payment_id = %payment.id, %key_id, "payment recorded");
    Ok(ok(
        StatusCode::CREATED,
        PaymentRecorded { payment, booking },
    ))
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_are_plain_decimals() {
        for good in ["1", "102.50", "0.5", "000.10"] {
            assert!(amount(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "-1",
            "+1",
            "1e3",
            " 1",
            "1.",
            ".5",
            "1,00",
            "1.2.3",
            "NaN",
            "1234567890123",
        ] {
            assert!(amount(bad).is_err(), "{bad}");
        }
    }
}
