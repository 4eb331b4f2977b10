//! The operator's API, `/admin/v1`: bookings (list, CSV, one, cancel,
//! payments), the waiting list and the catalogue, behind a secret key.
//! Handlers turn requests into the typed calls of `service::admin` and its
//! errors into the envelope.

mod auth;
mod bookings;
mod catalogue;
mod csv;
mod payments;
mod waiting_list;

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{middleware, Router};
use booking_model::{ErrorCode, FieldError, Status};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::http::error::ApiError;
use crate::service::admin::{AdminError, PageRequest, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use crate::state::AppState;

/// The routes under `/admin/v1`, every one behind the secret-key gate.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/bookings", get(bookings::list))
        .route("/bookings/{booking_id}", get(bookings::one))
        .route("/bookings/{booking_id}/cancel", post(bookings::cancel))
        .route("/bookings/{booking_id}/payments", post(payments::record))
        .route("/waiting-list", get(waiting_list::list))
        .route("/catalogue", put(catalogue::replace))
        .fallback(super::no_such_route)
        .layer(middleware::from_fn_with_state(
            state,
            auth::require_secret_key,
        ))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        bookings::list,
        bookings::one,
        bookings::cancel,
        payments::record,
        waiting_list::list,
        catalogue::replace,
    ),
    components(schemas(
        crate::service::admin::AdminBooking,
        crate::service::admin::BookingState,
        crate::service::admin::Payment,
        crate::service::admin::PaymentMethod,
        crate::service::admin::WaitingEntry,
        payments::PaymentRequest,
    )),
    modifiers(&BearerScheme),
    tags((name = "operator", description = "The operator's API: Authorization: Bearer sk_… (booking-api keys create)"))
)]
struct AdminDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The operator's part of the OpenAPI document.
#[must_use]
pub fn openapi() -> utoipa::openapi::OpenApi {
    AdminDoc::openapi()
}

impl From<AdminError> for ApiError {
    fn from(err: AdminError) -> Self {
        match err {
            AdminError::NotFound => {
                Self::not_found(Status::NoRecordsFound, "no booking with this id")
            }
            AdminError::Invalid(errors) => Self::validation(errors),
            AdminError::Catalogue(crate::catalogue::CatalogueError::Invalid { path, message }) => {
                Self::validation(vec![FieldError::new(
                    path,
                    ErrorCode::InvalidValue,
                    message,
                )])
            }
            AdminError::Catalogue(e @ crate::catalogue::CatalogueError::Read { .. }) => {
                Self::internal(e)
            }
            AdminError::Catalogue(crate::catalogue::CatalogueError::Json(e)) => {
                Self::bad_request(ErrorCode::MalformedJson, None, e.to_string())
            }
            AdminError::Corrupt(what) => {
                Self::internal(format!("a stored row does not parse: {what}"))
            }
            AdminError::Db(e) => e.into(),
            AdminError::Backend(e) => Self::Unavailable(e),
        }
    }
}

/// A query string's parameters, each named at most once and known to the
/// endpoint: a typo (`pagesize`) is refused rather than ignored.
pub(super) struct Params(HashMap<String, String>);

impl Params {
    pub(super) fn parse(
        query: Result<Query<Vec<(String, String)>>, QueryRejection>,
        known: &[&str],
    ) -> Result<Self, ApiError> {
        let Query(pairs) = query
            .map_err(|e| ApiError::bad_request(ErrorCode::InvalidValue, None, e.body_text()))?;
        let mut params = HashMap::new();
        for (name, value) in pairs {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::bad_request(
                    ErrorCode::InvalidValue,
                    Some(&name),
                    format!("unknown parameter; known: {}", known.join(", ")),
                ));
            }
            if params.contains_key(&name) {
                return Err(ApiError::bad_request(
                    ErrorCode::Duplicate,
                    Some(&name),
                    "given more than once",
                ));
            }
            params.insert(name, value);
        }
        Ok(Self(params))
    }

    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn number(&self, name: &str, default: u32, max: u32) -> Result<u32, ApiError> {
        let Some(text) = self.get(name) else {
            return Ok(default);
        };
        match text.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(
                ErrorCode::OutOfRange,
                Some(name),
                format!("a whole number from 1 to {max}"),
            )),
        }
    }

    /// `page` (from 1) and `pageSize` (1 to 100, default 20).
    pub(super) fn page(&self) -> Result<PageRequest, ApiError> {
        Ok(PageRequest {
            page: self.number("page", 1, 1_000_000)?,
            page_size: self.number("pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?,
        })
    }

    /// A free-text id parameter, bounded.
    pub(super) fn id(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            Some(id) if id.len() > 100 || id.chars().any(char::is_control) => {
                Err(ApiError::bad_request(
                    ErrorCode::InvalidValue,
                    Some(name),
                    "an id of at most 100 characters",
                ))
            }
            other => Ok(other.map(str::to_owned)),
        }
    }
}

/// 200 with the success envelope.
pub(super) fn ok<T: serde::Serialize>(data: T) -> axum::response::Response {
    crate::http::error::ok(StatusCode::OK, data)
}
