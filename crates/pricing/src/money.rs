//! Currencies, rounding and the rounded [`Amount`] that every quote field holds.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{PricingError, Result};

/// The currencies the pricing rules know, each with its minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    EUR,
    CAD,
    USD,
    GBP,
    CHF,
    JPY,
}

impl Currency {
    /// Decimal places of the currency's minor unit (JPY has none).
    #[must_use]
    pub const fn minor_units(self) -> u32 {
        match self {
            Self::JPY => 0,
            Self::EUR | Self::CAD | Self::USD | Self::GBP | Self::CHF => 2,
        }
    }

    /// ISO 4217 code, for formatting with the browser's `Intl`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::EUR => "EUR",
            Self::CAD => "CAD",
            Self::USD => "USD",
            Self::GBP => "GBP",
            Self::CHF => "CHF",
            Self::JPY => "JPY",
        }
    }

    /// Rounds half away from zero to the minor unit, as PRICING.md's
    /// `round(x)`. The explicit strategy matters: `Decimal::round_dp` is
    /// banker's rounding, which the rules do not use.
    ///
    /// # Errors
    /// When the value is too large to carry the minor unit's decimals.
    pub fn round(self, value: Decimal, path: &str) -> Result<Amount> {
        let dp = self.minor_units();
        let mut rounded = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(dp);
        if rounded.scale() != dp {
            return Err(PricingError::too_large(path));
        }
        Ok(Amount::from_rounded(rounded))
    }
}

/// A money amount already rounded to its currency's minor unit.
///
/// Serialized as a string with exactly the minor unit's decimals (`"102.50"`,
/// `"-2.91"`, `"0.00"`, `"4955"`), never with a signed zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(Decimal);

impl Amount {
    fn from_rounded(mut value: Decimal) -> Self {
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        Self(value)
    }

    /// Zero at the given currency's scale.
    #[must_use]
    pub fn zero(currency: Currency) -> Self {
        let mut zero = Decimal::ZERO;
        zero.rescale(currency.minor_units());
        Self(zero)
    }

    /// The exact decimal value.
    #[must_use]
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// Checked sum: rounded amounts of one currency add up exactly.
    ///
    /// # Errors
    /// On overflow.
    pub fn checked_add(self, other: Self, path: &str) -> Result<Self> {
        self.0
            .checked_add(other.0)
            .map(Self::from_rounded)
            .ok_or_else(|| PricingError::too_large(path))
    }

    /// Checked difference.
    ///
    /// # Errors
    /// On overflow.
    pub fn checked_sub(self, other: Self, path: &str) -> Result<Self> {
        self.0
            .checked_sub(other.0)
            .map(Self::from_rounded)
            .ok_or_else(|| PricingError::too_large(path))
    }

    /// The same amount with the opposite sign (a discount line).
    #[must_use]
    pub fn negated(self) -> Self {
        Self::from_rounded(-self.0)
    }

    /// Sum of many amounts, starting from the currency's zero.
    ///
    /// # Errors
    /// On overflow.
    pub fn sum<I: IntoIterator<Item = Self>>(
        currency: Currency,
        items: I,
        path: &str,
    ) -> Result<Self> {
        items
            .into_iter()
            .try_fold(Self::zero(currency), |acc, x| acc.checked_add(x, path))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_zero() {
            // A zero that came from rounding a small negative keeps no sign.
            let mut zero = self.0;
            zero.set_sign_positive(true);
            return zero.fmt(f);
        }
        self.0.fmt(f)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_decimal(&text)
            .map(Self::from_rounded)
            .map_err(serde::de::Error::custom)
    }
}

/// Parses a plain decimal such as `"12.50"` or `"-3"`: digits, an optional
/// sign and one optional point. Thousands separators, a decimal comma
/// (`"12,50"`), exponents and underscores are refused rather than guessed at.
///
/// # Errors
/// A message saying what is wrong with the text.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return Err(format!(
            "`{text}` is not a decimal number (write it like \"12.50\")"
        ));
    }
    Decimal::from_str_exact(text)
        .map_err(|_| format!("`{text}` has too many digits to compute exactly"))
}
