//! `POST /v1/waiting-list`: a tenant asks to hear when a sold-out price frees up.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use booking_model::WaitingListRequest;

use super::error::{ok, Result};
use super::extract::{ApiKey, JsonBody};
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
    super::admit(&state.booking_limiter, &state, client.ip(), &headers)?;
    let request = WaitingListRequest::from_json(&body)?;
    let entry = state.services.join_waiting_list(&key, request).await?;
    Ok(ok(StatusCode::CREATED, entry))
}
