//! StoRegister's part of the control API: availability, tenant tokens,
//! quote previews, reset.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{post, put};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::account::AvailabilityChange;
use super::StoRegisterState;
use crate::control::{ControlError, ControlJson};

type Shared = State<Arc<StoRegisterState>>;

pub(super) fn router(state: Arc<StoRegisterState>) -> Router {
    Router::new()
        .route("/_sim/sizes/{size_id}/availability", put(set_availability))
        .route("/_sim/tenants/{contact_id}/tokens", post(issue_token))
        .route("/_sim/quotes", post(put_quote))
        .route("/_sim/reset", post(reset))
        .with_state(state)
}

async fn set_availability(
    State(state): Shared,
    Path(size_id): Path<String>,
    ControlJson(change): ControlJson<AvailabilityChange>,
) -> Result<Json<Value>, ControlError> {
    match state.change(|a| a.set_availability(&size_id, &change)) {
        0 => Err(ControlError::not_found(format!(
            "no size {size_id} (or no such price row) in any listing"
        ))),
        changed => Ok(Json(json!({ "changed": changed }))),
    }
}

/// A session token for the tenant; the value is for the test to send as `X-Token`.
async fn issue_token(
    State(state): Shared,
    Path(contact_id): Path<String>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let token = state
        .issue_tenant_token(&contact_id)
        .ok_or_else(|| ControlError::not_found(format!("no tenant {contact_id}")))?;
    Ok((StatusCode::CREATED, Json(json!({ "token": token }))))
}

async fn put_quote(
    State(state): Shared,
    ControlJson(quote): ControlJson<Value>,
) -> Result<(StatusCode, Json<Value>), ControlError> {
    let id = state
        .change(|a| a.put_quote(quote))
        .map_err(ControlError::bad_request)?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

async fn reset(State(state): Shared) -> Result<StatusCode, ControlError> {
    state
        .reset()
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(ControlError::conflict)
}
