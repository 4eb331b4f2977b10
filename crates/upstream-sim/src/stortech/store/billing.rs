//! Invoices and payments: a booking's first invoice, listing, paying.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::bookings::FirstCharge;
use super::{invalid, Event, FieldError, Refusal, Store};
use crate::money::cents;
use crate::stortech::model::{Booking, BookingStatus, Invoice, InvoiceStatus, LineItem, Payment};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewPayment {
    pub payment_method: Option<String>,
    pub amount: Option<Decimal>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct InvoiceFilter {
    pub customer_id: Option<String>,
    pub status: Option<InvoiceStatus>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
}

impl Store {
    /// The booking's first invoice: the first month's rent (after the
    /// promotion) with its taxes, and the deposit, untaxed.
    pub(super) fn issue_invoice(&mut self, booking: &Booking, charge: &FirstCharge) -> String {
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

    pub(super) fn record_payment(
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
}

fn payment_amount(amount: Decimal) -> Value {
    #[derive(Serialize)]
    struct Amount(#[serde(with = "crate::money::number")] Decimal);
    serde_json::to_value(Amount(amount)).unwrap_or(Value::Null)
}
