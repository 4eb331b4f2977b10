//! What the catalogue publishes over HTTP besides the API: its JSON Schema
//! (for operators writing one) and the terms documents it ships, served at
//! their `terms.url`. Public, keyless, and plain files: no script, so the
//! server's CSP holds.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use booking_model::Status;

use super::ApiError;
use crate::catalogue::{catalogue_schema_text, is_served_path};
use crate::state::AppState;

/// `GET /catalogue.schema.json`.
pub async fn catalogue_schema() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/schema+json"),
        )],
        catalogue_schema_text(),
    )
        .into_response()
}

/// `GET /terms/NAME.html`: the document of the property whose
/// `terms.url` is this path.
pub async fn terms(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    let path = uri.path();
    let not_found = || ApiError::not_found(Status::NoRecordsFound, "no such document");
    if !is_served_path(path) {
        return Err(not_found());
    }
    let loaded = state.services.snapshot().await?.loaded;
    let html = loaded
        .catalogue
        .properties
        .iter()
        .filter(|p| p.details.terms.url == path)
        .find_map(|p| p.terms_document.as_ref()?.html.clone())
        .ok_or_else(not_found)?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        html,
    )
        .into_response())
}
