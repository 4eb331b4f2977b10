//! The control API every simulator shares, under `/_sim`: faults, the request
//! log and the tokens issued. Its errors are `{"error": "message"}`, a shape
//! none of the references uses, so a test never mistakes one for upstream's.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{FromRequest, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::faults::Fault;
use crate::harness::Harness;
use crate::request_log::RequestSummary;

/// A control request that cannot be done.
#[derive(Debug)]
pub(crate) struct ControlError {
    status: StatusCode,
    message: String,
}

impl ControlError {
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::CONFLICT,
            message: message.into(),
        }
    }
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

/// A JSON body of the control API; a bad one is a 400 [`ControlError`].
#[derive(Debug)]
pub(crate) struct ControlJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ControlJson<T> {
    type Rejection = ControlError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| ControlError::bad_request(e.to_string()))?;
        let bytes: &[u8] = if bytes.is_empty() { b"{}" } else { &bytes };
        serde_json::from_slice(bytes)
            .map(ControlJson)
            .map_err(|e| ControlError::bad_request(format!("invalid body: {e}")))
    }
}

/// `POST /_sim/faults` takes one fault or a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Fault),
    Many(Vec<Fault>),
}

pub(crate) fn router(harness: Arc<Harness>) -> Router {
    Router::new()
        .route(
            "/_sim/faults",
            get(list_faults).post(arm_faults).delete(clear_faults),
        )
        .route("/_sim/requests", get(requests).delete(clear_requests))
        .route("/_sim/tokens", get(tokens))
        .route("/_sim/tokens/expire", post(expire_tokens))
        .route("/_sim/tokens/revoke", post(revoke_tokens))
        .with_state(harness)
}

async fn list_faults(State(harness): State<Arc<Harness>>) -> Json<Vec<Fault>> {
    Json(harness.faults.armed())
}

async fn arm_faults(
    State(harness): State<Arc<Harness>>,
    ControlJson(faults): ControlJson<OneOrMany>,
) -> Result<(StatusCode, Json<Vec<Fault>>), ControlError> {
    let faults = match faults {
        OneOrMany::One(fault) => vec![fault],
        OneOrMany::Many(faults) => faults,
    };
    for fault in faults {
        harness
            .faults
            .arm(fault)
            .map_err(ControlError::bad_request)?;
    }
    Ok((StatusCode::CREATED, Json(harness.faults.armed())))
}

async fn clear_faults(State(harness): State<Arc<Harness>>) -> StatusCode {
    harness.faults.clear();
    StatusCode::NO_CONTENT
}

async fn requests(
    State(harness): State<Arc<Harness>>,
    Query(filter): Query<HashMap<String, String>>,
) -> Json<RequestSummary> {
    Json(harness.requests.summary(
        filter.get("method").map(String::as_str),
        filter.get("path").map(String::as_str),
    ))
}

async fn clear_requests(State(harness): State<Arc<Harness>>) -> StatusCode {
    harness.requests.clear();
    StatusCode::NO_CONTENT
}

async fn tokens(State(harness): State<Arc<Harness>>) -> Json<Value> {
    let tokens = harness.tokens.list();
    let active = tokens.iter().filter(|t| t.state == "active").count();
    Json(json!({ "issued": tokens.len(), "active": active, "tokens": tokens }))
}

async fn expire_tokens(State(harness): State<Arc<Harness>>) -> StatusCode {
    harness.tokens.expire_all();
    StatusCode::NO_CONTENT
}

async fn revoke_tokens(State(harness): State<Arc<Harness>>) -> StatusCode {
    harness.tokens.revoke_all();
    StatusCode::NO_CONTENT
}
