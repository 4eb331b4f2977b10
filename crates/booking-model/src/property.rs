//! `GET /v1/properties/{id}`: the StoRegister property plus everything the
//! widget needs to offer a booking and price it locally.

use chrono::NaiveDate;
use pricing::{Billing, Currency, DiscountKind, Period, Tax};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::mapping::MoveInWindow;
use crate::money::{decimal, decimal_str, JsonDecimal};

/// The property as StoRegister's listing shows it (field names included,
/// down to `countryISOCode2`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Property {
    pub id: String,
    pub name: String,
    pub address: String,
    pub city: String,
    pub latitude: JsonDecimal,
    pub longitude: JsonDecimal,
    pub postal_code: String,
    pub country: Country,
    #[serde(default)]
    pub region: Option<Region>,
    #[serde(rename = "countryISOCode2")]
    pub country_iso_code2: String,
    #[serde(default)]
    pub google_place_id: Option<String>,
    #[serde(default)]
    pub contact_number: Option<String>,
    #[serde(default)]
    pub property_image_list: Option<Vec<String>>,
    #[serde(default)]
    pub property_office_opening_hours_info_list: Option<Vec<OpeningHours>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Country {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    pub id: i64,
    pub name: String,
}

/// One day of the office's week; `dayOfWeek` 0 is Sunday, -1 public holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OpeningHours {
    pub day_of_week: i8,
    pub week: Option<String>,
    pub first_time_slot: Option<String>,
    pub second_time_slot: Option<String>,
    pub is_closed: bool,
}

/// Everything a booking at one property depends on.
///
/// `earliestMoveInDate` / `latestMoveInDate` are the server's reading of
/// `moveInWindow` on the day it answered; the window itself is what the
/// mapping checks, against the `today` its caller passes, so a page left
/// open past midnight still validates as the server will.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PropertyDetails {
    pub property: Property,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::currency))]
    pub currency: Currency,
    /// BCP 47, e.g. `fr-FR`: how amounts and dates are written.
    pub locale: String,
    /// IANA zone, e.g. `Europe/Paris`.
    pub time_zone: String,
    #[serde(default)]
    pub storages: Vec<StorageType>,
    pub tenant_types: Vec<TenantType>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::periods))]
    pub payment_periods: Vec<Period>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::billing))]
    pub billing: Billing,
    pub insurance_plans: Vec<InsurancePlan>,
    /// When true a selection must name an insurance plan (the tenant may
    /// bring their own cover where this is false).
    #[serde(default)]
    pub insurance_required: bool,
    pub add_ons: Vec<AddOn>,
    #[serde(default)]
    pub deposit: Option<DepositRule>,
    pub move_in_window: MoveInWindow,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest_move_in_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_move_in_date: Option<NaiveDate>,
    pub terms: Terms,
    /// Dates the office is closed whatever its weekly hours say: public
    /// holidays (on which the `dayOfWeek` -1 hours apply) and exceptional
    /// closures. Without them the widget would say "Open now" on 25
    /// December.
    #[serde(default)]
    pub closures: Vec<Closure>,
}

/// Why the office is closed on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClosureKind {
    /// A public holiday: the office keeps its `dayOfWeek` -1 hours (closed
    /// unless those say otherwise).
    PublicHoliday,
    /// Closed all day (stocktaking, works, weather).
    Exceptional,
}

/// One date on which the office does not keep its weekly hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Closure {
    /// In the property's time zone.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "2026-12-25"))]
    pub date: NaiveDate,
    pub kind: ClosureKind,
    /// For the tenant ("Christmas Day"), in the property's language.
    #[serde(default)]
    pub name: String,
}

impl PropertyDetails {
    /// Fills the earliest and latest move-in dates for `today`.
    #[must_use]
    pub fn with_move_in_dates(mut self, today: NaiveDate) -> Self {
        self.earliest_move_in_date = self.move_in_window.earliest(today);
        self.latest_move_in_date = self.move_in_window.latest(today);
        self
    }
}

/// A kind of storage at the property ("Box", "Container").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StorageType {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub dimension_type: Option<String>,
}

/// A `taxUserTypeInfoId` value: General, Business, Student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantType {
    pub id: String,
    pub name: String,
}

/// A protection plan, charged every month like the rent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InsurancePlan {
    pub id: String,
    pub description: String,
    /// The amount of goods covered.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3500"))]
    pub coverage: Decimal,
    /// Per month.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.50"))]
    pub price: Decimal,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::taxes))]
    pub taxes: Vec<Tax>,
    #[serde(default)]
    pub price_includes_tax: bool,
}

/// What kind of extra an add-on is; it decides recurrence by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AddOnCategory {
    Service,
    Merchandise,
}

/// A service (admin fee, lock fitting) or merchandise (padlock, boxes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AddOn {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub category: AddOnCategory,
    /// Per unit; per month when `recurring`.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "4.90"))]
    pub price: Decimal,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::taxes))]
    pub taxes: Vec<Tax>,
    #[serde(default)]
    pub price_includes_tax: bool,
    #[serde(default)]
    pub recurring: bool,
    pub max_quantity: u32,
    /// Always charged (an admin fee): added with quantity 1 when the
    /// selection does not name it.
    #[serde(default)]
    pub mandatory: bool,
}

/// How the deposit is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DepositKind {
    /// `value` is the amount.
    Fixed,
    /// `value` months of the chosen price's monthly price.
    MonthsOfRent,
}

/// The deposit taken at move-in: never taxed, never prorated (PRICING.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DepositRule {
    pub kind: DepositKind,
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "50"))]
    pub value: Decimal,
    #[serde(default)]
    pub description: String,
}

/// A price variant's promotion, as the quote applies it (PRICING.md
/// "Discounts"). With a `promoCode` it applies only when the selection
/// gives that code; the code is published because the widget prices
/// locally: it is a marketing token, and the server decides in any case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Promotion {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::discount_kind))]
    pub kind: DiscountKind,
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10"))]
    pub value: Decimal,
    /// Billing cycles it lasts; absent: for ever.
    #[serde(default)]
    pub cycles: Option<u32>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub promo_code: Option<String>,
}

/// The terms the tenant accepts with `termsAccepted: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Terms {
    pub version: String,
    pub title: String,
    pub url: String,
}
