//! Who may call `/v1`: a known publishable key (else 401) from an origin on
//! that key's allowlist (else 403, and no CORS headers: an origin is never
//! reflected unless it is listed).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::extract::ApiKey;
use crate::catalogue::Catalogue;
use crate::state::AppState;

const ALLOWED_METHODS: &str = "GET, POST, DELETE, OPTIONS";
const ALLOWED_HEADERS: &str = "content-type, x-api-key, idempotency-key, x-token";
const EXPOSED_HEADERS: &str = "retry-after";

/// Whether `origin` (`scheme://host[:port]`) matches an allowlist entry;
/// `scheme://host:*` matches any port of that host, and no port.
#[must_use]
pub fn origin_allowed(patterns: &[String], origin: &str) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix(":*") {
            Some(base) => {
                origin == base
                    || origin
                        .strip_prefix(base)
                        .and_then(|rest| rest.strip_prefix(':'))
                        .is_some_and(|port| {
                            !port.is_empty()
                                && port.len() <= 5
                                && port.bytes().all(|b| b.is_ascii_digit())
                        })
            }
            None => origin == pattern,
        })
}

fn any_key_allows(catalogue: &Catalogue, origin: &str) -> bool {
    catalogue
        .publishable_keys
        .iter()
        .any(|k| origin_allowed(&k.allowed_origins, origin))
}

fn add_cors(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED_HEADERS),
    );
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}

/// The `/v1` gate: preflights, key, origin, CORS headers.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let loaded = match state.services.snapshot().await {
        Ok(snapshot) => snapshot.loaded,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let catalogue = &loaded.catalogue;
    let origin = req.headers().get(header::ORIGIN).cloned();
    let origin_text = origin
        .as_ref()
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);

    // A preflight carries no key: answer for any origin some key allows.
    if req.method() == Method::OPTIONS {
        return match (&origin, &origin_text) {
            (Some(origin), Some(text)) if any_key_allows(catalogue, text) => {
                let mut response = StatusCode::NO_CONTENT.into_response();
                let headers = response.headers_mut();
                add_cors(headers, origin);
                headers.insert(
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static(ALLOWED_METHODS),
                );
                headers.insert(
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static(ALLOWED_HEADERS),
                );
                headers.insert(
                    header::ACCESS_CONTROL_MAX_AGE,
                    HeaderValue::from_static("600"),
                );
                response
            }
            _ => ApiError::forbidden_origin().into_response(),
        };
    }

    let key = req
        .headers()
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .and_then(|k| catalogue.key(k))
        .cloned();
    let Some(key) = key else {
        let mut response =
            ApiError::unauthorized("missing or unknown publishable key").into_response();
        // Let an allowed page read why, so that the widget can say so.
        if let (Some(origin), Some(text)) = (&origin, &origin_text) {
            if any_key_allows(catalogue, text) {
                add_cors(response.headers_mut(), origin);
            }
        }
        return response;
    };
    if let Some(text) = &origin_text {
        if !origin_allowed(&key.allowed_origins, text) {
            return ApiError::forbidden_origin().into_response();
        }
    } else if origin.is_some() {
        return ApiError::forbidden_origin().into_response();
    }
    drop(loaded);
    req.extensions_mut().insert(ApiKey(key));
    let mut response = next.run(req).await;
    if let Some(origin) = &origin {
        add_cors(response.headers_mut(), origin);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::origin_allowed;

    #[test]
    fn ports_match_only_where_a_star_says_so() {
        let allow = vec![
            "http://localhost:*".to_owned(),
            "https://shop.example".to_owned(),
        ];
        for ok in [
            "http://localhost",
            "http://localhost:8080",
            "https://shop.example",
        ] {
            assert!(origin_allowed(&allow, ok), "{ok}");
        }
        for no in [
            "http://localhost.evil.example",
            "http://localhost:80x",
            "http://localhost:",
            "https://localhost:8080",
            "https://shop.example:8443",
            "null",
        ] {
            assert!(!origin_allowed(&allow, no), "{no}");
        }
    }
}
