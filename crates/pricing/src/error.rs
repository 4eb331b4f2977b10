//! The one error type of the crate: every refusal names the field at fault.

use std::fmt;

use thiserror::Error;

/// A request the crate refuses, with the path of the field at fault
/// (`items[0].price`, `billing.anchor.fixedDay`) so that a caller can put the
/// message beside the right input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct PricingError {
    /// Where the problem is, as a JSON path (`items[0].price`); empty when
    /// the request as a whole is at fault (malformed JSON).
    pub path: String,
    /// What is wrong, in words meant for the person who wrote the request.
    pub message: String,
}

impl fmt::Display for PricingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl PricingError {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    /// An arithmetic overflow: amounts this large cannot be priced exactly.
    pub(crate) fn too_large(path: impl Into<String>) -> Self {
        Self::new(path, "amount too large to compute")
    }
}

/// Result alias used throughout the crate.
pub type Result<T, E = PricingError> = std::result::Result<T, E>;
