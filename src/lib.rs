//! The self-storage booking widget: listing, opening hours, booking form and
//! live quote, rendered client-side with Leptos and priced by the shared
//! `pricing` crate so that the amount shown is the amount booked.
//!
//! The pure logic builds everywhere and is unit-tested natively
//! (`cargo test -p storage-widget`): deep links and the draft, grouping,
//! hours and closures, the local quote, the submit outcome, the typed event
//! payloads and every text. What needs a browser (views, state, HTTP,
//! `Intl`, the DOM) builds for wasm32 only and is tested in headless
//! Chromium (`tests/web.rs`).

pub mod account_view;
pub mod analytics;
pub mod api;
pub mod attribution;
pub mod config;
pub mod countries;
pub mod deep_link;
pub mod draft;
pub mod hours;
pub mod i18n;
pub mod listing_view;
pub mod office;
pub mod query;
pub mod quote;
pub mod sign_in;
pub mod submit;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod validation;

#[cfg(test)]
mod test_fixtures;

pub use config::Config;

/// Mounts the full-page widget on `element`, configured by its `data-*`
/// attributes; its events are dispatched on the same element.
#[cfg(target_arch = "wasm32")]
pub fn mount_on(element: web_sys::HtmlElement) {
    let config = Config::from_element(&element);
    let host: web_sys::Element = element.clone().into();
    std::mem::forget(mount_with(element, config, Some(host)));
}

/// Mounts one widget into `target`, reporting its steps on `host`. The
/// widget lives until the returned handle is dropped.
#[cfg(target_arch = "wasm32")]
pub fn mount_with(
    target: web_sys::HtmlElement,
    config: Config,
    host: Option<web_sys::Element>,
) -> leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable> {
    let events = events::Events::new(host, config.ga4);
    leptos::mount::mount_to(target, move || {
        leptos::view! { <components::app::App config events /> }
    })
}
