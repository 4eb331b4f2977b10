//! The operator's API against the real binary: secret keys made by
//! `booking-api keys`, bookings listed, filtered, paged and exported,
//! cancellations that free the unit and reach the webhook once, payments,
//! the waiting list, the catalogue replaced, and the keys that must not
//! open it.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post as route_post;
use axum::Router;
use common::*;
use serde_json::{json, Value};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// Webhook bodies received, in order.
#[derive(Clone, Default)]
struct Receiver(Arc<Mutex<Vec<Value>>>);

async fn receive(State(receiver): State<Receiver>, body: String) -> StatusCode {
    receiver
        .0
        .lock()
        .unwrap()
        .push(serde_json::from_str(&body).unwrap_or(Value::Null));
    StatusCode::NO_CONTENT
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

/// `booking-api keys ARGS --database URL`: its stdout, or a panic.
fn keys(db: &TestDb, args: &[&str]) -> String {
    let out = Command::new(binary())
        .arg("keys")
        .args(args)
        .args(["--database", &db.url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "keys {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new secret key and its id (from `keys list`, the newest line).
fn new_key(db: &TestDb, label: &str) -> (String, String) {
    let key = keys(db, &["create", "--label", label]).trim().to_owned();
    let list = keys(db, &["list"]);
    let line = list
        .lines()
        .find(|l| l.ends_with(&format!("\t{label}")))
        .unwrap();
    (key, line.split('\t').next().unwrap().to_owned())
}

fn tomorrow() -> String {
    let today = chrono::NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap();
    (today + chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string()
}

struct Admin<'a> {
    http: &'a reqwest::Client,
    server: &'a Server,
    key: String,
}

impl Admin<'_> {
    async fn send(&self, req: reqwest::RequestBuilder) -> (u16, Value) {
        let r = req.bearer_auth(&self.key).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.http.get(self.server.url(path))).await
    }

    async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(self.http.post(self.server.url(path)).json(body))
            .await
    }
}

async fn book(server: &Server, http: &reqwest::Client, sel: &Value, idem: &str) -> (u16, Value) {
    let body = booking_body(sel, &due(server, http, sel).await);
    post(http, &server.url("/v1/bookings"), &body, Some(idem)).await
}

fn field_codes(body: &Value) -> Vec<(String, String)> {
    fields(body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_lists_cancels_and_records_payments() {
    for backend in backends() {
        let (receiver, hook_url) = start_receiver().await;
        let db = TestDb::new(backend).await;
        let mut catalogue = seed();
        catalogue["publishableKeys"][0]["webhookUrl"] = json!(hook_url);
        catalogue["publishableKeys"][0]["webhookSecret"] = json!(SECRET);
        import(&db, &catalogue);
        let (key, key_id) = new_key(&db, "back office");
        assert!(key.starts_with("sk_") && key.len() >= 3 + 43, "{key}");
        assert!(key_id.starts_with("key_"));
        assert!(
            !keys(&db, &["list"]).contains(&key),
            "the list shows the key"
        );
        let server = Server::start(&db, UNLIMITED);
        let http = client();
        let admin = Admin {
            http: &http,
            server: &server,
            key: key.clone(),
        };

        // A rental today, and the last unit of a reservation tomorrow.
        let rent = selection(SIZE_8M, PRICE_8M, "RENT");
        let (status, rented) = book(&server, &http, &rent, "a").await;
        assert_eq!(status, 201, "{rented}");
        let rented_id = rented["data"]["id"].as_str().unwrap().to_owned();
        let mut reserve = selection(SIZE_4M, PRICE_4M_PROMO, "BOOK");
        reserve["moveInDate"] = json!(tomorrow());
        let (status, reserved) = book(&server, &http, &reserve, "b").await;
        assert_eq!(status, 201, "{reserved}");
        let reserved_id = reserved["data"]["id"].as_str().unwrap().to_owned();
        let (status, sold) = book(&server, &http, &reserve, "c").await;
        assert_eq!((status, &sold["status"]), (409, &json!("SOLD_OUT")));

        // The list: newest first, paged, filtered.
        let (status, list) = admin.get("/admin/v1/bookings").await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["status"], "SUCCESS");
        let page = &list["data"];
        assert_eq!(
            (
                &page["totalCount"],
                &page["totalPages"],
                &page["page"],
                &page["pageSize"]
            ),
            (&json!(2), &json!(1), &json!(1), &json!(20))
        );
        let items = page["items"].as_array().unwrap();
        assert_eq!(items[0]["id"], reserved_id.as_str());
        assert_eq!(items[1]["id"], rented_id.as_str());
        assert_eq!(items[1]["status"], "CONFIRMED");
        assert_eq!(items[1]["tenant"]["email"], "giada.rossi@example.fr");
        assert_eq!(items[1]["paid"], "0.00");
        assert_eq!(items[1]["moveInInvoiceSettled"], false);
        assert_eq!(
            items[1]["dueAtMoveIn"],
            rented["data"]["quote"]["dueAtMoveIn"]
        );

        let (_, second) = admin.get("/admin/v1/bookings?page=2&pageSize=1").await;
        assert_eq!(second["data"]["totalPages"], 2);
        assert_eq!(second["data"]["items"][0]["id"], rented_id.as_str());
        let ids = |body: &Value| -> Vec<String> {
            body["data"]["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["id"].as_str().unwrap().to_owned())
                .collect()
        };
        let (_, only) = admin.get("/admin/v1/bookings?status=RESERVED").await;
        assert_eq!(ids(&only), vec![reserved_id.clone()]);
        let (_, only) = admin
            .get(&format!("/admin/v1/bookings?from={}", tomorrow()))
            .await;
        assert_eq!(ids(&only), vec![reserved_id.clone()]);
        let (_, only) = admin
            .get(&format!("/admin/v1/bookings?to={}", today()))
            .await;
        assert_eq!(ids(&only), vec![rented_id.clone()]);
        let (_, both) = admin
            .get(&format!(
                "/admin/v1/bookings?propertyInfoId={PROPERTY}&from={}&to={}",
                today(),
                tomorrow()
            ))
            .await;
        assert_eq!(both["data"]["totalCount"], 2);
        let (_, none) = admin.get("/admin/v1/bookings?propertyInfoId=other").await;
        assert_eq!(none["data"]["totalCount"], 0);
        for (query, field) in [
            ("pageSize=101", "pageSize"),
            ("pageSize=0", "pageSize"),
            ("page=0", "page"),
            ("page=x", "page"),
            ("status=confirmed", "status"),
            ("from=2025-13-01", "from"),
            ("to=2025-1-5", "to"),
            ("from=2025-02-02&to=2025-02-01", "from"),
            ("pagesize=5", "pagesize"),
            ("page=1&page=2", "page"),
        ] {
            let (status, body) = admin.get(&format!("/admin/v1/bookings?{query}")).await;
            assert_eq!(status, 400, "{query}: {body}");
            assert_eq!(body["status"], "BAD_REQUEST", "{query}");
            assert_eq!(fields(&body)[0].0, field, "{query}");
        }

        // The same list as CSV.
        let r = http
            .get(server.url("/admin/v1/bookings"))
            .bearer_auth(&key)
            .header("Accept", "text/csv")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        assert_eq!(r.headers()["x-total-count"], "2");
        let text = r.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][column("id")], reserved_id.as_str());
        assert_eq!(&rows[0][column("status")], "RESERVED");
        assert_eq!(&rows[0][column("moveInDate")], tomorrow().as_str());
        assert_eq!(&rows[1][column("tenantEmail")], "giada.rossi@example.fr");
        assert_eq!(&rows[1][column("paid")], "0.00");
        for name in ["transactId", "priceId", "mode", "dueAtMoveIn", "createdAt"] {
            assert!(!rows[1][column(name)].is_empty(), "{name}");
        }
        // A phone number starting with + would be a formula to a spreadsheet.
        assert_eq!(&rows[1][column("tenantPhoneNumber")], "'+33 111120000");

        // One booking; an unknown one.
        let (status, one) = admin.get(&format!("/admin/v1/bookings/{rented_id}")).await;
        assert_eq!((status, &one["data"]["id"]), (200, &json!(rented_id)));
        let (status, missing) = admin.get("/admin/v1/bookings/nope").await;
        assert_eq!(
            (status, &missing["status"]),
            (404, &json!("NO_RECORDS_FOUND"))
        );

        // Cancelling frees the unit: the listing shows it, and it can be booked again.
        assert_eq!(available(&server, &http, PRICE_4M_PROMO, "BOOK").await, 0);
        let (status, cancelled) = admin
            .post(
                &format!("/admin/v1/bookings/{reserved_id}/cancel"),
                &json!({}),
            )
            .await;
        assert_eq!(status, 200, "{cancelled}");
        assert_eq!(cancelled["data"]["status"], "CANCELLED");
        let cancelled_at = cancelled["data"]["cancelledAt"].clone();
        assert!(cancelled_at.is_string());
        assert_eq!(available(&server, &http, PRICE_4M_PROMO, "BOOK").await, 1);
        // Twice is harmless: the same booking, no second unit, no second event.
        let (status, again) = admin
            .post(
                &format!("/admin/v1/bookings/{reserved_id}/cancel"),
                &json!({}),
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(again["data"]["cancelledAt"], cancelled_at);
        assert_eq!(available(&server, &http, PRICE_4M_PROMO, "BOOK").await, 1);
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM outbox WHERE event_type = 'booking.cancelled'")
                .await,
            1
        );
        let (status, rebooked) = book(&server, &http, &reserve, "d").await;
        assert_eq!(status, 201, "the freed unit can be booked: {rebooked}");
        assert_eq!(available(&server, &http, PRICE_4M_PROMO, "BOOK").await, 0);
        let (_, cancelled_only) = admin.get("/admin/v1/bookings?status=CANCELLED").await;
        assert_eq!(ids(&cancelled_only), vec![reserved_id.clone()]);
        let (status, _) = admin
            .post("/admin/v1/bookings/nope/cancel", &json!({}))
            .await;
        assert_eq!(status, 404);

        // The webhook hears it once, with the booking and its tenant.
        let start = Instant::now();
        let event = loop {
            let found = receiver
                .0
                .lock()
                .unwrap()
                .iter()
                .find(|e| e["type"] == "booking.cancelled")
                .cloned();
            if let Some(event) = found {
                break event;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no booking.cancelled"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert_eq!(event["data"]["booking"]["id"], reserved_id.as_str());
        assert_eq!(event["data"]["booking"]["status"], "CANCELLED");
        assert_eq!(event["data"]["tenant"]["email"], "giada.rossi@example.fr");
        assert!(event["timestamp"].is_string());

        // Payments: part, then the rest; never more than is due.
        let due_text = rented["data"]["quote"]["dueAtMoveIn"]
            .as_str()
            .unwrap()
            .to_owned();
        let due: rust_decimal::Decimal = due_text.parse().unwrap();
        let part = rust_decimal::Decimal::new(1000, 2);
        let rest = due - part;
        let pay = format!("/admin/v1/bookings/{rented_id}/payments");
        let (status, paid) = admin
            .post(
                &pay,
                &json!({"amount": "10.00", "method": "CASH", "reference": "receipt 12"}),
            )
            .await;
        assert_eq!(status, 201, "{paid}");
        assert_eq!(paid["data"]["payment"]["amount"], "10.00");
        assert_eq!(paid["data"]["payment"]["keyId"], key_id.as_str());
        assert_eq!(paid["data"]["booking"]["paid"], "10.00");
        assert_eq!(paid["data"]["booking"]["outstanding"], rest.to_string());
        assert_eq!(paid["data"]["booking"]["moveInInvoiceSettled"], false);
        let too_much = (rest + rust_decimal::Decimal::new(1, 2)).to_string();
        for (body, field, code) in [
            (
                json!({"amount": too_much, "method": "CARD"}),
                "amount",
                "OUT_OF_RANGE",
            ),
            (
                json!({"amount": "0", "method": "CARD"}),
                "amount",
                "OUT_OF_RANGE",
            ),
            (
                json!({"amount": "1.005", "method": "CARD"}),
                "amount",
                "INVALID_VALUE",
            ),
            (
                json!({"amount": "-1", "method": "CARD"}),
                "amount",
                "INVALID_VALUE",
            ),
            (
                json!({"amount": 5, "method": "CARD"}),
                "amount",
                "INVALID_VALUE",
            ),
            (
                json!({"amount": "1.00", "method": "BITCOIN"}),
                "method",
                "INVALID_VALUE",
            ),
            (json!({"method": "CARD"}), "amount", "REQUIRED"),
            (
                json!({"amount": "1.00", "method": "CARD", "reference": "x".repeat(101)}),
                "reference",
                "TOO_LONG",
            ),
        ] {
            let (status, refused) = admin.post(&pay, &body).await;
            assert_eq!(status, 422, "{body}: {refused}");
            assert_eq!(
                field_codes(&refused),
                vec![(field.to_owned(), code.to_owned())],
                "{body}"
            );
        }
        let (status, settled) = admin
            .post(
                &pay,
                &json!({"amount": rest.to_string(), "method": "TRANSFER", "reference": null}),
            )
            .await;
        assert_eq!(status, 201, "{settled}");
        assert_eq!(settled["data"]["booking"]["paid"], due_text.as_str());
        assert_eq!(settled["data"]["booking"]["outstanding"], "0.00");
        assert_eq!(settled["data"]["booking"]["moveInInvoiceSettled"], true);
        let (status, _) = admin
            .post(&pay, &json!({"amount": "0.01", "method": "CASH"}))
            .await;
        assert_eq!(status, 422, "a settled invoice takes no more");
        let (_, shown) = admin.get(&format!("/admin/v1/bookings/{rented_id}")).await;
        assert_eq!(shown["data"]["payments"].as_array().unwrap().len(), 2);
        assert_eq!(shown["data"]["moveInInvoiceSettled"], true);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM payments").await, 2);
        let (status, refused) = admin
            .post(
                &format!("/admin/v1/bookings/{reserved_id}/payments"),
                &json!({"amount": "1.00", "method": "CASH"}),
            )
            .await;
        assert_eq!(status, 422, "a cancelled booking owes nothing: {refused}");
        let (status, _) = admin
            .post(
                "/admin/v1/bookings/nope/payments",
                &json!({"amount": "1.00", "method": "CASH"}),
            )
            .await;
        assert_eq!(status, 404);

        // Concurrent cancellations of one booking: one frees the unit and
        // writes the event, the others answer the same cancelled booking.
        let (status, raced) =
            book(&server, &http, &selection(SIZE_4M, PRICE_4M, "RENT"), "e").await;
        assert_eq!(status, 201, "{raced}");
        let raced_id = raced["data"]["id"].as_str().unwrap().to_owned();
        let free = available(&server, &http, PRICE_4M, "RENT").await;
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (http, key) = (http.clone(), key.clone());
            let url = server.url(&format!("/admin/v1/bookings/{raced_id}/cancel"));
            calls.spawn(async move {
                let r = http.post(url).bearer_auth(key).send().await.unwrap();
                let status = r.status().as_u16();
                (status, r.json::<Value>().await.unwrap())
            });
        }
        let answers: Vec<(u16, Value)> = calls.join_all().await;
        assert!(
            answers
                .iter()
                .all(|(s, b)| *s == 200 && b["data"]["status"] == "CANCELLED"),
            "{backend:?}: {answers:?}"
        );
        let dates: std::collections::HashSet<String> = answers
            .iter()
            .map(|(_, b)| b["data"]["cancelledAt"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(dates.len(), 1, "{dates:?}");
        assert_eq!(available(&server, &http, PRICE_4M, "RENT").await, free + 1);
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM outbox WHERE event_type = 'booking.cancelled'")
                .await,
            2
        );

        // Concurrent payments of the whole amount: exactly one is recorded.
        let (status, owing) = book(&server, &http, &rent, "f").await;
        assert_eq!(status, 201, "{owing}");
        let owing_id = owing["data"]["id"].as_str().unwrap().to_owned();
        let whole = owing["data"]["quote"]["dueAtMoveIn"].clone();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..6 {
            let (http, key) = (http.clone(), key.clone());
            let url = server.url(&format!("/admin/v1/bookings/{owing_id}/payments"));
            let body = json!({"amount": whole, "method": "CARD"});
            calls.spawn(async move {
                let r = http
                    .post(url)
                    .bearer_auth(key)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                r.status().as_u16()
            });
        }
        let mut statuses = calls.join_all().await;
        statuses.sort_unstable();
        assert_eq!(statuses, vec![201, 422, 422, 422, 422, 422], "{backend:?}");

        // The waiting list.
        let mut waiting = selection(SIZE_4M, PRICE_4M_PROMO, "BOOK");
        waiting["contact"] =
            json!({"firstName": "Ada", "lastName": "Byron", "email": "ada@example.fr"});
        let (status, _) = post(&http, &server.url("/v1/waiting-list"), &waiting, None).await;
        assert_eq!(status, 201);
        let (status, list) = admin.get("/admin/v1/waiting-list").await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["data"]["totalCount"], 1);
        assert_eq!(
            list["data"]["items"][0]["contact"]["email"],
            "ada@example.fr"
        );
        assert_eq!(
            list["data"]["items"][0]["selection"]["priceId"],
            PRICE_4M_PROMO
        );
        let (_, other) = admin
            .get("/admin/v1/waiting-list?propertyInfoId=other")
            .await;
        assert_eq!(other["data"]["totalCount"], 0);
        let (status, _) = admin.get("/admin/v1/waiting-list?pageSize=500").await;
        assert_eq!(status, 400);

        // What the log holds: the key's id, never the key or the tenant.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let log = server.log_text();
        assert!(log.contains(&key_id), "calls are logged with the key id");
        assert!(!log.contains(&key), "the secret key is in the log");
        assert!(!log.contains("giada.rossi@example.fr"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_live_secret_key_opens_the_operators_api() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        import(&db, &seed());
        let (key, key_id) = new_key(&db, "first");
        let (other, _) = new_key(&db, "second");
        let server = Server::start(&db, UNLIMITED);
        let http = client();
        let url = server.url("/admin/v1/bookings");

        let r = http.get(&url).bearer_auth(&key).send().await.unwrap();
        assert_eq!(r.status(), 200);

        let refused = |r: reqwest::Response| async move {
            assert_eq!(r.status(), 401);
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["status"], "UNAUTHORIZED");
            assert_eq!(body["data"], Value::Null);
            assert_eq!(fields(&body)[0].0, "Authorization");
        };
        refused(http.get(&url).send().await.unwrap()).await;
        refused(http.get(&url).bearer_auth(KEY).send().await.unwrap()).await;
        refused(
            http.get(&url)
                .header("X-API-Key", KEY)
                .send()
                .await
                .unwrap(),
        )
        .await;
        // One character off (never the same one).
        let last = if key.ends_with('A') { 'B' } else { 'A' };
        let forged = format!("{}{last}", &key[..key.len() - 1]);
        assert_ne!(forged, key);
        refused(http.get(&url).bearer_auth(&forged).send().await.unwrap()).await;
        refused(
            http.get(&url)
                .header("Authorization", format!("Basic {key}"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        // Every route is behind the gate, the unknown ones too.
        refused(
            http.put(server.url("/admin/v1/catalogue"))
                .json(&seed())
                .send()
                .await
                .unwrap(),
        )
        .await;
        refused(
            http.get(server.url("/admin/v1/nowhere"))
                .send()
                .await
                .unwrap(),
        )
        .await;

        // No CORS for a page, whatever the origin.
        let r = http
            .get(&url)
            .bearer_auth(&key)
            .header("Origin", "http://localhost:3000")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.headers().get("access-control-allow-origin").is_none());

        // Revoked: refused from then on; the other key still works.
        assert!(keys(&db, &["revoke", &key_id]).contains(&key_id));
        assert!(keys(&db, &["list"]).contains("revoked"));
        refused(http.get(&url).bearer_auth(&key).send().await.unwrap()).await;
        let r = http.get(&url).bearer_auth(&other).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let out = Command::new(binary())
            .args(["keys", "revoke", "key_nope", "--database", &db.url])
            .output()
            .unwrap();
        assert!(!out.status.success());

        // The operator's operations are in the OpenAPI document, with the scheme.
        let doc: Value = http
            .get(server.url("/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for path in [
            "/admin/v1/bookings",
            "/admin/v1/bookings/{bookingId}",
            "/admin/v1/bookings/{bookingId}/cancel",
            "/admin/v1/bookings/{bookingId}/payments",
            "/admin/v1/waiting-list",
            "/admin/v1/catalogue",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} not documented");
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        assert!(doc["paths"]["/v1/bookings"].is_object());

        tokio::time::sleep(Duration::from_millis(200)).await;
        let log = server.log_text();
        for secret in [&key, &other, &forged] {
            assert!(!log.contains(secret.as_str()), "a key is in the log");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_is_replaced_as_import_does() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        import(&db, &seed());
        let (key, _) = new_key(&db, "catalogue");
        let server = Server::start(&db, UNLIMITED);
        let http = client();
        let put = |body: String, content_type: &'static str| {
            http.put(server.url("/admin/v1/catalogue"))
                .bearer_auth(&key)
                .header("Content-Type", content_type)
                .body(body)
                .send()
        };
        let version = db.scalar("SELECT version FROM catalogue").await;
        assert_eq!(available(&server, &http, PRICE_8M, "RENT").await, 8);

        // Refused whole, naming the path; nothing changed.
        let mut bad = seed();
        bad["properties"][0]["details"]["timeZone"] = json!("Mars/Olympus_Mons");
        bad["properties"][0]["storages"][0]["sizes"][1]["categories"][0]["variants"][0]
            ["availableForRent"] = json!(2);
        let r = put(bad.to_string(), "application/json").await.unwrap();
        assert_eq!(r.status(), 422);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["status"], "VALIDATION_FAILED");
        assert_eq!(fields(&body)[0].0, "properties[0].details.timeZone");
        let mut bad_shape = seed();
        bad_shape["properties"][0]["storages"][0]["sizes"][0]["categories"][0]["variants"][0]
            ["availableForRent"] = json!("lots");
        let r = put(bad_shape.to_string(), "application/json")
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let body: Value = r.json().await.unwrap();
        assert!(
            fields(&body)[0].0.starts_with("properties[0].storages[0]"),
            "{body}"
        );
        let r = put("{".into(), "application/json").await.unwrap();
        assert_eq!(r.status(), 400);
        let r = put(seed().to_string(), "text/plain").await.unwrap();
        assert_eq!(r.status(), 415);
        assert_eq!(db.scalar("SELECT version FROM catalogue").await, version);
        assert_eq!(available(&server, &http, PRICE_8M, "RENT").await, 8);

        // Accepted: new stock, a new version, the listing shows it.
        let mut good = seed();
        let variant =
            &mut good["properties"][0]["storages"][0]["sizes"][1]["categories"][0]["variants"][0];
        assert_eq!(variant["id"], PRICE_8M);
        variant["availableForRent"] = json!(2);
        let r = put(good.to_string(), "application/json").await.unwrap();
        assert_eq!(r.status(), 200);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["data"]["properties"], 1);
        assert_eq!(body["data"]["publishableKeys"], 1);
        assert_eq!(
            db.scalar("SELECT version FROM catalogue").await,
            version + 1
        );
        after_import(|| async {
            (available(&server, &http, PRICE_8M, "RENT").await == 2).then_some(())
        })
        .await;
    }
}
