//! `Authorization: Bearer sk_…` on every `/admin/v1` call. A missing,
//! unknown or revoked key, or a publishable key, is 401; every presented
//! value costs the same hash, lookup and constant-time comparison
//! (`secret_keys::verify`). Calls are logged with the key's id, never the
//! key, and get no CORS headers: the operator's API is for servers, not
//! pages.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use booking_model::{ErrorCode, FieldError, Status};
use tracing::Instrument;

use crate::http::error::ApiError;
use crate::secret_keys::{self, Verdict};
use crate::state::AppState;

/// The id (`key_…`) of the secret key a call was made with.
#[derive(Debug, Clone)]
pub struct SecretKeyId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for SecretKeyId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Self>()
            .cloned()
            .ok_or_else(unauthorized)
    }
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        Status::Unauthorized,
        vec![FieldError::new(
            "Authorization",
            ErrorCode::InvalidApiKey,
            "a secret key is required: Authorization: Bearer sk_…",
        )],
    )
}

/// The token of a `Bearer` authorization, if there is one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The `/admin/v1` gate.
pub async fn require_secret_key(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let store = &state.services.store;
    let verdict = secret_keys::verify(bearer(req.headers()), |hash| async move {
        store.secret_key_by_hash(&hash).await
    })
    .await;
    match verdict {
        Ok(Verdict::Valid(key_id)) => {
            req.extensions_mut().insert(SecretKeyId(key_id.clone()));
            let span = tracing::info_span!("admin", key_id = %key_id);
            let response = next.run(req).instrument(span).await;
            tracing::info!(
                key_id = %key_id,
                %method,
                %path,
                status = response.status().as_u16(),
                "operator call"
            );
            response
        }
        Ok(Verdict::Refused) => {
            tracing::warn!(%method, %path, "operator call refused: no valid secret key");
            let mut response = unauthorized().into_response();
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bearer_tokens_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer sk_a"),
        );
        assert_eq!(bearer(&headers), Some("sk_a"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  sk_b "),
        );
        assert_eq!(bearer(&headers), Some("sk_b"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic c2s6"),
        );
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer"));
        assert_eq!(bearer(&headers), None);
    }
}
