//! `GET /v1/properties/{id}` and the size-and-price listing.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use booking_model::Status;
use pricing::Period;

use super::error::{ok, ApiError, Result};
use super::extract::ApiKey;
use crate::service::catalogue::ListingQuery;
use crate::state::AppState;

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
    headers: HeaderMap,
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
    let body = state.services.listing(&key, &query).await?;
    Ok(if accepts_brotli(&headers) {
        let mut response = json_bytes(body.brotli);
        let headers = response.headers_mut();
        // Already encoded: the compression layer leaves it as it is.
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        response
    } else {
        json_bytes(body.json)
    })
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

/// `Accept-Encoding` names `br` with a weight above zero, or `*` without
/// refusing `br`.
fn accepts_brotli(headers: &HeaderMap) -> bool {
    let mut wildcard = false;
    for item in headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .is_some_and(|q| q.trim().chars().all(|c| c == '0' || c == '.'))
        });
        if coding.eq_ignore_ascii_case("br") {
            return !refused;
        }
        wildcard |= coding == "*" && !refused;
    }
    wildcard
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_when_the_client_names_it_with_a_weight() {
        for (accept, expected) in [
            ("gzip, deflate, br, zstd", true),
            ("br;q=0.5, gzip", true),
            ("*", true),
            ("BR", true),
            ("br;q=0, gzip", false),
            ("br; q=0.000", false),
            ("br;q=0, *", false),
            ("*;q=0", false),
            ("gzip", false),
            ("brotli", false),
            ("", false),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(accept));
            assert_eq!(accepts_brotli(&headers), expected, "{accept}");
        }
        assert!(!accepts_brotli(&HeaderMap::new()));
    }
}
