//! kill -9: a 201 is on disk, and a burst of retries with one key across a
//! crash makes exactly one booking.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_201_survives_kill_9() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let mut server = Server::start(&db, UNLIMITED);
        let http = client();
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let body = booking_body(&sel, &due(&server, &http, &sel).await);
        let url = server.url("/v1/bookings");
        let mut tasks = Vec::new();
        for i in 0..8 {
            let (http, body, url) = (http.clone(), body.clone(), url.clone());
            tasks.push(tokio::spawn(async move {
                post(&http, &url, &body, Some(&format!("k9-{i}"))).await
            }));
        }
        let mut ids = Vec::new();
        for task in tasks {
            let (status, body) = task.await.unwrap();
            assert_eq!(status, 201, "{body}");
            ids.push(body["data"]["id"].as_str().unwrap().to_owned());
        }
        // No graceful shutdown: the answers above are all the server promised.
        server.kill9();
        let server = Server::start(&db, UNLIMITED);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 8);
        for id in &ids {
            let (status, _) = get(
                &http,
                &server.url(&format!("/v1/booking/{id}/activity-quotation/preview")),
            )
            .await;
            assert_eq!(status, 200, "{backend:?}: booking {id} lost");
        }
        assert_eq!(available(&server, &http, PRICE_8M, "RENT").await, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_retries_across_kill_9_books_once() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let mut server = Server::start(&db, UNLIMITED);
        let port = server.port;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let body = Arc::new(booking_body(&sel, &due(&server, &http, &sel).await));
        let url = Arc::new(server.url("/v1/bookings"));
        let stop = Arc::new(AtomicBool::new(false));
        let answers: Arc<Mutex<Vec<(u16, Value)>>> = Arc::default();
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (http, body, url, stop, answers) = (
                http.clone(),
                body.clone(),
                url.clone(),
                stop.clone(),
                answers.clone(),
            );
            tasks.push(tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let sent = http
                        .post(url.as_str())
                        .header("X-API-Key", KEY)
                        .header("Idempotency-Key", "one-key")
                        .json(&*body)
                        .send()
                        .await;
                    match sent {
                        Ok(r) => {
                            let status = r.status().as_u16();
                            let value = r.json().await.unwrap_or(Value::Null);
                            answers.lock().unwrap().push((status, value));
                        }
                        Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        server.kill9();
        let killed_after = answers.lock().unwrap().len();
        let server = Server::start_on(&db, &format!("127.0.0.1:{port}"), UNLIMITED);
        tokio::time::sleep(Duration::from_millis(400)).await;
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await.unwrap();
        }
        let answers = answers.lock().unwrap().clone();
        assert!(answers.len() > killed_after, "no answer after the restart");
        let mut ids = std::collections::HashSet::new();
        for (status, body) in answers.iter() {
            match status {
                201 => {
                    ids.insert(body["data"]["id"].as_str().unwrap().to_owned());
                }
                409 => assert_eq!(body["status"], "REQUEST_IN_PROGRESS"),
                other => panic!("{backend:?}: unexpected {other}: {body}"),
            }
        }
        assert_eq!(ids.len(), 1, "{backend:?}: every 201 is the same booking");
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM bookings").await,
            1,
            "{backend:?}"
        );
        assert_eq!(available(&server, &http, PRICE_8M, "RENT").await, 7);
        eprintln!(
            "{backend:?}: {} answers, {killed_after} before kill -9, one booking",
            answers.len()
        );
    }
}
