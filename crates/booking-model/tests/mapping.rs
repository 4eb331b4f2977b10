//! The selection → pricing-request mapping on the demo catalogue: which
//! price, taxes, promotion, insurance and add-ons end up in the request,
//! and every refusal with its field path and code.

use booking_model::{
    pricing_request, AddOnSelection, ErrorCode, Listing, Mode, PropertyDetails, Selection,
};
use chrono::NaiveDate;
use pricing::{Category, DiscountKind, Period};
use rust_decimal_macros::dec;

const PROPERTY: &str = "a99c4590-9475-404e-bcbd-6cba2e2b5e16";
const STORAGE: &str = "47fa29c4-738a-42dc-bcb3-6dba1ee7e38e";
const SIZE_4M: &str = "e9c7f096-e719-4c03-8d03-239de36a772f";
const SIZE_8M: &str = "f491d3e3-b615-41af-b50b-b1735bed682f";
const PRICE_8M: &str = "33903946-7989-471d-9f89-91ddb68c701e";
const GENERAL: &str = "2f6d2c3e-0000-4000-8000-000000000001";
const INSURANCE: &str = "5711d7e3-f2e8-477d-bdf0-5a995177ce23";

fn property() -> PropertyDetails {
    serde_json::from_str(include_str!("fixtures/property.json")).expect("property fixture")
}

fn listing() -> Listing {
    serde_json::from_str(include_str!("fixtures/listing.json")).expect("listing fixture")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The seed quote's choice: the 8 m² box from 4 February 2024, insured.
fn seed_selection() -> Selection {
    Selection {
        property_info_id: PROPERTY.into(),
        storage_info_id: STORAGE.into(),
        storage_space_size_info_id: SIZE_8M.into(),
        price_id: PRICE_8M.into(),
        mode: Mode::Rent,
        tax_user_type_info_id: GENERAL.into(),
        payment_period: Period::Monthly,
        move_in_date: date("2024-02-04"),
        insurance_plan_id: Some(INSURANCE.into()),
        add_ons: Vec::new(),
        promo_code: None,
    }
}

fn today() -> NaiveDate {
    date("2024-02-01")
}

fn fields(errors: &[booking_model::FieldError]) -> Vec<(&str, ErrorCode)> {
    errors
        .iter()
        .map(|e| (e.field.as_deref().unwrap_or(""), e.code))
        .collect()
}

#[test]
fn the_seed_selection_reproduces_the_seed_quote_plus_fee_and_deposit() {
    let request =
        pricing_request(&property(), &listing(), &seed_selection(), today()).expect("valid");
    let categories: Vec<_> = request.items.iter().map(|i| i.category).collect();
    assert_eq!(
        categories,
        [
            Category::Rent,
            Category::Insurance,
            Category::Service,
            Category::Deposit
        ]
    );
    assert_eq!(request.items[0].description, "Box - 8m²");
    assert_eq!(request.items[0].price, dec!(75));
    assert!(!request.items[0].price_includes_tax);
    assert_eq!(request.items[1].price, dec!(12.50));
    assert!(request.items[1].taxes.is_empty());
    assert!(request.discount.is_none());

    let quote = pricing::quote(&request).expect("priced");
    // A full cycle is the seed quote: 75 + 20 % VAT, insurance 12.50 exempt.
    assert_eq!(quote.full_cycle.taxable_amount.to_string(), "75.00");
    assert_eq!(quote.full_cycle.tax_amount.to_string(), "15.00");
    assert_eq!(quote.full_cycle.non_taxable_amount.to_string(), "12.50");
    assert_eq!(quote.full_cycle.gross_amount.to_string(), "102.50");
    // The move-in invoice adds the mandatory admin fee (20 TTC) and the deposit (50).
    assert_eq!(quote.due_at_move_in.to_string(), "172.50");
    assert_eq!(quote.pro_rata.start_date, date("2024-02-04"));
    assert_eq!(quote.pro_rata.end_date, date("2024-03-03"));
}

#[test]
fn the_same_selection_always_gives_the_same_request() {
    let a = pricing_request(&property(), &listing(), &seed_selection(), today());
    let b = pricing_request(&property(), &listing(), &seed_selection(), today());
    assert_eq!(a, b);
}

#[test]
fn an_automatic_promotion_is_the_listings_discount() {
    let mut selection = seed_selection();
    selection.storage_space_size_info_id = SIZE_4M.into();
    selection.price_id = "4m-promo".into();
    selection.insurance_plan_id = None;
    let request = pricing_request(&property(), &listing(), &selection, today()).expect("valid");
    let discount = request.discount.clone().expect("promotion applies");
    assert_eq!(
        (discount.kind, discount.value, discount.cycles),
        (DiscountKind::Percent, dec!(10), Some(1))
    );
    let quote = pricing::quote(&request).expect("priced");
    // The listing's payable 27.00 (30 − 3) is the first month's rent.
    let rent_net: rust_decimal::Decimal = quote
        .pro_rata
        .lines
        .iter()
        .filter(|l| matches!(l.category, Category::Rent | Category::RentalDiscount))
        .map(|l| l.gross.value())
        .sum();
    assert_eq!(rent_net, dec!(27.00));
    // From cycle 2 on the promotion is over.
    assert_eq!(quote.recurring_gross_amount.to_string(), "30.00");
}

#[test]
fn a_promotion_with_a_code_needs_the_code() {
    let mut selection = seed_selection();
    selection.storage_space_size_info_id = SIZE_4M.into();
    selection.price_id = "4m-promo".into();
    selection.mode = Mode::Book;
    let without = pricing_request(&property(), &listing(), &selection, today()).expect("valid");
    assert!(without.discount.is_none());
    assert_eq!(without.items[0].price, dec!(32.50));
    assert!(without.items[0].price_includes_tax);

    selection.promo_code = Some(" bienvenue ".into());
    let with = pricing_request(&property(), &listing(), &selection, today()).expect("valid");
    let discount = with.discount.expect("code applies");
    assert_eq!(
        (discount.kind, discount.value, discount.cycles),
        (DiscountKind::Amount, dec!(5), Some(2))
    );

    selection.promo_code = Some("WRONG".into());
    let errors =
        pricing_request(&property(), &listing(), &selection, today()).expect_err("bad code");
    assert_eq!(
        fields(&errors),
        [("promoCode", ErrorCode::InvalidPromoCode)]
    );
}

#[test]
fn add_ons_follow_the_catalogue_with_their_quantities() {
    let mut selection = seed_selection();
    selection.add_ons = vec![
        AddOnSelection {
            id: "boxes".into(),
            quantity: 10,
        },
        AddOnSelection {
            id: "padlock".into(),
            quantity: 2,
        },
    ];
    let request = pricing_request(&property(), &listing(), &selection, today()).expect("valid");
    let extras: Vec<_> = request
        .items
        .iter()
        .filter(|i| matches!(i.category, Category::Merchandise | Category::Service))
        .map(|i| (i.description.as_str(), i.quantity))
        .collect();
    assert_eq!(
        extras,
        [("Cadenas", 2), ("Carton", 10), ("Frais de dossier", 1)]
    );
    let quote = pricing::quote(&request).expect("priced");
    // 172.50 + 2 × 12.90 + 10 × 3.50.
    assert_eq!(quote.due_at_move_in.to_string(), "233.30");
}

#[test]
fn every_bad_field_is_named() {
    let mut selection = seed_selection();
    selection.tax_user_type_info_id = "nobody".into();
    selection.payment_period = Period::Yearly;
    selection.move_in_date = date("2024-04-02");
    selection.insurance_plan_id = Some("gold".into());
    selection.add_ons = vec![
        AddOnSelection {
            id: "padlock".into(),
            quantity: 3,
        },
        AddOnSelection {
            id: "boxes".into(),
            quantity: 0,
        },
        AddOnSelection {
            id: "padlock".into(),
            quantity: 1,
        },
        AddOnSelection {
            id: "rocket".into(),
            quantity: 1,
        },
    ];
    let errors =
        pricing_request(&property(), &listing(), &selection, today()).expect_err("invalid");
    assert_eq!(
        fields(&errors),
        [
            ("taxUserTypeInfoId", ErrorCode::UnknownId),
            ("paymentPeriod", ErrorCode::NotOffered),
            ("moveInDate", ErrorCode::OutOfRange),
            ("insurancePlanId", ErrorCode::UnknownId),
            ("addOns[0].quantity", ErrorCode::OutOfRange),
            ("addOns[1].quantity", ErrorCode::OutOfRange),
            ("addOns[2].id", ErrorCode::Duplicate),
            ("addOns[3].id", ErrorCode::UnknownId),
        ]
    );
    assert_eq!(
        errors[2].message,
        "must be between 2024-02-01 and 2024-04-01"
    );
}

#[test]
fn ids_are_checked_from_the_property_down() {
    let mut selection = seed_selection();
    selection.property_info_id = "elsewhere".into();
    selection.storage_info_id = "no-storage".into();
    let errors =
        pricing_request(&property(), &listing(), &selection, today()).expect_err("invalid");
    assert_eq!(
        fields(&errors),
        [
            ("propertyInfoId", ErrorCode::UnknownId),
            ("storageInfoId", ErrorCode::UnknownId)
        ]
    );

    let mut selection = seed_selection();
    selection.storage_space_size_info_id = "no-size".into();
    let errors =
        pricing_request(&property(), &listing(), &selection, today()).expect_err("invalid");
    assert_eq!(
        fields(&errors),
        [("storageSpaceSizeInfoId", ErrorCode::UnknownId)]
    );

    let mut selection = seed_selection();
    selection.price_id = "4m-plain".into(); // a price of another size
    let errors =
        pricing_request(&property(), &listing(), &selection, today()).expect_err("invalid");
    assert_eq!(fields(&errors), [("priceId", ErrorCode::UnknownId)]);

    let mut selection = seed_selection();
    selection.mode = Mode::Book; // the 8 m² variant has no booking price
    let errors =
        pricing_request(&property(), &listing(), &selection, today()).expect_err("invalid");
    assert_eq!(fields(&errors), [("mode", ErrorCode::NotOffered)]);
}

#[test]
fn the_move_in_window_includes_both_ends() {
    let mut selection = seed_selection();
    for (day, ok) in [
        ("2024-01-31", false),
        ("2024-02-01", true),
        ("2024-04-01", true),
        ("2024-04-02", false),
    ] {
        selection.move_in_date = date(day);
        assert_eq!(
            pricing_request(&property(), &listing(), &selection, today()).is_ok(),
            ok,
            "{day}"
        );
    }
}

#[test]
fn required_insurance_must_be_chosen() {
    let mut property = property();
    property.insurance_required = true;
    let mut selection = seed_selection();
    selection.insurance_plan_id = None;
    let errors = pricing_request(&property, &listing(), &selection, today()).expect_err("invalid");
    assert_eq!(fields(&errors), [("insurancePlanId", ErrorCode::Required)]);
}

#[test]
fn a_deposit_in_months_of_rent_follows_the_chosen_price() {
    let mut property = property();
    property.deposit = Some(booking_model::DepositRule {
        kind: booking_model::DepositKind::MonthsOfRent,
        value: dec!(2),
        description: String::new(),
    });
    let request =
        pricing_request(&property, &listing(), &seed_selection(), today()).expect("valid");
    let deposit = request
        .items
        .iter()
        .find(|i| i.category == Category::Deposit)
        .expect("deposit");
    assert_eq!(
        (deposit.price, deposit.description.as_str()),
        (dec!(150), "Deposit")
    );
}

#[test]
fn property_details_round_trip_and_fill_the_window() {
    let details = property().with_move_in_dates(today());
    assert_eq!(details.earliest_move_in_date, Some(date("2024-02-01")));
    assert_eq!(details.latest_move_in_date, Some(date("2024-04-01")));
    let json = serde_json::to_value(&details).expect("json");
    assert_eq!(json["property"]["countryISOCode2"], "FR");
    assert_eq!(json["earliestMoveInDate"], "2024-02-01");
    let back: PropertyDetails = serde_json::from_value(json).expect("back");
    assert_eq!(back, details);
}

#[test]
fn the_listing_keeps_storegisters_shape() {
    let json = serde_json::to_string(&listing()).expect("json");
    for key in [
        "\"strorageInfoId\"",
        "\"countryInfoISOCode2\"",
        "\"taxablePrice\":{\"price\":27.08,\"formattedPrice\":\"27,08 €\"}",
    ] {
        assert!(json.contains(key), "{key} missing");
    }
}
