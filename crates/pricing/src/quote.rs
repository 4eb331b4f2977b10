//! The quote document: the move-in invoice, a full cycle, and what is due.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{schedule, Share};
use crate::error::Result;
use crate::line::{price_line, Line, TaxBasis};
use crate::money::{Amount, Currency};
use crate::request::{Category, Discount, DiscountKind, Item, Period, QuoteRequest};

/// The priced answer to a [`QuoteRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub currency: Currency,
    pub move_in_date: NaiveDate,
    pub period: Period,
    /// The move-in invoice: a prorated stub, or the first full cycle.
    pub pro_rata: Invoice,
    /// The first full billing cycle.
    pub full_cycle: Invoice,
    /// Whether the move-in payment also covers the first full cycle.
    pub prepays_next_cycle: bool,
    pub due_at_move_in: Amount,
    /// A full cycle's gross once every limited-duration discount has ended.
    pub recurring_gross_amount: Amount,
}

/// One invoice: its period, its lines and their totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub lines: Vec<Line>,
    pub taxable_amount: Amount,
    pub tax_amount: Amount,
    pub net_amount: Amount,
    pub non_taxable_amount: Amount,
    pub gross_amount: Amount,
}

impl Invoice {
    fn new(
        currency: Currency,
        start_date: NaiveDate,
        end_date: NaiveDate,
        lines: Vec<Line>,
    ) -> Result<Self> {
        let total = |field: fn(&Line) -> Amount, path: &str| {
            Amount::sum(currency, lines.iter().map(field), path)
        };
        let net_amount = total(|l| l.net, "netAmount")?;
        let non_taxable_amount = total(|l| l.non_taxable, "nonTaxableAmount")?;
        Ok(Self {
            start_date,
            end_date,
            taxable_amount: total(|l| l.taxable, "taxableAmount")?,
            tax_amount: total(|l| l.tax, "taxAmount")?,
            gross_amount: net_amount.checked_add(non_taxable_amount, "grossAmount")?,
            net_amount,
            non_taxable_amount,
            lines,
        })
    }
}

/// Prices a request by PRICING.md. Pure: the same request always gives the
/// same quote, natively and in wasm.
///
/// # Errors
/// An invalid request (see [`QuoteRequest::validate`]) or an amount too large
/// to compute; never a partial quote.
pub fn quote(request: &QuoteRequest) -> Result<Quote> {
    request.validate()?;
    let currency = request.currency;
    let months = request.period.months();
    let dates = schedule(request.move_in_date, request.billing.anchor, months)?;
    let discount = request.discount.as_ref();

    let (pro_rata_start, pro_rata_end, recurring_share) = match dates.stub {
        Some(stub) => (
            stub.start,
            stub.end,
            Share::Stub {
                days: stub.days,
                days_in_month: stub.days_in_month,
                rate: request.billing.daily_rate,
            },
        ),
        None => (dates.full_start, dates.full_end, Share::Months(months)),
    };
    // Cycle 1 is the move-in invoice's; the full cycle is cycle 2 after a stub.
    let full_cycle_number = if dates.stub.is_some() { 2 } else { 1 };

    let pro_rata_lines = lines(
        request,
        recurring_share,
        true,
        discount.filter(|d| d.covers_cycle(1)),
    )?;
    let pro_rata = Invoice::new(currency, pro_rata_start, pro_rata_end, pro_rata_lines)?;

    let full_share = Share::Months(months);
    let full_discount = discount.filter(|d| d.covers_cycle(full_cycle_number));
    let full_cycle = Invoice::new(
        currency,
        dates.full_start,
        dates.full_end,
        lines(request, full_share, false, full_discount)?,
    )?;

    let lasting_discount = discount.filter(|d| d.cycles.is_none());
    let recurring_gross_amount = if lasting_discount == full_discount {
        full_cycle.gross_amount
    } else {
        let lines = lines(request, full_share, false, lasting_discount)?;
        Invoice::new(currency, dates.full_start, dates.full_end, lines)?.gross_amount
    };

    let prepays_next_cycle = dates.stub.is_some_and(|stub| {
        request
            .billing
            .prepay_next_cycle_below_days
            .is_some_and(|below| stub.days < below)
    });
    let due_at_move_in = if prepays_next_cycle {
        pro_rata
            .gross_amount
            .checked_add(full_cycle.gross_amount, "dueAtMoveIn")?
    } else {
        pro_rata.gross_amount
    };

    Ok(Quote {
        currency,
        move_in_date: request.move_in_date,
        period: request.period,
        pro_rata,
        full_cycle,
        prepays_next_cycle,
        due_at_move_in,
        recurring_gross_amount,
    })
}

/// The lines of one invoice, in request order, each discount right after its rent.
fn lines(
    request: &QuoteRequest,
    recurring_share: Share,
    with_one_time: bool,
    discount: Option<&Discount>,
) -> Result<Vec<Line>> {
    let mut out = Vec::with_capacity(request.items.len() + 1);
    for (i, item) in request.items.iter().enumerate() {
        let share = if item.is_recurring() {
            recurring_share
        } else if with_one_time {
            Share::Once
        } else {
            continue;
        };
        let path = format!("items[{i}].price");
        let line = item_line(request.currency, item, share, &path)?;
        let discount_line = match discount {
            Some(d) if item.category == Category::Rent => {
                Some(discount_line(request.currency, d, item, &line, share)?)
            }
            _ => None,
        };
        out.push(line);
        out.extend(discount_line);
    }
    Ok(out)
}

fn basis(item: &Item) -> TaxBasis<'_> {
    TaxBasis {
        taxes: item.effective_taxes(),
        includes_tax: item.price_includes_tax,
    }
}

fn item_line(currency: Currency, item: &Item, share: Share, path: &str) -> Result<Line> {
    let per_unit = share.of(item.price, path)?;
    let amount = crate::line::mul(per_unit, item.quantity.into(), path)?;
    price_line(
        currency,
        item.category,
        &item.description,
        amount,
        basis(item),
        path,
    )
}

/// The `RENTAL_DISCOUNT` line for a rent line: `−d`, taxed like the rent.
pub(crate) fn discount_line(
    currency: Currency,
    discount: &Discount,
    rent: &Item,
    rent_line: &Line,
    share: Share,
) -> Result<Line> {
    let path = "discount.value";
    let basis = basis(rent);
    // What the percentage applies to, and what an amount may not exceed.
    let base = if !basis.is_taxable() {
        rent_line.non_taxable
    } else if basis.includes_tax {
        rent_line.net
    } else {
        rent_line.taxable
    };
    let d = match discount.kind {
        DiscountKind::Percent => {
            let d = crate::line::div(
                crate::line::mul(base.value(), discount.value, path)?,
                100.into(),
                path,
            )?;
            currency.round(d, path)?
        }
        DiscountKind::Amount => currency
            .round(share.of(discount.value, path)?, path)?
            .min(base),
    };
    price_line(
        currency,
        Category::RentalDiscount,
        &discount.description,
        d.negated().value(),
        basis,
        path,
    )
}
