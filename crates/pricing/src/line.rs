//! One invoice line and its taxes, priced tax-exclusive or tax-inclusive.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Share;
use crate::error::{PricingError, Result};
use crate::money::{Amount, Currency};
use crate::request::{Category, DailyRate, Tax};
use crate::wire;

/// A priced line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub category: Category,
    pub description: String,
    pub taxable: Amount,
    pub taxes: Vec<LineTax>,
    pub tax: Amount,
    pub net: Amount,
    pub non_taxable: Amount,
    pub gross: Amount,
}

/// One tax of a line with the amount it comes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTax {
    pub name: String,
    #[serde(
        deserialize_with = "wire::decimal",
        serialize_with = "wire::decimal_str"
    )]
    pub rate: Decimal,
    pub amount: Amount,
}

/// How a line's price relates to its taxes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TaxBasis<'a> {
    pub taxes: &'a [Tax],
    pub includes_tax: bool,
}

impl TaxBasis<'_> {
    /// No tax, or only zero rates: the amount counts as non-taxable.
    pub fn is_taxable(&self) -> bool {
        self.taxes.iter().any(|t| !t.rate.is_zero())
    }
}

/// Checked `a × b`, naming `path` on overflow.
pub(crate) fn mul(a: Decimal, b: Decimal, path: &str) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| PricingError::too_large(path))
}

/// Checked `a / b`, naming `path` on overflow.
pub(crate) fn div(a: Decimal, b: Decimal, path: &str) -> Result<Decimal> {
    a.checked_div(b)
        .ok_or_else(|| PricingError::too_large(path))
}

impl Share {
    /// The unrounded part of a monthly (or per-unit) `price` this share charges.
    pub fn of(self, price: Decimal, path: &str) -> Result<Decimal> {
        match self {
            Self::Stub {
                days,
                days_in_month,
                rate: DailyRate::ActualDays,
            } => div(
                mul(price, Decimal::from(days), path)?,
                Decimal::from(days_in_month),
                path,
            ),
            Self::Stub {
                days,
                rate: DailyRate::Days365,
                ..
            } => div(
                mul(
                    mul(price, Decimal::from(12), path)?,
                    Decimal::from(days),
                    path,
                )?,
                Decimal::from(365),
                path,
            ),
            Self::Months(months) => mul(price, Decimal::from(months), path),
            Self::Once => Ok(price),
        }
    }
}

/// Prices one line from its unrounded amount `a`, by PRICING.md's tax rules.
pub(crate) fn price_line(
    currency: Currency,
    category: Category,
    description: &str,
    a: Decimal,
    basis: TaxBasis<'_>,
    path: &str,
) -> Result<Line> {
    let zero = Amount::zero(currency);
    let hundred = Decimal::ONE_HUNDRED;
    let tax_of = |taxable: Amount, rate: Decimal| {
        currency.round(div(mul(taxable.value(), rate, path)?, hundred, path)?, path)
    };
    let (taxable, taxes, non_taxable) = if !basis.is_taxable() {
        let taxes = basis
            .taxes
            .iter()
            .map(|t| LineTax {
                name: t.name.clone(),
                rate: t.rate,
                amount: zero,
            })
            .collect();
        (zero, taxes, currency.round(a, path)?)
    } else if basis.includes_tax {
        let net = currency.round(a, path)?;
        let total_rate = basis
            .taxes
            .iter()
            .try_fold(hundred, |acc, t| acc.checked_add(t.rate))
            .ok_or_else(|| PricingError::too_large(path))?;
        let taxable = currency.round(
            div(mul(net.value(), hundred, path)?, total_rate, path)?,
            path,
        )?;
        let total_tax = net.checked_sub(taxable, path)?;
        // Every tax but the last is rounded on its own; the last takes the
        // remainder so that the taxes add up to net − taxable exactly.
        let mut taxes = Vec::with_capacity(basis.taxes.len());
        let mut allotted = zero;
        for (i, t) in basis.taxes.iter().enumerate() {
            let amount = if i + 1 == basis.taxes.len() {
                total_tax.checked_sub(allotted, path)?
            } else {
                tax_of(taxable, t.rate)?
            };
            allotted = allotted.checked_add(amount, path)?;
            taxes.push(LineTax {
                name: t.name.clone(),
                rate: t.rate,
                amount,
            });
        }
        (taxable, taxes, zero)
    } else {
        let taxable = currency.round(a, path)?;
        let taxes = basis
            .taxes
            .iter()
            .map(|t| {
                Ok(LineTax {
                    name: t.name.clone(),
                    rate: t.rate,
                    amount: tax_of(taxable, t.rate)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        (taxable, taxes, zero)
    };
    let tax = Amount::sum(currency, taxes.iter().map(|t| t.amount), path)?;
    let net = if basis.is_taxable() {
        taxable.checked_add(tax, path)?
    } else {
        zero
    };
    let gross = net.checked_add(non_taxable, path)?;
    Ok(Line {
        category,
        description: description.to_owned(),
        taxable,
        taxes,
        tax,
        net,
        non_taxable,
        gross,
    })
}
