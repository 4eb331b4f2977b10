//! The Store365 simulator (`api/store365-overview.txt`): the password grant
//! on the token URL (`POST /auth`, form-encoded, `expires_in` a string,
//! JWT-format access token), bearer calls, the paged envelope and the
//! documented error bodies. The token and API hosts of the reference are one
//! server here: `STORE365_TOKEN_URL` = `{url}/auth`, `STORE365_API_URL` = `{url}`.

mod fixture;
mod routes;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use serde_json::Value;

pub use fixture::{Client, Fixture, Resource, DEFAULT as DEFAULT_FIXTURE};

use crate::control::ControlError;
use crate::harness::{FaultAnswers, Harness};
use crate::tokens::TokenInfo;
use crate::{lock, Fault, Running, SpawnError};

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// The seed data; the built-in `fixtures/store365.json` when `None`.
    pub fixture: Option<Fixture>,
    /// `expires_in` of the tokens (the reference's example: 21599 s).
    pub token_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            fixture: None,
            token_ttl: Duration::from_secs(21599),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Store365State {
    fixture: Fixture,
    token_ttl: Duration,
    records: Mutex<BTreeMap<String, Vec<Value>>>,
    harness: Arc<Harness>,
}

impl Store365State {
    fn reset(&self) -> Result<(), String> {
        *lock(&self.records) = self.fixture.records()?;
        self.harness.reset();
        Ok(())
    }
}

#[derive(Debug)]
struct Answers;

impl FaultAnswers for Answers {
    fn status(&self, status: StatusCode) -> Response {
        let message = match status.as_u16() {
            500 => "An internal exception occurred. Please contact tech@store-it.eu so we can try to fix it.",
            503 => "A dependent service is unavailable",
            _ => status.canonical_reason().unwrap_or("error"),
        };
        routes::error(status, message)
    }

    fn rate_limited(&self, _method: &Method, retry_after: Duration) -> Response {
        let mut response = routes::error(StatusCode::TOO_MANY_REQUESTS, "Too many requests");
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            retry_after.as_secs().into(),
        );
        response
    }
}

/// Starts the simulator.
///
/// # Errors
/// A fixture that does not hold together, or an address that cannot be bound.
pub async fn spawn(config: Config) -> Result<Store365Sim, SpawnError> {
    let fixture = match config.fixture {
        Some(fixture) => fixture,
        None => Fixture::default_fixture().map_err(SpawnError::Fixture)?,
    };
    let records = fixture.records().map_err(SpawnError::Fixture)?;
    let state = Arc::new(Store365State {
        fixture,
        token_ttl: config.token_ttl,
        records: Mutex::new(records),
        harness: Arc::new(Harness::new(Answers)),
    });
    let app = routes::app(state.clone()).merge(
        Router::new()
            .route("/_sim/reset", post(reset))
            .with_state(state.clone()),
    );
    let server = crate::server::serve(config.listen, app)
        .await
        .map_err(|source| SpawnError::Bind {
            addr: config.listen,
            source,
        })?;
    Ok(Store365Sim { server, state })
}

async fn reset(
    axum::extract::State(state): axum::extract::State<Arc<Store365State>>,
) -> Result<StatusCode, ControlError> {
    state
        .reset()
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(ControlError::conflict)
}

/// A running Store365 simulator and its control from Rust.
#[derive(Debug)]
pub struct Store365Sim {
    server: Running,
    state: Arc<Store365State>,
}

impl Store365Sim {
    /// `STORE365_API_URL`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// `STORE365_TOKEN_URL`.
    pub fn token_url(&self) -> String {
        format!("{}/auth", self.server.url())
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }

    pub fn harness(&self) -> &Harness {
        &self.state.harness
    }

    /// # Errors
    /// A fault that makes no sense.
    pub fn arm(&self, fault: Fault) -> Result<(), String> {
        self.state.harness.faults.arm(fault)
    }

    pub fn request_count(&self, method: &str, path: &str) -> u64 {
        self.state.harness.requests.count(method, path)
    }

    /// How many records a resource has (`None`: no such resource).
    pub fn record_count(&self, resource: &str) -> Option<usize> {
        lock(&self.state.records).get(resource).map(Vec::len)
    }

    pub fn tokens(&self) -> Vec<TokenInfo> {
        self.state.harness.tokens.list()
    }

    pub fn expire_tokens(&self) {
        self.state.harness.tokens.expire_all();
    }

    /// # Errors
    /// Only if the fixture no longer builds (it did at start).
    pub fn reset(&self) -> Result<(), String> {
        self.state.reset()
    }
}
