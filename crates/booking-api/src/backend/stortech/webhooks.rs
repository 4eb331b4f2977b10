//! `POST /hooks/stortech`: deliveries from Stortech, signed with
//! `STORTECH_WEBHOOK_SECRET` (HMAC-SHA256 of the raw body, lowercase hex,
//! `sha256=` prefix accepted, compared in constant time). A delivery seen
//! before (same event, object id and timestamp) is acknowledged and
//! ignored; the work is done after the answer.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use booking_model::BookingStatus;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use super::Stortech;

/// Whether `signature` (hex, maybe `sha256=`) is the body's HMAC.
#[must_use]
pub fn verify(secret: &str, body: &[u8], signature: &str) -> bool {
    let hex = signature.trim();
    let hex = hex.strip_prefix("sha256=").unwrap_or(hex);
    let Some(given) = decode_hex(hex) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&given).is_ok()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The id of the delivery's object: `data.<object>.id`.
fn object_id(data: &Value) -> Option<&str> {
    data.as_object()?
        .values()
        .find_map(|object| object.get("id")?.as_str())
}

fn answer(status: StatusCode, text: &'static str) -> Response {
    (status, axum::Json(serde_json::json!({ "status": text }))).into_response()
}

pub async fn receive(
    State(stortech): State<Option<Arc<Stortech>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(stortech) = stortech else {
        return answer(StatusCode::NOT_FOUND, "NO_RECORDS_FOUND");
    };
    let Some(secret) = &stortech.config.webhook_secret else {
        tracing::warn!("stortech webhook refused: STORTECH_WEBHOOK_SECRET is not set");
        return answer(StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
    };
    let signature = headers
        .get("x-stortech-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !verify(secret.expose(), &body, signature) {
        tracing::warn!("stortech webhook refused: bad or missing signature");
        return answer(StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
    }
    let Ok(delivery) = serde_json::from_slice::<Value>(&body) else {
        return answer(StatusCode::BAD_REQUEST, "BAD_REQUEST");
    };
    let event = delivery["event"].as_str().unwrap_or_default().to_owned();
    let timestamp = delivery["timestamp"].as_str().unwrap_or_default();
    let object = object_id(&delivery["data"]).unwrap_or_default().to_owned();
    let dedup = format!("stortech|{event}|{object}|{timestamp}");
    match stortech.store.first_delivery(&dedup).await {
        Ok(true) => {}
        Ok(false) => {
            tracing::info!(event = %event, object_id = %object, "stortech webhook: seen before, ignored");
            return answer(StatusCode::OK, "DUPLICATE");
        }
        Err(e) => {
            tracing::error!(error = %e, "stortech webhook: cannot record the delivery");
            return answer(StatusCode::SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE");
        }
    }
    tracing::info!(event = %event, object_id = %object, "stortech webhook");
    let facility = delivery["facility_id"].as_str().map(str::to_owned);
    tokio::spawn(async move {
        act(&stortech, &event, &object, facility.as_deref()).await;
    });
    answer(StatusCode::ACCEPTED, "ACCEPTED")
}

/// The work of a delivery, after its answer.
async fn act(stortech: &Stortech, event: &str, object: &str, facility: Option<&str>) {
    let status = match event {
        "booking.cancelled" => Some(BookingStatus::Cancelled),
        "booking.confirmed" => Some(BookingStatus::Confirmed),
        _ => None,
    };
    if let Some(status) = status {
        match stortech.store.follow_upstream_status(object, status).await {
            Ok(true) => {
                tracing::info!(upstream_booking_id = %object, status = status.as_str(), "stortech: our booking follows")
            }
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = %e, upstream_booking_id = %object, "stortech: booking status not followed")
            }
        }
    }
    // Every event of a facility may change what is free there.
    if let Some(facility) = facility {
        stortech.refresh_facility(facility);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_with_and_without_prefix() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"whsecret").expect("key");
        mac.update(b"{}");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(verify("whsecret", b"{}", &hex));
        assert!(verify("whsecret", b"{}", &format!("sha256={hex}")));
        assert!(!verify("whsecret", b"{ }", &hex));
        assert!(!verify("other", b"{}", &hex));
        assert!(!verify("whsecret", b"{}", ""));
        assert!(!verify("whsecret", b"{}", "zz"));
    }
}
