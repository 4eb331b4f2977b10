//! The `quote` binary: a quote on stdout for a good request; for every bad
//! case of PRICING.md, exit status 2, nothing on stdout, and a message on
//! stderr that names the field as a path.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

fn run(stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quote"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("quote starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("request written");
    child.wait_with_output().expect("quote ends")
}

fn good() -> Value {
    json!({
        "currency": "EUR", "period": "MONTHLY", "moveInDate": "2024-02-04",
        "billing": {"anchor": {"fixedDay": 1}, "dailyRate": "actualDays", "prepayNextCycleBelowDays": 10},
        "items": [
            {"category": "RENT", "description": "Box F11 - 8m2", "price": "75",
             "taxes": [{"name": "VAT", "rate": "20"}], "priceIncludesTax": false},
            {"category": "INSURANCE", "description": "Cover", "price": "12.50", "taxes": []},
            {"category": "MERCHANDISE", "description": "Box", "price": "3", "quantity": 2},
            {"category": "DEPOSIT", "description": "Deposit", "price": "50"}
        ],
        "discount": {"kind": "percent", "value": "10", "cycles": 1, "description": "10 % off"}
    })
}

/// `good()` with the JSON pointer `at` set to `value` (or removed for null).
fn with(at: &str, value: Value) -> String {
    let mut request = good();
    let (parent, key) = at.rsplit_once('/').expect("pointer has a parent");
    let target = request.pointer_mut(parent).expect("parent exists");
    match (target, value) {
        (Value::Object(map), Value::Null) => {
            map.remove(key);
        }
        (Value::Object(map), v) => {
            map.insert(key.to_owned(), v);
        }
        (Value::Array(list), v) => {
            list[key.parse::<usize>().expect("index")] = v;
        }
        _ => panic!("cannot set {at}"),
    }
    request.to_string()
}

#[track_caller]
fn assert_refused(request: &str, path: &str) {
    let out = run(request);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit status for {request}; stderr: {stderr}"
    );
    assert!(out.stdout.is_empty(), "no partial quote for {request}");
    assert!(
        stderr.contains(&format!("{path}:")),
        "stderr should name `{path}` for {request}, got: {stderr}"
    );
}

#[test]
fn good_request_prints_the_quote() {
    let out = run(&good().to_string());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let quote: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    // Stub 4–29 Feb: 75 × 26/29 = 67.24 taxable, 10 % off; then the rest.
    assert_eq!(quote["proRata"]["lines"][0]["taxable"], "67.24");
    assert_eq!(quote["proRata"]["lines"][1]["category"], "RENTAL_DISCOUNT");
    assert_eq!(quote["proRata"]["lines"][1]["taxable"], "-6.72");
    assert_eq!(quote["proRata"]["lines"][3]["gross"], "6.00");
    assert_eq!(
        quote["fullCycle"]["lines"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(quote["recurringGrossAmount"], "102.50");
}

#[test]
fn numbers_are_accepted_where_strings_are_expected() {
    let request = with("/items/1/price", json!(12.5));
    let out = run(&request);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let quote: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(quote["fullCycle"]["lines"][1]["nonTaxable"], "12.50");
}

#[test]
fn malformed_json_is_refused() {
    for text in ["", "{", "not json", r#"{"currency": "EUR",}"#, "[]"] {
        let out = run(text);
        assert_eq!(out.status.code(), Some(2), "{text:?}");
        assert!(out.stdout.is_empty());
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn missing_required_fields_are_named() {
    assert_refused(&with("/currency", Value::Null), "currency");
    assert_refused(&with("/moveInDate", Value::Null), "moveInDate");
    assert_refused(&with("/items/0/price", Value::Null), "items[0].price");
    assert_refused(&with("/items/1/category", Value::Null), "items[1].category");
    assert_refused(&with("/discount/kind", Value::Null), "discount.kind");
}

#[test]
fn unknown_names_are_refused() {
    assert_refused(&with("/currency", json!("XYZ")), "currency");
    assert_refused(&with("/period", json!("WEEKLY")), "period");
    assert_refused(
        &with("/items/0/category", json!("PARKING")),
        "items[0].category",
    );
    assert_refused(
        &with("/items/0/category", json!("RENTAL_DISCOUNT")),
        "items[0].category",
    );
    assert_refused(
        &with("/billing/anchor", json!("calendar")),
        "billing.anchor",
    );
    assert_refused(
        &with("/billing/anchor", json!({"weekday": 1})),
        "billing.anchor",
    );
    assert_refused(
        &with("/billing/dailyRate", json!("days360")),
        "billing.dailyRate",
    );
    assert_refused(&with("/discount/kind", json!("bogo")), "discount.kind");
    assert_refused(
        &with("/items/0/priceIncludesTaxes", json!(true)),
        "items[0].priceIncludesTaxes",
    );
}

#[test]
fn fixed_day_outside_1_to_28_is_refused() {
    for day in [0, 29, 31] {
        assert_refused(
            &with("/billing/anchor", json!({"fixedDay": day})),
            "billing.anchor.fixedDay",
        );
    }
    assert_refused(
        &with("/billing/anchor", json!({"fixedDay": -1})),
        "billing.anchor.fixedDay",
    );
}

#[test]
fn malformed_dates_and_decimals_are_refused() {
    for date in [
        "2024-02-30",
        "04-02-2024",
        "2024-2-4",
        "2024-02-04T00:00:00",
        "",
    ] {
        assert_refused(&with("/moveInDate", json!(date)), "moveInDate");
    }
    for price in ["12,50", "1e3", "12.", ".5", "1_000", "abc", "", " 12"] {
        assert_refused(&with("/items/1/price", json!(price)), "items[1].price");
    }
    assert_refused(
        &with("/items/0/taxes/0/rate", json!("20%")),
        "items[0].taxes[0].rate",
    );
    assert_refused(&with("/items/1/price", json!(true)), "items[1].price");
}

#[test]
fn negative_prices_and_rates_are_refused() {
    assert_refused(&with("/items/0/price", json!("-1")), "items[0].price");
    assert_refused(&with("/items/3/price", json!(-50)), "items[3].price");
    assert_refused(
        &with("/items/0/taxes/0/rate", json!("-20")),
        "items[0].taxes[0].rate",
    );
}

#[test]
fn quantity_must_be_a_whole_number_of_at_least_one() {
    for quantity in [
        json!(0),
        json!(-1),
        json!(1.5),
        json!("two"),
        json!("1.5"),
        json!(5_000_000_000u64),
    ] {
        assert_refused(&with("/items/2/quantity", quantity), "items[2].quantity");
    }
}

#[test]
fn discount_ranges_are_enforced() {
    assert_refused(&with("/discount/value", json!("0")), "discount.value");
    assert_refused(&with("/discount/value", json!("100.01")), "discount.value");
    assert_refused(&with("/discount/value", json!("-5")), "discount.value");
    let mut amount = good();
    amount["discount"] = json!({"kind": "amount", "value": "0"});
    assert_refused(&amount.to_string(), "discount.value");
    amount["discount"]["value"] = json!("-1");
    assert_refused(&amount.to_string(), "discount.value");
    assert_refused(&with("/discount/cycles", json!(0)), "discount.cycles");
    assert_refused(&with("/discount/cycles", json!(-1)), "discount.cycles");
}

#[test]
fn amounts_too_large_to_compute_are_errors_not_panics() {
    let max = "79228162514264337593543950335";
    assert_refused(&with("/items/0/price", json!(max)), "items[0].price");
    assert_refused(
        &with("/items/0/price", json!("7922816251426433759354395033")),
        "items[0].price",
    );
    assert_refused(
        &with("/items/2/price", json!("500000000000000000000000000")),
        "items[2].price",
    );
    assert_refused(
        &with("/items/0/price", json!(format!("{max}0"))),
        "items[0].price",
    );
    let mut yearly = good();
    yearly["period"] = json!("YEARLY");
    yearly["items"][0]["price"] = json!("9000000000000000000000000000");
    assert_refused(&yearly.to_string(), "items[0].price");
}
