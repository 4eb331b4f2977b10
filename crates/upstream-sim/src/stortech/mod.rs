//! The Stortech simulator (`api/stortech-api-reference.txt`).
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use upstream_sim::{stortech, Fault};
//!
//! let sim = stortech::spawn(stortech::Config::default()).await?;
//! // The next booking is made upstream, but its answer never arrives.
//! sim.arm(Fault::drop_response().on("POST", "/api/v1/facilities/*/bookings"))?;
//! // ... drive the booking API against sim.url() ...
//! assert_eq!(sim.bookings().len(), 1);
//! sim.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod control;
mod error;
pub mod fixture;
pub mod model;
mod paging;
pub mod rate_limit;
mod routes;
pub mod store;
pub mod webhooks;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

pub use fixture::{Fixture, DEFAULT as DEFAULT_FIXTURE};
pub use model::{Booking, Customer, Unit, UnitStatus, Webhook};
pub use rate_limit::{BucketInfo, RateLimits};
pub use store::{Refusal, TypeAvailability};
pub use webhooks::{sign, Delivery, DeliveryFault, SIGNATURE_HEADER};

use self::error::ApiError;
use self::rate_limit::{Class, Limiter};
use self::store::Store;
use self::webhooks::{DeliverySettings, Dispatcher};
use crate::harness::{FaultAnswers, Harness};
use crate::tokens::TokenInfo;
use crate::{lock, Fault, Running, SpawnError};

/// How the simulator starts.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// The seed data; the built-in `fixtures/stortech.json` when `None`.
    pub fixture: Option<Fixture>,
    /// `expires_in` of the tokens issued (the reference's 3600 s by default).
    pub token_ttl: Duration,
    pub rate_limits: RateLimits,
    /// The status of a booking of a unit that is not available: 409 or 422
    /// (the reference does not say which; 409 by default).
    pub unit_conflict_status: u16,
    /// Send `X-Stortech-Signature: sha256=<hex>` instead of `<hex>`.
    pub signature_prefix: bool,
    /// Attempts per webhook delivery, and the first pause between them (doubled each time).
    pub webhook_attempts: u32,
    pub webhook_retry_delay: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            fixture: None,
            token_ttl: Duration::from_secs(3600),
            rate_limits: RateLimits::default(),
            unit_conflict_status: 409,
            signature_prefix: false,
            webhook_attempts: 3,
            webhook_retry_delay: Duration::from_millis(250),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    pub token_ttl: Duration,
    pub unit_conflict_status: StatusCode,
}

#[derive(Debug)]
pub(crate) struct StortechState {
    settings: Settings,
    fixture: Fixture,
    store: Mutex<Store>,
    harness: Arc<Harness>,
    limiter: Limiter,
    webhooks: Dispatcher,
}

impl StortechState {
    /// Runs an operation under the lock and publishes the events of what it
    /// changed, still under the lock, so deliveries keep the order of changes.
    fn run<T>(
        &self,
        operation: impl FnOnce(&mut Store) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let mut store = lock(&self.store);
        let result = operation(&mut store);
        let events = std::mem::take(&mut store.outbox);
        self.webhooks.publish(events, &store.webhooks);
        result
    }

    fn read<T>(&self, query: impl FnOnce(&Store) -> T) -> T {
        query(&lock(&self.store))
    }

    fn refuse(&self, refusal: Refusal) -> ApiError {
        ApiError::from_refusal(refusal, self.settings.unit_conflict_status)
    }

    /// Back to the fixture: state, tokens, faults, log, rate limits.
    fn reset(&self) -> Result<(), String> {
        let fresh = self.fixture.build()?;
        *lock(&self.store) = fresh;
        self.harness.reset();
        self.limiter.reset();
        self.webhooks.reset();
        Ok(())
    }
}

/// Faulted answers in the reference's format; a 429 carries the headers.
#[derive(Debug)]
struct Answers {
    limits: RateLimits,
}

impl FaultAnswers for Answers {
    fn status(&self, status: StatusCode) -> Response {
        ApiError::from_status(status).into_response()
    }

    fn rate_limited(&self, method: &Method, retry_after: Duration) -> Response {
        self.limits.spent(Class::of(method), retry_after).exceeded()
    }
}

/// Starts the simulator.
///
/// # Errors
/// A fixture that does not hold together, a conflict status other than 409
/// or 422, or an address that cannot be bound.
pub async fn spawn(config: Config) -> Result<StortechSim, SpawnError> {
    let fixture = match config.fixture {
        Some(fixture) => fixture,
        None => Fixture::default_fixture().map_err(SpawnError::Fixture)?,
    };
    let store = fixture.build().map_err(SpawnError::Fixture)?;
    let unit_conflict_status = match config.unit_conflict_status {
        409 => StatusCode::CONFLICT,
        422 => StatusCode::UNPROCESSABLE_ENTITY,
        other => {
            return Err(SpawnError::Config(format!(
                "unit conflict status must be 409 or 422, not {other}"
            )))
        }
    };
    let state = Arc::new(StortechState {
        settings: Settings {
            token_ttl: config.token_ttl,
            unit_conflict_status,
        },
        fixture,
        store: Mutex::new(store),
        harness: Arc::new(Harness::new(Answers {
            limits: config.rate_limits,
        })),
        limiter: Limiter::new(config.rate_limits),
        webhooks: Dispatcher::start(DeliverySettings {
            signature_prefix: config.signature_prefix,
            attempts: config.webhook_attempts,
            retry_delay: config.webhook_retry_delay,
        }),
    });
    let server = crate::server::serve(config.listen, routes::app(state.clone()))
        .await
        .map_err(|source| SpawnError::Bind {
            addr: config.listen,
            source,
        })?;
    Ok(StortechSim { server, state })
}

/// A running Stortech simulator, and its control from Rust (the same as
/// `/_sim/...` over HTTP).
#[derive(Debug)]
pub struct StortechSim {
    server: Running,
    state: Arc<StortechState>,
}

impl StortechSim {
    /// `http://127.0.0.1:PORT`: `STORTECH_API_URL`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }

    /// Faults, request log and tokens.
    pub fn harness(&self) -> &Harness {
        &self.state.harness
    }

    /// Arms a fault for the next matching requests.
    ///
    /// # Errors
    /// A fault that makes no sense (see [`crate::faults::Faults::arm`]).
    pub fn arm(&self, fault: Fault) -> Result<(), String> {
        self.state.harness.faults.arm(fault)
    }

    /// Upstream requests with this method and a path matching `path`
    /// (`*` one segment, a final `**` any rest).
    pub fn request_count(&self, method: &str, path: &str) -> u64 {
        self.state.harness.requests.count(method, path)
    }

    pub fn tokens(&self) -> Vec<TokenInfo> {
        self.state.harness.tokens.list()
    }

    /// Every token issued so far expires now.
    pub fn expire_tokens(&self) {
        self.state.harness.tokens.expire_all();
    }

    pub fn revoke_tokens(&self) {
        self.state.harness.tokens.revoke_all();
    }

    pub fn bookings(&self) -> Vec<Booking> {
        self.state.read(|s| s.bookings.clone())
    }

    pub fn customers(&self) -> Vec<Customer> {
        self.state.read(|s| s.customers.clone())
    }

    /// The units of a facility (every facility's when `None`), in listing order.
    pub fn units(&self, facility_id: Option<&str>) -> Vec<Unit> {
        self.state.read(|s| {
            s.units
                .iter()
                .filter(|u| facility_id.is_none_or(|f| u.facility_id == f))
                .cloned()
                .collect()
        })
    }

    /// Units per status for each unit type of a facility.
    ///
    /// # Errors
    /// [`Refusal::NotFound`] for an unknown facility.
    pub fn availability(&self, facility_id: &str) -> Result<Vec<TypeAvailability>, Refusal> {
        self.state.read(|s| s.availability(facility_id))
    }

    /// The desk changes a unit's status (a `unit.status_changed` webhook follows).
    ///
    /// # Errors
    /// [`Refusal::NotFound`] for an unknown unit.
    pub fn set_unit_status(&self, unit_id: &str, status: UnitStatus) -> Result<Unit, Refusal> {
        self.state.run(|s| s.desk_set_status(unit_id, status))
    }

    /// The desk takes the first `count` available units of a type.
    ///
    /// # Errors
    /// [`Refusal::NotFound`] for an unknown facility or unit type.
    pub fn take_units(
        &self,
        facility_id: &str,
        unit_type_id: &str,
        count: usize,
    ) -> Result<Vec<Unit>, Refusal> {
        self.state
            .run(|s| s.desk_take(facility_id, unit_type_id, count, UnitStatus::Occupied))
    }

    /// The next `count` bookings find their unit taken by the desk a moment
    /// before they arrive (409, and a `unit.status_changed` webhook).
    pub fn take_unit_on_next_booking(&self, count: u32) {
        let _ = self.state.run(|s| {
            s.take_on_next_booking += count;
            Ok(())
        });
    }

    /// # Errors
    /// [`Refusal::NotFound`], or [`Refusal::Conflict`] for a cancelled booking.
    pub fn confirm_booking(&self, booking_id: &str) -> Result<Booking, Refusal> {
        self.state.run(|s| s.confirm_booking(booking_id))
    }

    /// # Errors
    /// [`Refusal::NotFound`] for an unknown booking.
    pub fn cancel_booking(&self, booking_id: &str) -> Result<Booking, Refusal> {
        self.state.run(|s| s.cancel_booking(booking_id))
    }

    /// The registered webhooks (without their secrets when serialised).
    pub fn webhooks(&self) -> Vec<Webhook> {
        self.state.read(|s| s.webhooks.clone())
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.state.webhooks.deliveries()
    }

    pub fn arm_delivery_fault(&self, fault: DeliveryFault) {
        self.state.webhooks.arm(fault);
    }

    /// Sends a past delivery again, identical; the new delivery's id.
    pub fn replay_delivery(&self, delivery_id: &str) -> Option<String> {
        self.state
            .read(|s| self.state.webhooks.replay(delivery_id, &s.webhooks))
    }

    pub fn rate_limits(&self) -> Vec<BucketInfo> {
        self.state.limiter.buckets()
    }

    /// Every key starts a fresh window.
    pub fn reset_rate_limits(&self) {
        self.state.limiter.reset();
    }

    /// Back to the fixture: state, tokens, faults, request log, rate limits,
    /// registered webhooks.
    ///
    /// # Errors
    /// Only if the fixture no longer builds (it did at start).
    pub fn reset(&self) -> Result<(), String> {
        self.state.reset()
    }
}
