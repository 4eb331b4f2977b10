//! Why a call to the booking API did not give its data.

use booking_model::{FieldError, Status};

/// Why a call did not give its data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer at all: offline, DNS, CORS. Worth retrying as is.
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with a failure envelope.
    #[error("{status:?} ({http})")]
    Rejected {
        http: u16,
        status: Status,
        errors: Vec<FieldError>,
    },
    /// An answer the widget cannot read.
    #[error("unexpected answer: {0}")]
    Decode(String),
}
