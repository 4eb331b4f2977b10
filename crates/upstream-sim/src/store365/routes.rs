//! The token URL, bearer-authenticated paged resources, and the
//! reference's error bodies: `{"code", "message"}` for the API, OAuth's
//! `{"error", "error_description"}` for the token URL, and
//! `{"status": 401, "error": "Unauthorized", "message"}` for a bad token.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, FromRequestParts, Path, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::fixture::id_text;
use super::Store365State;
use crate::harness::observe;
use crate::lock;
use crate::tokens::{bearer, Grant, TokenCheck};

const DEFAULT_PAGE_SIZE: usize = 10;
const MAX_PAGE_SIZE: usize = 100;

pub(crate) fn app(state: Arc<Store365State>) -> Router {
    let api = Router::new()
        .route("/auth", post(token))
        .route("/{resource}", get(list))
        .route("/{resource}/{id}", get(one))
        .fallback(not_found)
        .with_state(state.clone());
    Router::new()
        .merge(crate::control::router(state.harness.clone()))
        .merge(api)
        .layer(from_fn_with_state(state.harness.clone(), observe))
}

/// `{"code": 400, "message": "..."}`.
pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "code": status.as_u16(), "message": message })),
    )
        .into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "No such resource")
}

/// The password grant. The reference's example answer ends in a stray comma;
/// the JSON served here is valid, `expires_in` a string as shown.
async fn token(
    State(state): State<Arc<Store365State>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(FormRejection::InvalidFormContentType(_)) => {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/x-www-form-urlencoded",
            )
        }
        Err(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The form could not be read",
            )
        }
    };
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let (Some(username), Some(password), Some(client_id), Some(grant_type)) = (
        field("username"),
        field("password"),
        field("client_id"),
        field("grant_type"),
    ) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "username, password, grant_type and client_id are required",
        );
    };
    if grant_type != "password" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "The grant_type is always 'password'",
        );
    }
    let known = state
        .fixture
        .clients
        .iter()
        .any(|c| c.username == username && c.password == password && c.client_id == client_id);
    if !known {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_grant", "Bad credentials");
    }
    let access_token = state.harness.tokens.issue(
        Grant {
            subject: username.to_owned(),
            scope: None,
        },
        Some(state.token_ttl),
    );
    Json(json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": state.token_ttl.as_secs().to_string(),
    }))
    .into_response()
}

/// A call with a valid bearer token that asks for JSON (the simulator speaks
/// no XML: `Content-Type: application/xml` is answered 415).
#[derive(Debug)]
struct Authorized;

#[derive(Debug)]
enum Refused {
    Token(&'static str),
    Xml,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::Token(message) => (
                StatusCode::UNAUTHORIZED,
                Json(json!({ "status": 401, "error": "Unauthorized", "message": message })),
            )
                .into_response(),
            Refused::Xml => error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The simulator answers application/json only",
            ),
        }
    }
}

impl FromRequestParts<Arc<Store365State>> for Authorized {
    type Rejection = Refused;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<Store365State>,
    ) -> Result<Self, Self::Rejection> {
        match bearer(&parts.headers).map(|t| state.harness.tokens.check(t)) {
            Some(TokenCheck::Valid(_)) => {}
            Some(TokenCheck::Expired) => return Err(Refused::Token("Token expired")),
            _ => return Err(Refused::Token("Bad credentials")),
        }
        let xml = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("xml"));
        if xml {
            return Err(Refused::Xml);
        }
        Ok(Authorized)
    }
}

/// Query keys are matched without regard to case (`SortOrder`, `sortOrder`).
fn number(query: &HashMap<String, String>, key: &str) -> Option<Result<usize, ()>> {
    query
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.parse::<usize>().map_err(|_| ()))
}

async fn list(
    State(state): State<Arc<Store365State>>,
    Path(resource): Path<String>,
    _authorized: Authorized,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page_number = match number(&query, "pageNumber") {
        None => 1,
        Some(Ok(n)) if n >= 1 => n,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "pageNumber must be a whole number from 1",
            )
        }
    };
    let page_size = match number(&query, "pageSize") {
        None => DEFAULT_PAGE_SIZE,
        Some(Ok(n)) if (1..=MAX_PAGE_SIZE).contains(&n) => n,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("pageSize must be between 1 and {MAX_PAGE_SIZE}"),
            )
        }
    };
    let sort = query
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("SortOrder"))
        .map(|(_, v)| v.clone());
    let records = lock(&state.records);
    let Some(records) = records.get(&resource) else {
        return error(StatusCode::NOT_FOUND, "No such resource");
    };
    let mut records: Vec<&Value> = records.iter().collect();
    if let Some(field) = sort.filter(|f| !f.is_empty()) {
        if !records.iter().any(|r| r.get(&field).is_some()) {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("SortOrder: {resource} have no field {field}"),
            );
        }
        records.sort_by(|a, b| compare(a.get(&field), b.get(&field)));
    }
    let total = records.len();
    let results: Vec<&Value> = records
        .into_iter()
        .skip((page_number - 1).saturating_mul(page_size))
        .take(page_size)
        .collect();
    Json(json!({
        "pageNumber": page_number,
        "pageSize": page_size,
        "totalNumberOfPages": total.div_ceil(page_size),
        "totalNumberOfRecords": total,
        "results": results,
    }))
    .into_response()
}

/// Numbers by value, strings by text, absent fields last.
fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_i64()
            .zip(y.as_i64())
            .map_or_else(|| x.to_string().cmp(&y.to_string()), |(x, y)| x.cmp(&y)),
        (Some(x), Some(y)) => id_text(x).cmp(&id_text(y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

async fn one(
    State(state): State<Arc<Store365State>>,
    Path((resource, id)): Path<(String, String)>,
    _authorized: Authorized,
) -> Response {
    let records = lock(&state.records);
    match records.get(&resource).and_then(|r| {
        r.iter()
            .find(|r| r.get("id").map(id_text).as_deref() == Some(id.as_str()))
    }) {
        Some(record) => Json(record).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            &format!("{resource} {id} does not exist"),
        ),
    }
}
