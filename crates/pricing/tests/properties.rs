//! Invariants of PRICING.md that hold for every valid request.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use pricing::{
    quote, Amount, Anchor, Billing, Category, Currency, DailyRate, Discount, DiscountKind, Invoice,
    Item, Period, QuoteRequest, Tax,
};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

fn money(max_cents: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_cents).prop_map(|c| Decimal::new(c, 2))
}

fn tax() -> impl Strategy<Value = Tax> {
    (0i64..=30_000).prop_map(|r| Tax {
        name: "T".into(),
        rate: Decimal::new(r, 3),
    })
}

fn item() -> impl Strategy<Value = Item> {
    (
        prop_oneof![
            Just(Category::Rent),
            Just(Category::Insurance),
            Just(Category::Service),
            Just(Category::Merchandise),
            Just(Category::Deposit)
        ],
        money(1_000_000),
        1u32..=5,
        prop::collection::vec(tax(), 0..=3),
        any::<bool>(),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(category, price, quantity, taxes, price_includes_tax, recurring)| Item {
                category,
                description: format!("{category:?}"),
                price,
                quantity,
                taxes,
                price_includes_tax,
                recurring,
            },
        )
}

fn discount() -> impl Strategy<Value = Discount> {
    (any::<bool>(), 1i64..=10_000, prop::option::of(1u32..=4)).prop_map(|(percent, v, cycles)| {
        Discount {
            kind: if percent {
                DiscountKind::Percent
            } else {
                DiscountKind::Amount
            },
            value: if percent {
                Decimal::new(v, 2)
            } else {
                Decimal::new(v * 10, 2)
            },
            cycles,
            description: "promo".into(),
        }
    })
}

fn request() -> impl Strategy<Value = QuoteRequest> {
    (
        prop_oneof![
            Just(Currency::EUR),
            Just(Currency::CAD),
            Just(Currency::JPY),
            Just(Currency::GBP)
        ],
        prop_oneof![
            Just(Period::Monthly),
            Just(Period::Quarterly),
            Just(Period::HalfYearly),
            Just(Period::Yearly)
        ],
        0i64..=36_500,
        prop_oneof![
            Just(Anchor::Anniversary),
            (1u32..=28).prop_map(Anchor::FixedDay)
        ],
        prop_oneof![Just(DailyRate::ActualDays), Just(DailyRate::Days365)],
        prop::option::of(1u32..=31),
        prop::collection::vec(item(), 1..=5),
        prop::option::of(discount()),
    )
        .prop_map(
            |(currency, period, day, anchor, daily_rate, prepay, items, discount)| QuoteRequest {
                currency,
                period,
                move_in_date: NaiveDate::from_ymd_opt(2000, 1, 1).expect("date")
                    + chrono::Days::new(day as u64),
                billing: Billing {
                    anchor,
                    daily_rate,
                    prepay_next_cycle_below_days: prepay,
                },
                items,
                discount,
            },
        )
}

fn sum(invoice: &Invoice, f: fn(&pricing::Line) -> Amount) -> Decimal {
    invoice.lines.iter().map(|l| f(l).value()).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn totals_are_the_sums_of_their_lines(req in request()) {
        let q = quote(&req).expect("valid request prices");
        for inv in [&q.pro_rata, &q.full_cycle] {
            prop_assert_eq!(inv.taxable_amount.value(), sum(inv, |l| l.taxable));
            prop_assert_eq!(inv.tax_amount.value(), sum(inv, |l| l.tax));
            prop_assert_eq!(inv.net_amount.value(), sum(inv, |l| l.net));
            prop_assert_eq!(inv.non_taxable_amount.value(), sum(inv, |l| l.non_taxable));
            prop_assert_eq!(inv.gross_amount.value(), inv.net_amount.value() + inv.non_taxable_amount.value());
            for line in &inv.lines {
                prop_assert_eq!(line.gross.value(), line.net.value() + line.non_taxable.value());
                let taxes: Decimal = line.taxes.iter().map(|t| t.amount.value()).sum();
                prop_assert_eq!(line.tax.value(), taxes);
                if !line.net.value().is_zero() {
                    prop_assert_eq!(line.net.value(), line.taxable.value() + line.tax.value());
                }
            }
        }
    }

    #[test]
    fn a_tax_inclusive_line_keeps_its_net(req in request()) {
        let q = quote(&req).expect("prices");
        let months = Decimal::from(req.period.months());
        let full_lines = q.full_cycle.lines.iter().filter(|l| l.category != Category::RentalDiscount);
        let recurring = req.items.iter().filter(|i| i.is_recurring());
        for (item, line) in recurring.zip(full_lines) {
            let taxable = item.effective_taxes().iter().any(|t| !t.rate.is_zero());
            if item.price_includes_tax && taxable {
                let expected = (item.price * months * Decimal::from(item.quantity))
                    .round_dp_with_strategy(req.currency.minor_units(), RoundingStrategy::MidpointAwayFromZero);
                prop_assert_eq!(line.net.value(), expected);
            }
        }
    }

    #[test]
    fn a_discount_never_exceeds_the_rent_it_discounts(req in request()) {
        let q = quote(&req).expect("prices");
        for inv in [&q.pro_rata, &q.full_cycle] {
            for pair in inv.lines.windows(2) {
                if pair[1].category == Category::RentalDiscount {
                    prop_assert_eq!(pair[0].category, Category::Rent);
                    prop_assert!(pair[1].gross.value() <= Decimal::ZERO);
                    prop_assert!(-pair[1].gross.value() <= pair[0].gross.value());
                    prop_assert!(pair[0].gross.value() + pair[1].gross.value() >= Decimal::ZERO);
                }
            }
        }
        prop_assert!(q.due_at_move_in.value() >= Decimal::ZERO);
    }

    #[test]
    fn due_at_move_in_follows_the_prepay_rule(req in request()) {
        let q = quote(&req).expect("prices");
        let has_stub = q.pro_rata.start_date != q.full_cycle.start_date;
        let days = (q.full_cycle.start_date - q.pro_rata.start_date).num_days();
        let prepays = has_stub
            && req.billing.prepay_next_cycle_below_days.is_some_and(|n| days < i64::from(n));
        prop_assert_eq!(q.prepays_next_cycle, prepays);
        let expected = q.pro_rata.gross_amount.value()
            + if prepays { q.full_cycle.gross_amount.value() } else { Decimal::ZERO };
        prop_assert_eq!(q.due_at_move_in.value(), expected);
    }

    #[test]
    fn the_same_request_always_gives_the_same_quote(req in request()) {
        let first = quote(&req).expect("prices");
        prop_assert_eq!(&first, &quote(&req).expect("prices"));
        // Through JSON, as the widget and the server exchange it.
        let json = serde_json::to_string(&req).expect("serializes");
        let again = QuoteRequest::from_json(&json).expect("round-trips");
        prop_assert_eq!(&again, &req);
        prop_assert_eq!(
            serde_json::to_string(&first).expect("serializes"),
            serde_json::to_string(&quote(&again).expect("prices")).expect("serializes")
        );
    }

    #[test]
    fn amounts_carry_exactly_the_minor_unit(req in request()) {
        let q = quote(&req).expect("prices");
        let dp = req.currency.minor_units();
        let text = serde_json::to_value(&q).expect("serializes");
        for inv in ["proRata", "fullCycle"] {
            for field in ["taxableAmount", "taxAmount", "netAmount", "nonTaxableAmount", "grossAmount"] {
                let s = text[inv][field].as_str().expect("string amount");
                prop_assert!(!s.starts_with("-0") || s.len() > 2 + dp as usize && s != "-0.00");
                prop_assert_eq!(s.split('.').nth(1).map_or(0, str::len), dp as usize, "{}", s);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = pricing::quote_json(&text);
    }
}
