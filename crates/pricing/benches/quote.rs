//! One quote, natively: the figure in the README.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

const REQUEST: &str = r#"{
  "currency": "EUR", "period": "QUARTERLY", "moveInDate": "2024-02-04",
  "billing": {"anchor": {"fixedDay": 1}, "prepayNextCycleBelowDays": 10},
  "items": [
    {"category": "RENT", "description": "Box 4m2", "price": "32.50", "priceIncludesTax": true,
     "taxes": [{"name": "VAT", "rate": "20"}]},
    {"category": "INSURANCE", "description": "Cover 3 500 €", "price": "12.50", "taxes": []},
    {"category": "SERVICE", "description": "Admin fee", "price": "20", "taxes": [{"name": "VAT", "rate": "20"}]},
    {"category": "DEPOSIT", "description": "Deposit", "price": "50"}
  ],
  "discount": {"kind": "percent", "value": "10", "cycles": 2, "description": "10 % off"}
}"#;

fn bench(c: &mut Criterion) {
    let request = pricing::QuoteRequest::from_json(REQUEST).expect("valid request");
    c.bench_function("quote (parsed request)", |b| {
        b.iter(|| pricing::quote(black_box(&request)).expect("prices"));
    });
    c.bench_function("quote_json (parse + price + serialize)", |b| {
        b.iter(|| pricing::quote_json(black_box(REQUEST)).expect("prices"));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
