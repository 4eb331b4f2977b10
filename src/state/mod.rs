//! The widget's shared state, one narrow context per concern, as leptos'
//! `todomvc` shares its list: [`Catalogue`] (the property and its listing),
//! [`Locale`] (the language and how amounts and dates are written) and
//! [`Booking`] (the draft the tenant fills in, its live quote and the
//! confirmation). `BookingWidget` provides them; a component takes the
//! ones it reads, and plain props for the data it only shows.

mod account;
mod booking;
mod catalogue;
mod deferred;
mod form;
mod locale;

pub use account::{Account, Step};
pub use booking::{Booking, Confirmed};
pub use catalogue::{Catalogue, ListingQuery};
pub use deferred::{Deferred, Parts};
pub use form::{clear_draft, load_draft, save_draft, Form};
pub use locale::Locale;
