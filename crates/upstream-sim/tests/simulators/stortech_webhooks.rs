//! Stortech's webhooks: registration, signed deliveries of what happened
//! (bookings, the desk's changes), retries, and the delivery faults.

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use upstream_sim::stortech::{self, DeliveryFault, UnitStatus};

use crate::common::*;

const SECRET: &str = "whsec_test_secret";

/// The reference's `verifyWebhookSignature`, in Rust.
fn verify(raw: &[u8], signature: &str, secret: &str) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(raw);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    expected == signature
}

#[tokio::test]
async fn registration_answers_as_the_reference_and_a_second_one_replaces_the_first() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let receiver = Receiver::start().await;
    let hook = register(&api, &receiver, SECRET).await;
    assert!(hook["id"].as_str().unwrap().starts_with("hook_"));
    assert_eq!(hook["status"], "active");
    assert_eq!(hook["url"], receiver.url.as_str());
    assert!(
        hook.get("secret").is_none(),
        "the secret is never served back"
    );
    let again = api
        .post(
            "/api/v1/webhooks",
            json!({"url": receiver.url, "events": ["booking.created"], "secret": "rotated"}),
        )
        .await;
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], hook["id"]);
    assert_eq!(sim.webhooks().len(), 1);
    assert_eq!(sim.webhooks()[0].events, ["booking.created"]);

    let bad = api
        .post(
            "/api/v1/webhooks",
            json!({"url": "ftp://x", "events": ["booking.exploded"]}),
        )
        .await;
    assert_eq!(bad.status(), 422);
    let error: Value = bad.json().await.unwrap();
    let fields: Vec<&str> = error["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["url", "events[0]", "secret"]);
}

#[tokio::test]
async fn a_booking_is_delivered_signed_with_the_hooks_secret() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let receiver = Receiver::start().await;
    register(&api, &receiver, SECRET).await;
    let unit = api.available_unit(MEDIUM).await;
    let booking: Value = api.book(&unit, json!({})).await.json().await.unwrap();

    let received = receiver.wait_for(2).await;
    for delivery in &received {
        let signature = delivery.signature.as_deref().unwrap();
        assert_eq!(signature.len(), 64);
        assert!(verify(&delivery.raw, signature, SECRET), "{signature}");
        assert!(!verify(&delivery.raw, signature, "another secret"));
        assert_eq!(delivery.body["facility_id"], FACILITY);
        assert!(delivery.body["timestamp"].as_str().unwrap().ends_with('Z'));
    }
    assert_eq!(
        received[0].body["event"], "booking.created",
        "in the order they happened"
    );
    let data = &received[0].body["data"]["booking"];
    assert_eq!(data["id"], booking["id"]);
    assert_eq!(data["unit_id"], unit.as_str());
    assert_eq!(data["customer_id"], CUSTOMER);
    assert_eq!(data["move_in_date"], "2030-09-01");
    assert_eq!(data["monthly_rate"], 150);
    assert_eq!(data["status"], "pending");
    assert_eq!(received[1].body["event"], "unit.status_changed");
    let changed = &received[1].body["data"]["unit"];
    assert_eq!(changed["id"], unit.as_str());
    assert_eq!(changed["status"], "reserved");
    assert_eq!(changed["previous_status"], "available");
    assert_eq!(changed["unit_type_id"], MEDIUM);

    // The desk confirms it, then cancels it: the unit is free again.
    let id = booking["id"].as_str().unwrap();
    let control = http();
    let confirmed = control
        .post(format!("{}/_sim/bookings/{id}/confirm", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
    let cancelled = control
        .post(format!("{}/_sim/bookings/{id}/cancel", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 200);
    let received = receiver.wait_for(5).await;
    let events: Vec<&str> = received[2..]
        .iter()
        .map(|r| r.body["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "booking.confirmed",
            "booking.cancelled",
            "unit.status_changed"
        ]
    );
    assert_eq!(received[4].body["data"]["unit"]["status"], "available");
    let john = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/customers?search=john.smith%40example.com"
        ))
        .await;
    assert_eq!(
        john["data"][0]["active_rentals"].as_array().unwrap().len(),
        1,
        "only A101 left"
    );
    let confirm_cancelled = control
        .post(format!("{}/_sim/bookings/{id}/confirm", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(confirm_cancelled.status(), 409);
}

#[tokio::test]
async fn the_desk_taking_a_unit_changes_it_and_says_so() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let receiver = Receiver::start().await;
    register(&api, &receiver, SECRET).await;
    let unit = api.available_unit(LOCKER).await;
    let response = http()
        .post(format!("{}/_sim/units/{unit}/status", sim.url()))
        .json(&json!({"status": "occupied"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].body["event"], "unit.status_changed");
    assert_eq!(received[0].body["data"]["unit"]["id"], unit.as_str());
    assert_eq!(received[0].body["data"]["unit"]["status"], "occupied");
    assert_eq!(api.book(&unit, json!({})).await.status(), 409);

    // Taking by type, through the control API.
    let taken: Value = http()
        .post(format!(
            "{}/_sim/facilities/{FACILITY}/unit-types/{LOCKER}/take",
            sim.url()
        ))
        .json(&json!({"count": 5}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        taken.as_array().unwrap().len(),
        1,
        "only one locker was left"
    );
    let lockers = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/units?status=available&unit_type_id={LOCKER}"
        ))
        .await;
    assert_eq!(lockers["pagination"]["total_count"], 0, "sold out");
    receiver.wait_for(2).await;
}

#[tokio::test]
async fn the_desk_can_take_the_unit_just_before_a_booking_arrives() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let receiver = Receiver::start().await;
    register(&api, &receiver, SECRET).await;
    let unit = api.available_unit(MEDIUM).await;
    let armed = http()
        .post(format!("{}/_sim/desk/take-on-next-booking", sim.url()))
        .json(&json!({"count": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(armed.status(), 200);
    let response = api.book(&unit, json!({})).await;
    assert_eq!(response.status(), 409, "taken meanwhile");
    let error: Value = response.json().await.unwrap();
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("occupied"));
    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].body["data"]["unit"]["id"], unit.as_str());
    assert!(sim.bookings().is_empty());
    let next = api.available_unit(MEDIUM).await;
    assert_ne!(next, unit);
    assert_eq!(api.book(&next, json!({})).await.status(), 201, "once only");
}

#[tokio::test]
async fn a_delivery_can_come_twice_out_of_order_or_not_at_all() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let receiver = Receiver::start().await;
    register(&api, &receiver, SECRET).await;
    let [a, b, c, d]: [String; 4] = sim
        .units(Some(FACILITY))
        .into_iter()
        .filter(|u| u.unit_type_id == SMALL && u.status == UnitStatus::Available)
        .take(4)
        .map(|u| u.id)
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();

    sim.arm_delivery_fault(DeliveryFault::Duplicate { count: 1 });
    sim.set_unit_status(&a, UnitStatus::Occupied).unwrap();
    let received = receiver.wait_for(2).await;
    assert_eq!(received[0].raw, received[1].raw, "the same delivery twice");
    assert_eq!(received[0].signature, received[1].signature);

    let fault = http()
        .post(format!("{}/_sim/webhook-faults", sim.url()))
        .json(&json!({"mode": "reorder"}))
        .send()
        .await
        .unwrap();
    assert_eq!(fault.status(), 204);
    sim.set_unit_status(&b, UnitStatus::Occupied).unwrap();
    sim.set_unit_status(&c, UnitStatus::Occupied).unwrap();
    let received = receiver.wait_for(4).await;
    assert_eq!(
        received[2].body["data"]["unit"]["id"],
        c.as_str(),
        "the later change first"
    );
    assert_eq!(received[3].body["data"]["unit"]["id"], b.as_str());

    sim.arm_delivery_fault(DeliveryFault::Skip { count: 1 });
    sim.set_unit_status(&d, UnitStatus::Occupied).unwrap();
    sim.set_unit_status(&d, UnitStatus::Available).unwrap();
    let received = receiver.wait_for(5).await;
    assert_eq!(
        received[4].body["data"]["unit"]["status"], "available",
        "the first was lost"
    );
    let states: Vec<_> = sim.deliveries().iter().map(|d| d.state).collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == stortech::webhooks::DeliveryState::Skipped)
            .count(),
        1
    );

    let replayed: Value = http()
        .post(format!("{}/_sim/deliveries/dlv_1/replay", sim.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(replayed["id"], "dlv_6");
    let received = receiver.wait_for(6).await;
    assert_eq!(
        received[5].raw, received[0].raw,
        "a replay is byte for byte"
    );
}

#[tokio::test]
async fn a_failing_receiver_is_retried_and_a_foreign_url_is_never_called() {
    let sim = stortech::spawn(stortech::Config {
        webhook_retry_delay: Duration::from_millis(20),
        signature_prefix: true,
        ..stortech::Config::default()
    })
    .await
    .unwrap();
    let api = Api::new(&sim.url()).await;
    let receiver = Receiver::start().await;
    register(&api, &receiver, SECRET).await;
    receiver.fail_next(2);
    let unit = api.available_unit(SMALL).await;
    sim.set_unit_status(&unit, UnitStatus::Maintenance).unwrap();
    let received = receiver.wait_for(1).await;
    let signature = received[0].signature.as_deref().unwrap();
    let hex = signature.strip_prefix("sha256=").unwrap();
    assert!(verify(&received[0].raw, hex, SECRET));
    let delivery = &sim.deliveries()[0];
    let statuses: Vec<Option<u16>> = delivery.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(200)]);

    api.post(
        "/api/v1/webhooks",
        json!({"url": "https://your-app.com/webhooks/stortech", "events": ["unit.status_changed"], "secret": "s"}),
    )
    .await;
    sim.set_unit_status(&unit, UnitStatus::Available).unwrap();
    receiver.wait_for(2).await;
    for _ in 0..100 {
        let deliveries = sim.deliveries();
        if let Some(foreign) = deliveries
            .iter()
            .find(|d| d.url.starts_with("https://your-app.com"))
        {
            if foreign.state != stortech::webhooks::DeliveryState::Queued {
                assert_eq!(foreign.state, stortech::webhooks::DeliveryState::Refused);
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "the foreign delivery was not settled: {:?}",
        sim.deliveries()
    );
}
