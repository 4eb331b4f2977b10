//! The widget's components in a real headless Chromium, on the fixtures of
//! `booking-model` (the demo property and its listing). Each test mounts
//! what it tests on a fresh element, with only the contexts it reads, and
//! asserts on the DOM a tenant (or a screen reader) gets. One test binary,
//! one file per part of the widget.
#![cfg(target_arch = "wasm32")]

#[path = "web/support.rs"]
mod support;

#[path = "web/account.rs"]
mod account;
#[path = "web/confirmation.rs"]
mod confirmation;
#[path = "web/fields.rs"]
mod fields;
#[path = "web/form.rs"]
mod form;
#[path = "web/hours.rs"]
mod hours;
#[path = "web/languages.rs"]
mod languages;
#[path = "web/listing.rs"]
mod listing;
#[path = "web/quote.rs"]
mod quote;
#[path = "web/style.rs"]
mod style;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
