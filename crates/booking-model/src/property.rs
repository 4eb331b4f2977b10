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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The property's id (StoRegister's `propertyInfoId`), unique in the catalogue.
    #[cfg_attr(feature = "schemars", schemars(example = &"a99c4590-9475-404e-bcbd-6cba2e2b5e16"))]
    pub id: String,
    /// The name tenants know the property by.
    #[cfg_attr(feature = "schemars", schemars(example = &"Chalets"))]
    pub name: String,
    /// Street address.
    #[cfg_attr(feature = "schemars", schemars(example = &"1234 rue des Chalets"))]
    pub address: String,
    #[cfg_attr(feature = "schemars", schemars(example = &"Toulouse"))]
    /// City.
    pub city: String,
    /// Degrees north, for the map.
    #[cfg_attr(feature = "schemars", schemars(example = 43.6047))]
    pub latitude: JsonDecimal,
    /// Degrees east, for the map.
    #[cfg_attr(feature = "schemars", schemars(example = 1.4442))]
    pub longitude: JsonDecimal,
    /// Postal code.
    #[cfg_attr(feature = "schemars", schemars(example = &"31000"))]
    pub postal_code: String,
    /// The country, as StoRegister numbers it.
    #[cfg_attr(feature = "schemars", schemars(example = serde_json::json!({"id": 82, "name": "France"})))]
    pub country: Country,
    /// The region, as StoRegister numbers it.
    #[cfg_attr(feature = "schemars", schemars(example = serde_json::json!({"id": 216, "name": "Occitania"})))]
    #[serde(default)]
    pub region: Option<Region>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(rename = "countryISOCode2")]
    #[cfg_attr(feature = "schemars", schemars(example = &"FR"))]
    #[cfg_attr(feature = "schemars", schemars(regex(pattern = "^[A-Z]{2}$")))]
    pub country_iso_code2: String,
    /// Google Maps place id, for the directions link.
    #[cfg_attr(feature = "schemars", schemars(example = &"ChIJ_1J1DTS7rhIRbTl5HfDJx3c"))]
    #[serde(default)]
    pub google_place_id: Option<String>,
    /// The desk's telephone number, shown to tenants.
    #[cfg_attr(feature = "schemars", schemars(example = &"+33 5 22 24 38 38"))]
    #[serde(default)]
    pub contact_number: Option<String>,
    /// Photos of the property: file names or URLs.
    #[cfg_attr(feature = "schemars", schemars(example = serde_json::json!(["property.jpg"])))]
    #[serde(default)]
    pub property_image_list: Option<Vec<String>>,
    /// The office's weekly hours, one entry per day (and `dayOfWeek` -1 for public holidays).
    #[cfg_attr(feature = "schemars", schemars(example = serde_json::json!([{"dayOfWeek": 1, "week": "lundi", "firstTimeSlot": "09:00 To 12:30", "secondTimeSlot": "13:30 To 19:00", "isClosed": false}])))]
    #[serde(default)]
    pub property_office_opening_hours_info_list: Option<Vec<OpeningHours>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Country {
    /// StoRegister's number for it.
    #[cfg_attr(feature = "schemars", schemars(example = 82))]
    pub id: i64,
    /// Its name, in the property's language.
    #[cfg_attr(feature = "schemars", schemars(example = &"France"))]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Region {
    /// StoRegister's number for it.
    #[cfg_attr(feature = "schemars", schemars(example = 216))]
    pub id: i64,
    /// Its name, in the property's language.
    #[cfg_attr(feature = "schemars", schemars(example = &"Occitania"))]
    pub name: String,
}

/// One day of the office's week; `dayOfWeek` 0 is Sunday, -1 public holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OpeningHours {
    /// 0 Sunday to 6 Saturday; -1 the hours kept on public holidays.
    #[cfg_attr(feature = "schemars", schemars(example = 1))]
    #[cfg_attr(feature = "schemars", schemars(range(min = -1, max = 6)))]
    pub day_of_week: i8,
    /// The day's name, in the property's language.
    #[cfg_attr(feature = "schemars", schemars(example = &"lundi"))]
    pub week: Option<String>,
    /// `HH:MM To HH:MM`.
    #[cfg_attr(feature = "schemars", schemars(example = &"09:00 To 12:30"))]
    #[cfg_attr(
        feature = "schemars",
        schemars(regex(pattern = "^[0-2][0-9]:[0-5][0-9] To [0-2][0-9]:[0-5][0-9]$"))
    )]
    pub first_time_slot: Option<String>,
    /// `HH:MM To HH:MM`, after a lunch break.
    #[cfg_attr(feature = "schemars", schemars(example = &"13:30 To 19:00"))]
    #[cfg_attr(
        feature = "schemars",
        schemars(regex(pattern = "^[0-2][0-9]:[0-5][0-9] To [0-2][0-9]:[0-5][0-9]$"))
    )]
    pub second_time_slot: Option<String>,
    /// Closed all that day.
    #[cfg_attr(feature = "schemars", schemars(example = false))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClosureKind {
    /// A public holiday: the office keeps its `dayOfWeek` -1 hours (closed
    /// unless those say otherwise).
    PublicHoliday,
    /// Closed all day (stocktaking, works, weather).
    Exceptional,
}

/// The longest closure name, in characters: it fits the widget's list.
pub const CLOSURE_NAME_MAX: usize = 80;

/// One date on which the office does not keep its weekly hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Closure {
    /// In the property's time zone; a date appears once per property.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "2026-12-25"))]
    #[cfg_attr(feature = "schemars", schemars(example = &"2026-12-25"))]
    pub date: NaiveDate,
    /// A public holiday or an exceptional closure.
    #[cfg_attr(feature = "schemars", schemars(example = &"PUBLIC_HOLIDAY"))]
    pub kind: ClosureKind,
    /// For the tenant ("Christmas Day"), in the property's language; at
    /// most [`CLOSURE_NAME_MAX`] characters.
    #[cfg_attr(feature = "schemars", schemars(example = &"Noël"))]
    #[cfg_attr(feature = "schemars", schemars(length(max = CLOSURE_NAME_MAX)))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct TenantType {
    /// The `taxUserTypeInfoId` a selection names.
    #[cfg_attr(feature = "schemars", schemars(example = &"2f6d2c3e-0000-4000-8000-000000000001"))]
    pub id: String,
    /// Shown to the tenant.
    #[cfg_attr(feature = "schemars", schemars(example = &"Particulier"))]
    pub name: String,
}

/// A protection plan, charged every month like the rent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct InsurancePlan {
    /// The plan's id, which a selection names.
    #[cfg_attr(feature = "schemars", schemars(example = &"5711d7e3-f2e8-477d-bdf0-5a995177ce23"))]
    pub id: String,
    /// Shown to the tenant.
    #[cfg_attr(feature = "schemars", schemars(example = &"Protection 3 500 €"))]
    pub description: String,
    /// The amount of goods covered.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3500"))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::decimal", example = &"3500"))]
    pub coverage: Decimal,
    /// Per month.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.50"))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::decimal", example = &"12.50"))]
    pub price: Decimal,
    /// Taxes on the price.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::taxes))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::taxes"))]
    #[cfg_attr(feature = "schemars", schemars(example = serde_json::json!([{"name": "TVA", "rate": "20"}])))]
    pub taxes: Vec<Tax>,
    /// Whether `price` already includes the taxes.
    #[cfg_attr(feature = "schemars", schemars(example = true))]
    #[serde(default)]
    pub price_includes_tax: bool,
}

/// What kind of extra an add-on is; it decides recurrence by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AddOnCategory {
    Service,
    Merchandise,
}

/// A service (admin fee, lock fitting) or merchandise (padlock, boxes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AddOn {
    /// The add-on's id, which a selection names.
    #[cfg_attr(feature = "schemars", schemars(example = &"8d1f6a10-0000-4000-8000-000000000001"))]
    pub id: String,
    /// Shown to the tenant.
    #[cfg_attr(feature = "schemars", schemars(example = &"Cadenas"))]
    pub name: String,
    /// A line under the name.
    #[cfg_attr(feature = "schemars", schemars(example = &"Cadenas à disque, 2 clés"))]
    #[serde(default)]
    pub description: String,
    /// A service or merchandise.
    #[cfg_attr(feature = "schemars", schemars(example = &"MERCHANDISE"))]
    pub category: AddOnCategory,
    /// Per unit; per month when `recurring`.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "4.90"))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::decimal", example = &"4.90"))]
    pub price: Decimal,
    /// Taxes on the price.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::taxes))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::taxes"))]
    #[cfg_attr(feature = "schemars", schemars(example = serde_json::json!([{"name": "TVA", "rate": "20"}])))]
    pub taxes: Vec<Tax>,
    /// Whether `price` already includes the taxes.
    #[cfg_attr(feature = "schemars", schemars(example = true))]
    #[serde(default)]
    pub price_includes_tax: bool,
    /// Charged every month rather than once.
    #[cfg_attr(feature = "schemars", schemars(example = false))]
    #[serde(default)]
    pub recurring: bool,
    /// The most a tenant may take.
    #[cfg_attr(feature = "schemars", schemars(example = 5))]
    pub max_quantity: u32,
    /// Always charged (an admin fee): added with quantity 1 when the
    /// selection does not name it.
    #[cfg_attr(feature = "schemars", schemars(example = false))]
    #[serde(default)]
    pub mandatory: bool,
}

/// How the deposit is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DepositRule {
    /// A fixed amount or months of rent.
    #[cfg_attr(feature = "schemars", schemars(example = &"FIXED"))]
    pub kind: DepositKind,
    /// The amount, or the number of months.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "50"))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::decimal", example = &"50"))]
    pub value: Decimal,
    /// Shown to the tenant.
    #[cfg_attr(feature = "schemars", schemars(example = &"Dépôt de garantie"))]
    #[serde(default)]
    pub description: String,
}

/// A price variant's promotion, as the quote applies it (PRICING.md
/// "Discounts"). With a `promoCode` it applies only when the selection
/// gives that code; the code is published because the widget prices
/// locally: it is a marketing token, and the server decides in any case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Promotion {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::discount_kind))]
    /// A percentage of the rent, or an amount off each month.
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::discount_kind", example = &"percent"))]
    pub kind: DiscountKind,
    /// The percentage, or the amount.
    #[serde(deserialize_with = "decimal", serialize_with = "decimal_str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10"))]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "crate::schema::decimal", example = &"10"))]
    pub value: Decimal,
    /// Billing cycles it lasts; absent: for ever.
    #[cfg_attr(feature = "schemars", schemars(example = 3))]
    #[serde(default)]
    pub cycles: Option<u32>,
    /// Shown to the tenant.
    #[cfg_attr(feature = "schemars", schemars(example = &"-10 % les 3 premiers mois"))]
    #[serde(default)]
    pub description: String,
    /// The code the tenant types to get it; absent: it applies to everyone.
    #[cfg_attr(feature = "schemars", schemars(example = &"BIENVENUE"))]
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
