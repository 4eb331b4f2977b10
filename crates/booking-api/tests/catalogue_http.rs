//! What the catalogue publishes, asked of the real server: the terms
//! document at the seed's URL, the schema, and a property answer with the
//! closures but not the desk's address.
#![allow(clippy::unwrap_used)]

mod common;

use common::{client, get, Api, Backend, Server, TestDb, PROPERTY};

const UNLIMITED: &[&str] = &[
    "--bookings-per-minute",
    "100000",
    "--booking-burst",
    "100000",
];

#[tokio::test]
async fn the_server_publishes_the_terms_the_schema_and_the_closures() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = Server::start(&db, UNLIMITED);
    let http = client();

    let terms = http
        .get(server.url("/terms/2024-01.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(terms.status(), 200);
    let headers = terms.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert!(headers.contains_key("content-security-policy"));
    let html = terms.text().await.unwrap();
    assert!(html.contains("Conditions générales de location"), "{html}");
    assert!(html.contains("Terms and conditions"), "{html}");
    assert!(!html.contains("<script") && !html.contains("style="));

    let missing = http
        .get(server.url("/terms/2099-01.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    let schema = http
        .get(server.url("/catalogue.schema.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(schema.status(), 200);
    assert_eq!(schema.headers()["content-type"], "application/schema+json");
    assert_eq!(
        schema.text().await.unwrap(),
        include_str!("../catalogue.schema.json")
    );

    let (status, body) = get(&http, &server.url(&format!("/v1/properties/{PROPERTY}"))).await;
    assert_eq!(status, 200, "{body}");
    let closures = body["data"]["closures"].as_array().unwrap();
    assert!(
        closures
            .iter()
            .any(|c| c["date"] == "2026-12-25" && c["kind"] == "PUBLIC_HOLIDAY"),
        "{closures:?}"
    );
    assert!(closures.iter().any(|c| c["kind"] == "EXCEPTIONAL"));
    assert_eq!(body["data"]["terms"]["url"], "/terms/2024-01.html");
    let text = body.to_string();
    assert!(!text.contains("notificationEmail"), "{text}");
    assert!(!text.contains("desk@chalets.example"), "{text}");
    assert!(
        !text.contains("<html"),
        "the document stays out of the answer"
    );
}

#[tokio::test]
async fn an_imported_catalogue_serves_its_own_terms() {
    let db = TestDb::new(Backend::Sqlite).await;
    let dir = db.dir.path().join("operator");
    std::fs::create_dir_all(dir.join("legal")).unwrap();
    std::fs::write(
        dir.join("legal/cgl.html"),
        "<!DOCTYPE html><title>CGL</title><h1>CGL mars 2025</h1>",
    )
    .unwrap();
    let mut catalogue = common::seed();
    catalogue["properties"][0]["details"]["terms"] = serde_json::json!({
        "version": "2025-03", "title": "CGL", "url": "/terms/2025-03.html",
        "document": "legal/cgl.html"
    });
    let file = dir.join("catalogue.json");
    std::fs::write(&file, catalogue.to_string()).unwrap();
    let out = std::process::Command::new(common::binary())
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
    let own = http
        .get(server.url("/terms/2025-03.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    assert!(own.text().await.unwrap().contains("CGL mars 2025"));
    let old = http
        .get(server.url("/terms/2024-01.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 404, "the replaced catalogue's terms are gone");
}
