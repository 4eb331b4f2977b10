//! The StoRegister backend, end to end: the real `booking-api` binary
//! (`--backend storegister`, settings in its environment) against the
//! StoRegister simulator spawned here.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use upstream_sim::storegister::{self, AvailabilityChange, StoRegisterSim};
use upstream_sim::Fault;

const API_KEY: &str = "sk_sim_storegister";
/// The simulator's General tenant type.
const SIM_GENERAL: &str = "7c1b6f2e-5a3d-4e8b-9f10-2a4c6e8b0d11";
const LISTING: &str = "/v1/search/storage/**";

async fn sim() -> StoRegisterSim {
    storegister::spawn(storegister::Config::default())
        .await
        .unwrap()
}

struct Setup {
    db: TestDb,
    server: Server,
}

/// The seed catalogue as the overlay (its property is the simulator's),
/// the server against `api_url`, the first snapshot awaited when `wait`.
async fn start(api_url: &str, wait: bool) -> Setup {
    start_with(api_url, wait, &[]).await
}

async fn start_with(api_url: &str, wait: bool, extra: &[(&str, String)]) -> Setup {
    let db = TestDb::new(Backend::Sqlite).await;
    let mut overlay = seed();
    overlay["publishableKeys"][0]["webhookUrl"] = json!("http://127.0.0.1:9/hooks");
    import(&db, &overlay);
    let mut env = vec![
        ("BOOKING_API_BACKEND", "storegister".to_owned()),
        ("STOREGISTER_API_URL", api_url.to_owned()),
        ("STOREGISTER_API_KEY", API_KEY.to_owned()),
        ("STOREGISTER_PROPERTY_IDS", PROPERTY.to_owned()),
        ("STOREGISTER_STORAGE_IDS", STORAGE.to_owned()),
        ("STOREGISTER_TENANT_TYPE_ID", SIM_GENERAL.to_owned()),
    ];
    env.extend(extra.iter().cloned());
    let server = Server::start_with_env(
        &db,
        "127.0.0.1:0",
        UNLIMITED,
        "debug,sqlx=warn,hyper=info,reqwest=info",
        &env,
    );
    if wait {
        let client = client();
        let deadline = Instant::now() + Duration::from_secs(20);
        while get(&client, &server.url(&listing_path(0, "MONTHLY")))
            .await
            .0
            != 200
        {
            assert!(
                Instant::now() < deadline,
                "no snapshot: {}",
                server.log_text()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    Setup { db, server }
}

/// The first variant the listing offers for rent: (size, variant, free).
fn first_for_rent(listing: &Value) -> (String, String, i64) {
    for size in listing["data"]["propertySizePriceData"][0]["sizes"]
        .as_array()
        .unwrap()
    {
        for category in size["storageCategory"].as_array().unwrap() {
            for variant in category["price"].as_array().unwrap() {
                let free = variant["availableSpaceForRent"].as_i64().unwrap_or(0);
                if free > 0 && !variant["rentalPrice"].is_null() {
                    return (
                        size["storageSpaceSizeInfoId"].as_str().unwrap().to_owned(),
                        variant["id"].as_str().unwrap().to_owned(),
                        free,
                    );
                }
            }
        }
    }
    panic!("nothing for rent: {listing}");
}

async fn book(server: &Server, size: &str, price: &str, key: &str) -> (u16, Value) {
    let client = client();
    let selection = selection(size, price, "RENT");
    let due = due(server, &client, &selection).await;
    post(
        &client,
        &server.url("/v1/bookings"),
        &booking_body(&selection, &due),
        Some(key),
    )
    .await
}

#[tokio::test]
async fn the_listing_is_the_upstreams_and_bookings_count_against_it() {
    let sim = sim().await;
    let Setup { db, server } = start(&sim.url(), true).await;
    let client = client();
    let (status, listing) = get(&client, &server.url(&listing_path(0, "MONTHLY"))).await;
    assert_eq!(status, 200, "{listing}");
    assert!(
        listing["data"]["asOf"].as_str().is_some(),
        "asOf: {listing}"
    );
    assert!(sim.request_count("GET", LISTING) >= 1);
    let (size, price, free) = first_for_rent(&listing);

    let (status, body) = book(&server, &size, &price, "sg-1").await;
    assert_eq!(status, 201, "{body}\n{}", server.log_text());
    assert_eq!(available(&server, &client, &price, "RENT").await, free - 1);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);
    // Delivered to the operator as a local booking is: its webhook event
    // and its mails wait in the outboxes.
    assert_eq!(db.scalar("SELECT COUNT(*) FROM outbox").await, 1);
    assert!(db.scalar("SELECT COUNT(*) FROM mail_outbox").await >= 1);

    // The desk let all but one: that one is ours, booked since the reading.
    sim.set_availability(
        &size,
        &AvailabilityChange {
            available_count: Some(1),
            available_space_for_rent: Some(1),
            available_space_for_book: Some(1),
            price: None,
        },
    );
    let (status, body) = book(&server, &size, &price, "sg-one-left").await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("SOLD_OUT"), "{body}");
    assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);

    // The desk let every unit of that size: the upstream says none.
    sim.set_availability(
        &size,
        &AvailabilityChange {
            available_count: Some(0),
            available_space_for_rent: Some(0),
            available_space_for_book: Some(0),
            price: None,
        },
    );
    let (status, body) = book(&server, &size, &price, "sg-2").await;
    assert_eq!(status, 409, "{body}");
    assert!(body.to_string().contains("SOLD_OUT"), "{body}");
    assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);

    let log = server.log_text();
    assert!(!log.contains(API_KEY), "the API key is in the log");
    sim.shutdown().await;
}

#[tokio::test]
async fn with_the_upstream_down_the_snapshot_is_served_and_bookings_wait() {
    let sim = sim().await;
    let Setup { db, server } = start(&sim.url(), true).await;
    let client = client();
    let (_, before) = get(&client, &server.url(&listing_path(0, "MONTHLY"))).await;
    let (size, price, _) = first_for_rent(&before);
    let selection = selection(&size, &price, "RENT");
    let due = due(&server, &client, &selection).await;

    sim.arm(Fault::status(503).times(1000).on("GET", LISTING))
        .unwrap();
    let (status, listing) = get(&client, &server.url(&listing_path(0, "MONTHLY"))).await;
    assert_eq!(status, 200, "{listing}");
    assert_eq!(listing["data"]["asOf"], before["data"]["asOf"]);

    let (status, body) = post(
        &client,
        &server.url("/v1/bookings"),
        &booking_body(&selection, &due),
        Some("sg-down"),
    )
    .await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "UPSTREAM_UNAVAILABLE", "{body}");
    assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 0);
    assert!(!server.log_text().contains(API_KEY));
    sim.shutdown().await;
}

#[tokio::test]
async fn before_any_snapshot_the_listing_is_unavailable() {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let Setup { server, .. } = start(&format!("http://{addr}"), false).await;
    let (status, body) = get(&client(), &server.url(&listing_path(0, "MONTHLY"))).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "UPSTREAM_UNAVAILABLE", "{body}");
    assert!(!server.log_text().contains(API_KEY));
}

#[tokio::test]
async fn a_tenants_account_is_storegisters_own_answer() {
    let sim = sim().await;
    let Setup { server, .. } = start(&sim.url(), true).await;
    let token = sim
        .issue_tenant_token("e9e3de25-9b64-43b2-8510-5d954d091053")
        .unwrap();
    let account = |token: String| {
        let url = server.url("/v1/tenant/");
        async move {
            let r = client()
                .get(url)
                .header("X-API-Key", KEY)
                .header("X-Token", token)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = account(token.clone()).await;
    assert_eq!(status, 200, "{body}");
    // The upstream's own answer, straight from it.
    let upstream: Value = client()
        .get(format!("{}/v1/tenant/", sim.url()))
        .header("X-API-Key", API_KEY)
        .header("X-Token", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body, upstream);
    assert!(body.to_string().contains("Giada"), "{body}");

    let (status, body) = account("tok_not_issued".into()).await;
    assert_eq!(status, 401, "{body}");
    sim.arm(Fault::status(500).on("GET", "/v1/tenant/"))
        .unwrap();
    let (status, body) = account(token.clone()).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "UPSTREAM_UNAVAILABLE", "{body}");
    assert_eq!(sim.request_count("GET", "/v1/tenant/"), 4);
    assert!(!server.log_text().contains(&token));
    assert!(!server.log_text().contains(API_KEY));
    sim.shutdown().await;
}

#[tokio::test]
async fn each_reading_starts_again_from_the_upstreams_counts() {
    let sim = sim().await;
    let Setup { server, .. } = start_with(
        &sim.url(),
        true,
        &[("STOREGISTER_REFRESH_SECS", "1".to_owned())],
    )
    .await;
    let client = client();
    let (_, first) = get(&client, &server.url(&listing_path(0, "MONTHLY"))).await;
    let (size, price, _) = first_for_rent(&first);
    sim.set_availability(
        &size,
        &AvailabilityChange {
            available_count: Some(3),
            available_space_for_rent: Some(3),
            available_space_for_book: Some(3),
            price: None,
        },
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, listing) = get(&client, &server.url(&listing_path(0, "MONTHLY"))).await;
        assert_eq!(status, 200);
        if listing["data"]["asOf"] != first["data"]["asOf"]
            && available(&server, &client, &price, "RENT").await == 3
        {
            break;
        }
        assert!(Instant::now() < deadline, "the new count never showed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (status, body) = book(&server, &size, &price, "sg-after").await;
    assert_eq!(status, 201, "{body}");
    // The next reading starts from StoRegister's count again: it does not
    // know our booking until the operator enters it.
    let deadline = Instant::now() + Duration::from_secs(15);
    while available(&server, &client, &price, "RENT").await != 3 {
        assert!(
            Instant::now() < deadline,
            "the reading never replaced the stock"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    sim.shutdown().await;
}
