//! "Customer Management": search a facility's customers, create one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::parsed;
use crate::stortech::auth::Caller;
use crate::stortech::error::{ApiError, Body};
use crate::stortech::paging::Paging;
use crate::stortech::store::{CustomerFilter, NewCustomer};
use crate::stortech::StortechState;

pub(super) async fn list(
    State(state): State<Arc<StortechState>>,
    _caller: Caller,
    Path(facility_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut errors = Vec::new();
    let paging = Paging::from_query(&query).unwrap_or_else(|e| {
        errors.extend(e);
        Paging::default()
    });
    let active = parsed(
        &query,
        "status",
        |s| match s {
            "active" => Some(true),
            "inactive" => Some(false),
            _ => None,
        },
        "active or inactive",
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let filter = CustomerFilter {
        search: query.get("search").filter(|s| !s.is_empty()).cloned(),
        active,
    };
    state
        .read(|s| {
            s.customers_page(&facility_id, &filter, paging)
                .map(|page| Json(&page).into_response())
        })
        .map_err(|r| state.refuse(r))
}

pub(super) async fn create(
    State(state): State<Arc<StortechState>>,
    caller: Caller,
    Path(facility_id): Path<String>,
    Body(new): Body<NewCustomer>,
) -> Result<Response, ApiError> {
    caller.require_write()?;
    state
        .run(|s| s.create_customer(&facility_id, new))
        .map(|customer| (StatusCode::CREATED, Json(customer)).into_response())
        .map_err(|r| state.refuse(r))
}
