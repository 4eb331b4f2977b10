//! `booking.created` reaches the operator's URL, signed per Standard
//! Webhooks v1, retried until accepted, with one id however many attempts
//! and across a kill -9.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post as route_post;
use axum::Router;
use base64::Engine;
use common::*;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

#[derive(Clone, Default)]
struct Receiver {
    calls: Arc<Mutex<Vec<(HeaderMap, String, u16)>>>,
    accept: Arc<AtomicBool>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let status = if receiver.accept.load(Ordering::SeqCst) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    receiver
        .calls
        .lock()
        .unwrap()
        .push((headers, body, status.as_u16()));
    status
}

async fn start_receiver() -> (Receiver, String) {
    let receiver = Receiver::default();
    let app = Router::new()
        .route("/hooks", route_post(receive))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (receiver, url)
}

fn verify(headers: &HeaderMap, body: &str) -> String {
    let id = headers["webhook-id"].to_str().unwrap();
    let timestamp: i64 = headers["webhook-timestamp"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((chrono::Utc::now().timestamp() - timestamp).abs() < 60);
    let key = base64::engine::general_purpose::STANDARD
        .decode(SECRET.trim_start_matches("whsec_"))
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    let expected = format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    );
    let signatures = headers["webhook-signature"].to_str().unwrap();
    assert!(
        signatures.split(' ').any(|s| s == expected),
        "bad signature {signatures}"
    );
    id.to_owned()
}

async fn wait_for(receiver: &Receiver, what: impl Fn(&[(HeaderMap, String, u16)]) -> bool) {
    let start = Instant::now();
    while !what(&receiver.calls.lock().unwrap()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "webhook never arrived"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn catalogue_with_webhook(url: &str) -> Value {
    let mut catalogue = seed();
    catalogue["publishableKeys"][0]["webhookUrl"] = json!(url);
    catalogue["publishableKeys"][0]["webhookSecret"] = json!(SECRET);
    catalogue
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booking_created_is_signed_retried_and_never_lost() {
    for backend in backends() {
        let (receiver, url) = start_receiver().await;
        let db = TestDb::new(backend).await;
        import(&db, &catalogue_with_webhook(&url));
        let mut server = Server::start(&db, UNLIMITED);
        let http = client();
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let body = booking_body(&sel, &due(&server, &http, &sel).await);

        // The endpoint fails, then the server dies, then the endpoint heals.
        let (status, booked) =
            post(&http, &server.url("/v1/bookings"), &body, Some("hook-1")).await;
        assert_eq!(status, 201);
        let booking_id = booked["data"]["id"].as_str().unwrap().to_owned();
        wait_for(&receiver, |calls| calls.len() >= 2).await;
        // Let the failed attempt be recorded: a claim lost to the kill would
        // only come back after its 60 s lease.
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.kill9();
        receiver.accept.store(true, Ordering::SeqCst);
        let _server = Server::start(&db, UNLIMITED);
        wait_for(&receiver, |calls| calls.iter().any(|c| c.2 == 204)).await;

        let calls = receiver.calls.lock().unwrap().clone();
        let mut ids = std::collections::HashSet::new();
        for (headers, body, _) in &calls {
            ids.insert(verify(headers, body));
            let event: Value = serde_json::from_str(body).unwrap();
            assert_eq!(event["type"], "booking.created");
            assert_eq!(event["data"]["booking"]["id"], booking_id.as_str());
            assert_eq!(event["data"]["tenant"]["email"], "giada.rossi@example.fr");
        }
        assert_eq!(
            ids.len(),
            1,
            "{backend:?}: one event, one webhook-id, {} attempts",
            calls.len()
        );
        let start = Instant::now();
        while db
            .scalar("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL")
            .await
            != 1
        {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "delivery not recorded"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Delivered once: no attempt after the accepted one.
        tokio::time::sleep(Duration::from_millis(800)).await;
        let accepted = receiver
            .calls
            .lock()
            .unwrap()
            .iter()
            .filter(|c| c.2 == 204)
            .count();
        assert_eq!(accepted, 1, "{backend:?}");
    }
}
