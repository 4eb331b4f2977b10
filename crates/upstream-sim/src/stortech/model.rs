//! Stortech's resources as the reference shows them ("Core API Endpoints").
//! Field names and shapes are the reference's; amounts are `Decimal` and go
//! out as JSON numbers. Fields the reference does not show (a customer's or
//! booking's facility, an invoice's booking) are kept but not serialised.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub province: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `"09:00-18:00"` per day; a day absent (or `"closed"`) is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuesday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wednesday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thursday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saturday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sunday: Option<String>,
}

/// Rates are fractions (`0.05` = 5 %); the reference shows GST and PST, and
/// Canada also has QST and HST, so those are accepted too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxConfiguration {
    #[serde(
        default,
        with = "crate::money::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub gst_rate: Option<Decimal>,
    #[serde(
        default,
        with = "crate::money::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub pst_rate: Option<Decimal>,
    #[serde(
        default,
        with = "crate::money::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub qst_rate: Option<Decimal>,
    #[serde(
        default,
        with = "crate::money::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub hst_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gst_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pst_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qst_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hst_number: Option<String>,
}

impl TaxConfiguration {
    pub fn rates(&self) -> impl Iterator<Item = Decimal> + '_ {
        [self.gst_rate, self.pst_rate, self.qst_rate, self.hst_rate]
            .into_iter()
            .flatten()
    }
}

/// "Get Facility Details"; the list shows it without hours and taxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub address: Address,
    pub contact: Contact,
    #[serde(default)]
    pub business_hours: BusinessHours,
    #[serde(default)]
    pub tax_configuration: TaxConfiguration,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A facility as "List Facilities" shows it.
#[derive(Debug, Serialize)]
pub struct FacilitySummary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub address: &'a Address,
    pub contact: &'a Contact,
    pub status: &'a str,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl<'a> From<&'a Facility> for FacilitySummary<'a> {
    fn from(f: &'a Facility) -> Self {
        Self {
            id: &f.id,
            name: &f.name,
            address: &f.address,
            contact: &f.contact,
            status: &f.status,
            created_at: f.created_at,
            updated_at: f.updated_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    #[serde(with = "crate::money::number")]
    pub width: Decimal,
    #[serde(with = "crate::money::number")]
    pub length: Decimal,
    #[serde(with = "crate::money::number")]
    pub height: Decimal,
    #[serde(with = "crate::money::number")]
    pub square_feet: Decimal,
}

/// The reference has no unit-type endpoint: a unit type is seen inside each unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitType {
    pub id: String,
    pub name: String,
    pub dimensions: Dimensions,
    #[serde(with = "crate::money::number")]
    pub monthly_rate: Decimal,
    #[serde(with = "crate::money::number")]
    pub security_deposit: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitStatus {
    Available,
    Occupied,
    Maintenance,
    Reserved,
}

impl UnitStatus {
    pub const ALL: [UnitStatus; 4] = [
        UnitStatus::Available,
        UnitStatus::Occupied,
        UnitStatus::Maintenance,
        UnitStatus::Reserved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitStatus::Available => "available",
            UnitStatus::Occupied => "occupied",
            UnitStatus::Maintenance => "maintenance",
            UnitStatus::Reserved => "reserved",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A unit as the simulator keeps it (the control API shows this).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub id: String,
    pub facility_id: String,
    pub unit_type_id: String,
    pub unit_number: String,
    pub status: UnitStatus,
    pub access_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub last_occupied: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A unit as "List Units" shows it, its type inside.
#[derive(Debug, Serialize)]
pub struct UnitView<'a> {
    pub id: &'a str,
    pub unit_number: &'a str,
    pub unit_type: &'a UnitType,
    pub status: UnitStatus,
    pub access_code: Option<&'a str>,
    pub last_occupied: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The answer of "Update Unit Status".
#[derive(Debug, Clone, Serialize)]
pub struct UnitUpdated {
    pub id: String,
    pub unit_number: String,
    pub status: UnitStatus,
    pub notes: Option<String>,
    pub access_code: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rental {
    pub unit_id: String,
    pub unit_number: String,
    pub move_in_date: NaiveDate,
    #[serde(with = "crate::money::number")]
    pub monthly_rate: Decimal,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    #[serde(skip_serializing)]
    pub facility_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default = "english")]
    pub language: String,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub active_rentals: Vec<Rental>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn english() -> String {
    "en".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BookingStatus {
    /// Made without a payment method: the desk takes payment.
    Pending,
    Confirmed,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromotionApplied {
    pub code: String,
    #[serde(with = "crate::money::number")]
    pub discount_amount: Decimal,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    pub id: String,
    #[serde(skip_serializing)]
    pub facility_id: String,
    pub customer_id: String,
    pub unit_id: String,
    pub unit_number: String,
    pub move_in_date: NaiveDate,
    #[serde(with = "crate::money::number")]
    pub monthly_rate: Decimal,
    #[serde(with = "crate::money::number")]
    pub security_deposit: Decimal,
    pub promotion_applied: Option<PromotionApplied>,
    #[serde(with = "crate::money::number")]
    pub total_due_today: Decimal,
    pub status: BookingStatus,
    pub created_at: DateTime<Utc>,
}

/// A promotional code the facility honours (fixture only: the reference has
/// no promotions endpoint, only the code on a booking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promotion {
    pub code: String,
    pub description: String,
    #[serde(flatten)]
    pub discount: Discount,
}

/// What a promotion takes off the first month's rent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Discount {
    FirstMonthFree,
    PercentOff {
        #[serde(with = "crate::money::number")]
        percent: Decimal,
    },
    AmountOff {
        #[serde(with = "crate::money::number")]
        amount: Decimal,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvoiceStatus {
    Pending,
    Paid,
    Overdue,
    Failed,
}

impl InvoiceStatus {
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub description: String,
    #[serde(with = "crate::money::number")]
    pub amount: Decimal,
    #[serde(with = "crate::money::number")]
    pub tax_amount: Decimal,
    #[serde(with = "crate::money::number")]
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
    #[serde(skip_serializing)]
    pub facility_id: String,
    #[serde(default, skip_serializing)]
    pub booking_id: Option<String>,
    pub customer_id: String,
    pub invoice_number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub status: InvoiceStatus,
    pub line_items: Vec<LineItem>,
    #[serde(with = "crate::money::number")]
    pub subtotal: Decimal,
    #[serde(with = "crate::money::number")]
    pub tax_total: Decimal,
    #[serde(with = "crate::money::number")]
    pub total_amount: Decimal,
    #[serde(default)]
    pub payment_date: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: String,
    pub invoice_id: String,
    #[serde(with = "crate::money::number")]
    pub amount: Decimal,
    pub payment_method: String,
    pub status: String,
    pub processed_at: DateTime<Utc>,
    pub notes: Option<String>,
}

/// The events the reference lists under "Available Events".
pub const EVENTS: [&str; 8] = [
    "booking.created",
    "booking.confirmed",
    "booking.cancelled",
    "payment.processed",
    "payment.failed",
    "invoice.created",
    "customer.created",
    "unit.status_changed",
];

#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    /// Signs deliveries; never served back.
    #[serde(skip_serializing)]
    pub secret: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// Without the secret: a `{:?}` must not put it in a log.
impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("events", &self.events)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}
