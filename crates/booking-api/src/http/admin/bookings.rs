//! `GET /admin/v1/bookings` (JSON or CSV), `GET /admin/v1/bookings/{id}`,
//! `POST /admin/v1/bookings/{id}/cancel`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use booking_model::{Envelope, ErrorCode};
use chrono::NaiveDate;

use super::auth::SecretKeyId;
use super::{ok, Params};
use crate::http::error::{ApiError, Result};
use crate::service::admin::{self, AdminBooking, BookingFilter, BookingState, Paged};
use crate::state::AppState;

const LIST_PARAMS: &[&str] = &["page", "pageSize", "status", "propertyInfoId", "from", "to"];

fn date(params: &Params, name: &str) -> Result<Option<NaiveDate>> {
    params
        .get(name)
        .map(|text| {
            // Exactly YYYY-MM-DD: chrono alone would take `2025-1-5`.
            let shaped =
                text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|_| shaped)
                .ok_or_else(|| {
                    ApiError::bad_request(ErrorCode::InvalidValue, Some(name), "a date, YYYY-MM-DD")
                })
        })
        .transpose()
}

fn filter(params: &Params) -> Result<BookingFilter> {
    let status = params
        .get("status")
        .map(|s| {
            BookingState::parse(s).ok_or_else(|| {
                ApiError::bad_request(
                    ErrorCode::InvalidValue,
                    Some("status"),
                    "CONFIRMED, RESERVED or CANCELLED",
                )
            })
        })
        .transpose()?;
    let filter = BookingFilter {
        status,
        property_id: params.id("propertyInfoId")?,
        from: date(params, "from")?,
        to: date(params, "to")?,
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            return Err(ApiError::bad_request(
                ErrorCode::OutOfRange,
                Some("from"),
                "must not be after `to`",
            ));
        }
    }
    Ok(filter)
}

/// Whether the client asked for CSV.
fn wants_csv(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|range| {
            range
                .split(';')
                .next()
                .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("text/csv"))
        })
}

/// A page of bookings, newest first; the same page as CSV with `Accept: text/csv`.
#[utoipa::path(
    get, path = "/admin/v1/bookings", tag = "operator",
    params(
        ("page" = Option<u32>, Query, description = "From 1 (default 1)"),
        ("pageSize" = Option<u32>, Query, description = "1 to 100 (default 20)"),
        ("status" = Option<BookingState>, Query, description = "CONFIRMED, RESERVED or CANCELLED"),
        ("propertyInfoId" = Option<String>, Query),
        ("from" = Option<String>, Query, description = "Move-in date on or after, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "Move-in date on or before, YYYY-MM-DD"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The page (JSON), or the same bookings as CSV (`Accept: text/csv`, one row per booking, header row, totals in X-Total-Count and X-Total-Pages)",
            content((Envelope<Paged<AdminBooking>> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A parameter is wrong or unknown; `errors[0].field` names it"),
        (status = 401, description = "Missing, unknown or revoked secret key"),
        (status = 503, description = "The database did not answer; nothing changed, retry"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: std::result::Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let params = Params::parse(query, LIST_PARAMS)?;
    let page = params.page()?;
    let filter = filter(&params)?;
    let paged = admin::list_bookings(&state.services.store, &filter, page).await?;
    if !wants_csv(&headers) {
        return Ok(ok(paged));
    }
    let body = super::csv::bookings_csv(&paged.items)
        .map_err(|e| ApiError::internal(format!("cannot write the CSV: {e}")))?;
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"bookings.csv\""),
    );
    h.insert("x-total-count", HeaderValue::from(paged.total_count));
    h.insert("x-total-pages", HeaderValue::from(paged.total_pages));
    Ok(response)
}

/// One booking, with its payments.
#[utoipa::path(
    get, path = "/admin/v1/bookings/{bookingId}", tag = "operator",
    params(("bookingId" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The booking", body = Envelope<AdminBooking>),
        (status = 401, description = "Missing, unknown or revoked secret key"),
        (status = 503, description = "The database did not answer; nothing changed, retry"),
        (status = 404, description = "No booking with this id"),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    Path(booking_id): Path<String>,
) -> Result<Response> {
    Ok(ok(admin::booking(&state.services.store, &booking_id).await?))
}

/// Cancels a booking: its unit is free again, the webhook hears
/// `booking.cancelled`. A second cancellation answers the same cancelled
/// booking and does nothing.
#[utoipa::path(
    post, path = "/admin/v1/bookings/{bookingId}/cancel", tag = "operator",
    params(("bookingId" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The cancelled booking", body = Envelope<AdminBooking>),
        (status = 401, description = "Missing, unknown or revoked secret key"),
        (status = 503, description = "The database did not answer; nothing changed, retry"),
        (status = 404, description = "No booking with this id"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    SecretKeyId(key_id): SecretKeyId,
    Path(booking_id): Path<String>,
) -> Result<Response> {
    let loaded = state.services.snapshot().await?.loaded;
    let cancellation = admin::cancel_booking(
        &state.services.store,
        &*state.services.backend,
        &loaded.catalogue,
        &state.services.mailer,
        &booking_id,
    )
    .await?;
    if cancellation.newly_cancelled {
        tracing::info!(%booking_id, %key_id, "booking cancelled; unit freed");
        state.services.outbox_notify.notify_one();
        state.services.mail_notify.notify_one();
        state.services.listings.invalidate();
    } else {
        tracing::info!(%booking_id, %key_id, "booking was already cancelled");
    }
    Ok(ok(cancellation.booking))
}
