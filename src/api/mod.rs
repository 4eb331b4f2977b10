//! The booking API: one module owns every HTTP call (`client`, browser
//! only) and the error they share (`error`, plain data, so that what
//! becomes of a failed call is tested natively). The DTOs are
//! `booking_model`'s: the server serializes the same types.

mod error;

#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
pub mod json;

pub use error::ApiError;

#[cfg(target_arch = "wasm32")]
pub use client::{new_idempotency_key, Api};
