//! The self-storage booking widget: listing, opening hours, booking form and
//! live quote, rendered client-side with Leptos and priced by the shared
//! `pricing` crate so that the amount shown is the amount booked.

mod app;

pub use app::App;
