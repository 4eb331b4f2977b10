use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::i18n::fill;
use crate::intl::wall_clock;
use crate::state::Locale;

/// When the prices and availability were read from the operator's
/// management system: a listing served from a snapshot says so, in the
/// property's own time, so a tenant knows how fresh it is (the booking
/// itself always checks the unit upstream).
#[component]
pub fn AsOf(
    /// When the snapshot was read.
    at: DateTime<Utc>,
    /// The property's time zone, in which the time is written.
    time_zone: String,
) -> impl IntoView {
    let locale = Locale::expect();
    let instant = js_sys::Date::new(&JsValue::from_str(&at.to_rfc3339()));
    wall_clock(&instant, &time_zone).map(|(date, minutes)| {
        let text = fill(
            locale.t().prices_as_of,
            &[&locale.day_month(date), &locale.time(minutes)],
        );
        view! { <p class="sw-listing__as-of">{text}</p> }
    })
}
