//! `GET /v1/properties/{id}` and the size-and-price listing.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use booking_model::{Envelope, Listing, PropertyDetails, Status};
use pricing::Period;

use super::error::{ok, ApiError, Result};
use super::extract::ApiKey;
use crate::service::catalogue::ListingQuery;
use crate::state::AppState;

/// The property and everything a booking there depends on.
#[utoipa::path(
    get, path = "/v1/properties/{propertyInfoId}", tag = "catalogue",
    params(("propertyInfoId" = String, Path, description = "The property's id")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The property", body = Envelope<PropertyDetails>),
        (status = 401, description = "Missing or unknown key"),
        (status = 404, description = "No such property for this key (INVALID_PARAM_PROPERTY_INFO_ID)"),
    )
)]
pub async fn property(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(id): Path<String>,
) -> Result<Response> {
    let property = state.services.property(&key, &id).await?;
    Ok(ok(StatusCode::OK, property))
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

/// Sizes and prices of one storage at a property, exactly as StoRegister
/// lists them, each variant with the `id` to book it by and its promotion.
#[utoipa::path(
    get,
    path = "/v1/search/storage/{storageInfoId}/property/{propertyInfoId}/user-type/{taxUserTypeInfoId}/storageGroup/{storageGroupInfoId}/period/{paymentPeriod}/price/list",
    tag = "catalogue",
    params(
        ("storageInfoId" = String, Path),
        ("propertyInfoId" = String, Path),
        ("taxUserTypeInfoId" = String, Path),
        ("storageGroupInfoId" = i64, Path, description = "0: every group"),
        ("paymentPeriod" = String, Path, description = "MONTHLY, QUARTERLY, HALF_YEARLY or YEARLY"),
    ),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The listing", body = Envelope<Listing>),
        (status = 400, description = "A malformed group or period"),
        (status = 404, description = "An unknown id (INVALID_PARAM_…)"),
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
    let query = ListingQuery {
        property_id,
        storage_id,
        tenant_type,
        group,
        period,
    };
    Ok(json_bytes(state.services.listing(&key, &query).await?))
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
