//! Amounts, numbers, dates, times, country names and the property's clock
//! through the browser's `Intl`, so the widget ships no locale data and no
//! time-zone database. Numbers go in as decimal strings:
//! `Intl.NumberFormat.format("27.08")` keeps every digit, where a binary
//! float would not.

use std::cell::RefCell;

use chrono::NaiveDate;
use js_sys::{Array, Function, Intl, Object, Reflect};
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Building an `Intl` formatter is far costlier than using one, and a
    /// page writes dozens of amounts and dates with a handful of them.
    static FORMATTERS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The formatter for `locale` and `pairs`, built on first use.
fn cached<T: JsCast + AsRef<JsValue>>(
    kind: &str,
    locale: &str,
    pairs: &[(&str, &str)],
    build: impl FnOnce(&Array, &Object) -> T,
) -> T {
    let mut key = format!("{kind}|{locale}");
    for (name, value) in pairs {
        key.extend(["|", name, "=", value]);
    }
    FORMATTERS.with(|cache| {
        if let Some((_, found)) = cache.borrow().iter().find(|(k, _)| *k == key) {
            return found.clone().unchecked_into();
        }
        let built = build(&locales(locale), &options(pairs));
        cache
            .borrow_mut()
            .push((key, JsValue::from(built.as_ref())));
        built
    })
}

fn number_format(locale: &str, pairs: &[(&str, &str)]) -> Intl::NumberFormat {
    cached("number", locale, pairs, Intl::NumberFormat::new)
}

fn date_format(locale: &str, pairs: &[(&str, &str)]) -> Intl::DateTimeFormat {
    cached("date", locale, pairs, Intl::DateTimeFormat::new)
}

/// Calls a formatter's bound `format` on `value`.
fn apply(format: &Function, value: &JsValue) -> Option<String> {
    format.call1(&JsValue::NULL, value).ok()?.as_string()
}

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

/// "27,08 €" for `(27.08, "EUR", "fr-FR")`.
#[must_use]
pub fn money(amount: Decimal, currency: &str, locale: &str) -> String {
    let format = number_format(locale, &[("style", "currency"), ("currency", currency)]);
    let text = amount.to_string();
    apply(&format.format(), &JsValue::from_str(&text))
        .unwrap_or_else(|| format!("{text} {currency}"))
}

/// "2,5" for `(2.5, "fr-FR")`.
#[must_use]
pub fn number(value: Decimal, locale: &str) -> String {
    let format = number_format(locale, &[("maximumFractionDigits", "3")]);
    let text = value.normalize().to_string();
    apply(&format.format(), &JsValue::from_str(&text)).unwrap_or(text)
}

/// "20 %" for `(20, "fr-FR")`, "20%" in English: a rate in percent.
#[must_use]
pub fn percent(rate: Decimal, locale: &str) -> String {
    let format = number_format(
        locale,
        &[("style", "percent"), ("maximumFractionDigits", "3")],
    );
    let fraction = rate.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
    apply(&format.format(), &JsValue::from_str(&fraction.to_string()))
        .unwrap_or_else(|| format!("{rate}%"))
}

fn utc_midnight(date: NaiveDate) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_str(&format!("{date}T00:00:00Z")))
}

fn format_date(date: NaiveDate, locale: &str, pairs: &[(&str, &str)]) -> String {
    let mut all = vec![("timeZone", "UTC")];
    all.extend_from_slice(pairs);
    apply(&date_format(locale, &all).format(), &utc_midnight(date))
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

/// "Sunday 25 December".
#[must_use]
pub fn long_date(date: NaiveDate, locale: &str) -> String {
    format_date(
        date,
        locale,
        &[("weekday", "long"), ("day", "numeric"), ("month", "long")],
    )
}

/// "4–29 Feb" / "4 Feb – 3 Mar": a span written the locale's way.
#[must_use]
pub fn date_range(from: NaiveDate, to: NaiveDate, locale: &str) -> String {
    let format = date_format(
        locale,
        &[("timeZone", "UTC"), ("day", "numeric"), ("month", "short")],
    );
    let range = Reflect::get(&format, &JsValue::from_str("formatRange"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
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

/// "09:00" (or "9:00 AM" where the locale writes it so): a time of day
/// given in minutes since midnight.
#[must_use]
pub fn time(minutes: u16, locale: &str) -> String {
    let instant = js_sys::Date::new(&JsValue::from_f64(f64::from(u32::from(minutes) * 60_000)));
    apply(
        &date_format(
            locale,
            &[
                ("timeZone", "UTC"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
            ],
        )
        .format(),
        &instant,
    )
    .unwrap_or_else(|| format!("{:02}:{:02}", minutes / 60, minutes % 60))
}

/// The property's wall clock now: its date and the minutes since midnight,
/// read in its IANA time zone.
#[must_use]
pub fn now_in_zone(time_zone: &str) -> Option<(NaiveDate, u16)> {
    wall_clock(&js_sys::Date::new_0(), time_zone)
}

/// The wall clock of `time_zone` at `instant`.
#[must_use]
pub fn wall_clock(instant: &js_sys::Date, time_zone: &str) -> Option<(NaiveDate, u16)> {
    let format = date_format(
        "en-US",
        &[
            ("timeZone", time_zone),
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
        ],
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
    Some((date, minutes))
}

/// Country names in `locale` and their collation: `(code, name)` for every
/// code the server accepts, `first` at the top, then by name.
#[must_use]
pub fn countries(first: &str, locale: &str) -> Vec<(&'static str, String)> {
    let names = Intl::DisplayNames::new(&locales(locale), &options(&[("type", "region")]));
    let collator = Intl::Collator::new(&locales(locale), &Object::new()).compare();
    crate::countries::ordered(
        first,
        |code| names.of(code).map(String::from).filter(|n| n != code),
        |a, b| {
            let order = collator
                .call2(&JsValue::NULL, &JsValue::from_str(a), &JsValue::from_str(b))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            order.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal)
        },
    )
}
