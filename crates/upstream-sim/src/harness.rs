//! What every simulator carries for its tests: armed faults, the request log
//! and the tokens it issued, and the middleware that every upstream request
//! passes through (logged, then faulted if a fault matches).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::faults::{FaultKind, Faults};
use crate::request_log::{Outcome, RequestLog};
use crate::server::Connection;
use crate::tokens::TokenStore;

/// The prefix of every control path; nothing of the references lives there.
pub const CONTROL_PREFIX: &str = "/_sim";

/// How a simulator answers when a fault says "fail": in its upstream's own
/// error format.
pub(crate) trait FaultAnswers: Send + Sync + 'static {
    /// The upstream's error answer with this status.
    fn status(&self, status: StatusCode) -> Response;
    /// The upstream's 429, retry after `retry_after`.
    fn rate_limited(&self, method: &Method, retry_after: Duration) -> Response;
}

/// Faults, request log and tokens of one simulator.
pub struct Harness {
    pub faults: Faults,
    pub requests: RequestLog,
    pub tokens: TokenStore,
    answers: Box<dyn FaultAnswers>,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness")
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

impl Harness {
    pub(crate) fn new(answers: impl FaultAnswers) -> Self {
        Self {
            faults: Faults::default(),
            requests: RequestLog::default(),
            tokens: TokenStore::default(),
            answers: Box::new(answers),
        }
    }

    /// Back to a fresh start: no faults, no requests, no tokens.
    pub(crate) fn reset(&self) {
        self.faults.clear();
        self.requests.clear();
        self.tokens.clear();
    }
}

/// Records the request, applies the first matching fault, and traces method,
/// path and status only (queries and headers may carry personal data or secrets).
pub(crate) async fn observe(
    State(harness): State<Arc<Harness>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if is_control(&path) {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let seq = harness
        .requests
        .start(method.as_str(), &path, request.uri().query());
    let connection = request.extensions().get::<Connection>().cloned();
    let fault = harness.faults.take(method.as_str(), &path);
    let finish = |status: Option<StatusCode>, outcome: Outcome| {
        harness
            .requests
            .finish(seq, status.map(|s| s.as_u16()), outcome);
        match status {
            Some(status) => tracing::info!("{method} {path} -> {} ({outcome:?})", status.as_u16()),
            None => tracing::info!("{method} {path} -> no answer ({outcome:?})"),
        }
    };
    let response = match fault {
        Some(FaultKind::Status { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let response = harness.answers.status(status);
            finish(Some(response.status()), Outcome::Fault);
            return response;
        }
        Some(FaultKind::RateLimit { retry_after_secs }) => {
            let response = harness
                .answers
                .rate_limited(&method, Duration::from_secs(retry_after_secs));
            finish(Some(response.status()), Outcome::Fault);
            return response;
        }
        Some(FaultKind::DropRequest) => {
            finish(None, Outcome::DroppedRequest);
            return close_unanswered(connection).await;
        }
        Some(FaultKind::Delay { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(request).await
        }
        Some(FaultKind::DropResponse) => {
            let response = next.run(request).await;
            finish(Some(response.status()), Outcome::DroppedResponse);
            return close_unanswered(connection).await;
        }
        None => next.run(request).await,
    };
    finish(Some(response.status()), Outcome::Answered);
    response
}

fn is_control(path: &str) -> bool {
    path.strip_prefix(CONTROL_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Closes the connection and never answers. Without a connection handle
/// (the router driven in-process, not through [`crate::server`]) there is no
/// socket to close: the nearest is a 502 with no body.
async fn close_unanswered(connection: Option<Connection>) -> Response {
    match connection {
        Some(connection) => {
            connection.close();
            std::future::pending().await
        }
        None => {
            let mut response = Response::default();
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
    }
}
