//! Helpers: an HTTP client, Stortech sign-in, and a webhook receiver.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};
use upstream_sim::stortech;

pub const FACILITY: &str = "fac_123456789";
pub const MEDIUM: &str = "utype_456789123";
pub const SMALL: &str = "utype_100000001";
pub const LOCKER: &str = "utype_100000003";
pub const CUSTOMER: &str = "cust_135792468";
pub const CLIENT_ID: &str = "sim_client_id";
pub const CLIENT_SECRET: &str = "sim_client_secret";

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

pub async fn stortech_sim() -> stortech::StortechSim {
    stortech::spawn(stortech::Config::default()).await.unwrap()
}

pub async fn token_for(url: &str, client_id: &str, secret: &str) -> String {
    let response = http()
        .post(format!("{url}/api/v1/auth/token"))
        .json(&json!({
            "client_id": client_id,
            "client_secret": secret,
            "grant_type": "client_credentials",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

pub async fn token(url: &str) -> String {
    token_for(url, CLIENT_ID, CLIENT_SECRET).await
}

/// A signed-in Stortech client.
pub struct Api {
    pub url: String,
    pub token: String,
    http: reqwest::Client,
}

impl Api {
    pub async fn new(url: &str) -> Self {
        Self::with_token(url, token(url).await)
    }

    pub fn with_token(url: &str, token: String) -> Self {
        Self {
            url: url.to_owned(),
            token,
            http: http(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> reqwest::Response {
        self.http
            .request(method, format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, body).await
    }

    pub async fn json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }

    /// A booking of `unit_id` for the reference's customer.
    pub async fn book(&self, unit_id: &str, extra: Value) -> reqwest::Response {
        let mut body = json!({
            "customer_id": CUSTOMER,
            "unit_id": unit_id,
            "move_in_date": "2030-09-01",
        });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        self.post(&format!("/api/v1/facilities/{FACILITY}/bookings"), body)
            .await
    }

    /// The first available unit of a type, read fresh.
    pub async fn available_unit(&self, unit_type_id: &str) -> String {
        let page = self
            .json(&format!(
                "/api/v1/facilities/{FACILITY}/units?status=available&unit_type_id={unit_type_id}&limit=1"
            ))
            .await;
        page["data"][0]["id"].as_str().unwrap().to_owned()
    }
}

pub fn decimal(value: &Value) -> rust_decimal::Decimal {
    serde_json::from_value(value.clone()).unwrap()
}

/// One webhook delivery as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub signature: Option<String>,
    pub raw: Vec<u8>,
    pub body: Value,
}

#[derive(Default)]
struct Inbox {
    received: Vec<Received>,
    fail_next: u32,
}

/// A loopback HTTP server standing in for the booking API's `/hooks/stortech`.
pub struct Receiver {
    pub url: String,
    inbox: Arc<Mutex<Inbox>>,
    _server: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start() -> Self {
        let inbox = Arc::new(Mutex::new(Inbox::default()));
        let app = Router::new()
            .route("/hooks/stortech", post(receive))
            .with_state(inbox.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks/stortech", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            url,
            inbox,
            _server: server,
        }
    }

    /// The next `n` deliveries are answered 500.
    pub fn fail_next(&self, n: u32) {
        self.inbox.lock().unwrap().fail_next = n;
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().received.clone()
    }

    /// Waits (at most 10 s) until `n` deliveries arrived; returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..500 {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("expected {n} deliveries, got {:?}", self.received());
    }
}

async fn receive(
    State(inbox): State<Arc<Mutex<Inbox>>>,
    headers: HeaderMap,
    raw: Bytes,
) -> StatusCode {
    let mut inbox = inbox.lock().unwrap();
    if inbox.fail_next > 0 {
        inbox.fail_next -= 1;
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    inbox.received.push(Received {
        signature: headers
            .get("x-stortech-signature")
            .map(|v| v.to_str().unwrap().to_owned()),
        body: serde_json::from_slice(&raw).unwrap(),
        raw: raw.to_vec(),
    });
    StatusCode::OK
}

/// Registers `receiver` for the booking and unit events, with `secret`.
pub async fn register(api: &Api, receiver: &Receiver, secret: &str) -> Value {
    let response = api
        .post(
            "/api/v1/webhooks",
            json!({
                "url": receiver.url,
                "events": ["booking.created", "booking.confirmed", "booking.cancelled", "unit.status_changed"],
                "secret": secret,
            }),
        )
        .await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}
