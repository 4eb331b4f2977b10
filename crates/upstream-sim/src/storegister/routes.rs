//! The three documented endpoints, in the reference's envelope.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::account::{Failure, ListingQuery, BAD_CONTACT};
use super::{control, StoRegisterState};
use crate::harness::observe;
use crate::tokens::TokenCheck;

pub(crate) fn app(state: Arc<StoRegisterState>) -> Router {
    let api = Router::new()
        .route(
            "/v1/search/storage/{storage}/property/{property}/user-type/{user_type}/storageGroup/{group}/period/{period}/price/list",
            get(listing),
        )
        .route("/v1/booking/{booking_id}/activity-quotation/preview", get(quote))
        .route("/v1/tenant/", get(tenant))
        .route("/v1/tenant", get(tenant))
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), require_key))
        .with_state(state.clone());
    Router::new()
        .merge(control::router(state.clone()))
        .merge(crate::control::router(state.harness.clone()))
        .merge(api)
        .layer(from_fn_with_state(state.harness.clone(), observe))
}

pub(crate) fn success(data: Value) -> Response {
    Json(json!({ "data": data, "succeeded": true, "status": "SUCCESS", "errors": null }))
        .into_response()
}

/// The envelope of an unsuccessful call: `status` is the reference's error
/// code, and `errors` lists it with a message.
pub(crate) fn failure(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({
        "data": null,
        "succeeded": false,
        "status": code,
        "errors": [{ "code": code, "message": message }],
    });
    (status, Json(body)).into_response()
}

fn failed(failure: Failure) -> Response {
    self::failure(
        StatusCode::from_u16(failure.status).unwrap_or(StatusCode::BAD_REQUEST),
        failure.code,
        failure.message,
    )
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
}

/// Every documented call needs the operator's `X-API-Key`.
async fn require_key(
    State(state): State<Arc<StoRegisterState>>,
    request: Request,
    next: Next,
) -> Response {
    match header(request.headers(), "x-api-key") {
        Some(key) if state.accepts_key(key) => next.run(request).await,
        _ => failure(
            StatusCode::UNAUTHORIZED,
            "FAILED",
            "missing or invalid X-API-Key",
        ),
    }
}

async fn not_found() -> Response {
    failed(super::account::NO_RECORDS)
}

async fn listing(
    State(state): State<Arc<StoRegisterState>>,
    Path((storage, property, user_type, group, period)): Path<(
        String,
        String,
        String,
        String,
        String,
    )>,
) -> Response {
    let query = ListingQuery {
        storage_id: &storage,
        property_id: &property,
        user_type_id: &user_type,
        storage_group: &group,
        period: &period,
    };
    match state.read(|a| a.listing(&query, &state.fixture)) {
        Ok(data) => success(data),
        Err(f) => failed(f),
    }
}

async fn quote(
    State(state): State<Arc<StoRegisterState>>,
    Path(booking_id): Path<String>,
) -> Response {
    match state.read(|a| a.quote(&booking_id)) {
        Ok(data) => success(data),
        Err(f) => failed(f),
    }
}

/// The tenant whose session `X-Token` names.
async fn tenant(State(state): State<Arc<StoRegisterState>>, headers: HeaderMap) -> Response {
    let Some(token) = header(&headers, "x-token") else {
        return failure(StatusCode::UNAUTHORIZED, "FAILED", "missing X-Token");
    };
    let contact = match state.harness.tokens.check(token) {
        TokenCheck::Valid(grant) => grant.subject,
        TokenCheck::Expired => {
            return failure(
                StatusCode::UNAUTHORIZED,
                "FAILED",
                "the session has expired",
            )
        }
        TokenCheck::Revoked | TokenCheck::Unknown => {
            return failure(StatusCode::UNAUTHORIZED, "FAILED", "invalid X-Token")
        }
    };
    match state.read(|a| a.tenant(&contact).cloned()) {
        Some(data) => success(data),
        None => failed(BAD_CONTACT),
    }
}
