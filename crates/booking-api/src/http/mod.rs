//! The HTTP surface: `/v1` behind the key-and-origin gate, `/healthz`,
//! `/openapi.json`, and the widget's built files at `/` (`widget_files`).

mod access;
mod admin;
mod bookings;
mod catalogue_routes;
mod compression;
pub(crate) mod error;
pub(crate) mod extract;
mod openapi;
mod preview;
mod published;
mod quotes;
mod tenant_account;
mod waiting_list;
mod widget_files;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use booking_model::Envelope;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use access::origin_allowed;
pub use error::ApiError;

use crate::state::AppState;

/// Works without inline script: the widget is `'self'` scripts plus its wasm.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'";

/// The OpenAPI document, generated from the handlers and DTOs.
#[must_use]
pub fn openapi() -> utoipa::openapi::OpenApi {
    <openapi::ApiDoc as utoipa::OpenApi>::openapi().merge_from(admin::openapi())
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}

/// Answers when the database does.
#[utoipa::path(
    get, path = "/healthz", tag = "operations",
    responses(
        (status = 200, description = "Up", body = openapi::HealthEnvelope),
        (status = 503, response = openapi::Unavailable),
    )
)]
async fn healthz(State(state): State<AppState>) -> Response {
    match state.services.backend.ping().await {
        Ok(()) => (StatusCode::OK, Json(Envelope::success("ok"))).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

async fn no_such_route() -> ApiError {
    ApiError::not_found(booking_model::Status::NoRecordsFound, "no such endpoint")
}

/// A path parameter must be UTF-8 once percent-decoded, or axum's `Path`
/// refuses it with a plain-text 400: refuse it here, as the envelope.
async fn utf8_path(req: Request<axum::body::Body>, next: middleware::Next) -> Response {
    if decodes_to_utf8(req.uri().path()) {
        next.run(req).await
    } else {
        ApiError::bad_request(
            booking_model::ErrorCode::InvalidValue,
            Some("path"),
            "the path is not UTF-8 once percent-decoded",
        )
        .into_response()
    }
}

fn decodes_to_utf8(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|h| bytes[i] == b'%' && h.iter().all(u8::is_ascii_hexdigit));
        match escaped
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let dist = Arc::clone(&state.dist);
    let v1 = Router::new()
        .route("/properties/{property_info_id}", get(catalogue_routes::property))
        .route(
            "/search/storage/{storage_info_id}/property/{property_info_id}/user-type/{tax_user_type_info_id}/storageGroup/{storage_group_info_id}/period/{payment_period}/price/list",
            get(catalogue_routes::listing),
        )
        .route("/quotes", post(quotes::quote))
        .route("/bookings", post(bookings::create))
        .route("/booking/{booking_id}/activity-quotation/preview", get(preview::preview))
        .route("/waiting-list", post(waiting_list::join))
        .route("/tenant/sign-in", post(tenant_account::sign_in))
        .route(
            "/tenant/session",
            post(tenant_account::open_session).delete(tenant_account::close_session),
        )
        .route("/tenant/", get(tenant_account::account))
        .fallback(no_such_route)
        .layer(middleware::from_fn(utf8_path))
        .layer(middleware::from_fn_with_state(state.clone(), access::gate));
    Router::new()
        .nest("/v1", v1)
        .nest("/admin/v1", admin::router(state.clone()))
        .route("/healthz", get(healthz))
        .route(
            "/hooks/stortech",
            axum::routing::post(crate::backend::stortech::webhooks::receive)
                .with_state(state.stortech.clone()),
        )
        .route("/openapi.json", get(openapi_json))
        .route("/catalogue.schema.json", get(published::catalogue_schema))
        .route("/terms/{document}", get(published::terms))
        // Every route above; not the widget's files (set after it), which
        // are compressed at build time.
        .layer(compression::layer())
        .fallback_service(widget_files::service(&dist))
        .with_state(state)
        .layer(middleware::from_fn(error::log_failures))
        // A request still unanswered by then is stuck: free its connection.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            std::time::Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // The path only: query strings may prefill tenant details, bodies hold them.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
        }))
}

/// Admits a request from the client behind `peer` (the one
/// `X-Forwarded-For` names when `peer` is a trusted proxy) against
/// `limiter`, or answers 429 with how long to wait.
fn admit(
    limiter: &crate::rate_limit::RateLimiter,
    state: &AppState,
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
) -> Result<(), ApiError> {
    let client = crate::client_ip::client_ip(peer, headers, &state.trusted_proxies);
    limiter.check(client).map_err(ApiError::retry_after)
}

#[cfg(test)]
mod tests {
    use super::decodes_to_utf8;

    #[test]
    fn paths_must_decode_to_utf8() {
        for ok in [
            "/v1/properties/abc",
            "/v1/properties/%C3%A9t%C3%A9",
            "/v1/a%2Fb",
            "/v1/%",
            "/v1/%zz",
        ] {
            assert!(decodes_to_utf8(ok), "{ok}");
        }
        for bad in ["/v1/properties/%FF", "/v1/booking/%C3/x", "/v1/%c3%28"] {
            assert!(!decodes_to_utf8(bad), "{bad}");
        }
    }
}
