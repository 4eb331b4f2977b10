//! The contract of WIDGET-API.md, in-process: the application that
//! `booking_api::app` builds, served on a loopback port inside the test,
//! on SQLite and (with `DATABASE_URL_PG`) PostgreSQL. A failure names its
//! backend (see `TestDb`'s `Drop`). Multi-threaded: a test that blocks
//! its thread (running `booking-api import`) must not stall the server
//! it is talking to.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_openapi_static_files_and_csp() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        std::fs::write(
            db.dist().join("index.html"),
            "<!doctype html><title>widget</title>",
        )
        .unwrap();
        std::fs::write(db.dist().join("widget.js"), "// loader").unwrap();
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();

        let r = http.get(server.url("/healthz")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["succeeded"], true);

        let r = http.get(server.url("/")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(
            !csp.contains("unsafe-inline';") || !csp.contains("script-src 'self' 'unsafe-inline'")
        );
        assert!(r.text().await.unwrap().contains("<title>widget</title>"));
        let r = http.get(server.url("/widget.js")).send().await.unwrap();
        assert_eq!(r.status(), 200);

        let doc: Value = http
            .get(server.url("/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for path in [
            "/v1/properties/{propertyInfoId}",
            "/v1/quotes",
            "/v1/bookings",
            "/v1/waiting-list",
            "/v1/booking/{bookingId}/activity-quotation/preview",
            "/healthz",
        ] {
            assert!(
                paths.contains_key(path),
                "{path} missing from the OpenAPI document"
            );
        }
        assert!(doc["components"]["schemas"]["Selection"].is_object());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_and_origins() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();
        let url = server.url(&format!("/v1/properties/{PROPERTY}"));

        let r = http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 401);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["status"], "UNAUTHORIZED");
        assert_eq!(body["data"], Value::Null);
        assert_eq!(
            http.get(&url)
                .header("X-API-Key", "pk_nope")
                .send()
                .await
                .unwrap()
                .status(),
            401
        );

        let r = http
            .get(&url)
            .header("X-API-Key", KEY)
            .header("Origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        assert!(r.headers().get("access-control-allow-origin").is_none());
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["status"], "ORIGIN_NOT_ALLOWED");

        let r = http
            .get(&url)
            .header("X-API-Key", KEY)
            .header("Origin", "http://localhost:5173")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()["access-control-allow-origin"],
            "http://localhost:5173"
        );

        let preflight = |origin: &'static str| {
            http.request(reqwest::Method::OPTIONS, server.url("/v1/bookings"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header(
                    "Access-Control-Request-Headers",
                    "content-type,x-api-key,idempotency-key",
                )
                .send()
        };
        let r = preflight("http://127.0.0.1:8080").await.unwrap();
        assert_eq!(r.status(), 204);
        assert_eq!(
            r.headers()["access-control-allow-origin"],
            "http://127.0.0.1:8080"
        );
        assert!(r.headers()["access-control-allow-headers"]
            .to_str()
            .unwrap()
            .contains("idempotency-key"));
        let r = preflight("http://localhost.evil.example").await.unwrap();
        assert_eq!(r.status(), 403);
        assert!(r.headers().get("access-control-allow-origin").is_none());

        let (status, body) = get(&http, &server.url("/v1/properties/unknown")).await;
        assert_eq!(
            (status, body["status"].as_str().unwrap()),
            (404, "INVALID_PARAM_PROPERTY_INFO_ID")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn property_details_and_the_storegister_listing() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();

        let (status, body) = get(&http, &server.url(&format!("/v1/properties/{PROPERTY}"))).await;
        assert_eq!(status, 200);
        let data = &body["data"];
        assert_eq!(data["property"]["name"], "Chalets");
        assert_eq!(
            data["property"]["propertyOfficeOpeningHoursInfoList"]
                .as_array()
                .unwrap()
                .len(),
            8
        );
        assert_eq!(data["currency"], "EUR");
        assert_eq!(data["earliestMoveInDate"], today());
        assert_eq!(data["tenantTypes"].as_array().unwrap().len(), 3);
        assert_eq!(data["paymentPeriods"], json!(["MONTHLY", "QUARTERLY"]));
        assert_eq!(
            data["insurancePlans"][0]["description"],
            "Assurance pour 3 500€"
        );
        assert_eq!(data["insurancePlans"][0]["price"], "12.50");
        assert!(data["addOns"].as_array().unwrap().len() >= 3);
        assert_eq!(data["storages"][0]["id"], STORAGE);

        // Every price object of the StoRegister example, to the cent.
        let example: Value =
            serde_json::from_str(include_str!("fixtures/storegister-listing.json")).unwrap();
        let (status, ours) = get(&http, &server.url(&listing_path(0, "MONTHLY"))).await;
        assert_eq!(status, 200, "{ours}");
        assert_eq!(ours["status"], "SUCCESS");
        let theirs_sizes = &example["data"]["propertySizePriceData"][0]["sizes"];
        let our_sizes = &ours["data"]["propertySizePriceData"][0]["sizes"];
        assert_eq!(
            ours["data"]["propertySizePriceData"][0]["strorageInfoId"],
            STORAGE
        );
        assert_eq!(our_sizes.as_array().unwrap().len(), 2);
        let cents = |v: &Value| -> String {
            let exact = pricing::parse_decimal(&v.to_string()).unwrap();
            exact
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .to_string()
        };
        let mut compared = 0;
        for (theirs, ours) in theirs_sizes
            .as_array()
            .unwrap()
            .iter()
            .zip(our_sizes.as_array().unwrap())
        {
            assert_eq!(
                theirs["storageSpaceSizeInfoId"],
                ours["storageSpaceSizeInfoId"]
            );
            assert_eq!(theirs["surface"], ours["surface"]);
            let tv = theirs["storageCategory"][0]["price"].as_array().unwrap();
            let ov = ours["storageCategory"][0]["price"].as_array().unwrap();
            for (t, o) in tv.iter().zip(ov) {
                assert_eq!(t["availableSpaceForRent"], o["availableSpaceForRent"]);
                assert_eq!(t["availableSpaceForBook"], o["availableSpaceForBook"]);
                assert!(o["id"].is_string());
                for block in ["rentalPrice", "bookingPrice"] {
                    for amount in [
                        "taxablePrice",
                        "taxAmount",
                        "netAmount",
                        "discountAmount",
                        "payableAmount",
                    ] {
                        let (t, o) = (&t[block][amount], &o[block][amount]);
                        if t.is_null() {
                            continue; // the example omits one payable amount
                        }
                        assert_eq!(cents(&t["price"]), cents(&o["price"]), "{block}.{amount}");
                        assert_eq!(t["formattedPrice"], o["formattedPrice"], "{block}.{amount}");
                        compared += 1;
                    }
                    assert_eq!(t[block]["tax"], o[block]["tax"]);
                    assert_eq!(t[block]["discountInfoId"], o[block]["discountInfoId"]);
                }
            }
        }
        assert_eq!(compared, 32, "every non-null amount of the example");
        let promo = &our_sizes[0]["storageCategory"][0]["price"][1]["rentalPrice"]["promotion"];
        assert_eq!(promo["kind"], "percent");
        assert_eq!(promo["value"], "10");
        assert_eq!(promo["cycles"], 1);

        // Path parameters.
        let (status, body) = get(&http, &server.url(&listing_path(2, "Monthly"))).await;
        assert_eq!(
            (
                status,
                body["data"]["propertySizePriceData"][0]["sizes"]
                    .as_array()
                    .unwrap()
                    .len()
            ),
            (200, 2)
        );
        let (status, body) = get(&http, &server.url(&listing_path(9, "MONTHLY"))).await;
        assert_eq!(
            (status, body["status"].as_str().unwrap()),
            (404, "INVALID_PARAM_STORAGE_GROUP_INFO_ID")
        );
        let (status, body) = get(&http, &server.url(&listing_path(0, "YEARLY"))).await;
        assert_eq!(
            (status, body["status"].as_str().unwrap()),
            (404, "INVALID_PARAM_PAYMENT_PERIOD")
        );
        let (status, body) = get(&http, &server.url(&listing_path(0, "WEEKLY"))).await;
        assert_eq!(
            (status, body["status"].as_str().unwrap()),
            (400, "INVALID_PARAM_PAYMENT_PERIOD")
        );
        let bad_type = listing_path(0, "MONTHLY").replace(GENERAL, "nobody");
        let (status, body) = get(&http, &server.url(&bad_type)).await;
        assert_eq!(
            (status, body["status"].as_str().unwrap()),
            (404, "INVALID_PARAM_TAX_USER_TYPE_INFO_ID")
        );
    }
}

/// The widget computes its quote locally with booking-model's mapping and
/// the pricing crate; the server's must be the same, to the cent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_quote_is_the_widgets_quote() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();
        let (_, property) = get(&http, &server.url(&format!("/v1/properties/{PROPERTY}"))).await;
        let property: booking_model::PropertyDetails =
            serde_json::from_value(property["data"].clone()).unwrap();
        let (_, listing) = get(&http, &server.url(&listing_path(0, "MONTHLY"))).await;
        let listing: booking_model::Listing =
            serde_json::from_value(listing["data"].clone()).unwrap();

        let mut cases = vec![
            selection(SIZE_8M, PRICE_8M, "RENT"),
            selection(SIZE_4M, PRICE_4M_PROMO, "RENT"),
            selection(SIZE_4M, PRICE_4M, "BOOK"),
        ];
        let mut with_add_ons = selection(SIZE_4M, PRICE_4M, "RENT");
        with_add_ons["addOns"] = json!([{"id": PADLOCK, "quantity": 2}]);
        with_add_ons["paymentPeriod"] = json!("QUARTERLY");
        cases.push(with_add_ons);
        for case in cases {
            let (status, body) = post(&http, &server.url("/v1/quotes"), &case, None).await;
            assert_eq!(status, 200, "{body}");
            let local_selection: booking_model::Selection =
                serde_json::from_value(case.clone()).unwrap();
            let local_request = booking_model::pricing_request(
                &property,
                &listing,
                &local_selection,
                // The server prices from the property's today (Europe/Paris).
                chrono::NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap(),
            )
            .unwrap();
            let local_quote = pricing::quote(&local_request).unwrap();
            assert_eq!(
                body["data"]["quote"],
                serde_json::to_value(&local_quote).unwrap()
            );
            assert_eq!(
                body["data"]["request"],
                serde_json::to_value(&local_request).unwrap()
            );
        }
        // The promotion's first month: 30 − 3 on the rent line, as the listing shows.
        let (_, body) = post(
            &http,
            &server.url("/v1/quotes"),
            &selection(SIZE_4M, PRICE_4M_PROMO, "RENT"),
            None,
        )
        .await;
        let lines = body["data"]["quote"]["proRata"]["lines"]
            .as_array()
            .unwrap();
        assert_eq!(lines[1]["category"], "RENTAL_DISCOUNT");
        assert_eq!(lines[1]["gross"], "-3.00");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_and_nothing_is_stored() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();
        let url = server.url("/v1/bookings");
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let good = booking_body(&sel, &due(&server, &http, &sel).await);

        // 422 with every field's path.
        let mut bad = good.clone();
        bad["tenant"]["email"] = json!("giada@");
        bad["tenant"]["phoneNumber"] = json!("12");
        bad["tenant"]["postalCode"] = json!("310");
        bad["tenant"]["firstName"] = json!("x".repeat(101));
        bad["termsAccepted"] = json!(false);
        bad["moveInDate"] = json!("2001-01-01");
        bad["addOns"] = json!([{"id": PADLOCK, "quantity": 9}]);
        let (status, body) = post(&http, &url, &bad, Some("bad-1")).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["status"], "VALIDATION_FAILED");
        let got = fields(&body);
        for expected in [
            ("tenant.email", "INVALID_EMAIL"),
            ("tenant.phoneNumber", "INVALID_PHONE"),
            ("tenant.postalCode", "INVALID_POSTAL_CODE"),
            ("tenant.firstName", "TOO_LONG"),
            ("termsAccepted", "MUST_ACCEPT_TERMS"),
            ("moveInDate", "OUT_OF_RANGE"),
            ("addOns[0].quantity", "OUT_OF_RANGE"),
        ] {
            assert!(
                got.contains(&(expected.0.to_owned(), expected.1.to_owned())),
                "{expected:?} in {got:?}"
            );
        }

        // Types: a path and 422, not a panic.
        let mut bad = good.clone();
        bad["addOns"] = json!([{"id": PADLOCK, "quantity": -1}]);
        let (status, body) = post(&http, &url, &bad, Some("bad-2")).await;
        assert_eq!(
            (status, fields(&body)[0].0.as_str()),
            (422, "addOns[0].quantity")
        );
        let mut bad = good.clone();
        bad.as_object_mut().unwrap().remove("priceId");
        let (status, body) = post(&http, &url, &bad, Some("bad-3")).await;
        assert_eq!(
            (status, fields(&body)[0].clone()),
            (422, ("priceId".to_owned(), "REQUIRED".to_owned()))
        );
        let mut bad = good.clone();
        bad["priceId"] = json!("no-such-price");
        let (status, body) = post(&http, &url, &bad, Some("bad-4")).await;
        assert_eq!(
            (status, fields(&body)),
            (422, vec![("priceId".to_owned(), "UNKNOWN_ID".to_owned())])
        );

        // 400 malformed, 415 content type, 413 size, 400 missing key.
        let send = |body: Vec<u8>, content_type: &'static str, idem: Option<&'static str>| {
            let mut req = http
                .post(&url)
                .header("X-API-Key", KEY)
                .header("content-type", content_type)
                .body(body);
            if let Some(idem) = idem {
                req = req.header("Idempotency-Key", idem);
            }
            req.send()
        };
        let r = send(b"{\"tenant\": ".to_vec(), "application/json", Some("bad-5"))
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(
            r.json::<Value>().await.unwrap()["errors"][0]["code"],
            "MALFORMED_JSON"
        );
        let r = send(
            serde_json::to_vec(&good).unwrap(),
            "text/plain",
            Some("bad-6"),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 415);
        let mut huge = good.clone();
        huge["tenant"]["address"] = json!("x".repeat(100_000));
        let r = send(
            serde_json::to_vec(&huge).unwrap(),
            "application/json",
            Some("bad-7"),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 413);
        assert_eq!(
            r.json::<Value>().await.unwrap()["status"],
            "PAYLOAD_TOO_LARGE"
        );
        let r = send(serde_json::to_vec(&good).unwrap(), "application/json", None)
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(
            r.json::<Value>().await.unwrap()["errors"][0]["field"],
            "Idempotency-Key"
        );

        // A stale price: 409 with the new quote, nothing booked.
        let stale = booking_body(&sel, "1.00");
        let (status, body) = post(&http, &url, &stale, Some("stale")).await;
        assert_eq!(
            (status, body["status"].as_str().unwrap()),
            (409, "PRICE_CHANGED")
        );
        assert!(body["data"]["quote"]["dueAtMoveIn"].is_string());

        assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 0);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM idempotency_keys").await, 0);
        assert_eq!(available(&server, &http, PRICE_8M, "RENT").await, 8);

        // The same key, now with a good body, books.
        let (status, _) = post(&http, &url, &good, Some("stale")).await;
        assert_eq!(status, 201);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_unit_then_sold_out_then_waiting_list() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();
        let url = server.url("/v1/bookings");
        let sel = selection(SIZE_4M, PRICE_4M_PROMO, "BOOK");
        let body = booking_body(&sel, &due(&server, &http, &sel).await);
        assert_eq!(available(&server, &http, PRICE_4M_PROMO, "BOOK").await, 1);
        let (status, booked) = post(&http, &url, &body, Some("last-1")).await;
        assert_eq!(status, 201, "{booked}");
        assert_eq!(booked["data"]["status"], "RESERVED");
        let (status, sold) = post(&http, &url, &body, Some("last-2")).await;
        assert_eq!(
            (status, sold["status"].as_str().unwrap()),
            (409, "SOLD_OUT")
        );
        assert_eq!(available(&server, &http, PRICE_4M_PROMO, "BOOK").await, 0);
        // Renting it was never possible: 0 to rent in the seed.
        let rent = selection(SIZE_4M, PRICE_4M_PROMO, "RENT");
        let (status, _) = post(
            &http,
            &url,
            &booking_body(&rent, &due(&server, &http, &rent).await),
            Some("r"),
        )
        .await;
        assert_eq!(status, 409);

        let mut waiting = sel.clone();
        waiting["contact"] =
            json!({"firstName": "Giada", "lastName": "Rossi", "email": "giada@example.fr"});
        let (status, body) = post(&http, &server.url("/v1/waiting-list"), &waiting, None).await;
        assert_eq!(status, 201, "{body}");
        assert!(body["data"]["id"].is_string());
        waiting["contact"]["email"] = json!("nope");
        let (status, body) = post(&http, &server.url("/v1/waiting-list"), &waiting, None).await;
        assert_eq!(
            (status, fields(&body)),
            (
                422,
                vec![("contact.email".to_owned(), "INVALID_EMAIL".to_owned())]
            )
        );
        assert_eq!(db.scalar("SELECT COUNT(*) FROM waiting_list").await, 1);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_are_rate_limited_per_client() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server =
            InProcess::start(&db, &["--bookings-per-minute", "6", "--booking-burst", "2"]).await;
        let http = client();
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let body = booking_body(&sel, &due(&server, &http, &sel).await);
        for i in 0..2 {
            let (status, _) = post(
                &http,
                &server.url("/v1/bookings"),
                &body,
                Some(&format!("rl-{i}")),
            )
            .await;
            assert_eq!(status, 201);
        }
        let r = http
            .post(server.url("/v1/bookings"))
            .header("X-API-Key", KEY)
            .header("Idempotency-Key", "rl-3")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429);
        let retry: u64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=11).contains(&retry), "{retry}");
        assert_eq!(r.json::<Value>().await.unwrap()["status"], "RATE_LIMITED");
        // Quotes are not limited.
        assert_eq!(
            post(&http, &server.url("/v1/quotes"), &sel, None).await.0,
            200
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_key_answers_its_booking_after_the_price_moved() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();
        let url = server.url("/v1/bookings");
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let old_due = due(&server, &http, &sel).await;
        let body = booking_body(&sel, &old_due);
        let (status, first) = post(&http, &url, &body, Some("moved-1")).await;
        assert_eq!(status, 201, "{first}");

        let mut catalogue = seed();
        catalogue["properties"][0]["storages"][0]["sizes"][1]["categories"][0]["variants"][0]
            ["rent"]["monthlyPrice"] = json!("80");
        import(&db, &catalogue);
        after_import(|| async { (due(&server, &http, &sel).await != old_due).then_some(()) }).await;

        let (status, again) = post(&http, &url, &body, Some("moved-1")).await;
        assert_eq!((status, &again), (201, &first));
        let (status, fresh) = post(&http, &url, &body, Some("moved-2")).await;
        assert_eq!(
            (status, fresh["status"].as_str().unwrap()),
            (409, "PRICE_CHANGED")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attribution_is_kept_with_the_booking_and_checked() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = InProcess::start(&db, UNLIMITED).await;
        let http = client();
        let url = server.url("/v1/bookings");
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let mut body = booking_body(&sel, &due(&server, &http, &sel).await);

        // Too long, or with a control character: 422 by field, nothing stored.
        body["attribution"] =
            json!({ "utmSource": "x".repeat(2001), "referrer": "https://a.example/\n" });
        let (status, refused) = post(&http, &url, &body, Some("attr-bad")).await;
        assert_eq!(status, 422, "{refused}");
        let named: Vec<String> = fields(&refused).into_iter().map(|(f, _)| f).collect();
        assert!(
            named.contains(&"attribution.utmSource".to_owned()),
            "{named:?}"
        );
        assert!(
            named.contains(&"attribution.referrer".to_owned()),
            "{named:?}"
        );
        assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 0);

        body["attribution"] = json!({
            "utmSource": "newsletter", "utmCampaign": "spring",
            "referrer": "https://blog.example/", "landingPage": "https://www.example/storage?utm_source=newsletter",
        });
        let (status, booked) = post(&http, &url, &body, Some("attr-good")).await;
        assert_eq!(status, 201, "{booked}");
        assert_eq!(booked["data"]["attribution"]["utmSource"], "newsletter");
        let id = booked["data"]["id"].as_str().unwrap();
        let (status, preview) = get(
            &http,
            &server.url(&format!("/v1/booking/{id}/activity-quotation/preview")),
        )
        .await;
        assert_eq!(status, 200, "{preview}");
        assert_eq!(preview["data"]["attribution"]["utmCampaign"], "spring");
        assert_eq!(
            preview["data"]["attribution"]["referrer"],
            "https://blog.example/"
        );
    }
}

/// The move-in window counts from the property's own date, not the
/// server's: 14 h ahead of UTC and 12 h behind it, at least one of which is
/// another day than UTC's at any instant.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn today_is_the_property_s_date_in_its_time_zone() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = InProcess::start(&db, UNLIMITED).await;
    let http = client();
    let url = server.url(&format!("/v1/properties/{PROPERTY}"));
    for zone in [chrono_tz::Pacific::Kiritimati, chrono_tz::Etc::GMTPlus12] {
        let mut catalogue = seed();
        catalogue["properties"][0]["details"]["timeZone"] = json!(zone.name());
        import(&db, &catalogue);
        let data = after_import(|| async {
            let (status, body) = get(&http, &url).await;
            assert_eq!(status, 200, "{body}");
            (body["data"]["timeZone"] == zone.name()).then(|| body["data"].clone())
        })
        .await;
        let before = today_in(zone);
        let earliest = data["earliestMoveInDate"].as_str().unwrap().to_owned();
        // The day may turn between the server's clock reading and ours.
        assert!(
            earliest == before || earliest == today_in(zone),
            "{zone}: earliest move-in {earliest}, today there {before}"
        );

        // A quote for that day is accepted: the day is not in the past there.
        let mut sel = selection(SIZE_8M, PRICE_8M, "RENT");
        sel["moveInDate"] = json!(earliest);
        let (status, body) = post(&http, &server.url("/v1/quotes"), &sel, None).await;
        assert_eq!(status, 200, "{zone}: {body}");
    }
}
