//! Store365 as its overview says: the password grant, bearer calls, the
//! paged envelope and the error bodies.

use std::collections::HashSet;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use upstream_sim::store365::{self, Store365Sim};
use upstream_sim::Fault;

use crate::common::http;

const FORM: [(&str, &str); 4] = [
    ("username", "sim-user"),
    ("password", "sim-password"),
    ("grant_type", "password"),
    ("client_id", "sim-client"),
];

async fn sim() -> Store365Sim {
    store365::spawn(store365::Config::default()).await.unwrap()
}

async fn token(sim: &Store365Sim) -> String {
    let body: Value = http()
        .post(sim.token_url())
        .form(&FORM)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

async fn get(sim: &Store365Sim, path: &str, token: &str) -> (u16, Value) {
    let response = http()
        .get(format!("{}{path}", sim.url()))
        .header("Authorization", format!("bearer {token}"))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_password_grant_answers_a_jwt_with_expires_in_as_a_string() {
    let sim = sim().await;
    let response = http()
        .post(sim.token_url())
        .form(&FORM)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], "21599");
    let token = body["access_token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["typ"], "JWT");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["sub"], "sim-user");

    let json_body = http()
        .post(sim.token_url())
        .json(&json!({"username": "sim-user", "password": "sim-password", "grant_type": "password", "client_id": "sim-client"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_body.status(), 415, "the token URL takes a form");
    let mut bad = FORM;
    bad[1] = ("password", "wrong");
    let refused = http()
        .post(sim.token_url())
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Bad credentials"})
    );
    let mut other_grant = FORM;
    other_grant[2] = ("grant_type", "client_credentials");
    let refused = http()
        .post(sim.token_url())
        .form(&other_grant)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert_eq!(sim.tokens().len(), 1);
}

#[tokio::test]
async fn calls_need_a_valid_bearer_token() {
    let sim = sim().await;
    let (status, body) = get(&sim, "/users", "nope").await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"status": 401, "error": "Unauthorized", "message": "Bad credentials"})
    );
    let token = token(&sim).await;
    assert_eq!(
        get(&sim, "/users", &token).await.0,
        200,
        "the scheme in lower case, as documented"
    );
    sim.expire_tokens();
    let (status, body) = get(&sim, "/users", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["message"], "Token expired");

    let short = store365::spawn(store365::Config {
        token_ttl: Duration::from_secs(1),
        ..store365::Config::default()
    })
    .await
    .unwrap();
    let body: Value = http()
        .post(short.token_url())
        .form(&FORM)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["expires_in"], "1");
}

#[tokio::test]
async fn resources_come_in_the_paged_envelope() {
    let sim = sim().await;
    let token = token(&sim).await;
    let (status, first) = get(&sim, "/users", &token).await;
    assert_eq!(status, 200);
    assert_eq!(first["pageNumber"], 1);
    assert_eq!(first["pageSize"], 10, "the default");
    assert_eq!(first["totalNumberOfPages"], 24);
    assert_eq!(first["totalNumberOfRecords"], 237);
    assert_eq!(first["results"].as_array().unwrap().len(), 10);

    let mut ids = HashSet::new();
    let mut page = 1;
    loop {
        let (_, body) = get(
            &sim,
            &format!("/users?pageNumber={page}&pageSize=100"),
            &token,
        )
        .await;
        assert_eq!(body["totalNumberOfPages"], 3);
        ids.extend(
            body["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].to_string()),
        );
        if page == 3 {
            assert_eq!(body["results"].as_array().unwrap().len(), 37);
            break;
        }
        page += 1;
    }
    assert_eq!(ids.len(), 237);
    let (_, beyond) = get(&sim, "/users?pageNumber=4&pageSize=100", &token).await;
    assert_eq!(beyond["results"], json!([]));

    for bad in [
        "pageSize=101",
        "pageSize=0",
        "pageNumber=0",
        "pageNumber=x",
        "SortOrder=shoeSize",
    ] {
        let (status, body) = get(&sim, &format!("/users?{bad}"), &token).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["code"], 400);
        assert!(body["message"].is_string());
    }
    let (_, sorted) = get(&sim, "/users?SortOrder=code&pageSize=3", &token).await;
    let codes: Vec<&str> = sorted["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["USERS-0001", "USERS-0002", "USERS-0003"]);
    let (status, one) = get(&sim, "/users/42", &token).await;
    assert_eq!((status, one["id"].clone()), (200, json!(42)));
    let (status, body) = get(&sim, "/users/4242", &token).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], 404);
    let (status, _) = get(&sim, "/units", &token).await;
    assert_eq!(status, 404, "the reference documents no other resource");
    assert_eq!(sim.record_count("users"), Some(237));
}

#[tokio::test]
async fn errors_and_faults_have_the_documented_bodies() {
    let sim = sim().await;
    let token = token(&sim).await;
    sim.arm(Fault::status(500)).unwrap();
    sim.arm(Fault::status(503)).unwrap();
    let (status, body) = get(&sim, "/users", &token).await;
    assert_eq!(status, 500);
    assert_eq!(body["code"], 500);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("tech@store-it.eu"));
    let (status, body) = get(&sim, "/users", &token).await;
    assert_eq!(status, 503);
    assert_eq!(body["code"], 503);
    let xml = http()
        .get(format!("{}/users", sim.url()))
        .header("Authorization", format!("bearer {token}"))
        .header("Content-Type", "application/xml")
        .send()
        .await
        .unwrap();
    assert_eq!(xml.status(), 415);
    assert_eq!(sim.request_count("GET", "/users"), 3);
}
