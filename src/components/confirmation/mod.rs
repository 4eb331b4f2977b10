//! What the tenant sees once booked: the reference, the unit, what the
//! first invoice is made of, and where and when to come.

#[allow(clippy::module_inception)]
mod confirmation;
mod next_steps;
mod office_details;

pub use confirmation::Confirmation;
pub use next_steps::NextSteps;
pub use office_details::OfficeDetails;
