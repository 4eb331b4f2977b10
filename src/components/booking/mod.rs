//! The booking form: what is booked (move-in date, tenant type, period,
//! protection, extras, promo code), who books it, the terms, and sending it.

mod add_on_fields;
mod booking_form;
mod promo_field;
mod selection_fields;
mod tenant_fields;
mod terms_field;

pub use add_on_fields::AddOnFields;
pub use booking_form::BookingForm;
pub use promo_field::PromoField;
pub use selection_fields::SelectionFields;
pub use tenant_fields::TenantFields;
pub use terms_field::TermsField;
