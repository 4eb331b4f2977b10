//! OAuth client credentials as the reference asks for them: a JSON body
//! (not the form encoding of RFC 6749 that the `oauth2` crate sends) to
//! `POST /api/v1/auth/token`. The token is reused until shortly before it
//! expires; callers that find it refused ask for a new one once.

use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

use super::config::Secret;

/// Asked again this long before `expires_in` runs out, so that a request
/// never leaves with a token about to lapse on the way.
const MARGIN: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Auth {
    token_url: String,
    client_id: String,
    client_secret: Secret,
    current: Mutex<Option<Token>>,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub value: Secret,
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// Why no token: the same classes as any call.
#[derive(Debug)]
pub enum AuthError {
    /// No answer (down, timeout).
    Unreachable(String),
    /// The upstream refused the credentials or answered something else.
    Refused(u16),
}

impl Auth {
    #[must_use]
    pub fn new(api_url: &str, client_id: String, client_secret: Secret) -> Self {
        Self {
            token_url: format!("{api_url}/api/v1/auth/token"),
            client_id,
            client_secret,
            current: Mutex::new(None),
        }
    }

    /// A token to use now: the cached one while it is good.
    ///
    /// # Errors
    /// The token endpoint did not answer or refused.
    pub async fn token(&self, http: &reqwest::Client) -> Result<Token, AuthError> {
        let mut current = self.current.lock().await;
        if let Some(token) = current.as_ref().filter(|t| t.renew_at > Instant::now()) {
            return Ok(token.clone());
        }
        let body = serde_json::json!({
            "client_id": self.client_id,
            "client_secret": self.client_secret.expose(),
            "grant_type": "client_credentials",
            "scope": "read write",
        });
        let response = http
            .post(&self.token_url)
            .json(&body)
            .send()
            .await
            .map_err(|e| AuthError::Unreachable(super::client::describe(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(AuthError::Refused(status.as_u16()));
        }
        let answer: TokenAnswer = response
            .json()
            .await
            .map_err(|e| AuthError::Unreachable(super::client::describe(&e)))?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
        let token = Token {
            value: Secret::new(answer.access_token),
            renew_at: Instant::now() + lifetime.saturating_sub(MARGIN.min(lifetime / 2)),
        };
        tracing::debug!(
            expires_in = lifetime.as_secs(),
            "stortech: new access token"
        );
        *current = Some(token.clone());
        Ok(token)
    }

    /// The upstream refused `used`: forget it, unless another caller has
    /// already replaced it.
    pub async fn refused(&self, used: &Token) {
        let mut current = self.current.lock().await;
        if current.as_ref().is_some_and(|t| t.value == used.value) {
            *current = None;
        }
    }
}
