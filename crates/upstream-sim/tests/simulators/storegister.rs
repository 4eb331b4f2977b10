//! StoRegister as its reference says: the listing, the quote preview and
//! the tenant view behind `X-API-Key`, in the documented envelope.

use serde_json::{json, Value};
use upstream_sim::storegister::{self, AvailabilityChange};
use upstream_sim::Fault;

use crate::common::http;

const KEY: &str = "sk_sim_storegister";
const PROPERTY: &str = "a99c4590-9475-404e-bcbd-6cba2e2b5e16";
const STORAGE: &str = "47fa29c4-738a-42dc-bcb3-6dba1ee7e38e";
const GENERAL: &str = "7c1b6f2e-5a3d-4e8b-9f10-2a4c6e8b0d11";
const SIZE_4M: &str = "e9c7f096-e719-4c03-8d03-239de36a772f";
const QUOTE: &str = "93980f26-1175-4522-a47b-c3144cd9bfc4";
const TENANT: &str = "e9e3de25-9b64-43b2-8510-5d954d091053";

/// A reference example, as `../shared/api/examples/` holds it, written out and
/// read back once as the simulator's answer is (serde_json's default float
/// parsing does not round-trip every long literal, such as the example's
/// `43.615232811359924000`, to the same double).
fn example(name: &str) -> Value {
    let path = format!(
        "{}/../../../shared/api/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    serde_json::from_str(&value.to_string()).unwrap()
}

fn listing_path(
    storage: &str,
    property: &str,
    user_type: &str,
    group: &str,
    period: &str,
) -> String {
    format!("/v1/search/storage/{storage}/property/{property}/user-type/{user_type}/storageGroup/{group}/period/{period}/price/list")
}

async fn get(url: &str, path: &str, key: Option<&str>, token: Option<&str>) -> (u16, Value) {
    let mut request = http().get(format!("{url}{path}"));
    if let Some(key) = key {
        request = request.header("X-API-Key", key);
    }
    if let Some(token) = token {
        request = request.header("X-Token", token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn assert_failed(body: &Value, code: &str) {
    assert_eq!(body["succeeded"], false, "{body}");
    assert_eq!(body["data"], Value::Null);
    assert_eq!(body["status"], code, "{body}");
    assert_eq!(body["errors"][0]["code"], code);
}

#[tokio::test]
async fn the_listing_is_the_references_example_behind_the_key() {
    let sim = storegister::spawn(storegister::Config::default())
        .await
        .unwrap();
    let path = listing_path(STORAGE, PROPERTY, GENERAL, "0", "Monthly");
    let (status, body) = get(&sim.url(), &path, Some(KEY), None).await;
    assert_eq!(status, 200);
    assert_eq!(body, example("storegister-listing.json"));

    let (status, body) = get(&sim.url(), &path, None, None).await;
    assert_eq!(status, 401);
    assert_failed(&body, "FAILED");
    let (status, _) = get(&sim.url(), &path, Some("sk_wrong"), None).await;
    assert_eq!(status, 401);
    let bearer = http()
        .get(format!("{}{path}", sim.url()))
        .header("Authorization", format!("X-API-Key {KEY}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        bearer.status(),
        401,
        "the key travels in its own X-API-Key header"
    );
}

#[tokio::test]
async fn listing_errors_name_the_parameter_at_fault() {
    let sim = storegister::spawn(storegister::Config::default())
        .await
        .unwrap();
    let unknown = "00000000-0000-4000-8000-000000000000";
    for (path, status, code) in [
        (
            listing_path(STORAGE, "not-a-uuid", GENERAL, "0", "Monthly"),
            400,
            "INVALID_PARAM_PROPERTY_INFO_ID",
        ),
        (
            listing_path(STORAGE, unknown, GENERAL, "0", "Monthly"),
            400,
            "INVALID_PARAM_PROPERTY_INFO_ID",
        ),
        (
            listing_path(unknown, PROPERTY, GENERAL, "0", "Monthly"),
            400,
            "INVALID_PARAM_STORAGE_INFO_ID",
        ),
        (
            listing_path(STORAGE, PROPERTY, unknown, "0", "Monthly"),
            400,
            "INVALID_PARAM_TAX_USER_TYPE_ID",
        ),
        (
            listing_path(STORAGE, PROPERTY, GENERAL, "small", "Monthly"),
            400,
            "FAILED",
        ),
        (
            listing_path(STORAGE, PROPERTY, GENERAL, "0", "Yearly"),
            404,
            "NO_RECORDS_FOUND",
        ),
        (
            listing_path(STORAGE, PROPERTY, GENERAL, "3", "Monthly"),
            404,
            "NO_RECORDS_FOUND",
        ),
    ] {
        let (got, body) = get(&sim.url(), &path, Some(KEY), None).await;
        assert_eq!(got, status, "{path}");
        assert_failed(&body, code);
    }
    let (status, body) = get(
        &sim.url(),
        &listing_path(STORAGE, PROPERTY, GENERAL, "2", "monthly"),
        Some(KEY),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["data"]["propertySizePriceData"][0]["sizes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn availability_changes_through_the_control_api() {
    let sim = storegister::spawn(storegister::Config::default())
        .await
        .unwrap();
    let response = http()
        .put(format!("{}/_sim/sizes/{SIZE_4M}/availability", sim.url()))
        .json(&json!({"availableCount": 0, "availableSpaceForRent": 0, "availableSpaceForBook": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (_, body) = get(
        &sim.url(),
        &listing_path(STORAGE, PROPERTY, GENERAL, "0", "Monthly"),
        Some(KEY),
        None,
    )
    .await;
    let size = &body["data"]["propertySizePriceData"][0]["sizes"][0];
    assert_eq!(size["storageSpaceSizeInfoId"], SIZE_4M);
    assert_eq!(size["availableCount"], 0);
    for row in size["storageCategory"][0]["price"].as_array().unwrap() {
        assert_eq!(row["availableSpaceForRent"], 0);
        assert_eq!(row["availableSpaceForBook"], 0);
    }
    let other = &body["data"]["propertySizePriceData"][0]["sizes"][1];
    assert_eq!(other["availableCount"], 20, "other sizes untouched");

    let one_row = AvailabilityChange {
        available_space_for_rent: Some(7),
        price: Some(1),
        ..AvailabilityChange::default()
    };
    assert_eq!(sim.set_availability(SIZE_4M, &one_row), 1);
    let (_, body) = get(
        &sim.url(),
        &listing_path(STORAGE, PROPERTY, GENERAL, "0", "Monthly"),
        Some(KEY),
        None,
    )
    .await;
    let rows = &body["data"]["propertySizePriceData"][0]["sizes"][0]["storageCategory"][0]["price"];
    assert_eq!(
        (
            rows[0]["availableSpaceForRent"].clone(),
            rows[1]["availableSpaceForRent"].clone()
        ),
        (json!(0), json!(7))
    );

    let missing = http()
        .put(format!("{}/_sim/sizes/nope/availability", sim.url()))
        .json(&json!({"availableCount": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_quote_preview_is_the_references_example() {
    let sim = storegister::spawn(storegister::Config::default())
        .await
        .unwrap();
    let path = format!("/v1/booking/{QUOTE}/activity-quotation/preview");
    let (status, body) = get(&sim.url(), &path, Some(KEY), None).await;
    assert_eq!(status, 200);
    let mut expected = example("storegister-quote-preview.json");
    expected["data"]["client"]["email"] = json!("fayme.austin@example.com");
    assert_eq!(body, expected);

    let (status, body) = get(
        &sim.url(),
        "/v1/booking/nope/activity-quotation/preview",
        Some(KEY),
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_failed(&body, "INVALID_PARAM_ACTIVITY_INFO_ID");
    let other = "11111111-2222-4333-8444-555555555555";
    let other_path = format!("/v1/booking/{other}/activity-quotation/preview");
    let (status, body) = get(&sim.url(), &other_path, Some(KEY), None).await;
    assert_eq!(status, 404);
    assert_failed(&body, "NO_RECORDS_FOUND");

    let mut quote = expected["data"].clone();
    quote["id"] = json!(other);
    let added = http()
        .post(format!("{}/_sim/quotes", sim.url()))
        .json(&quote)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let (status, body) = get(&sim.url(), &other_path, Some(KEY), None).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["id"], other);
}

#[tokio::test]
async fn the_tenant_view_needs_the_key_and_a_session_token() {
    let sim = storegister::spawn(storegister::Config::default())
        .await
        .unwrap();
    let mut expected = example("storegister-tenant.json");
    expected["data"]["contactBook"]["email"] = json!("giada.rossi@example.com");

    let (status, body) = get(&sim.url(), "/v1/tenant/", Some(KEY), None).await;
    assert_eq!(status, 401);
    assert_failed(&body, "FAILED");
    let (status, body) = get(
        &sim.url(),
        "/v1/tenant/",
        Some(KEY),
        Some("tok_sim_giada_rossi"),
    )
    .await;
    assert_eq!(status, 200, "the fixture's demo token");
    assert_eq!(body, expected);
    let (status, _) = get(&sim.url(), "/v1/tenant/", None, Some("tok_sim_giada_rossi")).await;
    assert_eq!(status, 401, "a tenant token alone is not enough");

    let issued: Value = http()
        .post(format!("{}/_sim/tenants/{TENANT}/tokens", sim.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = issued["token"].as_str().unwrap();
    let (status, body) = get(&sim.url(), "/v1/tenant", Some(KEY), Some(token)).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["contactBook"]["id"], TENANT);
    sim.expire_tokens();
    let (status, _) = get(&sim.url(), "/v1/tenant/", Some(KEY), Some(token)).await;
    assert_eq!(status, 401);
    assert!(sim
        .issue_tenant_token("00000000-0000-4000-8000-000000000000")
        .is_none());
}

#[tokio::test]
async fn faults_answer_in_the_envelope() {
    let sim = storegister::spawn(storegister::Config::default())
        .await
        .unwrap();
    sim.arm(Fault::status(500)).unwrap();
    sim.arm(Fault::rate_limit(std::time::Duration::from_secs(5)))
        .unwrap();
    let path = listing_path(STORAGE, PROPERTY, GENERAL, "0", "Monthly");
    let (status, body) = get(&sim.url(), &path, Some(KEY), None).await;
    assert_eq!(status, 500);
    assert_failed(&body, "SOMETHING_WENT_WRONG");
    let (status, body) = get(&sim.url(), &path, Some(KEY), None).await;
    assert_eq!(status, 429);
    assert_failed(&body, "FAILED");
    assert_eq!(get(&sim.url(), &path, Some(KEY), None).await.0, 200);
    assert_eq!(sim.request_count("GET", "/v1/search/**"), 3);
}
