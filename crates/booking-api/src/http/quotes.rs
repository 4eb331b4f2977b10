//! `POST /v1/quotes`: what a selection costs, priced from the catalogue by
//! the same mapping and crate the widget runs.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use booking_model::{parse_json, pricing_request, ErrorCode, FieldError, QuoteResponse, Selection};
use pricing::{Quote, QuoteRequest};

use super::catalogue_routes::property_for;
use super::error::{ok, ApiError, Result};
use super::extract::{ApiKey, JsonBody};
use crate::catalogue::{CatalogueProperty, ListingFilter, PublishableKey};
use crate::state::{AppState, Loaded};

/// Validates a selection against the catalogue and prices it. No stock is
/// read: a quote is a price, and a booking's stock is the database's call.
///
/// # Errors
/// 422 naming every field at fault.
pub fn price<'a>(
    loaded: &'a Loaded,
    key: &PublishableKey,
    selection: &Selection,
) -> Result<(&'a CatalogueProperty, QuoteRequest, Quote)> {
    let property = property_for(loaded, key, &selection.property_info_id).ok_or_else(|| {
        ApiError::validation(vec![FieldError::new(
            "propertyInfoId",
            ErrorCode::UnknownId,
            "no such property",
        )])
    })?;
    let storage_id = &selection.storage_info_id;
    let listing = loaded
        .priced_listing(
            format!("{}|{storage_id}", property.details.property.id),
            || {
                let Some(storage) = property.storage(storage_id) else {
                    return Ok(None);
                };
                let every_group = ListingFilter {
                    storage_group_id: 0,
                };
                property.listing(storage, every_group, &|_, _| 0).map(Some).map_err(|e| {
                tracing::error!(error = %e, "the catalogue has a price the pricing crate refuses");
                ApiError::internal()
            })
            },
        )?
        .ok_or_else(|| {
            ApiError::validation(vec![FieldError::new(
                "storageInfoId",
                ErrorCode::UnknownId,
                "no such storage at this property",
            )])
        })?;
    let today = crate::today_in(&property.details.time_zone);
    let request = pricing_request(&property.details, &listing, selection, today)
        .map_err(ApiError::validation)?;
    let quote = pricing::quote(&request).map_err(|e| {
        ApiError::validation(vec![FieldError::general(
            ErrorCode::PricingError,
            e.to_string(),
        )])
    })?;
    Ok((property, request, quote))
}

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
    let loaded = state.catalogue.get(&state.store).await?;
    let (_, request, quote) = price(&loaded, &key, &selection)?;
    Ok(ok(StatusCode::OK, QuoteResponse { quote, request }))
}
