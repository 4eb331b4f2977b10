//! "Unit Management": units of a facility (filtered by status and unit type,
//! paged by `limit`/`offset`) and "Update Unit Status".

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::parsed;
use crate::stortech::auth::Caller;
use crate::stortech::error::{ApiError, Body};
use crate::stortech::model::UnitStatus;
use crate::stortech::paging::Paging;
use crate::stortech::store::{UnitFilter, UnitPatch};
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
    let status = parsed(
        &query,
        "status",
        UnitStatus::parse,
        "available, occupied, maintenance or reserved",
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let filter = UnitFilter {
        status,
        unit_type_id: query.get("unit_type_id").cloned(),
    };
    state
        .read(|s| {
            s.units_page(&facility_id, &filter, paging)
                .map(|page| Json(&page).into_response())
        })
        .map_err(|r| state.refuse(r))
}

pub(super) async fn update(
    State(state): State<Arc<StortechState>>,
    caller: Caller,
    Path((facility_id, unit_id)): Path<(String, String)>,
    Body(patch): Body<UnitPatch>,
) -> Result<Response, ApiError> {
    caller.require_write()?;
    state
        .run(|s| s.patch_unit(&facility_id, &unit_id, patch))
        .map(|updated| Json(updated).into_response())
        .map_err(|r| state.refuse(r))
}
