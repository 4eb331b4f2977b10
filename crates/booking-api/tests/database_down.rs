//! A database that stops answering makes `/healthz` and the API answer 503
//! (`SERVICE_UNAVAILABLE`) instead of hanging or failing otherwise, and
//! service resumes when it is back. PostgreSQL only: an embedded SQLite
//! file cannot go away from under its process.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use sqlx::Connection;

async fn admin(sql: &str) {
    let url = std::env::var("DATABASE_URL_PG").unwrap();
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(sql).execute(&mut conn).await.unwrap();
}

async fn health(http: &reqwest::Client, server: &Server) -> u16 {
    http.get(server.url("/healthz"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_database_outage_is_503_then_service_resumes() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let db = TestDb::new(Backend::Postgres).await;
    let server = Server::start(&db, UNLIMITED);
    let http = client();
    let name = db
        .url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(health(&http, &server).await, 200);
    let sel = selection(SIZE_8M, PRICE_8M, "RENT");
    let body = booking_body(&sel, &due(&server, &http, &sel).await);

    admin(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).await;
    admin(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .await;
    let r = http.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let down: serde_json::Value = r.json().await.unwrap();
    assert_eq!(down["status"], "SERVICE_UNAVAILABLE");
    // Priced from the cached catalogue, refused where it must be stored.
    let (status, refused) = post(&http, &server.url("/v1/bookings"), &body, Some("down")).await;
    assert_eq!(
        (status, refused["status"].as_str().unwrap()),
        (503, "SERVICE_UNAVAILABLE")
    );

    admin(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).await;
    assert_eq!(health(&http, &server).await, 200);
    assert_eq!(
        post(&http, &server.url("/v1/bookings"), &body, Some("down"))
            .await
            .0,
        201
    );
    assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);
}
