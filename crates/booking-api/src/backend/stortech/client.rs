//! Calls to Stortech: bearer token (refreshed once on a 401), timeouts,
//! and the rate limit obeyed: after a 429 or `X-RateLimit-Remaining: 0`
//! nothing is sent before `X-RateLimit-Reset`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::auth::{Auth, AuthError};
use super::config::StortechConfig;

/// The longest pause taken for the rate limit when a caller allows waiting;
/// beyond it the call fails at once (a tenant does not wait minutes).
const MAX_WAIT: Duration = Duration::from_secs(5);
/// No window is longer than the reference's hour.
const MAX_BLOCK: Duration = Duration::from_secs(3600);
/// Failures in a row (no answer, or a 5xx) that open the circuit: while
/// it is open, calls fail at once instead of each waiting for a timeout.
const CIRCUIT_FAILURES: u32 = 3;
const CIRCUIT_OPEN: Duration = Duration::from_secs(5);

/// Why a call gave no usable answer.
#[derive(Debug, Clone)]
pub enum CallError {
    /// Nothing reached the upstream (refused connection, no token, the
    /// rate limit not yet reset): nothing happened there.
    NotSent(String),
    /// Sent, but the answer never came (timeout, reset): it may have
    /// happened.
    Lost(String),
    /// An answer with this status and the reference's error body.
    Status {
        status: u16,
        code: String,
        fields: Vec<String>,
    },
    /// An answer that is not what the reference documents.
    Unreadable(String),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotSent(why) => write!(f, "not sent: {why}"),
            Self::Lost(why) => write!(f, "answer lost: {why}"),
            Self::Status { status, code, .. } => write!(f, "answered {status} {code}"),
            Self::Unreadable(why) => write!(f, "unreadable answer: {why}"),
        }
    }
}

/// A reqwest error without its URL (which carries query strings).
pub(super) fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timeout".into()
    } else if error.is_connect() {
        "connection failed".into()
    } else if error.is_decode() {
        "undecodable body".into()
    } else if error.is_body() {
        "body interrupted".into()
    } else {
        "request failed".into()
    }
}

#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    auth: Auth,
    /// No call before this instant (the rate limit's reset).
    blocked_until: Mutex<Option<Instant>>,
    /// Failures in a row, and until when the circuit is open.
    circuit: Mutex<(u32, Option<Instant>)>,
}

impl Client {
    /// # Errors
    /// The TLS stack cannot be initialised.
    pub fn new(config: &StortechConfig) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .build()?;
        Ok(Self {
            http,
            base: config.api_url.clone(),
            auth: Auth::new(
                &config.api_url,
                config.client_id.clone(),
                config.client_secret.clone(),
            ),
            blocked_until: Mutex::new(None),
            circuit: Mutex::new((0, None)),
        })
    }

    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, CallError> {
        self.guarded(Method::GET, path, query, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, CallError> {
        self.guarded(Method::POST, path, &[], Some(body)).await
    }

    /// A call through the circuit breaker.
    async fn guarded(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, CallError> {
        let open_until = self.circuit.lock().ok().and_then(|c| c.1);
        if open_until.is_some_and(|t| t > Instant::now()) {
            return Err(CallError::NotSent(
                "circuit open after repeated failures".into(),
            ));
        }
        let result = self.call(method, path, query, body, true).await;
        let failed = match &result {
            Err(CallError::NotSent(_) | CallError::Lost(_)) => true,
            Err(CallError::Status { status, .. }) => *status >= 500,
            _ => false,
        };
        if let Ok(mut circuit) = self.circuit.lock() {
            if failed {
                circuit.0 += 1;
                if circuit.0 >= CIRCUIT_FAILURES {
                    tracing::warn!(
                        failures = circuit.0,
                        "stortech: circuit open; calls fail at once for a while"
                    );
                    circuit.1 = Some(Instant::now() + CIRCUIT_OPEN);
                }
            } else {
                *circuit = (0, None);
            }
        }
        result
    }

    /// One call; a 401 gets a new token and one more try, a 429 that
    /// resets within [`MAX_WAIT`] one more try after the reset.
    async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        may_wait: bool,
    ) -> Result<Value, CallError> {
        let mut refreshed = false;
        let mut waited = false;
        loop {
            self.obey_limit(may_wait).await?;
            let token = self.auth.token(&self.http).await.map_err(|e| match e {
                AuthError::Unreachable(why) => CallError::NotSent(format!("token: {why}")),
                AuthError::Refused(status) => {
                    if status == 429 {
                        self.block_for(Duration::from_secs(60));
                    }
                    CallError::NotSent(format!("token refused ({status})"))
                }
            })?;
            let mut request = self
                .http
                .request(method.clone(), format!("{}{path}", self.base))
                .bearer_auth(token.value.expose())
                .query(query);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = match request.send().await {
                Ok(response) => response,
                Err(e) if e.is_connect() => return Err(CallError::NotSent(describe(&e))),
                Err(e) => return Err(CallError::Lost(describe(&e))),
            };
            let status = response.status();
            self.note_limit(status, response.headers());
            if status == StatusCode::UNAUTHORIZED && !refreshed {
                refreshed = true;
                self.auth.refused(&token).await;
                tracing::info!(path, "stortech: token refused, asking for a new one");
                continue;
            }
            if status == StatusCode::TOO_MANY_REQUESTS && may_wait && !waited {
                waited = true;
                continue;
            }
            let text = match response.text().await {
                Ok(text) => text,
                Err(e) => return Err(CallError::Lost(describe(&e))),
            };
            if status.is_success() {
                if text.trim().is_empty() {
                    return Ok(Value::Null);
                }
                return serde_json::from_str(&text)
                    .map_err(|e| CallError::Unreadable(e.to_string()));
            }
            return Err(error_of(status, &text));
        }
    }

    /// Waits for the reset when allowed and near, else refuses to send.
    async fn obey_limit(&self, may_wait: bool) -> Result<(), CallError> {
        let until = self.blocked_until.lock().ok().and_then(|g| *g);
        let Some(until) = until else { return Ok(()) };
        let now = Instant::now();
        if until <= now {
            return Ok(());
        }
        let wait = until - now;
        if may_wait && wait <= MAX_WAIT {
            tracing::info!(
                wait_ms = wait.as_millis(),
                "stortech: waiting for the rate limit to reset"
            );
            tokio::time::sleep(wait).await;
            Ok(())
        } else {
            Err(CallError::NotSent(format!(
                "rate limited for {} s more",
                wait.as_secs()
            )))
        }
    }

    fn block_for(&self, wait: Duration) {
        let until = Instant::now() + wait.min(MAX_BLOCK);
        if let Ok(mut guard) = self.blocked_until.lock() {
            if guard.is_none_or(|t| t < until) {
                *guard = Some(until);
            }
        }
    }

    /// A 429, or a last request of the window: nothing more until the reset.
    fn note_limit(&self, status: StatusCode, headers: &reqwest::header::HeaderMap) {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<i64>().ok())
        };
        let exhausted = number("x-ratelimit-remaining") == Some(0);
        if status != StatusCode::TOO_MANY_REQUESTS && !exhausted {
            return;
        }
        let now_unix = chrono::Utc::now().timestamp();
        let by_reset = number("x-ratelimit-reset").map(|reset| reset - now_unix);
        let by_retry = number("retry-after");
        let secs = by_reset
            .into_iter()
            .chain(by_retry)
            .max()
            .unwrap_or(60)
            .max(1);
        let wait = Duration::from_secs(u64::try_from(secs).unwrap_or(60));
        tracing::warn!(
            status = status.as_u16(),
            wait_secs = wait.as_secs(),
            "stortech: rate limit reached; no call before its reset"
        );
        self.block_for(wait);
    }
}

/// The reference's `{"error": {"code", "message", "details": [{"field"}]}}`.
fn error_of(status: StatusCode, text: &str) -> CallError {
    let body: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let error = &body["error"];
    CallError::Status {
        status: status.as_u16(),
        code: error["code"].as_str().unwrap_or_default().to_owned(),
        fields: error["details"]
            .as_array()
            .map(|details| {
                details
                    .iter()
                    .filter_map(|d| d["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    }
}
