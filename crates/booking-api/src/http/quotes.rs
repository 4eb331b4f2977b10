//! `POST /v1/quotes`: what a selection costs, priced from the catalogue by
//! the same mapping and crate the widget runs.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use booking_model::{parse_json, Selection};

use super::error::{ok, Result};
use super::extract::{ApiKey, JsonBody};
use crate::state::AppState;

/// Prices a selection; the widget's local quote must be this one.
#[utoipa::path(
    post, path = "/v1/quotes", tag = "booking",
    request_body(content = Selection, content_type = "application/json"),
    responses(
        (status = 200, description = "The quote and the pricing request built for it", body = super::openapi::QuoteEnvelope),
        (status = 400, response = super::openapi::BadRequest),
        (status = 413, response = super::openapi::PayloadTooLarge),
        (status = 415, response = super::openapi::UnsupportedMediaType),
        (status = 422, response = super::openapi::Unprocessable),
    )
)]
pub async fn quote(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let selection: Selection = parse_json(&body)?;
    let quote = state.services.quote(&key, &selection).await?;
    Ok(ok(StatusCode::OK, quote))
}
