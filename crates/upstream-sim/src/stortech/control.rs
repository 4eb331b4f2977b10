//! Stortech's part of the control API (`/_sim/...`): inspection of bookings,
//! customers, units and deliveries; the desk's actions; webhook faults; rate
//! limits; reset. The shared part (faults, requests, tokens) is
//! [`crate::control`].

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::model::{Booking, Customer, Unit, UnitStatus, Webhook};
use super::store::{Refusal, TypeAvailability};
use super::webhooks::{Delivery, DeliveryFault};
use super::{BucketInfo, StortechState};
use crate::control::{ControlError, ControlJson};

type Shared = State<Arc<StortechState>>;

pub(super) fn router(state: Arc<StortechState>) -> Router {
    Router::new()
        .route("/_sim/bookings", get(bookings))
        .route("/_sim/bookings/{booking_id}/confirm", post(confirm))
        .route("/_sim/bookings/{booking_id}/cancel", post(cancel))
        .route("/_sim/customers", get(customers))
        .route("/_sim/units", get(units))
        .route("/_sim/units/{unit_id}/status", post(set_status))
        .route(
            "/_sim/facilities/{facility_id}/availability",
            get(availability),
        )
        .route(
            "/_sim/facilities/{facility_id}/unit-types/{unit_type_id}/take",
            post(take),
        )
        .route(
            "/_sim/desk/take-on-next-booking",
            post(take_on_next_booking),
        )
        .route("/_sim/webhooks", get(webhooks))
        .route("/_sim/deliveries", get(deliveries))
        .route("/_sim/deliveries/{delivery_id}/replay", post(replay))
        .route("/_sim/webhook-faults", post(arm_delivery_fault))
        .route("/_sim/rate-limits", get(rate_limits))
        .route("/_sim/rate-limits/reset", post(reset_rate_limits))
        .route("/_sim/reset", post(reset))
        .with_state(state)
}

fn refused(refusal: Refusal) -> ControlError {
    match refusal {
        Refusal::NotFound(what) => ControlError::not_found(format!("{what} not found")),
        Refusal::Invalid(details) => ControlError::bad_request(
            details
                .iter()
                .map(|d| format!("{}: {}", d.field, d.message))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => ControlError::conflict(other.to_string()),
    }
}

async fn bookings(State(state): Shared) -> Json<Vec<Booking>> {
    Json(state.read(|s| s.bookings.clone()))
}

async fn confirm(
    State(state): Shared,
    Path(id): Path<String>,
) -> Result<Json<Booking>, ControlError> {
    state
        .run(|s| s.confirm_booking(&id))
        .map(Json)
        .map_err(refused)
}

async fn cancel(
    State(state): Shared,
    Path(id): Path<String>,
) -> Result<Json<Booking>, ControlError> {
    state
        .run(|s| s.cancel_booking(&id))
        .map(Json)
        .map_err(refused)
}

async fn customers(State(state): Shared) -> Json<Vec<Customer>> {
    Json(state.read(|s| s.customers.clone()))
}

/// Every unit (no paging), filtered by `facility_id`, `unit_type_id`, `status`.
async fn units(
    State(state): Shared,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Vec<Unit>>, ControlError> {
    let status = match query.get("status") {
        None => None,
        Some(text) => Some(
            UnitStatus::parse(text)
                .ok_or_else(|| ControlError::bad_request(format!("unknown status {text}")))?,
        ),
    };
    let wanted = |u: &&Unit| {
        query.get("facility_id").is_none_or(|f| &u.facility_id == f)
            && query
                .get("unit_type_id")
                .is_none_or(|t| &u.unit_type_id == t)
            && status.is_none_or(|s| u.status == s)
    };
    Ok(Json(state.read(|s| {
        s.units.iter().filter(wanted).cloned().collect()
    })))
}

#[derive(Debug, Deserialize)]
struct StatusChange {
    status: UnitStatus,
}

/// The desk changes a unit's status (and a `unit.status_changed` goes out).
async fn set_status(
    State(state): Shared,
    Path(unit_id): Path<String>,
    ControlJson(change): ControlJson<StatusChange>,
) -> Result<Json<Unit>, ControlError> {
    state
        .run(|s| s.desk_set_status(&unit_id, change.status))
        .map(Json)
        .map_err(refused)
}

async fn availability(
    State(state): Shared,
    Path(facility_id): Path<String>,
) -> Result<Json<Vec<TypeAvailability>>, ControlError> {
    state
        .read(|s| s.availability(&facility_id))
        .map(Json)
        .map_err(refused)
}

#[derive(Debug, Deserialize)]
struct Take {
    #[serde(default = "one")]
    count: usize,
    #[serde(default = "occupied")]
    status: UnitStatus,
}

fn one() -> usize {
    1
}

fn occupied() -> UnitStatus {
    UnitStatus::Occupied
}

/// The desk takes the first `count` available units of a type.
async fn take(
    State(state): Shared,
    Path((facility_id, unit_type_id)): Path<(String, String)>,
    ControlJson(take): ControlJson<Take>,
) -> Result<Json<Vec<Unit>>, ControlError> {
    state
        .run(|s| s.desk_take(&facility_id, &unit_type_id, take.count, take.status))
        .map(Json)
        .map_err(refused)
}

#[derive(Debug, Deserialize)]
struct Count {
    #[serde(default = "one")]
    count: usize,
}

async fn take_on_next_booking(
    State(state): Shared,
    ControlJson(count): ControlJson<Count>,
) -> Json<Value> {
    let pending = state.run(|s| {
        s.take_on_next_booking = s
            .take_on_next_booking
            .saturating_add(u32::try_from(count.count).unwrap_or(u32::MAX));
        Ok(s.take_on_next_booking)
    });
    Json(json!({ "take_on_next_booking": pending.unwrap_or_default() }))
}

async fn webhooks(State(state): Shared) -> Json<Vec<Webhook>> {
    Json(state.read(|s| s.webhooks.clone()))
}

async fn deliveries(State(state): Shared) -> Json<Vec<Delivery>> {
    Json(state.webhooks.deliveries())
}

async fn replay(
    State(state): Shared,
    Path(delivery_id): Path<String>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let id = state
        .read(|s| state.webhooks.replay(&delivery_id, &s.webhooks))
        .ok_or_else(|| ControlError::not_found(format!("delivery {delivery_id} not found")))?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "id": id }))))
}

async fn arm_delivery_fault(
    State(state): Shared,
    ControlJson(fault): ControlJson<DeliveryFault>,
) -> StatusCode {
    state.webhooks.arm(fault);
    StatusCode::NO_CONTENT
}

async fn rate_limits(State(state): Shared) -> Json<Vec<BucketInfo>> {
    Json(state.limiter.buckets())
}

async fn reset_rate_limits(State(state): Shared) -> StatusCode {
    state.limiter.reset();
    StatusCode::NO_CONTENT
}

async fn reset(State(state): Shared) -> Result<StatusCode, ControlError> {
    state
        .reset()
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(ControlError::conflict)
}
