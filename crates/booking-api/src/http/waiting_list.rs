//! `POST /v1/waiting-list`: a tenant asks to hear when a sold-out price frees up.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use booking_model::{validate_contact, WaitingListRequest, WaitingListResponse};

use super::error::{ok, ApiError, Result};
use super::extract::{ApiKey, JsonBody};
use super::quotes::price;
use crate::db::NewWaiting;
use crate::state::AppState;

/// Keeps a contact for the operator; the selection must be a valid one.
#[utoipa::path(
    post, path = "/v1/waiting-list", tag = "booking",
    request_body(content = WaitingListRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Kept", body = super::openapi::WaitingListEnvelope),
        (status = 400, response = super::openapi::BadRequest),
        (status = 413, response = super::openapi::PayloadTooLarge),
        (status = 415, response = super::openapi::UnsupportedMediaType),
        (status = 422, response = super::openapi::Unprocessable),
        (status = 429, response = super::openapi::RateLimited),
    )
)]
pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiKey(key): ApiKey,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    // The same per-client limit as bookings: a public write either way.
    super::admit_write(&state, client.ip(), &headers)?;
    let request = WaitingListRequest::from_json(&body)?;
    let loaded = state.catalogue.get(&state.store).await?;
    let mut errors = validate_contact(&request.contact);
    match price(&loaded, &key, &request.selection) {
        Ok(_) => {}
        Err(mut e) if e.status == booking_model::Status::ValidationFailed => {
            errors.append(&mut e.errors)
        }
        Err(e) => return Err(e),
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let created_at = chrono::Utc::now();
    let entry = NewWaiting {
        id: uuid::Uuid::new_v4().to_string(),
        api_key: key.key.clone(),
        property_id: request.selection.property_info_id.clone(),
        selection: serde_json::to_string(&request.selection).map_err(|_| ApiError::internal())?,
        contact: serde_json::to_string(&request.contact).map_err(|_| ApiError::internal())?,
        created_at: created_at.to_rfc3339(),
    };
    let id = entry.id.clone();
    state.store.add_waiting(entry).await?;
    Ok(ok(
        StatusCode::CREATED,
        WaitingListResponse {
            id,
            created_at,
            selection: request.selection,
        },
    ))
}
