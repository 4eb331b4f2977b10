//! Exact pricing for self-storage bookings, shared by the widget (wasm) and
//! the booking API (native) so that the price shown is the price recorded.
//!
//! Implements `shared/PRICING.md`: money is [`rust_decimal::Decimal`] rounded
//! half away from zero to the currency's minor unit, dates are
//! [`chrono::NaiveDate`] passed in by the caller (no clock), and there is no I/O.
//!
//! ```
//! let request = pricing::QuoteRequest::from_json(r#"{
//!     "currency": "EUR", "period": "MONTHLY", "moveInDate": "2024-02-04",
//!     "items": [{"category": "RENT", "price": "75", "taxes": [{"name": "VAT", "rate": "20"}]}]
//! }"#)?;
//! let quote = pricing::quote(&request)?;
//! assert_eq!(quote.due_at_move_in.to_string(), "90.00");
//! # Ok::<(), pricing::PricingError>(())
//! ```

mod calendar;
mod error;
mod line;
mod money;
mod price_card;
mod quote;
mod request;
pub mod wire;

pub use error::{PricingError, Result};
pub use line::{Line, LineTax};
pub use money::{parse_decimal, Amount, Currency};
pub use price_card::{price_card, PriceCard};
pub use quote::{quote, Invoice, Quote};
pub use request::{
    Anchor, Billing, Category, DailyRate, Discount, DiscountKind, Item, Period, QuoteRequest, Tax,
};

/// Parses, validates and prices a JSON request; the `quote` binary's core.
///
/// # Errors
/// As [`QuoteRequest::from_json`] and [`quote()`].
pub fn quote_json(request: &str) -> Result<String> {
    let quote = quote(&QuoteRequest::from_json(request)?)?;
    serde_json::to_string_pretty(&quote).map_err(|e| PricingError::new("", e.to_string()))
}
