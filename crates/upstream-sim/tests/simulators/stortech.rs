//! Stortech as its reference says: authentication, facilities, paged units,
//! customers, bookings (conflicts, totals, concurrency), invoices, rate limits.

use std::collections::HashSet;
use std::str::FromStr;
use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use upstream_sim::stortech::{self, RateLimits};

use crate::common::*;

#[tokio::test]
async fn the_token_is_as_the_reference_shows_and_bad_credentials_are_refused() {
    let sim = stortech_sim().await;
    let url = format!("{}/api/v1/auth/token", sim.url());
    let body: Value = http()
        .post(&url)
        .json(
            &json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                      "grant_type": "client_credentials", "scope": "read write"}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "read write");
    let token = body["access_token"].as_str().unwrap();
    assert!(
        token.starts_with("eyJ") && token.split('.').count() == 3,
        "{token}"
    );

    let refused = |body: Value, status: u16, code: &'static str| {
        let (url, http) = (url.clone(), http());
        async move {
            let response = http.post(&url).json(&body).send().await.unwrap();
            assert_eq!(response.status(), status, "{body}");
            let error: Value = response.json().await.unwrap();
            assert_eq!(error["error"]["code"], code, "{error}");
            assert!(error["error"]["request_id"]
                .as_str()
                .unwrap()
                .starts_with("req_"));
            error
        }
    };
    refused(
        json!({"client_id": CLIENT_ID, "client_secret": "wrong", "grant_type": "client_credentials"}),
        401,
        "invalid_client",
    )
    .await;
    refused(
        json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "password"}),
        400,
        "unsupported_grant_type",
    )
    .await;
    let error = refused(
        json!({"client_secret": CLIENT_SECRET, "grant_type": "client_credentials"}),
        422,
        "validation_error",
    )
    .await;
    assert_eq!(error["error"]["details"][0]["field"], "client_id");
    refused(
        json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "client_credentials", "scope": "admin"}),
        400,
        "invalid_scope",
    )
    .await;
    let response = http().post(&url).body("{not json").send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(sim.tokens().len(), 1, "only the good request got a token");
}

#[tokio::test]
async fn tokens_expire_after_expires_in_and_refresh_retires_the_old_one() {
    let sim = stortech::spawn(stortech::Config {
        token_ttl: Duration::from_secs(1),
        ..stortech::Config::default()
    })
    .await
    .unwrap();
    let api = Api::new(&sim.url()).await;
    assert_eq!(api.get("/api/v1/facilities").await.status(), 200);

    let refreshed: Value = http()
        .post(format!("{}/api/v1/auth/refresh", sim.url()))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(refreshed["expires_in"], 1);
    let new = refreshed["access_token"].as_str().unwrap().to_owned();
    assert_ne!(new, api.token);
    let old = api.get("/api/v1/facilities").await;
    assert_eq!(old.status(), 401);
    let error: Value = old.json().await.unwrap();
    assert_eq!(error["error"]["code"], "invalid_token");

    tokio::time::sleep(Duration::from_millis(1200)).await;
    let expired = Api::with_token(&sim.url(), new);
    let response = expired.get("/api/v1/facilities").await;
    assert_eq!(response.status(), 401);
    assert!(response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("token_expired"));
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "token_expired");
    let refresh = http()
        .post(format!("{}/api/v1/auth/refresh", sim.url()))
        .bearer_auth(&expired.token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        refresh.status(),
        401,
        "an expired token cannot be refreshed"
    );
}

#[tokio::test]
async fn the_control_api_expires_every_token_and_lists_them_without_values() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let control = http();
    let response = control
        .post(format!("{}/_sim/tokens/expire", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let response = api.get("/api/v1/facilities").await;
    assert_eq!(response.status(), 401);
    let tokens: Value = control
        .get(format!("{}/_sim/tokens", sim.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tokens["issued"], 1);
    assert_eq!(tokens["active"], 0);
    assert_eq!(tokens["tokens"][0]["state"], "expired");
    assert_eq!(tokens["tokens"][0]["subject"], CLIENT_ID);
    assert!(!tokens.to_string().contains(&api.token));
    sim.revoke_tokens();
    assert_eq!(sim.tokens()[0].state, "revoked");
}

#[tokio::test]
async fn a_read_only_client_cannot_write() {
    let sim = stortech_sim().await;
    let api = Api::with_token(
        &sim.url(),
        token_for(&sim.url(), "sim_readonly_id", "sim_readonly_secret").await,
    );
    let response = api
        .post(
            &format!("/api/v1/facilities/{FACILITY}/customers"),
            json!({"first_name": "Jane", "last_name": "Doe", "email": "jane@example.com"}),
        )
        .await;
    assert_eq!(response.status(), 403);
    assert!(sim.customers().len() == 1, "nothing was created");
}

#[tokio::test]
async fn facilities_are_listed_and_detailed() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let list = api.json("/api/v1/facilities").await;
    assert_eq!(
        list["pagination"],
        json!({"current_page": 1, "total_pages": 1, "total_count": 3, "per_page": 50})
    );
    assert_eq!(list["data"][0]["id"], FACILITY);
    assert!(
        list["data"][0].get("business_hours").is_none(),
        "the list shows no hours"
    );
    let page = api.json("/api/v1/facilities?limit=2&offset=2").await;
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["pagination"]["current_page"], 2);
    assert_eq!(page["pagination"]["total_pages"], 2);

    let details = api.json(&format!("/api/v1/facilities/{FACILITY}")).await;
    assert_eq!(details["business_hours"]["monday"], "09:00-18:00");
    assert_eq!(details["business_hours"]["sunday"], "10:00-16:00");
    assert_eq!(
        decimal(&details["tax_configuration"]["gst_rate"]),
        Decimal::new(5, 2)
    );
    assert_eq!(
        decimal(&details["tax_configuration"]["pst_rate"]),
        Decimal::new(8, 2)
    );
    assert_eq!(details["address"]["province"], "ON");
    assert_eq!(details["contact"]["phone"], "+1-416-555-0123");
    let vancouver = api.json("/api/v1/facilities/fac_223456789").await;
    assert_eq!(vancouver["business_hours"]["saturday"], "closed");
    assert!(vancouver["business_hours"].get("sunday").is_none());
    let montreal = api.json("/api/v1/facilities/fac_323456789").await;
    assert_eq!(
        decimal(&montreal["tax_configuration"]["qst_rate"]),
        Decimal::from_str("0.09975").unwrap()
    );

    let missing = api.get("/api/v1/facilities/fac_000").await;
    assert_eq!(missing.status(), 404);
    let error: Value = missing.json().await.unwrap();
    assert_eq!(error["error"]["code"], "not_found");
    assert!(error["error"]["details"].is_array());
}

#[tokio::test]
async fn units_page_by_limit_and_offset_up_to_200() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let units = format!("/api/v1/facilities/{FACILITY}/units");
    let mut ids = HashSet::new();
    let mut offset = 0;
    loop {
        let page = api
            .json(&format!("{units}?limit=200&offset={offset}"))
            .await;
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= 200);
        ids.extend(data.iter().map(|u| u["id"].as_str().unwrap().to_owned()));
        assert_eq!(page["pagination"]["total_count"], 245);
        assert_eq!(page["pagination"]["total_pages"], 2);
        offset += 200;
        if page["pagination"]["current_page"] == page["pagination"]["total_pages"] {
            break;
        }
    }
    assert_eq!(ids.len(), 245, "every unit once across the pages");

    let available = api
        .json(&format!("{units}?status=available&limit=200"))
        .await;
    assert_eq!(
        available["pagination"]["total_count"], 209,
        "more than one page of available units"
    );
    let first = &available["data"][0];
    assert_eq!(first["unit_type"]["id"], MEDIUM);
    assert_eq!(
        first["unit_type"]["dimensions"],
        json!({"width": 10, "length": 10, "height": 8, "square_feet": 100})
    );
    assert_eq!(first["unit_type"]["monthly_rate"], 150);
    let medium = api.json(&format!("{units}?unit_type_id={MEDIUM}")).await;
    assert_eq!(medium["pagination"]["total_count"], 120);
    assert_eq!(medium["pagination"]["per_page"], 50, "the default limit");
    let lockers = api
        .json(&format!("{units}?unit_type_id={LOCKER}&status=available"))
        .await;
    assert_eq!(
        lockers["pagination"]["total_count"], 2,
        "a type to sell out"
    );

    for bad in ["limit=201", "limit=0", "offset=-1", "status=rented"] {
        let response = api.get(&format!("{units}?{bad}")).await;
        assert_eq!(response.status(), 422, "{bad}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "validation_error");
        let field = bad.split('=').next().unwrap();
        assert_eq!(error["error"]["details"][0]["field"], field);
    }
}

#[tokio::test]
async fn a_unit_status_update_answers_as_the_reference() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let unit = api.available_unit(SMALL).await;
    let path = format!("/api/v1/facilities/{FACILITY}/units/{unit}");
    let response = api
        .send(
            reqwest::Method::PATCH,
            &path,
            json!({"status": "maintenance", "notes": "Cleaning and minor repairs", "access_code": "new_code_1234"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let updated: Value = response.json().await.unwrap();
    assert_eq!(updated["status"], "maintenance");
    assert_eq!(updated["notes"], "Cleaning and minor repairs");
    assert_eq!(updated["access_code"], "new_code_1234");
    let bad = api
        .send(reqwest::Method::PATCH, &path, json!({"status": "gone"}))
        .await;
    assert_eq!(bad.status(), 422);
    let unit = sim
        .units(Some(FACILITY))
        .into_iter()
        .find(|u| u.id == unit)
        .unwrap();
    assert_eq!(unit.status, stortech::UnitStatus::Maintenance);
}

#[tokio::test]
async fn customers_are_created_and_found_by_name_email_or_phone() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let customers = format!("/api/v1/facilities/{FACILITY}/customers");
    let invalid = api
        .post(&customers, json!({"first_name": "Jane", "last_name": "Doe", "email": "jane.doe", "phone": "555-5678"}))
        .await;
    assert_eq!(invalid.status(), 422);
    let error: Value = invalid.json().await.unwrap();
    assert_eq!(
        error["error"]["details"],
        json!([
            {"field": "email", "message": "Invalid email format"},
            {"field": "phone", "message": "Phone number must be 10 digits"},
        ])
    );
    assert_eq!(
        error["error"]["message"],
        "The request contains invalid data"
    );

    let response = api
        .post(
            &customers,
            json!({"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com",
                   "phone": "4165555678", "language": "en",
                   "address": {"street": "789 Pine Street", "city": "Toronto", "province": "ON",
                               "postal_code": "M5H 2N2", "country": "CA"}}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let jane: Value = response.json().await.unwrap();
    assert!(jane["id"].as_str().unwrap().starts_with("cust_"));
    assert_eq!(jane["active_rentals"], json!([]));
    assert_eq!(jane["address"]["street"], "789 Pine Street");

    for search in ["jane.doe@example.com", "JANE", "doe", "416-555-5678"] {
        let found = api.json(&format!("{customers}?search={search}")).await;
        assert_eq!(found["pagination"]["total_count"], 1, "{search}");
        assert_eq!(found["data"][0]["id"], jane["id"], "{search}");
    }
    let john = api
        .json(&format!("{customers}?search=john.smith%40example.com"))
        .await;
    assert_eq!(john["data"][0]["active_rentals"][0]["unit_number"], "A101");
    let active = api.json(&format!("{customers}?status=active")).await;
    assert_eq!(active["pagination"]["total_count"], 1, "only John rents");
    let elsewhere = api
        .json("/api/v1/facilities/fac_223456789/customers?search=jane")
        .await;
    assert_eq!(
        elsewhere["pagination"]["total_count"], 0,
        "customers belong to a facility"
    );
}

#[tokio::test]
async fn a_booking_answers_as_the_reference_and_a_taken_unit_conflicts() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let unit = api.available_unit(MEDIUM).await;
    let response = api
        .book(&unit, json!({"promotional_code": "FIRST_MONTH_FREE"}))
        .await;
    assert_eq!(response.status(), 201);
    let booking: Value = response.json().await.unwrap();
    assert!(booking["id"].as_str().unwrap().starts_with("book_"));
    assert_eq!(booking["unit_id"], unit.as_str());
    assert_eq!(booking["move_in_date"], "2030-09-01");
    assert_eq!(booking["monthly_rate"], 150);
    assert_eq!(booking["security_deposit"], 150);
    assert_eq!(
        booking["promotion_applied"],
        json!({"code": "FIRST_MONTH_FREE", "discount_amount": 150, "description": "First month free"})
    );
    assert_eq!(
        decimal(&booking["total_due_today"]),
        Decimal::new(150, 0),
        "the reference's example"
    );
    assert_eq!(
        booking["status"], "pending",
        "no payment method: the desk takes payment"
    );

    let again = api.book(&unit, json!({})).await;
    assert_eq!(again.status(), 409);
    let error: Value = again.json().await.unwrap();
    assert_eq!(error["error"]["code"], "unit_not_available");
    assert_eq!(error["error"]["details"][0]["field"], "unit_id");
    assert_eq!(sim.bookings().len(), 1);

    let john = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/customers?search=john.smith%40example.com"
        ))
        .await;
    let rentals = john["data"][0]["active_rentals"]
        .as_array()
        .unwrap()
        .clone();
    assert!(rentals
        .iter()
        .any(|r| r["unit_id"] == unit.as_str() && r["move_in_date"] == "2030-09-01"));
    let units = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/units?status=reserved&unit_type_id={MEDIUM}"
        ))
        .await;
    assert_eq!(units["data"][0]["id"], unit.as_str());
}

#[tokio::test]
async fn total_due_today_is_the_first_month_taxed_plus_the_deposit() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    // Small 5x5: 59.00 rent, GST 2.95 + PST 4.72, deposit 59.00.
    let booking: Value = api
        .book(&api.available_unit(SMALL).await, json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        decimal(&booking["total_due_today"]),
        Decimal::from_str("125.67").unwrap()
    );
    assert_eq!(booking["promotion_applied"], Value::Null);
    // 10 % off 150.00 → 135.00 + 13 % = 152.55, + 150.00 deposit.
    let booking: Value = api
        .book(
            &api.available_unit(MEDIUM).await,
            json!({"promotional_code": "welcome10"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        decimal(&booking["total_due_today"]),
        Decimal::from_str("302.55").unwrap()
    );
    // An unknown code books at the full price (the mismatch is the connector's to report).
    let booking: Value = api
        .book(
            &api.available_unit(SMALL).await,
            json!({"promotional_code": "NOPE"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(booking["promotion_applied"], Value::Null);
    assert_eq!(
        decimal(&booking["total_due_today"]),
        Decimal::from_str("125.67").unwrap()
    );
}

#[tokio::test]
async fn a_booking_names_its_bad_fields_and_stores_nothing() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let bookings = format!("/api/v1/facilities/{FACILITY}/bookings");
    let response = api.post(&bookings, json!({})).await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    let fields: Vec<&str> = error["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["customer_id", "unit_id", "move_in_date"]);
    let response = api
        .post(
            &bookings,
            json!({"customer_id": CUSTOMER, "unit_id": "unit_nope", "move_in_date": "1 Sept"}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let response = api
        .post(
            &bookings,
            json!({"customer_id": 42, "unit_id": "x", "move_in_date": "2030-01-01"}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["details"][0]["field"], "customer_id");
    let other = sim.units(Some("fac_223456789"))[0].id.clone();
    assert_eq!(
        api.book(&other, json!({})).await.status(),
        422,
        "a unit of another facility"
    );
    assert!(sim.bookings().is_empty());
}

#[tokio::test]
async fn the_unit_conflict_can_be_answered_422() {
    let sim = stortech::spawn(stortech::Config {
        unit_conflict_status: 422,
        ..stortech::Config::default()
    })
    .await
    .unwrap();
    let api = Api::new(&sim.url()).await;
    let response = api.book("unit_987654321", json!({})).await;
    assert_eq!(response.status(), 422, "A101 is occupied");
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "validation_error");
    assert_eq!(error["error"]["details"][0]["field"], "unit_id");
    assert!(stortech::spawn(stortech::Config {
        unit_conflict_status: 418,
        ..stortech::Config::default()
    })
    .await
    .is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_clients_booking_the_last_units_get_each_unit_once() {
    let sim = stortech_sim().await;
    let api = std::sync::Arc::new(Api::new(&sim.url()).await);
    let lockers: Vec<String> = sim
        .units(Some(FACILITY))
        .into_iter()
        .filter(|u| u.unit_type_id == LOCKER)
        .map(|u| u.id)
        .collect();
    assert_eq!(lockers.len(), 2);
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let api = api.clone();
            let unit = lockers[i % 2].clone();
            tokio::spawn(async move { api.book(&unit, json!({})).await.status().as_u16() })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        18,
        "{statuses:?}"
    );
    let booked: HashSet<String> = sim.bookings().into_iter().map(|b| b.unit_id).collect();
    assert_eq!(booked.len(), 2);
    let availability = sim.availability(FACILITY).unwrap();
    let locker = availability
        .iter()
        .find(|t| t.unit_type_id == LOCKER)
        .unwrap();
    assert_eq!((locker.available, locker.reserved), (0, 2));
}

#[tokio::test]
async fn paying_the_first_invoice_confirms_the_booking() {
    let sim = stortech_sim().await;
    let api = Api::new(&sim.url()).await;
    let booking: Value = api
        .book(&api.available_unit(SMALL).await, json!({}))
        .await
        .json()
        .await
        .unwrap();
    let invoices = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/invoices?customer_id={CUSTOMER}&status=pending"
        ))
        .await;
    let invoice = &invoices["data"][0];
    assert_eq!(invoices["data"].as_array().unwrap().len(), 1);
    assert_eq!(invoice["total_amount"], booking["total_due_today"]);
    assert_eq!(
        decimal(&invoice["tax_total"]),
        Decimal::from_str("7.67").unwrap()
    );
    assert_eq!(
        invoice["line_items"][0]["description"],
        format!(
            "Monthly Rent - Unit {}",
            booking["unit_number"].as_str().unwrap()
        )
    );
    let paid = api
        .json(&format!(
            "/api/v1/facilities/{FACILITY}/invoices?status=paid"
        ))
        .await;
    assert_eq!(
        paid["data"][0]["id"], "inv_159753468",
        "the reference's invoice is seeded"
    );

    let payments = format!(
        "/api/v1/facilities/{FACILITY}/invoices/{}/payments",
        invoice["id"].as_str().unwrap()
    );
    let too_much = api
        .post(&payments, json!({"payment_method": "cash", "amount": 1000}))
        .await;
    assert_eq!(too_much.status(), 422);
    let response = api
        .post(&payments, json!({"payment_method": "cash", "amount": 125.67, "notes": "Cash payment received at front desk"}))
        .await;
    assert_eq!(response.status(), 201);
    let payment: Value = response.json().await.unwrap();
    assert_eq!(payment["status"], "completed");
    assert_eq!(payment["invoice_id"], invoice["id"]);
    let stored = sim.bookings();
    assert_eq!(stored[0].status, stortech::model::BookingStatus::Confirmed);
    let bad_date = api
        .get(&format!(
            "/api/v1/facilities/{FACILITY}/invoices?date_from=yesterday"
        ))
        .await;
    assert_eq!(bad_date.status(), 422);
}

fn header(response: &reqwest::Response, name: &str) -> i64 {
    response.headers()[name].to_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn rate_limits_are_announced_on_every_answer_and_enforced_per_class() {
    let sim = stortech::spawn(stortech::Config {
        rate_limits: RateLimits {
            reads: 3,
            writes: 2,
            window: Duration::from_secs(3600),
        },
        ..stortech::Config::default()
    })
    .await
    .unwrap();
    let api = Api::new(&sim.url()).await;
    let now = chrono::Utc::now().timestamp();
    for remaining in [2, 1, 0] {
        let response = api.get("/api/v1/facilities").await;
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "x-ratelimit-limit"), 3);
        assert_eq!(header(&response, "x-ratelimit-remaining"), remaining);
        assert_eq!(header(&response, "x-ratelimit-window"), 3600);
        let reset = header(&response, "x-ratelimit-reset");
        assert!(
            (now + 3599..=now + 3601).contains(&reset),
            "{reset} vs {now}"
        );
    }
    let limited = api.get("/api/v1/facilities/fac_000").await;
    assert_eq!(limited.status(), 429, "counted before anything else");
    assert_eq!(header(&limited, "x-ratelimit-remaining"), 0);
    assert!(header(&limited, "retry-after") > 3500);
    let error: Value = limited.json().await.unwrap();
    assert_eq!(error["error"]["code"], "rate_limit_exceeded");

    let write = api
        .post(
            &format!("/api/v1/facilities/{FACILITY}/customers"),
            json!({"first_name": "Jane", "last_name": "Doe", "email": "jane@example.com"}),
        )
        .await;
    assert_eq!(write.status(), 201, "writes have their own budget");
    assert_eq!(header(&write, "x-ratelimit-limit"), 2);
    assert_eq!(header(&write, "x-ratelimit-remaining"), 1);

    let anonymous = http()
        .get(format!("{}/api/v1/facilities", sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert!(
        anonymous.headers().contains_key("x-ratelimit-remaining"),
        "401s carry the headers too"
    );

    sim.reset_rate_limits();
    assert_eq!(api.get("/api/v1/facilities").await.status(), 200);
}
