//! Amounts are `Decimal` inside the simulators. The upstreams' wire carries
//! them as JSON numbers (`150.00`, `0.05`, `"width": 10`): whole amounts go
//! out as integers, the others as the nearest double, converted at
//! serialisation only. Reading accepts numbers or strings.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serializer};

/// To the cent, halves away from zero (as an invoice rounds).
pub(crate) fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `#[serde(with = "crate::money::number")]`
pub(crate) mod number {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        amount: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match (amount.fract().is_zero(), amount.to_i64()) {
            (true, Some(whole)) => serializer.serialize_i64(whole),
            _ => serializer.serialize_f64(amount.to_f64().unwrap_or_default()),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        <Decimal as Deserialize>::deserialize(deserializer)
    }
}

/// `#[serde(with = "crate::money::optional")]`
pub(crate) mod optional {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        amount: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match amount {
            Some(amount) => number::serialize(amount, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Option::<Decimal>::deserialize(deserializer)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_up() {
        assert_eq!(cents(Decimal::new(1125, 3)), Decimal::new(113, 2));
        assert_eq!(cents(Decimal::new(1124, 3)), Decimal::new(112, 2));
    }

    #[test]
    fn whole_amounts_are_integers_on_the_wire() {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Amount(#[serde(with = "number")] Decimal);
        let json = |d: Decimal| serde_json::to_string(&Amount(d)).unwrap();
        assert_eq!(json(Decimal::new(15000, 2)), "150");
        assert_eq!(json(Decimal::new(16950, 2)), "169.5");
        assert_eq!(json(Decimal::new(9975, 5)), "0.09975");
        let back: Amount = serde_json::from_str("0.09975").unwrap();
        assert_eq!(back.0, Decimal::new(9975, 5));
    }
}
