//! "Facility Management": the list (paged) and one facility's details.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::stortech::auth::Caller;
use crate::stortech::error::ApiError;
use crate::stortech::paging::Paging;
use crate::stortech::StortechState;

pub(super) async fn list(
    State(state): State<Arc<StortechState>>,
    _caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let paging = Paging::from_query(&query).map_err(ApiError::validation)?;
    Ok(state.read(|s| Json(&s.facilities_page(paging)).into_response()))
}

pub(super) async fn details(
    State(state): State<Arc<StortechState>>,
    _caller: Caller,
    Path(facility_id): Path<String>,
) -> Result<Response, ApiError> {
    state
        .read(|s| s.facility(&facility_id).map(|f| Json(f).into_response()))
        .map_err(|r| state.refuse(r))
}
