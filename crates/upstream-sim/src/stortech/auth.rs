//! "Authentication Endpoints": client credentials for a bearer token
//! (`POST /api/v1/auth/token`, JSON body), and a new token for a valid one
//! (`POST /api/v1/auth/refresh`). Tokens last `expires_in` seconds; a
//! refreshed token is revoked, and an expired one cannot be refreshed (the
//! client asks `/auth/token` again).

use std::sync::Arc;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::{ApiError, Body};
use super::store::FieldError;
use super::StortechState;
use crate::tokens::{bearer, Grant, TokenCheck};

/// The authenticated API client of a request.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub client_id: String,
    scope: Option<String>,
    token: String,
}

impl Caller {
    /// 403 unless the token was granted the `write` scope.
    pub(crate) fn require_write(&self) -> Result<(), ApiError> {
        let writes = self
            .scope
            .as_deref()
            .is_some_and(|s| s.split_whitespace().any(|s| s == "write"));
        if writes {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "insufficient_scope",
                "This operation needs the write scope",
            ))
        }
    }
}

impl FromRequestParts<Arc<StortechState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<StortechState>,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(&parts.headers)
            .ok_or_else(|| ApiError::unauthorized("unauthorized", "Missing bearer token"))?;
        match state.harness.tokens.check(token) {
            TokenCheck::Valid(grant) => Ok(Caller {
                client_id: grant.subject,
                scope: grant.scope,
                token: token.to_owned(),
            }),
            TokenCheck::Expired => Err(ApiError::unauthorized(
                "token_expired",
                "The access token has expired",
            )),
            TokenCheck::Revoked | TokenCheck::Unknown => Err(ApiError::unauthorized(
                "invalid_token",
                "The access token is invalid",
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenRequest {
    client_id: Option<String>,
    client_secret: Option<String>,
    grant_type: Option<String>,
    scope: Option<String>,
}

pub(crate) async fn token(
    State(state): State<Arc<StortechState>>,
    Body(request): Body<TokenRequest>,
) -> Result<Json<Value>, ApiError> {
    let mut missing = Vec::new();
    for (field, value) in [
        ("client_id", &request.client_id),
        ("client_secret", &request.client_secret),
        ("grant_type", &request.grant_type),
    ] {
        if value.as_deref().is_none_or(str::is_empty) {
            missing.push(FieldError::new(field, "is required"));
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::validation(missing));
    }
    if request.grant_type.as_deref() != Some("client_credentials") {
        return Err(ApiError::bad_request(
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        ));
    }
    let client = state
        .fixture
        .client(request.client_id.as_deref().unwrap_or_default())
        .filter(|c| Some(c.client_secret.as_str()) == request.client_secret.as_deref())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Invalid client credentials",
            )
        })?;
    let scope = match request.scope.as_deref().map(str::trim) {
        None | Some("") => client.scopes.join(" "),
        Some(asked) => {
            if let Some(extra) = asked
                .split_whitespace()
                .find(|s| !client.scopes.iter().any(|c| c == s))
            {
                return Err(ApiError::bad_request(
                    "invalid_scope",
                    format!("scope {extra} is not granted to this client"),
                ));
            }
            asked.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    };
    let access_token = state.harness.tokens.issue(
        Grant {
            subject: client.client_id.clone(),
            scope: Some(scope.clone()),
        },
        Some(state.settings.token_ttl),
    );
    Ok(Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": state.settings.token_ttl.as_secs(),
        "scope": scope,
    })))
}

pub(crate) async fn refresh(
    State(state): State<Arc<StortechState>>,
    caller: Caller,
) -> Json<Value> {
    let access_token = state.harness.tokens.issue(
        Grant {
            subject: caller.client_id.clone(),
            scope: caller.scope.clone(),
        },
        Some(state.settings.token_ttl),
    );
    state.harness.tokens.revoke(&caller.token);
    Json(json!({
        "access_token": access_token,
        "expires_in": state.settings.token_ttl.as_secs(),
    }))
}
