//! Money as the StoRegister listing writes it: `{"price": 25, "formattedPrice": "25,00 €"}`.

use std::fmt;

use pricing::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

/// A decimal written as a JSON *number* (`27.083`, `25`), as the StoRegister
/// listing does, without ever passing through a binary float on the way out:
/// the number's text is the decimal's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = f64))]
pub struct JsonDecimal(pub Decimal);

/// Read like every decimal of the catalogue: a number or its text.
#[cfg(feature = "schemars")]
impl schemars::JsonSchema for JsonDecimal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::schema::decimal(generator)
    }
}

impl From<Decimal> for JsonDecimal {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl fmt::Display for JsonDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = self.0.normalize();
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        value.fmt(f)
    }
}

impl Serialize for JsonDecimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `Decimal`'s text never uses an exponent, so it is always a valid
        // JSON number; the raw value is copied into the output verbatim.
        let raw = RawValue::from_string(self.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decimal(deserializer).map(Self)
    }
}

pub(crate) use pricing::wire::{decimal, decimal_str};

/// A listing amount: the exact value and how the property's locale writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Money {
    pub price: JsonDecimal,
    pub formatted_price: String,
}

impl Money {
    #[must_use]
    pub fn new(value: Decimal, currency: Currency, locale: &str) -> Self {
        Self {
            price: JsonDecimal(value),
            formatted_price: format_money(value, currency, locale),
        }
    }
}

/// Whether the locale writes `1 234,50 €` (most of Europe) rather than `€1,234.50`.
fn uses_decimal_comma(locale: &str) -> bool {
    let language = locale
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        language.as_str(),
        "fr" | "de"
            | "es"
            | "it"
            | "pt"
            | "nl"
            | "da"
            | "sv"
            | "nb"
            | "nn"
            | "fi"
            | "pl"
            | "cs"
            | "ru"
    )
}

fn symbol(currency: Currency) -> &'static str {
    match currency {
        Currency::EUR => "€",
        Currency::USD => "$",
        Currency::CAD => "CA$",
        Currency::GBP => "£",
        Currency::CHF => "CHF",
        Currency::JPY => "¥",
    }
}

/// Groups the integer digits by three with `separator`.
fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// `value` rounded to `dp` decimals (half away from zero) and written with
/// the locale's separators, without a sign.
fn format_number(value: Decimal, dp: u32, locale: &str) -> String {
    let mut rounded = value
        .abs()
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(dp);
    let text = rounded.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let comma = uses_decimal_comma(locale);
    let mut out = group_thousands(whole, if comma { ' ' } else { ',' });
    if !fraction.is_empty() {
        out.push(if comma { ',' } else { '.' });
        out.push_str(fraction);
    }
    out
}

/// How the listing shows an amount: `"25,00 €"` in `fr-FR`, `"€25.00"` in
/// `en-GB`. Rounded to the currency's minor unit, half away from zero.
#[must_use]
pub fn format_money(value: Decimal, currency: Currency, locale: &str) -> String {
    let number = format_number(value, currency.minor_units(), locale);
    let rounds_to_zero = number.bytes().all(|b| !(b'1'..=b'9').contains(&b));
    let sign = if value.is_sign_negative() && !rounds_to_zero {
        "-"
    } else {
        ""
    };
    if uses_decimal_comma(locale) {
        format!("{sign}{number} {}", symbol(currency))
    } else {
        format!("{sign}{}{number}", symbol(currency))
    }
}

/// A tax rate as the listing shows it: `"20,00 %"` in `fr-FR`, `"20.00%"` otherwise.
#[must_use]
pub fn format_percent(rate: Decimal, locale: &str) -> String {
    let number = format_number(rate, 2, locale);
    if uses_decimal_comma(locale) {
        format!("{number} %")
    } else {
        format!("{number}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn json_numbers_keep_the_decimal_text() {
        let json = serde_json::to_string(&Money::new(dec!(27.0833), Currency::EUR, "fr-FR"))
            .unwrap_or_default();
        assert_eq!(json, r#"{"price":27.0833,"formattedPrice":"27,08 €"}"#);
        let json = serde_json::to_string(&JsonDecimal(dec!(25.00))).unwrap_or_default();
        assert_eq!(json, "25");
        let json = serde_json::to_string(&JsonDecimal(dec!(-0.00))).unwrap_or_default();
        assert_eq!(json, "0");
    }

    #[test]
    fn json_numbers_read_back_exactly() {
        let back: Money =
            serde_json::from_str(r#"{"price":27.083,"formattedPrice":"x"}"#).expect("money");
        assert_eq!(back.price.0, dec!(27.083));
        let back: JsonDecimal = serde_json::from_str("12").expect("integer");
        assert_eq!(back.0, dec!(12));
    }

    #[test]
    fn formats_by_locale() {
        assert_eq!(format_money(dec!(25), Currency::EUR, "fr-FR"), "25,00 €");
        assert_eq!(
            format_money(dec!(1234.5), Currency::EUR, "fr-FR"),
            "1 234,50 €"
        );
        assert_eq!(format_money(dec!(-3), Currency::EUR, "fr"), "-3,00 €");
        assert_eq!(format_money(dec!(-0.001), Currency::EUR, "fr"), "0,00 €");
        assert_eq!(
            format_money(dec!(1234.5), Currency::USD, "en-US"),
            "$1,234.50"
        );
        assert_eq!(format_money(dec!(4955), Currency::JPY, "ja-JP"), "¥4,955");
        assert_eq!(format_percent(dec!(20), "fr-FR"), "20,00 %");
        assert_eq!(format_percent(dec!(5), "en-CA"), "5.00%");
    }
}
