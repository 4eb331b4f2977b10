//! The last unit goes to exactly one of 200 concurrent requests, round after
//! round, on SQLite and PostgreSQL; availability never goes below 0.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use common::*;
use serde_json::{json, Value};
use tokio::sync::Barrier;

const ROUNDS: usize = 10;
const CLIENTS: usize = 200;

/// The seed plus one single-unit variant per round.
fn race_catalogue() -> Value {
    let mut catalogue = seed();
    let variants = catalogue["properties"][0]["storages"][0]["sizes"][0]["categories"][0]
        ["variants"]
        .as_array_mut()
        .unwrap();
    for round in 0..ROUNDS {
        variants.push(json!({
            "id": format!("race-{round}"),
            "book": {"monthlyPrice": "32.50", "taxes": [{"name": "VAT", "rate": "20"}], "priceIncludesTax": true},
            "availableForRent": 0,
            "availableForBook": 1
        }));
    }
    catalogue
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn exactly_one_booking_per_last_unit() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        import(&db, &race_catalogue());
        let server = Server::start(&db, UNLIMITED);
        let http = client();
        let due = due(&server, &http, &selection(SIZE_4M, "race-0", "BOOK")).await;
        for round in 0..ROUNDS {
            let price = format!("race-{round}");
            let body = Arc::new(booking_body(&selection(SIZE_4M, &price, "BOOK"), &due));
            let barrier = Arc::new(Barrier::new(CLIENTS));
            let url = Arc::new(server.url("/v1/bookings"));
            let mut tasks = Vec::with_capacity(CLIENTS);
            for i in 0..CLIENTS {
                let (http, body, barrier, url) =
                    (http.clone(), body.clone(), barrier.clone(), url.clone());
                tasks.push(tokio::spawn(async move {
                    barrier.wait().await;
                    let key = format!("race-{round}-{i}");
                    post(&http, &url, &body, Some(&key)).await
                }));
            }
            let mut created = 0;
            for task in tasks {
                let (status, body) = task.await.unwrap();
                match status {
                    201 => created += 1,
                    409 => assert_eq!(body["status"], "SOLD_OUT"),
                    other => panic!("{backend:?} round {round}: unexpected {other}: {body}"),
                }
            }
            assert_eq!(created, 1, "{backend:?} round {round}");
            let booked = db
                .scalar(&format!(
                    "SELECT COUNT(*) FROM bookings WHERE price_id = '{price}'"
                ))
                .await;
            assert_eq!(booked, 1, "{backend:?} round {round}");
            assert_eq!(available(&server, &http, &price, "BOOK").await, 0);
        }
        assert!(db.scalar("SELECT MIN(available) FROM stock").await >= 0);
        eprintln!("{backend:?}: {ROUNDS} rounds of {CLIENTS} clients, one booking each");
    }
}

/// Two instances on one database: the database alone decides, for the last
/// unit and for an idempotency key sent to both at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_one_database() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        import(&db, &race_catalogue());
        let servers = [Server::start(&db, UNLIMITED), Server::start(&db, UNLIMITED)];
        let http = client();
        let due = due(&servers[0], &http, &selection(SIZE_4M, "race-0", "BOOK")).await;
        for round in 0..5 {
            let price = format!("race-{round}");
            let body = Arc::new(booking_body(&selection(SIZE_4M, &price, "BOOK"), &due));
            let barrier = Arc::new(Barrier::new(CLIENTS));
            let mut tasks = Vec::with_capacity(CLIENTS);
            for i in 0..CLIENTS {
                let url = servers[i % 2].url("/v1/bookings");
                // Half the clients share one key per pair of instances.
                let key = if i % 4 < 2 {
                    format!("shared-{round}-{}", i / 4)
                } else {
                    format!("own-{round}-{i}")
                };
                let (http, body, barrier) = (http.clone(), body.clone(), barrier.clone());
                tasks.push(tokio::spawn(async move {
                    barrier.wait().await;
                    post(&http, &url, &body, Some(&key)).await
                }));
            }
            let mut ids = std::collections::HashSet::new();
            for task in tasks {
                let (status, body) = task.await.unwrap();
                match (status, body["status"].as_str().unwrap_or("")) {
                    (201, _) => {
                        ids.insert(body["data"]["id"].as_str().unwrap().to_owned());
                    }
                    (409, "SOLD_OUT" | "REQUEST_IN_PROGRESS") => {}
                    _ => panic!("{backend:?} round {round}: unexpected {status}: {body}"),
                }
            }
            assert_eq!(
                ids.len(),
                1,
                "{backend:?} round {round}: one booking, however many 201 replays"
            );
            let booked = db
                .scalar(&format!(
                    "SELECT COUNT(*) FROM bookings WHERE price_id = '{price}'"
                ))
                .await;
            assert_eq!(booked, 1, "{backend:?} round {round}");
        }
        assert!(db.scalar("SELECT MIN(available) FROM stock").await >= 0);
    }
}
