//! The demo property and its listing, as `booking-model`'s fixtures have
//! them, for the native unit tests.

use booking_model::{Listing, PropertyDetails};
use chrono::NaiveDate;

pub const SMALL_4M: &str = "e9c7f096-e719-4c03-8d03-239de36a772f";
pub const SMALL_8M: &str = "f491d3e3-b615-41af-b50b-b1735bed682f";

pub fn property() -> PropertyDetails {
    serde_json::from_str(include_str!(
        "../crates/booking-model/tests/fixtures/property.json"
    ))
    .expect("property fixture")
}

pub fn listing() -> Listing {
    serde_json::from_str(include_str!(
        "../crates/booking-model/tests/fixtures/listing.json"
    ))
    .expect("listing fixture")
}

/// Sunday 4 February 2024, the fixtures' today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 4).expect("date")
}
