//! "Register Webhook Endpoint".

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::stortech::auth::Caller;
use crate::stortech::error::{ApiError, Body};
use crate::stortech::store::NewWebhook;
use crate::stortech::StortechState;

/// 201 for a new hook; 200 when the URL was registered already and its
/// events and secret were replaced.
pub(super) async fn register(
    State(state): State<Arc<StortechState>>,
    caller: Caller,
    Body(new): Body<NewWebhook>,
) -> Result<Response, ApiError> {
    caller.require_write()?;
    let (hook, created) = state
        .run(|s| s.register_webhook(new))
        .map_err(|r| state.refuse(r))?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(hook)).into_response())
}
