//! Faults on request (through the library and the control API): error
//! statuses, 429, slow answers, connections dropped before and after the
//! request was handled; and the request log that counts upstream calls.

use std::time::Duration;

use serde_json::{json, Value};
use upstream_sim::{Fault, Outcome};

use crate::common::*;

#[tokio::test]
async fn a_status_fault_answers_in_the_references_format_for_its_count() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    sim.arm(
        Fault::status(503)
            .times(2)
            .on("GET", "/api/v1/facilities/*/units"),
    )
    .unwrap();
    let units = format!("/api/v1/facilities/{FACILITY}/units");
    assert_eq!(
        api.get("/api/v1/facilities").await.status(),
        200,
        "other paths untouched"
    );
    for _ in 0..2 {
        let response = api.get(&units).await;
        assert_eq!(response.status(), 503);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "service_unavailable");
    }
    assert_eq!(api.get(&units).await.status(), 200, "used up");
    assert_eq!(sim.request_count("GET", "/api/v1/facilities/*/units"), 3);
    let log = sim
        .harness()
        .requests
        .summary(Some("GET"), Some("/api/v1/facilities/*/units"));
    let outcomes: Vec<Outcome> = log.entries.iter().map(|e| e.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Fault, Outcome::Fault, Outcome::Answered]
    );
}

#[tokio::test]
async fn a_rate_limit_fault_answers_429_with_the_headers() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    sim.arm(Fault::rate_limit(Duration::from_secs(30))).unwrap();
    let response = api.get("/api/v1/facilities").await;
    assert_eq!(response.status(), 429);
    let headers = response.headers();
    assert_eq!(headers["x-ratelimit-limit"], "1000");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(headers["x-ratelimit-window"], "3600");
    let reset: i64 = headers["x-ratelimit-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((now + 28..=now + 31).contains(&reset));
    let retry: i64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((28..=30).contains(&retry));
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "rate_limit_exceeded");
    assert_eq!(api.get("/api/v1/facilities").await.status(), 200);
}

#[tokio::test]
async fn a_slow_answer_outlasts_a_short_client_timeout() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    sim.arm(Fault::delay(Duration::from_millis(1500)).on_path("/api/v1/facilities"))
        .unwrap();
    let impatient = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let result = impatient
        .get(format!("{}/api/v1/facilities", sim.url()))
        .bearer_auth(&api.token)
        .send()
        .await;
    assert!(result.unwrap_err().is_timeout());
    let next = impatient
        .get(format!("{}/api/v1/facilities", sim.url()))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(next.status(), 200, "one slow answer only");
}

#[tokio::test]
async fn a_dropped_request_books_nothing() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    sim.arm(Fault::drop_request().on("POST", "/api/v1/facilities/*/bookings"))
        .unwrap();
    let unit = api.available_unit(MEDIUM).await;
    let result = http()
        .post(format!(
            "{}/api/v1/facilities/{FACILITY}/bookings",
            sim.url()
        ))
        .bearer_auth(&api.token)
        .json(&json!({"customer_id": CUSTOMER, "unit_id": unit, "move_in_date": "2030-09-01"}))
        .send()
        .await;
    let error = result.unwrap_err();
    assert!(!error.is_timeout(), "closed, not slow: {error}");
    assert!(sim.bookings().is_empty());
    assert_eq!(
        api.book(&unit, json!({})).await.status(),
        201,
        "the unit is still free"
    );
}

#[tokio::test]
async fn a_booking_whose_answer_is_dropped_was_made_all_the_same() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let armed = http()
        .post(format!("{}/_sim/faults", sim.url()))
        .json(&json!({"kind": "drop_response", "method": "POST", "path": "/api/v1/facilities/*/bookings"}))
        .send()
        .await
        .unwrap();
    assert_eq!(armed.status(), 201);
    let unit = api.available_unit(MEDIUM).await;
    let result = http()
        .post(format!(
            "{}/api/v1/facilities/{FACILITY}/bookings",
            sim.url()
        ))
        .bearer_auth(&api.token)
        .json(&json!({"customer_id": CUSTOMER, "unit_id": unit, "move_in_date": "2030-09-01"}))
        .send()
        .await;
    assert!(result.is_err(), "no answer arrives");
    let bookings = sim.bookings();
    assert_eq!(bookings.len(), 1, "booked upstream");
    assert_eq!(bookings[0].unit_id, unit);
    // What a connector does before sending again: look for it.
    let john = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/customers?search=john.smith%40example.com"
        ))
        .await;
    assert!(john["data"][0]["active_rentals"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["unit_id"] == unit.as_str() && r["move_in_date"] == "2030-09-01"));
    assert_eq!(
        api.book(&unit, json!({})).await.status(),
        409,
        "sending it again conflicts"
    );
    let log: Value = http()
        .get(format!(
            "{}/_sim/requests?method=POST&path=/api/v1/facilities/*/bookings",
            sim.url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log["matching"], 2);
    assert_eq!(log["entries"][0]["outcome"], "dropped_response");
    assert_eq!(log["entries"][0]["status"], 201, "what was never delivered");
}

#[tokio::test]
async fn faults_are_armed_listed_and_cleared_over_http() {
    let sim = stortech_sim().await;
    let control = http();
    let faults = format!("{}/_sim/faults", sim.url());
    let armed: Value = control
        .post(&faults)
        .json(&json!([
            {"kind": "status", "status": 500, "count": 3},
            {"kind": "delay", "ms": 10, "path": "/api/v1/**"},
        ]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(armed.as_array().unwrap().len(), 2);
    assert_eq!(armed[0]["count"], 3);
    for bad in [
        json!({"kind": "status", "status": 200}),
        json!({"kind": "explode"}),
        json!({"kind": "drop_request", "count": 0}),
    ] {
        let response = control.post(&faults).json(&bad).send().await.unwrap();
        assert_eq!(response.status(), 400, "{bad}");
        let error: Value = response.json().await.unwrap();
        assert!(
            error["error"].is_string(),
            "the control API's own error shape"
        );
    }
    assert_eq!(control.delete(&faults).send().await.unwrap().status(), 204);
    let listed: Value = control
        .get(&faults)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed, json!([]));
}

#[tokio::test]
async fn the_request_log_counts_upstream_calls_and_not_control_calls() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    for _ in 0..3 {
        api.get(&format!("/api/v1/facilities/{FACILITY}/units?limit=200"))
            .await;
    }
    http()
        .get(format!("{}/_sim/bookings", sim.url()))
        .send()
        .await
        .unwrap();
    let log: Value = http()
        .get(format!("{}/_sim/requests", sim.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log["total"], 4, "token + 3 listings: {log}");
    assert_eq!(
        log["by_path"][format!("GET /api/v1/facilities/{FACILITY}/units")],
        3
    );
    assert_eq!(log["entries"][1]["query"], "limit=200");
    http()
        .delete(format!("{}/_sim/requests", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(sim.request_count("GET", "/**"), 0);
}

#[tokio::test]
async fn reset_brings_back_the_fixture() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    api.book(&api.available_unit(MEDIUM).await, json!({})).await;
    sim.arm(Fault::status(500)).unwrap();
    let response = http()
        .post(format!("{}/_sim/reset", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(sim.bookings().is_empty());
    assert!(sim.tokens().is_empty());
    assert!(sim.harness().faults.armed().is_empty());
    let availability = sim.availability(FACILITY).unwrap();
    assert_eq!(availability.iter().map(|t| t.available).sum::<usize>(), 209);
}
