//! The shared vectors reproduced in wasm32, in headless Chromium, plus a
//! throughput figure (printed, not asserted).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! vectors {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../../../shared/pricing-vectors/", $name)))),*]
    };
}

const VECTORS: [(&str, &str); 12] = vectors![
    "01-seed-quote-anniversary.json",
    "02-seed-listing-discount.json",
    "03-seed-booking-price-tax-inclusive.json",
    "04-gst-pst-first-month-free-deposit.json",
    "05-fixed-day-stub-leap-february.json",
    "06-quarterly-inclusive-discount-two-cycles-admin-fee.json",
    "07-prepay-late-move-in-days365.json",
    "08-quebec-gst-qst-amount-discount.json",
    "09-yearly-anniversary-month-end.json",
    "10-jpy-zero-decimals.json",
    "11-half-yearly-hst-amount-discount-capped.json",
    "12-recurring-service.json",
];

#[wasm_bindgen_test]
fn every_vector_is_reproduced_exactly_in_wasm() {
    for (name, text) in VECTORS {
        let vector: serde_json::Value = serde_json::from_str(text).expect("vector is JSON");
        let request = serde_json::to_string(&vector["request"]).expect("re-serializes");
        let ours: serde_json::Value =
            serde_json::from_str(&pricing::quote_json(&request).expect(name)).expect("JSON");
        assert_eq!(
            serde_json::to_string(&ours).expect("serializes"),
            serde_json::to_string(&vector["quote"]).expect("serializes"),
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
fn bad_request_is_refused_in_wasm_too() {
    let err = pricing::QuoteRequest::from_json(
        r#"{"currency":"EUR","period":"MONTHLY","moveInDate":"2024-02-04","items":[{"category":"RENT","price":"12,50"}]}"#,
    )
    .expect_err("a decimal comma is refused");
    assert_eq!(err.path, "items[0].price");
}

/// Quotes per second in this browser: the figure the README reports.
#[wasm_bindgen_test]
fn throughput_in_wasm() {
    let (_, text) = VECTORS[5];
    let vector: serde_json::Value = serde_json::from_str(text).expect("vector is JSON");
    let request: pricing::QuoteRequest =
        serde_json::from_value(vector["request"].clone()).expect("request parses");
    // Whole milliseconds: timing needs no fractions, and no float arithmetic.
    let now_ms = || js_sys::Date::now() as u64;
    let started = now_ms();
    let mut count: u32 = 0;
    while now_ms() - started < 1000 {
        for _ in 0..100 {
            let quote = pricing::quote(&request).expect("prices");
            assert!(!quote.due_at_move_in.value().is_zero());
            count += 1;
        }
    }
    let elapsed_ms = now_ms() - started;
    console_log!("wasm throughput: {count} quotes in {elapsed_ms} ms (vector 06, quarterly with stub and discount)");
}
