//! `GET /admin/v1/waiting-list`: who asked to hear of a sold-out size.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use booking_model::Envelope;

use super::{ok, Params};
use crate::http::error::Result;
use crate::service::admin::{self, Paged, WaitingEntry};
use crate::state::AppState;

/// A page of the waiting list, newest first.
#[utoipa::path(
    get, path = "/admin/v1/waiting-list", tag = "operator",
    params(
        ("page" = Option<u32>, Query, description = "From 1 (default 1)"),
        ("pageSize" = Option<u32>, Query, description = "1 to 100 (default 20)"),
        ("propertyInfoId" = Option<String>, Query),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The page", body = Envelope<Paged<WaitingEntry>>),
        (status = 400, description = "A parameter is wrong or unknown; `errors[0].field` names it"),
        (status = 401, description = "Missing, unknown or revoked secret key"),
        (status = 503, description = "The database did not answer; nothing changed, retry"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    query: std::result::Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let params = Params::parse(query, &["page", "pageSize", "propertyInfoId"])?;
    let page = params.page()?;
    let property = params.id("propertyInfoId")?;
    Ok(ok(admin::waiting_list(
        &state.services.store,
        property.as_deref(),
        page,
    )
    .await?))
}
