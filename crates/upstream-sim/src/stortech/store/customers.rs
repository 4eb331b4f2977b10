//! Customers: search and creation.

use serde::Deserialize;
use serde_json::json;

use super::{Event, FieldError, Refusal, Store};
use crate::stortech::model::{english, Address, Customer};
use crate::stortech::paging::{Page, Paging};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewCustomer {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Case-insensitive part of the name, e-mail or phone.
    pub search: Option<String>,
    /// `active`: has an active rental; `inactive`: has none.
    pub active: Option<bool>,
}

impl Store {
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
            language: new.language.unwrap_or_else(english),
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
    fn emails_and_phones_are_checked_as_the_reference_says() {
        assert!(plausible_email("jane.doe@example.com"));
        assert!(!plausible_email("jane.doe"));
        assert!(!plausible_email("jane@doe"));
        assert!(!plausible_email("ja ne@doe.com"));
        assert_eq!(only_digits("(416) 555-5678"), "4165555678");
    }
}
