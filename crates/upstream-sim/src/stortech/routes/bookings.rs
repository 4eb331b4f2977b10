//! "Create Booking".

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::stortech::auth::Caller;
use crate::stortech::error::{ApiError, Body};
use crate::stortech::store::NewBooking;
use crate::stortech::StortechState;

pub(super) async fn create(
    State(state): State<Arc<StortechState>>,
    caller: Caller,
    Path(facility_id): Path<String>,
    Body(new): Body<NewBooking>,
) -> Result<Response, ApiError> {
    caller.require_write()?;
    state
        .run(|s| s.book(&facility_id, new))
        .map(|booking| (StatusCode::CREATED, Json(booking)).into_response())
        .map_err(|r| state.refuse(r))
}
