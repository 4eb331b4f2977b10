//! The self-storage booking widget: listing, opening hours, booking form and
//! live quote, rendered client-side with Leptos and priced by the shared
//! `pricing` crate so that the amount shown is the amount booked.

pub mod api;
pub mod attribution;
pub mod components;
pub mod config;
pub mod embed;
pub mod events;
pub mod form;
pub mod hours;
pub mod i18n;
pub mod intl;
pub mod listing_view;

pub use components::app::App;
pub use config::Config;

/// Mounts the full-page widget on `element`, configured by its `data-*`
/// attributes; its events are dispatched on the same element.
pub fn mount_on(element: web_sys::HtmlElement) {
    let config = Config::from_element(&element);
    let host: web_sys::Element = element.clone().into();
    std::mem::forget(mount_with(element, config, Some(host)));
}

/// Mounts one widget into `target`, reporting its steps on `host`. The
/// widget lives until the returned handle is dropped.
pub fn mount_with(
    target: web_sys::HtmlElement,
    config: Config,
    host: Option<web_sys::Element>,
) -> leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable> {
    let events = events::Events::new(host, config.ga4);
    leptos::mount::mount_to(target, move || leptos::view! { <App config events /> })
}
