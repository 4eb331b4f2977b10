//! Bookings: made through the API, confirmed or cancelled by the desk.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{required, Event, FieldError, Refusal, Store};
use crate::money::cents;
use crate::stortech::model::{
    Booking, BookingStatus, Discount, Promotion, PromotionApplied, Rental, TaxConfiguration,
    UnitStatus, UnitType,
};

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

impl Store {
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
}

/// What a booking owes today. The reference's example: rent 150.00, deposit
/// 150.00, first month free → `total_due_today` 150.00; its invoice example
/// taxes rent at GST + PST (150.00 → 19.50). So: the first whole month's rent
/// after the promotion, each tax on it rounded to the cent, plus the deposit.
#[derive(Debug, Clone)]
pub(super) struct FirstCharge {
    pub(super) promotion: Option<PromotionApplied>,
    pub(super) rent: Decimal,
    pub(super) rent_tax: Decimal,
    pub(super) deposit: Decimal,
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

    pub(super) fn total(&self) -> Decimal {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts_never_exceed_the_rent() {
        let rate = Decimal::new(15000, 2);
        assert_eq!(discount(&Discount::FirstMonthFree, rate), rate);
        let ten_percent = Discount::PercentOff {
            percent: Decimal::TEN,
        };
        assert_eq!(discount(&ten_percent, rate), Decimal::new(1500, 2));
        let five_hundred = Discount::AmountOff {
            amount: Decimal::new(500, 0),
        };
        assert_eq!(discount(&five_hundred, rate), rate);
    }
}
