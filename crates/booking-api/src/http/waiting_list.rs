//! `POST /v1/waiting-list`: a tenant asks to hear when a sold-out price frees up.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use booking_model::{Envelope, WaitingListRequest, WaitingListResponse};

use super::error::{ok, Result};
use super::extract::{ApiKey, JsonBody};
use crate::state::AppState;

/// Keeps a contact for the operator; the selection must be a valid one.
#[utoipa::path(
    post, path = "/v1/waiting-list", tag = "booking",
    request_body(content = WaitingListRequest, content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 201, description = "Kept", body = Envelope<WaitingListResponse>),
        (status = 422, description = "A field is wrong"),
        (status = 429, description = "Rate limited (shared with bookings); see Retry-After"),
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
    let entry = state.services.join_waiting_list(&key, request).await?;
    Ok(ok(StatusCode::CREATED, entry))
}
