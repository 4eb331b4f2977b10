//! What the tenant chose in the widget: the input of quotes and bookings.

use chrono::NaiveDate;
use pricing::Period;
use serde::{Deserialize, Serialize, Serializer};

/// Move in now (`rentalPrice`) or reserve for later (`bookingPrice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    Rent,
    Book,
}

impl Mode {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rent => "RENT",
            Self::Book => "BOOK",
        }
    }
}

/// An add-on and how many of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddOnSelection {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub quantity: u32,
}

/// A tenant's choice, by catalogue ids; the prices come from the catalogue,
/// never from the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    pub property_info_id: String,
    pub storage_info_id: String,
    pub storage_space_size_info_id: String,
    /// The listing variant's `id`.
    pub price_id: String,
    pub mode: Mode,
    pub tax_user_type_info_id: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::period))]
    pub payment_period: Period,
    #[serde(deserialize_with = "strict_date", serialize_with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::date))]
    pub move_in_date: NaiveDate,
    #[serde(default)]
    pub insurance_plan_id: Option<String>,
    #[serde(default)]
    pub add_ons: Vec<AddOnSelection>,
    #[serde(default)]
    pub promo_code: Option<String>,
}

pub(crate) use pricing::wire::date as strict_date;

pub(crate) fn iso_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    // `NaiveDate`'s Display is ISO 8601 (`2024-02-04`).
    s.collect_str(date)
}
