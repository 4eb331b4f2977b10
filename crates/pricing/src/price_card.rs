//! The listing's price card: one month of a unit's price, as StoRegister's
//! `rentalPrice` / `bookingPrice` show it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Share;
use crate::error::{PricingError, Result};
use crate::line::{price_line, TaxBasis};
use crate::money::{Amount, Currency};
use crate::quote::discount_line;
use crate::request::{Category, Discount, Item, Tax};

/// One month of a price variant, before and after its promotion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceCard {
    /// The price without tax.
    pub taxable_price: Amount,
    pub tax_amount: Amount,
    /// The price with tax.
    pub net_amount: Amount,
    /// What the promotion takes off the net price, tax included.
    pub discount_amount: Option<Amount>,
    /// What the tenant pays for the month.
    pub payable_amount: Amount,
}

/// Prices one month of a unit the way the listing shows it, with the same
/// rules as the quote, so that a card and a one-month quote agree.
///
/// # Errors
/// A negative price or rate, or an amount too large to compute.
pub fn price_card(
    currency: Currency,
    monthly_price: Decimal,
    taxes: &[Tax],
    includes_tax: bool,
    discount: Option<&Discount>,
) -> Result<PriceCard> {
    let rent = Item {
        category: Category::Rent,
        description: String::new(),
        price: monthly_price,
        quantity: 1,
        taxes: taxes.to_vec(),
        price_includes_tax: includes_tax,
        recurring: None,
    };
    let path = "price";
    if monthly_price.is_sign_negative() && !monthly_price.is_zero() {
        return Err(PricingError::new(path, "must not be negative"));
    }
    if let Some(i) = taxes
        .iter()
        .position(|t| t.rate.is_sign_negative() && !t.rate.is_zero())
    {
        return Err(PricingError::new(
            format!("taxes[{i}].rate"),
            "must not be negative",
        ));
    }
    let share = Share::Months(1);
    let basis = TaxBasis {
        taxes,
        includes_tax,
    };
    let line = price_line(currency, Category::Rent, "", monthly_price, basis, path)?;
    let discount_amount = discount
        .map(|d| discount_line(currency, d, &rent, &line, share).map(|l| l.gross.negated()))
        .transpose()?;
    let payable_amount = match discount_amount {
        Some(d) => line.gross.checked_sub(d, path)?,
        None => line.gross,
    };
    Ok(PriceCard {
        taxable_price: if basis.is_taxable() {
            line.taxable
        } else {
            line.non_taxable
        },
        tax_amount: line.tax,
        net_amount: line.gross,
        discount_amount,
        payable_amount,
    })
}
