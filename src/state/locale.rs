//! The widget's language and how it writes amounts, numbers, dates and
//! times: the browser's `Intl` in the language's locale at the property's
//! region (`fr-FR`, `de-FR`), in the property's currency.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use pricing::Currency;
use rust_decimal::Decimal;

use crate::i18n::{Lang, Texts};
use crate::intl;

/// The locale-and-formatting context.
#[derive(Debug, Clone)]
pub struct Locale {
    lang: Lang,
    tag: Arc<str>,
    currency: &'static str,
}

impl Locale {
    #[must_use]
    pub fn new(lang: Lang, property_locale: &str, currency: Currency) -> Self {
        Self {
            lang,
            tag: lang.intl_locale(property_locale).into(),
            currency: currency.code(),
        }
    }

    #[must_use]
    pub fn expect() -> Self {
        expect_context()
    }

    #[must_use]
    pub const fn lang(&self) -> Lang {
        self.lang
    }

    /// This language's texts.
    #[must_use]
    pub const fn t(&self) -> &'static Texts {
        self.lang.t()
    }

    /// The BCP 47 tag `Intl` is given (`de-FR`).
    #[must_use]
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// An amount in the property's currency.
    #[must_use]
    pub fn money(&self, amount: Decimal) -> String {
        intl::money(amount, self.currency, &self.tag)
    }

    #[must_use]
    pub fn number(&self, value: Decimal) -> String {
        intl::number(value, &self.tag)
    }

    /// A rate given in percent (`20` → "20 %").
    #[must_use]
    pub fn percent(&self, rate: Decimal) -> String {
        intl::percent(rate, &self.tag)
    }

    #[must_use]
    pub fn day_month(&self, date: NaiveDate) -> String {
        intl::day_month(date, &self.tag)
    }

    #[must_use]
    pub fn full_date(&self, date: NaiveDate) -> String {
        intl::full_date(date, &self.tag)
    }

    #[must_use]
    pub fn long_date(&self, date: NaiveDate) -> String {
        intl::long_date(date, &self.tag)
    }

    #[must_use]
    pub fn date_range(&self, from: NaiveDate, to: NaiveDate) -> String {
        intl::date_range(from, to, &self.tag)
    }

    /// A weekday (0 = Sunday).
    #[must_use]
    pub fn weekday(&self, day_of_week: u8) -> String {
        intl::weekday_name(day_of_week, &self.tag)
    }

    /// A time of day, in minutes since midnight.
    #[must_use]
    pub fn time(&self, minutes: u16) -> String {
        intl::time(minutes, &self.tag)
    }

    /// Every country the tenant may live in, by name, `first` at the top.
    #[must_use]
    pub fn countries(&self, first: &str) -> Vec<(&'static str, String)> {
        intl::countries(first, &self.tag)
    }
}
