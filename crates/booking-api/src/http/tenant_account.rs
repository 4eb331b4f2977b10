//! The tenant's account: `POST /v1/tenant/sign-in`, `POST /v1/tenant/session`,
//! `GET /v1/tenant/`, `DELETE /v1/tenant/session`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use booking_model::{SessionRequest, SignInRequest};

use super::error::{ok, ApiError, Result};
use super::extract::{ApiKey, JsonBody};
use crate::service::ServiceError;
use crate::state::AppState;

/// The session token's header.
pub const X_TOKEN: &str = "x-token";

fn token(headers: &HeaderMap) -> Result<&str> {
    headers
        .get(X_TOKEN)
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty() && t.len() <= 256)
        .ok_or_else(|| ApiError::from(ServiceError::NoSession))
}

/// Sends a sign-in code to the address if it has bookings under this key's
/// properties. The answer is the same either way.
#[utoipa::path(
    post, path = "/v1/tenant/sign-in", tag = "tenant",
    request_body(content = SignInRequest, content_type = "application/json"),
    responses(
        (status = 202, description = "Accepted: if the address has bookings here, a code is on its way", body = super::openapi::SignInEnvelope),
        (status = 400, response = super::openapi::BadRequest),
        (status = 413, response = super::openapi::PayloadTooLarge),
        (status = 415, response = super::openapi::UnsupportedMediaType),
        (status = 422, response = super::openapi::Unprocessable),
        (status = 429, response = super::openapi::RateLimited),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiKey(key): ApiKey,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    super::admit(&state.sign_in_limiter, &state, client.ip(), &headers)?;
    let request = SignInRequest::from_json(&body)?;
    state
        .sign_in_address_limiter
        .check(request.email.clone())
        .map_err(ApiError::retry_after)?;
    let accepted = state.services.request_sign_in(&key, request.email);
    Ok(ok(StatusCode::ACCEPTED, accepted))
}

/// Exchanges the code for a session token (send it as `X-Token`).
#[utoipa::path(
    post, path = "/v1/tenant/session", tag = "tenant",
    request_body(content = SessionRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Signed in", body = super::openapi::SessionEnvelope),
        (status = 400, response = super::openapi::BadRequest),
        (status = 413, response = super::openapi::PayloadTooLarge),
        (status = 415, response = super::openapi::UnsupportedMediaType),
        (status = 422, response = super::openapi::CodeUnprocessable),
        (status = 429, response = super::openapi::RateLimited),
        (status = 503, response = super::openapi::Unavailable),
    )
)]
pub async fn open_session(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiKey(key): ApiKey,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    super::admit(&state.session_limiter, &state, client.ip(), &headers)?;
    let request = SessionRequest::from_json(&body)?;
    let session = state
        .services
        .open_session(&key, &request.email, &request.code)
        .await?;
    Ok(ok(StatusCode::CREATED, session))
}

/// The tenant view: contact, insight, contracts, unpaid invoices.
#[utoipa::path(
    get, path = "/v1/tenant/", tag = "tenant",
    params(("X-Token" = String, Header, description = "The session token")),
    responses(
        (status = 200, description = "The tenant's account", body = super::openapi::TenantAccountEnvelope),
        (status = 401, response = super::openapi::SessionUnauthorized),
        (status = 404, response = super::openapi::NotFound),
        (status = 503, response = super::openapi::Unavailable),
    )
)]
pub async fn account(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    headers: HeaderMap,
) -> Result<Response> {
    let token = token(&headers)?;
    if let Some(storegister) = state
        .storegister
        .as_ref()
        .filter(|s| key.property_ids.iter().any(|id| s.serves(id)))
    {
        // StoRegister keeps its tenants' accounts: its answer, as it is.
        let (status, body) = storegister
            .tenant(token)
            .await
            .map_err(ServiceError::from)?;
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        return Ok((status, axum::Json(body)).into_response());
    }
    let view = state.services.tenant_account(&key, token).await?;
    Ok(ok(StatusCode::OK, view))
}

/// Signs out: the token is void.
#[utoipa::path(
    delete, path = "/v1/tenant/session", tag = "tenant",
    params(("X-Token" = String, Header, description = "The session token")),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, response = super::openapi::SessionUnauthorized),
        (status = 503, response = super::openapi::Unavailable),
    )
)]
pub async fn close_session(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    headers: HeaderMap,
) -> Result<Response> {
    let token = token(&headers)?;
    state.services.close_session(&key, token).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
