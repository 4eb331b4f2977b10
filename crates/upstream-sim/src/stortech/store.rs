//! Stortech's state and what can be done to it, between the HTTP routes (and
//! the control API) and the data. Every operation runs under the one lock of
//! the simulator, so two bookings of one unit cannot both succeed. What an
//! operation changes goes out as webhook events: it puts them in the outbox,
//! which the caller publishes once the lock is released.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::model::{
    Booking, BookingStatus, Customer, Discount, Facility, FacilitySummary, Invoice, InvoiceStatus,
    LineItem, Payment, Promotion, PromotionApplied, Rental, TaxConfiguration, Unit, UnitStatus,
    UnitType, UnitUpdated, UnitView, Webhook, EVENTS,
};
use super::paging::{Page, Paging};
use crate::money::cents;

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

/// How many units of one type are in each status (control API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeAvailability {
    pub unit_type_id: String,
    pub name: String,
    pub total: usize,
    pub available: usize,
    pub occupied: usize,
    pub reserved: usize,
    pub maintenance: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewCustomer {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub address: Option<super::model::Address>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PaymentMethod {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewBooking {
    pub customer_id: Option<String>,
    pub unit_id: Option<String>,
    pub move_in_date: Option<String>,
    pub payment_method: Option<PaymentMethod>,
    pub promotional_code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnitPatch {
    pub status: Option<String>,
    pub notes: Option<String>,
    pub access_code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewPayment {
    pub payment_method: Option<String>,
    pub amount: Option<Decimal>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewWebhook {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub secret: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub status: Option<UnitStatus>,
    pub unit_type_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Case-insensitive part of the name, e-mail or phone.
    pub search: Option<String>,
    /// `active`: has an active rental; `inactive`: has none.
    pub active: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct InvoiceFilter {
    pub customer_id: Option<String>,
    pub status: Option<InvoiceStatus>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
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

    pub(crate) fn units_page(
        &self,
        facility_id: &str,
        filter: &UnitFilter,
        paging: Paging,
    ) -> Result<Page<UnitView<'_>>, Refusal> {
        self.facility(facility_id)?;
        let views = self
            .units
            .iter()
            .filter(|u| u.facility_id == facility_id)
            .filter(|u| filter.status.is_none_or(|s| u.status == s))
            .filter(|u| {
                filter
                    .unit_type_id
                    .as_deref()
                    .is_none_or(|t| u.unit_type_id == t)
            })
            .filter_map(|u| {
                Some(UnitView {
                    id: &u.id,
                    unit_number: &u.unit_number,
                    unit_type: self.unit_type(&u.unit_type_id)?,
                    status: u.status,
                    access_code: u.access_code.as_deref(),
                    last_occupied: u.last_occupied,
                    created_at: u.created_at,
                    updated_at: u.updated_at,
                })
            });
        Ok(Page::of(views, paging))
    }

    /// "Update Unit Status" (the desk's own system, through the API).
    pub(crate) fn patch_unit(
        &mut self,
        facility_id: &str,
        unit_id: &str,
        patch: UnitPatch,
    ) -> Result<UnitUpdated, Refusal> {
        self.facility(facility_id)?;
        let index = self.unit_index(facility_id, unit_id)?;
        let status = match patch.status.as_deref() {
            None => None,
            Some(text) => Some(UnitStatus::parse(text).ok_or_else(|| {
                invalid(
                    "status",
                    "must be available, occupied, maintenance or reserved",
                )
            })?),
        };
        if status.is_none() && patch.notes.is_none() && patch.access_code.is_none() {
            return Err(invalid("status", "nothing to update"));
        }
        if let Some(status) = status {
            self.set_status(index, status);
        }
        let unit = &mut self.units[index];
        if let Some(notes) = patch.notes {
            unit.notes = Some(notes);
        }
        if let Some(code) = patch.access_code {
            unit.access_code = Some(code);
        }
        unit.updated_at = crate::now();
        let updated = UnitUpdated {
            id: unit.id.clone(),
            unit_number: unit.unit_number.clone(),
            status: unit.status,
            notes: unit.notes.clone(),
            access_code: unit.access_code.clone(),
            updated_at: unit.updated_at,
        };
        Ok(updated)
    }

    /// The desk changes a unit's status (control API).
    pub(crate) fn desk_set_status(
        &mut self,
        unit_id: &str,
        status: UnitStatus,
    ) -> Result<Unit, Refusal> {
        let index = self
            .units
            .iter()
            .position(|u| u.id == unit_id)
            .ok_or_else(|| Refusal::NotFound(format!("unit {unit_id}")))?;
        self.set_status(index, status);
        Ok(self.units[index].clone())
    }

    /// The desk takes the first `count` available units of a type.
    pub(crate) fn desk_take(
        &mut self,
        facility_id: &str,
        unit_type_id: &str,
        count: usize,
        status: UnitStatus,
    ) -> Result<Vec<Unit>, Refusal> {
        self.facility(facility_id)?;
        if !self
            .types
            .iter()
            .any(|t| t.facility_id == facility_id && t.unit_type.id == unit_type_id)
        {
            return Err(Refusal::NotFound(format!("unit type {unit_type_id}")));
        }
        let indices: Vec<usize> = self
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| {
                u.facility_id == facility_id
                    && u.unit_type_id == unit_type_id
                    && u.status == UnitStatus::Available
            })
            .map(|(i, _)| i)
            .take(count)
            .collect();
        for &index in &indices {
            self.set_status(index, status);
        }
        Ok(indices.iter().map(|&i| self.units[i].clone()).collect())
    }

    /// Sets a unit's status; `unit.status_changed` when it changed.
    fn set_status(&mut self, index: usize, status: UnitStatus) {
        let unit = &mut self.units[index];
        let previous = unit.status;
        if previous == status {
            return;
        }
        let now = crate::now();
        if previous == UnitStatus::Occupied {
            unit.last_occupied = Some(now.date_naive());
        }
        unit.status = status;
        unit.updated_at = now;
        self.outbox.push(Event {
            name: "unit.status_changed",
            facility_id: unit.facility_id.clone(),
            data: json!({ "unit": {
                "id": unit.id,
                "unit_number": unit.unit_number,
                "unit_type_id": unit.unit_type_id,
                "status": status,
                "previous_status": previous,
                "updated_at": unit.updated_at,
            }}),
        });
    }

    pub(crate) fn availability(&self, facility_id: &str) -> Result<Vec<TypeAvailability>, Refusal> {
        self.facility(facility_id)?;
        Ok(self
            .types
            .iter()
            .filter(|t| t.facility_id == facility_id)
            .map(|t| {
                let units: Vec<&Unit> = self
                    .units
                    .iter()
                    .filter(|u| u.unit_type_id == t.unit_type.id)
                    .collect();
                let count = |s: UnitStatus| units.iter().filter(|u| u.status == s).count();
                TypeAvailability {
                    unit_type_id: t.unit_type.id.clone(),
                    name: t.unit_type.name.clone(),
                    total: units.len(),
                    available: count(UnitStatus::Available),
                    occupied: count(UnitStatus::Occupied),
                    reserved: count(UnitStatus::Reserved),
                    maintenance: count(UnitStatus::Maintenance),
                }
            })
            .collect())
    }

    pub(crate) fn customers_page(
        &self,
        facility_id: &str,
        filter: &CustomerFilter,
        paging: Paging,
    ) -> Result<Page<&Customer>, Refusal> {
        self.facility(facility_id)?;
        let search = filter.search.as_deref().map(str::to_lowercase);
        let digits = search.as_deref().map(only_digits).unwrap_or_default();
        let matches = |c: &Customer| {
            let Some(search) = search.as_deref() else {
                return true;
            };
            let name = format!("{} {}", c.first_name, c.last_name).to_lowercase();
            name.contains(search)
                || c.email.to_lowercase().contains(search)
                || (!digits.is_empty()
                    && c.phone
                        .as_deref()
                        .is_some_and(|p| only_digits(p).contains(&digits)))
        };
        let customers = self
            .customers
            .iter()
            .filter(|c| c.facility_id == facility_id)
            .filter(|c| matches(c))
            .filter(|c| {
                let rents = !c.active_rentals.is_empty();
                filter.active.is_none_or(|active| active == rents)
            });
        Ok(Page::of(customers, paging))
    }

    pub(crate) fn create_customer(
        &mut self,
        facility_id: &str,
        new: NewCustomer,
    ) -> Result<Customer, Refusal> {
        self.facility(facility_id)?;
        let mut errors = Vec::new();
        let mut required =
            |field: &str, value: &Option<String>| match value.as_deref().map(str::trim) {
                Some(v) if !v.is_empty() => v.to_owned(),
                _ => {
                    errors.push(FieldError::new(field, "is required"));
                    String::new()
                }
            };
        let first_name = required("first_name", &new.first_name);
        let last_name = required("last_name", &new.last_name);
        let email = required("email", &new.email);
        if !email.is_empty() && !plausible_email(&email) {
            errors.push(FieldError::new("email", "Invalid email format"));
        }
        if let Some(phone) = &new.phone {
            if only_digits(phone).len() != 10 || phone.chars().any(|c| c.is_alphabetic()) {
                errors.push(FieldError::new("phone", "Phone number must be 10 digits"));
            }
        }
        if !errors.is_empty() {
            return Err(Refusal::Invalid(errors));
        }
        let now = crate::now();
        let customer = Customer {
            id: self.ids.next("cust"),
            facility_id: facility_id.to_owned(),
            first_name,
            last_name,
            email,
            phone: new.phone.map(|p| only_digits(&p)),
            language: new.language.unwrap_or_else(super::model::english),
            address: new.address,
            active_rentals: Vec::new(),
            created_at: now,
            updated_at: now,
        };
        self.customers.push(customer.clone());
        self.outbox.push(Event {
            name: "customer.created",
            facility_id: facility_id.to_owned(),
            data: json!({ "customer": customer }),
        });
        Ok(customer)
    }

    /// "Create Booking": the unit must be `available`; it becomes `reserved`,
    /// the customer gets the rental, and an invoice of what is due today is
    /// issued. With a payment method the booking is confirmed and the invoice
    /// paid at once; without, it stays `pending` until the desk confirms it.
    pub(crate) fn book(&mut self, facility_id: &str, new: NewBooking) -> Result<Booking, Refusal> {
        let taxes = self.facility(facility_id)?.tax_configuration.clone();
        let (customer, unit, move_in_date) = self.booking_parties(facility_id, &new)?;
        if self.take_on_next_booking > 0 && self.units[unit].status == UnitStatus::Available {
            // The desk was a moment faster: its change stands, this booking does not.
            self.take_on_next_booking -= 1;
            self.set_status(unit, UnitStatus::Occupied);
        }
        let chosen = &self.units[unit];
        if chosen.status != UnitStatus::Available {
            return Err(Refusal::UnitUnavailable {
                unit_id: chosen.id.clone(),
                unit_number: chosen.unit_number.clone(),
                status: chosen.status,
            });
        }
        let unit_type = self
            .unit_type(&chosen.unit_type_id)
            .cloned()
            .ok_or_else(|| Refusal::NotFound("unit type".into()))?;
        let promotion = new.promotional_code.as_deref().and_then(|code| {
            self.promotions
                .iter()
                .find(|p| p.code.eq_ignore_ascii_case(code))
        });
        let charge = FirstCharge::new(&unit_type, &taxes, promotion);

        let now = crate::now();
        let payment_method = new.payment_method.and_then(|m| m.kind);
        let booking = Booking {
            id: self.ids.next("book"),
            facility_id: facility_id.to_owned(),
            customer_id: self.customers[customer].id.clone(),
            unit_id: chosen.id.clone(),
            unit_number: chosen.unit_number.clone(),
            move_in_date,
            monthly_rate: unit_type.monthly_rate,
            security_deposit: unit_type.security_deposit,
            promotion_applied: charge.promotion.clone(),
            total_due_today: charge.total(),
            status: if payment_method.is_some() {
                BookingStatus::Confirmed
            } else {
                BookingStatus::Pending
            },
            created_at: now,
        };
        self.bookings.push(booking.clone());
        self.outbox.push(booking_event("booking.created", &booking));
        self.set_status(unit, UnitStatus::Reserved);
        let customer = &mut self.customers[customer];
        customer.active_rentals.push(Rental {
            unit_id: booking.unit_id.clone(),
            unit_number: booking.unit_number.clone(),
            move_in_date,
            monthly_rate: booking.monthly_rate,
            status: "active".into(),
        });
        customer.updated_at = now;
        let invoice_id = self.issue_invoice(&booking, &charge);
        if let Some(method) = payment_method {
            self.outbox
                .push(booking_event("booking.confirmed", &booking));
            self.record_payment(&invoice_id, booking.total_due_today, method, None)?;
        }
        Ok(booking)
    }

    /// The customer, unit and move-in date a booking names, each checked.
    fn booking_parties(
        &self,
        facility_id: &str,
        new: &NewBooking,
    ) -> Result<(usize, usize, NaiveDate), Refusal> {
        let mut errors = Vec::new();
        let customer_id = required(&mut errors, "customer_id", new.customer_id.as_deref());
        let unit_id = required(&mut errors, "unit_id", new.unit_id.as_deref());
        let move_in = required(&mut errors, "move_in_date", new.move_in_date.as_deref());
        let customer = customer_id.and_then(|id| {
            self.customers
                .iter()
                .position(|c| c.id == id && c.facility_id == facility_id)
        });
        if customer_id.is_some() && customer.is_none() {
            errors.push(FieldError::new("customer_id", "Customer not found"));
        }
        let unit = unit_id.and_then(|id| self.unit_index(facility_id, id).ok());
        if unit_id.is_some() && unit.is_none() {
            errors.push(FieldError::new(
                "unit_id",
                "Unit not found in this facility",
            ));
        }
        let move_in_date = move_in.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if move_in.is_some() && move_in_date.is_none() {
            errors.push(FieldError::new(
                "move_in_date",
                "must be a date, YYYY-MM-DD",
            ));
        }
        if let Some(method) = &new.payment_method {
            if method.kind.as_deref().is_none_or(str::is_empty) {
                errors.push(FieldError::new("payment_method.type", "is required"));
            }
        }
        match (customer, unit, move_in_date) {
            (Some(customer), Some(unit), Some(date)) if errors.is_empty() => {
                Ok((customer, unit, date))
            }
            _ => Err(Refusal::Invalid(errors)),
        }
    }

    /// The booking's first invoice: the first month's rent (after the
    /// promotion) with its taxes, and the deposit, untaxed.
    fn issue_invoice(&mut self, booking: &Booking, charge: &FirstCharge) -> String {
        let now = crate::now();
        let invoice = Invoice {
            id: self.ids.next("inv"),
            facility_id: booking.facility_id.clone(),
            booking_id: Some(booking.id.clone()),
            customer_id: booking.customer_id.clone(),
            invoice_number: self.invoice_number(now.format("%Y").to_string()),
            issue_date: now.date_naive(),
            due_date: booking.move_in_date.max(now.date_naive()),
            status: InvoiceStatus::Pending,
            line_items: vec![
                LineItem {
                    description: format!("Monthly Rent - Unit {}", booking.unit_number),
                    amount: charge.rent,
                    tax_amount: charge.rent_tax,
                    total: charge.rent + charge.rent_tax,
                },
                LineItem {
                    description: format!("Security Deposit - Unit {}", booking.unit_number),
                    amount: charge.deposit,
                    tax_amount: Decimal::ZERO,
                    total: charge.deposit,
                },
            ],
            subtotal: charge.rent + charge.deposit,
            tax_total: charge.rent_tax,
            total_amount: charge.total(),
            payment_date: None,
            created_at: now,
        };
        self.outbox.push(Event {
            name: "invoice.created",
            facility_id: booking.facility_id.clone(),
            data: json!({ "invoice": invoice }),
        });
        let id = invoice.id.clone();
        self.invoices.push(invoice);
        id
    }

    fn invoice_number(&mut self, year: String) -> String {
        self.next_invoice_number += 1;
        format!("INV-{year}-{:06}", self.next_invoice_number)
    }

    /// The desk confirms a pending booking (control API). Confirming a
    /// confirmed booking changes nothing.
    pub(crate) fn confirm_booking(&mut self, id: &str) -> Result<Booking, Refusal> {
        let booking = self.booking_mut(id)?;
        match booking.status {
            BookingStatus::Confirmed => Ok(booking.clone()),
            BookingStatus::Cancelled => {
                Err(Refusal::Conflict(format!("booking {id} is cancelled")))
            }
            BookingStatus::Pending => {
                booking.status = BookingStatus::Confirmed;
                let booking = booking.clone();
                self.outbox
                    .push(booking_event("booking.confirmed", &booking));
                Ok(booking)
            }
        }
    }

    /// The desk cancels a booking (control API): the unit is free again and
    /// the rental leaves the customer's active rentals.
    pub(crate) fn cancel_booking(&mut self, id: &str) -> Result<Booking, Refusal> {
        let booking = self.booking_mut(id)?;
        if booking.status == BookingStatus::Cancelled {
            return Ok(booking.clone());
        }
        booking.status = BookingStatus::Cancelled;
        let booking = booking.clone();
        self.outbox
            .push(booking_event("booking.cancelled", &booking));
        if let Some(index) = self
            .units
            .iter()
            .position(|u| u.id == booking.unit_id && u.status == UnitStatus::Reserved)
        {
            self.set_status(index, UnitStatus::Available);
        }
        if let Some(customer) = self
            .customers
            .iter_mut()
            .find(|c| c.id == booking.customer_id)
        {
            customer.active_rentals.retain(|r| {
                !(r.unit_id == booking.unit_id && r.move_in_date == booking.move_in_date)
            });
            customer.updated_at = crate::now();
        }
        Ok(booking)
    }

    fn booking_mut(&mut self, id: &str) -> Result<&mut Booking, Refusal> {
        self.bookings
            .iter_mut()
            .find(|b| b.id == id)
            .ok_or_else(|| Refusal::NotFound(format!("booking {id}")))
    }

    pub(crate) fn invoices(
        &self,
        facility_id: &str,
        filter: &InvoiceFilter,
    ) -> Result<Vec<&Invoice>, Refusal> {
        self.facility(facility_id)?;
        Ok(self
            .invoices
            .iter()
            .filter(|i| i.facility_id == facility_id)
            .filter(|i| {
                filter
                    .customer_id
                    .as_deref()
                    .is_none_or(|c| i.customer_id == c)
            })
            .filter(|i| filter.status.is_none_or(|s| i.status == s))
            .filter(|i| filter.date_from.is_none_or(|d| i.issue_date >= d))
            .filter(|i| filter.date_to.is_none_or(|d| i.issue_date <= d))
            .collect())
    }

    /// "Process Payment": at most what is still owed; paying it all marks the
    /// invoice paid and confirms its pending booking ("confirmed with payment").
    pub(crate) fn pay_invoice(
        &mut self,
        facility_id: &str,
        invoice_id: &str,
        new: NewPayment,
    ) -> Result<Payment, Refusal> {
        self.facility(facility_id)?;
        if !self
            .invoices
            .iter()
            .any(|i| i.id == invoice_id && i.facility_id == facility_id)
        {
            return Err(Refusal::NotFound(format!("invoice {invoice_id}")));
        }
        let mut errors = Vec::new();
        let method = match new.payment_method {
            Some(m) if !m.trim().is_empty() => m,
            _ => {
                errors.push(FieldError::new("payment_method", "is required"));
                String::new()
            }
        };
        match new.amount {
            Some(a) if a > Decimal::ZERO && cents(a) == a => {}
            Some(_) => errors.push(FieldError::new(
                "amount",
                "must be a positive amount in cents",
            )),
            None => errors.push(FieldError::new("amount", "is required")),
        }
        if !errors.is_empty() {
            return Err(Refusal::Invalid(errors));
        }
        let amount = new.amount.unwrap_or_default();
        self.record_payment(invoice_id, amount, method, new.notes)
    }

    fn record_payment(
        &mut self,
        invoice_id: &str,
        amount: Decimal,
        method: String,
        notes: Option<String>,
    ) -> Result<Payment, Refusal> {
        let paid: Decimal = self
            .payments
            .iter()
            .filter(|p| p.invoice_id == invoice_id)
            .map(|p| p.amount)
            .sum();
        let invoice = self
            .invoices
            .iter_mut()
            .find(|i| i.id == invoice_id)
            .ok_or_else(|| Refusal::NotFound(format!("invoice {invoice_id}")))?;
        let owed = invoice.total_amount - paid;
        if invoice.status == InvoiceStatus::Paid || amount > owed {
            return Err(invalid("amount", &format!("at most {owed} is owed")));
        }
        let now = crate::now();
        let payment = Payment {
            id: self.ids.next("pay"),
            invoice_id: invoice_id.to_owned(),
            amount,
            payment_method: method,
            status: "completed".into(),
            processed_at: now,
            notes,
        };
        self.outbox.push(Event {
            name: "payment.processed",
            facility_id: invoice.facility_id.clone(),
            data: json!({ "payment": {
                "id": payment.id,
                "invoice_id": invoice_id,
                "customer_id": invoice.customer_id,
                "amount": payment_amount(amount),
                "payment_method": payment.payment_method,
                "status": payment.status,
            }}),
        });
        let booking_id = invoice.booking_id.clone();
        if amount == owed {
            invoice.status = InvoiceStatus::Paid;
            invoice.payment_date = Some(now);
        }
        let fully_paid = amount == owed;
        self.payments.push(payment.clone());
        if let (true, Some(booking_id)) = (fully_paid, booking_id) {
            if self
                .bookings
                .iter()
                .any(|b| b.id == booking_id && b.status == BookingStatus::Pending)
            {
                self.confirm_booking(&booking_id)?;
            }
        }
        Ok(payment)
    }

    /// "Register Webhook Endpoint". The reference has no way to list or
    /// delete hooks, so registering a URL again replaces that hook's events
    /// and secret (`created` is false) instead of adding a second one.
    pub(crate) fn register_webhook(&mut self, new: NewWebhook) -> Result<(Webhook, bool), Refusal> {
        let mut errors = Vec::new();
        let url = new.url.unwrap_or_default();
        match reqwest::Url::parse(&url) {
            Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {}
            _ => errors.push(FieldError::new("url", "must be an http or https URL")),
        }
        let events = new.events.unwrap_or_default();
        if events.is_empty() {
            errors.push(FieldError::new("events", "at least one event is required"));
        }
        for (i, event) in events.iter().enumerate() {
            if !EVENTS.contains(&event.as_str()) {
                errors.push(FieldError::new(&format!("events[{i}]"), "unknown event"));
            }
        }
        let secret = new.secret.unwrap_or_default();
        if secret.is_empty() {
            errors.push(FieldError::new("secret", "is required to sign deliveries"));
        }
        if !errors.is_empty() {
            return Err(Refusal::Invalid(errors));
        }
        if let Some(hook) = self.webhooks.iter_mut().find(|h| h.url == url) {
            hook.events = events;
            hook.secret = secret;
            return Ok((hook.clone(), false));
        }
        let hook = Webhook {
            id: self.ids.next("hook"),
            url,
            events,
            secret,
            status: "active".into(),
            created_at: crate::now(),
        };
        self.webhooks.push(hook.clone());
        Ok((hook, true))
    }
}

/// What a booking owes today. The reference's example: rent 150.00, deposit
/// 150.00, first month free → `total_due_today` 150.00; its invoice example
/// taxes rent at GST + PST (150.00 → 19.50). So: the first whole month's rent
/// after the promotion, each tax on it rounded to the cent, plus the deposit.
#[derive(Debug, Clone)]
struct FirstCharge {
    promotion: Option<PromotionApplied>,
    rent: Decimal,
    rent_tax: Decimal,
    deposit: Decimal,
}

impl FirstCharge {
    fn new(unit_type: &UnitType, taxes: &TaxConfiguration, promotion: Option<&Promotion>) -> Self {
        let promotion = promotion.map(|p| PromotionApplied {
            code: p.code.clone(),
            discount_amount: discount(&p.discount, unit_type.monthly_rate),
            description: p.description.clone(),
        });
        let rent = unit_type.monthly_rate
            - promotion
                .as_ref()
                .map_or(Decimal::ZERO, |p| p.discount_amount);
        Self {
            rent_tax: taxes.rates().map(|rate| cents(rent * rate)).sum(),
            promotion,
            rent,
            deposit: unit_type.security_deposit,
        }
    }

    fn total(&self) -> Decimal {
        self.rent + self.rent_tax + self.deposit
    }
}

/// The first month's discount, never more than the rent.
fn discount(discount: &Discount, monthly_rate: Decimal) -> Decimal {
    let amount = match discount {
        Discount::FirstMonthFree => monthly_rate,
        Discount::PercentOff { percent } => cents(monthly_rate * percent / Decimal::ONE_HUNDRED),
        Discount::AmountOff { amount } => *amount,
    };
    amount.min(monthly_rate)
}

/// The reference's "Booking Created Event" shape.
fn booking_event(name: &'static str, booking: &Booking) -> Event {
    #[derive(Serialize)]
    struct Data<'a> {
        id: &'a str,
        customer_id: &'a str,
        unit_id: &'a str,
        unit_number: &'a str,
        move_in_date: NaiveDate,
        #[serde(with = "crate::money::number")]
        monthly_rate: Decimal,
        status: BookingStatus,
    }
    let data = Data {
        id: &booking.id,
        customer_id: &booking.customer_id,
        unit_id: &booking.unit_id,
        unit_number: &booking.unit_number,
        move_in_date: booking.move_in_date,
        monthly_rate: booking.monthly_rate,
        status: booking.status,
    };
    Event {
        name,
        facility_id: booking.facility_id.clone(),
        data: json!({ "booking": data }),
    }
}

fn payment_amount(amount: Decimal) -> Value {
    #[derive(Serialize)]
    struct Amount(#[serde(with = "crate::money::number")] Decimal);
    serde_json::to_value(Amount(amount)).unwrap_or(Value::Null)
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

fn only_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn plausible_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts_never_exceed_the_rent() {
        let rate = Decimal::new(15000, 2);
        assert_eq!(discount(&Discount::FirstMonthFree, rate), rate);
        assert_eq!(
            discount(
                &Discount::PercentOff {
                    percent: Decimal::TEN
                },
                rate
            ),
            Decimal::new(1500, 2)
        );
        assert_eq!(
            discount(
                &Discount::AmountOff {
                    amount: Decimal::new(500, 0)
                },
                rate
            ),
            rate
        );
    }

    #[test]
    fn emails_and_phones_are_checked_as_the_reference_says() {
        assert!(plausible_email("jane.doe@example.com"));
        assert!(!plausible_email("jane.doe"));
        assert!(!plausible_email("jane@doe"));
        assert!(!plausible_email("ja ne@doe.com"));
        assert_eq!(only_digits("(416) 555-5678"), "4165555678");
    }
}
