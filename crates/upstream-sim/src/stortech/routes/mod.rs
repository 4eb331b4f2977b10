//! The reference's paths, one module per resource, behind the rate limit;
//! then the control API; all of it behind the harness (log and faults).

mod bookings;
mod customers;
mod facilities;
mod invoices;
mod units;
mod webhooks;

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, patch, post};
use axum::Router;

use super::auth;
use super::error::ApiError;
use super::store::FieldError;
use super::{control, rate_limit, StortechState};
use crate::harness::observe;

pub(crate) fn app(state: Arc<StortechState>) -> Router {
    let facility = "/api/v1/facilities/{facility_id}";
    let api = Router::new()
        .route("/api/v1/auth/token", post(auth::token))
        .route("/api/v1/auth/refresh", post(auth::refresh))
        .route("/api/v1/facilities", get(facilities::list))
        .route(facility, get(facilities::details))
        .route(&format!("{facility}/units"), get(units::list))
        .route(
            &format!("{facility}/units/{{unit_id}}"),
            patch(units::update),
        )
        .route(
            &format!("{facility}/customers"),
            get(customers::list).post(customers::create),
        )
        .route(&format!("{facility}/bookings"), post(bookings::create))
        .route(&format!("{facility}/invoices"), get(invoices::list))
        .route(
            &format!("{facility}/invoices/{{invoice_id}}/payments"),
            post(invoices::pay),
        )
        .route("/api/v1/webhooks", post(webhooks::register))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), rate_limit::limit))
        .with_state(state.clone());
    Router::new()
        .merge(control::router(state.clone()))
        .merge(crate::control::router(state.harness.clone()))
        .merge(api)
        .layer(from_fn_with_state(state.harness.clone(), observe))
}

async fn not_found() -> ApiError {
    ApiError::not_found("resource")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Method not allowed on this resource",
    )
}

/// A query parameter that must be one of a few words or a date.
fn parsed<T>(
    query: &HashMap<String, String>,
    field: &str,
    parse: impl Fn(&str) -> Option<T>,
    expected: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let text = query.get(field)?;
    let value = parse(text);
    if value.is_none() {
        errors.push(FieldError::new(field, &format!("must be {expected}")));
    }
    value
}
