//! Every price object of the StoRegister listing example, reproduced to the
//! cent from a monthly price, its tax, its basis and its promotion.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use pricing::{price_card, Currency, Discount, DiscountKind, Tax};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

fn listing() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/api/examples/storegister-listing.json");
    serde_json::from_str(&fs::read_to_string(path).expect("listing example")).expect("JSON")
}

/// A listing money object (`{"price": 27.083, …}`) to the cent, as text.
fn cents(money: &Value) -> Option<String> {
    let raw = money.get("price")?.to_string();
    let exact = pricing::parse_decimal(&raw).expect("listing prices are decimals");
    Some(
        exact
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .to_string(),
    )
}

fn normalize(text: &str) -> String {
    pricing::parse_decimal(text)
        .expect("decimal")
        .normalize()
        .to_string()
}

#[test]
fn every_listing_price_object_is_reproduced() {
    let listing = listing();
    let vat = [Tax {
        name: "VAT".into(),
        rate: dec!(20),
    }];
    let ten_percent = Discount {
        kind: DiscountKind::Percent,
        value: dec!(10),
        cycles: None,
        description: String::new(),
    };
    let mut checked = 0;
    let sizes = listing["data"]["propertySizePriceData"][0]["sizes"]
        .as_array()
        .expect("sizes");
    for size in sizes {
        for category in size["storageCategory"].as_array().expect("categories") {
            for variant in category["price"].as_array().expect("variants") {
                for mode in ["rentalPrice", "bookingPrice"] {
                    let card = &variant[mode];
                    let net = cents(&card["netAmount"]).expect("net");
                    let taxable = cents(&card["taxablePrice"]).expect("taxable");
                    // Whole taxable price: priced tax-exclusive; otherwise the
                    // operator set the tax-inclusive price (32.50 → 27.083).
                    let exclusive = pricing::parse_decimal(&taxable)
                        .expect("d")
                        .fract()
                        .is_zero();
                    let monthly: Decimal =
                        pricing::parse_decimal(if exclusive { &taxable } else { &net })
                            .expect("decimal");
                    let discount = card["discountInfoId"].is_string().then_some(&ten_percent);
                    let ours = price_card(Currency::EUR, monthly, &vat, !exclusive, discount)
                        .expect("prices");
                    let at = format!("{} {mode}", size["storageSpaceSizeInfoId"]);
                    assert_eq!(
                        normalize(&ours.taxable_price.to_string()),
                        normalize(&taxable),
                        "{at}"
                    );
                    assert_eq!(
                        normalize(&ours.tax_amount.to_string()),
                        normalize(&cents(&card["taxAmount"]).expect("tax")),
                        "{at}"
                    );
                    assert_eq!(
                        normalize(&ours.net_amount.to_string()),
                        normalize(&net),
                        "{at}"
                    );
                    match cents(&card["discountAmount"]) {
                        Some(d) => assert_eq!(
                            ours.discount_amount.map(|a| normalize(&a.to_string())),
                            Some(normalize(&d)),
                            "{at}"
                        ),
                        None => assert_eq!(ours.discount_amount, None, "{at}"),
                    }
                    // The seed leaves one payableAmount null; where it has one, it matches.
                    if let Some(payable) = cents(&card["payableAmount"]) {
                        assert_eq!(
                            normalize(&ours.payable_amount.to_string()),
                            normalize(&payable),
                            "{at}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 8, "two sizes × two variants × rent and book");
}

#[test]
fn seed_discount_card_matches_the_listing_discount_vector() {
    let vat = [Tax {
        name: "VAT".into(),
        rate: dec!(20),
    }];
    let discount = Discount {
        kind: DiscountKind::Percent,
        value: dec!(10),
        cycles: Some(1),
        description: String::new(),
    };
    let card = price_card(Currency::EUR, dec!(25), &vat, false, Some(&discount)).expect("prices");
    assert_eq!(
        card.discount_amount.map(|a| a.to_string()).as_deref(),
        Some("3.00")
    );
    assert_eq!(card.payable_amount.to_string(), "27.00");
}

#[test]
fn price_card_refuses_negative_input() {
    let vat = [Tax {
        name: "VAT".into(),
        rate: dec!(20),
    }];
    let err = price_card(Currency::EUR, dec!(-1), &vat, false, None).expect_err("negative price");
    assert_eq!(err.path, "price");
}
