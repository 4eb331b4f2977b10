//! The test harness: the real `booking-api` binary on a free loopback port,
//! against a temp SQLite file, or a fresh database of the PostgreSQL that
//! `DATABASE_URL_PG` names (scripts/with-postgres.sh starts one).
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use sqlx::Connection;

pub const KEY: &str = "pk_demo";
pub const PROPERTY: &str = "a99c4590-9475-404e-bcbd-6cba2e2b5e16";
pub const STORAGE: &str = "47fa29c4-738a-42dc-bcb3-6dba1ee7e38e";
pub const SIZE_4M: &str = "e9c7f096-e719-4c03-8d03-239de36a772f";
pub const SIZE_8M: &str = "f491d3e3-b615-41af-b50b-b1735bed682f";
pub const PRICE_4M: &str = "0b1c7a52-4e1d-4c55-9c1e-3f0f3a6d4a01";
pub const PRICE_4M_PROMO: &str = "0b1c7a52-4e1d-4c55-9c1e-3f0f3a6d4a02";
pub const PRICE_8M: &str = "33903946-7989-471d-9f89-91ddb68c701e";
pub const GENERAL: &str = "2f6d2c3e-0000-4000-8000-000000000001";
pub const INSURANCE: &str = "5711d7e3-f2e8-477d-bdf0-5a995177ce23";
pub const PADLOCK: &str = "8d1f6a10-0000-4000-8000-000000000001";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// SQLite always; PostgreSQL too when `DATABASE_URL_PG` is set. The lead's
/// CI runs this suite through scripts/with-postgres.sh, which sets it.
pub fn backends() -> Vec<Backend> {
    match std::env::var("DATABASE_URL_PG") {
        Ok(url) if !url.is_empty() => vec![Backend::Sqlite, Backend::Postgres],
        _ => {
            eprintln!("PostgreSQL: NOT RUN (DATABASE_URL_PG unset; use scripts/with-postgres.sh)");
            vec![Backend::Sqlite]
        }
    }
}

/// A fresh, empty database of one backend.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub dir: tempfile::TempDir,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("bookings.sqlite").display()),
            Backend::Postgres => {
                let admin = std::env::var("DATABASE_URL_PG").unwrap();
                let name = format!("t_{}", uuid::Uuid::new_v4().simple());
                let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn.close().await.unwrap();
                // Same server, same credentials, the new database.
                let (base, _) = admin.rsplit_once('/').unwrap();
                let query = admin
                    .split_once('?')
                    .map(|(_, q)| format!("?{q}"))
                    .unwrap_or_default();
                format!("{base}/{name}{query}")
            }
        };
        Self { backend, url, dir }
    }

    /// A single-value query, for asserting on what is stored.
    pub async fn scalar(&self, sql: &str) -> i64 {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }

    pub fn dist(&self) -> PathBuf {
        let dist = self.dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        dist
    }
}

/// Every test runs once per backend: a failure says which.
impl Drop for TestDb {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("^ that failure was on the {:?} backend", self.backend);
        }
    }
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_booking-api")
}

/// Runs `booking-api import FILE` against the database.
pub fn import(db: &TestDb, catalogue: &Value) {
    let file = db
        .dir
        .path()
        .join(format!("catalogue-{}.json", uuid::Uuid::new_v4().simple()));
    std::fs::write(&file, serde_json::to_vec_pretty(catalogue).unwrap()).unwrap();
    // The seed names its terms document relative to itself: ship it beside.
    let terms = db.dir.path().join("terms");
    std::fs::create_dir_all(&terms).unwrap();
    std::fs::write(
        terms.join("2024-01.html"),
        include_str!("../../seed/terms/2024-01.html"),
    )
    .unwrap();
    let out = Command::new(binary())
        .args(["import", file.to_str().unwrap(), "--database", &db.url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn seed() -> Value {
    serde_json::from_str(include_str!("../../seed/catalogue.json")).unwrap()
}

/// A server the tests talk to, in this process or a child process.
pub trait Api {
    fn url(&self, path: &str) -> String;
}

impl Api for InProcess {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Api for Server {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// The application in this process (`booking_api::app`), served on a
/// free loopback port by the test's own runtime, configured by the
/// binary's flags: the contract tests' server.
pub struct InProcess {
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl InProcess {
    pub async fn start(db: &TestDb, extra: &[&str]) -> Self {
        use clap::Parser;
        let dist = db.dist();
        // Not the working directory (the crate's) for PostgreSQL.
        let mail = db.dir.path().join("mail");
        let mut args = vec![
            "booking-api",
            "--database",
            &db.url,
            "--dist",
            dist.to_str().unwrap(),
            "--mail-dir",
            mail.to_str().unwrap(),
            "--webhook-retry-base-ms",
            "200",
        ];
        args.extend_from_slice(extra);
        let options = booking_api::config::Cli::try_parse_from(args)
            .unwrap()
            .serve_options();
        let state = booking_api::state(&options).await.unwrap();
        booking_api::spawn_workers(&state, &options);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app =
            booking_api::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { base, task }
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A running server.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub port: u16,
    pub log: PathBuf,
}

/// Options that keep the suite's own traffic clear of the booking limit.
pub const UNLIMITED: &[&str] = &[
    "--bookings-per-minute",
    "100000000",
    "--booking-burst",
    "100000000",
];

impl Server {
    pub fn start(db: &TestDb, extra: &[&str]) -> Self {
        Self::start_on(db, "127.0.0.1:0", extra)
    }

    pub fn start_on(db: &TestDb, listen: &str, extra: &[&str]) -> Self {
        Self::start_with_log_filter(db, listen, extra, "debug,sqlx=warn,hyper=info,reqwest=info")
    }

    /// `filter` is `RUST_LOG`.
    pub fn start_with_log_filter(db: &TestDb, listen: &str, extra: &[&str], filter: &str) -> Self {
        Self::start_with_env::<&str>(db, listen, extra, filter, &[])
    }

    /// With environment variables (a backend's settings and secrets, the
    /// SMTP URL: they never go on the command line), in the database's
    /// temp dir as the working directory.
    pub fn start_with_env<S: AsRef<str>>(
        db: &TestDb,
        listen: &str,
        extra: &[&str],
        filter: &str,
        env: &[(&str, S)],
    ) -> Self {
        let log = db
            .dir
            .path()
            .join(format!("server-{}.log", uuid::Uuid::new_v4().simple()));
        let stderr = std::fs::File::create(&log).unwrap();
        let dist = db.dist();
        let mut command = Command::new(binary());
        if env.is_empty() {
            // Mails as files into the temp dir, not the working directory
            // (the crate's) that PostgreSQL's default would pick.
            command.arg("--mail-dir").arg(db.dir.path().join("mail"));
        } else {
            command.current_dir(db.dir.path());
        }
        let mut child = command
            .args([
                "--listen",
                listen,
                "--database",
                &db.url,
                "--dist",
                dist.to_str().unwrap(),
            ])
            .args(["--webhook-retry-base-ms", "200"])
            .args(extra)
            .env("RUST_LOG", filter)
            .env_remove("BOOKING_API_SMTP_URL")
            .envs(env.iter().map(|(k, v)| (*k, v.as_ref())))
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            for _ in lines {}
        });
        let line = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "server did not start: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
        };
        let base = line.strip_prefix("listening on ").unwrap().to_owned();
        let port = base.rsplit(':').next().unwrap().parse().unwrap();
        Self {
            child,
            base,
            port,
            log,
        }
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill9(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// Today at the seeded property, in its time zone (Europe/Paris).
pub fn today() -> String {
    today_in(chrono_tz::Europe::Paris)
}

/// Today in `zone`, as the API writes dates.
pub fn today_in(zone: chrono_tz::Tz) -> String {
    chrono::Utc::now()
        .with_timezone(&zone)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

pub fn selection(size: &str, price: &str, mode: &str) -> Value {
    json!({
        "propertyInfoId": PROPERTY,
        "storageInfoId": STORAGE,
        "storageSpaceSizeInfoId": size,
        "priceId": price,
        "mode": mode,
        "taxUserTypeInfoId": GENERAL,
        "paymentPeriod": "MONTHLY",
        "moveInDate": today(),
        "insurancePlanId": INSURANCE,
        "addOns": [],
        "promoCode": null
    })
}

pub fn tenant() -> Value {
    json!({
        "firstName": "Giada",
        "lastName": "Rossi",
        "email": "giada.rossi@example.fr",
        "phoneNumber": "+33 111120000",
        "address": "2400 Rue des Chalets",
        "city": "Toulouse",
        "postalCode": "31000",
        "countryISOCode2": "FR"
    })
}

/// A booking body for `selection`, expecting `due`.
pub fn booking_body(selection: &Value, due: &str) -> Value {
    let mut body = selection.clone();
    body["tenant"] = tenant();
    body["termsAccepted"] = json!(true);
    body["expectedDueAtMoveIn"] = json!(due);
    body
}

pub async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let r = client
        .get(url)
        .header("X-API-Key", KEY)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn post(
    client: &reqwest::Client,
    url: &str,
    body: &Value,
    idem: Option<&str>,
) -> (u16, Value) {
    let mut req = client.post(url).header("X-API-Key", KEY).json(body);
    if let Some(key) = idem {
        req = req.header("Idempotency-Key", key);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// The server's own quote for a selection: what the widget would show.
pub async fn due(server: &impl Api, client: &reqwest::Client, selection: &Value) -> String {
    let (status, body) = post(client, &server.url("/v1/quotes"), selection, None).await;
    assert_eq!(status, 200, "{body}");
    body["data"]["quote"]["dueAtMoveIn"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub fn listing_path(group: i64, period: &str) -> String {
    format!(
        "/v1/search/storage/{STORAGE}/property/{PROPERTY}/user-type/{GENERAL}/storageGroup/{group}/period/{period}/price/list"
    )
}

/// Free units of a variant for a mode, from the listing.
pub async fn available(
    server: &impl Api,
    client: &reqwest::Client,
    price: &str,
    mode: &str,
) -> i64 {
    let (status, body) = get(client, &server.url(&listing_path(0, "MONTHLY"))).await;
    assert_eq!(status, 200);
    let field = if mode == "RENT" {
        "availableSpaceForRent"
    } else {
        "availableSpaceForBook"
    };
    for size in body["data"]["propertySizePriceData"][0]["sizes"]
        .as_array()
        .unwrap()
    {
        for category in size["storageCategory"].as_array().unwrap() {
            for variant in category["price"].as_array().unwrap() {
                if variant["id"] == price {
                    return variant[field].as_i64().unwrap();
                }
            }
        }
    }
    panic!("no variant {price}");
}

pub fn fields(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or("").to_owned(),
                        e["code"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// What `probe` finds once an import has shown: other instances' imports
/// show within the catalogue's 1 s re-check, so 5 s without is a failure.
pub async fn after_import<T, F, Fut>(mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = std::time::Instant::now();
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the import never showed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
