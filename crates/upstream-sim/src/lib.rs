//! Simulators of the management systems the booking API connects to, each
//! built from its reference document in `../shared/api/` alone: stateful HTTP
//! servers on loopback that answer as the reference says and misbehave when a
//! test asks them to.
//!
//! - [`stortech`]: OAuth client credentials, facilities, units, customers,
//!   bookings, invoices, webhooks (signed deliveries), rate limits.
//! - [`storegister`]: the size-and-price listing, the booking quote preview
//!   and the tenant view, behind the operator's `X-API-Key`.
//! - [`store365`]: the password grant, bearer calls, the paged envelope.
//!
//! Each has a `spawn(Config)` that binds (port 0 by default) and returns a
//! handle with the URL and the control methods; the `upstream-sim` binary
//! runs them as processes. The control API lives under `/_sim`.

pub mod faults;
pub mod request_log;
pub mod tokens;

mod control;
mod harness;
mod money;
mod server;

pub mod store365;
pub mod storegister;
pub mod stortech;

pub use faults::{Fault, FaultKind};
pub use harness::{Harness, CONTROL_PREFIX};
pub use request_log::{Outcome, RequestEntry, RequestSummary};
pub use server::Running;
pub use tokens::TokenInfo;

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, SubsecRound, Utc};

/// Now, to the second: the references show timestamps without fractions.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// Lowercase hex, as Stortech's signature header carries it.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// A poisoned lock only means a thread panicked while holding it; the data is
/// still consistent (every change is made in one step under the lock), and a
/// simulator should keep answering.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Why a simulator did not start.
#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error("{0}")]
    Fixture(String),
    #[error("{0}")]
    Config(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}
