//! The StoRegister simulator (`api/storegister-*.txt` and `api/examples/`):
//! the size-and-price listing, the booking quote preview and the tenant
//! view, behind the operator's secret `X-API-Key`, in the reference's
//! envelope (`data`, `succeeded`, `status`, `errors`).
//!
//! The references do not say how a tenant obtains the `X-Token` that
//! `GET /v1/tenant/` wants, so tokens come from the fixture or from
//! [`StoRegisterSim::issue_tenant_token`] (`POST /_sim/tenants/{id}/tokens`).

mod account;
mod control;
mod routes;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use axum::response::Response;

pub use account::{AvailabilityChange, Fixture, TaxUserType, DEFAULT as DEFAULT_FIXTURE};

use self::account::Account;
use crate::harness::{FaultAnswers, Harness};
use crate::tokens::{Grant, TokenInfo};
use crate::{lock, Fault, Running, SpawnError};

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// The seed data; the built-in `fixtures/storegister.json` when `None`.
    pub fixture: Option<Fixture>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            fixture: None,
        }
    }
}

#[derive(Debug)]
pub(crate) struct StoRegisterState {
    fixture: Fixture,
    account: Mutex<Account>,
    harness: Arc<Harness>,
}

impl StoRegisterState {
    fn read<T>(&self, query: impl FnOnce(&Account) -> T) -> T {
        query(&lock(&self.account))
    }

    fn change<T>(&self, change: impl FnOnce(&mut Account) -> T) -> T {
        change(&mut lock(&self.account))
    }

    fn accepts_key(&self, key: &str) -> bool {
        self.fixture.api_keys.iter().any(|k| k == key)
    }

    /// A session token for a tenant of the account (`contactBook.id`).
    fn issue_tenant_token(&self, contact_id: &str) -> Option<String> {
        self.read(|a| a.tenant(contact_id).is_some()).then(|| {
            self.harness.tokens.issue(
                Grant {
                    subject: contact_id.to_owned(),
                    scope: None,
                },
                None,
            )
        })
    }

    fn seed_tokens(&self) {
        for (token, contact) in &self.fixture.tenant_tokens {
            self.harness.tokens.insert(
                token,
                Grant {
                    subject: contact.clone(),
                    scope: None,
                },
            );
        }
    }

    fn reset(&self) -> Result<(), String> {
        *lock(&self.account) = self.fixture.account()?;
        self.harness.reset();
        self.seed_tokens();
        Ok(())
    }
}

#[derive(Debug)]
struct Answers;

impl FaultAnswers for Answers {
    fn status(&self, status: StatusCode) -> Response {
        let code = if status.is_server_error() {
            "SOMETHING_WENT_WRONG"
        } else {
            "FAILED"
        };
        routes::failure(status, code, status.canonical_reason().unwrap_or("error"))
    }

    fn rate_limited(&self, _method: &Method, retry_after: Duration) -> Response {
        let mut response =
            routes::failure(StatusCode::TOO_MANY_REQUESTS, "FAILED", "too many requests");
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
pub async fn spawn(config: Config) -> Result<StoRegisterSim, SpawnError> {
    let fixture = match config.fixture {
        Some(fixture) => fixture,
        None => Fixture::default_fixture().map_err(SpawnError::Fixture)?,
    };
    let account = fixture.account().map_err(SpawnError::Fixture)?;
    let state = Arc::new(StoRegisterState {
        fixture,
        account: Mutex::new(account),
        harness: Arc::new(Harness::new(Answers)),
    });
    state.seed_tokens();
    let server = crate::server::serve(config.listen, routes::app(state.clone()))
        .await
        .map_err(|source| SpawnError::Bind {
            addr: config.listen,
            source,
        })?;
    Ok(StoRegisterSim { server, state })
}

/// A running StoRegister simulator and its control from Rust.
#[derive(Debug)]
pub struct StoRegisterSim {
    server: Running,
    state: Arc<StoRegisterState>,
}

impl StoRegisterSim {
    /// `http://127.0.0.1:PORT`: `STOREGISTER_API_URL`.
    pub fn url(&self) -> String {
        self.server.url()
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

    /// Changes a size's availability in every listing it is in; how many
    /// sizes changed (0: unknown size or price row).
    pub fn set_availability(
        &self,
        storage_space_size_id: &str,
        change: &AvailabilityChange,
    ) -> usize {
        self.state
            .change(|a| a.set_availability(storage_space_size_id, change))
    }

    /// A session token for a tenant of the fixture (`contactBook.id`).
    pub fn issue_tenant_token(&self, contact_id: &str) -> Option<String> {
        self.state.issue_tenant_token(contact_id)
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
