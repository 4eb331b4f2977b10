//! A booking made in Stortech, exactly once per idempotency key.
//!
//! The attempt (key, customer, unit) is written here before the upstream
//! is asked. When an answer is lost (timeout, reset, restart of this
//! server), the customer's `active_rentals` are searched for that unit and
//! move-in date before anything is sent again: found, it is the booking;
//! not found, nothing was booked and the attempt goes on.

use std::str::FromStr;

use booking_model::{Selection, Tenant};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{json, Value};

use super::client::CallError;
use super::mapping::Unit;
use super::{snapshot, Stortech};
use crate::backend::BackendError;
use crate::db::upstream::{AttemptState, UpstreamAttempt, UpstreamBooked};
use crate::db::{BookOutcome, NewBooking, NewEvent};

#[derive(Debug, Deserialize)]
struct Customer {
    id: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    active_rentals: Vec<Rental>,
}

#[derive(Debug, Deserialize)]
struct Rental {
    unit_id: String,
    unit_number: String,
    move_in_date: String,
}

#[derive(Debug, Deserialize)]
struct Booked {
    id: String,
    unit_id: String,
    unit_number: String,
    #[serde(default)]
    total_due_today: Option<booking_model::JsonDecimal>,
}

/// A refusal of the tenant's data (422 naming fields) becomes ours,
/// with the reference's field names mapped to the request's.
fn upstream(error: &CallError) -> BackendError {
    match error {
        CallError::Status {
            status: 422 | 400,
            fields,
            ..
        } => refused(fields),
        other => BackendError::Upstream(other.to_string()),
    }
}

fn refused(fields: &[String]) -> BackendError {
    use booking_model::{ErrorCode, FieldError};
    let ours = |field: &str| -> Option<&'static str> {
        Some(match field {
            "email" => "tenant.email",
            "phone" => "tenant.phoneNumber",
            "first_name" => "tenant.firstName",
            "last_name" => "tenant.lastName",
            "address.street" | "address" => "tenant.address",
            "address.city" => "tenant.city",
            "address.postal_code" => "tenant.postalCode",
            "address.country" => "tenant.countryISOCode2",
            "move_in_date" => "moveInDate",
            "promotional_code" => "promoCode",
            _ => return None,
        })
    };
    let mut errors: Vec<FieldError> = fields
        .iter()
        .filter_map(|f| ours(f))
        .map(|f| {
            FieldError::new(
                f,
                ErrorCode::InvalidValue,
                "the operator's management system refused this value",
            )
        })
        .collect();
    if errors.is_empty() {
        errors.push(FieldError::general(
            ErrorCode::InvalidValue,
            "the operator's management system refused the booking's details",
        ));
    }
    BackendError::Refused(errors)
}

fn internal(what: &str) -> BackendError {
    BackendError::Upstream(format!("booking record unreadable: {what}"))
}

/// What `book` needs from our record, parsed.
struct Request<'a> {
    booking: &'a NewBooking,
    facility_id: &'a str,
    unit_type_id: &'a str,
    move_in: String,
    promo_code: Option<String>,
    tenant: Tenant,
}

pub(super) async fn book(st: &Stortech, booking: NewBooking) -> Result<BookOutcome, BackendError> {
    if st
        .store
        .stored_response(&booking.api_key, &booking.idempotency_key)
        .await?
        .is_some()
    {
        return Ok(BookOutcome::KeyTaken);
    }
    let selection: Selection =
        serde_json::from_str(&booking.selection).map_err(|_| internal("selection"))?;
    let tenant: Tenant = serde_json::from_str(&booking.tenant).map_err(|_| internal("tenant"))?;
    let request = Request {
        booking: &booking,
        facility_id: &booking.property_id,
        unit_type_id: &booking.price_id,
        move_in: selection.move_in_date.format("%Y-%m-%d").to_string(),
        promo_code: selection.promo_code.clone().filter(|c| !c.is_empty()),
        tenant,
    };
    // One request at a time per key, across instances: the lease is taken
    // in the database before anything is asked upstream.
    let now_ms = chrono::Utc::now().timestamp_millis();
    let claimed = st
        .store
        .claim_upstream_attempt(
            UpstreamAttempt {
                api_key: booking.api_key.clone(),
                idempotency_key: booking.idempotency_key.clone(),
                upstream: "stortech".into(),
                facility_id: request.facility_id.to_owned(),
                customer_id: None,
                unit_id: None,
                move_in_date: request.move_in.clone(),
                state: AttemptState::Sending,
            },
            now_ms,
            now_ms + LEASE_MS,
        )
        .await?;
    if !claimed {
        return Ok(BookOutcome::KeyTaken);
    }
    let mut lease = Lease {
        store: Some(st.store.clone()),
        api_key: booking.api_key.clone(),
        idempotency_key: booking.idempotency_key.clone(),
    };
    let result = book_leased(st, &request).await;
    if let Some(store) = lease.store.take() {
        store
            .release_upstream_attempt(&lease.api_key, &lease.idempotency_key)
            .await?;
    }
    result
}

/// How long a request may hold a key before another may take it over
/// (a crashed instance's key is free again after this).
const LEASE_MS: i64 = 120_000;

/// Gives the key's lease back even when the request is dropped midway.
struct Lease {
    store: Option<crate::db::Store>,
    api_key: String,
    idempotency_key: String,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            let (api_key, key) = (self.api_key.clone(), self.idempotency_key.clone());
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    let _ = store.release_upstream_attempt(&api_key, &key).await;
                });
            }
        }
    }
}

async fn book_leased(st: &Stortech, request: &Request<'_>) -> Result<BookOutcome, BackendError> {
    let booking = request.booking;
    // An earlier attempt of this key whose answer was not seen: it may
    // have booked. Look before sending anything.
    if let Some((attempt, _)) = st
        .store
        .upstream_attempt(&booking.api_key, &booking.idempotency_key)
        .await?
    {
        if attempt.state == AttemptState::Sending {
            if let (Some(customer), Some(unit)) = (&attempt.customer_id, &attempt.unit_id) {
                if let Some(found) = find_rental(st, request, customer, unit).await? {
                    tracing::info!(
                        unit_id = %unit,
                        "stortech: an earlier attempt of this key had booked; recording it"
                    );
                    return record(st, request, found).await;
                }
            }
        }
    }

    let customer = customer_id(st, request).await?;
    let mut units: Vec<Unit> = snapshot::units(
        &st.client,
        request.facility_id,
        &[
            ("status", "available".to_owned()),
            ("unit_type_id", request.unit_type_id.to_owned()),
        ],
    )
    .await
    .map_err(|e| upstream(&e))?;
    units.retain(|u| u.status == "available" && u.unit_type.id == request.unit_type_id);
    // Concurrent tenants start at different units: fewer collisions.
    if !units.is_empty() {
        let start = usize::from(uuid::Uuid::new_v4().as_bytes()[0]) % units.len();
        units.rotate_left(start);
    }
    for unit in &units {
        st.store
            .save_upstream_attempt(UpstreamAttempt {
                api_key: booking.api_key.clone(),
                idempotency_key: booking.idempotency_key.clone(),
                upstream: "stortech".into(),
                facility_id: request.facility_id.to_owned(),
                customer_id: Some(customer.clone()),
                unit_id: Some(unit.id.clone()),
                move_in_date: request.move_in.clone(),
                state: AttemptState::Sending,
            })
            .await?;
        let mut body = json!({
            "customer_id": customer,
            "unit_id": unit.id,
            "move_in_date": request.move_in,
        });
        if let Some(code) = &request.promo_code {
            body["promotional_code"] = json!(code);
        }
        let path = format!("/api/v1/facilities/{}/bookings", request.facility_id);
        match st.client.post(&path, &body).await {
            Ok(answer) => {
                let booked: Booked = serde_json::from_value(answer)
                    .map_err(|e| BackendError::Upstream(format!("booking answer: {e}")))?;
                return record(
                    st,
                    request,
                    UpstreamBooked {
                        upstream_booking_id: Some(booked.id),
                        unit_id: booked.unit_id,
                        unit_number: booked.unit_number,
                        total_due_today: booked.total_due_today.map(|d| d.0.to_string()),
                        our_due_at_move_in: booking.due_at_move_in.clone(),
                        price_mismatch: false,
                        mismatch_event: None,
                    },
                )
                .await;
            }
            Err(CallError::Status { status, fields, .. })
                if status == 409
                    || (status == 422
                        && (fields.is_empty() || fields.iter().any(|f| f == "unit_id"))) =>
            {
                tracing::info!(unit_id = %unit.id, status, "stortech: unit taken meanwhile; trying the next");
                mark_refused(st, request, &customer, &unit.id).await?;
            }
            Err(
                error @ CallError::Status {
                    status: 422 | 400, ..
                },
            ) => {
                // A refusal of the request's data: nothing was booked.
                mark_refused(st, request, &customer, &unit.id).await?;
                return Err(upstream(&error));
            }
            Err(CallError::NotSent(why)) => {
                mark_refused(st, request, &customer, &unit.id).await?;
                return Err(BackendError::Upstream(format!("not sent: {why}")));
            }
            Err(error) => {
                // Lost, a 5xx or an unreadable answer: it may have booked.
                tracing::warn!(unit_id = %unit.id, error = %error, "stortech: no answer to a booking; looking for it");
                if let Ok(Some(found)) = find_rental(st, request, &customer, &unit.id).await {
                    return record(st, request, found).await;
                }
                return Err(upstream(&error));
            }
        }
    }
    // The snapshot thought otherwise: read what is free there again.
    st.refresh_facility(request.facility_id);
    Ok(BookOutcome::SoldOut)
}

/// The unit was refused: nothing was booked with it.
async fn mark_refused(
    st: &Stortech,
    request: &Request<'_>,
    customer: &str,
    unit_id: &str,
) -> Result<(), BackendError> {
    st.store
        .save_upstream_attempt(UpstreamAttempt {
            api_key: request.booking.api_key.clone(),
            idempotency_key: request.booking.idempotency_key.clone(),
            upstream: "stortech".into(),
            facility_id: request.facility_id.to_owned(),
            customer_id: Some(customer.to_owned()),
            unit_id: Some(unit_id.to_owned()),
            move_in_date: request.move_in.clone(),
            state: AttemptState::Refused,
        })
        .await?;
    Ok(())
}

/// Our booking with the upstream's, in one transaction; a total that is
/// not ours is kept and reported.
async fn record(
    st: &Stortech,
    request: &Request<'_>,
    mut booked: UpstreamBooked,
) -> Result<BookOutcome, BackendError> {
    let ours = Decimal::from_str(&request.booking.due_at_move_in).ok();
    let theirs = booked
        .total_due_today
        .as_deref()
        .and_then(|t| Decimal::from_str(t).ok());
    booked.price_mismatch = matches!((ours, theirs), (Some(a), Some(b)) if a != b);
    if booked.price_mismatch {
        tracing::warn!(
            event = "booking.price_mismatch",
            booking_id = %request.booking.id,
            upstream_booking_id = ?booked.upstream_booking_id,
            ours = %request.booking.due_at_move_in,
            upstream = ?booked.total_due_today,
            "stortech: the upstream's total due at move-in differs from ours; the upstream's is owed"
        );
        // The operator hears of it where they hear of the booking: the
        // key's webhook (when it has one).
        if request.booking.event.is_some() {
            booked.mismatch_event = Some(NewEvent {
                id: format!("msg_{}", uuid::Uuid::new_v4().simple()),
                event_type: "booking.price_mismatch".into(),
                payload: json!({
                    "type": "booking.price_mismatch",
                    "timestamp": request.booking.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    "data": {
                        "bookingId": request.booking.id,
                        "transactId": request.booking.transact_id,
                        "upstream": "stortech",
                        "upstreamBookingId": booked.upstream_booking_id,
                        "unitNumber": booked.unit_number,
                        "dueAtMoveIn": request.booking.due_at_move_in,
                        "upstreamTotalDueToday": booked.total_due_today,
                    },
                })
                .to_string(),
            });
        }
    }
    let outcome = st
        .store
        .record_upstream_booking(request.booking.clone(), request.facility_id, booked.clone())
        .await?;
    if outcome == BookOutcome::Booked {
        tracing::info!(
            booking_id = %request.booking.id,
            upstream_booking_id = ?booked.upstream_booking_id,
            unit_number = %booked.unit_number,
            "stortech: booked"
        );
        // The upstream's `booking.created` webhook has the facility read
        // again; until then the snapshot counts this unit as taken.
        if let Some(current) = st.snapshots.current() {
            current.took_one(request.facility_id, request.unit_type_id);
        }
    }
    Ok(outcome)
}

/// Customers whose e-mail is the tenant's (the search matches substrings).
async fn customers(st: &Stortech, request: &Request<'_>) -> Result<Vec<Customer>, BackendError> {
    let email = request.tenant.email.trim();
    let found: Vec<Customer> = snapshot::all_pages(
        &st.client,
        &format!("/api/v1/facilities/{}/customers", request.facility_id),
        &[("search", email.to_owned())],
    )
    .await
    .map_err(|e| upstream(&e))?;
    Ok(found
        .into_iter()
        .filter(|c| c.email.trim().eq_ignore_ascii_case(email))
        .collect())
}

/// The rental an attempt may have made, as a booking record.
async fn find_rental(
    st: &Stortech,
    request: &Request<'_>,
    customer_id: &str,
    unit_id: &str,
) -> Result<Option<UpstreamBooked>, BackendError> {
    let found = customers(st, request).await?;
    Ok(found
        .iter()
        .filter(|c| c.id == customer_id)
        .flat_map(|c| &c.active_rentals)
        .find(|r| r.unit_id == unit_id && r.move_in_date == request.move_in)
        .map(|r| UpstreamBooked {
            upstream_booking_id: None,
            unit_id: r.unit_id.clone(),
            unit_number: r.unit_number.clone(),
            total_due_today: None,
            our_due_at_move_in: request.booking.due_at_move_in.clone(),
            price_mismatch: false,
            mismatch_event: None,
        }))
}

/// The tenant's customer at the facility, created when none has the e-mail.
async fn customer_id(st: &Stortech, request: &Request<'_>) -> Result<String, BackendError> {
    if let Some(existing) = customers(st, request).await?.into_iter().next() {
        return Ok(existing.id);
    }
    let t = &request.tenant;
    let mut digits: String = t
        .phone_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if digits.len() == 11 && digits.starts_with('1') {
        digits.remove(0);
    }
    let mut body = json!({
        "first_name": t.first_name,
        "last_name": t.last_name,
        "email": t.email.trim(),
        "language": "en",
        "address": {
            "street": t.address,
            "city": t.city,
            "province": "",
            "postal_code": t.postal_code,
            "country": t.country_iso_code2,
        },
    });
    // The reference's phone is 10 digits; another number is left out
    // rather than refused.
    if digits.len() == 10 {
        body["phone"] = json!(digits);
    }
    let created: Value = st
        .client
        .post(
            &format!("/api/v1/facilities/{}/customers", request.facility_id),
            &body,
        )
        .await
        .map_err(|e| upstream(&e))?;
    created["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| BackendError::Upstream("customer answer without id".into()))
}
