//! The self-storage booking widget: listing, opening hours, booking form and
//! live quote, rendered client-side with Leptos and priced by the shared
//! `pricing` crate so that the amount shown is the amount booked.

pub mod api;
pub mod components;
pub mod config;
pub mod form;
pub mod hours;
pub mod i18n;
pub mod intl;
pub mod listing_view;

pub use components::app::App;
pub use config::Config;

/// Mounts one widget on `element`, configured by its `data-*` attributes.
pub fn mount_on(element: web_sys::HtmlElement) {
    let config = Config::from_element(&element);
    leptos::mount::mount_to(element, move || leptos::view! { <App config /> }).forget();
}
