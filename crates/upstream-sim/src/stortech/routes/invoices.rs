//! "Payment Processing": a facility's invoices (filtered, not paged: the
//! reference shows no pagination block there) and paying one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde_json::json;

use super::parsed;
use crate::stortech::auth::Caller;
use crate::stortech::error::{ApiError, Body};
use crate::stortech::model::InvoiceStatus;
use crate::stortech::store::{InvoiceFilter, NewPayment};
use crate::stortech::StortechState;

pub(super) async fn list(
    State(state): State<Arc<StortechState>>,
    _caller: Caller,
    Path(facility_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut errors = Vec::new();
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let filter = InvoiceFilter {
        customer_id: query.get("customer_id").cloned(),
        status: parsed(
            &query,
            "status",
            InvoiceStatus::parse,
            "pending, paid, overdue or failed",
            &mut errors,
        ),
        date_from: parsed(&query, "date_from", date, "a date, YYYY-MM-DD", &mut errors),
        date_to: parsed(&query, "date_to", date, "a date, YYYY-MM-DD", &mut errors),
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    state
        .read(|s| {
            s.invoices(&facility_id, &filter)
                .map(|invoices| Json(json!({ "data": invoices })).into_response())
        })
        .map_err(|r| state.refuse(r))
}

pub(super) async fn pay(
    State(state): State<Arc<StortechState>>,
    caller: Caller,
    Path((facility_id, invoice_id)): Path<(String, String)>,
    Body(new): Body<NewPayment>,
) -> Result<Response, ApiError> {
    caller.require_write()?;
    state
        .run(|s| s.pay_invoice(&facility_id, &invoice_id, new))
        .map(|payment| (StatusCode::CREATED, Json(payment)).into_response())
        .map_err(|r| state.refuse(r))
}
