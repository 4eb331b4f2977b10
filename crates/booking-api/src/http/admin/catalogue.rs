//! `PUT /admin/v1/catalogue`: what `booking-api import` does, over HTTP.

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use booking_model::{Envelope, ErrorCode};
use serde::Serialize;

use super::auth::SecretKeyId;
use super::ok;
use crate::http::error::{ApiError, Result};
use crate::http::extract::{require_json, too_large};
use crate::service::admin;
use crate::state::AppState;

/// A catalogue is far larger than a booking; a few megabytes hold
/// hundreds of properties.
const MAX_CATALOGUE: usize = 8 * 1024 * 1024;

/// What the new catalogue holds.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueReplaced {
    /// The catalogue's version after the replacement.
    pub version: Option<i64>,
    pub properties: usize,
    pub publishable_keys: usize,
}

/// Replaces the catalogue and resets the stock to the document's numbers:
/// our format or a StoRegister listing (which keeps the current keys). A
/// refused document changes nothing.
#[utoipa::path(
    put, path = "/admin/v1/catalogue", tag = "operator",
    request_body(content = Object, content_type = "application/json", description = "A catalogue document, as `booking-api import` reads"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Replaced", body = Envelope<CatalogueReplaced>),
        (status = 400, description = "Malformed JSON"),
        (status = 401, description = "Missing, unknown or revoked secret key"),
        (status = 503, description = "The database did not answer; nothing changed, retry"),
        (status = 413, description = "Larger than 8 MiB"),
        (status = 415, description = "Not application/json"),
        (status = 422, description = "Refused: `errors[0].field` is the path at fault (`properties[0].details.timeZone`)"),
    )
)]
pub async fn replace(
    State(state): State<AppState>,
    SecretKeyId(key_id): SecretKeyId,
    headers: HeaderMap,
    body: Body,
) -> Result<Response> {
    require_json(&headers)?;
    let bytes = axum::body::to_bytes(body, MAX_CATALOGUE)
        .await
        .map_err(|_| too_large(MAX_CATALOGUE))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        ApiError::bad_request(ErrorCode::MalformedJson, None, "the body is not UTF-8")
    })?;
    let catalogue = admin::replace_catalogue(&state.services.store, text).await?;
    state.services.listings.invalidate();
    let version = state.services.store.catalogue_version().await?;
    tracing::info!(%key_id, ?version, properties = catalogue.properties.len(), "catalogue replaced");
    Ok(ok(CatalogueReplaced {
        version,
        properties: catalogue.properties.len(),
        publishable_keys: catalogue.publishable_keys.len(),
    }))
}
