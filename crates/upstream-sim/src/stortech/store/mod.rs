//! Stortech's state and what can be done to it, between the HTTP routes (and
//! the control API) and the data. Every operation runs under the one lock of
//! the simulator, so two bookings of one unit cannot both succeed. What an
//! operation changes goes out as webhook events: it puts them in the outbox,
//! which the caller publishes once the lock is released.

use serde::Serialize;
use serde_json::Value;

use super::model::{
    Booking, Customer, Facility, FacilitySummary, Invoice, Payment, Promotion, Unit, UnitStatus,
    UnitType, Webhook,
};
use super::paging::{Page, Paging};

mod billing;
mod bookings;
mod customers;
mod units;
mod webhooks;

pub use billing::{InvoiceFilter, NewPayment};
pub use bookings::{NewBooking, PaymentMethod};
pub use customers::{CustomerFilter, NewCustomer};
pub use units::{TypeAvailability, UnitFilter, UnitPatch};
pub use webhooks::NewWebhook;

/// One field's problem, as the reference's `details` list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: &str) -> Self {
        Self {
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }
}

/// Why an operation was not done; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// 404: no such resource (`what` names it).
    #[error("{0} not found")]
    NotFound(String),
    /// 422: the request's fields, each with its problem.
    #[error("invalid request")]
    Invalid(Vec<FieldError>),
    /// 409 (or 422 when configured): the unit is not `available`.
    #[error("unit {unit_number} is {}", status.as_str())]
    UnitUnavailable {
        unit_id: String,
        unit_number: String,
        status: UnitStatus,
    },
    /// 409: the resource is in a state that does not allow it.
    #[error("{0}")]
    Conflict(String),
}

fn invalid(field: &str, message: &str) -> Refusal {
    Refusal::Invalid(vec![FieldError::new(field, message)])
}

/// A webhook event to publish: the envelope's `event`, `facility_id`, `data`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub name: &'static str,
    pub facility_id: String,
    pub data: Value,
}

/// A unit type and the facility it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct TypeEntry {
    pub facility_id: String,
    pub unit_type: UnitType,
}

/// Sequential ids in the reference's style (`cust_`, `book_` and nine digits).
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    next: u64,
}

impl Default for Ids {
    fn default() -> Self {
        Self::starting_at(300_000_001)
    }
}

impl Ids {
    pub(crate) fn starting_at(next: u64) -> Self {
        Self { next }
    }

    pub(crate) fn next(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}_{}", self.next);
        self.next += 1;
        id
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    pub facilities: Vec<Facility>,
    pub types: Vec<TypeEntry>,
    pub units: Vec<Unit>,
    pub customers: Vec<Customer>,
    pub bookings: Vec<Booking>,
    pub invoices: Vec<Invoice>,
    pub payments: Vec<Payment>,
    pub webhooks: Vec<Webhook>,
    pub promotions: Vec<Promotion>,
    pub ids: Ids,
    pub next_invoice_number: u64,
    /// The desk takes the unit of the next N bookings a moment before they arrive.
    pub take_on_next_booking: u32,
    /// Events of the changes made, not yet published.
    pub outbox: Vec<Event>,
}

impl Store {
    pub(crate) fn facility(&self, id: &str) -> Result<&Facility, Refusal> {
        self.facilities
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| Refusal::NotFound(format!("facility {id}")))
    }

    pub(crate) fn unit_type(&self, id: &str) -> Option<&UnitType> {
        self.types
            .iter()
            .find(|t| t.unit_type.id == id)
            .map(|t| &t.unit_type)
    }

    fn unit_index(&self, facility_id: &str, unit_id: &str) -> Result<usize, Refusal> {
        self.units
            .iter()
            .position(|u| u.id == unit_id && u.facility_id == facility_id)
            .ok_or_else(|| Refusal::NotFound(format!("unit {unit_id}")))
    }

    pub(crate) fn facilities_page(&self, paging: Paging) -> Page<FacilitySummary<'_>> {
        Page::of(self.facilities.iter().map(FacilitySummary::from), paging)
    }
}

/// The value, or a "required" error for the field.
fn required<'a>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<&'a str>,
) -> Option<&'a str> {
    if value.is_none() {
        errors.push(FieldError::new(field, "is required"));
    }
    value
}
