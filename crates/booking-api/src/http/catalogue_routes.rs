//! `GET /v1/properties/{id}` and the size-and-price listing.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use booking_model::{Envelope, Listing, Status};
use pricing::Period;

use super::error::{ok, ApiError, Result};
use super::extract::ApiKey;
use crate::catalogue::{CatalogueProperty, ListingFilter, PublishableKey};
use crate::state::{AppState, Loaded};

/// The property if the key may show it; 404 otherwise, so that a key does
/// not learn which other properties exist.
pub fn property_for<'a>(
    loaded: &'a Loaded,
    key: &PublishableKey,
    id: &str,
) -> Option<&'a CatalogueProperty> {
    key.property_ids
        .iter()
        .any(|p| p == id)
        .then(|| loaded.catalogue.property(id))
        .flatten()
}

/// The property and everything a booking there depends on.
#[utoipa::path(
    get, path = "/v1/properties/{propertyInfoId}", tag = "catalogue",
    params(("propertyInfoId" = String, Path, description = "The property's id", min_length = 1,
        example = "a99c4590-9475-404e-bcbd-6cba2e2b5e16")),
    responses(
        (status = 200, description = "The property", body = super::openapi::PropertyEnvelope),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn property(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(id): Path<String>,
) -> Result<Response> {
    let loaded = state.catalogue.get(&state.store).await?;
    let property = property_for(&loaded, &key, &id).ok_or_else(|| {
        ApiError::not_found(Status::InvalidParamPropertyInfoId, "no such property")
    })?;
    Ok(ok(
        StatusCode::OK,
        property
            .details
            .clone()
            .with_move_in_dates(crate::today_in(&property.details.time_zone)),
    ))
}

/// StoRegister's `paymentPeriod` keys are written `Monthly`, `MONTHLY` or `monthly`.
fn parse_period(text: &str) -> Option<Period> {
    match text.to_ascii_uppercase().replace(['-', ' '], "_").as_str() {
        "MONTHLY" => Some(Period::Monthly),
        "QUARTERLY" | "QUARTELY" => Some(Period::Quarterly),
        "HALF_YEARLY" | "HALFYEARLY" => Some(Period::HalfYearly),
        "YEARLY" => Some(Period::Yearly),
        _ => None,
    }
}

/// Builds the listing of one storage with the current stock.
///
/// # Errors
/// A database error, or a catalogue price the pricing crate refuses.
async fn listing_for(
    state: &AppState,
    property: &CatalogueProperty,
    storage_id: &str,
    filter: ListingFilter,
) -> Result<Option<Listing>> {
    let Some(storage) = property.storage(storage_id) else {
        return Ok(None);
    };
    let stock: HashMap<(String, String), i64> = state
        .store
        .stock(&property.details.property.id)
        .await?
        .into_iter()
        .map(|(price, mode, n)| ((price, mode), n))
        .collect();
    let available = |price: &str, mode: &str| {
        stock
            .get(&(price.to_owned(), mode.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    property
        .listing(storage, filter, &available)
        .map(Some)
        .map_err(|e| {
            tracing::error!(error = %e, "the catalogue has a price the pricing crate refuses");
            ApiError::internal()
        })
}

/// Sizes and prices of one storage at a property, exactly as StoRegister
/// lists them, each variant with the `id` to book it by and its promotion.
#[utoipa::path(
    get,
    path = "/v1/search/storage/{storageInfoId}/property/{propertyInfoId}/user-type/{taxUserTypeInfoId}/storageGroup/{storageGroupInfoId}/period/{paymentPeriod}/price/list",
    tag = "catalogue",
    params(
        ("storageInfoId" = String, Path, min_length = 1, example = "47fa29c4-738a-42dc-bcb3-6dba1ee7e38e"),
        ("propertyInfoId" = String, Path, min_length = 1, example = "a99c4590-9475-404e-bcbd-6cba2e2b5e16"),
        ("taxUserTypeInfoId" = String, Path, min_length = 1, example = "2f6d2c3e-0000-4000-8000-000000000001"),
        ("storageGroupInfoId" = i64, Path, description = "0: every group (400 when not an integer)", example = 0),
        ("paymentPeriod" = inline(super::openapi::PaymentPeriod), Path, example = "MONTHLY",
            description = "MONTHLY, QUARTERLY, HALF_YEARLY or YEARLY (400 for anything else; 404 when the property does not offer it)"),
    ),
    responses(
        (status = 200, description = "The listing", body = super::openapi::ListingEnvelope),
        (status = 400, response = super::openapi::BadRequest),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn listing(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path((storage_id, property_id, tenant_type, group, period)): Path<(
        String,
        String,
        String,
        String,
        String,
    )>,
) -> Result<Response> {
    let loaded = state.catalogue.get(&state.store).await?;
    let property = property_for(&loaded, &key, &property_id).ok_or_else(|| {
        ApiError::not_found(Status::InvalidParamPropertyInfoId, "no such property")
    })?;
    let details = &property.details;
    if !details.tenant_types.iter().any(|t| t.id == tenant_type) {
        return Err(ApiError::not_found(
            Status::InvalidParamTaxUserTypeInfoId,
            "no such tenant type",
        ));
    }
    let group: i64 = group.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            Status::InvalidParamStorageGroupInfoId,
            Vec::new(),
        )
    })?;
    let period = parse_period(&period).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            Status::InvalidParamPaymentPeriod,
            Vec::new(),
        )
    })?;
    if !details.payment_periods.contains(&period) {
        return Err(ApiError::not_found(
            Status::InvalidParamPaymentPeriod,
            "this period is not offered",
        ));
    }
    let storage = property
        .storage(&storage_id)
        .ok_or_else(|| ApiError::not_found(Status::InvalidParamStorageInfoId, "no such storage"))?;
    if group != 0
        && !storage
            .sizes
            .iter()
            .any(|s| s.storage_size_group_info_id == group)
    {
        return Err(ApiError::not_found(
            Status::InvalidParamStorageGroupInfoId,
            "no such size group",
        ));
    }
    let cache_key = format!("{}|{property_id}|{storage_id}|{group}", loaded.version);
    if let Some(bytes) = state.listings.get(&cache_key) {
        return Ok(json_bytes(bytes));
    }
    let generation = state.listings.generation();
    let filter = ListingFilter {
        storage_group_id: group,
    };
    let listing = listing_for(&state, property, &storage_id, filter)
        .await?
        .ok_or_else(|| ApiError::not_found(Status::InvalidParamStorageInfoId, "no such storage"))?;
    let bytes: Bytes = serde_json::to_vec(&Envelope::success(listing))
        .map_err(|_| ApiError::internal())?
        .into();
    state.listings.put(cache_key, generation, bytes.clone());
    Ok(json_bytes(bytes))
}

fn json_bytes(bytes: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response()
}
