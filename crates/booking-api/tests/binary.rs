//! What only the real binary shows: restarts and kill -9, its log output,
//! its command line (`import`, flags that stop it), on SQLite and (with
//! `DATABASE_URL_PG`) PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn idempotency_keys_replay_refuse_and_survive_restarts() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let mut server = Server::start(&db, UNLIMITED);
        let http = client();
        let url = server.url("/v1/bookings");
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let body = booking_body(&sel, &due(&server, &http, &sel).await);

        let (status, first) = post(&http, &url, &body, Some("key-1")).await;
        assert_eq!(status, 201, "{first}");
        let data = &first["data"];
        assert_eq!(data["status"], "CONFIRMED");
        assert_eq!(data["selection"]["priceId"], PRICE_8M);
        assert!(data["transactId"].as_str().unwrap().starts_with("BK"));
        let (status, again) = post(&http, &url, &body, Some("key-1")).await;
        assert_eq!((status, &again), (201, &first));

        let mut other = body.clone();
        other["tenant"]["firstName"] = json!("Fayme");
        let (status, reused) = post(&http, &url, &other, Some("key-1")).await;
        assert_eq!(
            (status, reused["status"].as_str().unwrap()),
            (422, "IDEMPOTENCY_KEY_REUSED")
        );

        server.kill9();
        let server = Server::start(&db, UNLIMITED);
        let (status, after) = post(&http, &server.url("/v1/bookings"), &body, Some("key-1")).await;
        assert_eq!((status, &after), (201, &first));
        assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);
        assert_eq!(available(&server, &http, PRICE_8M, "RENT").await, 7);

        // The preview of that booking, StoRegister-shaped.
        let id = first["data"]["id"].as_str().unwrap();
        let (status, preview) = get(
            &http,
            &server.url(&format!("/v1/booking/{id}/activity-quotation/preview")),
        )
        .await;
        assert_eq!(status, 200, "{preview}");
        let p = &preview["data"];
        assert_eq!(p["transactId"], first["data"]["transactId"]);
        // The property's today (Europe/Paris), not UTC's: they differ for an
        // hour or two every night.
        let today = chrono::NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap();
        assert_eq!(p["moveInDate"], today.format("%d-%m-%Y").to_string());
        assert_eq!(p["client"]["name"], "Giada Rossi");
        assert_eq!(
            p["billingSubscription"]["rent"]["taxablePrice"]["formattedPrice"],
            "75,00 €"
        );
        assert_eq!(
            p["billingSubscription"]["insurance"]["payablePrice"]["price"],
            json!(12.5)
        );
        assert_eq!(
            p["billingSubscription"]["grossAmount"]["formattedPrice"],
            "102,50 €"
        );
        assert_eq!(
            p["proRataSubscription"]["transactData"][0]["categeory"],
            "RENT"
        );
        let example: Value =
            serde_json::from_str(include_str!("fixtures/storegister-quote-preview.json")).unwrap();
        same_shape(&example["data"], p, "data");
        let (status, _) = get(
            &http,
            &server.url("/v1/booking/nope/activity-quotation/preview"),
        )
        .await;
        assert_eq!(status, 404);
    }
}

#[tokio::test]
async fn tenant_details_never_reach_the_logs() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = Server::start(&db, UNLIMITED);
    let http = client();
    let sel = selection(SIZE_8M, PRICE_8M, "RENT");
    let body = booking_body(&sel, &due(&server, &http, &sel).await);
    assert_eq!(
        post(&http, &server.url("/v1/bookings"), &body, Some("pii"))
            .await
            .0,
        201
    );
    let mut bad = body.clone();
    bad["tenant"]["email"] = json!("giada.rossi@");
    assert_eq!(
        post(&http, &server.url("/v1/bookings"), &bad, Some("pii-2"))
            .await
            .0,
        422
    );
    // Let the logs flush.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let log = server.log_text();
    assert!(
        log.contains("booked"),
        "the log should show the booking: {log}"
    );
    for secret in ["giada.rossi@", "111120000", "2400 Rue des Chalets", "Rossi"] {
        assert!(!log.contains(secret), "{secret} leaked into the log");
    }
}

#[tokio::test]
async fn a_storegister_listing_can_be_imported() {
    let db = TestDb::new(Backend::Sqlite).await;
    let file = db.dir.path().join("listing.json");
    std::fs::write(&file, include_str!("fixtures/storegister-listing.json")).unwrap();
    let out = std::process::Command::new(binary())
        .args(["import", file.to_str().unwrap(), "--database", &db.url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = Server::start(&db, UNLIMITED);
    let http = client();
    let (status, body) = get(&http, &server.url(&listing_path(0, "MONTHLY"))).await;
    assert_eq!(status, 200, "{body}");
    let variant =
        &body["data"]["propertySizePriceData"][0]["sizes"][0]["storageCategory"][0]["price"][1];
    assert_eq!(
        variant["rentalPrice"]["payableAmount"]["formattedPrice"],
        "27,00 €"
    );
    assert_eq!(
        variant["rentalPrice"]["discountAmount"]["formattedPrice"],
        "3,00 €"
    );
    assert_eq!(
        variant["bookingPrice"]["taxablePrice"]["formattedPrice"],
        "27,08 €"
    );
    assert_eq!(variant["availableSpaceForBook"], 1);
}

/// Every field of StoRegister's example is in ours, at the same place and
/// of the same JSON type where both have a value.
fn same_shape(theirs: &Value, ours: &Value, path: &str) {
    match (theirs, ours) {
        (Value::Object(t), Value::Object(o)) => {
            for (key, value) in t {
                let Some(mine) = o.get(key) else {
                    panic!("{path}.{key} is missing from our preview");
                };
                same_shape(value, mine, &format!("{path}.{key}"));
            }
        }
        (Value::Array(t), Value::Array(o)) => {
            if let (Some(t), Some(o)) = (t.first(), o.first()) {
                same_shape(t, o, &format!("{path}[0]"));
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Array(_), Value::Object(_)) | (Value::Object(_), Value::Array(_)) => {
            panic!("{path}: object and array")
        }
        (t, o) => assert_eq!(
            std::mem::discriminant(t),
            std::mem::discriminant(o),
            "{path}: {t} and {o} are not of one JSON type"
        ),
    }
}

/// A key already holding a booking answers that booking, even when the
/// same request, new, would now be refused: the price moved meanwhile.
#[tokio::test]
async fn a_catalogue_with_an_unknown_time_zone_is_refused_whole() {
    let db = TestDb::new(Backend::Sqlite).await;
    let mut catalogue = seed();
    catalogue["properties"][0]["details"]["timeZone"] = json!("Europe/Atlantis");
    let file = db.dir.path().join("bad-zone.json");
    std::fs::write(&file, serde_json::to_vec(&catalogue).unwrap()).unwrap();
    let out = std::process::Command::new(binary())
        .args(["import", file.to_str().unwrap(), "--database", &db.url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("properties[0].details.timeZone"),
        "the message names the field: {stderr}"
    );

    // The seeded catalogue is still the one served.
    let server = Server::start(&db, UNLIMITED);
    let (status, body) = get(
        &client(),
        &server.url(&format!("/v1/properties/{PROPERTY}")),
    )
    .await;
    assert_eq!(
        (status, body["data"]["timeZone"].as_str()),
        (200, Some("Europe/Paris"))
    );
}

/// Behind a trusted proxy each tenant has a limit of their own, named by
/// `X-Forwarded-For`; from anywhere else the header is ignored, so a client
/// cannot buy a fresh limit by writing it. Waiting-list entries share it.
#[tokio::test]
async fn the_write_limit_follows_x_forwarded_for_only_from_a_trusted_proxy() {
    let db = TestDb::new(Backend::Sqlite).await;
    let limited = ["--bookings-per-minute", "1", "--booking-burst", "1"];
    let http = client();
    let sel = selection(SIZE_8M, PRICE_8M, "RENT");
    let mut waiting = sel.clone();
    waiting["contact"] =
        json!({"firstName": "Giada", "lastName": "Rossi", "email": "giada@example.fr"});
    let send = |server: &Server, path: &str, body: &Value, client: &str, key: &str| {
        http.post(server.url(path))
            .header("X-API-Key", KEY)
            .header("Idempotency-Key", key)
            .header("X-Forwarded-For", client)
            .json(body)
            .send()
    };

    let mut args = limited.to_vec();
    args.extend(["--trusted-proxy", "10.0.0.0/8,127.0.0.1"]);
    let proxied = Server::start(&db, &args);
    let body = booking_body(&sel, &due(&proxied, &http, &sel).await);
    let status = |r: reqwest::Response| r.status().as_u16();
    let a = send(&proxied, "/v1/bookings", &body, "203.0.113.1", "xff-1")
        .await
        .unwrap();
    assert_eq!(status(a), 201);
    let b = send(
        &proxied,
        "/v1/bookings",
        &body,
        "198.51.100.2, 203.0.113.2",
        "xff-2",
    )
    .await
    .unwrap();
    assert_eq!(status(b), 201, "another client behind the proxy");
    let again = send(&proxied, "/v1/bookings", &body, "203.0.113.1", "xff-3")
        .await
        .unwrap();
    assert_eq!(status(again), 429, "the first client's limit is spent");
    let join = send(&proxied, "/v1/waiting-list", &waiting, "203.0.113.2", "w-1")
        .await
        .unwrap();
    assert_eq!(status(join), 429, "the waiting list shares the limit");
    drop(proxied);

    let direct = Server::start(&db, &limited);
    let a = send(&direct, "/v1/bookings", &body, "203.0.113.7", "direct-1")
        .await
        .unwrap();
    assert_eq!(status(a), 201);
    let spoofed = send(&direct, "/v1/bookings", &body, "203.0.113.8", "direct-2")
        .await
        .unwrap();
    assert_eq!(
        status(spoofed),
        429,
        "an untrusted X-Forwarded-For buys nothing"
    );
    assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 3);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM waiting_list").await, 0);
}

#[tokio::test]
async fn a_trusted_proxy_that_is_not_an_address_stops_the_server() {
    let out = std::process::Command::new(binary())
        .args(["--trusted-proxy", "proxy.local", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--trusted-proxy"));
}
