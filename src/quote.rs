//! The quote of a selection, computed in the browser by the very mapping
//! and pricing code the server runs for `POST /v1/quotes` and
//! `POST /v1/bookings`.
//!
//! A promo code that does not apply (or one still being typed, letter by
//! letter) must not take the quote away: the selection is priced without
//! it, as the server would price the booking once the code is cleared, and
//! the code's error is kept for the promo field.

use booking_model::{ErrorCode, FieldError, Listing, PropertyDetails, Selection};
use chrono::{Days, NaiveDate};
use pricing::{Category, Quote, QuoteRequest};
use rust_decimal::Decimal;

/// The promo field's path in a selection.
pub const PROMO_FIELD: &str = "promoCode";

/// A selection's quote with the request it priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalQuote {
    pub quote: Quote,
    pub request: QuoteRequest,
    /// The selection's promo code did not apply: the quote is the price
    /// without it, and the code must be corrected or cleared to book.
    pub promo_rejected: Option<FieldError>,
}

/// The quote, or every field that keeps the selection from being priced.
pub type QuoteResult = Result<LocalQuote, Vec<FieldError>>;

/// [`price`] as a value: the widget's main module holds only this pointer,
/// filled when the deferred chunk with the pricing code arrives
/// (`state::Deferred`).
pub type Pricer = fn(&PropertyDetails, &Listing, &Selection, NaiveDate) -> QuoteResult;

/// Prices `selection` at `property` on `today` (the property's date).
///
/// # Errors
/// The fields at fault, each with its path and code, as the server names
/// them; a rejected promo code alone is not an error (see [`LocalQuote`]).
pub fn price(
    property: &PropertyDetails,
    listing: &Listing,
    selection: &Selection,
    today: NaiveDate,
) -> QuoteResult {
    match priced(property, listing, selection, today) {
        Ok(local) => Ok(local),
        Err(errors) => {
            let Some(promo_error) = errors
                .iter()
                .find(|e| e.field.as_deref() == Some(PROMO_FIELD))
                .cloned()
            else {
                return Err(errors);
            };
            let without_code = Selection {
                promo_code: None,
                ..selection.clone()
            };
            match priced(property, listing, &without_code, today) {
                Ok(local) => Ok(LocalQuote {
                    promo_rejected: Some(promo_error),
                    ..local
                }),
                Err(mut others) => {
                    others.push(promo_error);
                    Err(others)
                }
            }
        }
    }
}

fn priced(
    property: &PropertyDetails,
    listing: &Listing,
    selection: &Selection,
    today: NaiveDate,
) -> QuoteResult {
    let request = booking_model::pricing_request(property, listing, selection, today)?;
    let quote = pricing::quote(&request)
        .map_err(|e| vec![FieldError::new(e.path, ErrorCode::PricingError, e.message)])?;
    Ok(LocalQuote {
        quote,
        request,
        promo_rejected: None,
    })
}

/// The deposit in the move-in invoice, if any: what comes back at the end,
/// told apart from what is paid for storage.
#[must_use]
pub fn deposit(quote: &Quote) -> Option<Decimal> {
    let deposits = quote
        .pro_rata
        .lines
        .iter()
        .filter(|l| l.category == Category::Deposit);
    let mut total = None;
    for line in deposits {
        total = Some(total.unwrap_or(Decimal::ZERO) + line.gross.value());
    }
    total
}

/// The first day the recurring amount is invoiced: the full cycle's start
/// after a stub the move-in payment does not prepay, else the day after
/// the first full cycle.
#[must_use]
pub fn recurring_from(quote: &Quote) -> NaiveDate {
    let has_stub = quote.pro_rata.start_date != quote.full_cycle.start_date;
    if has_stub && !quote.prepays_next_cycle {
        quote.full_cycle.start_date
    } else {
        let end = quote.full_cycle.end_date;
        end.checked_add_days(Days::new(1)).unwrap_or(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;
    use crate::test_fixtures::{listing, property, today, SMALL_4M, SMALL_8M};
    use booking_model::Mode;

    fn selection(size: &str, price: &str, mode: Mode, promo: &str) -> Selection {
        let details = property();
        Draft {
            storage_id: details.storages[0].id.clone(),
            size_id: size.into(),
            price_id: price.into(),
            mode: Some(mode),
            tenant_type: details.tenant_types[0].id.clone(),
            move_in_date: today().to_string(),
            promo_code: promo.into(),
            ..Draft::default()
        }
        .selection(&details.property.id)
        .expect("a selection")
    }

    fn discounted(local: &LocalQuote) -> bool {
        local
            .quote
            .pro_rata
            .lines
            .iter()
            .any(|l| l.category == Category::RentalDiscount)
    }

    #[test]
    fn a_code_that_does_not_apply_keeps_the_quote_without_it() {
        let (details, listing) = (property(), listing());
        let plain = price(
            &details,
            &listing,
            &selection(
                SMALL_8M,
                "33903946-7989-471d-9f89-91ddb68c701e",
                Mode::Rent,
                "",
            ),
            today(),
        )
        .expect("priced");
        assert_eq!(plain.promo_rejected, None);
        let wrong = price(
            &details,
            &listing,
            &selection(
                SMALL_8M,
                "33903946-7989-471d-9f89-91ddb68c701e",
                Mode::Rent,
                "WRONG",
            ),
            today(),
        )
        .expect("still priced");
        assert_eq!(wrong.quote, plain.quote, "the same quote as without a code");
        let error = wrong.promo_rejected.expect("the code's error is kept");
        assert_eq!(error.field.as_deref(), Some(PROMO_FIELD));
        assert_eq!(error.code, ErrorCode::InvalidPromoCode);
    }

    #[test]
    fn a_code_typed_letter_by_letter_keeps_a_quote_at_every_letter() {
        let (details, listing) = (property(), listing());
        // 4m-promo to reserve: 5 off for two months with the code BIENVENUE.
        let code = "BIENVENUE";
        for typed in 1..code.len() {
            let local = price(
                &details,
                &listing,
                &selection(SMALL_4M, "4m-promo", Mode::Book, &code[..typed]),
                today(),
            )
            .unwrap_or_else(|e| panic!("{} letters: {e:?}", typed));
            assert!(local.promo_rejected.is_some(), "{typed} letters");
            assert!(!discounted(&local), "no promotion before the code is whole");
        }
        let whole = price(
            &details,
            &listing,
            &selection(SMALL_4M, "4m-promo", Mode::Book, "bienvenue"),
            today(),
        )
        .expect("priced");
        assert_eq!(whole.promo_rejected, None);
        assert!(discounted(&whole), "the code's promotion applies");
    }

    #[test]
    fn other_errors_still_stop_the_quote_and_keep_the_promo_error() {
        let (details, listing) = (property(), listing());
        let mut late = selection(
            SMALL_8M,
            "33903946-7989-471d-9f89-91ddb68c701e",
            Mode::Rent,
            "WRONG",
        );
        late.move_in_date = NaiveDate::from_ymd_opt(2031, 1, 1).expect("date");
        let errors = price(&details, &listing, &late, today()).expect_err("out of the window");
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, ["moveInDate", PROMO_FIELD]);
    }

    #[test]
    fn the_deposit_and_when_the_recurring_amount_starts() {
        let (details, listing) = (property(), listing());
        let plain = price(
            &details,
            &listing,
            &selection(
                SMALL_8M,
                "33903946-7989-471d-9f89-91ddb68c701e",
                Mode::Rent,
                "",
            ),
            today(),
        )
        .expect("priced")
        .quote;
        let lines: Vec<_> = plain
            .pro_rata
            .lines
            .iter()
            .filter(|l| l.category == Category::Deposit)
            .collect();
        assert_eq!(lines.len(), 1, "the fixture's fixed deposit");
        assert_eq!(deposit(&plain), Some(lines[0].gross.value()));
        assert!(deposit(&plain).is_some_and(|d| d > Decimal::ZERO));
        let mut without = plain.clone();
        without
            .pro_rata
            .lines
            .retain(|l| l.category != Category::Deposit);
        assert_eq!(deposit(&without), None);
        // Billed from the move-in day: no stub, the recurring amount from
        // the day after the first full cycle.
        assert_eq!(plain.pro_rata.start_date, plain.full_cycle.start_date);
        assert_eq!(
            recurring_from(&plain),
            plain.full_cycle.end_date + Days::new(1)
        );
        // After a stub the move-in payment does not prepay, from the full
        // cycle's start; after one it prepays, from the end of that cycle.
        let mut stub = plain.clone();
        stub.pro_rata.start_date = plain.full_cycle.start_date - Days::new(5);
        stub.prepays_next_cycle = false;
        assert_eq!(recurring_from(&stub), plain.full_cycle.start_date);
        stub.prepays_next_cycle = true;
        assert_eq!(
            recurring_from(&stub),
            plain.full_cycle.end_date + Days::new(1)
        );
    }
}
