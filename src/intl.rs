//! Amounts, dates and the property's clock through the browser's `Intl`,
//! so the widget ships no locale data and no time-zone database. Amounts go
//! in as decimal strings: `Intl.NumberFormat.format("27.08")` keeps every
//! digit, where a binary float would not.

use chrono::{Datelike, NaiveDate};
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn locales(locale: &str) -> Array {
    Array::of1(&JsValue::from_str(locale))
}

/// "27,08 €" for `("27.08", "EUR", "fr-FR")`.
#[must_use]
pub fn money(amount: &str, currency: &str, locale: &str) -> String {
    let format = Intl::NumberFormat::new(
        &locales(locale),
        &options(&[("style", "currency"), ("currency", currency)]),
    );
    format
        .format()
        .call1(&JsValue::NULL, &JsValue::from_str(amount))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{amount} {currency}"))
}

/// "20 %" for `("20", "fr-FR")`.
#[must_use]
pub fn percent(rate: &str, locale: &str) -> String {
    let format = Intl::NumberFormat::new(
        &locales(locale),
        &options(&[("maximumFractionDigits", "3")]),
    );
    let number = format
        .format()
        .call1(&JsValue::NULL, &JsValue::from_str(rate))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| rate.to_owned());
    if locale.starts_with("fr") {
        format!("{number} %")
    } else {
        format!("{number}%")
    }
}

fn utc_midnight(date: NaiveDate) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_str(&format!("{}T00:00:00Z", date)))
}

fn format_date(date: NaiveDate, locale: &str, pairs: &[(&str, &str)]) -> String {
    let mut all = vec![("timeZone", "UTC")];
    all.extend_from_slice(pairs);
    let format = Intl::DateTimeFormat::new(&locales(locale), &options(&all));
    format
        .format()
        .call1(&JsValue::NULL, &utc_midnight(date))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| date.to_string())
}

/// "1 Mar" / "1 mars".
#[must_use]
pub fn day_month(date: NaiveDate, locale: &str) -> String {
    format_date(date, locale, &[("day", "numeric"), ("month", "short")])
}

/// "4 Feb 2024".
#[must_use]
pub fn full_date(date: NaiveDate, locale: &str) -> String {
    format_date(
        date,
        locale,
        &[("day", "numeric"), ("month", "short"), ("year", "numeric")],
    )
}

/// "4–29 Feb" / "4 Feb – 3 Mar": a span written the locale's way.
#[must_use]
pub fn date_range(from: NaiveDate, to: NaiveDate, locale: &str) -> String {
    let format = Intl::DateTimeFormat::new(
        &locales(locale),
        &options(&[("timeZone", "UTC"), ("day", "numeric"), ("month", "short")]),
    );
    let range = Reflect::get(&format, &JsValue::from_str("formatRange"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            f.call2(&format, &utc_midnight(from), &utc_midnight(to))
                .ok()
        })
        .and_then(|v| v.as_string());
    range.unwrap_or_else(|| format!("{} – {}", day_month(from, locale), day_month(to, locale)))
}

/// The weekday's name; `day_of_week` 0 is Sunday, as in the listing.
#[must_use]
pub fn weekday_name(day_of_week: u8, locale: &str) -> String {
    // 7 January 2024 was a Sunday.
    let sunday = NaiveDate::from_ymd_opt(2024, 1, 7).unwrap_or_default();
    let date = sunday + chrono::Days::new(u64::from(day_of_week % 7));
    format_date(date, locale, &[("weekday", "long")])
}

/// The property's wall clock now: its date, weekday (0 = Sunday) and
/// minutes since midnight, read in its IANA time zone.
#[must_use]
pub fn now_in_zone(time_zone: &str) -> Option<(NaiveDate, u8, u16)> {
    wall_clock(&js_sys::Date::new_0(), time_zone)
}

/// The wall clock of `time_zone` at `instant`.
#[must_use]
pub fn wall_clock(instant: &js_sys::Date, time_zone: &str) -> Option<(NaiveDate, u8, u16)> {
    let format = Intl::DateTimeFormat::new(
        &locales("en-US"),
        &options(&[
            ("timeZone", time_zone),
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
        ]),
    );
    let parts = format.format_to_parts(instant);
    let mut fields = Vec::with_capacity(8);
    for part in parts.iter() {
        let kind = Reflect::get(&part, &JsValue::from_str("type"))
            .ok()?
            .as_string()?;
        let value = Reflect::get(&part, &JsValue::from_str("value"))
            .ok()?
            .as_string()?;
        fields.push((kind, value));
    }
    let num = |k: &str| {
        fields
            .iter()
            .find(|(kind, _)| kind == k)
            .and_then(|(_, v)| v.parse::<u32>().ok())
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(num("year")?).ok()?,
        num("month")?,
        num("day")?,
    )?;
    let minutes = u16::try_from((num("hour")? % 24) * 60 + num("minute")?).ok()?;
    let weekday = u8::try_from(date.weekday().num_days_from_sunday()).ok()?;
    Some((date, weekday, minutes))
}
