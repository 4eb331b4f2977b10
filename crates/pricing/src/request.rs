//! The pricing request of PRICING.md: what to price, for which move-in date,
//! under which billing rules, and its validation.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{PricingError, Result};
use crate::money::Currency;
use crate::wire;

/// Everything the crate needs to price a move-in: no clock, no catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteRequest {
    pub currency: Currency,
    pub period: Period,
    #[serde(deserialize_with = "wire::date")]
    pub move_in_date: NaiveDate,
    #[serde(default)]
    pub billing: Billing,
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Discount>,
}

/// How often a full cycle is invoiced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Period {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Self; 4] = [
        Self::Monthly,
        Self::Quarterly,
        Self::HalfYearly,
        Self::Yearly,
    ];

    /// The period of a wire name, as [`Period::as_str`] writes it. A plain
    /// match rather than serde: a browser reading a URL or a `<select>`
    /// should not need a JSON deserializer for it.
    #[must_use]
    pub fn from_wire(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// Length of one billing cycle in months.
    #[must_use]
    pub const fn months(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Quarterly => 3,
            Self::HalfYearly => 6,
            Self::Yearly => 12,
        }
    }

    /// The wire name (`"HALF_YEARLY"`), as StoRegister's `paymentPeriod`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "MONTHLY",
            Self::Quarterly => "QUARTERLY",
            Self::HalfYearly => "HALF_YEARLY",
            Self::Yearly => "YEARLY",
        }
    }
}

/// The operator's billing rules.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Billing {
    #[serde(default)]
    pub anchor: Anchor,
    #[serde(default)]
    pub daily_rate: DailyRate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepay_next_cycle_below_days: Option<u32>,
}

/// Where billing cycles start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anchor {
    /// Cycles start on the move-in day: no prorated stub.
    #[default]
    Anniversary,
    /// Cycles start on this day of every month (1 to 28).
    FixedDay(u32),
}

impl Serialize for Anchor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Anniversary => s.serialize_str("anniversary"),
            Self::FixedDay(day) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("fixedDay", day)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Anchor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AnchorVisitor;
        impl<'de> Visitor<'de> for AnchorVisitor {
            type Value = Anchor;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#""anniversary" or {"fixedDay": 1..28}"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Anchor, E> {
                match v {
                    "anniversary" => Ok(Anchor::Anniversary),
                    other => Err(E::unknown_variant(
                        other,
                        &["anniversary", "{\"fixedDay\": d}"],
                    )),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Anchor, A::Error> {
                let mut day = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "fixedDay" if day.is_none() => day = Some(map.next_value::<u32>()?),
                        "fixedDay" => return Err(de::Error::duplicate_field("fixedDay")),
                        other => return Err(de::Error::unknown_field(other, &["fixedDay"])),
                    }
                }
                day.map(Anchor::FixedDay)
                    .ok_or_else(|| de::Error::missing_field("fixedDay"))
            }
        }
        d.deserialize_any(AnchorVisitor)
    }
}

/// How a prorated stub's days are priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DailyRate {
    /// `price × days / days in that month`.
    #[default]
    #[serde(rename = "actualDays")]
    ActualDays,
    /// `price × 12 × days / 365`.
    #[serde(rename = "days365")]
    Days365,
}

/// What an item is; it decides recurrence, taxation and discounting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    Rent,
    Insurance,
    Service,
    Merchandise,
    Deposit,
    /// Produced by a discount; never accepted in a request.
    RentalDiscount,
}

impl Category {
    /// The wire name (`"RENT"`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rent => "RENT",
            Self::Insurance => "INSURANCE",
            Self::Service => "SERVICE",
            Self::Merchandise => "MERCHANDISE",
            Self::Deposit => "DEPOSIT",
            Self::RentalDiscount => "RENTAL_DISCOUNT",
        }
    }
}

/// One thing to invoice: the unit's rent, a protection plan, a lock, a deposit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    pub category: Category,
    #[serde(default)]
    pub description: String,
    /// Per month for recurring items, per unit for one-time items.
    #[serde(
        deserialize_with = "wire::decimal",
        serialize_with = "wire::decimal_str"
    )]
    pub price: Decimal,
    #[serde(default = "one", deserialize_with = "wire::quantity")]
    pub quantity: u32,
    #[serde(default)]
    pub taxes: Vec<Tax>,
    #[serde(default)]
    pub price_includes_tax: bool,
    /// Overrides the category's default recurrence (a recurring service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring: Option<bool>,
}

const fn one() -> u32 {
    1
}

impl Item {
    /// Whether the item comes back every cycle. Rent always does; a deposit
    /// never does; the others follow their category unless told otherwise.
    #[must_use]
    pub fn is_recurring(&self) -> bool {
        match self.category {
            Category::Rent => true,
            Category::Deposit | Category::RentalDiscount => false,
            Category::Insurance => self.recurring.unwrap_or(true),
            Category::Service | Category::Merchandise => self.recurring.unwrap_or(false),
        }
    }

    /// The taxes that apply: a deposit is never taxed.
    #[must_use]
    pub fn effective_taxes(&self) -> &[Tax] {
        match self.category {
            Category::Deposit => &[],
            _ => &self.taxes,
        }
    }
}

/// A tax on a line, as a percentage (`"20"` is 20 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tax {
    pub name: String,
    #[serde(
        deserialize_with = "wire::decimal",
        serialize_with = "wire::decimal_str"
    )]
    pub rate: Decimal,
}

/// A promotion on the rent for the first `cycles` billing cycles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Discount {
    pub kind: DiscountKind,
    #[serde(
        deserialize_with = "wire::decimal",
        serialize_with = "wire::decimal_str"
    )]
    pub value: Decimal,
    /// Absent: the discount never ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycles: Option<u32>,
    #[serde(default)]
    pub description: String,
}

impl Discount {
    /// Whether billing cycle `n` (1 is the move-in invoice's) is discounted.
    #[must_use]
    pub fn covers_cycle(&self, n: u32) -> bool {
        self.cycles.is_none_or(|cycles| n <= cycles)
    }
}

/// Percent of the rent, or a fixed amount per month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscountKind {
    Percent,
    Amount,
}

impl QuoteRequest {
    /// Parses and validates a JSON request.
    ///
    /// # Errors
    /// Malformed JSON, a missing or unknown field, a value of the wrong form
    /// or out of range: the error names the field as a path.
    pub fn from_json(json: &str) -> Result<Self> {
        let mut de = serde_json::Deserializer::from_str(json);
        let request: Self = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
        de.end()
            .map_err(|e| PricingError::new("", strip_position(&e)))?;
        request.validate()?;
        Ok(request)
    }

    /// Checks the rules that types alone cannot: signs, ranges, categories.
    ///
    /// # Errors
    /// The first field at fault.
    pub fn validate(&self) -> Result<()> {
        if let Anchor::FixedDay(day) = self.billing.anchor {
            if !(1..=28).contains(&day) {
                return Err(PricingError::new(
                    "billing.anchor.fixedDay",
                    format!("must be between 1 and 28, got {day}"),
                ));
            }
        }
        if self.items.is_empty() {
            return Err(PricingError::new("items", "at least one item is required"));
        }
        for (i, item) in self.items.iter().enumerate() {
            if item.category == Category::RentalDiscount {
                return Err(PricingError::new(
                    format!("items[{i}].category"),
                    "RENTAL_DISCOUNT is produced by the discount and cannot be given",
                ));
            }
            if item.price.is_sign_negative() && !item.price.is_zero() {
                return Err(PricingError::new(
                    format!("items[{i}].price"),
                    "must not be negative",
                ));
            }
            for (j, tax) in item.taxes.iter().enumerate() {
                if tax.rate.is_sign_negative() && !tax.rate.is_zero() {
                    return Err(PricingError::new(
                        format!("items[{i}].taxes[{j}].rate"),
                        "must not be negative",
                    ));
                }
            }
        }
        if let Some(discount) = &self.discount {
            let in_range = match discount.kind {
                DiscountKind::Percent => {
                    discount.value > Decimal::ZERO && discount.value <= Decimal::ONE_HUNDRED
                }
                DiscountKind::Amount => discount.value > Decimal::ZERO,
            };
            if !in_range {
                let rule = match discount.kind {
                    DiscountKind::Percent => "a percent discount must be above 0 and at most 100",
                    DiscountKind::Amount => "an amount discount must be above 0",
                };
                return Err(PricingError::new("discount.value", rule));
            }
            if discount.cycles == Some(0) {
                return Err(PricingError::new("discount.cycles", "must be at least 1"));
            }
        }
        Ok(())
    }
}

/// Turns serde's error into one whose path names the field itself, also for
/// a missing field (which serde reports at the enclosing object).
fn path_error(err: serde_path_to_error::Error<serde_json::Error>) -> PricingError {
    let path = err.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let message = strip_position(err.inner());
    // serde_path_to_error already ends the path with an unknown field's name.
    let named = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_owned);
    match named {
        Some(field) if path.is_empty() => PricingError::new(field, message),
        Some(field) => PricingError::new(format!("{path}.{field}"), message),
        None => PricingError::new(path, message),
    }
}

/// serde_json appends "at line L column C"; the path already says where.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::Period;

    #[test]
    fn wire_names_read_back_as_serde_writes_them() {
        for period in Period::ALL {
            let json = serde_json::to_string(&period).expect("a period serializes");
            assert_eq!(json, format!("\"{}\"", period.as_str()));
            assert_eq!(Period::from_wire(period.as_str()), Some(period));
        }
        assert_eq!(Period::from_wire("monthly"), None);
        assert_eq!(Period::from_wire(""), None);
    }
}
