//! Lenient-in-form, strict-in-value serde readers for decimals, quantities
//! and dates, for `#[serde(deserialize_with = …)]`: the pricing request uses
//! them, and so do the booking API's DTOs, so that a number or a date is read
//! the same way everywhere.
//!
//! Decimals arrive as strings (`"12.50"`) or JSON numbers; quantities as whole
//! numbers; dates as `YYYY-MM-DD`. Anything else is refused with a message that
//! serde attaches to the field's path.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

use crate::money::parse_decimal;

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number such as \"12.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    /// serde_json hands a JSON number with a fraction over as a binary float;
    /// its shortest round-trip text is the number the client wrote, which is
    /// then parsed exactly. No arithmetic is ever done on the float.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        let text = v.to_string();
        parse_decimal(&text)
            .or_else(|_| {
                Decimal::from_scientific(&text).map_err(|_| format!("`{text}` is out of range"))
            })
            .map_err(E::custom)
    }
}

/// A decimal from a string or a JSON number.
///
/// # Errors
/// Anything but a plain decimal.
pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// A decimal written as a string, as PRICING.md's amounts are.
///
/// # Errors
/// Those of the serializer.
pub fn decimal_str<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

struct QuantityVisitor;

impl Visitor<'_> for QuantityVisitor {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number of at least 1")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        u32::try_from(v)
            .ok()
            .filter(|q| *q >= 1)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        u64::try_from(v)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            .and_then(|v| self.visit_u64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        Err(E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        match v.parse::<u64>() {
            Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) => self.visit_u64(n),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

/// A whole number of at least 1.
///
/// # Errors
/// Anything else.
pub fn quantity<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_any(QuantityVisitor)
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date as YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        let well_formed = v.len() == 10
            && v.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        well_formed
            // The shape is checked above, so chrono's own ISO parser (no
            // strftime machinery, which would weigh on the widget's wasm)
            // only has to check the calendar.
            .then(|| v.parse::<NaiveDate>().ok())
            .flatten()
            .ok_or_else(|| E::custom(format!("`{v}` is not a date as YYYY-MM-DD")))
    }
}

/// Exactly `YYYY-MM-DD`: chrono alone would also take `+2024-2-4`.
///
/// # Errors
/// Anything else, or a day the calendar lacks.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}
